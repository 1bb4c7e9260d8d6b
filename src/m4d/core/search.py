"""One search over every kind of record, on SQLite FTS5 or PostgreSQL full-text search.

Apps join by registering an adapter in their AppConfig.ready():

    search.register(ProjectSearch())

An adapter names its `kind`, a translatable `label`, and yields `Document`s for all or some of its
objects. Services call `search.reindex(kind, ids)` after writes; `m4d reindex` rebuilds everything.
A later app adds words to an earlier kind's documents with `search.contribute(kind, additions)`
(the toolbox adds a project's case study), and declares with `follow` when they must be rewritten.
How queries are read and ranked: `m4d.core.searchquery` (decision 0014).

A document may show another kind's records (a project's partner and country names): the adapter of
the showing kind declares it with `search.follow(shown_kind, kind, ids_showing)`, and services call
`search.refresh(kind, ids)` so that the records showing the changed ones are rewritten too. For a
delete, ask `showing(kind, ids)` before the rows go (the links go with them), then `forget(...)`.
Both backends match the same Python-computed tokens (see `m4d.lib.text.search_terms`), so a query
returns the same hits on both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import connection, transaction
from django.utils.functional import Promise

from m4d.core import cache
from m4d.core.models import SearchEntry, SearchTerm
from m4d.core.searchquery import Query, Scorer, parse
from m4d.core.snippets import Snippet, snippet
from m4d.lib.iterables import chunks
from m4d.lib.text import compounds, joined, search_terms

BATCH = 2000
# The ids of a query's first results are kept per registry generation: most visits read page 1.
KEPT_RESULTS = 200


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    title_en: str
    title_fr: str
    url: str
    text_en: str = ""
    text_fr: str = ""
    extra: str = ""  # words that should find the record but are not shown (codes, aliases)
    names: str = ""  # names shown with the record (partners, countries): they rank like the title


@dataclass(frozen=True)
class Addition:
    """Words another app adds to a document: `names` rank like its title, `text` like its text."""

    names: str = ""
    text: str = ""


class Adapter(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str | Promise: ...

    def documents(self, ids: Sequence[int] | None = None) -> Iterable[Document]: ...


_adapters: dict[str, Adapter] = {}
_contributors: dict[str, list[Callable[[Sequence[int]], dict[int, Addition]]]] = {}
# shown kind -> [(showing kind, ids of its records showing the given ones)]
_followers: dict[str, list[tuple[str, Callable[[Sequence[int]], Iterable[int]]]]] = {}


def register(adapter: Adapter) -> None:
    _adapters[adapter.kind] = adapter


def adapters() -> dict[str, Adapter]:
    return dict(_adapters)


def contribute(kind: str, additions: Callable[[Sequence[int]], dict[int, Addition]]) -> None:
    """`additions(ids)` gives words to add to the documents of these records of `kind`."""
    _contributors.setdefault(kind, []).append(additions)


def follow(shown: str, kind: str, ids_showing: Callable[[Sequence[int]], Iterable[int]]) -> None:
    """Documents of `kind` show records of kind `shown`; `ids_showing(ids)` names those records."""
    _followers.setdefault(shown, []).append((kind, ids_showing))


def showing(kind: str, ids: Sequence[int]) -> dict[str, set[int]]:
    """The records of other kinds whose documents show these ones, directly or through others."""
    found: dict[str, set[int]] = {}
    todo = [(kind, set(ids))]
    while todo:
        shown, shown_ids = todo.pop()
        for follower, ids_showing in _followers.get(shown, []):
            new = set(ids_showing(sorted(shown_ids))) - found.get(follower, set())
            if follower == kind:
                new -= set(ids)
            if new:
                found.setdefault(follower, set()).update(new)
                todo.append((follower, new))
    return found


@transaction.atomic
def refresh(kind: str, ids: Sequence[int]) -> None:
    """Rewrite the entries of these records and of every record whose document shows them.

    `kind` may have no adapter of its own when its records only appear inside others' documents
    (a toolbox figure inside its section's)."""
    if kind in _adapters:
        reindex(kind, ids)
    for follower, follower_ids in showing(kind, ids).items():
        reindex(follower, sorted(follower_ids))


@transaction.atomic
def forget(kind: str, ids: Sequence[int], shown_by: dict[str, set[int]]) -> None:
    """Remove deleted records; rewrite `shown_by` (asked with `showing()` before the delete)."""
    remove(kind, ids)
    for follower, follower_ids in shown_by.items():
        reindex(follower, sorted(follower_ids))


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    snippet: str
    snippet_html: str = ""

    @property
    def kind_label(self) -> str:
        adapter = _adapters.get(self.kind)
        return str(adapter.label) if adapter else self.kind


@dataclass(frozen=True)
class Results:
    count: int
    hits: list[Hit]
    suggestion: str = ""  # the query with misspelled words corrected ("did you mean")


def _entry(doc: Document, additions: Sequence[Addition] = ()) -> SearchEntry:
    names = " ".join([doc.names, *(a.names for a in additions)])
    text = " ".join(a.text for a in additions)
    return SearchEntry(
        kind=doc.kind,
        object_id=doc.object_id,
        title_en=doc.title_en[:500],
        title_fr=doc.title_fr[:500],
        text_en=doc.text_en,
        text_fr=doc.text_fr,
        url=doc.url,
        terms=search_terms(
            doc.title_en, doc.title_fr, names, doc.text_en, doc.text_fr, doc.extra, text
        ),
        title_terms=search_terms(doc.title_en, doc.title_fr, names),
    )


def _vocabulary(entries: Sequence[SearchEntry], additions: Iterable[Addition]) -> set[str]:
    """The words (not stems) of these entries, compounds joined too: what "did you mean" offers."""
    texts = [t for e in entries for t in (e.title_en, e.title_fr, e.text_en, e.text_fr)]
    texts += [t for a in additions for t in (a.names, a.text)]
    found: set[str] = set()
    for text in texts:
        for parts in compounds(text or ""):
            found.update(parts)
            if len(parts) > 1:
                found.add(joined(parts))
    return {w for w in found if 3 <= len(w) <= 60 and not w.isdigit()}


@transaction.atomic
def reindex(kind: str, ids: Sequence[int] | None = None) -> int:
    """Rewrite the entries of one kind (all of them, or only `ids`). Returns how many were written."""
    adapter = _adapters[kind]
    if ids is None:
        SearchEntry.objects.filter(kind=kind).delete()
        return _write(adapter.documents(None))
    written = 0
    # Batches keep `IN (...)` lists under SQLite's variable limit.
    for batch in chunks(ids, BATCH):
        SearchEntry.objects.filter(kind=kind, object_id__in=batch).delete()
        written += _write(adapter.documents(batch))
    return written


def _write(documents: Iterable[Document]) -> int:
    written = 0
    for batch in chunks(documents, BATCH):
        additions: dict[tuple[str, int], list[Addition]] = {}
        for kind in {doc.kind for doc in batch} & set(_contributors):
            ids = [doc.object_id for doc in batch if doc.kind == kind]
            for contributor in _contributors[kind]:
                for object_id, addition in contributor(ids).items():
                    additions.setdefault((kind, object_id), []).append(addition)
        entries = [_entry(doc, additions.get((doc.kind, doc.object_id), ())) for doc in batch]
        SearchEntry.objects.bulk_create(entries)
        vocabulary = _vocabulary(entries, (a for found in additions.values() for a in found))
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t) for t in sorted(vocabulary)],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        written += len(batch)
    return written


def remove(kind: str, ids: Sequence[int]) -> None:
    for batch in chunks(ids, BATCH):
        SearchEntry.objects.filter(kind=kind, object_id__in=batch).delete()


@transaction.atomic
def reindex_all() -> dict[str, int]:
    SearchTerm.objects.all().delete()
    return {kind: reindex(kind) for kind in _adapters}


def is_query(text: str) -> bool:
    """Whether `text` has a word to search for (punctuation alone is no query)."""
    return bool(parse(text, correct=False))


def highlighted(query: Query, text: str) -> Snippet:
    """A snippet of `text` with the query's words marked (another app's list showing records)."""
    tokens, prefixes = query.highlight
    return snippet(text, tokens, prefixes)


def query_for(text: str) -> Query:
    """The parsed query (the one parser of every search box and API parameter)."""
    return parse(text)


def matching_ids_sql(query: str | Query, kind: str) -> tuple[str, list[str]] | None:
    """SQL selecting the object ids of `kind` that match at least one word of `query`, to use as a
    subquery filter. None when the query has no searchable word (the caller then does not filter).
    """
    parsed = query if isinstance(query, Query) else parse(query)
    if not parsed:
        return None
    condition, params = Scorer(parsed).any_match()
    # On SQLite the full-text match drives the query (run once, as `IN (SELECT rowid …)`); joined
    # the other way round, SQLite may re-run the match for every entry of the kind.
    return f"SELECT e.object_id FROM core_searchentry e WHERE e.kind = %s AND {condition}", [
        kind,
        *params,
    ]


def relevance_sql(query: str | Query, kind: str, object_id: str) -> tuple[str, list[str]] | None:
    """A correlated SQL expression: the score of the record whose id is the column `object_id`
    (higher is better), for ordering another app's list by relevance."""
    parsed = query if isinstance(query, Query) else parse(query)
    if not parsed:
        return None
    score, params = Scorer(parsed).score()
    sql = f"SELECT {score} FROM core_searchentry e WHERE e.kind = %s AND e.object_id = {object_id}"
    return sql, [*params, kind]


def search(
    query: str,
    *,
    language: str,
    kinds: Sequence[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Best-ranked records for `query`, titles and snippets in `language`."""
    parsed = parse(query)
    if not parsed:
        return Results(0, [])
    kinds = [k for k in (kinds or _adapters) if k in _adapters]
    if not kinds:
        return Results(0, [], parsed.suggestion)
    scorer = Scorer(parsed)
    source, condition, condition_params = scorer.source()
    score, score_params = scorer.score()
    marks = ", ".join(["%s"] * len(kinds))
    where = f"{condition} AND e.kind IN ({marks})"
    params: list[str | int] = [*condition_params, *kinds]
    count_sql = f"SELECT COUNT(*) FROM {source} WHERE {where}"
    page_sql = (
        f"SELECT e.id, {score} AS score FROM {source} WHERE {where} "
        "ORDER BY score DESC, e.id LIMIT %s OFFSET %s"
    )

    def ranked(size: int, start: int) -> tuple[int, list[int]]:
        return _ranked(count_sql, page_sql, params, score_params, size, start)

    if offset + limit <= KEPT_RESULTS:
        # The same query again (its next pages, other visitors) reads only the entries it shows.
        key = f"search {page_sql} {score_params!r} {params!r}"
        count, first = cache.for_registry(key, lambda: ranked(KEPT_RESULTS, 0))
        ids = first[offset : offset + limit]
    else:
        count, ids = ranked(limit, offset)
    entries = SearchEntry.objects.in_bulk(ids)
    tokens, prefixes = parsed.highlight
    hits = [_hit(entries[i], language, tokens, prefixes) for i in ids if i in entries]
    return Results(count, hits, parsed.suggestion if count else "")


def _ranked(
    count_sql: str,
    page_sql: str,
    params: list[str | int],
    score_params: list[str],
    limit: int,
    offset: int,
) -> tuple[int, list[int]]:
    """How many entries match, and the ids of those from `offset`, best first."""
    postgres = connection.vendor == "postgresql"
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            # PostgreSQL overestimates how many rows a query of several alternatives matches and
            # then prefers a parallel scan of the whole table, evaluating the match on every row
            # (10 times slower here than the GIN index); for these two queries only, tell it not to.
            cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            cursor.execute(count_sql, params)
            count: int = cursor.fetchone()[0]
            cursor.execute(page_sql, [*score_params, *params, limit, offset])
            ids = [row[0] for row in cursor.fetchall()]
        finally:
            if postgres:
                cursor.execute("SET LOCAL enable_seqscan = on")
    return count, ids


def _hit(
    entry: SearchEntry, language: str, tokens: frozenset[str], prefixes: tuple[str, ...]
) -> Hit:
    title = (
        (entry.title_fr if language == "fr" else entry.title_en) or entry.title_en or entry.title_fr
    )
    text = (entry.text_fr if language == "fr" else entry.text_en) or entry.text_en or entry.text_fr
    found = snippet(text, tokens, prefixes)
    return Hit(entry.kind, entry.object_id, title, entry.url, found.text, found.html)
