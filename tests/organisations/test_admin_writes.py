"""Editors' admin edits of organisations go through the services: searchable at once, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core import search
from m4d.core.models import AuditEntry
from m4d.organisations.models import Membership, Organisation
from tests.adminforms import admin_form_data, inline_prefix
from tests.factories import make_membership, make_organisation, make_project, make_user

pytestmark = pytest.mark.django_db


def found(query: str, kind: str = "organisation") -> list[int]:
    return [hit.object_id for hit in search.search(query, language="en", kinds=[kind]).hits]


def test_an_admin_edit_of_an_organisations_name_is_searchable_and_audited(client, editor):
    organisation = make_organisation("Association Grumbleton")
    project = make_project(partners=[organisation])
    search.reindex("organisation", [organisation.pk])
    search.reindex("project", [project.pk])
    client.force_login(editor)
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])

    response = client.post(url, admin_form_data(client.get(url), name="Snorkelwick Society"))

    assert response.status_code == 302
    assert found("snorkelwick") == [organisation.pk]
    assert found("snorkelwick", "project") == [project.pk]  # its projects show its name
    entry = AuditEntry.objects.get(object_id=str(organisation.pk))
    assert (entry.action, entry.actor) == ("organisations.organisation.updated", editor)
    assert entry.data == {"name": "Snorkelwick Society"}


def test_an_admin_delete_of_an_organisation_is_audited_and_taken_out_of_search(client, admin_user):
    organisation = make_organisation("Association Grumbleton")
    search.reindex("organisation", [organisation.pk])
    client.force_login(admin_user)

    client.post(
        reverse("admin:organisations_organisation_delete", args=[organisation.pk]),
        {"post": "yes"},
    )

    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert found("grumbleton") == []
    assert AuditEntry.objects.filter(
        object_id=str(organisation.pk), action="organisations.organisation.deleted"
    ).exists()


def test_a_partner_of_a_project_cannot_be_deleted_by_the_service(admin_user):
    from m4d.organisations.services import OrganisationError, delete_organisation

    organisation = make_organisation("Association Grumbleton")
    make_project(partners=[organisation])

    with pytest.raises(OrganisationError, match="cannot be deleted"):
        delete_organisation(organisation, by=admin_user)

    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert not AuditEntry.objects.filter(object_id=str(organisation.pk)).exists()


def test_an_admins_membership_changes_in_the_admin_go_through_the_services(
    client, admin_user, alice, bob, charlie, alices_organisation
):
    """Adding, re-roling and removing members on the organisation's admin page: each audited.
    (alice stays: she is the last owner, whom nobody removes, see test_members_page.py.)"""
    dana = make_user("dana@example.org")
    make_membership(dana, alices_organisation)
    client.force_login(admin_user)
    url = reverse("admin:organisations_organisation_change", args=[alices_organisation.pk])
    page = client.get(url)
    prefix = inline_prefix(page, Membership)
    data = admin_form_data(page)
    rows = int(data[f"{prefix}-TOTAL_FORMS"])
    for index in range(rows):
        user_id = int(data[f"{prefix}-{index}-user"])
        if user_id == bob.pk:
            data[f"{prefix}-{index}-role"] = Membership.Role.MANAGER
        if user_id == dana.pk:
            data[f"{prefix}-{index}-DELETE"] = "on"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(rows + 1),
            f"{prefix}-{rows}-user": str(charlie.pk),
            f"{prefix}-{rows}-role": Membership.Role.MEMBER,
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302
    roles = dict(alices_organisation.memberships.values_list("user__email", "role"))
    assert roles == {alice.email: "owner", bob.email: "manager", charlie.email: "member"}
    actions = sorted(
        AuditEntry.objects.filter(object_type="organisations.membership").values_list(
            "action", "actor"
        )
    )
    assert actions == [
        ("organisations.membership.created", admin_user.pk),
        ("organisations.membership.deleted", admin_user.pk),
        ("organisations.membership.updated", admin_user.pk),
    ]


def test_the_admin_cannot_remove_the_last_owner_either(
    client, admin_user, alice, alices_organisation
):
    client.force_login(admin_user)
    url = reverse("admin:organisations_organisation_change", args=[alices_organisation.pk])
    page = client.get(url)
    prefix = inline_prefix(page, Membership)
    data = admin_form_data(page)
    data[f"{prefix}-0-DELETE"] = "on"

    response = client.post(url, data, follow=True)

    assert "must keep at least one owner" in response.content.decode()
    assert alices_organisation.memberships.get().user == alice
