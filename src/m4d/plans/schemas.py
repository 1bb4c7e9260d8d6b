"""The plans API's shapes (`plans/api.py`): a plan with every step's content and revision, the
change of some steps, and the answers to a refused change (422 by path, 409 with both versions)."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field

from m4d.plans import document as doc
from m4d.plans.models import Plan, PlanStep
from m4d.plans.rules import role_of

STEP_LIST = ", ".join(doc.STEPS)


class OrganisationRef(Schema):
    id: int
    name: str = Field(description="Official name, in every language")


class PlanItem(Schema):
    id: int
    title: str
    organisation: OrganisationRef = Field(description="The organisation the plan belongs to")
    status: str = Field(description="draft (in design) or funded")
    role: str | None = Field(
        description="The caller's role on the plan: owner, editor, commenter or reader (null for "
        "an administrator who is not on it)"
    )
    updated_at: str = Field(description="Last change (ISO 8601)")
    url: str = Field(description="The plan's page")


class PlanPage(Schema):
    count: int
    items: list[PlanItem]


class PlanDetail(PlanItem):
    created_at: str
    funded_at: str | None = Field(description="When it was marked funded (ISO 8601), or null")
    source_project: str | None = Field(
        description="Code of the registry project it was started from, or null"
    )
    project: str | None = Field(
        description="Code of the registry project a funded plan became, or null"
    )
    steps: dict[str, dict[str, Any]] = Field(
        description=f"Every step's content, by step ({STEP_LIST}), as the plan pages edit it: "
        "list items carry a stable `id`, activities and risks name partners by id"
    )
    revisions: dict[str, int] = Field(
        description="Every step's revision: send it back in a PATCH so that nobody's work is "
        "overwritten"
    )


class PlanPatch(Schema):
    """Some steps' new content, each replacing the whole step."""

    steps: dict[str, dict[str, Any]] = Field(
        description=f"New content by step ({STEP_LIST}); steps left out are kept"
    )
    revisions: dict[str, int] = Field(
        default_factory=dict,
        description="The revision each changed step was read at (from GET). A step changed since "
        "answers 409 with both versions; a step without one is overwritten (for scripts)",
    )


class PathError(Schema):
    path: str = Field(description="Dotted path of the value (`steps.logframe.results.0.text`)")
    message: str


class PlanErrors(Schema):
    detail: str
    errors: list[PathError]


class StepVersion(Schema):
    revision: int | None = Field(description="The current revision (null: what you sent)")
    data: dict[str, Any]


class PlanConflict(Schema):
    detail: str
    step: str = Field(description="The step someone else saved since your revision")
    current: StepVersion = Field(description="What is saved now")
    submitted: StepVersion = Field(description="What you sent, checked (nothing was saved)")


def plan_item(plan: Plan, user: Any) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "title": plan.title,
        "organisation": {"id": plan.organisation_id, "name": plan.organisation.name},
        "status": plan.status,
        "role": role_of(user, plan),
        "updated_at": plan.updated_at.isoformat(),
        "url": plan.get_absolute_url(),
    }


def plan_detail(plan: Plan, user: Any, steps: dict[str, PlanStep]) -> dict[str, Any]:
    return {
        **plan_item(plan, user),
        "created_at": plan.created_at.isoformat(),
        "funded_at": plan.funded_at.isoformat() if plan.funded_at else None,
        "source_project": plan.source_project.code if plan.source_project else None,
        "project": plan.project.code if plan.project else None,
        "steps": {step: steps[step].data if step in steps else {} for step in doc.STEPS},
        "revisions": {step: steps[step].revision if step in steps else 0 for step in doc.STEPS},
    }


def path_errors(errors: list[tuple[str, str]], prefix: str = "") -> list[dict[str, str]]:
    return [
        {"path": ".".join(part for part in (prefix, path) if part), "message": message}
        for path, message in errors
    ]
