from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from m4d.accounts import services
from m4d.accounts.roles import EDITORS_GROUP
from m4d.core.permissions import can
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects.models import Project
from m4d.toolbox.models import CaseStudy

pytestmark = pytest.mark.django_db
REGISTRY = (Project, Organisation, Country, CaseStudy)


def change_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def test_an_outsider_cannot_open_the_admin_page_of_a_project(client, charlie):
    client.force_login(charlie)
    response = client.get(change_url(Project.objects.first()))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_editor_is_staff_in_the_editors_group(editor):
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(name=EDITORS_GROUP).exists()
    assert editor.has_perm("projects.change_project")
    assert not editor.has_perm("projects.delete_project")
    assert not editor.has_perm("accounts.change_user")


def test_an_editor_can_change_a_project_in_the_admin(client, editor):
    project = Project.objects.first()
    client.force_login(editor)
    page = client.get(change_url(project))
    assert page.status_code == 200
    data = admin_form_data(page)
    data["title_en"] = "Corrected title"
    response = client.post(change_url(project), data)
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    project.refresh_from_db()
    assert project.title_en == "Corrected title"


@pytest.mark.parametrize("model", REGISTRY, ids=lambda m: m.__name__)
def test_an_editor_opens_every_registry_change_page(client, editor, model):
    client.force_login(editor)
    assert client.get(change_url(model.objects.first())).status_code == 200


def test_an_editor_cannot_manage_user_accounts_in_the_admin(client, editor, charlie):
    client.force_login(editor)
    assert client.get(change_url(charlie)).status_code == 403


def test_an_admin_is_a_superuser(admin_user):
    assert admin_user.role == "admin"
    assert admin_user.is_staff and admin_user.is_superuser


def test_setting_a_role_grants_and_removes_admin_access(charlie, admin_user):
    services.set_role(charlie, role="editor", by=admin_user)
    charlie.refresh_from_db()
    assert charlie.is_staff and not charlie.is_superuser
    assert charlie.groups.filter(name=EDITORS_GROUP).exists()

    services.set_role(charlie, role="admin", by=admin_user)
    charlie.refresh_from_db()
    assert charlie.is_superuser and not charlie.groups.exists()

    services.set_role(charlie, role="member", by=admin_user)
    charlie.refresh_from_db()
    assert not charlie.is_staff and not charlie.is_superuser and not charlie.groups.exists()


def test_setting_an_unknown_role_is_refused(charlie):
    with pytest.raises(ValueError):
        services.set_role(charlie, role="overlord")


def test_changing_the_role_in_the_admin_applies_it(client, admin_user, charlie):
    from m4d.core.models import AuditEntry

    client.force_login(admin_user)
    page = client.get(change_url(charlie))
    data = admin_form_data(page)
    data["role"] = "editor"
    assert client.post(change_url(charlie), data).status_code == 302
    charlie.refresh_from_db()
    assert charlie.is_staff and charlie.groups.filter(name=EDITORS_GROUP).exists()
    assert AuditEntry.objects.filter(action="user.role_changed", object_id=str(charlie.pk)).exists()


def test_the_editors_group_exists_after_migrate():
    group = Group.objects.get(name=EDITORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "change_project",
        "add_project",
        "change_organisation",
        "change_country",
        "change_casestudy",
    } <= codenames
    assert "change_membership" not in codenames


@pytest.mark.parametrize("model", REGISTRY, ids=lambda m: m.__name__)
def test_everyone_may_view_the_registry_and_only_editors_change_it(
    model, alice, bob, charlie, editor, admin_user
):
    obj = model.objects.first()
    personas = {"anonymous": AnonymousUser(), "alice": alice, "bob": bob, "charlie": charlie}
    personas.update(editor=editor, admin=admin_user)
    assert all(can(user, "view", obj) for user in personas.values())
    may_change = {name for name, user in personas.items() if can(user, "change", obj)}
    assert may_change == {"editor", "admin"}
    assert can(editor, "add", model) and not can(charlie, "add", model)


def test_only_owners_managers_and_admins_manage_an_organisations_members(
    alice, bob, charlie, admin_user
):
    organisation = alice.memberships.get().organisation
    assert can(alice, "manage_members", organisation)  # owner
    assert not can(bob, "manage_members", organisation)  # plain member
    assert not can(charlie, "manage_members", organisation)
    assert not can(AnonymousUser(), "manage_members", organisation)
    assert can(admin_user, "manage_members", organisation)
    other = Organisation.objects.exclude(pk=organisation.pk).first()
    assert not can(alice, "manage_members", other)


def test_a_manager_manages_members(bob):
    membership = bob.memberships.get()
    membership.role = "manager"
    membership.save()
    assert can(bob, "manage_members", membership.organisation)


def test_a_deactivated_editor_loses_their_rights(alice):
    alice.is_active = False
    alice.save()
    assert not can(alice, "change", Project.objects.first())
    assert not can(alice, "manage_members", alice.memberships.get().organisation)


def admin_form_data(page) -> dict:
    """The POST data the admin change form would send back unchanged (main form and inlines)."""
    data: dict = {}

    def add_form(form) -> None:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if callable(value):
                value = value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [getattr(v, "pk", v) for v in value]
            else:
                data[key] = getattr(value, "pk", value)

    add_form(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        add_form(formset.management_form)
        for form in formset.initial_forms:
            add_form(form)
    return data
