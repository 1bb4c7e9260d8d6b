"""Corridors: one rule (a project's first country is its origin, the others its destinations),
used by the corridor table, the project page and the project lists."""

from __future__ import annotations

import pytest

from m4d.places.models import Country
from m4d.projects.models import Project, origin_and_destinations
from m4d.projects.selectors import corridors
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_the_first_country_is_the_origin_and_the_others_destinations():
    assert origin_and_destinations(["ML", "FR", "ES"]) == ("ML", ["FR", "ES"])
    assert origin_and_destinations([]) == (None, [])


def test_a_project_knows_its_origin_and_destinations_in_annex_order():
    made = make_project("Corridor", countries=("ML", "FR", "ES"))
    project = Project.objects.with_relations().get(pk=made.pk)
    assert project.origin.iso2 == "ML"
    assert [c.iso2 for c in project.destinations] == ["FR", "ES"]


def test_corridors_touching_a_country_count_projects_from_their_origin():
    for _ in range(2):
        make_project("Corridor", countries=("TV", "NR", "PW"))
    nauru = Country.objects.get(iso2="NR")
    found = [(o.iso2, d.iso2, n) for o, d, n in corridors(country=nauru)]
    assert found == [("TV", "NR", 2)]
    everywhere = {(o.iso2, d.iso2): n for o, d, n in corridors(limit=10_000)}
    assert everywhere[("TV", "PW")] == 2 and ("NR", "PW") not in everywhere


def test_the_project_page_reads_origin_then_destinations_not_a_route(client):
    project = make_project("Corridor", countries=("ML", "FR", "ES"))
    html = client.get(project.get_absolute_url(), {"lang": "en"}).content.decode()
    assert (
        'Mali</a> → <a href="/countries/fr/">France</a>, <a href="/countries/es/">Spain</a>' in html
    )


def test_the_project_lists_read_origin_then_destinations(client):
    project = Project.objects.get(code="Sri Lanka-49")
    partner = project.partners.first()
    html = client.get(partner.get_absolute_url(), {"lang": "en"}).content.decode()
    assert "Sri Lanka → Bangladesh, Netherlands" in html
    assert "Bangladesh →" not in html
