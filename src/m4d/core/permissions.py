"""Per-object permissions, checked in one place.

Apps register a rule per (model, action); views, the API and the CLI ask `can(user, action, obj)`
or filter querysets with `visible_to`-style selectors that call the same rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models

Rule = Callable[[Any, models.Model | None], bool]
_rules: dict[tuple[str, str], Rule] = {}


def _label(model: type[models.Model] | str) -> str:
    return model.lower() if isinstance(model, str) else model._meta.label_lower


def rule(model: type[models.Model] | str, action: str) -> Callable[[Rule], Rule]:
    """Decorator registering who may perform `action` on instances of `model`.

    `model` may be an "app_label.ModelName" label, so that rules for apps later in the
    dependency order can be written here without importing them.
    """

    def decorate(func: Rule) -> Rule:
        _rules[(_label(model), action)] = func
        return func

    return decorate


def can(user: Any, action: str, obj: models.Model | type[models.Model]) -> bool:
    """Whether `user` may perform `action` on `obj` (an instance, or a model class for 'add')."""
    model = obj if isinstance(obj, type) else type(obj)
    instance = None if isinstance(obj, type) else obj
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    check = _rules.get((model._meta.label_lower, action))
    return bool(check and check(user, instance))


def require(user: Any, action: str, obj: models.Model | type[models.Model]) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def is_editor(user: Any) -> bool:
    """Editors correct registry records; admins are editors too."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_editor", False))


def is_platform_admin(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "is_platform_admin", False)
    )


# The registry: anyone (anonymous visitors included) reads it; editors and admins correct it.
REGISTRY_MODELS = (
    "places.Country",
    "organisations.Organisation",
    "projects.Project",
    "toolbox.CaseStudy",
)


def _everyone(user: Any, obj: models.Model | None) -> bool:
    return True


def _editors(user: Any, obj: models.Model | None) -> bool:
    return is_editor(user)


for _model in REGISTRY_MODELS:
    rule(_model, "view")(_everyone)
    rule(_model, "add")(_editors)
    rule(_model, "change")(_editors)


@rule("organisations.Organisation", "manage_members")
def _organisation_managers(user: Any, organisation: Any) -> bool:
    """Owners and managers of the organisation decide who acts for it; so do admins."""
    if is_platform_admin(user):
        return True
    if organisation is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return organisation.memberships.filter(user=user, role__in=("owner", "manager")).exists()
