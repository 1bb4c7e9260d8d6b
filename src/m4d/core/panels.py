"""Panels that later apps contribute to earlier apps' pages, without importing against the
dependency order (the same idea as `core.related`, for whole blocks of a page).

An app registers, from its AppConfig.ready(), a template and a function computing its data for an
object of the target model:

    panels.register("places.country", "projects/panels/country_projects.html", country_projects)

The target page renders `{% include "core/partials/panels.html" with object=obj %}`; each panel's
template is included with its data as `data` (and the page's context). A data function returning
None hides its panel for that object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Panel:
    target: str
    template: str
    data: Callable[[Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class BoundPanel:
    """A panel with its data for one object, ready to include."""

    template: str
    data: dict[str, Any]


_panels: dict[str, list[Panel]] = {}


def register(
    target: str,
    template: str,
    data: Callable[[Any], dict[str, Any] | None],
    *,
    order: int = 100,
) -> None:
    """Show `template` on the pages of `target` (a model label such as "places.country")."""
    found = _panels.setdefault(target.lower(), [])
    found[:] = [panel for panel in found if panel.template != template]
    found.append(Panel(target.lower(), template, data, order))


def panels_for(obj: models.Model) -> list[BoundPanel]:
    bound = []
    for panel in sorted(_panels.get(obj._meta.label_lower, []), key=lambda p: p.order):
        data = panel.data(obj)
        if data is not None:
            bound.append(BoundPanel(panel.template, data))
    return bound
