"""Working on a plan together: invitations by e-mail (the partner organisations' people in one
click), roles and leaving, comments per step, and the notifications mentions send (decision 0020).
Roles themselves are set by `services.set_collaborator` / `remove_collaborator`, which keep an
owner."""

from __future__ import annotations

import re
from contextlib import suppress
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from m4d.accounts.models import User
from m4d.core import invitations, records
from m4d.core.links import absolute_url
from m4d.core.mail import MAIL_FAILURES, send_templated
from m4d.core.permissions import can
from m4d.organisations.models import Membership
from m4d.plans import selectors
from m4d.plans.models import (
    STEP_LABELS,
    Collaborator,
    Plan,
    PlanComment,
    PlanInvitation,
    PlanNotification,
)
from m4d.plans.services import PlanError, remove_collaborator

INVITATION_SALT = "m4d.plans.invitation"


def invitation_token(invitation: PlanInvitation) -> str:
    return invitations.link_token(invitation, salt=INVITATION_SALT)


def _person(by: Any) -> User | None:
    return by if getattr(by, "is_authenticated", False) else None


# Invitations


@transaction.atomic
def invite_collaborator(
    plan: Plan, *, by: Any, email: str, role: str, language: str
) -> PlanInvitation:
    """Invite `email` to work on the plan with `role` and e-mail the link in `language`. Refused
    for someone already on the plan or already invited; nothing kept if the mail fails."""
    email = email.strip()
    if plan.collaborators.filter(user__email__iexact=email).exists():
        raise PlanError(_("%(email)s already works on this plan.") % {"email": email})
    return invitations.create(
        PlanInvitation(),
        {"plan": plan, "email": email, "role": role},
        by=by,
        language=language,
        others=plan.invitations.all(),
        error=PlanError,
        send=_send_invitation,
    )


def partner_contacts(plan: Plan) -> list[User]:
    """The owners and managers of the partner organisations picked from the directory who are
    neither on the plan nor invited to it yet: whom "invite the partners" invites."""
    partners = selectors.document_of(plan).partnership.partners
    organisation_ids = {p.organisation for p in partners if p.organisation is not None}
    invited = invitations.pending(plan.invitations.all()).values_list("email", flat=True)
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=organisation_ids,
            memberships__role__in=(Membership.Role.OWNER, Membership.Role.MANAGER),
        )
        .exclude(plan_roles__plan=plan)
        .exclude(email__in=list(invited))
        .distinct()
        .order_by("email")
    )


@transaction.atomic
def invite_partners(plan: Plan, *, by: Any, language: str) -> list[PlanInvitation]:
    """Invite, as editors, the people who manage the plan's partner organisations (those with an
    account), so the partners build the plan together. Each gets the e-mail in their language."""
    return [
        invite_collaborator(
            plan,
            by=by,
            email=person.email,
            role=Collaborator.Role.EDITOR,
            language=person.language or language,
        )
        for person in partner_contacts(plan)
    ]


@transaction.atomic
def resend_invitation(invitation: PlanInvitation, *, by: Any) -> PlanInvitation:
    return invitations.resend(invitation, by=by, error=PlanError, send=_send_invitation)


@transaction.atomic
def cancel_invitation(invitation: PlanInvitation, *, by: Any) -> PlanInvitation:
    return invitations.cancel(invitation, by=by, error=PlanError)


@transaction.atomic
def accept_invitation(invitation: PlanInvitation, *, user: Any) -> Collaborator:
    """The person following the link joins the plan with the invited role, whichever address they
    signed in with (the link is the proof, decision 0010). A collaborator keeps their role."""
    invitation = PlanInvitation.objects.select_for_update().get(pk=invitation.pk)
    invitations.check_pending(invitation, PlanError)
    collaborator = invitation.plan.collaborators.filter(user=user).first()
    if collaborator is None:
        collaborator = records.save_record(
            Collaborator(),
            {"plan": invitation.plan, "user": user, "role": invitation.role},
            by=user,
            kind=None,
            error=PlanError,
        )
    invitations.mark_accepted(invitation, user=user, error=PlanError)
    return collaborator


def _send_invitation(invitation: PlanInvitation) -> None:
    invitations.mail(
        invitation,
        link_path=reverse("plans:invitation", args=[invitation_token(invitation)]),
        templates="plans/email/invitation",
        context={
            "plan": invitation.plan,
            "organisation": invitation.plan.organisation,
            "role": Collaborator.Role(invitation.role).label,  # lazy: in the mail's language
        },
        error=PlanError,
    )


@transaction.atomic
def leave_plan(plan: Plan, *, user: Any) -> None:
    """A collaborator leaves the plan (the last owner is refused: the plan keeps an owner)."""
    collaborator = plan.collaborators.filter(user=user).first()
    if collaborator is None:
        raise PlanError(_("You do not work on this plan."))
    remove_collaborator(collaborator, by=user)


# Comments and mentions


def mentioned(plan: Plan, text: str, *, author: Any) -> list[User]:
    """The collaborators (other than the author) a comment names with "@": by e-mail address,
    display name, or the part of their address before the "@"."""
    found = []
    folded = text.casefold()
    for collaborator in plan.collaborators.select_related("user").exclude(user=author):
        person = collaborator.user
        names = {person.email, person.email.split("@")[0], person.display_name}
        for name in filter(None, names):
            # A name ends where a word does: "@dana" is not a mention of "@danae".
            if re.search(rf"@{re.escape(name.casefold())}(?![\w@.-]*\w)", folded):
                found.append(person)
                break
    return found


@transaction.atomic
def post_comment(plan: Plan, *, by: Any, step: str, text: str) -> PlanComment:
    """A comment on one step; each collaborator it mentions gets a notification and an e-mail."""
    text = text.strip()
    if not text:
        raise PlanError(_("Write a comment first."))
    if step not in STEP_LABELS:
        raise PlanError(_("Unknown step %(step)s.") % {"step": step})
    comment = records.save_record(
        PlanComment(),
        {"plan": plan, "step": step, "author": _person(by), "text": text},
        by=by,
        kind=None,
        error=PlanError,
    )
    for person in mentioned(plan, text, author=by):
        notification = records.save_record(
            PlanNotification(),
            {"user": person, "plan": plan, "comment": comment},
            by=by,
            kind=None,
            error=PlanError,
        )
        # Deliberately after the commit: a mail that cannot go out must not lose the comment.
        transaction.on_commit(partial(send_mention, notification.pk))
    return comment


def send_mention(notification_id: int) -> None:
    """E-mail the mentioned person, in their language, a link to the comment."""
    notification = PlanNotification.objects.select_related("user", "plan", "comment__author").get(
        pk=notification_id
    )
    comment = notification.comment
    assert comment is not None
    author = comment.author
    context = {
        "plan": notification.plan,
        "author": (author.display_name or author.email) if author else "",
        "step": STEP_LABELS[comment.step],
        "text": comment.text,
        "link": absolute_url(reverse("plans:notification", args=[notification.pk])),
        "site": urlsplit(settings.M4D_BASE_URL).netloc,
    }
    # A mail that cannot go out loses nothing: the notification is listed on the site.
    with suppress(*MAIL_FAILURES):
        send_templated(
            to=notification.user.email,
            language=notification.user.language or settings.LANGUAGE_CODE,
            subject_template="plans/email/mention_subject.txt",
            body_template="plans/email/mention_message.txt",
            context=context,
        )


@transaction.atomic
def resolve_comment(comment: PlanComment, *, by: Any, resolved: bool) -> PlanComment:
    return records.save_record(comment, {"resolved": resolved}, by=by, kind=None, error=PlanError)


@transaction.atomic
def mark_read(notifications: list[PlanNotification], *, by: Any) -> None:
    now = timezone.now()
    for notification in notifications:
        if notification.read_at is None:
            records.save_record(notification, {"read_at": now}, by=by, kind=None, error=PlanError)


# Reads


def comment_thread(plan: Plan, step: str, user: Any) -> dict[str, Any]:
    """A step's comments for `user`'s page: the comments, whether they may post, and which
    comments they may resolve (their own, or all when they may change the plan)."""
    thread = list(plan.comments.filter(step=step).select_related("author"))
    may_change = can(user, "change", plan)
    return {
        "comments": thread,
        "may_comment": can(user, "comment", plan),
        "resolvable": {c.pk for c in thread if may_change or c.author_id == user.pk},
    }


def notifications_of(user: Any) -> QuerySet[PlanNotification]:
    """A person's notifications, unread first, then the latest."""
    return (
        PlanNotification.objects.filter(user=user)
        .select_related("plan", "comment__author")
        .order_by(F("read_at").desc(nulls_first=True), "-created_at", "-pk")
    )


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return PlanNotification.objects.filter(user=user, read_at__isnull=True).count()
