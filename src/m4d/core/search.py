"""One search over every kind of record, on SQLite FTS5 or PostgreSQL full-text search.

Apps join by registering an adapter in their AppConfig.ready():

    search.register(ProjectSearch())

An adapter names its `kind`, a translatable `label`, and yields `Document`s for all or some of its
objects. Services call `search.reindex(kind, ids)` after writes; `m4d reindex` rebuilds everything.

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

from m4d.core.models import SearchEntry
from m4d.lib.iterables import chunks
from m4d.lib.text import fold, search_terms, stems, words

FTS_TABLE = "core_search_fts"
MAX_QUERY_WORDS = 12
BATCH = 2000


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


class Adapter(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str | Promise: ...

    def documents(self, ids: Sequence[int] | None = None) -> Iterable[Document]: ...


_adapters: dict[str, Adapter] = {}
# shown kind -> [(showing kind, ids of its records showing the given ones)]
_followers: dict[str, list[tuple[str, Callable[[Sequence[int]], Iterable[int]]]]] = {}


def register(adapter: Adapter) -> None:
    _adapters[adapter.kind] = adapter


def adapters() -> dict[str, Adapter]:
    return dict(_adapters)


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

    @property
    def kind_label(self) -> str:
        adapter = _adapters.get(self.kind)
        return str(adapter.label) if adapter else self.kind


@dataclass(frozen=True)
class Results:
    count: int
    hits: list[Hit]


def _entry(doc: Document) -> SearchEntry:
    return SearchEntry(
        kind=doc.kind,
        object_id=doc.object_id,
        title_en=doc.title_en[:500],
        title_fr=doc.title_fr[:500],
        text_en=doc.text_en,
        text_fr=doc.text_fr,
        url=doc.url,
        terms=search_terms(doc.title_en, doc.title_fr, doc.text_en, doc.text_fr, doc.extra),
    )


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
        SearchEntry.objects.bulk_create([_entry(doc) for doc in batch])
        written += len(batch)
    return written


def remove(kind: str, ids: Sequence[int]) -> None:
    for batch in chunks(ids, BATCH):
        SearchEntry.objects.filter(kind=kind, object_id__in=batch).delete()


def reindex_all() -> dict[str, int]:
    return {kind: reindex(kind) for kind in _adapters}


def _query_groups(query: str) -> list[tuple[str, ...]]:
    """Each query word becomes a group of alternatives (the word and its stems)."""
    groups = [stems(word) for word in words(query)[:MAX_QUERY_WORDS]]
    return [group for group in groups if group]


def _match_expression(groups: list[tuple[str, ...]]) -> tuple[str, str]:
    """The FTS5 MATCH string and the PostgreSQL to_tsquery string for the same query.

    The last word also matches as a prefix, so that a partly typed word already finds something.
    """
    fts, tsq = [], []
    for index, group in enumerate(groups):
        last = index == len(groups) - 1
        fts.append("(" + " OR ".join(f'"{t}"' + ("*" if last else "") for t in group) + ")")
        tsq.append("(" + " | ".join(t + (":*" if last else "") for t in group) + ")")
    return " AND ".join(fts), " & ".join(tsq)


def matching_ids_sql(query: str, kind: str) -> tuple[str, list[str]] | None:
    """SQL selecting the object ids of `kind` that match `query`, to use as a subquery filter.

    None when the query has no searchable word (the caller then does not filter).
    """
    groups = _query_groups(query)
    if not groups:
        return None
    fts, tsq = _match_expression(groups)
    if connection.vendor == "postgresql":
        sql = "SELECT object_id FROM core_searchentry WHERE kind = %s AND search_vector @@ to_tsquery('simple', %s)"
        return sql, [kind, tsq]
    # The full-text match must drive the query (run once); joined the other way round, SQLite may
    # re-run the match for every entry of the kind.
    sql = (
        "SELECT object_id FROM core_searchentry WHERE kind = %s "
        f"AND id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
    )
    return sql, [kind, fts]


def search(
    query: str,
    *,
    language: str,
    kinds: Sequence[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Best-ranked records for `query`, titles and snippets in `language`."""
    groups = _query_groups(query)
    if not groups:
        return Results(0, [])
    fts, tsq = _match_expression(groups)
    kinds = [k for k in (kinds or _adapters) if k in _adapters]
    if not kinds:
        return Results(0, [])
    marks = ", ".join(["%s"] * len(kinds))
    if connection.vendor == "postgresql":
        where = f"search_vector @@ to_tsquery('simple', %s) AND kind IN ({marks})"
        params: list[str | int] = [tsq, *kinds]
        count_sql = f"SELECT COUNT(*) FROM core_searchentry WHERE {where}"
        page_sql = (
            f"SELECT id FROM core_searchentry WHERE {where} "
            "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, id "
            "LIMIT %s OFFSET %s"
        )
        page_params = [*params, tsq, limit, offset]
    else:
        where = f"{FTS_TABLE} MATCH %s AND e.kind IN ({marks})"
        params = [fts, *kinds]
        base = f"FROM {FTS_TABLE} f JOIN core_searchentry e ON e.id = f.rowid WHERE {where}"
        count_sql = f"SELECT COUNT(*) {base}"
        page_sql = f"SELECT e.id {base} ORDER BY bm25({FTS_TABLE}, 10.0), e.id LIMIT %s OFFSET %s"
        page_params = [*params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(count_sql, params)
        count = cursor.fetchone()[0]
        cursor.execute(page_sql, page_params)
        ids = [row[0] for row in cursor.fetchall()]
    entries = SearchEntry.objects.in_bulk(ids)
    words_folded = [w for group in groups for w in group]
    hits = [_hit(entries[i], language, words_folded) for i in ids if i in entries]
    return Results(count, hits)


def _hit(entry: SearchEntry, language: str, tokens: list[str]) -> Hit:
    title = (
        (entry.title_fr if language == "fr" else entry.title_en) or entry.title_en or entry.title_fr
    )
    text = (entry.text_fr if language == "fr" else entry.text_en) or entry.text_en or entry.text_fr
    return Hit(entry.kind, entry.object_id, title, entry.url, snippet(text, tokens))


def snippet(text: str, tokens: list[str], width: int = 180) -> str:
    """A window of `text` around the first word that starts with one of `tokens`."""
    if not text:
        return ""
    folded = fold(text)
    # Folding can change length (e.g. 'ß'); fall back to the start when positions disagree.
    position = -1
    if len(folded) == len(text):
        found = [folded.find(token) for token in tokens if token]
        found = [p for p in found if p >= 0]
        position = min(found) if found else -1
    start = max(0, position - width // 3) if position >= 0 else 0
    piece = text[start : start + width].strip()
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")
