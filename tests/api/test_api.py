"""The JSON API contract other issues and users rely on."""

from __future__ import annotations

import pytest

from m4d.projects.models import Project

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in [
        "/api/projects",
        "/api/projects/{code}",
        "/api/organisations",
        "/api/organisations/{organisation_id}",
        "/api/countries",
        "/api/search",
    ]:
        assert path in schema["paths"], path


def test_browsable_docs_load_nothing_from_a_cdn(client):
    html = client.get("/api/docs").content.decode()
    assert "cdn" not in html.lower()
    assert "/static/" in html


def test_projects_list_shape(client):
    body = client.get("/api/projects?limit=5").json()
    assert body["count"] == 51
    item = body["items"][0]
    assert set(item) >= {
        *("code", "title", "title_fr", "title_en", "summary", "summary_fr", "summary_en"),
        *("countries", "partners", "capitals", "url"),
    }
    assert set(item["countries"][0]) == {"iso2", "name"}
    assert set(item["partners"][0]) == {"id", "name", "gloss", "type", "country"}


@pytest.mark.parametrize("country", ["ML", "ml", "Mali", "MLI"])
def test_country_filter_accepts_codes_and_names(client, country):
    body = client.get("/api/projects", {"country": country}).json()
    assert body["count"] > 0
    assert all(any(c["iso2"] == "ML" for c in item["countries"]) for item in body["items"])


def test_filters_combine(client):
    body = client.get("/api/projects", {"capital": "financial", "q": "transferts"}).json()
    assert body["count"] > 0
    assert all("financial" in item["capitals"] for item in body["items"])


def test_pagination_with_limit_and_offset(client):
    first = client.get("/api/projects", {"limit": 10, "offset": 0}).json()["items"]
    second = client.get("/api/projects", {"limit": 10, "offset": 10}).json()["items"]
    assert len(first) == len(second) == 10
    assert not {i["code"] for i in first} & {i["code"] for i in second}


@pytest.mark.parametrize("code", ["Alg%C3%A9rie-1", "algerie-1", "Algérie-1"])
def test_project_by_code_or_slug(client, code):
    body = client.get(f"/api/projects/{code}").json()
    assert body["code"] == "Algérie-1"


def test_printed_code_moldova_27_resolves(client):
    assert client.get("/api/projects/Moldova-27").json()["code"] == "Moldavie-27"


def test_unknown_project_is_404_with_a_message(client):
    response = client.get("/api/projects/nowhere-999")
    assert response.status_code == 404
    assert "nowhere-999" in response.json()["detail"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_title_is_in_the_requested_language_and_title_fr_as_printed(client, lang):
    project = Project.objects.get(code="Algérie-1")

    body = client.get(f"/api/projects/{project.slug}", {"lang": lang}).json()

    assert body["title"] == (project.title_en if lang == "en" else project.title_fr)
    assert (body["title_fr"], body["title_en"]) == (project.title_fr, project.title_en)
    assert body["summary"] == (project.summary_en if lang == "en" else project.summary_fr)
    assert (body["summary_fr"], body["summary_en"]) == (project.summary_fr, project.summary_en)


def test_language_parameter_and_header_choose_text_language(client):
    fr = client.get("/api/projects/algerie-1?lang=fr").json()
    en = client.get("/api/projects/algerie-1?lang=en").json()
    assert fr["countries"][0]["name"] == "Algérie"
    assert en["countries"][0]["name"] == "Algeria"
    assert fr["summary"] != en["summary"]
    header = client.get("/api/projects/algerie-1", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").json()
    assert header["countries"][0]["name"] == "Algérie"


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=abc",
        "offset=-1",
        "capital=gold",
        "country=Atlantis",
        "type=club",
        "organisation=0",
        "sort=random",
        "organisation=999999999",
    ],
)
def test_invalid_parameters_give_422_with_a_message(client, query):
    response = client.get(f"/api/projects?{query}")
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_organisations_list_and_detail(client):
    body = client.get("/api/organisations", {"country": "DZ"}).json()
    assert body["count"] > 0 and all(item["country"] == "DZ" for item in body["items"])
    forum = client.get("/api/organisations", {"q": "Forum algérien"}).json()["items"][0]
    detail = client.get(f"/api/organisations/{forum['id']}").json()
    assert {p["code"] for p in detail["project_list"]} == {"Algérie-2", "Algérie-3"}
    assert detail["co_partners"]
    assert client.get("/api/organisations/999999999").status_code == 404
    assert client.get("/api/organisations", {"type": "club"}).status_code == 422


def test_countries_lists_those_with_projects(client):
    countries = client.get("/api/countries").json()
    mali = next(c for c in countries if c["iso2"] == "ML")
    assert mali["projects"] > 0 and mali["name_fr"] == "Mali"
    assert len(client.get("/api/countries?all=true").json()) == 249


def test_search_endpoint(client):
    body = client.get("/api/search", {"q": "aquaculture"}).json()
    assert body["items"] and set(body["items"][0]) == {
        "kind",
        "title",
        "url",
        "snippet",
        "snippet_html",
    }
    assert body["suggestion"] == ""
    assert any(item["title"].startswith("Égypte-11") for item in body["items"])
    assert client.get("/api/search", {"q": "x" * 500}).status_code == 422
