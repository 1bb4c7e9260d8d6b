"""Editors' admin corrections of a country: audited, and found at once with what shows its name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core import search
from m4d.core.models import AuditEntry
from tests.adminforms import admin_form_data
from tests.factories import country, make_organisation, make_project

pytestmark = pytest.mark.django_db


def found(query: str, kind: str) -> list[int]:
    return [hit.object_id for hit in search.search(query, language="en", kinds=[kind]).hits]


def test_a_renamed_country_is_found_with_its_organisations_and_projects(client, editor):
    organisation = make_organisation(country_code="CV")
    project = make_project(countries=("CV",))
    search.reindex("organisation", [organisation.pk])
    search.reindex("project", [project.pk])
    cabo_verde = country("CV")
    client.force_login(editor)
    url = reverse("admin:places_country_change", args=[cabo_verde.pk])

    client.post(url, admin_form_data(client.get(url), name_en="Zanzibarbados"))

    assert found("zanzibarbados", "country") == [cabo_verde.pk]
    assert project.pk in found("zanzibarbados", "project")
    assert organisation.pk in found("zanzibarbados", "organisation")
    entry = AuditEntry.objects.get(object_type="places.country", object_id=str(cabo_verde.pk))
    assert (entry.action, entry.data) == ("places.country.updated", {"name_en": "Zanzibarbados"})
