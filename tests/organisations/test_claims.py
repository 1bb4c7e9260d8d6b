"""A signed-in person claims a directory entry nobody owns; an editor approves (the claimant becomes
its owner, in the same transaction) or declines it; the claimant is told by e-mail, in their
language, and may withdraw a pending claim. Everything is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core.models import AuditEntry
from m4d.organisations import claims
from m4d.organisations.models import ClaimRequest, Membership
from m4d.organisations.services import OrganisationError
from tests.factories import make_membership, make_organisation

pytestmark = pytest.mark.django_db

MESSAGE = "I am the president of this association; see our website."


@pytest.fixture
def unowned():
    return make_organisation("Collectif Sans Maître", country_code="ML")


def test_a_claim_is_pending_and_audited(charlie, unowned):
    claim = claims.request_claim(unowned, by=charlie, message=f"  {MESSAGE}  ")
    assert (claim.status, claim.claimant, claim.message) == ("pending", charlie, MESSAGE)
    entry = AuditEntry.objects.get(action="organisations.claimrequest.created")
    assert entry.actor == charlie and entry.data["message"] == MESSAGE


def test_a_claim_without_a_message_is_refused_and_nothing_is_written(charlie, unowned):
    with pytest.raises(OrganisationError, match="who you are"):
        claims.request_claim(unowned, by=charlie, message="   ")
    assert not ClaimRequest.objects.exists()


def test_a_second_pending_claim_by_the_same_person_is_refused(charlie, unowned):
    claims.request_claim(unowned, by=charlie, message=MESSAGE)
    with pytest.raises(OrganisationError, match="already asked"):
        claims.request_claim(unowned, by=charlie, message="Again")
    assert ClaimRequest.objects.count() == 1


def test_two_people_may_claim_the_same_entry(charlie, bob, unowned):
    claims.request_claim(unowned, by=charlie, message=MESSAGE)
    claims.request_claim(unowned, by=bob, message=MESSAGE)
    assert unowned.claims.filter(status="pending").count() == 2


def test_an_entry_with_owners_cannot_be_claimed(charlie, alices_organisation):
    with pytest.raises(OrganisationError, match="already has owners"):
        claims.request_claim(alices_organisation, by=charlie, message=MESSAGE)


def test_approval_makes_the_claimant_owner_audits_it_and_emails_them(
    charlie, editor, unowned, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.M4D_BASE_URL = "https://m4d.example.net"
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    with django_capture_on_commit_callbacks(execute=True):
        claims.approve_claim(claim, by=editor, note="Checked on your website.")
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.decision_note) == (
        "approved",
        editor,
        "Checked on your website.",
    )
    assert claim.decided_at is not None
    membership = Membership.objects.get(organisation=unowned, user=charlie)
    assert membership.role == Membership.Role.OWNER
    actions = set(AuditEntry.objects.filter(actor=editor).values_list("action", flat=True))
    assert {"organisations.claimrequest.updated", "organisations.membership.created"} <= actions
    (mail,) = mailoutbox
    assert mail.to == ["charlie@example.org"]
    assert "you are now an owner of Collectif Sans Maître" in mail.subject
    assert f"https://m4d.example.net/organisations/{unowned.pk}/" in mail.body
    assert "Checked on your website." in mail.body


def test_the_decision_email_is_in_the_claimants_language(
    charlie, editor, unowned, mailoutbox, django_capture_on_commit_callbacks
):
    charlie.language = "fr"
    charlie.save()
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    with django_capture_on_commit_callbacks(execute=True):
        claims.decline_claim(claim, by=editor, note="Nous n'avons pas pu vérifier.")
    (mail,) = mailoutbox
    assert "votre demande" in mail.subject
    assert "a refusé votre demande" in mail.body and "Nous n'avons pas pu vérifier." in mail.body


def test_a_declined_claim_makes_nobody_owner(charlie, editor, unowned):
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    claims.decline_claim(claim, by=editor)
    assert ClaimRequest.objects.get().status == "declined"
    assert not unowned.memberships.exists()


def test_a_decided_claim_cannot_be_decided_again(charlie, editor, unowned):
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    claims.decline_claim(claim, by=editor)
    with pytest.raises(OrganisationError, match="already been answered"):
        claims.approve_claim(claim, by=editor)
    assert not unowned.memberships.exists()


def test_a_claimant_who_joined_meanwhile_is_raised_to_owner(charlie, editor, unowned):
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    make_membership(charlie, unowned, role="member")
    claims.approve_claim(claim, by=editor)
    assert Membership.objects.get(organisation=unowned, user=charlie).role == "owner"


def test_the_claimant_withdraws_a_pending_claim_and_may_claim_again(charlie, unowned):
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    claims.withdraw_claim(claim, by=charlie)
    assert ClaimRequest.objects.get().status == "withdrawn"
    claims.request_claim(unowned, by=charlie, message=MESSAGE)
    assert unowned.claims.filter(status="pending").count() == 1


# Pages.


def test_the_page_of_an_unowned_entry_offers_a_signed_in_visitor_to_claim_it(
    client, charlie, unowned
):
    claim_url = reverse("organisations:claim", args=[unowned.pk])
    assert "Sign in to claim it" in client.get(unowned.get_absolute_url()).content.decode()
    client.force_login(charlie)
    assert claim_url in client.get(unowned.get_absolute_url()).content.decode()


def test_the_page_of_an_owned_entry_asks_outsiders_to_contact_its_owners(
    client, charlie, alices_organisation
):
    client.force_login(charlie)
    page = client.get(alices_organisation.get_absolute_url()).content.decode()
    assert "ask one of its owners to invite you" in page
    assert reverse("organisations:claim", args=[alices_organisation.pk]) not in page
    assert (
        client.get(reverse("organisations:claim", args=[alices_organisation.pk])).status_code == 403
    )


def test_claiming_through_the_page_shows_the_pending_claim_with_a_withdraw_link(
    client, charlie, unowned
):
    client.force_login(charlie)
    response = client.post(reverse("organisations:claim", args=[unowned.pk]), {"message": MESSAGE})
    assert response.status_code == 302 and response["Location"] == unowned.get_absolute_url()
    claim = ClaimRequest.objects.get()
    page = client.get(unowned.get_absolute_url()).content.decode()
    assert "an editor will answer you by e-mail" in page
    assert reverse("organisations:claim_withdraw", args=[claim.pk]) in page


def test_an_empty_claim_is_shown_again_with_its_error_tied_to_the_field(client, charlie, unowned):
    client.force_login(charlie)
    response = client.post(reverse("organisations:claim", args=[unowned.pk]), {"message": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_message_error"' in html and 'aria-invalid="true"' in html
    assert not ClaimRequest.objects.exists()


def test_the_claim_page_is_in_french(client, charlie, unowned):
    client.force_login(charlie)
    html = client.get(
        reverse("organisations:claim", args=[unowned.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Revendiquer" in html and "Envoyer ma demande" in html


def test_the_queue_lists_pending_claims_newest_first_with_their_count(
    client, editor, charlie, bob, unowned
):
    other = make_organisation("Deuxième Collectif")
    claims.request_claim(unowned, by=charlie, message=MESSAGE)
    claims.request_claim(other, by=bob, message=MESSAGE)
    declined = claims.request_claim(other, by=charlie, message=MESSAGE)
    claims.decline_claim(declined, by=editor)
    client.force_login(editor)
    html = client.get(reverse("organisations:claims")).content.decode()
    assert "2 pending claims" in html
    assert html.index("Deuxième Collectif") < html.index("Collectif Sans Maître")
    html_fr = client.get(reverse("organisations:claims"), HTTP_ACCEPT_LANGUAGE="fr").content
    assert "2 demandes en attente" in html_fr.decode()


def test_the_queue_is_for_editors(client, charlie):
    client.force_login(charlie)
    assert client.get(reverse("organisations:claims")).status_code == 403


def test_an_editor_approves_a_claim_on_its_page(
    client, editor, charlie, unowned, mailoutbox, django_capture_on_commit_callbacks
):
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    client.force_login(editor)
    url = reverse("organisations:claim_decide", args=[claim.pk])
    assert MESSAGE in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "note": ""})
    assert response.status_code == 302 and response["Location"] == reverse("organisations:claims")
    assert unowned.memberships.get().user == charlie
    assert len(mailoutbox) == 1


def test_the_claimant_sees_but_cannot_decide_their_claim(client, charlie, unowned):
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    client.force_login(charlie)
    url = reverse("organisations:claim_decide", args=[claim.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert not unowned.memberships.exists()


def test_the_claimant_withdraws_after_a_confirmation_page(client, charlie, bob, unowned):
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    url = reverse("organisations:claim_withdraw", args=[claim.pk])
    client.force_login(bob)
    assert client.post(url).status_code == 404  # someone else's claim does not exist for bob
    client.force_login(charlie)
    assert "Withdraw your claim" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert ClaimRequest.objects.get().status == "withdrawn"


def test_the_claimant_sees_the_decision_on_the_organisation_page(client, charlie, editor, unowned):
    claim = claims.request_claim(unowned, by=charlie, message=MESSAGE)
    claims.decline_claim(claim, by=editor, note="Not verifiable")
    client.force_login(charlie)
    page = client.get(unowned.get_absolute_url()).content.decode()
    assert "Declined" in page and "Not verifiable" in page


# The API (`POST /api/organisations/{id}/claims`).


def claim_by_api(client, organisation_id, body):
    return client.post(
        f"/api/organisations/{organisation_id}/claims", body, content_type="application/json"
    )


def test_a_script_claims_an_unowned_entry_and_gets_the_pending_claim(client, charlie, unowned):
    client.force_login(charlie)
    response = claim_by_api(client, unowned.pk, {"message": MESSAGE})
    assert response.status_code == 201
    body = response.json()
    assert (body["organisation"], body["status"], body["message"]) == (
        unowned.pk,
        "pending",
        MESSAGE,
    )
    assert ClaimRequest.objects.get().claimant == charlie


def test_the_api_refuses_an_empty_or_repeated_claim_with_422_and_an_owned_entry_with_403(
    client, charlie, unowned, alices_organisation
):
    client.force_login(charlie)
    empty = claim_by_api(client, unowned.pk, {"message": " "})
    assert empty.status_code == 422 and "message" in empty.json()["errors"]
    assert claim_by_api(client, unowned.pk, {"message": MESSAGE}).status_code == 201
    again = claim_by_api(client, unowned.pk, {"message": MESSAGE})
    assert again.status_code == 422 and "already asked" in str(again.json()["errors"])
    assert claim_by_api(client, alices_organisation.pk, {"message": MESSAGE}).status_code == 403
    assert claim_by_api(client, 999_999, {"message": MESSAGE}).status_code == 404
    assert ClaimRequest.objects.count() == 1


def test_anonymous_callers_get_401_from_the_claims_endpoint(client, unowned):
    assert claim_by_api(client, unowned.pk, {"message": MESSAGE}).status_code == 401
