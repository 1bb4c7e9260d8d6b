"""The plans API (`/api/plans`): create a plan from the import format, list one's plans, read a
plan with every step, change some steps. Every endpoint about one plan fetches it with
`plan_for`, the one place its permissions are enforced (the review and export endpoints too)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Body, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from m4d.accounts.api import signed_in
from m4d.core.i18n import request_language
from m4d.core.permissions import get_for, require
from m4d.organisations.models import Organisation
from m4d.plans import schemas, selectors, services, starters
from m4d.plans.models import Plan

router = Router(tags=["plans"])

# Ids past this are no plan (and would overflow the database's integer).
LARGEST_ID = 2**62


def plan_for(request: HttpRequest, plan_id: int, action: str) -> Plan:
    """The plan `plan_id` for `action` by the caller: 404 when it does not exist or is not
    theirs to see, 403 when they see it but may not do this (a reader changing it, a commenter
    editing it). Every plan endpoint fetches its plan here."""
    if not 0 < plan_id < LARGEST_ID:
        raise HttpError(404, _("No plan with id %(id)s") % {"id": plan_id})
    queryset = Plan.objects.select_related("organisation", "source_project", "project")
    return get_for(request.user, action, queryset, pk=plan_id)


class PlanListParams(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000_000)


@router.get("", response=schemas.PlanPage, auth=signed_in, summary="The plans you work on")
def list_plans(request: HttpRequest, params: Query[PlanListParams]) -> dict[str, Any]:
    plans = selectors.plans_of(request.user)
    page = plans[params.offset : params.offset + params.limit]
    return {
        "count": plans.count(),
        "items": [schemas.plan_item(plan, request.user) for plan in page],
    }


@router.post(
    "",
    response={201: schemas.PlanDetail, 422: schemas.PlanErrors},
    auth=signed_in,
    summary="Start a plan from a whole document (the import format)",
    description="The body is the import format of `m4d plan import` (title, summary, origin, "
    "destinations, migration_link, capitals, options, partners, migrant_participation, logframe, "
    "stakeholders, allies, risks; partners are named by name elsewhere), plus `organisation`: "
    "the id of an organisation you act for (default: your first). An unknown key, a bad value "
    "or a partner named nowhere answers 422 listing every problem by path; nothing is created.",
)
def create_plan(request: HttpRequest, payload: Body[dict[str, Any]]) -> Status[dict[str, Any]]:
    with translation.override(request_language(request)):
        user: Any = request.user
        require(user, "add", Plan)
        data = dict(payload)
        organisation = None
        if "organisation" in data:
            wanted = data.pop("organisation")
            organisation = (
                Organisation.objects.filter(memberships__user=user, pk=wanted).first()
                if isinstance(wanted, int) and not isinstance(wanted, bool)
                else None
            )
            if organisation is None:
                message = _("Not an organisation you act for.")
                return Status(422, _refusal([("organisation", message)]))
        try:
            plan = starters.import_plan(data, by=user, organisation=organisation)
        except services.InvalidStep as invalid:
            return Status(422, _refusal(invalid.errors))
        except services.PlanError as error:
            return Status(422, _refusal([("", error.message)]))
        return Status(201, schemas.plan_detail(plan, user, selectors.steps_of(plan)))


@router.get(
    "/{plan_id}",
    response=schemas.PlanDetail,
    auth=signed_in,
    summary="A plan: its metadata and every step's content and revision (its collaborators)",
)
def get_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    plan = plan_for(request, plan_id, "view")
    return schemas.plan_detail(plan, request.user, selectors.steps_of(plan))


@router.patch(
    "/{plan_id}",
    response={200: schemas.PlanDetail, 409: schemas.PlanConflict, 422: schemas.PlanErrors},
    auth=signed_in,
    summary="Change some steps of a plan (its owners and editors)",
    description='Body: `{"steps": {step: content}, "revisions": {step: revision}}`. Each step '
    "sent replaces that step whole, with the shape GET gives. All or nothing: invalid content "
    "answers 422 listing every error by path (`steps.<step>.<field>…`); a step saved by someone "
    "else since the revision you name answers 409 with what is saved now and what you sent. "
    "Readers and commenters get 403.",
)
def update_plan(
    request: HttpRequest, plan_id: int, payload: schemas.PlanPatch
) -> Status[dict[str, Any]]:
    with translation.override(request_language(request)):
        plan = plan_for(request, plan_id, "change")
        try:
            services.save_steps(
                plan, payload.steps, by=request.user, base_revisions=payload.revisions
            )
        except services.InvalidStep as invalid:
            return Status(422, _refusal(invalid.errors, prefix="steps"))
        except services.StepConflict as conflict:
            return Status(
                409,
                {
                    "detail": conflict.message,
                    "step": conflict.current.step,
                    "current": {
                        "revision": conflict.current.revision,
                        "data": conflict.current.data,
                    },
                    "submitted": {"revision": None, "data": conflict.submitted},
                },
            )
        plan.refresh_from_db()
        return Status(200, schemas.plan_detail(plan, request.user, selectors.steps_of(plan)))


def _refusal(errors: list[tuple[str, str]], prefix: str = "") -> dict[str, Any]:
    return {"detail": _("Invalid plan."), "errors": schemas.path_errors(errors, prefix)}
