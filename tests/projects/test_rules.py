"""Who may do what with projects and case studies, and with the toolbox's records."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from m4d.core.permissions import can
from m4d.projects.models import Project
from m4d.toolbox.models import CaseStudy, Option
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Project, CaseStudy, Option], ids=lambda m: m.__name__)
def test_everyone_may_view_the_registry_and_only_editors_and_admins_change_it(
    model, alice, bob, charlie, editor, admin_user
):
    obj = make_project() if model is Project else model.objects.first()
    people = {"anonymous": AnonymousUser(), "alice": alice, "bob": bob, "charlie": charlie}
    people.update(editor=editor, admin=admin_user)
    assert all(can(user, "view", obj) for user in people.values())
    assert {name for name, user in people.items() if can(user, "change", obj)} == {
        "editor",
        "admin",
    }
    assert {name for name, user in people.items() if can(user, "add", model)} == {"editor", "admin"}
    assert {name for name, user in people.items() if can(user, "delete", obj)} == {"admin"}


def test_a_partner_organisations_owner_may_not_change_its_project(alice, alices_organisation):
    assert not can(alice, "change", make_project(partners=[alices_organisation]))


def test_a_deactivated_editor_loses_their_rights(editor):
    editor.is_active = False
    editor.save()
    assert not can(editor, "change", make_project())
    assert not can(editor, "add", Project)


def test_only_editors_may_import_iati_files(client, bob, editor):
    client.force_login(bob)
    assert client.get("/projects/import/iati/").status_code == 403
    client.force_login(editor)
    assert client.get("/projects/import/iati/").status_code == 200
