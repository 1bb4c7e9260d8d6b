"""The database's ranking is the score of decision 14, recomputed here in Python from the stored
tokens: run on SQLite and on PostgreSQL, this shows both backends give the same answers."""

from __future__ import annotations

import pytest

from m4d.core import search
from m4d.core.models import SearchEntry
from m4d.core.searchquery import LENGTH_CAP, TITLE_WEIGHT, WORD_WEIGHT, Group, Term, parse
from tests.search.quality import labelled_queries

pytestmark = pytest.mark.django_db


def has(term: Term, tokens: set[str]) -> bool:
    return bool(tokens.intersection(term.tokens)) or bool(
        term.prefix and any(t.startswith(term.prefix) for t in tokens)
    )


def value(group: Group, tokens: set[str]) -> int:
    whole = any(all(has(t, tokens) for t in alternative) for alternative in group.alternatives)
    if len(group.words) == 1:
        return int(whole)
    return max(len(group.words) * whole, sum(has(t, tokens) for t in group.literal))


def expected_order(query: str, limit: int = 10) -> list[tuple[str, int]]:
    parsed = parse(query)
    scored = []
    for entry in SearchEntry.objects.all():
        terms, titles = set(entry.terms.split()), set(entry.title_terms.split())
        words = sum(value(g, terms) for g in parsed.groups)
        if not words:
            continue
        in_titles = sum(value(g, titles) for g in parsed.groups)
        score = (
            words * WORD_WEIGHT + in_titles * TITLE_WEIGHT - min(len(entry.title_en), LENGTH_CAP)
        )
        scored.append((-score, entry.id, (entry.kind, entry.object_id)))
    return [key for _score, _id, key in sorted(scored)[:limit]]


def test_the_database_ranks_every_labelled_query_by_the_documented_score():
    for labelled in labelled_queries():
        hits = search.search(labelled.q, language="en", limit=10).hits
        assert [(h.kind, h.object_id) for h in hits] == expected_order(labelled.q), labelled.q
