"""Merging duplicate organisations, and undoing a merge (the services, and the registry of what
moves).

A merge keeps both records: the merged one is marked `merged_into` the kept one (hidden from
every list, its address redirects; decision 0011), and every row referring to it moves to the kept
record. The rows belong to several apps, and organisations may not import the apps above it, so
each app registers a `Participant` (from its `AppConfig.ready()`) that moves its rows and puts
them back: organisations registers memberships and claims here, projects its partnerships.
What each participant moved is stored in the `Merge` record, which is how an undo restores exactly
what the merge changed.

When both records have a row for the same thing (one person in both, one project partnering
both) the kept record keeps one row, with the higher role, and the merged record's row is deleted
(and recreated by an undo).

Merges are undone newest first: an undo is refused while the kept record has a later merge
still in place, or has itself been merged into another record since (see `undo_refusal`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from m4d.core import audit, records, search
from m4d.organisations.models import ClaimRequest, Invitation, Membership, Merge, Organisation
from m4d.organisations.services import OrganisationError


@dataclass(frozen=True)
class Moving:
    """What one participant would move: its rows as text, and the rows both records have (kept
    once, on the kept record)."""

    label: str | Promise
    moving: list[str]
    shared: list[str]


@dataclass(frozen=True)
class Participant:
    """Rows of one app that refer to an organisation.

    - `preview(merged, kept)` → (rows that would move, rows both records have), as text;
    - `move(merged, kept, by)` moves them and returns what it did, as JSON-ready data;
    - `restore(merged, kept, data, by)` puts back what `move` returned (rows deleted since stay
      deleted; rows changed since move back as they are now).
    """

    name: str
    label: str | Promise
    preview: Callable[[Organisation, Organisation], tuple[list[str], list[str]]]
    move: Callable[[Organisation, Organisation, Any], dict[str, Any]]
    restore: Callable[[Organisation, Organisation, dict[str, Any], Any], None]
    order: int = 100


_participants: dict[str, Participant] = {}


def register(participant: Participant) -> None:
    """Declare rows that move with a merge (called from an app's `ready()`)."""
    _participants[participant.name] = participant


def participants() -> list[Participant]:
    return sorted(_participants.values(), key=lambda p: (p.order, p.name))


def preview(merged: Organisation, kept: Organisation) -> list[Moving]:
    """What merging `merged` into `kept` would move, participant by participant."""
    result = []
    for participant in participants():
        moving, shared = participant.preview(merged, kept)
        result.append(Moving(participant.label, moving, shared))
    return result


def _check_merge(merged: Organisation, kept: Organisation) -> None:
    if merged.pk == kept.pk:
        raise OrganisationError(_("An organisation cannot be merged into itself."))
    if merged.merged_into_id is not None:
        raise OrganisationError(
            _("%(name)s has already been merged into another record.") % {"name": merged.name}
        )
    if kept.merged_into_id is not None:
        raise OrganisationError(
            _("%(name)s has been merged into another record: choose that one.")
            % {"name": kept.name}
        )


def _mark(merged: Organisation, kept: Organisation | None, by: Any) -> None:
    # Only `merged_into` is validated: a record that an older rule would refuse (an imported
    # identifier of an old form, say) is still merged and restored as it is.
    others = [f.name for f in Organisation._meta.fields if f.name != "merged_into"]
    records.save_record(
        merged,
        {"merged_into": kept},
        by=by,
        kind="organisation",
        error=OrganisationError,
        validate_exclude=others,
    )


@transaction.atomic
def merge_organisations(merged: Organisation, *, into: Organisation, by: Any) -> Merge:
    """Move everything referring to `merged` to `into` (the kept record), mark `merged` as merged
    into it, and store what moved; audited on both records, search re-indexed."""
    # Locked and read again, so two editors merging at once cannot both move the same rows.
    locked = Organisation.objects.select_for_update().in_bulk([merged.pk, into.pk])
    if len(locked) != 2 and merged.pk != into.pk:
        raise OrganisationError(_("This organisation no longer exists."))
    merged, kept = locked[merged.pk], locked[into.pk]
    _check_merge(merged, kept)
    moved = {p.name: p.move(merged, kept, by) for p in participants()}
    merge = records.save_record(
        Merge(),
        {"kept": kept, "merged": merged, "moved": moved, "merged_by": by},
        by=by,
        kind=None,
        error=OrganisationError,
    )
    _mark(merged, kept, by)
    audit.record(
        kept,
        "organisations.organisation.merged",
        by=by,
        data={"merge": merge.pk, "merged": merged.pk, "name": merged.name},
    )
    # The kept record's entry, the merged one's (now hidden: removed), and the projects whose
    # partners changed (they follow organisations).
    search.refresh("organisation", [kept.pk, merged.pk])
    return merge


def undo_refusal(merge: Merge) -> str | None:
    """Why `merge` cannot be undone now (a translated sentence), or None when it can."""
    kept = merge.kept
    if merge.is_undone:
        return _("This merge has already been undone.")
    if Organisation.objects.filter(pk=kept.pk, merged_into__isnull=False).exists():
        return _("%(name)s has since been merged into another record: undo that merge first.") % {
            "name": kept.name
        }
    later = Merge.objects.filter(kept=kept, undone_at__isnull=True, pk__gt=merge.pk)
    if later.exists():
        return _(
            "%(name)s has received a later merge: undo the later merges first, newest first."
        ) % {"name": kept.name}
    return None


@transaction.atomic
def undo_merge(merge: Merge, *, by: Any) -> Merge:
    """Put back what `merge` moved and show the merged record again; audited on both records.
    Refused (OrganisationError) for the reasons `undo_refusal` gives."""
    merge = Merge.objects.select_for_update().select_related("kept", "merged").get(pk=merge.pk)
    refusal = undo_refusal(merge)
    if refusal is not None:
        raise OrganisationError(refusal)
    merged, kept = merge.merged, merge.kept
    _mark(merged, None, by)
    for participant in reversed(participants()):
        if participant.name in merge.moved:
            participant.restore(merged, kept, merge.moved[participant.name], by)
    records.save_record(
        merge,
        {"undone_by": by, "undone_at": timezone.now()},
        by=by,
        kind=None,
        error=OrganisationError,
    )
    audit.record(
        kept,
        "organisations.organisation.merge_undone",
        by=by,
        data={"merge": merge.pk, "merged": merged.pk, "name": merged.name},
    )
    search.refresh("organisation", [kept.pk, merged.pk])
    return merge


# The organisations app's own participants: memberships and claims.

ROLE_RANK = {Membership.Role.MEMBER: 1, Membership.Role.MANAGER: 2, Membership.Role.OWNER: 3}


def _save(obj: Any, changes: dict[str, Any], by: Any) -> Any:
    return records.save_record(obj, changes, by=by, kind=None, error=OrganisationError)


def _preview_memberships(merged: Organisation, kept: Organisation) -> tuple[list[str], list[str]]:
    both = set(kept.memberships.values_list("user_id", flat=True))
    moving: list[str] = []
    shared: list[str] = []
    for membership in merged.memberships.select_related("user").order_by("user__email"):
        text = f"{membership.user.email} ({membership.get_role_display()})"
        (shared if membership.user_id in both else moving).append(text)
    return moving, shared


def _move_memberships(merged: Organisation, kept: Organisation, by: Any) -> dict[str, Any]:
    moved: list[int] = []
    shared: list[dict[str, Any]] = []
    for membership in list(merged.memberships.order_by("pk")):
        existing = kept.memberships.filter(user_id=membership.user_id).first()
        if existing is None:
            _save(membership, {"organisation": kept}, by)
            moved.append(membership.pk)
            continue
        before = existing.role
        if ROLE_RANK[Membership.Role(membership.role)] > ROLE_RANK[Membership.Role(before)]:
            _save(existing, {"role": membership.role}, by)
        shared.append(
            {
                "user": membership.user_id,
                "role": membership.role,
                "created_at": membership.created_at.isoformat(),
                "kept": existing.pk,
                "kept_role": before,
                "kept_role_after": existing.role,
            }
        )
        records.delete_record(membership, by=by, kind=None, error=OrganisationError)
    return {"moved": moved, "shared": shared}


def _restore_memberships(
    merged: Organisation, kept: Organisation, data: dict[str, Any], by: Any
) -> None:
    for membership in Membership.objects.filter(pk__in=data.get("moved", []), organisation=kept):
        if not merged.memberships.filter(user_id=membership.user_id).exists():
            _save(membership, {"organisation": merged}, by)
    for row in data.get("shared", []):
        if not merged.memberships.filter(user_id=row["user"]).exists():
            restored = _save(
                Membership(),
                {"organisation": merged, "user_id": row["user"], "role": row["role"]},
                by,
            )
            Membership.objects.filter(pk=restored.pk).update(created_at=row["created_at"])
        existing = Membership.objects.filter(pk=row["kept"], organisation=kept).first()
        if existing is not None and existing.role == row["kept_role_after"] != row["kept_role"]:
            _save(existing, {"role": row["kept_role"]}, by)


def _preview_claims(merged: Organisation, kept: Organisation) -> tuple[list[str], list[str]]:
    moving: list[str] = []
    shared: list[str] = []
    for claim, stays in _claims_to_move(merged, kept):
        text = f"{claim.claimant.email} ({claim.get_status_display()})"
        (shared if stays else moving).append(text)
    return moving, shared


def _claims_to_move(merged: Organisation, kept: Organisation) -> list[tuple[ClaimRequest, bool]]:
    """The merged record's claims, each with whether it stays behind: a pending claim whose
    claimant has one pending on the kept record too (one pending claim per person and record)."""
    pending_on_kept = set(
        kept.claims.filter(status=ClaimRequest.Status.PENDING).values_list("claimant_id", flat=True)
    )
    return [
        (claim, claim.is_pending and claim.claimant_id in pending_on_kept)
        for claim in merged.claims.select_related("claimant").order_by("pk")
    ]


def _move_claims(merged: Organisation, kept: Organisation, by: Any) -> dict[str, Any]:
    moved = []
    for claim, stays in _claims_to_move(merged, kept):
        if not stays:
            _save(claim, {"organisation": kept}, by)
            moved.append(claim.pk)
    return {"moved": moved}


def _restore_claims(
    merged: Organisation, kept: Organisation, data: dict[str, Any], by: Any
) -> None:
    for claim in ClaimRequest.objects.filter(pk__in=data.get("moved", []), organisation=kept):
        _save(claim, {"organisation": merged}, by)


def _pending_invitations(merged: Organisation, kept: Organisation) -> list[tuple[Invitation, bool]]:
    """The merged record's pending invitations, each with whether it stays behind: the kept
    record already invites the same address (its link stays the one that works)."""
    on_kept = {
        email.casefold()
        for email in kept.invitations.filter(
            accepted_at__isnull=True, cancelled_at__isnull=True
        ).values_list("email", flat=True)
    }
    pending = merged.invitations.filter(accepted_at__isnull=True, cancelled_at__isnull=True)
    return [(invitation, invitation.email.casefold() in on_kept) for invitation in pending]


def _preview_invitations(merged: Organisation, kept: Organisation) -> tuple[list[str], list[str]]:
    moving: list[str] = []
    shared: list[str] = []
    for invitation, stays in _pending_invitations(merged, kept):
        (shared if stays else moving).append(
            f"{invitation.email} ({invitation.get_role_display()})"
        )
    return moving, shared


def _move_invitations(merged: Organisation, kept: Organisation, by: Any) -> dict[str, Any]:
    moved = []
    for invitation, stays in _pending_invitations(merged, kept):
        if not stays:
            _save(invitation, {"organisation": kept}, by)
            moved.append(invitation.pk)
    return {"moved": moved}


def _restore_invitations(
    merged: Organisation, kept: Organisation, data: dict[str, Any], by: Any
) -> None:
    for invitation in Invitation.objects.filter(pk__in=data.get("moved", []), organisation=kept):
        _save(invitation, {"organisation": merged}, by)


def register_own_participants() -> None:
    register(
        Participant(
            "memberships",
            gettext_lazy("Members"),
            _preview_memberships,
            _move_memberships,
            _restore_memberships,
            order=10,
        )
    )
    register(
        Participant(
            "claims",
            gettext_lazy("Claims"),
            _preview_claims,
            _move_claims,
            _restore_claims,
            order=20,
        )
    )
    register(
        Participant(
            "invitations",
            gettext_lazy("Pending invitations"),
            _preview_invitations,
            _move_invitations,
            _restore_invitations,
            order=30,
        )
    )
