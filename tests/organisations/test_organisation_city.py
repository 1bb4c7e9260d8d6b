"""An organisation's city: set by its managers (page and API), shown on its page, searchable,
in the admin's list and in a share of synthetic organisations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core import search
from m4d.core.models import AuditEntry
from m4d.projects import synthetic
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def test_the_owner_sets_the_city_on_the_edit_page_and_it_is_audited(
    client, alice, alices_organisation
):
    client.force_login(alice)

    response = client.post(
        reverse("organisations:edit", args=[alices_organisation.pk]),
        {"name": alices_organisation.name, "type": "ngo", "country": "SN", "city": "Thiès"},
    )

    assert response.status_code == 302
    alices_organisation.refresh_from_db()
    assert alices_organisation.city == "Thiès"
    entry = AuditEntry.objects.filter(object_id=str(alices_organisation.pk)).latest("pk")
    assert entry.data == {"city": "Thiès"}


def test_the_page_shows_the_city_only_when_set(client):
    with_city = make_organisation("Association de Thiès", city="Thiès")
    without = make_organisation("Association sans ville")

    assert "<dd>Thiès</dd>" in client.get(with_city.get_absolute_url()).content.decode()
    assert "<dt>City</dt>" not in client.get(without.get_absolute_url()).content.decode()


def test_the_api_creates_and_gives_the_city(client, charlie):
    client.force_login(charlie)
    body = {"name": "Jappoo", "type": "ngo", "country": "SN", "city": "Ziguinchor"}

    created = client.post("/api/organisations", body, content_type="application/json").json()
    detail = client.get(f"/api/organisations/{created['id']}").json()

    assert created["city"] == detail["city"] == "Ziguinchor"


def test_search_finds_an_organisation_by_its_city():
    organisation = make_organisation("Association des ressortissants", city="Kédougou")
    search.refresh("organisation", [organisation.pk])

    found = search.search("Kedougou", language="fr", kinds=["organisation"])

    assert organisation.pk in [hit.object_id for hit in found.hits]


def test_half_of_the_synthetic_organisations_have_a_city():
    synthetic.generate(projects=0, organisations=8, seed=2)
    from m4d.organisations.models import Organisation

    made = Organisation.objects.filter(source=Organisation.Source.SYNTHETIC)
    assert made.exclude(city="").count() == 4
