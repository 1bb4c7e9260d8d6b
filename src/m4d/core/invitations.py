"""E-mailed invitations, whatever they invite to (an organisation, a plan): the fields every
invitation has, and its signed, expiring link (decision 0010). The token names the invitation and
how many times it was sent, so a resend retires the older links; it expires
`M4D_INVITATION_DAYS` after it was signed."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from m4d.core import records
from m4d.core.i18n import normalise_language
from m4d.core.links import absolute_url
from m4d.core.mail import MAIL_FAILURES, send_templated


class InvitationRecord(models.Model):
    """Pending until it is accepted (through its link, by whoever signs in with it) or
    cancelled; its link expires `M4D_INVITATION_DAYS` after it was last sent."""

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        ACCEPTED = "accepted", gettext_lazy("Accepted")
        CANCELLED = "cancelled", gettext_lazy("Cancelled")

    email = models.EmailField(gettext_lazy("e-mail address"))
    language = models.CharField(
        gettext_lazy("language of the e-mail"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # How many times it was sent: the token names it, so a resend retires the older links.
    sends = models.PositiveIntegerField(gettext_lazy("times sent"), default=0)
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    sent_at = models.DateTimeField(gettext_lazy("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(gettext_lazy("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(gettext_lazy("cancelled"), null=True, blank=True)

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


# The writes every kind of invitation shares; each app's service adds what accepting grants.


def _person(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def check_pending(invitation: InvitationRecord, error: type[records.RecordError]) -> None:
    if not invitation.is_pending:
        raise error(_("This invitation was already accepted or cancelled."))


def create(
    invitation: Invited,
    changes: Mapping[str, Any],
    *,
    by: Any,
    language: str,
    others: QuerySet[Invited],
    error: type[records.RecordError],
    send: Callable[[Invited], None],
) -> Invited:
    """Save a new invitation (`changes`: what it invites to, the `email`, the role) as sent now
    by `by`, then e-mail it with `send` (which raises `error` when the mail fails). Refused when
    `others` (the invitations to the same thing) has one pending for the address."""
    email = changes["email"]
    if email and pending(others.filter(email__iexact=email)).exists():
        raise error(
            _("%(email)s is already invited: resend the invitation from the list instead.")
            % {"email": email}
        )
    invitation = records.save_record(
        invitation,
        {
            **changes,
            "language": normalise_language(language),
            "invited_by": _person(by),
            "sends": 1,
            "sent_at": timezone.now(),
        },
        by=by,
        kind=None,
        error=error,
    )
    send(invitation)
    return invitation


def resend(
    invitation: Invited,
    *,
    by: Any,
    error: type[records.RecordError],
    send: Callable[[Invited], None],
) -> Invited:
    """Send a pending invitation again, with a new link (the older ones stop working) that is
    valid for `M4D_INVITATION_DAYS` from now."""
    check_pending(invitation, error)
    records.save_record(
        invitation,
        {"sends": invitation.sends + 1, "sent_at": timezone.now()},
        by=by,
        kind=None,
        error=error,
    )
    send(invitation)
    return invitation


def cancel(invitation: Invited, *, by: Any, error: type[records.RecordError]) -> Invited:
    """Withdraw a pending invitation: its link then says so."""
    check_pending(invitation, error)
    return records.save_record(
        invitation, {"cancelled_at": timezone.now()}, by=by, kind=None, error=error
    )


def mark_accepted(invitation: Invited, *, user: Any, error: type[records.RecordError]) -> None:
    records.save_record(
        invitation,
        {"accepted_at": timezone.now(), "accepted_by": user},
        by=user,
        kind=None,
        error=error,
    )


def mail(
    invitation: InvitationRecord,
    *,
    link_path: str,
    templates: str,
    context: Mapping[str, Any],
    error: type[records.RecordError],
) -> None:
    """E-mail the invitation in its language: `<templates>_subject.txt` and
    `<templates>_message.txt` get `context` with the inviter, the link (on M4D_BASE_URL), the
    site and the days it works. A failure raises `error`, so the caller keeps nothing."""
    inviter = invitation.invited_by
    try:
        send_templated(
            to=invitation.email,
            language=invitation.language,
            subject_template=f"{templates}_subject.txt",
            body_template=f"{templates}_message.txt",
            context={
                **context,
                "invitation": invitation,
                "inviter": (inviter.display_name or inviter.email) if inviter else "",
                "link": absolute_url(link_path),
                "site": urlsplit(settings.M4D_BASE_URL).netloc,
                "days": settings.M4D_INVITATION_DAYS,
            },
        )
    except MAIL_FAILURES as failure:
        raise error(
            _("The invitation could not be sent to %(email)s; nothing was saved.")
            % {"email": invitation.email}
        ) from failure


# The page of a followed link, whatever it invites to.


def link_page(
    request: HttpRequest,
    link: InvitationLink,
    found: Invited | None,
    *,
    templates: str,
    accept: Callable[[Invited, Any], HttpResponse],
    context: Mapping[str, Any],
) -> HttpResponse:
    """`<templates>_problem.html` for a link that cannot be used (404 when it names nothing,
    410 otherwise); a POST by a signed-in person answers `accept(invitation, user)`, a visitor's
    goes to the login page; else `<templates>.html`: who invites whom, and until when."""
    if link is not InvitationLink.VALID or found is None:
        status = 404 if link is InvitationLink.INVALID else 410
        problem = {**context, "link": link.value, "invitation": found}
        return render(request, f"{templates}_problem.html", problem, status=status)
    user: Any = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return accept(found, user)
    page = {
        **context,
        "invitation": found,
        "other_address": user.is_authenticated and user.email.lower() != found.email.lower(),
        "expires_at": expires_at(found),
        "next": request.path,
    }
    return render(request, f"{templates}.html", page)


def resend_page(
    request: HttpRequest,
    invitation: Invited,
    *,
    resend: Callable[..., Any],
    error: type[records.RecordError],
    back: str,
) -> HttpResponse:
    """The resend button's answer: `resend(invitation, by=…)`, then back with its message."""
    try:
        resend(invitation, by=request.user)
    except error as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The invitation was sent again to %(email)s; the earlier link no longer works.")
            % {"email": invitation.email},
        )
    return redirect(back)


def cancel_page(
    request: HttpRequest,
    invitation: Invited,
    *,
    cancel: Callable[..., Any],
    error: type[records.RecordError],
    back: str,
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """A confirmation page (`template`), then `cancel(invitation, by=…)` and back."""
    if request.method != "POST":
        return render(request, template, {**context, "invitation": invitation})
    try:
        cancel(invitation, by=request.user)
    except error as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The invitation of %(email)s was cancelled.") % {"email": invitation.email},
        )
    return redirect(back)
