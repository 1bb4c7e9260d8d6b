"""What a search query means, and the SQL that scores records against it (decision 0014).

One parser for every search box and API parameter: the query's punctuation is plain text (no
FTS5 or tsquery syntax gets through), stop words are dropped unless nothing else is left, each
remaining word becomes a group of alternatives (the word, its French and English stems, its joined
form when hyphenated, a spelling correction from the index's own words when it has none), and a
phrase of the synonym file widens its group with every equivalent phrase.

A record's score counts the query words it matches (all words first), then those matched in its
title or names, then prefers shorter titles; the same integer arithmetic on SQLite and PostgreSQL,
so both give the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection

from m4d.core.models import SearchTerm
from m4d.core.synonyms import Synonyms
from m4d.core.synonyms import shipped as shipped_synonyms
from m4d.lib.text import STOP_WORDS, compounds, edit_distance, fold, joined, stems

FTS_TABLE = "core_search_fts"
MAX_QUERY_WORDS = 12
MIN_PREFIX = 3
# Score = words matched, then words matched in titles and names, then shorter titles first (the
# title, early in the row, is cheap to read; the terms of thousands of candidates are not).
WORD_WEIGHT = 10_000_000
TITLE_WEIGHT = 100_000
LENGTH_CAP = 99_999


@dataclass(frozen=True)
class Term:
    """One word: matches a record having any of `tokens`, or a word starting with `prefix`."""

    tokens: tuple[str, ...]
    prefix: str = ""


Alternative = tuple[Term, ...]  # every term must match


@dataclass(frozen=True)
class Group:
    """Some consecutive words of the query and the ways a record may match them."""

    words: tuple[str, ...]
    literal: tuple[Term, ...]  # one per word
    alternatives: tuple[Alternative, ...]  # the literal words first, then synonyms


@dataclass(frozen=True)
class Query:
    text: str
    groups: tuple[Group, ...]
    corrections: dict[str, str] = field(default_factory=dict)  # misspelled word -> index word

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def highlight(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """Tokens and prefixes whose words a snippet marks."""
        tokens: set[str] = set()
        prefixes: set[str] = set()
        for group in self.groups:
            for alternative in (group.literal, *group.alternatives):
                for term in alternative:
                    tokens.update(term.tokens)
                    if term.prefix:
                        prefixes.add(term.prefix)
        return frozenset(tokens), tuple(sorted(prefixes))

    @property
    def suggestion(self) -> str:
        """The query with its misspelled words corrected, or '' when nothing was corrected."""
        if not self.corrections:
            return ""

        def replace(match: re.Match[str]) -> str:
            return self.corrections.get(fold(match.group()), match.group())

        return re.sub(r"[^\W_]+", replace, self.text)


def _term(word: str, prefix: bool = False) -> Term:
    return Term(stems(word), word if prefix and len(word) >= MIN_PREFIX else "")


def parse(text: str, *, synonyms: Synonyms | None = None, correct: bool = True) -> Query:
    """The query's groups; misspelled words (unknown to the index) are corrected when `correct`."""
    units = [joined(parts) for parts in compounds(text)]
    kept = [w for w in units if w not in STOP_WORDS] or units
    kept = kept[:MAX_QUERY_WORDS]
    if not kept:
        return Query(text, ())
    corrections = _corrections(kept) if correct else {}
    synonyms = synonyms or shipped_synonyms()
    groups: list[Group] = []
    corrected = [corrections.get(w, w) for w in kept]  # a corrected word's synonyms count too
    index = 0
    while index < len(kept):
        found = synonyms.longest_match(corrected, index)
        size = found[0] if found else 1
        words = tuple(kept[index : index + size])
        last = index + size == len(kept)
        literal = tuple(
            _literal(w, prefix=last and i == size - 1, correction=corrections.get(w))
            for i, w in enumerate(words)
        )
        alternatives: list[Alternative] = [literal]
        if found:
            for phrase in found[1].words:
                alternative = tuple(_term(w) for w in phrase)
                if (
                    phrase != tuple(corrected[index : index + size])
                    and alternative not in alternatives
                ):
                    alternatives.append(alternative)
        groups.append(Group(words, literal, tuple(alternatives)))
        index += size
    return Query(text, tuple(groups), corrections)


def _literal(word: str, *, prefix: bool, correction: str | None) -> Term:
    term = _term(word, prefix)
    if correction:
        term = Term(tuple(dict.fromkeys((*term.tokens, *stems(correction)))), term.prefix)
    return term


def _corrections(words: Sequence[str]) -> dict[str, str]:
    """For each word the index does not know, the closest word it knows (same first letter,
    a small edit distance, the most frequent when several are as close)."""
    candidates = [w for w in words if len(w) >= 4 and not w.isdigit()]
    if not candidates:
        return {}
    known = set(SearchTerm.objects.filter(term__in=candidates).values_list("term", flat=True))
    corrections = {}
    for word in candidates:
        if word in known or (
            word == words[-1] and SearchTerm.objects.filter(term__startswith=word).exists()
        ):
            continue
        limit = 1 if len(word) <= 5 else 2
        close = [
            (distance, term)
            for term in SearchTerm.objects.filter(term__startswith=word[0]).values_list(
                "term", flat=True
            )
            if abs(len(term) - len(word)) <= limit
            and (distance := edit_distance(word, term, limit)) <= limit
        ]
        for distance in sorted({d for d, _t in close}):
            # A word whose records are gone (the vocabulary keeps it until a reindex) finds nothing.
            found = [(_frequency(t), t) for t in sorted(t for d, t in close if d == distance)[:5]]
            found = [(n, t) for n, t in found if n]
            if found:
                corrections[word] = min(found, key=lambda item: (-item[0], item[1]))[1]
                break
    return corrections


def _frequency(term: str, cap: int = 1000) -> int:
    """How many entries have `term` (counted up to `cap`)."""
    fts, tsq = fts_term(Term((term,))), ts_term(Term((term,)))
    if connection.vendor == "postgresql":
        sql = (
            "SELECT COUNT(*) FROM (SELECT 1 FROM core_searchentry "
            "WHERE search_vector @@ to_tsquery('simple', %s) LIMIT %s) found"
        )
        params: list[str | int] = [tsq, cap]
    else:
        sql = (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)"
        )
        params = [fts, cap]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


# Expressions. Tokens are folded words (letters and digits only), safe inside FTS5 quotes and as
# tsquery lexemes.


def fts_term(term: Term) -> str:
    options = [f'"{t}"' for t in term.tokens] + ([f'"{term.prefix}"*'] if term.prefix else [])
    return "(" + " OR ".join(options) + ")"


def ts_term(term: Term, weight: str = "") -> str:
    options = [f"{t}:{weight}" if weight else t for t in term.tokens]
    if term.prefix:
        options.append(f"{term.prefix}:*{weight}")
    return "(" + " | ".join(options) + ")"


def _alternatives_fts(alternatives: Iterable[Alternative]) -> str:
    return "(" + " OR ".join("(" + " AND ".join(map(fts_term, a)) + ")" for a in alternatives) + ")"


def _alternatives_ts(alternatives: Iterable[Alternative], weight: str = "") -> str:
    return (
        "("
        + " | ".join("(" + " & ".join(ts_term(t, weight) for t in a) + ")" for a in alternatives)
        + ")"
    )


class Scorer:
    """SQL pieces for one query, over `core_searchentry` seen as `alias`."""

    def __init__(self, query: Query, alias: str = "e") -> None:
        self.query = query
        self.alias = alias
        self.postgres = connection.vendor == "postgresql"

    def _matches(self, alternatives: Sequence[Alternative], title: bool) -> tuple[str, list[str]]:
        a = self.alias
        if self.postgres:
            expression = _alternatives_ts(alternatives, "A" if title else "")
            return f"CASE WHEN {a}.search_vector @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END", [
                expression
            ]
        expression = _alternatives_fts(alternatives)
        if title:
            expression = "{title_terms} : " + expression
        return (
            f"CASE WHEN {a}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) "
            "THEN 1 ELSE 0 END",
            [expression],
        )

    def _words_matched(self, title: bool) -> tuple[str, list[str]]:
        parts: list[str] = []
        params: list[str] = []
        greatest = "GREATEST" if self.postgres else "max"
        for group in self.query.groups:
            whole, whole_params = self._matches(group.alternatives, title)
            size = len(group.words)
            if size == 1:
                parts.append(whole)
                params += whole_params
                continue
            # A phrase: all its words, or any synonym of it, count for all of them; otherwise each
            # word found counts for one.
            each = [self._matches([(term,)], title) for term in group.literal]
            parts.append(
                f"{greatest}({size} * {whole}, " + " + ".join(sql for sql, _p in each) + ")"
            )
            params += whole_params + [p for _sql, ps in each for p in ps]
        return "(" + " + ".join(parts) + ")", params

    def score(self) -> tuple[str, list[str]]:
        """An integer expression: higher is better."""
        words, word_params = self._words_matched(title=False)
        titles, title_params = self._words_matched(title=True)
        least = "LEAST" if self.postgres else "min"
        sql = (
            f"({words} * {WORD_WEIGHT} + {titles} * {TITLE_WEIGHT} "
            f"- {least}(length({self.alias}.title_en), {LENGTH_CAP}))"
        )
        return sql, word_params + title_params

    def source(self) -> tuple[str, str, list[str]]:
        """FROM and WHERE clauses selecting the entries (as `alias`) that match at least one word,
        the full-text index driving: on SQLite a join from the FTS5 table (with an `IN` condition
        instead, SQLite may count by scanning every entry)."""
        if self.postgres:
            condition, params = self.any_match()
            return f"core_searchentry {self.alias}", condition, params
        return (
            f"{FTS_TABLE} JOIN core_searchentry {self.alias} ON {self.alias}.id = {FTS_TABLE}.rowid",
            f"{FTS_TABLE} MATCH %s",
            [_alternatives_fts(self._any_alternatives())],
        )

    def _any_alternatives(self) -> list[Alternative]:
        alternatives = [a for group in self.query.groups for a in group.alternatives]
        # a phrase's words also find records on their own (see `_words_matched`)
        alternatives += [
            (term,)
            for group in self.query.groups
            if len(group.literal) > 1
            for term in group.literal
        ]
        return alternatives

    def any_match(self) -> tuple[str, list[str]]:
        """A condition true for records matching at least one word (through the full-text index)."""
        alternatives = self._any_alternatives()
        a = self.alias
        if self.postgres:
            return f"{a}.search_vector @@ to_tsquery('simple', %s)", [
                _alternatives_ts(alternatives)
            ]
        return (
            f"{a}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
            [_alternatives_fts(alternatives)],
        )
