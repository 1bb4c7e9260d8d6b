"""The plan import format (`m4d plan import`, tests, benchmarks): one JSON document for a whole
plan, partners named by name. It is read into a `PlanDocument`; every problem is reported at
once, naming the key (an unknown key is an error, a missing optional part is fine)."""

from __future__ import annotations

import copy
from typing import Any

from django.utils.translation import gettext as _
from pydantic import ValidationError

from m4d.plans import document as doc

# Top-level keys, by the step they fill.
KEYS = {
    "context": (
        "title",
        "summary",
        "origin",
        "destinations",
        "target_groups",
        "duration_months",
        "budget_min",
        "budget_max",
        "currency",
        "migration_link",
        "link_dimensions",
    ),
    "capitals": ("capitals", "options", "key_issues"),
    "partnership": ("partners", "migrant_participation"),
    "stakeholders": ("stakeholders",),
    "allies": ("allies", "forces"),
    "logframe": ("logframe",),
    "risks": ("risks",),
}
KNOWN = {key for keys in KEYS.values() for key in keys}


class PlanImportError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _path(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location)


def read_plan(data: Any) -> doc.PlanDocument:
    """The plan `data` describes (raises `PlanImportError` listing every problem)."""
    if not isinstance(data, dict):
        raise PlanImportError([_("A plan is a JSON object.")])
    data = copy.deepcopy(data)  # partners get ids and names become ids: the caller's copy stays
    errors = [_("Unknown key %(key)s.") % {"key": key} for key in sorted(set(data) - KNOWN)]
    steps: dict[str, dict[str, Any]] = {
        step: {key: data[key] for key in keys if key in data} for step, keys in KEYS.items()
    }
    if "logframe" in data:
        steps["logframe"] = data["logframe"] if isinstance(data["logframe"], dict) else {}
        if not isinstance(data["logframe"], dict):
            errors.append(_("logframe: an object is expected."))
    partners = steps["partnership"].get("partners") or []
    ids: dict[str, str] = {}
    if isinstance(partners, list):
        for partner in partners:
            if isinstance(partner, dict) and isinstance(partner.get("name"), str):
                partner.setdefault("id", doc.new_id())
                ids[partner["name"].strip().casefold()] = partner["id"]

    def partner_id(name: Any, where: str) -> Any:
        if not isinstance(name, str) or not name.strip():
            return name if name else ""
        found = ids.get(name.strip().casefold())
        if found is None:
            errors.append(
                _("%(where)s: no partner is named %(name)s.") % {"where": where, "name": name}
            )
            return ""
        return found

    for r, result in enumerate(_items(steps["logframe"].get("results"))):
        for a, activity in enumerate(_items(result.get("activities"))):
            where = f"logframe.results.{r}.activities.{a}.partner"
            activity["partner"] = partner_id(activity.get("partner"), where)
            for indicator in _items(activity.get("indicators")):
                if "kind" not in indicator:
                    numbers = (
                        indicator.get("baseline") is not None or indicator.get("target") is not None
                    )
                    indicator["kind"] = "quantitative" if numbers else "qualitative"
    for i, risk in enumerate(_items(steps["risks"].get("risks"))):
        risk["owner"] = partner_id(risk.get("owner"), f"risks.{i}.owner")

    parts: dict[str, Any] = {}
    for step, raw in steps.items():
        shaped = raw
        if step in ("stakeholders", "risks"):
            shaped = {step: raw.get(step, [])} if raw else {}
        try:
            parts[step] = doc.STEP_MODELS[step].model_validate(shaped)
        except ValidationError as failure:
            for error in failure.errors():
                location = error["loc"]
                prefix = "logframe." if step == "logframe" else ""
                message = str(error["msg"]).removeprefix("Value error, ")
                errors.append(f"{prefix}{_path(location)}: {message}")
    if errors:
        raise PlanImportError(errors)
    return doc.PlanDocument(**parts)


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
