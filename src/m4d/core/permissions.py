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


def rule(model: type[models.Model], action: str) -> Callable[[Rule], Rule]:
    """Decorator registering who may perform `action` on instances of `model`."""

    def decorate(func: Rule) -> Rule:
        _rules[(model._meta.label_lower, action)] = func
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
