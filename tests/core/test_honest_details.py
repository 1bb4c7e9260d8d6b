"""Issue 8 §5, the honest details: empty results said once, numbered pages, partial data shown as
such, an about page that is true, the admin under m4d's name."""

from __future__ import annotations

import pytest

from m4d.toolbox.models import Section
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def test_an_empty_project_list_says_so_once_and_offers_no_download(client):
    html = client.get("/projects/", {"q": "zzzqqqxxx"}).content.decode()
    assert html.count("No project matches these filters.") == 1
    assert "export.csv" not in html and "0 projects" not in html
    assert "<h2>Country</h2>" not in html and "None</li>" not in html


def test_an_empty_organisation_list_says_so_once(client):
    html = client.get("/organisations/", {"country": "IS"}).content.decode()
    assert "No organisation matches these filters." in html and "0 organisations" not in html


def test_the_pager_numbers_its_pages_with_the_first_and_the_last(client):
    for n in range(200):
        make_organisation(f"Pager organisation {n:03}", country_code="IS")
    html = client.get("/organisations/", {"country": "IS", "page": "5"}).content.decode()
    assert 'aria-current="page"><span class="visually-hidden">Page </span>5</a>' in html
    assert "page=1" in html and "page=10" in html  # first and last (200 / 20 = 10 pages)
    assert "page=3" in html and "page=7" in html  # two either side of the current page
    assert 'page=8"' not in html and 'page=9"' not in html  # left out, with an ellipsis
    assert '<li aria-hidden="true">…</li>' in html


def test_statistics_show_the_projects_whose_capitals_were_not_analysed(client):
    html = client.get("/statistics/").content.decode()
    assert "Not analysed" in html


def test_the_about_page_tells_what_can_be_downloaded_the_licence_and_the_source(client, settings):
    settings.M4D_SOURCE_URL = "https://example.org/m4d"
    html = client.get("/about/").content.decode()
    assert "Every list can be downloaded" not in html
    assert "The project list can be downloaded" in html
    assert "CC BY 4.0" in html and 'rel="license external"' in html
    assert 'href="https://example.org/m4d"' in html


def test_recommendations_are_paired_without_their_separate_numbers(client):
    html = client.get("/toolbox/recommendations/").content.decode()
    assert '<h2 class="rec"><span class="code">' not in html


def test_a_figure_is_cited_not_captioned_when_it_is_not_shown(client):
    section = Section.objects.exclude(figure=None).first()
    html = client.get(section.get_absolute_url()).content.decode()
    assert "which is not reproduced here" in html


def test_the_admin_is_branded_and_its_sections_are_distinct_and_translated(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Administration de m4d" in html and "Administration de Django" not in html
    assert "Tasks Database Backend" not in html and "Tâches de fond" in html
    assert "Personnes" in html and "Adresses e-mail" in html
