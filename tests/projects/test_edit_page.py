"""The project edit page: editors correct a project (form → service → audit → redirect)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from m4d.core import search
from m4d.core.models import AuditEntry
from m4d.projects.models import Project
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db


def edit_url(project: Project) -> str:
    return reverse("projects:edit", args=[project.slug])


def saved(project: Project) -> Project:
    return Project.objects.with_relations().get(pk=project.pk)


def form(**overrides) -> dict:
    return {"title_fr": "Un titre", "title_en": "A title", "countries": "SN", **overrides}


@pytest.fixture
def project():
    project = make_project("Projet flibbertien", countries=("SN", "FR"), capitals=("social",))
    search.reindex("project", [project.pk])
    return project


def test_the_page_shows_the_project_as_it_is(client, editor, project):
    client.force_login(editor)

    page = client.get(edit_url(project)).content.decode()

    assert 'value="Projet flibbertien"' in page
    assert 'value="SN, FR"' in page


def test_an_editor_corrects_title_partners_countries_and_capitals(client, editor, project):
    first, second = make_organisation("Zeta Coop"), make_organisation("Alpha Coop")
    client.force_login(editor)

    response = client.post(
        edit_url(project),
        form(
            title_en="Wobblefen gardens",
            summary_en="Gardens along the river.",
            partners=[first.pk, second.pk],
            countries="ML, Sénégal, FR",
            capitals=["human", "financial"],
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    after = saved(project)
    assert after.title_en == "Wobblefen gardens"
    assert [c.iso2 for c in after.ordered_countries] == ["ML", "SN", "FR"]  # the origin first
    assert set(after.ordered_partners) == {first, second}
    assert after.capital_values == ["financial", "human"]
    hits = search.search("wobblefen", language="en", kinds=["project"]).hits
    assert [hit.object_id for hit in hits] == [project.pk]
    entry = AuditEntry.objects.get(object_id=str(project.pk))
    assert (entry.action, entry.actor) == ("projects.project.updated", editor)
    assert {"title_en", "countries", "partners", "capitals"} <= set(entry.data)


def test_the_project_page_confirms_the_correction(client, editor, project):
    client.force_login(editor)

    page = client.post(edit_url(project), form(), follow=True).content.decode()

    assert "saved" in page


def test_partners_kept_keep_their_order_and_new_ones_follow(client, editor):
    kept_first, kept_second, new = (make_organisation(n) for n in ("Zulu", "Yankee", "Alpha"))
    project = make_project(partners=[kept_first, kept_second])
    client.force_login(editor)

    client.post(edit_url(project), form(partners=[new.pk, kept_second.pk, kept_first.pk]))

    assert saved(project).ordered_partners == [kept_first, kept_second, new]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"countries": ""}, "Give at least one country"),
        ({"countries": "SN, Atlantis"}, "Unknown country: Atlantis"),
        ({"partners": [999999]}, "Unknown partner: 999999"),
        ({"title_fr": "", "title_en": " "}, "Give the title in French or in English."),
    ],
)
def test_invalid_input_is_shown_with_what_was_typed_and_nothing_is_saved(
    client, editor, project, changes, message
):
    client.force_login(editor)

    response = client.post(edit_url(project), form(summary_en="Typed, not lost", **changes))

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Typed, not lost" in page
    assert saved(project).title_en == "Projet flibbertien"
    assert [c.iso2 for c in saved(project).ordered_countries] == ["SN", "FR"]
    assert not AuditEntry.objects.filter(object_id=str(project.pk)).exists()


def test_an_error_and_a_help_text_are_tied_to_their_field(client, editor, project):
    client.force_login(editor)

    page = client.post(edit_url(project), form(countries="Atlantide")).content.decode()

    field = re.search(r"<input[^>]*id=\"id_countries\"[^>]*>", page)
    assert field is not None
    assert 'aria-invalid="true"' in field.group()
    described_by = re.search(r'aria-describedby="([^"]+)"', field.group())
    assert described_by is not None
    assert described_by.group(1).split() == ["id_countries_helptext", "id_countries_error"]
    assert re.search(r'<small[^>]*id="id_countries_helptext"[^>]*>ISO codes', page)
    assert re.search(r'<ul[^>]*id="id_countries_error"[^>]*><li>Unknown country: Atlantide', page)


def test_validation_messages_are_translated(client, editor, project):
    client.force_login(editor)

    with translation.override("fr"):
        response = client.post(
            edit_url(project), form(countries="Atlantide"), HTTP_ACCEPT_LANGUAGE="fr"
        )

    assert "Pays inconnu\u202f: Atlantide" in response.content.decode()


@pytest.mark.parametrize("persona", ["alice", "bob", "charlie"])
def test_people_who_are_not_editors_may_not_edit_a_project(client, project, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(edit_url(project)).status_code == 403
    assert client.post(edit_url(project), form(title_en="Hijacked")).status_code == 403
    assert saved(project).title_en == "Projet flibbertien"


def test_visitors_are_sent_to_the_login_page(client, project):
    response = client.get(edit_url(project))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_project_page_links_to_the_edit_page_for_editors_only(client, editor, charlie, project):
    link = f'href="{edit_url(project)}"'
    client.force_login(charlie)
    assert link not in client.get(project.get_absolute_url()).content.decode()

    client.force_login(editor)
    assert link in client.get(project.get_absolute_url()).content.decode()


def test_the_edit_page_shows_the_projects_history(client, editor, project):
    client.force_login(editor)
    client.post(edit_url(project), form(title_en="Wobblefen gardens"))

    page = client.get(edit_url(project)).content.decode()

    assert "projects.project.updated" in page
    assert editor.email in page
