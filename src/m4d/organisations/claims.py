"""Claims: a person asks to own a directory entry nobody owns yet, an editor decides (the services).

Who may ask, decide and withdraw is in `rules.py` ("claim" on Organisation; ClaimRequest's
"change" and "withdraw"); the services below check the claim's own state. Every write is audited
through `core.records`; the claimant is told of the decision by e-mail, in their language, once
the decision is committed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from m4d.core import records
from m4d.core.links import absolute_url
from m4d.core.mail import send_templated
from m4d.organisations.models import ClaimRequest, Membership, Organisation
from m4d.organisations.services import OrganisationError


def _save(claim: ClaimRequest, changes: dict[str, Any], by: Any) -> ClaimRequest:
    return records.save_record(claim, changes, by=by, kind=None, error=OrganisationError)


def pending_claim_of(user: Any, organisation: Organisation) -> ClaimRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return organisation.claims.filter(claimant=user, status=ClaimRequest.Status.PENDING).first()


@transaction.atomic
def request_claim(organisation: Organisation, *, by: Any, message: str) -> ClaimRequest:
    """`by` asks to become the owner of `organisation`, saying who they are (`message`)."""
    message = message.strip()
    if not message:
        raise OrganisationError(
            _("Tell the editors who you are and how you act for this organisation.")
        )
    if organisation.merged_into_id is not None:
        raise OrganisationError(_("This record has been merged into another one."))
    if organisation.memberships.filter(role=Membership.Role.OWNER).exists():
        raise OrganisationError(
            _("%(name)s already has owners on m4d: ask one of them to invite you.")
            % {"name": organisation.name}
        )
    if organisation.memberships.filter(user=by).exists():
        raise OrganisationError(
            _("You are already a member of %(name)s.") % {"name": organisation.name}
        )
    if pending_claim_of(by, organisation) is not None:
        raise OrganisationError(
            _("You have already asked to own %(name)s: the editors will answer.")
            % {"name": organisation.name}
        )
    return _save(
        ClaimRequest(), {"organisation": organisation, "claimant": by, "message": message}, by
    )


def _check_pending(claim: ClaimRequest) -> None:
    if not claim.is_pending:
        raise OrganisationError(
            _("This claim has already been answered (%(status)s).")
            % {"status": claim.get_status_display()}
        )


@transaction.atomic
def approve_claim(claim: ClaimRequest, *, by: Any, note: str = "") -> ClaimRequest:
    """The claimant becomes an owner of the organisation (a new membership, or their existing
    one raised to owner), in the same transaction as the decision; they are told by e-mail."""
    claim = ClaimRequest.objects.select_for_update().select_related("organisation").get(pk=claim.pk)
    _check_pending(claim)
    organisation = claim.organisation
    if organisation.merged_into_id is not None:
        raise OrganisationError(
            _("This record has been merged into another one: the claimant can ask for that one.")
        )
    membership = organisation.memberships.filter(user_id=claim.claimant_id).first()
    if membership is None:
        records.save_record(
            Membership(),
            {
                "organisation": organisation,
                "user_id": claim.claimant_id,
                "role": Membership.Role.OWNER,
            },
            by=by,
            kind=None,
            error=OrganisationError,
        )
    elif membership.role != Membership.Role.OWNER:
        records.save_record(
            membership, {"role": Membership.Role.OWNER}, by=by, kind=None, error=OrganisationError
        )
    return _decide(claim, ClaimRequest.Status.APPROVED, by=by, note=note)


@transaction.atomic
def decline_claim(claim: ClaimRequest, *, by: Any, note: str = "") -> ClaimRequest:
    """Refuse the claim (the note, if any, is sent to the claimant)."""
    claim = ClaimRequest.objects.select_for_update().get(pk=claim.pk)
    _check_pending(claim)
    return _decide(claim, ClaimRequest.Status.DECLINED, by=by, note=note)


def _decide(claim: ClaimRequest, status: str, *, by: Any, note: str) -> ClaimRequest:
    changes = {
        "status": status,
        "decided_by": by,
        "decided_at": timezone.now(),
        "decision_note": note.strip(),
    }
    claim = _save(claim, changes, by)
    transaction.on_commit(lambda: send_decision(claim.pk))
    return claim


@transaction.atomic
def withdraw_claim(claim: ClaimRequest, *, by: Any) -> ClaimRequest:
    """The claimant takes back a claim still pending."""
    claim = ClaimRequest.objects.select_for_update().get(pk=claim.pk)
    _check_pending(claim)
    return _save(claim, {"status": ClaimRequest.Status.WITHDRAWN}, by)


def send_decision(claim_id: int) -> None:
    """E-mail the claimant the decision, in their language, with a link on M4D_BASE_URL."""
    claim = ClaimRequest.objects.select_related("organisation", "claimant").get(pk=claim_id)
    claimant = claim.claimant
    context = {
        "claim": claim,
        "organisation": claim.organisation,
        "approved": claim.status == ClaimRequest.Status.APPROVED,
        "link": absolute_url(claim.organisation.get_absolute_url()),
    }
    send_templated(
        to=claimant.email,
        language=claimant.language or settings.LANGUAGE_CODE,
        subject_template="organisations/email/claim_decided_subject.txt",
        body_template="organisations/email/claim_decided_body.txt",
        context=context,
    )
