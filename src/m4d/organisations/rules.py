"""Organisations are registry records (everyone reads, admins delete) that their members manage:
anyone signed in may add one (and becomes its owner); editors and the organisation's owners and
managers change it; who acts for an organisation is decided by its owners and managers, and by
administrators."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from m4d.accounts.roles import is_editor, is_platform_admin
from m4d.accounts.rules import (
    admin_rows,
    editor_rows,
    editors,
    platform_admins,
    registry_rules,
)
from m4d.core.permissions import NOTHING, can, register_rule, rule
from m4d.organisations.models import ClaimRequest, Membership, Merge, Organisation

registry_rules(Organisation)

MANAGING_ROLES = (Membership.Role.OWNER, Membership.Role.MANAGER)


def _managed_rows(user: Any) -> Q:
    if is_platform_admin(user):
        return Q()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    # One membership per person and organisation: the join cannot repeat an organisation.
    return Q(memberships__user=user, memberships__role__in=MANAGING_ROLES)


@rule(Organisation, "manage_members", rows=_managed_rows)
def may_manage_members(user: Any, organisation: Organisation | None) -> bool:
    if is_platform_admin(user):
        return True
    if organisation is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return organisation.memberships.filter(user=user, role__in=MANAGING_ROLES).exists()


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rule(Organisation, "add", rows=lambda user: Q() if _signed_in(user) else NOTHING)
def may_add(user: Any, organisation: Organisation | None) -> bool:
    """Anyone signed in may add an organisation (they become its owner)."""
    return _signed_in(user)


def _changed_rows(user: Any) -> Q:
    return Q() if is_editor(user) else _managed_rows(user)


@rule(Organisation, "change", rows=_changed_rows)
def may_change(user: Any, organisation: Organisation | None) -> bool:
    """Editors correct any organisation; its owners and managers their own. Asked about
    organisations in general (obj=None): editors only."""
    return is_editor(user) or may_manage_members(user, organisation)


# Members' workflow (invitations, roles, leaving, the owner role). Who may see an organisation's
# members: its members, editors and administrators. Who may manage them: `manage_members` above
# (its owners and managers, administrators). Who may grant or take away the owner role (promote,
# demote or remove an owner, transfer ownership): its owners, and administrators. Who may leave:
# any member (for themselves). The service keeps the one rule no permission can: an organisation
# that has an owner always keeps at least one (`services.OrganisationError` otherwise).


def _member_rows(user: Any, **roles: Any) -> Q:
    if is_platform_admin(user):
        return Q()
    if not _signed_in(user):
        return NOTHING
    return Q(
        pk__in=Membership.objects.filter(user=user, **roles).values("organisation_id"),
    )


def _has_membership(user: Any, organisation: Organisation | None, **roles: Any) -> bool:
    if is_platform_admin(user):
        return True
    if organisation is None or not _signed_in(user):
        return False
    return organisation.memberships.filter(user=user, **roles).exists()


@rule(
    Organisation,
    "view_members",
    rows=lambda user: Q() if is_editor(user) else _member_rows(user),
)
def may_view_members(user: Any, organisation: Organisation | None) -> bool:
    """Its members, editors and administrators (obj=None: editors)."""
    return is_editor(user) or _has_membership(user, organisation)


@rule(Organisation, "grant_owner", rows=lambda user: _member_rows(user, role=Membership.Role.OWNER))
def may_grant_owner(user: Any, organisation: Organisation | None) -> bool:
    """Its owners and administrators make, unmake or remove owners and transfer ownership."""
    return _has_membership(user, organisation, role=Membership.Role.OWNER)


@rule(
    Organisation,
    "leave",
    rows=_member_rows,
)
def may_leave(user: Any, organisation: Organisation | None) -> bool:
    """Any member leaves, for themselves (the service refuses the last owner)."""
    return _has_membership(user, organisation)


def may_change_membership(user: Any, membership: Membership, role: str | None = None) -> bool:
    """Whether `user` may give `membership` the `role` (None: remove it). Managers handle
    managers and members; only owners (and administrators) touch the owner role."""
    organisation = membership.organisation
    if Membership.Role.OWNER in (membership.role, role):
        return can(user, "grant_owner", organisation)
    return can(user, "manage_members", organisation)


def grantable_roles(user: Any, organisation: Organisation) -> list[tuple[str, str]]:
    """The roles `user` may give in `organisation` (the owner role for owners only)."""
    owner = can(user, "grant_owner", organisation)
    return [
        (value, str(label))
        for value, label in Membership.Role.choices
        if owner or value != Membership.Role.OWNER
    ]


# Claims and merges. A merged record stays in the database but nobody views it: lists, search,
# the API and the admin skip it, and its address redirects to the record it was merged into
# (decision 0011). This replaces the registry's "everyone views" for organisations.


def _not_merged(user: Any, organisation: Organisation | None) -> bool:
    return organisation is None or organisation.merged_into_id is None


register_rule(Organisation, "view", _not_merged, rows=lambda user: Q(merged_into__isnull=True))


def _claimable_rows(user: Any) -> Q:
    if not _signed_in(user):
        return NOTHING
    owned = Q(memberships__role=Membership.Role.OWNER)
    return Q(merged_into__isnull=True) & ~owned & ~Q(memberships__user=user)


@rule(Organisation, "claim", rows=_claimable_rows)
def may_claim(user: Any, organisation: Organisation | None) -> bool:
    """Anyone signed in may ask to own an entry nobody owns yet, unless they already act for it
    (an owned entry's owners invite people instead). Asked in general: anyone signed in."""
    if not _signed_in(user):
        return False
    if organisation is None:
        return True
    if organisation.merged_into_id is not None:
        return False
    memberships = organisation.memberships.all()
    return not (
        memberships.filter(role=Membership.Role.OWNER).exists()
        or memberships.filter(user=user).exists()
    )


def _editors_not_merged(user: Any) -> Q:
    return Q(merged_into__isnull=True) if is_editor(user) else NOTHING


@rule(Organisation, "merge", rows=_editors_not_merged)
def may_merge(user: Any, organisation: Organisation | None) -> bool:
    """Editors merge duplicates (a record already merged is not merged again)."""
    return is_editor(user) and _not_merged(user, organisation)


def _claim_rows(user: Any) -> Q:
    if is_editor(user):
        return Q()
    return Q(claimant=user) if _signed_in(user) else NOTHING


@rule(ClaimRequest, "view", rows=_claim_rows)
def may_view_claim(user: Any, claim: ClaimRequest | None) -> bool:
    """A claim is seen by its claimant and by editors (who decide it). In general: editors."""
    if is_editor(user):
        return True
    return claim is not None and _signed_in(user) and claim.claimant_id == user.pk


@rule(ClaimRequest, "withdraw", rows=lambda user: Q(claimant=user) if _signed_in(user) else NOTHING)
def may_withdraw_claim(user: Any, claim: ClaimRequest | None) -> bool:
    """Only its claimant withdraws a claim (the service refuses a decided one)."""
    return claim is not None and _signed_in(user) and claim.claimant_id == user.pk


register_rule(
    ClaimRequest,
    "add",
    lambda user, claim: _signed_in(user),
    rows=lambda user: Q() if _signed_in(user) else NOTHING,
)
# Deciding a claim is changing it.
register_rule(ClaimRequest, "change", editors, rows=editor_rows)
register_rule(ClaimRequest, "delete", platform_admins, rows=admin_rows)

# Merges are editors' records: they make and undo them ("change"); nobody deletes one.
register_rule(Merge, "view", editors, rows=editor_rows)
register_rule(Merge, "add", editors, rows=editor_rows)
register_rule(Merge, "change", editors, rows=editor_rows)
register_rule(Merge, "delete", lambda user, merge: False, rows=lambda user: NOTHING)
