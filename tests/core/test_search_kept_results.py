"""A query's first results are kept per registry generation (`search.KEPT_RESULTS`): its pages read
only the entries they show, in the order the database ranks them, before and past the kept ones,
and a write to the index is seen at once."""

from __future__ import annotations

import pytest

from m4d.core import generation, search
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def ranked_ids(query: str, *, limit: int, offset: int = 0) -> list[int]:
    return [
        hit.object_id
        for hit in search.search(query, language="en", limit=limit, offset=offset).hits
    ]


def test_pages_before_and_past_the_kept_results_follow_the_ranking(monkeypatch):
    everything = ranked_ids("migration", limit=40)
    assert len(everything) == 40
    monkeypatch.setattr(search, "KEPT_RESULTS", 10)

    pages = [ranked_ids("migration", limit=5, offset=start) for start in range(0, 40, 5)]

    assert [object_id for page in pages for object_id in page] == everything


def test_a_reindexed_record_is_found_at_once_by_a_query_already_asked():
    assert search.search("Húsavík", language="en").count == 0

    project = make_project("Fishermen of Húsavík", countries=("IS",))
    search.reindex("project", [project.pk])
    generation.bump()  # as every service write and `m4d reindex` do

    assert [hit.object_id for hit in search.search("Húsavík", language="en").hits] == [project.pk]
