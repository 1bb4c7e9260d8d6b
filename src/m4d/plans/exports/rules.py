"""Who may change the proposal templates: administrators only (they are the platform's voice in
every proposal); the exports read them for anyone who may export a plan."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from m4d.accounts.roles import is_platform_admin
from m4d.core.permissions import NOTHING, register_rule
from m4d.plans.models import ProposalTemplate


def _admins(user: Any, template: ProposalTemplate | None) -> bool:
    return is_platform_admin(user)


def _admin_rows(user: Any) -> Q:
    return Q() if is_platform_admin(user) else NOTHING


for _action in ("view", "add", "change", "delete"):
    register_rule(ProposalTemplate, _action, _admins, rows=_admin_rows)
