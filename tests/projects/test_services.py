"""The registry's write services: validate, save, re-index, audit, all or nothing."""

from __future__ import annotations

import pytest
from django.utils import translation

from m4d.core import search
from m4d.core.models import AuditEntry
from m4d.projects import services
from m4d.projects.models import Project
from m4d.projects.services import ProjectError
from tests.factories import country, make_organisation, make_project

pytestmark = pytest.mark.django_db


def found(query: str) -> list[int]:
    return [hit.object_id for hit in search.search(query, language="en", kinds=["project"]).hits]


def test_create_project_saves_its_links_in_order_indexes_and_audits_it(editor):
    partner = make_organisation("Coopérative Frobnitz")

    project = services.create_project(
        by=editor,
        changes={"code": "ED-7", "title_fr": "Jardins frobniques", "title_en": "Frobnic gardens"},
        countries=[country("ML"), country("FR")],
        partners=[partner],
        capitals=["human"],
    )

    saved = Project.objects.with_relations().get(pk=project.pk)
    assert (saved.slug, saved.origin.iso2, saved.ordered_partners) == ("ed-7", "ML", [partner])
    assert saved.capital_values == ["human"]
    assert found("frobnic") == [project.pk]
    entry = AuditEntry.objects.get(object_id=str(project.pk))
    assert (entry.action, entry.actor) == ("projects.project.created", editor)


def test_update_project_audits_only_what_changed(editor):
    project = make_project("Titre d'origine", countries=("SN",))

    services.update_project(
        project,
        by=editor,
        changes={"title_fr": "Titre d'origine", "title_en": "Corrected title"},
        countries=[country("SN"), country("ES")],
    )

    entry = AuditEntry.objects.get(object_id=str(project.pk))
    assert entry.action == "projects.project.updated"
    assert entry.data == {"title_en": "Corrected title", "countries": ["SN", "ES"]}


def test_update_project_keeps_the_links_it_is_not_given(editor):
    partner = make_organisation()
    project = make_project(countries=("SN", "FR"), partners=[partner], capitals=("social",))

    services.update_project(project, by=editor, changes={"title_en": "Only the title"})

    saved = Project.objects.with_relations().get(pk=project.pk)
    assert [c.iso2 for c in saved.ordered_countries] == ["SN", "FR"]
    assert saved.ordered_partners == [partner]
    assert saved.capital_values == ["social"]


def test_an_update_that_changes_nothing_writes_no_audit_entry(editor):
    project = make_project("Rien ne change")

    services.update_project(project, by=editor, changes={"title_fr": "Rien ne change"})

    assert not AuditEntry.objects.filter(object_id=str(project.pk)).exists()


def test_a_project_needs_a_title_in_one_language_at_least(editor):
    project = make_project("Un titre")

    with pytest.raises(ProjectError, match="A project needs a title."):
        services.update_project(project, by=editor, changes={"title_fr": "", "title_en": " "})


def test_the_refusal_is_translated(editor):
    project = make_project()

    with translation.override("fr"), pytest.raises(ProjectError) as refused:
        services.update_project(project, by=editor, changes={"title_fr": "", "title_en": ""})

    assert refused.value.message == "Un projet doit avoir un titre."


def test_an_unknown_capital_is_refused(editor):
    with pytest.raises(ProjectError, match="Unknown capital: moral"):
        services.update_project(make_project(), by=editor, capitals=["moral"])


def test_a_code_already_taken_is_refused(editor):
    taken = make_project(code="TAKEN-1")

    with pytest.raises(ProjectError, match="code"):
        services.update_project(make_project(), by=editor, changes={"code": taken.code})


def test_a_failing_index_leaves_the_project_and_the_audit_log_untouched(editor, monkeypatch):
    project = make_project("Titre sûr", countries=("SN",))

    def broken(kind, ids):
        raise RuntimeError("index down")

    monkeypatch.setattr(search, "refresh", broken)
    with pytest.raises(RuntimeError):
        services.update_project(
            project, by=editor, changes={"title_en": "Lost title"}, countries=[country("ML")]
        )

    saved = Project.objects.with_relations().get(pk=project.pk)
    assert saved.title_en == "Titre sûr"
    assert [c.iso2 for c in saved.ordered_countries] == ["SN"]
    assert not AuditEntry.objects.filter(object_id=str(project.pk)).exists()


def test_delete_project_removes_it_from_search_and_audits_it(admin_user):
    project = make_project("Projet glorbique")
    search.reindex("project", [project.pk])

    services.delete_project(project, by=admin_user)

    assert found("glorbique") == []
    assert AuditEntry.objects.filter(action="projects.project.deleted", actor=admin_user).exists()


def test_a_renamed_partner_is_found_through_its_projects_at_once(editor):
    from m4d.organisations.services import update_organisation

    partner = make_organisation("Ancien nom")
    project = make_project(partners=[partner])
    search.reindex("project", [project.pk])

    update_organisation(partner, by=editor, changes={"name": "Wibblewick Collective"})

    assert found("wibblewick") == [project.pk]
