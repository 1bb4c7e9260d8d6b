"""One search over every kind: accents, case and French/English word forms do not matter."""

from __future__ import annotations

import pytest

from m4d.core import search
from m4d.lib.text import fold, search_terms

pytestmark = pytest.mark.django_db


def titles(query: str, **kwargs) -> list[str]:
    return [hit.title for hit in search.search(query, language="fr", limit=50, **kwargs).hits]


def test_folding_removes_accents_and_case():
    assert fold("Équateur") == "equateur"
    assert "transfert" in search_terms("transferts")


def test_equateur_finds_the_country_without_its_accent():
    results = search.search("equateur", language="fr", kinds=["country"])
    assert [hit.title for hit in results.hits][:1] == ["Équateur"]


def test_plural_finds_singular():
    assert any(
        "Transfert" in t or "transfert" in t for t in titles("transferts", kinds=["project"])
    )


def test_aquaculture_finds_egypt_11():
    assert any(t.startswith("Égypte-11") for t in titles("aquaculture", kinds=["project"]))


def test_an_english_word_finds_a_project_in_french_too():
    results = search.search("remittances", language="fr", kinds=["project"])
    assert results.count > 0
    # titles come back in the requested language
    assert all(" – " in hit.title for hit in results.hits)


def test_search_across_kinds_reports_the_kind():
    results = search.search("mali", language="en", limit=50)
    assert {"country", "project"} <= {hit.kind for hit in results.hits}


def test_a_query_without_words_returns_nothing():
    assert search.search("  -- ** ", language="en").count == 0


def test_hostile_query_syntax_is_treated_as_words():
    for query in [
        '"unclosed',
        "NEAR(a b)",
        "a OR",
        "col:val",
        "x*",
        "') DROP TABLE x; --",
        "(a & b) | !c",
    ]:
        results = search.search(query, language="en")  # must not raise
        assert len(results.hits) <= results.count
    # the words inside the syntax still count: "Mali" wrapped in operators finds the country
    assert any(hit.title == "Mali" for hit in search.search('"mali*) (', language="en").hits)


def test_the_project_list_filter_uses_the_same_search():
    from m4d.projects.selectors import ProjectFilters, filter_projects

    codes = list(filter_projects(ProjectFilters(q="aquaculture")).values_list("code", flat=True))
    assert "Égypte-11" in codes
