"""Owners and managers invite people by e-mail; the signed link expires, a resend replaces it, a
cancelled or used link says so, and someone without an account signs up through it and lands as a
member (decision 0010)."""

from __future__ import annotations

import re
import time
from smtplib import SMTPException

import pytest
from django.core import signing
from django.urls import reverse

from m4d.core.models import AuditEntry
from m4d.organisations.models import Invitation, Membership
from m4d.organisations.selectors import InvitationLink, invitation_from_token, invitation_token
from m4d.organisations.services import (
    OrganisationError,
    accept_invitation,
    cancel_invitation,
    invite_member,
    resend_invitation,
)
from tests.factories import PASSWORD, make_invitation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def link_in(body: str) -> str:
    """The invitation link of an e-mail's body (a path, the base URL taken off)."""
    found = re.search(r"https?://[^/\s]+(/organisations/invitations/[^\s]+/)", body)
    assert found, body
    return found.group(1)


def invite(organisation, by, email="nadia@example.org", role="member", language="en"):
    return invite_member(organisation, by=by, email=email, role=role, language=language)


def test_an_invitation_is_e_mailed_with_a_link_on_the_base_url_and_audited(
    alice, alices_organisation, mailoutbox, settings
):
    settings.M4D_BASE_URL = "https://m4d.example.net"
    invitation = invite(alices_organisation, alice)

    [mail] = mailoutbox
    assert mail.to == ["nadia@example.org"]
    assert mail.subject == "[m4d.example.net] Invitation to act for Association Alice Solidarité"
    assert "https://m4d.example.net/organisations/invitations/" in mail.body
    assert "as Member" in mail.body and "14 days" in mail.body
    assert invitation.sends == 1 and invitation.is_pending
    assert AuditEntry.objects.filter(
        action="organisations.invitation.created", actor=alice
    ).exists()


def test_the_e_mail_is_written_in_the_language_chosen_for_it(
    alice, alices_organisation, mailoutbox
):
    invite(alices_organisation, alice, language="fr")

    [mail] = mailoutbox
    assert "Invitation à agir pour Association Alice Solidarité" in mail.subject
    assert "en tant que Membre" in mail.body


def test_the_members_page_sends_an_invitation_in_the_inviters_language(
    client, alice, alices_organisation, mailoutbox
):
    client.force_login(alice)
    url = reverse("organisations:invite", args=[alices_organisation.pk])
    response = client.post(url, {"email": "nadia@example.org", "role": "manager", "language": "fr"})

    assert response.status_code == 302
    assert Invitation.objects.get(email="nadia@example.org").role == "manager"
    page = client.get(response["Location"]).content.decode()
    assert "An invitation was sent to nadia@example.org" in page
    assert "nadia@example.org" in page.split("Pending invitations")[1]
    assert mailoutbox[0].subject.startswith("[")


def test_a_bad_address_is_shown_again_with_its_error_and_nothing_is_sent(
    client, alice, alices_organisation, mailoutbox
):
    client.force_login(alice)
    url = reverse("organisations:invite", args=[alices_organisation.pk])
    response = client.post(url, {"email": "not an address", "role": "member", "language": "en"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in html and 'value="not an address"' in html
    assert not Invitation.objects.exists() and mailoutbox == []


def test_a_member_or_an_address_already_invited_is_not_invited_twice(
    alice, bob, alices_organisation, mailoutbox
):
    with pytest.raises(OrganisationError, match="already a member"):
        invite(alices_organisation, alice, email="BOB@example.org")
    invite(alices_organisation, alice)
    with pytest.raises(OrganisationError, match="already invited"):
        invite(alices_organisation, alice, email="Nadia@example.org")
    assert Invitation.objects.count() == 1 and len(mailoutbox) == 1


def test_a_manager_cannot_invite_an_owner(client, mia, alices_organisation):
    client.force_login(mia)
    url = reverse("organisations:invite", args=[alices_organisation.pk])
    response = client.post(url, {"email": "nadia@example.org", "role": "owner", "language": "en"})

    assert response.status_code == 200
    assert 'id="id_role_error"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_when_the_mail_cannot_be_sent_nothing_is_kept(alice, alices_organisation, monkeypatch):
    def refuse(*args, **kwargs):
        raise SMTPException("relay refused")

    monkeypatch.setattr("m4d.core.mail.send_mail", refuse)
    with pytest.raises(OrganisationError, match="could not be sent"):
        invite(alices_organisation, alice)
    assert not Invitation.objects.exists()
    assert not AuditEntry.objects.filter(object_type="organisations.invitation").exists()


def test_a_visitor_without_an_account_signs_up_through_the_link_and_lands_as_a_member(
    client, alice, alices_organisation, mailoutbox
):
    invite(alices_organisation, alice, role="manager")
    path = link_in(mailoutbox[0].body)

    page = client.get(path).content.decode()
    assert "alice@example.org invites nadia@example.org" in page
    signup = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', page).group(1)
    form = client.get(signup.replace("&amp;", "&")).content.decode()
    assert 'name="next"' in form
    response = client.post(
        "/accounts/signup/",
        {"email": "nadia@example.org", "password1": PASSWORD, "password2": PASSWORD, "next": path},
    )
    assert response.status_code == 302 and response["Location"] == path
    accepted = client.post(path)

    membership = Membership.objects.get(user__email="nadia@example.org")
    assert (membership.organisation, membership.role) == (alices_organisation, "manager")
    assert accepted["Location"] == alices_organisation.get_absolute_url()
    assert "you now act for" in client.get(accepted["Location"]).content.decode()
    assert Invitation.objects.get().status == Invitation.Status.ACCEPTED


def test_a_visitor_who_posts_the_acceptance_is_asked_to_log_in_first(
    client, alice, alices_organisation
):
    path = reverse(
        "organisations:invitation", args=[invitation_token(make_invitation(alices_organisation))]
    )
    response = client.post(path)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Membership.objects.filter(role="member").exists()


def test_someone_signed_in_with_another_address_is_told_which_address_was_invited(
    client, alice, charlie, alices_organisation
):
    invitation = make_invitation(alices_organisation, "nadia@example.org", invited_by=alice)
    client.force_login(charlie)
    path = reverse("organisations:invitation", args=[invitation_token(invitation)])

    page = client.get(path).content.decode()
    assert "This invitation was sent to nadia@example.org" in page
    assert "you are logged in as charlie@example.org" in page
    client.post(path)
    assert charlie.memberships.get().organisation == alices_organisation


def test_a_member_who_accepts_keeps_their_role(alice, bob, alices_organisation):
    invitation = make_invitation(alices_organisation, bob.email, role="manager")
    accept_invitation(invitation, user=bob)
    assert bob.memberships.get().role == "member"
    invitation.refresh_from_db()
    assert invitation.accepted_by == bob


def test_a_resend_sends_a_new_link_and_the_old_one_stops_working(
    client, alice, alices_organisation, mailoutbox
):
    invitation = invite(alices_organisation, alice)
    old = link_in(mailoutbox[0].body)
    resend_invitation(invitation, by=alice)
    new = link_in(mailoutbox[1].body)

    assert old != new
    replaced = client.get(old)
    assert replaced.status_code == 410
    assert "use the link of the most recent e-mail" in replaced.content.decode()
    assert client.get(new).status_code == 200
    assert Invitation.objects.get().sends == 2


def test_the_link_expires_after_the_configured_days(alice, alices_organisation, monkeypatch):
    invitation = make_invitation(alices_organisation)
    token = invitation_token(invitation)
    later = time.time() + 15 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)

    assert invitation_from_token(token) == (InvitationLink.EXPIRED, invitation)


def test_an_expired_link_gets_a_clear_page(client, alice, alices_organisation, settings):
    settings.M4D_INVITATION_DAYS = -1
    path = reverse(
        "organisations:invitation", args=[invitation_token(make_invitation(alices_organisation))]
    )

    response = client.get(path)
    assert response.status_code == 410
    assert "It has expired." in response.content.decode()
    assert "Association Alice Solidarité" in response.content.decode()


def test_a_cancelled_or_used_link_says_so(client, alice, charlie, alices_organisation):
    cancelled = make_invitation(alices_organisation)
    cancel_invitation(cancelled, by=alice)
    used = make_invitation(alices_organisation)
    accept_invitation(used, user=charlie)

    for invitation, words in ((cancelled, "was cancelled"), (used, "already accepted")):
        response = client.get(
            reverse("organisations:invitation", args=[invitation_token(invitation)])
        )
        assert response.status_code == 410 and words in response.content.decode()
    with pytest.raises(OrganisationError):
        accept_invitation(cancelled, user=charlie)


def test_a_changed_link_is_not_found(client, alice, alices_organisation):
    token = invitation_token(make_invitation(alices_organisation))
    response = client.get(reverse("organisations:invitation", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    assert "copy it again from the e-mail" in response.content.decode()


def test_cancelling_takes_a_confirmation_page(client, mia, alices_organisation):
    invitation = make_invitation(alices_organisation)
    client.force_login(mia)
    url = reverse("organisations:invitation_cancel", args=[alices_organisation.pk, invitation.pk])

    assert "Cancel the invitation" in client.get(url).content.decode()
    invitation.refresh_from_db()
    assert invitation.is_pending
    client.post(url)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.CANCELLED


def test_the_resend_button_sends_the_mail_again(client, mia, alices_organisation, mailoutbox):
    invitation = make_invitation(alices_organisation)
    client.force_login(mia)
    url = reverse("organisations:invitation_resend", args=[alices_organisation.pk, invitation.pk])

    response = client.post(url, follow=True)
    assert "the earlier link no longer works" in response.content.decode()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [invitation.email]


def test_only_its_owners_and_managers_invite(client, personas, alices_organisation):
    url = reverse("organisations:invite", args=[alices_organisation.pk])
    data = {"email": "nadia@example.org", "role": "member", "language": "en"}
    answers = {}
    for name, user in personas.items():
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        Invitation.objects.all().delete()
        answers[name] = client.post(url, data).status_code
    assert answers == {
        "owner": 302,
        "manager": 302,
        "member": 403,
        "other": 403,
        "editor": 403,
        "anonymous": 302,  # to the login page
    }
