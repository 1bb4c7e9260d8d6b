"""Who may do what with accounts, and the shared policy for registry records.

The registry (countries, organisations, projects, case studies, the toolbox) is public: everyone,
anonymous visitors included, reads it; editors add and correct records; only administrators
delete them. The apps owning registry models call `registry_rules(Model)` from their own
`rules.py`, so the policy is written once and each app still declares its own models.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from m4d.accounts.models import User
from m4d.accounts.roles import is_editor, is_platform_admin
from m4d.core.permissions import NOTHING, register_rule


def everyone(user: Any, obj: Any) -> bool:
    return True


def editors(user: Any, obj: Any) -> bool:
    return is_editor(user)


def platform_admins(user: Any, obj: Any) -> bool:
    return is_platform_admin(user)


def editor_rows(user: Any) -> Q:
    return Q() if is_editor(user) else NOTHING


def admin_rows(user: Any) -> Q:
    return Q() if is_platform_admin(user) else NOTHING


def registry_rules(model: type[models.Model]) -> None:
    """view: everyone; add/change: editors; delete: administrators."""
    register_rule(model, "view", everyone, rows=lambda user: Q())
    register_rule(model, "add", editors, rows=editor_rows)
    register_rule(model, "change", editors, rows=editor_rows)
    register_rule(model, "delete", platform_admins, rows=admin_rows)


# Accounts are managed by administrators only (a person edits their own profile on its own page,
# which needs no rule: it can only ever show the signed-in person).
for _action in ("view", "add", "change", "delete"):
    register_rule(User, _action, platform_admins, rows=admin_rows)
