"""Editors' admin edits of projects go through the services: searchable at once, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core import search
from m4d.core.models import AuditEntry
from m4d.projects.models import Project, ProjectCountry
from m4d.projects.services import ProjectError
from tests.adminforms import admin_form_data, inline_prefix
from tests.factories import country, make_organisation, make_project

pytestmark = pytest.mark.django_db


def found(query: str, language: str = "en") -> list[int]:
    return [
        hit.object_id for hit in search.search(query, language=language, kinds=["project"]).hits
    ]


def indexed_project(title: str = "Ruches zorblaxiennes à Kolda", **fields) -> Project:
    project = make_project(title, **fields)
    search.reindex("project", [project.pk])
    return project


def test_an_editors_admin_edit_of_the_english_title_is_found_by_search_at_once(client, editor):
    project = indexed_project()
    client.force_login(editor)
    url = reverse("admin:projects_project_change", args=[project.pk])

    response = client.post(url, admin_form_data(client.get(url), title_en="Quuxian hives in Kolda"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_en == "Quuxian hives in Kolda"
    assert found("quuxian") == [project.pk]
    page = client.get(reverse("core:search"), {"q": "quuxian"})
    assert project.get_absolute_url() in page.content.decode()


def test_an_editors_admin_edit_leaves_an_audit_entry_naming_what_changed(client, editor):
    project = indexed_project()
    client.force_login(editor)
    url = reverse("admin:projects_project_change", args=[project.pk])

    client.post(url, admin_form_data(client.get(url), title_en="Quuxian hives in Kolda"))

    entry = AuditEntry.objects.get(object_type="projects.project", object_id=str(project.pk))
    assert entry.action == "projects.project.updated"
    assert entry.actor == editor
    assert entry.data == {"title_en": "Quuxian hives in Kolda"}


def test_countries_changed_in_the_admin_inline_are_saved_in_order_and_indexed(client, editor):
    project = indexed_project(countries=("SN", "FR"))
    client.force_login(editor)
    url = reverse("admin:projects_project_change", args=[project.pk])
    page = client.get(url)
    prefix = inline_prefix(page, ProjectCountry)

    client.post(url, admin_form_data(page, **{f"{prefix}-0-country": country("ML").pk}))

    saved = Project.objects.with_relations().get(pk=project.pk)
    assert [c.iso2 for c in saved.ordered_countries] == ["ML", "FR"]
    assert project.pk in found("Mali")
    entry = AuditEntry.objects.get(object_id=str(project.pk), action="projects.project.updated")
    assert entry.data["countries"] == ["ML", "FR"]


def test_a_partner_role_edited_in_the_admin_is_kept(client, editor):
    partner = make_organisation("Kolda Apiculteurs")
    project = indexed_project(partners=[partner])
    client.force_login(editor)
    url = reverse("admin:projects_project_change", args=[project.pk])
    page = client.get(url)
    prefix = inline_prefix(page, project.partnerships.model)

    client.post(url, admin_form_data(page, **{f"{prefix}-0-role": "lead partner"}))

    assert project.partnerships.get().role == "lead partner"


def test_a_project_added_in_the_admin_is_searchable_and_audited(client, editor):
    client.force_login(editor)
    url = reverse("admin:projects_project_add")
    page = client.get(url)
    prefix = inline_prefix(page, ProjectCountry)
    data = admin_form_data(
        page,
        code="ED-1",
        slug="ed-1",
        title_fr="Transferts plimbiques",
        title_en="Plimbic remittances",
        source=Project.Source.EDITOR,
        **{
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-country": country("SN").pk,
            f"{prefix}-0-position": "0",
        },
    )

    response = client.post(url, data)

    assert response.status_code == 302
    project = Project.objects.get(code="ED-1")
    assert [c.iso2 for c in project.ordered_countries] == ["SN"]
    assert found("plimbic") == [project.pk]
    assert AuditEntry.objects.filter(
        object_id=str(project.pk), action="projects.project.created", actor=editor
    ).exists()


def test_an_admin_delete_is_audited_and_taken_out_of_search(client, admin_user):
    project = indexed_project()
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:projects_project_delete", args=[project.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    assert found("zorblaxiennes") == []
    assert AuditEntry.objects.filter(
        object_id=str(project.pk), action="projects.project.deleted", actor=admin_user
    ).exists()


def test_a_bulk_delete_in_the_admin_is_audited_record_by_record(client, admin_user):
    first, second = indexed_project(), indexed_project()
    client.force_login(admin_user)

    client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )

    assert not Project.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert found("zorblaxiennes") == []
    deleted = AuditEntry.objects.filter(action="projects.project.deleted")
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(
        [str(first.pk), str(second.pk)]
    )


def test_a_change_the_service_refuses_comes_back_as_a_message_with_nothing_written(
    client, editor, monkeypatch
):
    project = indexed_project()
    client.force_login(editor)
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = admin_form_data(client.get(url), title_en="Quuxian hives in Kolda")

    def refuse(kind, ids):
        raise ProjectError("The search index is unavailable.")

    monkeypatch.setattr(search, "refresh", refuse)
    response = client.post(url, data, follow=True)

    assert "The search index is unavailable." in response.content.decode()
    project.refresh_from_db()
    assert project.title_en == "Ruches zorblaxiennes à Kolda"
    assert not AuditEntry.objects.filter(object_id=str(project.pk)).exists()


def test_a_failing_admin_save_leaves_nothing_half_written(client, editor, monkeypatch):
    project = indexed_project()
    client.force_login(editor)
    url = reverse("admin:projects_project_change", args=[project.pk])
    page = client.get(url)
    prefix = inline_prefix(page, ProjectCountry)
    data = admin_form_data(
        page, title_en="Quuxian hives in Kolda", **{f"{prefix}-0-country": country("ML").pk}
    )

    def broken_index(kind, ids):
        raise RuntimeError("index down")

    monkeypatch.setattr(search, "refresh", broken_index)
    with pytest.raises(RuntimeError):
        client.post(url, data)

    saved = Project.objects.with_relations().get(pk=project.pk)
    assert saved.title_en == "Ruches zorblaxiennes à Kolda"
    assert [c.iso2 for c in saved.ordered_countries] == ["SN", "FR"]
    assert not AuditEntry.objects.filter(object_id=str(project.pk)).exists()
