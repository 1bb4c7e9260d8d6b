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

from m4d.accounts.models import ApiToken, User
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


# API tokens: a person sees, creates and revokes their own; administrators see and revoke anyone's
# (a leaked token must be stoppable by someone other than its owner). Nobody edits a token.
# Asked about tokens in general (obj=None): "add" is for anyone signed in, the rest for admins.


def _own_token(user: Any, token: ApiToken | None) -> bool:
    if is_platform_admin(user):
        return True
    return token is not None and user.is_authenticated and token.user_id == user.pk


def _own_token_rows(user: Any) -> Q:
    if is_platform_admin(user):
        return Q()
    return Q(user=user) if user.is_authenticated else NOTHING


def _adds_own_token(user: Any, token: ApiToken | None) -> bool:
    if not user.is_authenticated:
        return False
    return token is None or token.user_id == user.pk


def _own_rows(user: Any) -> Q:
    return Q(user=user) if user.is_authenticated else NOTHING


def _nobody(user: Any, token: ApiToken | None) -> bool:
    return False


register_rule(ApiToken, "view", _own_token, rows=_own_token_rows)
register_rule(ApiToken, "revoke", _own_token, rows=_own_token_rows)
register_rule(ApiToken, "add", _adds_own_token, rows=_own_rows)
register_rule(ApiToken, "change", _nobody, rows=lambda user: NOTHING)
register_rule(ApiToken, "delete", platform_admins, rows=admin_rows)
