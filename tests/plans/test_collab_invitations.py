"""A plan's owners invite people by e-mail with a role; the signed link expires, a resend replaces
it, a cancelled or used link says so; accepting needs an account and makes the person a
collaborator. The partner organisations' managers are invited in one click."""

from __future__ import annotations

import re
from smtplib import SMTPException
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation

from m4d.core.models import AuditEntry
from m4d.organisations.models import Membership
from m4d.plans import collaboration
from m4d.plans.collaboration import invitation_token
from m4d.plans.document import Partner, Partnership, PlanDocument
from m4d.plans.models import Collaborator, PlanInvitation
from m4d.plans.services import PlanError
from tests.factories import (
    PASSWORD,
    make_membership,
    make_organisation,
    make_plan,
    make_plan_invitation,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def link_in(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/plans/invitations/[^\s]+/)", body)
    assert found, body
    return found.group(1)


def invite(team, email="nadia@example.org", role="editor", language="en"):
    return collaboration.invite_collaborator(
        team.plan, by=team.owner, email=email, role=role, language=language
    )


def test_an_invitation_is_e_mailed_with_a_link_on_the_base_url_and_audited(
    team, mailoutbox, settings
):
    settings.M4D_BASE_URL = "https://m4d.example.net"
    invitation = invite(team, role="commenter")

    [mail] = mailoutbox
    assert mail.to == ["nadia@example.org"]
    assert mail.subject == (
        "[m4d.example.net] Invitation to work on the plan Kayes–Montreuil youth enterprise"
    )
    assert "https://m4d.example.net/plans/invitations/" in mail.body
    assert "as Commenter" in mail.body and "14 days" in mail.body
    assert "Association Alice Solidarité" in mail.body
    assert invitation.is_pending and invitation.invited_by == team.owner
    assert AuditEntry.objects.filter(action="plans.planinvitation.created").exists()


def test_the_e_mail_is_written_in_the_language_chosen_for_it(team, mailoutbox):
    invite(team, language="fr")

    [mail] = mailoutbox
    assert "Invitation à travailler sur le plan" in mail.subject
    with translation.override("fr"):
        role = str(Collaborator.Role.EDITOR.label)
    assert "vous invite à travailler sur le plan" in mail.body
    assert f"en tant que {role}." in mail.body and role != "Editor"


def test_someone_already_on_the_plan_or_already_invited_is_not_invited_again(team, mailoutbox):
    with pytest.raises(PlanError, match="already works on this plan"):
        invite(team, email=team.editor.email.upper())
    invite(team)
    with pytest.raises(PlanError, match="already invited"):
        invite(team, email="Nadia@example.org")
    assert len(mailoutbox) == 1


def test_when_the_mail_cannot_be_sent_nothing_is_kept(team, monkeypatch):
    def refuse(*args, **kwargs):
        raise SMTPException("relay down")

    monkeypatch.setattr("m4d.core.mail.send_mail", refuse)
    with pytest.raises(PlanError, match="could not be sent"):
        invite(team)
    assert not PlanInvitation.objects.exists()


def test_a_newcomer_signs_up_through_the_link_and_becomes_a_collaborator_with_the_role(
    team, client, mailoutbox
):
    invite(team, role="commenter")
    path = link_in(mailoutbox[0].body)

    page = client.get(path)
    assert page.status_code == 200
    assert "Sign up to accept" in page.content.decode()
    assert client.post(path)["Location"].startswith(reverse("account_login"))

    nadia = make_user("nadia@example.org")
    client.force_login(nadia)
    accepted = client.post(path)

    assert accepted.status_code == 302 and accepted["Location"] == team.plan.get_absolute_url()
    assert team.plan.collaborators.get(user=nadia).role == Collaborator.Role.COMMENTER
    assert PlanInvitation.objects.get().accepted_by == nadia
    assert client.get(path).status_code == 410


def test_the_link_is_the_proof_whoever_signs_in_with_another_address_is_told_and_added(
    team, client, mailoutbox
):
    invite(team)
    path = link_in(mailoutbox[0].body)
    other = make_user("nadia.work@example.org")
    client.force_login(other)

    page = client.get(path).content.decode()
    assert "This invitation was sent to nadia@example.org" in page
    assert "Accepting it adds nadia.work@example.org" in page
    client.post(path)
    assert team.plan.collaborators.get(user=other).role == Collaborator.Role.EDITOR


def test_a_collaborator_who_accepts_keeps_their_role(team):
    invitation = make_plan_invitation(team.plan, team.reader.email, role="owner")

    collaboration.accept_invitation(invitation, user=team.reader)

    assert team.plan.collaborators.get(user=team.reader).role == Collaborator.Role.READER


def test_a_resend_replaces_the_link_and_a_cancelled_link_says_so(team, client, mailoutbox):
    invitation = invite(team)
    old = link_in(mailoutbox[0].body)
    collaboration.resend_invitation(invitation, by=team.owner)
    new = link_in(mailoutbox[1].body)

    replaced = client.get(old)
    assert replaced.status_code == 410
    assert "use the link of the most recent e-mail" in replaced.content.decode()
    assert client.get(new).status_code == 200

    collaboration.cancel_invitation(invitation, by=team.owner)
    cancelled = client.get(new)
    assert cancelled.status_code == 410
    assert "The invitation was cancelled." in cancelled.content.decode()
    with pytest.raises(PlanError, match="already accepted or cancelled"):
        collaboration.accept_invitation(invitation, user=make_user())


def test_an_expired_link_gets_a_clear_page(team, client, settings):
    settings.M4D_INVITATION_DAYS = -1
    path = reverse("plans:invitation", args=[invitation_token(make_plan_invitation(team.plan))])

    page = client.get(path)

    assert page.status_code == 410
    assert "It has expired." in page.content.decode()
    assert "Ask an owner of the plan" in page.content.decode()


def test_a_changed_link_names_nothing(client, team):
    token = invitation_token(make_plan_invitation(team.plan))

    assert client.get(reverse("plans:invitation", args=[token[:-2] + "xx"])).status_code == 404


def test_an_organisation_invitation_token_does_not_open_a_plan_invitation(client, team):
    from m4d.organisations.selectors import invitation_token as organisation_token
    from tests.factories import make_invitation

    token = organisation_token(make_invitation(team.plan.organisation))

    assert client.get(reverse("plans:invitation", args=[token])).status_code == 404


def test_the_owner_invites_from_the_people_page_and_sees_the_invitation_pending(
    team, client, mailoutbox
):
    client.force_login(team.owner)
    sent = client.post(
        reverse("plans:invite", args=[team.plan.pk]),
        {"email": "nadia@example.org", "role": "reader", "language": "fr"},
    )

    assert sent.status_code == 302
    assert mailoutbox[0].to == ["nadia@example.org"]
    page = client.get(reverse("plans:people", args=[team.plan.pk])).content.decode()
    assert "nadia@example.org" in page and "Resend to nadia@example.org" in page


def test_a_bad_address_is_shown_again_with_its_error(team, client):
    client.force_login(team.owner)

    page = client.post(
        reverse("plans:invite", args=[team.plan.pk]),
        {"email": "not an address", "role": "editor", "language": "en"},
    )

    assert page.status_code == 200
    assert "Enter a valid email address." in page.content.decode()
    assert 'value="not an address"' in page.content.decode()
    assert not PlanInvitation.objects.exists()


def partnered_plan(owner, organisation, partner_organisation):
    document = PlanDocument(
        partnership=Partnership(
            partners=[
                Partner(name=partner_organisation.name, organisation=partner_organisation.pk),
                Partner(name="A partner typed in, not from the directory"),
            ]
        )
    )
    return make_plan(owner, organisation=organisation, document=document)


def test_the_partner_organisations_managers_are_invited_as_editors_in_one_click(
    alice, alices_organisation, client, mailoutbox
):
    partner = make_organisation("Association des Maliens de Montreuil", country_code="FR")
    owner = make_user("owner@amm.example.org", language="fr")
    manager = make_user("manager@amm.example.org")
    member = make_user("member@amm.example.org")
    make_membership(owner, partner, role=Membership.Role.OWNER)
    make_membership(manager, partner, role=Membership.Role.MANAGER)
    make_membership(member, partner, role=Membership.Role.MEMBER)
    plan = partnered_plan(alice, alices_organisation, partner)
    client.force_login(alice)

    page = client.get(reverse("plans:people", args=[plan.pk])).content.decode()
    assert "manager@amm.example.org" in page and "member@amm.example.org" not in page
    client.post(reverse("plans:invite_partners", args=[plan.pk]))

    invited = {i.email: i for i in plan.invitations.all()}
    assert set(invited) == {"owner@amm.example.org", "manager@amm.example.org"}
    assert {i.role for i in invited.values()} == {Collaborator.Role.EDITOR}
    assert invited["owner@amm.example.org"].language == "fr"
    assert len(mailoutbox) == 2
    # A second click invites nobody twice.
    client.post(reverse("plans:invite_partners", args=[plan.pk]))
    assert plan.invitations.count() == 2 and len(mailoutbox) == 2


def test_partners_already_on_the_plan_are_not_invited(alice, alices_organisation):
    partner = make_organisation("Partner on the plan", country_code="ML")
    manager = make_user("manager@partner.example.org")
    make_membership(manager, partner, role=Membership.Role.MANAGER)
    plan = partnered_plan(alice, alices_organisation, partner)
    Collaborator.objects.create(plan=plan, user=manager, role=Collaborator.Role.READER)

    assert collaboration.partner_contacts(plan) == []


def test_the_invitation_page_asks_a_visitor_to_log_in_and_comes_back(team, client, mailoutbox):
    invite(team)
    path = link_in(mailoutbox[0].body)

    page = client.get(path).content.decode()
    assert f"{reverse('account_login')}?next={quote(path)}" in page
    nadia = make_user("nadia@example.org")
    logged_in = client.post(
        reverse("account_login") + f"?next={path}",
        {"login": nadia.email, "password": PASSWORD},
    )
    assert logged_in["Location"] == path
