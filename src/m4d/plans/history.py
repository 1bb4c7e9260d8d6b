"""Reads of a plan's history: its versions (every save of a step) and a readable difference
between two versions of a step, field by field, list items matched by their stable id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from m4d.plans.models import Plan, PlanVersion

# The fields of the step documents (plans/document.py) by key, as the difference names them.
FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "summary": gettext_lazy("Summary"),
    "origin": gettext_lazy("Origin"),
    "destinations": gettext_lazy("Destinations"),
    "country": gettext_lazy("Country"),
    "locality": gettext_lazy("Locality"),
    "target_groups": gettext_lazy("Target groups"),
    "duration_months": gettext_lazy("Duration (months)"),
    "budget_min": gettext_lazy("Lowest budget"),
    "budget_max": gettext_lazy("Highest budget"),
    "currency": gettext_lazy("Currency"),
    "migration_link": gettext_lazy("Migration link"),
    "link_dimensions": gettext_lazy("What links the places"),
    "capitals": gettext_lazy("Capitals"),
    "options": gettext_lazy("Options"),
    "key_issues": gettext_lazy("Key issues"),
    "answer": gettext_lazy("Answer"),
    "status": gettext_lazy("Status"),
    "partners": gettext_lazy("Partners"),
    "name": gettext_lazy("Name"),
    "organisation": gettext_lazy("Directory entry"),
    "type": gettext_lazy("Type"),
    "role": gettext_lazy("Role"),
    "responsibilities": gettext_lazy("Responsibilities"),
    "resources": gettext_lazy("Resources brought"),
    "gains": gettext_lazy("What it gains"),
    "migrant_organisation": gettext_lazy("Migrant organisation"),
    "migrant_participation": gettext_lazy("Migrant participation"),
    "identification": gettext_lazy("Identification"),
    "design": gettext_lazy("Design"),
    "implementation": gettext_lazy("Implementation"),
    "monitoring": gettext_lazy("Monitoring"),
    "evaluation": gettext_lazy("Evaluation"),
    "stakeholders": gettext_lazy("Stakeholders"),
    "compatibility": gettext_lazy("Compatibility of objectives"),
    "competences": gettext_lazy("Competences and resources"),
    "motivation": gettext_lazy("Motivation"),
    "influence": gettext_lazy("Influence"),
    "interest": gettext_lazy("Interest"),
    "strategy": gettext_lazy("Engagement strategy"),
    "forces": gettext_lazy("Forces"),
    "text": gettext_lazy("Text"),
    "direction": gettext_lazy("Direction"),
    "strength": gettext_lazy("Strength"),
    "allies": gettext_lazy("Allies"),
    "forms": gettext_lazy("Forms of collaboration"),
    "notes": gettext_lazy("Notes"),
    "overall_objective": gettext_lazy("Overall objective"),
    "specific_objectives": gettext_lazy("Specific objectives"),
    "results": gettext_lazy("Results"),
    "activities": gettext_lazy("Activities"),
    "partner": gettext_lazy("Responsible partner"),
    "start_month": gettext_lazy("Start month"),
    "end_month": gettext_lazy("End month"),
    "indicators": gettext_lazy("Indicators"),
    "kind": gettext_lazy("Kind"),
    "unit": gettext_lazy("Unit"),
    "baseline": gettext_lazy("Baseline"),
    "target": gettext_lazy("Target"),
    "source": gettext_lazy("Source of verification"),
    "assumptions": gettext_lazy("Assumptions"),
    "risks": gettext_lazy("Risks"),
    "likelihood": gettext_lazy("Likelihood"),
    "impact": gettext_lazy("Impact"),
    "owner": gettext_lazy("Owner"),
    "mitigation": gettext_lazy("Mitigation"),
    "answers": gettext_lazy("Answers"),
    "frequency": gettext_lazy("Frequency"),
    "start": gettext_lazy("Start"),
    "end": gettext_lazy("End"),
    "periods": gettext_lazy("Periods"),
    "label": gettext_lazy("Label"),
    "actuals": gettext_lazy("Actual values"),
    "value": gettext_lazy("Value"),
}

# List items without an `id` are matched on what identifies them.
ITEM_KEYS = {"key_issues": ("option", "issue"), "actuals": ("indicator", "period")}
# What an item is called in the difference, first found.
ITEM_NAMES = ("name", "text", "label", "option")


def versions_of(plan: Plan, step: str = "") -> QuerySet[PlanVersion]:
    """The plan's versions, latest first, of one step or all."""
    versions = plan.versions.select_related("created_by")
    return versions.filter(step=step) if step else versions


@dataclass(frozen=True)
class Change:
    """One difference: where (field labels, items by name), what happened, the two values."""

    where: str
    kind: str  # "added", "removed" or "changed"
    before: str = ""
    after: str = ""


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What changed from `before` to `after` (two versions of one step's content)."""
    return list(_diff_fields(before, after, ()))


def _label(key: str) -> str:
    return str(FIELD_LABELS.get(key, capfirst(key.replace("_", " "))))


def _shown(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        name = _item_name(value)
        return name or "; ".join(f"{_label(k)}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    return str(value)


def _item_name(item: dict[str, Any]) -> str:
    return next((str(item[key]) for key in ITEM_NAMES if item.get(key) not in (None, "")), "")


def _diff_fields(
    before: dict[str, Any], after: dict[str, Any], where: tuple[str, ...]
) -> Iterator[Change]:
    for key in [*after, *(k for k in before if k not in after)]:
        if key == "id":
            continue
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        here = (*where, _label(key))
        if isinstance(old, dict) and isinstance(new, dict):
            yield from _diff_fields(old, new, here)
        elif isinstance(old, list | None) and isinstance(new, list | None):
            yield from _diff_list(key, old or [], new or [], here)
        else:
            yield Change(" › ".join(here), "changed", _shown(old), _shown(new))


def _item_key(field: str, item: Any, position: int) -> Any:
    if not isinstance(item, dict):
        return ("value", _shown(item))
    if "id" in item:
        return ("id", item["id"])
    if field in ITEM_KEYS:
        return tuple(item.get(k) for k in ITEM_KEYS[field])
    return ("position", position)


def _diff_list(
    field: str, before: list[Any], after: list[Any], where: tuple[str, ...]
) -> Iterator[Change]:
    old = {_item_key(field, item, n): item for n, item in enumerate(before)}
    new = {_item_key(field, item, n): item for n, item in enumerate(after)}
    place = " › ".join(where)
    for key, item in new.items():
        if key not in old:
            yield Change(place, "added", after=_shown(item))
        elif old[key] != item:
            if isinstance(item, dict) and isinstance(old[key], dict):
                name = _item_name(old[key]) or _item_name(item)
                yield from _diff_fields(old[key], item, (*where, name) if name else where)
            else:
                yield Change(place, "changed", _shown(old[key]), _shown(item))
    for key, item in old.items():
        if key not in new:
            yield Change(place, "removed", before=_shown(item))
