"""Pagination past the last page answers 404 instead of an empty "page 7 of 7"."""

from __future__ import annotations

import pytest

from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db


LISTS = [
    ("/search/", {"q": "migration"}),
    ("/projects/", {}),
    ("/projects/", {"sort": "title"}),
    ("/organisations/", {}),
    ("/organisations/", {"sort": "-projects"}),
]


@pytest.mark.parametrize(("url", "params"), LISTS)
def test_a_page_past_the_last_one_is_not_found(client, url, params):
    last = client.get(url, params).context["page"].paginator.num_pages

    assert last > 1
    assert client.get(url, {**params, "page": last}).status_code == 200
    assert client.get(url, {**params, "page": last + 1}).status_code == 404
    assert client.get(url, {**params, "page": 999}).status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1e3", "9" * 30])
@pytest.mark.parametrize(("url", "params"), LISTS)
def test_a_page_that_is_not_a_positive_number_is_not_found(client, url, params, page):
    assert client.get(url, {**params, "page": page}).status_code == 404


def test_the_search_of_the_issue_no_longer_shows_page_7_of_7_empty(client):
    response = client.get("/search/", {"q": "migration", "page": 999})

    assert response.status_code == 404
    assert "Page 999" not in response.content.decode()


def test_an_empty_list_still_has_its_first_page(client):
    for url in ["/projects/", "/organisations/", "/search/"]:
        response = client.get(url, {"q": "zzzxxyq"})

        assert response.status_code == 200
        assert response.context["page"].number == 1


def test_the_last_page_holds_the_remainder(client):
    partner = make_organisation()
    codes = {make_project(partners=[partner]).code for _n in range(21)}

    first = client.get("/projects/", {"organisation": partner.pk}).context["page"]
    second = client.get("/projects/", {"organisation": partner.pk, "page": 2}).context["page"]

    assert (len(first.object_list), len(second.object_list)) == (20, 1)
    assert {p.code for p in [*first.object_list, *second.object_list]} == codes
    assert not second.has_next()
