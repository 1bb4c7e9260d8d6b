"""An organisation's name is its official name in every language; a gloss in the page's language
is shown beside it and finds it in search, but never replaces it."""

from __future__ import annotations

from pathlib import Path

import pytest

from m4d.core import search
from m4d.core.datafiles import DataFileError
from m4d.organisations.models import Organisation
from m4d.organisations.services import read_organisations
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db


def paz() -> Organisation:
    return Organisation.objects.get(key="paz-y-desarrollo")


def test_the_shipped_spanish_organisation_keeps_its_name_and_has_an_english_gloss():
    organisation = paz()

    assert (organisation.name, organisation.gloss_en) == (
        "Paz y Desarrollo",
        "Peace and Development",
    )


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "Paz y Desarrollo (Peace and Development)"), ("fr", "Paz y Desarrollo")],
)
def test_its_page_shows_the_official_name_with_the_gloss_of_the_page_language(client, lang, shown):
    page = client.get(paz().get_absolute_url(), {"lang": lang}).content.decode()

    assert f"<h1>{shown}</h1>" in page


def test_a_project_page_in_english_shows_its_partners_official_names_and_glosses(client):
    project = paz().projects.first()

    page = client.get(project.get_absolute_url(), {"lang": "en"}).content.decode()

    assert "Paz y Desarrollo (Peace and Development)" in page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_api_name_is_official_in_every_language_and_the_gloss_follows_the_language(
    client, lang
):
    body = client.get(f"/api/organisations/{paz().pk}", {"lang": lang}).json()

    assert body["name"] == "Paz y Desarrollo"
    assert body["gloss"] == ("Peace and Development" if lang == "en" else "")


def test_no_shipped_organisation_is_named_differently_in_english(client):
    english = client.get("/api/organisations", {"lang": "en", "limit": 200}).json()["items"]

    names = {o.pk: o.name for o in Organisation.objects.filter(source=Organisation.Source.HANDBOOK)}
    assert {item["id"]: item["name"] for item in english if item["id"] in names} == names


def test_the_gloss_finds_the_organisation_and_its_projects():
    organisation = make_organisation("Ayuda Mutua Grumbletona", gloss_en="Grumbleton Mutual Aid")
    project = make_project(partners=[organisation])
    search.reindex("organisation", [organisation.pk])
    search.reindex("project", [project.pk])

    for lang in ("en", "fr"):
        hits = search.search("mutual aid grumbleton", language=lang).hits
        assert {(h.kind, h.object_id) for h in hits} >= {
            ("organisation", organisation.pk),
            ("project", project.pk),
        }


def test_a_gloss_equal_to_the_name_is_not_shown_twice():
    organisation = make_organisation("Touiza Solidarité", gloss_en="touiza solidarité")

    assert organisation.name_with_gloss("en") == "Touiza Solidarité"


def test_the_data_file_refuses_a_translated_name(tmp_path: Path):
    path = tmp_path / "organisations.yaml"
    path.write_text(
        "- key: paz\n  name: Paz y Desarrollo\n  name_en: Peace and Development\n"
        "  type: ngo\n  country: ES\n  citation: Annex\n",
        encoding="utf-8",
    )

    with pytest.raises(DataFileError, match="gloss_en"):
        read_organisations(path)
