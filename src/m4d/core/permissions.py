"""Who may do what: one registry of rules, asked by views, the API, the admin and commands.

Core holds only the machinery. Each app declares the rules of its own models beside them, in
`<app>/rules.py`, imported from its `AppConfig.ready()`:

    @rule(Project, "change", rows=lambda user: Q() if is_editor(user) else NOTHING)
    def _editors_change(user, project):
        return is_editor(user)

A rule answers `(user, obj) -> bool`; `obj` is None for a question about the model as a whole
("may this person add a project?", "may they open this admin list?"). Its optional `rows(user)`
says the same thing as a filter, for the QuerySet methods `visible_to` / `editable_by`; a rule
without `rows` must not depend on the object, and the QuerySet then asks it once with None.
`tests/core/test_rules_agree_with_querysets.py` checks that both answers agree.

Not found or forbidden: a person who may not even *view* an object is told it does not exist
(404), so that private records never leak their existence; a person who may view it but not
perform the action is told so (403, rendered by `core/templates/403.html`). `get_for` and
`require_visible` implement that mapping for views; `require` raises `Forbidden` (403).

Active superusers may do everything a rule exists for. An action no rule was registered for is
denied to everyone, superusers included, so a misspelt action fails loudly in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Self, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

Check = Callable[[Any, Any], bool]
Rows = Callable[[Any], Q]
M = TypeVar("M", bound=models.Model)
QS = TypeVar("QS", bound=models.QuerySet[Any])

# A filter no row matches (Q() matches every row).
NOTHING = Q(pk__in=[])

# The four questions the admin asks; every model with rules answers all of them.
BASIC_ACTIONS = ("view", "add", "change", "delete")


class Forbidden(PermissionDenied):
    """The person may see the object but not do this to it (answered 403)."""


@dataclass(frozen=True)
class Rule:
    check: Check
    rows: Rows | None = None


_rules: dict[tuple[str, str], Rule] = {}


def _label(model: type[models.Model] | str) -> str:
    return model.lower() if isinstance(model, str) else model._meta.label_lower


def register_rule(
    model: type[models.Model] | str, action: str, check: Check, *, rows: Rows | None = None
) -> None:
    """Declare who may perform `action` on `model` (see the module docstring)."""
    _rules[(_label(model), action)] = Rule(check, rows)


def rule(
    model: type[models.Model] | str, action: str, *, rows: Rows | None = None
) -> Callable[[Check], Check]:
    """Decorator form of `register_rule`."""

    def decorate(check: Check) -> Check:
        register_rule(model, action, check, rows=rows)
        return check

    return decorate


def registered() -> dict[str, set[str]]:
    """Model label → the actions rules exist for (for tests and documentation)."""
    actions: dict[str, set[str]] = {}
    for label, action in _rules:
        actions.setdefault(label, set()).add(action)
    return actions


def _is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def can(user: Any, action: str, obj: models.Model | type[models.Model]) -> bool:
    """Whether `user` may perform `action` on `obj` (an instance, or a model class)."""
    model = obj if isinstance(obj, type) else type(obj)
    found = _rules.get((model._meta.label_lower, action))
    if found is None:
        return False
    if _is_superuser(user):
        return True
    return bool(found.check(user, None if isinstance(obj, type) else obj))


def require(user: Any, action: str, obj: models.Model | type[models.Model]) -> None:
    """Raise `Forbidden` (403) unless `user` may perform `action` on `obj`."""
    if not can(user, action, obj):
        raise Forbidden


def require_visible(user: Any, obj: M) -> M:
    """Return `obj` if `user` may view it; otherwise answer 404, as if it did not exist."""
    if not can(user, "view", obj):
        raise Http404
    return obj


def get_for(user: Any, action: str, queryset: models.QuerySet[M] | type[M], **lookup: Any) -> M:
    """The object matching `lookup` that `user` means to `action`.

    404 when it does not exist or `user` may not view it, 403 when they may view it but not
    perform `action`.
    """
    obj = require_visible(user, get_object_or_404(queryset, **lookup))
    if action != "view":
        require(user, action, obj)
    return obj


def allowed_rows(queryset: QS, user: Any, action: str) -> QS:
    """The rows of `queryset` on which `user` may perform `action` (agrees with `can`)."""
    found = _rules.get((_label(queryset.model), action))
    if found is None:
        return queryset.none()
    if _is_superuser(user):
        return queryset
    if found.rows is not None:
        return queryset.filter(found.rows(user))
    return queryset if found.check(user, None) else queryset.none()


class RuleQuerySet(models.QuerySet[M]):
    """QuerySet base for models with rules: `Model.objects.visible_to(user)` and the like.

    A model declares `objects = models.Manager.from_queryset(RuleQuerySet)()`, the spelling
    django-stubs can type even where modeltranslation replaces the manager's class at run time
    (it cannot for `RuleQuerySet.as_manager()`); both build the same manager.
    """

    def visible_to(self, user: Any) -> Self:
        return allowed_rows(self, user, "view")

    def editable_by(self, user: Any) -> Self:
        return allowed_rows(self, user, "change")
