"""Organisations are registry records (everyone reads, admins delete) that their members manage:
anyone signed in may add one (and becomes its owner); editors and the organisation's owners and
managers change it; who acts for an organisation is decided by its owners and managers, and by
administrators."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from m4d.accounts.roles import is_editor, is_platform_admin
from m4d.accounts.rules import registry_rules
from m4d.core.permissions import NOTHING, can, rule
from m4d.organisations.models import Membership, Organisation

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
