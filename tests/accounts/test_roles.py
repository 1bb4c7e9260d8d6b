"""Platform roles in the admin: the rules decide (m4d.core.admin.RuleAdmin), the role sets is_staff."""

from __future__ import annotations

import pytest

from m4d.accounts import services
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.projects.models import Project
from m4d.toolbox.models import CaseStudy

pytestmark = pytest.mark.django_db
REGISTRY = (Project, Organisation, Country, CaseStudy)


def change_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def delete_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/delete/"


def test_an_outsider_cannot_open_the_admin_page_of_a_project(client, charlie):
    client.force_login(charlie)
    response = client.get(change_url(Project.objects.first()))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_member_of_an_organisation_cannot_enter_the_admin(client, bob):
    client.force_login(bob)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_editor_is_staff_but_no_superuser_and_holds_no_group(editor):
    assert editor.is_staff and not editor.is_superuser
    assert not editor.groups.exists()


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


def test_an_editor_cannot_delete_a_project_in_the_admin(client, editor):
    project = Project.objects.first()
    client.force_login(editor)
    assert client.get(delete_url(project)).status_code == 403
    assert client.post(delete_url(project), {"post": "yes"}).status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


def test_an_admin_may_open_the_delete_page_of_a_project(client, admin_user):
    client.force_login(admin_user)
    assert client.get(delete_url(Project.objects.first())).status_code == 200


def test_an_editor_sees_but_cannot_change_who_acts_for_an_organisation(client, editor, alice):
    organisation = alice.memberships.get().organisation
    client.force_login(editor)
    page = client.get(change_url(organisation))
    inline = next(
        i for i in page.context["inline_admin_formsets"] if i.formset.model.__name__ == "Membership"
    )
    assert inline.has_view_permission and not inline.has_change_permission
    assert not inline.has_add_permission and not inline.has_delete_permission


def test_an_editor_cannot_manage_user_accounts_in_the_admin(client, editor, charlie):
    client.force_login(editor)
    assert client.get(change_url(charlie)).status_code == 403
    assert client.get("/admin/accounts/user/").status_code == 403


def test_an_admin_is_a_superuser(admin_user):
    assert admin_user.role == "admin"
    assert admin_user.is_staff and admin_user.is_superuser


def test_setting_a_role_grants_and_removes_admin_access(charlie, admin_user):
    services.set_role(charlie, role="editor", by=admin_user)
    charlie.refresh_from_db()
    assert charlie.is_staff and not charlie.is_superuser

    services.set_role(charlie, role="admin", by=admin_user)
    charlie.refresh_from_db()
    assert charlie.is_superuser

    services.set_role(charlie, role="member", by=admin_user)
    charlie.refresh_from_db()
    assert not charlie.is_staff and not charlie.is_superuser


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
    assert charlie.is_staff and not charlie.is_superuser
    assert AuditEntry.objects.filter(action="user.role_changed", object_id=str(charlie.pk)).exists()


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
