"""An organisation's owners and managers change roles and remove members on its members page; any
member leaves; an owner transfers the ownership; only owners give or take away the owner role; an
organisation always keeps at least one owner."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core.models import AuditEntry
from m4d.organisations.models import Membership
from m4d.organisations.services import (
    OrganisationError,
    delete_membership,
    transfer_ownership,
    update_membership,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def role_of(user, organisation) -> str | None:
    found = organisation.memberships.filter(user=user).first()
    return found.role if found else None


def answers(client, personas, method: str, url: str, data=None) -> dict[str, int]:
    found = {}
    for name, user in personas.items():
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        found[name] = getattr(client, method)(url, data or {}).status_code
    return found


def test_the_members_page_is_for_its_owners_and_managers(client, personas, alices_organisation):
    url = reverse("organisations:members", args=[alices_organisation.pk])
    assert answers(client, personas, "get", url) == {
        "owner": 200,
        "manager": 200,
        "member": 403,
        "other": 403,
        "editor": 403,
        "anonymous": 302,
    }


def test_the_members_page_lists_members_and_lets_the_owner_give_every_role(
    client, alice, mia, bob, alices_organisation
):
    client.force_login(alice)
    page = client.get(reverse("organisations:members", args=[alices_organisation.pk]))
    html = page.content.decode()
    assert all(email in html for email in ("alice@", "mia@", "bob@"))
    assert 'for="id_role_' in html and "Role of bob@example.org" in html
    assert '<option value="owner"' in html
    assert "Transfer the ownership" in html


def test_a_manager_is_not_offered_the_owner_role_nor_the_owners_row(
    client, mia, bob, alices_organisation
):
    client.force_login(mia)
    html = client.get(reverse("organisations:members", args=[alices_organisation.pk])).content
    html = html.decode()
    assert '<option value="owner"' not in html
    assert "Role of alice@example.org" not in html and "Role of bob@example.org" in html
    assert "Transfer the ownership" not in html


def test_the_owner_makes_a_member_a_manager_and_it_is_audited(
    client, alice, bob, alices_organisation
):
    client.force_login(alice)
    membership = bob.memberships.get()
    url = reverse("organisations:member_role", args=[alices_organisation.pk, membership.pk])

    response = client.post(url, {"role": "manager"}, follow=True)

    assert role_of(bob, alices_organisation) == "manager"
    assert "bob@example.org is now manager" in response.content.decode()
    entry = AuditEntry.objects.get(action="organisations.membership.updated")
    assert (entry.actor, entry.data) == (alice, {"role": "manager"})


def test_a_manager_cannot_make_an_owner_nor_demote_one(
    client, mia, bob, alice, alices_organisation
):
    client.force_login(mia)
    to_owner = reverse(
        "organisations:member_role", args=[alices_organisation.pk, bob.memberships.get().pk]
    )
    demote = reverse(
        "organisations:member_role", args=[alices_organisation.pk, alice.memberships.get().pk]
    )
    assert client.post(to_owner, {"role": "owner"}).status_code == 302  # not a choice offered
    assert client.post(demote, {"role": "member"}).status_code == 403
    assert (role_of(bob, alices_organisation), role_of(alice, alices_organisation)) == (
        "member",
        "owner",
    )


def test_the_last_owner_cannot_be_demoted_removed_or_leave(alice, alices_organisation):
    membership = alice.memberships.get()
    for attempt in (
        lambda: update_membership(membership, by=alice, changes={"role": "manager"}),
        lambda: delete_membership(membership, by=alice),
    ):
        with pytest.raises(OrganisationError, match="must keep at least one owner"):
            attempt()
    assert role_of(alice, alices_organisation) == "owner"


def test_the_last_owner_is_told_why_she_cannot_leave(client, alice, alices_organisation):
    client.force_login(alice)
    url = reverse("organisations:leave", args=[alices_organisation.pk])
    response = client.post(url, follow=True)
    assert "must keep at least one owner" in response.content.decode()
    assert role_of(alice, alices_organisation) == "owner"


def test_with_a_second_owner_the_first_may_step_down(alice, bob, alices_organisation):
    update_membership(bob.memberships.get(), by=alice, changes={"role": "owner"})
    update_membership(alice.memberships.get(), by=alice, changes={"role": "member"})
    assert role_of(alice, alices_organisation) == "member"


def test_removing_a_member_takes_a_confirmation_page(client, mia, bob, alices_organisation):
    client.force_login(mia)
    url = reverse(
        "organisations:member_remove", args=[alices_organisation.pk, bob.memberships.get().pk]
    )
    confirm = client.get(url).content.decode()
    assert "Remove bob@example.org (Member)" in confirm
    assert role_of(bob, alices_organisation) == "member"

    client.post(url)

    assert role_of(bob, alices_organisation) is None
    assert AuditEntry.objects.filter(action="organisations.membership.deleted", actor=mia).exists()


def test_a_member_leaves_after_a_confirmation(client, bob, alices_organisation):
    client.force_login(bob)
    url = reverse("organisations:leave", args=[alices_organisation.pk])
    assert "Leave the organisation" in client.get(url).content.decode()

    response = client.post(url, follow=True)

    assert role_of(bob, alices_organisation) is None
    assert "You left Association Alice Solidarité" in response.content.decode()


def test_leaving_is_for_members_only(client, personas, alices_organisation):
    url = reverse("organisations:leave", args=[alices_organisation.pk])
    assert answers(client, personas, "get", url) == {
        "owner": 200,
        "manager": 200,
        "member": 200,
        "other": 403,
        "editor": 403,
        "anonymous": 302,
    }


def test_the_owner_transfers_the_ownership_and_stays_as_a_manager(
    client, alice, bob, alices_organisation
):
    client.force_login(alice)
    url = reverse("organisations:transfer", args=[alices_organisation.pk])
    assert "bob@example.org (Member)" in client.get(url).content.decode()

    response = client.post(url, {"to": bob.memberships.get().pk})

    assert response.status_code == 302
    assert role_of(bob, alices_organisation) == "owner"
    assert role_of(alice, alices_organisation) == "manager"
    assert AuditEntry.objects.filter(action="organisations.membership.updated").count() == 2


def test_only_an_owner_transfers(client, personas, alices_organisation):
    url = reverse("organisations:transfer", args=[alices_organisation.pk])
    assert answers(client, personas, "get", url) == {
        "owner": 200,
        "manager": 403,
        "member": 403,
        "other": 403,
        "editor": 403,
        "anonymous": 302,
    }


def test_a_transfer_to_someone_outside_the_organisation_is_refused(
    alice, oscar, alices_organisation
):
    with pytest.raises(OrganisationError):
        transfer_ownership(alices_organisation, by=alice, to=oscar.memberships.get())
    assert role_of(alice, alices_organisation) == "owner"


def test_the_organisation_page_shows_members_to_members_and_the_tools_to_managers(
    client, personas, alices_organisation
):
    url = alices_organisation.get_absolute_url()
    seen = {}
    for name, user in personas.items():
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        html = client.get(url).content.decode()
        seen[name] = ("mia@example.org" in html, "Manage the members" in html, "Leave this" in html)
    assert seen == {
        "owner": (True, True, True),
        "manager": (True, True, True),
        "member": (True, False, True),
        "other": (False, False, False),
        "editor": (False, False, False),
        "anonymous": (False, False, False),
    }


def test_the_members_page_speaks_french(client, alice, alices_organisation):
    client.force_login(alice)
    url = reverse("organisations:members", args=[alices_organisation.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Membres de Association Alice Solidarité" in html
    assert "Inviter quelqu’un" in html


def test_a_role_not_offered_is_refused_without_change(client, alice, bob, alices_organisation):
    client.force_login(alice)
    url = reverse(
        "organisations:member_role", args=[alices_organisation.pk, bob.memberships.get().pk]
    )
    response = client.post(url, {"role": "emperor"}, follow=True)
    assert "Choose one of the roles listed" in response.content.decode()
    assert role_of(bob, alices_organisation) == Membership.Role.MEMBER


def test_every_members_url_answers_each_of_the_six_personas_as_the_rules_say(
    client, personas, bob, alices_organisation, mailoutbox
):
    """The URLs not asked persona by persona above (GET pages, and POSTs that change nothing or
    can be repeated); the permission matrix asks the same of the platform's personas."""
    from tests.factories import make_invitation

    invitation = make_invitation(alices_organisation)
    pk, bobs = alices_organisation.pk, bob.memberships.get().pk
    managers = {"owner": 200, "manager": 200, "member": 403, "other": 403, "editor": 403}
    redirected = {name: 302 if status == 200 else status for name, status in managers.items()}
    cases = [
        ("get", reverse("organisations:member_remove", args=[pk, bobs]), None, managers),
        (
            "post",
            reverse("organisations:member_role", args=[pk, bobs]),
            {"role": "member"},
            redirected,
        ),
        (
            "get",
            reverse("organisations:invitation_cancel", args=[pk, invitation.pk]),
            None,
            managers,
        ),
        (
            "post",
            reverse("organisations:invitation_resend", args=[pk, invitation.pk]),
            None,
            redirected,
        ),
        (
            "post",
            reverse("organisations:act_for"),
            {"organisation": pk},
            dict.fromkeys(managers, 302),
        ),
    ]
    for method, url, data, expected in cases:
        found = {}
        for name, user in personas.items():
            client.logout()
            if user.is_authenticated:
                client.force_login(user)
            response = getattr(client, method)(url, data or {})
            login = response.status_code == 302 and "/login/" in response.get("Location", "")
            found[name] = "login" if login else response.status_code
        assert found == {**expected, "anonymous": "login"}, url
