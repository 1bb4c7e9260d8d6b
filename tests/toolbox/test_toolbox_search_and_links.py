"""Toolbox content in the site search, and cross-links with projects and case studies."""

from __future__ import annotations

import pytest
from django.utils import translation

from m4d.core import related, search
from m4d.projects.models import Project
from m4d.toolbox.models import CaseStudy
from m4d.toolbox.services import SEARCH_KINDS

pytestmark = pytest.mark.django_db


def kinds_and_titles(query: str, language: str) -> list[tuple[str, str]]:
    return [
        (h.kind, h.title) for h in search.search(query, language=language, kinds=SEARCH_KINDS).hits
    ]


def test_search_finds_an_option_by_a_french_word():
    hits = kinds_and_titles("épargne", "fr")
    assert (
        "option",
        "Investir l’épargne des migrants dans des commerces locaux indépendants",
    ) in hits


def test_search_finds_the_same_option_by_an_english_word():
    hits = kinds_and_titles("savings", "en")
    assert ("option", "Investing migrant savings in independent local businesses") in hits


def test_search_finds_sections_blocks_recommendations_and_references():
    found = {kind for kind, _title in kinds_and_titles("réseaux", "fr")}
    assert {"section", "option"} <= found
    assert any(k == "block" for k, _t in kinds_and_titles("force field", "en"))
    assert any(k == "reference" for k, _t in kinds_and_titles("M4D Net", "en"))
    assert any(k == "recommendation" for k, _t in kinds_and_titles("policymakers", "en"))
    assert any(k == "capital" for k, _t in kinds_and_titles("capital financier", "fr"))


def test_the_site_search_page_shows_toolbox_hits(client):
    html = client.get("/search/", {"q": "épargne", "lang": "fr"}).content.decode()
    assert "/toolbox/options/3.2/savings-for-independent-local-businesses/" in html


def test_a_project_links_to_the_options_and_sections_that_use_it():
    project = Project.objects.get(code="Philippines-41")
    with translation.override("en"):
        groups = {str(g.heading): g.links for g in related.links_for(project)}
    options = [link.url for link in groups["Toolbox options using this kind of activity"]]
    assert "/toolbox/options/3.2/migrant-savings-investment-groups/" in options
    sections = [link.url for link in groups["Handbook sections discussing it"]]
    assert "/toolbox/sections/3.2/" in sections


def test_a_case_study_links_to_the_options_citing_it_and_its_sections():
    case = CaseStudy.objects.get(box=1)
    with translation.override("en"):
        groups = {str(g.heading): g.links for g in related.links_for(case)}
    assert "/toolbox/options/2.1/virtual-networking-spaces/" in [
        link.url for link in groups["Toolbox options citing this case"]
    ]
    assert [link.url for link in groups["Handbook sections presenting or citing it"]] == [
        "/toolbox/sections/2.1/",
        "/toolbox/sections/6.2/",
        "/toolbox/sections/6.3/",
    ]


def test_the_project_and_case_pages_render_the_links(client):
    html = client.get("/toolbox/cases/1/", {"lang": "en"}).content.decode()
    assert "/toolbox/options/2.1/virtual-networking-spaces/" in html
    project = Project.objects.get(code="Cap-Vert-7")
    html = client.get(project.get_absolute_url(), {"lang": "en"}).content.decode()
    assert "/toolbox/sections/2.1/" in html
