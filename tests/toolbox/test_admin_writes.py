"""Editors' admin corrections of toolbox content go through its services: searchable, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core import search
from m4d.core.models import AuditEntry, SearchEntry
from m4d.toolbox.models import CaseStudy, Section
from tests.adminforms import admin_form_data

pytestmark = pytest.mark.django_db


def found(query: str, kind: str) -> list[int]:
    return [hit.object_id for hit in search.search(query, language="en", kinds=[kind]).hits]


def test_an_admin_correction_of_a_case_study_title_is_searchable_and_audited(client, editor):
    case = CaseStudy.objects.order_by("box").first()
    client.force_login(editor)
    url = reverse("admin:toolbox_casestudy_change", args=[case.pk])

    response = client.post(url, admin_form_data(client.get(url), title_en="Glimmerwick lessons"))

    assert response.status_code == 302
    assert found("glimmerwick", "case") == [case.pk]
    entry = AuditEntry.objects.get(object_id=str(case.pk), object_type="toolbox.casestudy")
    assert (entry.action, entry.actor) == ("toolbox.casestudy.updated", editor)
    assert entry.data == {"title_en": "Glimmerwick lessons"}


def test_a_corrected_figure_title_is_found_through_its_section(client, editor):
    section = Section.objects.exclude(figure=None).select_related("figure").first()
    client.force_login(editor)
    url = reverse("admin:toolbox_figure_change", args=[section.figure.pk])

    client.post(url, admin_form_data(client.get(url), title_en="Quibblestone diagram"))

    assert section.pk in found("quibblestone", "section")
    assert AuditEntry.objects.filter(action="toolbox.figure.updated").exists()


def test_an_admin_delete_of_toolbox_content_is_audited_and_taken_out_of_search(client, admin_user):
    case = CaseStudy.objects.order_by("box").last()
    client.force_login(admin_user)

    client.post(reverse("admin:toolbox_casestudy_delete", args=[case.pk]), {"post": "yes"})

    assert not CaseStudy.objects.filter(pk=case.pk).exists()
    assert not SearchEntry.objects.filter(kind="case", object_id=case.pk).exists()
    assert AuditEntry.objects.filter(action="toolbox.casestudy.deleted").exists()
