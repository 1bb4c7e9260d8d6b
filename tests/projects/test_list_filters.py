"""The project list's filters: one form for the page, the exports and the API — same parameter
names, same messages, and a rejected filter answers with its message and no data on all three."""

from __future__ import annotations

import csv
import io

import pytest

from m4d.organisations.models import Organisation
from m4d.projects.forms import ProjectFilterForm
from m4d.projects.selectors import SORTS
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db

REJECTED = [
    ({"country": "ZZ"}, "Unknown country: ZZ"),
    ({"capital": "gold"}, "gold"),
    ({"org_type": "club"}, "club"),
    ({"organisation": "999999999"}, "Unknown organisation: 999999999"),
    ({"sort": "random"}, "random"),
]


def page_codes(client, params: dict) -> list[str]:
    return [p.code for p in client.get("/projects/", params).context["page"].object_list]


def api_codes(client, params: dict) -> list[str]:
    return [item["code"] for item in client.get("/api/projects", params).json()["items"]]


@pytest.fixture
def partner_with_projects():
    """An organisation with 25 projects (more than one page), titles out of code order."""
    partner = make_organisation(type=Organisation.Type.MIGRANT_ASSOCIATION)
    for n in range(25):
        make_project(f"Project {(n * 7) % 25:02d}", partners=[partner])
    return partner


@pytest.mark.parametrize(("params", "message"), REJECTED)
def test_a_rejected_filter_shows_its_message_and_an_empty_list_on_the_page(client, params, message):
    page = client.get("/projects/", params)

    assert message in page.content.decode()
    assert page.context["page"].paginator.count == 0
    assert list(page.context["page"].object_list) == []


@pytest.mark.parametrize(("params", "message"), REJECTED)
def test_a_rejected_filter_exports_its_message_and_no_rows(client, params, message):
    for fmt in ("csv", "json", "iati"):
        response = client.get(f"/projects/export.{fmt}", params)

        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert message in response.content.decode()
        assert "Content-Disposition" not in response


@pytest.mark.parametrize(("params", "message"), REJECTED)
def test_a_rejected_filter_answers_422_with_its_message_in_the_api(client, params, message):
    response = client.get("/api/projects", params)

    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert "items" not in response.json()


@pytest.mark.parametrize(("params", "_message"), REJECTED)
def test_page_export_and_api_give_the_same_message(client, params, _message):
    page_errors = client.get("/projects/", params).context["form"].messages()
    export = client.get("/projects/export.csv", params).content.decode().strip()
    api = client.get("/api/projects", params).json()["detail"]

    assert page_errors and export == "\n".join(page_errors) and api == " ".join(page_errors)


def test_messages_are_in_the_language_of_the_request(client):
    api = client.get("/api/projects", {"country": "ZZ", "lang": "fr"}).json()["detail"]
    page = client.get("/projects/", {"country": "ZZ", "lang": "fr"}).content.decode()

    assert api == "Pays inconnu : ZZ"
    assert "Pays inconnu\u202f: ZZ" in page  # French spacing (core.typography)


def test_the_unknown_country_export_of_the_issue_returns_no_registry(client):
    response = client.get("/projects/export.csv?country=ZZ")

    assert response.status_code == 400
    assert "Code" not in response.content.decode() and "Algérie" not in response.content.decode()


def test_the_api_list_has_the_items_of_the_page_in_the_same_order(client, partner_with_projects):
    for sort in SORTS:
        params = {"organisation": partner_with_projects.pk, "sort": sort}
        first, second = page_codes(client, params), page_codes(client, {**params, "page": 2})

        assert len(first) == 20 and len(second) == 5
        assert api_codes(client, {**params, "limit": 20}) == first
        assert api_codes(client, {**params, "limit": 20, "offset": 20}) == second


def test_org_type_filters_the_page_the_export_and_the_api(client):
    diaspora = make_organisation(type=Organisation.Type.MIGRANT_ASSOCIATION)
    ngo = make_organisation(type=Organisation.Type.NGO)
    theirs = make_project(partners=[diaspora], countries=["AQ"])
    make_project(partners=[ngo], countries=["AQ"])
    params = {"country": "AQ", "org_type": Organisation.Type.MIGRANT_ASSOCIATION}

    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/projects/export.csv", params).content.decode("utf-8-sig"))
        )
    )

    assert page_codes(client, params) == [theirs.code]
    assert api_codes(client, params) == [theirs.code]
    assert [row["code"] for row in rows] == [theirs.code]


def test_the_old_type_parameter_of_the_api_still_filters_by_org_type(client):
    diaspora = make_organisation(type=Organisation.Type.MIGRANT_ASSOCIATION)
    theirs = make_project(partners=[diaspora], countries=["AQ"])
    make_project(partners=[make_organisation(type=Organisation.Type.NGO)], countries=["AQ"])

    assert api_codes(client, {"country": "AQ", "type": Organisation.Type.MIGRANT_ASSOCIATION}) == [
        theirs.code
    ]


def test_the_api_documents_the_parameters_of_the_filter_form(client):
    schema = client.get("/api/openapi.json").json()
    documented = {p["name"] for p in schema["paths"]["/api/projects"]["get"]["parameters"]}

    assert set(ProjectFilterForm.base_fields) <= documented
    assert documented - set(ProjectFilterForm.base_fields) == {"limit", "offset", "type"}


def test_the_sort_choices_are_the_sorts_of_the_selector():
    choices = [value for value, _label in ProjectFilterForm.base_fields["sort"].choices]

    assert choices == list(SORTS)
