"""Registry pages: the project list (search, facets, sorting, pagination, exports), project pages,
case studies, organisations and countries — in English and French."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db.models import Count

from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.places.selectors import countries_with_counts
from m4d.projects import selectors
from m4d.projects.models import Project, ProjectCapital, ProjectCountry
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_the_list_shows_all_projects_with_facet_counts(client):
    page = client.get("/projects/")
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 51
    capitals = {f.value: f.count for f in page.context["facets"]["capital"]}
    assert capitals == dict(ProjectCapital.objects.values_list("capital").annotate(n=Count("id")))


def test_two_facets_narrow_the_list_and_counts_follow(client):
    page = client.get("/projects/", {"country": "EC", "capital": "financial"})
    codes = [p.code for p in page.context["page"].object_list]
    assert codes and all(code.startswith("Équateur") for code in codes)
    country_counts = {f.value: f.count for f in page.context["facets"]["country"]}
    assert country_counts["EC"] == len(codes)


def test_facet_counts_are_the_same_with_read_ids_or_a_subquery():
    projects = selectors.filter_projects(selectors.ProjectFilters(capital="financial"))
    from_ids = selectors.facet_counts(projects, ids=selectors.ordered_ids(projects))
    from_subquery = selectors.facet_counts(projects)
    assert from_ids == from_subquery


def test_sorting_by_title_and_pagination(client):
    first = client.get("/projects/", {"sort": "title"}).context["page"]
    expected = list(
        Project.objects.order_by("title_en", "number").values_list("pk", flat=True)[:20]
    )
    assert [p.pk for p in first.object_list] == expected
    assert first.has_next()
    second = client.get("/projects/", {"sort": "title", "page": 2}).context["page"]
    assert not {p.pk for p in first.object_list} & {p.pk for p in second.object_list}


def test_an_unknown_country_is_a_clear_error_not_a_crash(client):
    page = client.get("/projects/", {"country": "Atlantis"})
    assert page.status_code == 200
    assert "Unknown country: Atlantis" in page.content.decode()


def test_an_empty_result_offers_to_clear_the_filters(client):
    html = client.get("/projects/", {"q": "zzzxxyq"}).content.decode()
    assert "No project matches these filters." in html


def test_htmx_requests_get_only_the_results(client):
    response = client.get("/projects/", {"capital": "human"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "facets" in html


def test_csv_export_opens_in_excel_and_follows_filters(client):
    response = client.get("/projects/export.csv", {"country": "ML"})
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 accents
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows and all("ML" in row["country_codes"] for row in rows)


def test_json_export_of_the_whole_registry(client):
    payload = json.loads(client.get("/projects/export.json").content)
    assert payload["count"] == 51 and payload["items"][0]["code"] == "Algérie-1"


def test_the_project_page_shows_partners_countries_case_and_similar(client):
    html = client.get("/projects/egypte-11/").content.decode()
    for text in ["Égypte-11", "Partners", "Box 10", "Similar projects", "§4.3"]:
        assert text in html, text


def test_the_project_page_in_french(client):
    html = client.get("/projects/egypte-11/?lang=fr").content.decode()
    assert "Partenaires" in html and "Encadré 10" in html and "Égypte" in html


def test_a_printed_code_redirects_to_the_project_page(client):
    response = client.get("/projects/Moldova-27/")
    assert response.status_code == 302 and response["Location"] == "/projects/moldavie-27/"
    assert client.get("/projects/nowhere-1/").status_code == 404


def test_similar_projects_share_a_country():
    project = Project.objects.get(code="Égypte-11")
    similar = selectors.similar_projects(project)
    countries = set(project.countries.values_list("pk", flat=True))
    assert similar and all(
        countries & set(p.countries.values_list("pk", flat=True)) for p in similar
    )


def test_organisation_page_lists_projects_and_co_partners(client):
    forum = Organisation.objects.get(name__startswith="Forum algérien")
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "Algérie-2" in html and "Algérie-3" in html and "Co-partners" in html


def test_organisation_list_counts_projects(client):
    page = client.get("/organisations/", {"q": "Forum algérien"}).context["page"]
    forum = next(o for o in page.object_list if o.name.startswith("Forum algérien"))
    assert forum.project_count == 2


def test_country_counts_match_the_links():
    counted = {c.iso2: (c.project_count, c.organisation_count) for c in countries_with_counts()}
    mali = Country.objects.get(iso2="ML")
    assert counted["ML"] == (
        ProjectCountry.objects.filter(country=mali).count(),
        mali.organisations.count(),
    )
    assert len(countries_with_counts(include_empty=True)) == 249


def test_country_page_shows_corridors(client):
    html = client.get("/countries/ml/").content.decode()
    assert "Migration corridors" in html and "Mali" in html
    assert client.get("/countries/zz/").status_code == 404


def test_a_title_written_as_a_formula_is_exported_as_text(client):
    project = make_project('=HYPERLINK("http://x","y")', countries=["AQ"])
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/projects/export.csv", {"country": "AQ"}).content.decode("utf-8-sig")
            )
        )
    )
    assert [row["code"] for row in rows] == [project.code]
    assert rows[0]["title_en"] == rows[0]["title_fr"] == '\'=HYPERLINK("http://x","y")'
