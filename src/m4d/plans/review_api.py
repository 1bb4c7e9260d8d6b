"""`GET /api/plans/{id}/review`: a plan's review, for the people working on it (a stranger is told
the plan does not exist). Its own router, mounted on the `/plans` prefix beside the plans API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from m4d.accounts.api import signed_in
from m4d.core.i18n import request_language
from m4d.core.permissions import get_for
from m4d.plans import selectors
from m4d.plans.models import Plan
from m4d.plans.review import review_plan

router = Router(tags=["plans"])


class FindingOut(Schema):
    recommendation: int | None = Field(
        description="The recommendation for small-scale actors (1–9) it concerns, or null"
    )
    severity: str = Field(description="blocker, warning or info")
    message: str = Field(description="What to fix and why, in the requested language")
    handbook: str = Field(description="The handbook section cited, e.g. §6.4")
    data: list[str] = Field(description="The plan data the check looked at")
    step: str = Field(description="The plan step that fixes it")
    check: str = Field(description="The check's stable key")


class ReviewOut(Schema):
    readiness: int = Field(
        description="0–100: at least 50 exactly when nothing blocks (decision 0018)"
    )
    ready: bool = Field(description="No blocker")
    findings: list[FindingOut]


@router.get(
    "/{plan_id}/review",
    response=ReviewOut,
    auth=signed_in,
    summary="A plan's review against the handbook's recommendations (its collaborators)",
)
def plan_review(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    language = request_language(request)
    if not 0 < plan_id < 2**62:  # past the database's integers: no such plan, not a crash
        raise HttpError(404, "Not Found")
    with translation.override(language):
        plan = get_for(request.user, "view", Plan, pk=plan_id)
        return review_plan(selectors.document_of(plan), language=language).as_json()
