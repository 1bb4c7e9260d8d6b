"""Organisations are registry records (everyone reads, admins delete) that their members manage:
anyone signed in may add one (and becomes its owner); editors and the organisation's owners and
managers change it; who acts for an organisation is decided by its owners and managers, and by
administrators."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from m4d.accounts.roles import is_editor, is_platform_admin
from m4d.accounts.rules import registry_rules
from m4d.core.permissions import NOTHING, rule
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
