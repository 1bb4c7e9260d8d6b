"""IATI imports land for review: the projects an import creates are drafts that only editors see,
until an editor publishes them (all or some) or discards the import."""

from __future__ import annotations

import pytest

from m4d.core import generation, search
from m4d.core.models import AuditEntry, Job, SearchEntry
from m4d.organisations.models import Organisation
from m4d.projects import panels, selectors, services
from m4d.projects.iati import import_iati_file
from m4d.projects.models import Project
from tests.factories import country, make_organisation, make_project
from tests.projects.test_iati_import import activity_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

TITLE = "Épargne des migrants pour l'eau rurale"  # the activity's French title


@pytest.fixture
def imported(editor) -> Job:
    """An import of two activities by the editor (a direct import is recorded as a job too)."""
    import_iati_file(activity_file(number=1), filename="first.xml", by=editor)
    job = Job.objects.get()
    second = import_iati_file(
        activity_file(number=2, title="Deuxième"), filename="b.xml", by=editor
    )
    assert second.created_projects == 1
    Project.objects.filter(code="XM-EXAMPLE-2").update(import_job=job)  # both from one import
    return job


def test_an_import_creates_its_projects_as_drafts_of_that_import(imported):
    project = Project.objects.get(code="XM-EXAMPLE-1")
    assert project.status == Project.Status.DRAFT
    assert project.import_job == imported


def test_reimporting_a_published_project_keeps_it_published_and_records_the_import(editor):
    make_project(code="XM-EXAMPLE-1", title="Déjà publié")
    import_iati_file(activity_file(number=1), filename="update.xml", by=editor)

    project = Project.objects.get(code="XM-EXAMPLE-1")
    assert project.status == Project.Status.PUBLISHED
    assert project.title_fr == TITLE
    assert project.import_job == Job.objects.get()


def test_projects_made_outside_an_import_are_published():
    project = services.save_project(code="EDITOR-1", title_fr="Un projet")
    assert project.status == Project.Status.PUBLISHED


def test_a_draft_is_hidden_from_visitors_and_members(client, bob, imported):
    draft = Project.objects.get(code="XM-EXAMPLE-1")
    for user in (None, bob):
        if user:
            client.force_login(user)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert "XM-EXAMPLE-1" not in client.get("/projects/", {"lang": "fr"}).content.decode()
        codes = [p["code"] for p in client.get("/api/projects").json()["items"]]
        assert "XM-EXAMPLE-1" not in codes
        assert client.get("/api/projects/XM-EXAMPLE-1").status_code == 404
        assert "XM-EXAMPLE-1" not in client.get("/projects/export.csv").content.decode()


def test_a_draft_is_not_in_search_until_published(client, editor, imported):
    def found() -> list[str]:
        return [h["url"] for h in client.get("/api/search", {"q": "XM-EXAMPLE-1"}).json()["items"]]

    draft = Project.objects.get(code="XM-EXAMPLE-1")
    assert draft.get_absolute_url() not in found()
    assert "XM-EXAMPLE-1" not in client.get("/search/", {"q": "épargne"}).content.decode()

    services.publish_import(imported, by=editor, codes=["XM-EXAMPLE-1"])
    assert draft.get_absolute_url() in found()


def test_an_editor_sees_a_draft_marked_as_such_with_a_link_to_its_review(client, editor, imported):
    client.force_login(editor)
    html = client.get("/projects/xm-example-1/", {"lang": "en"}).content.decode()
    assert "Épargne des migrants" in html and "Draft" in html
    assert f"/projects/import/iati/{imported.pk}/" in html


def test_lists_their_search_facets_and_exports_leave_drafts_out_for_editors_too(
    client, editor, imported
):
    client.force_login(editor)
    newest_first = {"lang": "en", "sort": "-updated"}  # the page lists 50 of the shipped rows
    assert "XM-EXAMPLE-1" not in client.get("/projects/", newest_first).content.decode()
    assert "XM-EXAMPLE-1" not in client.get("/projects/", {"q": "épargne"}).content.decode()
    codes = [p["code"] for p in client.get("/api/projects", {"sort": "-updated"}).json()["items"]]
    assert "XM-EXAMPLE-1" not in codes
    for fmt in ("csv", "json", "iati"):
        assert "XM-EXAMPLE-1" not in client.get(f"/projects/export.{fmt}").content.decode()
    services.publish_import(imported, by=editor, codes=["XM-EXAMPLE-1"])
    assert "XM-EXAMPLE-1" in client.get("/projects/", {"q": "épargne"}).content.decode()


def test_the_review_page_lists_the_drafts_and_the_import_page_links_to_it(client, editor, imported):
    client.force_login(editor)
    html = client.get(f"/projects/import/iati/{imported.pk}/", {"lang": "fr"}).content.decode()
    assert 'value="XM-EXAMPLE-1"' in html and 'value="XM-EXAMPLE-2"' in html
    assert "Tout publier" in html
    page = client.get("/projects/import/iati/", {"lang": "en"}).content.decode()
    assert f"/projects/import/iati/{imported.pk}/" in page and "2 drafts" in page


def test_an_editor_publishes_the_selected_drafts(client, editor, imported):
    client.force_login(editor)
    response = client.post(
        f"/projects/import/iati/{imported.pk}/",
        {"action": "publish_selected", "codes": ["XM-EXAMPLE-2"]},
    )
    assert response.status_code == 302
    statuses = dict(Project.objects.filter(import_job=imported).values_list("code", "status"))
    assert statuses == {"XM-EXAMPLE-1": "draft", "XM-EXAMPLE-2": "published"}
    entry = AuditEntry.objects.get(action="projects.iati_import.published")
    assert entry.data == {"codes": ["XM-EXAMPLE-2"]}
    assert AuditEntry.objects.filter(
        action="projects.project.updated", data__status="published"
    ).exists()


def test_publishing_nothing_selected_publishes_nothing(client, editor, imported):
    client.force_login(editor)
    client.post(f"/projects/import/iati/{imported.pk}/", {"action": "publish_selected"})
    assert set(Project.objects.filter(import_job=imported).values_list("status", flat=True)) == {
        "draft"
    }
    assert not AuditEntry.objects.filter(action="projects.iati_import.published").exists()


def test_an_editor_publishes_all_drafts(client, editor, imported):
    client.force_login(editor)
    client.post(f"/projects/import/iati/{imported.pk}/", {"action": "publish_all"})
    assert set(Project.objects.filter(import_job=imported).values_list("status", flat=True)) == {
        "published"
    }
    client.logout()
    assert client.get("/projects/xm-example-1/").status_code == 200


def test_discarding_asks_for_confirmation_then_deletes_only_the_drafts(client, editor, imported):
    services.publish_import(imported, by=editor, codes=["XM-EXAMPLE-2"])
    client.force_login(editor)
    confirm = client.get(f"/projects/import/iati/{imported.pk}/discard/", {"lang": "en"})
    assert "XM-EXAMPLE-1" in confirm.content.decode()
    assert Project.objects.filter(code="XM-EXAMPLE-1").exists()  # asking changes nothing

    client.post(f"/projects/import/iati/{imported.pk}/discard/")

    assert list(
        Project.objects.filter(code__startswith="XM-EXAMPLE").values_list("code", flat=True)
    ) == ["XM-EXAMPLE-2"]
    entry = AuditEntry.objects.get(action="projects.iati_import.discarded")
    assert entry.data == {"codes": ["XM-EXAMPLE-1"]}
    assert AuditEntry.objects.filter(action="projects.project.deleted").count() == 1


def test_members_may_not_review_or_discard_an_import(client, alice, imported):
    client.force_login(alice)
    assert client.get(f"/projects/import/iati/{imported.pk}/").status_code == 403
    assert client.post(f"/projects/import/iati/{imported.pk}/discard/").status_code == 403
    assert Project.objects.filter(status=Project.Status.DRAFT).count() == 2


def test_a_job_that_is_not_an_import_has_no_review_page(client, editor):
    job = Job.objects.create(kind="something_else", owner=editor)
    client.force_login(editor)
    assert client.get(f"/projects/import/iati/{job.pk}/").status_code == 404


def test_search_index_holds_published_projects_only(imported):
    search.reindex("project")
    indexed = set(SearchEntry.objects.filter(kind="project").values_list("object_id", flat=True))
    assert indexed.isdisjoint(Project.objects.filter(status="draft").values_list("pk", flat=True))


def test_pages_of_countries_and_organisations_count_and_list_published_projects_only(client):
    partner = make_organisation("Association témoin")
    published = make_project("Projet publié", countries=("ML", "FR"), partners=[partner])
    draft = make_project(
        "Projet brouillon", countries=("ML", "FR"), partners=[partner], status="draft"
    )
    mali = country("ML")

    country_page = client.get(f"/countries/{mali.iso2.lower()}/").content.decode()
    organisation_page = client.get(partner.get_absolute_url()).content.decode()
    for html in (country_page, organisation_page):
        assert "Projet publié" in html and "Projet brouillon" not in html
    assert (
        Organisation.objects.annotate(n=panels.projects_per_organisation()).get(pk=partner.pk).n
        == 1
    )
    assert draft not in selectors.similar_projects(published, limit=1000)

    def mali_to_france() -> int:
        found = selectors.corridors(country=mali, limit=1000)
        return next(n for o, d, n in found if (o.iso2, d.iso2) == ("ML", "FR"))

    before = mali_to_france()
    Project.objects.filter(pk=draft.pk).update(status=Project.Status.PUBLISHED)
    generation.bump()  # a write without a service says so itself (decision 0016)
    assert mali_to_france() == before + 1
