"""Undoing an IATI import in one click, published projects included, while nothing done since
depends on it; refused otherwise, naming what depends on it, with nothing written."""

from __future__ import annotations

import datetime

import pytest

from m4d.core.models import AuditEntry, Job
from m4d.organisations import services as organisation_services
from m4d.organisations.models import Membership, Organisation
from m4d.projects import services, undo
from m4d.projects.iati import import_iati_file
from m4d.projects.models import Project
from tests.factories import make_organisation, make_project
from tests.projects.test_iati_import import activity_file, counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

CREATED_ORGS = ("Commune de Kayes (exemple)", "Université exemple de Bamako")


def import_file(editor, **kwargs) -> Job:
    import_iati_file(activity_file(**kwargs), filename="file.xml", by=editor)
    return Job.objects.filter(kind="iati_import").latest("pk")


@pytest.fixture
def published(editor) -> Job:
    """An import whose project was published: one project and two organisations it created."""
    job = import_file(editor)
    services.publish_import(job, by=editor)
    return job


def test_undoing_a_published_import_deletes_what_it_created(editor, published):
    assert Organisation.objects.filter(name__in=CREATED_ORGS).count() == 2
    undo.undo_import(published, by=editor)

    assert not Project.objects.filter(code="XM-EXAMPLE-1").exists()
    assert not Organisation.objects.filter(name__in=CREATED_ORGS).exists()
    entry = AuditEntry.objects.get(action="projects.iati_import.undone")
    assert entry.actor == editor and entry.object_id == str(published.pk)
    assert entry.data["deleted_projects"] == ["XM-EXAMPLE-1"]
    assert sorted(entry.data["deleted_organisations"]) == sorted(CREATED_ORGS)
    assert AuditEntry.objects.filter(action="projects.project.deleted").count() == 1
    assert AuditEntry.objects.filter(action="organisations.organisation.deleted").count() == 2


def test_undoing_puts_back_a_project_the_import_updated(editor):
    partner = make_organisation("Partenaire d'origine")
    before = make_project(
        "Déjà publié",
        code="XM-EXAMPLE-1",
        countries=("SN",),
        partners=[partner],
        website="https://example.org/",
        start_date=datetime.date(2010, 1, 1),
    )
    job = import_file(editor)
    updated = Project.objects.get(pk=before.pk)
    assert updated.title_fr != "Déjà publié" and updated.import_job == job

    result = undo.undo_import(job, by=editor)

    restored = Project.objects.with_relations().get(pk=before.pk)
    assert [p.code for p in result.restored] == ["XM-EXAMPLE-1"]
    assert restored.title_fr == "Déjà publié" and restored.website == "https://example.org/"
    assert restored.start_date == datetime.date(2010, 1, 1)
    assert [c.iso2 for c in restored.ordered_countries] == ["SN"]
    assert restored.ordered_partners == [partner]
    assert restored.import_job is None and restored.status == Project.Status.PUBLISHED
    assert not Organisation.objects.filter(name__in=CREATED_ORGS).exists()


def refused(job: Job, by) -> str:
    before = counts()
    with pytest.raises(services.ProjectError) as raised:
        undo.undo_import(job, by=by)
    assert counts() == before  # nothing written, not even an audit entry
    return raised.value.message


def test_a_project_edited_after_publication_blocks_the_undo(editor, published):
    project = Project.objects.get(code="XM-EXAMPLE-1")
    services.update_project(project, by=editor, changes={"website": "https://kayes.example/"})

    message = refused(published, editor)
    assert "Project XM-EXAMPLE-1 was edited since" in message and editor.email in message
    assert Project.objects.filter(code="XM-EXAMPLE-1").exists()


def test_an_organisation_it_created_now_partner_of_another_project_blocks_the_undo(
    editor, published
):
    kayes = Organisation.objects.get(name=CREATED_ORGS[0])
    other = make_project("Autre projet", code="Autre-1", partners=[kayes])

    message = refused(published, editor)
    assert f"Organisation {kayes.name}, created by this import, is now a partner of Autre-1" in (
        message
    )
    assert Organisation.objects.filter(pk=kayes.pk).exists() and other.partners.count() == 1


def test_an_organisation_it_created_that_has_members_blocks_the_undo(editor, alice, published):
    kayes = Organisation.objects.get(name=CREATED_ORGS[0])
    Membership.objects.create(organisation=kayes, user=alice, role=Membership.Role.MEMBER)
    assert "has members" in refused(published, editor)


def test_an_organisation_edited_since_blocks_the_undo(editor, published):
    kayes = Organisation.objects.get(name=CREATED_ORGS[0])
    organisation_services.update_organisation(kayes, by=editor, changes={"gloss_en": "Kayes"})
    assert f"Organisation {kayes.name}, created by this import, was edited since" in refused(
        published, editor
    )


def test_a_later_import_of_the_same_project_blocks_the_undo(editor, published):
    later = import_file(editor, title="Titre revu")
    message = refused(published, editor)
    assert f"Project XM-EXAMPLE-1 was changed since by a later import (job {later.pk})" in message
    # The later import itself can be undone: it puts the project back as the first one left it.
    undo.undo_import(later, by=editor)
    assert Project.objects.get(code="XM-EXAMPLE-1").import_job == published
    undo.undo_import(published, by=editor)
    assert not Project.objects.filter(code="XM-EXAMPLE-1").exists()


def test_an_import_is_undone_once_and_old_imports_say_why_they_cannot_be(editor, published):
    undo.undo_import(published, by=editor)
    assert "already been undone" in refused(published, editor)

    entry = AuditEntry.objects.filter(action="projects.iati_imported").latest("pk")
    entry.data = {k: v for k, v in entry.data.items() if k != "undo"}
    entry.save()
    assert "made before imports could be undone" in refused(published, editor)


def test_a_failure_while_undoing_rolls_everything_back(editor, published, monkeypatch):
    def fail(organisation, *, by):
        raise organisation_services.OrganisationError("refused for the test")

    monkeypatch.setattr(organisation_services, "delete_organisation", fail)
    before = counts()
    with pytest.raises(organisation_services.OrganisationError):
        undo.undo_import(published, by=editor)
    assert counts() == before
    assert Project.objects.filter(code="XM-EXAMPLE-1").exists()


def test_the_undo_page_asks_for_confirmation_then_undoes(client, editor, published):
    client.force_login(editor)
    review = client.get(f"/projects/import/iati/{published.pk}/", {"lang": "en"})
    assert f"/projects/import/iati/{published.pk}/undo/" in review.content.decode()
    page = client.get(f"/projects/import/iati/{published.pk}/undo/", {"lang": "en"})
    html = page.content.decode()
    assert "XM-EXAMPLE-1" in html and CREATED_ORGS[0] in html and "Undo the import" in html
    assert Project.objects.filter(code="XM-EXAMPLE-1").exists()  # asking changes nothing

    response = client.post(f"/projects/import/iati/{published.pk}/undo/", {"lang": "en"})
    assert response.status_code == 302
    assert not Project.objects.filter(code="XM-EXAMPLE-1").exists()
    followed = client.get(response["Location"], {"lang": "en"}).content.decode()
    assert "Import undone. Projects deleted: 1; put back as they were: 0" in followed


def test_the_undo_page_names_what_blocks_it_and_a_refused_post_says_so(client, editor, published):
    project = Project.objects.get(code="XM-EXAMPLE-1")
    services.update_project(project, by=editor, changes={"website": "https://kayes.example/"})
    client.force_login(editor)
    page = client.get(f"/projects/import/iati/{published.pk}/undo/", {"lang": "fr"})
    html = page.content.decode()
    assert "Le projet XM-EXAMPLE-1 a été modifié depuis" in html
    assert "<button" not in html.split("<main", 1)[-1].split("</main>")[0]

    response = client.post(f"/projects/import/iati/{published.pk}/undo/", follow=True)
    assert "This import cannot be undone" in response.content.decode() or (
        "Cette importation ne peut pas être annulée" in response.content.decode()
    )
    assert Project.objects.filter(code="XM-EXAMPLE-1").exists()


def test_members_may_not_undo_an_import(client, alice, published):
    client.force_login(alice)
    assert client.get(f"/projects/import/iati/{published.pk}/undo/").status_code == 403
    assert client.post(f"/projects/import/iati/{published.pk}/undo/").status_code == 403
    assert Project.objects.filter(code="XM-EXAMPLE-1").exists()
