"""Labels of the plan's coded values, for the step pages."""

from __future__ import annotations

from typing import Any

from django import template

from m4d.plans import charts, selectors
from m4d.plans import step_forms as sf
from m4d.plans.models import Plan
from m4d.plans.step_views import step_nav

register = template.Library()


@register.filter
def level(value: str | None) -> str:
    """low / medium / high in the page's language; a dash when not assessed."""
    return charts.level_label(value)


@register.filter
def ally_form(value: str) -> str:
    return str(dict(sf.ALLY_FORM_CHOICES).get(value, value))


@register.filter
def dimensions(values: list[str]) -> str:
    """The dimensions of a migration link, in the page's language."""
    labels = dict(sf.DIMENSION_CHOICES)
    return ", ".join(str(labels.get(value, value)) for value in values) or "–"


@register.filter
def indicator_kind(value: str) -> str:
    return str(dict(sf.INDICATOR_KIND_CHOICES).get(value, value))


@register.filter
def get_item(mapping: dict[str, str], key: str) -> str:
    return mapping.get(key, "")


@register.filter
def dotted(first: int, second: int) -> str:
    """An activity's number under its result: 2.3."""
    return f"{first}.{second}"


@register.inclusion_tag("plans/partials/step_nav.html")
def plan_progress(plan: Plan) -> dict[str, Any]:
    """The steps of `plan` with their progress (the plan overview's table of contents)."""
    return {"nav": step_nav(plan, selectors.document_of(plan), None)}
