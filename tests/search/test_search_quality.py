"""The labelled queries are a specification: the shipped registry answers them well."""

from __future__ import annotations

import pytest

from m4d.core.models import SearchEntry
from tests.search.quality import evaluate, keyword_baseline, labelled_queries, m4d_search

pytestmark = pytest.mark.django_db


def test_the_labelled_set_has_at_least_sixty_queries_in_both_languages():
    queries = labelled_queries()
    assert len(queries) >= 60
    tags = {tag for q in queries for tag in q.tags}
    assert {"fr", "en", "names", "places", "themes", "synonyms", "misspellings"} <= tags
    assert {"cross-language"} <= tags


def test_every_expected_record_is_in_the_index():
    urls = set(SearchEntry.objects.values_list("url", flat=True))
    assert {e for q in labelled_queries() for e in q.expect} <= urls


def test_search_finds_the_expected_record_in_the_top_three_for_nine_queries_in_ten():
    scores = evaluate(m4d_search, labelled_queries())
    assert scores.hit3 >= 0.9, scores.misses


def test_search_beats_the_keyword_baseline():
    queries = labelled_queries()
    ours, baseline = evaluate(m4d_search, queries), evaluate(keyword_baseline(), queries)
    assert ours.hit3 > baseline.hit3
    assert ours.mrr > baseline.mrr
