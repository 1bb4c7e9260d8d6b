"""Reads of plans: a plan's document, the plans a person works on."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from m4d.plans import document as doc
from m4d.plans.models import Plan, PlanStep


def steps_of(plan: Plan) -> dict[str, PlanStep]:
    """Every step's current row, by step (one query)."""
    return {row.step: row for row in PlanStep.objects.filter(plan=plan)}


def document_of(plan: Plan, steps: dict[str, PlanStep] | None = None) -> doc.PlanDocument:
    """The whole plan as one validated document (steps never saved are empty)."""
    rows = steps if steps is not None else steps_of(plan)
    return doc.PlanDocument.model_validate(
        {step: rows[step].data for step in doc.STEPS if step in rows}
    )


def plans_of(user: Any) -> QuerySet[Plan]:
    """The plans `user` works on, most recently changed first."""
    return Plan.objects.visible_to(user).select_related("organisation")
