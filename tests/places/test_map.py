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


def countries_with_projects() -> int:
    counted = Country.objects.annotate(n=Count("project_links")).filter(n__gt=0)
    geometry = world.geometry()["countries"]
    return sum(1 for c in counted if c.numeric and c.numeric.zfill(3) in geometry)


def outlines(client) -> str:
    return client.get(f"/countries/map/outlines-{world.outlines_version()}.svg").content.decode()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_map_page_draws_the_countries_with_projects_over_the_outlines_image(client, lang):
    response = client.get(f"/countries/map/?lang={lang}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="group"' in svg and 'aria-labelledby="map-title map-desc"' in svg
    assert f'<image href="/countries/map/outlines-{world.outlines_version()}.svg" ' in svg
    assert svg.count("<path") == countries_with_projects()
    # The Content-Security-Policy forbids inline styles and scripts.
    assert "style=" not in html
    assert "<script>" not in html


def test_the_outlines_image_draws_every_country_and_is_kept_by_browsers(client):
    response = client.get(f"/countries/map/outlines-{world.outlines_version()}.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    geometry = world.geometry()
    assert response.content.decode().count("<path") == len(geometry["countries"]) + len(
        geometry["other"]
    )
    assert "style" not in response.content.decode()  # presentation attributes only (CSP)


def test_an_old_outlines_address_leads_to_the_current_image(client):
    response = client.get("/countries/map/outlines-000000000000.svg")
    assert response.status_code == 302
    assert response["Location"] == f"/countries/map/outlines-{world.outlines_version()}.svg"


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
    australia = world.geometry()["countries"]["036"]["d"]
    html = client.get("/countries/map/?view=world").content.decode()
    assert '/countries/au/"' not in html and australia not in html
    assert f'<path d="{australia}"/>' in outlines(client)


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
    assert len(body) < 60_000
    assert len(gzip.compress(body)) < 20_000
    assert world.WORLD_FILE.stat().st_size < 250_000


def view_box(html: str) -> list[float]:
    match = re.search(r'<svg [^>]*viewBox="([^"]+)"', html)
    assert match
    return [float(v) for v in match.group(1).split()]


def test_the_map_is_framed_on_the_countries_with_projects_and_the_world_is_a_click_away(client):
    framed = client.get("/countries/map/").content.decode()
    whole = client.get("/countries/map/?view=world").content.decode()
    assert view_box(whole) == [float(v) for v in world.geometry()["viewBox"].split()]
    x, y, width, height = view_box(framed)
    assert width < view_box(whole)[2]
    for country in Country.objects.annotate(n=Count("project_links")).filter(n__gt=0):
        box = world.geometry()["countries"][country.numeric.zfill(3)]["box"]
        assert x <= box[0] and box[2] <= x + width, country.name
        assert y <= box[1] and box[3] <= y + height, country.name
    assert 'href="?view=world"' in framed and "Show the whole world" in framed
    assert "Frame the countries with projects" in whole


def test_overseas_regions_are_not_shaded_as_their_metropole():
    france = world.geometry()["countries"]["250"]
    x0, _y0, x1, _y1 = france["box"]
    # Metropolitan France and Corsica only: French Guiana (South America) and Réunion (Indian Ocean)
    # are drawn grey among the map's other shapes.
    assert x1 - x0 < 40
    netherlands = world.geometry()["countries"]["528"]
    assert netherlands["box"][2] - netherlands["box"][0] < 10
    assert world.frame([tuple(france["box"])], (0, 0, 1000, 435))[0] > 400


def test_a_frame_has_a_margin_a_minimum_width_and_stays_inside_the_world():
    assert world.frame([], (0, 0, 1000, 435)) == (0, 0, 1000, 435)
    x0, y0, x1, y1 = world.frame([(500.0, 100.0, 510.0, 110.0)], (0, 0, 1000, 435))
    assert x1 - x0 >= world.FRAME_MIN_WIDTH and x0 < 500 < 510 < x1 and y0 < 100 < 110 < y1
    assert world.frame([(0.0, 0.0, 1000.0, 435.0)], (0, 0, 1000, 435)) == (0, 0, 1000, 435)
