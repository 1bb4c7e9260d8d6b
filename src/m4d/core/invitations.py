"""E-mailed invitations, whatever they invite to (an organisation, a plan): the fields every
invitation has, and its signed, expiring link (decision 0010). The token names the invitation and
how many times it was sent, so a resend retires the older links; it expires
`M4D_INVITATION_DAYS` after it was signed."""

from __future__ import annotations

import datetime
from enum import Enum
from typing import TypeVar

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


class InvitationRecord(models.Model):
    """Pending until it is accepted (through its link, by whoever signs in with it) or
    cancelled; its link expires `M4D_INVITATION_DAYS` after it was last sent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        CANCELLED = "cancelled", _("Cancelled")

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language of the e-mail"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # How many times it was sent: the token names it, so a resend retires the older links.
    sends = models.PositiveIntegerField(_("times sent"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return self.Status.ACCEPTED
        if self.cancelled_at is not None:
            return self.Status.CANCELLED
        return self.Status.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


Invited = TypeVar("Invited", bound=InvitationRecord)


class InvitationLink(Enum):
    """What a followed invitation link turned out to be (the page says it in words)."""

    VALID = "valid"
    INVALID = "invalid"
    EXPIRED = "expired"
    REPLACED = "replaced"
    CANCELLED = "cancelled"
    ACCEPTED = "accepted"


def pending(invitations: QuerySet[Invited]) -> QuerySet[Invited]:
    return invitations.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


def link_token(invitation: InvitationRecord, *, salt: str) -> str:
    """The signed token of the invitation's current link, timestamped for the expiry."""
    return signing.dumps([invitation.pk, invitation.sends], salt=salt)


def expires_at(invitation: InvitationRecord) -> datetime.datetime | None:
    if invitation.sent_at is None:
        return None
    return invitation.sent_at + datetime.timedelta(days=settings.M4D_INVITATION_DAYS)


def from_token(
    token: str, *, salt: str, invitations: QuerySet[Invited]
) -> tuple[InvitationLink, Invited | None]:
    """The invitation (among `invitations`) a link names and whether it can still be accepted;
    an expired but genuine link still names its invitation, for the page to say whose it was."""
    max_age = datetime.timedelta(days=settings.M4D_INVITATION_DAYS)
    try:
        pk, sends = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        return InvitationLink.EXPIRED, _named(token, salt, invitations)
    except (signing.BadSignature, ValueError, TypeError):
        return InvitationLink.INVALID, None
    invitation = invitations.filter(pk=pk).first() if isinstance(pk, int) else None
    if invitation is None:
        return InvitationLink.INVALID, None
    if invitation.accepted_at is not None:
        return InvitationLink.ACCEPTED, invitation
    if invitation.cancelled_at is not None:
        return InvitationLink.CANCELLED, invitation
    if sends != invitation.sends:
        return InvitationLink.REPLACED, invitation
    return InvitationLink.VALID, invitation


def _named(token: str, salt: str, invitations: QuerySet[Invited]) -> Invited | None:
    try:
        pk, _sends = signing.loads(token, salt=salt)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return invitations.filter(pk=pk).first() if isinstance(pk, int) else None
