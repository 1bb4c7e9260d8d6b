"""A filtered list's count, facets and first ids are kept per registry generation
(`selectors.ListSummary`): later visitors read only the projects of their page, and what they see
is what the database says, on every page and after every write."""

from __future__ import annotations

import pytest

from m4d.core import cache, generation
from m4d.projects import selectors
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def codes_on_page(client, number: int) -> list[str]:
    page = client.get("/projects/", {"page": number}).context["page"]
    return [p.code for p in page.object_list]


def test_pages_before_and_past_the_kept_ids_follow_the_list_order(client, monkeypatch):
    monkeypatch.setattr(selectors, "KEPT_IDS", 20)  # only the first page's ids are kept
    in_order = list(
        selectors.filter_projects(
            selectors.ProjectFilters(), among=selectors.listed(None)
        ).values_list("code", flat=True)
    )
    assert len(in_order) > 40  # the shipped projects fill three pages

    for _visit in ("computing the summary", "reusing it"):
        for number in (1, 2, 3):
            assert codes_on_page(client, number) == in_order[(number - 1) * 20 : number * 20]
        cache.pages.clear()  # whole pages forgotten, the list's summary kept


def test_a_write_changes_the_count_and_the_pages_of_a_kept_list(client):
    before = client.get("/projects/", {"country": "IS"}).context["page"]
    assert before.paginator.count == 0

    added = make_project("Fishermen of Húsavík", countries=("IS",))
    generation.bump()  # the factory writes without a service (which would move it on)

    after = client.get("/projects/", {"country": "IS"}).context["page"]
    assert after.paginator.count == 1
    assert [p.code for p in after.object_list] == [added.code]


def test_the_api_pages_through_the_same_kept_list(client):
    first = client.get("/api/projects", {"capital": "financial", "limit": 5}).json()
    second = client.get("/api/projects", {"capital": "financial", "limit": 5, "offset": 5}).json()
    page = client.get("/projects/", {"capital": "financial"}).context["page"]

    assert first["count"] == second["count"] == page.paginator.count
    listed = [item["code"] for item in first["items"] + second["items"]]
    assert listed == [p.code for p in page.object_list][:10]


def test_two_sorts_of_the_same_filters_are_two_kept_lists(client):
    by_code = [p.code for p in client.get("/projects/", {"sort": "code"}).context["page"]]
    by_title = [p.code for p in client.get("/projects/", {"sort": "title"}).context["page"]]

    assert by_title != by_code
    assert by_title == [
        p.code
        for p in selectors.filter_projects(
            selectors.ProjectFilters(sort="title"), among=selectors.listed(None)
        )[:20]
    ]
