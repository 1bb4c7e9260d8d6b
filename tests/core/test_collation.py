"""Names are sorted as people sort them (core.collation), the same on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from m4d.core.collation import sort_key, sort_string
from m4d.places.map import world_map
from m4d.places.selectors import countries_with_counts
from tests.factories import make_organisation, make_project


def test_accents_sort_with_their_base_letter():
    names = ["Tunisie", "Éthiopie", "Égypte", "Grèce", "Équateur", "Géorgie", "Allemagne"]
    assert sorted(names, key=sort_key) == [
        "Allemagne",
        "Égypte",
        "Équateur",
        "Éthiopie",
        "Géorgie",
        "Grèce",
        "Tunisie",
    ]


def test_case_is_ignored_until_everything_else_is_equal():
    assert sorted(["zeta", "Beta", "alpha", "Alpha"], key=sort_key) == [
        "alpha",
        "Alpha",
        "Beta",
        "zeta",
    ]


def test_accents_only_break_ties_letter_by_letter():
    assert sorted(["côté", "côte", "coté", "cote"], key=sort_key) == [
        "cote",
        "coté",
        "côte",
        "côté",
    ]


def test_ligatures_sort_as_their_letters():
    assert sorted(["Oman", "Œuvre", "Odessa"], key=sort_key) == ["Odessa", "Œuvre", "Oman"]


# Names that differ only in the later levels, or where one is the start of another.
AWKWARD_NAMES = [
    "cote",
    "Cote",
    "coté",
    "côte",
    "Côté",
    "côté",
    "co-op",
    "co op",
    "coop",
    "Coop",
    "Co",
    "co",
    "Œuvre",
    "Oeuvre",
    "oeuvres",
    "Odessa",
    "Ø Studio",
    "1er Mai",
    "10 Downing",
    "2 Rives",
    "L'Avenir",
    "L’Avenir",
    "Lavenir",
    "Éa",
    "Ea",
    "ea",
    "eà",
    "e",
    "",
]


def test_the_stored_sort_string_orders_names_exactly_as_the_key():
    assert sorted(AWKWARD_NAMES, key=sort_string) == sorted(AWKWARD_NAMES, key=sort_key)


def test_the_stored_sort_string_keeps_every_pair_in_the_keys_order():
    for first in AWKWARD_NAMES:
        for second in AWKWARD_NAMES:
            assert (sort_string(first) < sort_string(second)) == (
                sort_key(first) < sort_key(second)
            ), (first, second)


@pytest.mark.django_db
def test_the_country_list_sorts_french_names_in_french_order(client):
    for iso2 in ("EG", "EC", "ET", "TN", "GE", "GR"):
        make_project(countries=(iso2,))
    response = client.get("/countries/", HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    shown = [
        n for n in ("Égypte", "Équateur", "Éthiopie", "Géorgie", "Grèce", "Tunisie") if n in html
    ]
    assert len(shown) == 6
    assert sorted(shown, key=lambda n: html.index(n)) == shown


@pytest.mark.django_db
def test_the_map_table_ranks_like_the_country_list_and_breaks_ties_by_name():
    for iso2 in ("EG", "EC", "ET", "TN"):
        make_project(countries=(iso2,))
    with translation.override("fr"):
        ranked = countries_with_counts(sort="-projects")
        rows = world_map().rows
        names = [(c.project_count, c.name) for c in ranked]  # read in French
    assert [c.iso2 for c in rows] == [c.iso2 for c in ranked]
    for (count, name), (next_count, next_name) in zip(names, names[1:], strict=False):
        if count == next_count:
            assert sort_key(name) <= sort_key(next_name)


@pytest.mark.django_db
def test_the_organisation_list_ignores_case_and_accents(client):
    for name in ("zeta Network", "Écoles du Monde", "Beta Foundation", "alpha Aid"):
        make_organisation(name, country_code="IS")
    html = client.get("/organisations/?country=IS").content.decode()
    names = re.findall(r"(alpha Aid|Beta Foundation|Écoles du Monde|zeta Network)", html)
    assert names[:4] == ["alpha Aid", "Beta Foundation", "Écoles du Monde", "zeta Network"]


@pytest.mark.django_db
def test_the_database_sorts_organisations_in_the_keys_order(client):
    for name in AWKWARD_NAMES[:-1]:  # an organisation needs a name
        make_organisation(name, country_code="IS")
    listed = client.get("/api/organisations?country=IS&limit=200").json()["items"]
    assert [o["name"] for o in listed] == sorted(AWKWARD_NAMES[:-1], key=sort_key)


@pytest.mark.django_db
def test_the_organisation_api_pages_through_the_same_order(client):
    for name in ("zeta Network", "Écoles du Monde", "Beta Foundation", "alpha Aid"):
        make_organisation(name, country_code="IS")
    first = client.get("/api/organisations?country=IS&limit=2").json()
    second = client.get("/api/organisations?country=IS&limit=2&offset=2").json()
    assert first["count"] == 4
    assert [o["name"] for o in first["items"] + second["items"]] == [
        "alpha Aid",
        "Beta Foundation",
        "Écoles du Monde",
        "zeta Network",
    ]
