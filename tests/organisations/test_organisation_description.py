"""An organisation's description, in French and in English (modeltranslation columns, English
falling back to French): set on the edit page and the API, shown in the page's language,
searchable in both, in the admin as two fields."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from m4d.core import search
from m4d.organisations.models import Organisation
from m4d.projects import synthetic
from tests.adminforms import admin_form_data
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

FR = "Nous accompagnons les migrants qui investissent dans leur village."
EN = "We support migrants who invest in their home village."


@pytest.fixture
def described():
    return make_organisation("Association décrite", description_fr=FR, description_en=EN)


def test_the_owner_writes_both_descriptions_on_the_edit_page(client, alice, alices_organisation):
    client.force_login(alice)

    response = client.post(
        reverse("organisations:edit", args=[alices_organisation.pk]),
        {
            "name": alices_organisation.name,
            "type": "ngo",
            "country": "SN",
            "description_fr": FR,
            "description_en": EN,
        },
    )

    assert response.status_code == 302
    alices_organisation.refresh_from_db()
    assert (alices_organisation.description_fr, alices_organisation.description_en) == (FR, EN)


def test_the_page_shows_the_description_in_its_language(client, described):
    english = client.get(described.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    french = client.get(described.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")

    assert EN in english.content.decode()
    assert FR in french.content.decode()


def test_english_falls_back_to_french(client):
    organisation = make_organisation("Association francophone", description_fr=FR)

    with translation.override("en"):
        assert organisation.description == FR


def test_the_page_has_no_about_section_without_description(client, alices_organisation):
    assert (
        "<h2>About</h2>" not in client.get(alices_organisation.get_absolute_url()).content.decode()
    )


def test_the_api_gives_both_descriptions_in_the_record_and_one_in_the_list(client, charlie):
    client.force_login(charlie)
    body = {"name": "Sunu Gox", "type": "ngo", "country": "SN", "description_fr": FR}

    created = client.post("/api/organisations", body, content_type="application/json").json()
    listed = client.get("/api/organisations", {"q": "Sunu Gox", "lang": "fr"}).json()

    assert (created["description_fr"], created["description_en"]) == (FR, "")
    assert listed["items"][0]["description"] == FR


def test_search_finds_an_organisation_by_words_of_its_description(described):
    search.refresh("organisation", [described.pk])

    for language, word in (("fr", "investissent"), ("en", "invest")):
        found = search.search(word, language=language, kinds=["organisation"])
        assert described.pk in [hit.object_id for hit in found.hits]


def test_an_editor_corrects_the_english_description_in_the_admin(client, editor, described):
    client.force_login(editor)
    url = reverse("admin:organisations_organisation_change", args=[described.pk])
    page = client.get(url)
    assert "description_fr" in page.context["adminform"].form.fields

    response = client.post(url, admin_form_data(page, description_en="A corrected description."))

    assert response.status_code == 302
    described.refresh_from_db()
    assert described.description_en == "A corrected description."


def test_a_quarter_of_the_synthetic_organisations_have_a_description():
    synthetic.generate(projects=0, organisations=8, seed=2)

    made = Organisation.objects.filter(source=Organisation.Source.SYNTHETIC)
    assert made.exclude(description_fr="").exclude(description_fr=None).count() == 2
