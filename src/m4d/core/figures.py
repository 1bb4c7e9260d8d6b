"""Numbers that later apps contribute to earlier apps' records, e.g. the number of projects in a
country, without the earlier app importing the later one.

A figure is an SQL expression over the target model, registered from the contributing app's
AppConfig.ready():

    figures.register(figures.Figure("places.country", "project_count", _("Projects"), expression))

The target app annotates its querysets with `annotate(queryset)` (every figure of that model, each
under its name, so lists can sort by it) or reads `counts_for(label)` ({name: {pk: n}}). A figure
nobody registered is simply absent; readers use `getattr(obj, name, 0)`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

from m4d.core import cache

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Figure:
    target: str
    name: str
    label: str | Promise
    expression: Callable[[], models.Expression]


_figures: dict[str, dict[str, Figure]] = {}


def register(figure: Figure) -> None:
    _figures.setdefault(figure.target.lower(), {})[figure.name] = figure


def figures_for(target: str) -> list[Figure]:
    return list(_figures.get(target.lower(), {}).values())


def annotate(queryset: models.QuerySet[M], *names: str) -> models.QuerySet[M]:
    """The queryset with each registered figure of its model (or only `names`) annotated."""
    found = _figures.get(queryset.model._meta.label_lower, {})
    wanted = [figure for name, figure in found.items() if not names or name in names]
    annotated: models.QuerySet[M] = queryset.annotate(
        **{figure.name: figure.expression() for figure in wanted}
    )
    return annotated


def counts_for(target: str, pks: Iterable[int] | None = None) -> dict[str, dict[int, int]]:
    """{figure name: {pk: n}} for every object of `target` (or only `pks`), counted once per
    registry generation (`core.cache.for_registry`): the country list and the map count every
    project link, and a write is what changes them."""
    wanted = None if pks is None else sorted(pks)
    names = sorted(figure.name for figure in figures_for(target))
    digest = hashlib.sha1(repr((names, wanted)).encode(), usedforsecurity=False).hexdigest()
    return cache.for_registry(f"figures {target} {digest}", lambda: _count(target, wanted))


def _count(target: str, pks: list[int] | None) -> dict[str, dict[int, int]]:
    objects = apps.get_model(target).objects.order_by()
    if pks is not None:
        objects = objects.filter(pk__in=pks)
    figures = figures_for(target)
    counts: dict[str, dict[int, int]] = {figure.name: {} for figure in figures}
    if not figures:
        return counts
    names = [figure.name for figure in figures]
    for pk, *values in annotate(objects).values_list("pk", *names):
        for name, value in zip(names, values, strict=True):
            counts[name][pk] = value or 0
    return counts


def set_on(objects: Iterable[M]) -> list[M]:
    """Set every figure as an attribute of each object (one query for the lot); objects that
    already carry a figure (annotated by `annotate`) keep it."""
    objects = list(objects)
    if not objects:
        return objects
    counts = counts_for(objects[0]._meta.label_lower, [obj.pk for obj in objects])
    for obj in objects:
        for name, values in counts.items():
            if not hasattr(obj, name):
                setattr(obj, name, values.get(obj.pk, 0))
    return objects


def count_of(model: type[models.Model], field: str, **conditions: Any) -> models.Expression:
    """How many `model` rows (those matching `conditions`) point to the outer row through `field`:
    the usual figure expression."""
    rows = (
        model._default_manager.filter(**{field: models.OuterRef("pk")}, **conditions)
        .order_by()
        .values(field)
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(rows), 0)
