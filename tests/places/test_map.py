"""The map page: inline SVG shaded by number of projects, and the same numbers as a table."""

from __future__ import annotations

import gzip
import re

import pytest
from django.db.models import Count

from m4d.places import map as world
from m4d.places.models import Country

pytestmark = pytest.mark.django_db


def project_count(iso2: str) -> int:
    return Country.objects.get(iso2=iso2).project_links.count()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_map_page_renders_an_svg_with_a_path_per_country(client, lang):
    response = client.get(f"/countries/map/?lang={lang}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="group"' in svg and 'aria-labelledby="map-title map-desc"' in svg
    assert svg.count("<path") > 200
    # The Content-Security-Policy forbids inline styles and scripts.
    assert "style=" not in html
    assert "<script>" not in html


def test_mali_and_cabo_verde_are_on_the_map(client):
    geometry = world.geometry()["countries"]
    assert "466" in geometry and "132" in geometry  # Cabo Verde only exists in the 1:50m data
    html = client.get("/countries/map/").content.decode()
    assert "<title>Mali: " in html
    assert "<title>Cabo Verde: " in html


def test_a_country_with_projects_links_to_its_page_with_the_right_count(client):
    mali = project_count("ML")
    assert mali > 0
    html = client.get("/countries/map/").content.decode()
    assert (
        f'<a href="/countries/ml/" tabindex="-1"><title>Mali: {mali} projects</title><path class="shade-'
        in html
    )


def test_a_small_country_with_projects_gets_a_marker(client):
    assert project_count("CV") > 0
    html = client.get("/countries/map/").content.decode()
    assert re.search(
        r'<a href="/countries/cv/" tabindex="-1"><title>Cabo Verde: \d+ projects</title><circle class="marker',
        html,
    )


def test_a_country_without_projects_is_grey_and_not_a_link(client):
    assert project_count("AU") == 0
    html = client.get("/countries/map/").content.decode()
    assert '/countries/au/"' not in html
    assert re.search(
        r'<path class="shade-0" d="[^"]+"><title>Australia: 0 projects</title></path>', html
    )


def test_titles_are_translated_with_the_country_name(client):
    html = client.get("/countries/map/?lang=fr").content.decode()
    assert "<title>Maroc\u202f: " in html  # French spacing (core.typography)
    assert "<title>Morocco: " not in html


def test_the_table_lists_countries_by_projects_with_links(client):
    response = client.get("/countries/map/")
    rows = response.context["map"].rows
    expected = list(
        Country.objects.annotate(n=Count("project_links"))
        .filter(n__gt=0)
        .order_by("-n")
        .values_list("n", flat=True)
    )
    assert [row.project_count for row in rows] == expected
    html = response.content.decode()
    table = html[html.index('<table class="map-table">') :]
    assert '<th scope="row"><a href="/countries/ml/">Mali</a></th>' in table
    assert table.index(">France<") < table.index(">Mali<")  # France has more projects


def test_shades_follow_counts_on_a_logarithmic_scale():
    assert world.class_bounds(11) == [1, 2, 3, 6, 11]
    assert world.class_bounds(1) == [1]
    assert world.class_bounds(0) == []
    bounds = world.class_bounds(1000)
    assert world.shade_of(0, bounds) == 0
    assert world.shade_of(1, bounds) == 1
    assert world.shade_of(1000, bounds) == 5
    assert world.shade_of(1, [1]) == 5  # the top class is always the darkest
    assert [item.label for item in world.legend([1, 2, 3, 6, 11])][1:] == [
        "1",
        "2",
        "3",
        "4–6",
        "7–11",
    ]


def test_the_page_stays_light(client):
    body = client.get("/countries/map/").content
    assert len(body) < 150_000
    assert len(gzip.compress(body)) < 50_000
    assert world.WORLD_FILE.stat().st_size < 250_000
