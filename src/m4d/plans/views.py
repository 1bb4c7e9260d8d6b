"""The studio's pages: the plans a person works on, a new plan, a plan's overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from m4d.core.pagination import paginate
from m4d.core.permissions import can, get_for
from m4d.organisations.selectors import acting_organisation
from m4d.plans import selectors, services, starters
from m4d.plans.forms import PlanCreateForm, starting_point
from m4d.plans.models import STEP_LABELS, Collaborator, Plan
from m4d.plans.rules import role_of


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.plans_of(request.user), per_page=20)
    context = {
        "page": page,
        "may_add": can(request.user, "add", Plan),
        "section": "plans",
    }
    return render(request, "plans/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanCreateForm(
        request.POST or None,
        user=request.user,
        acting=acting_organisation(request),
        initial=starting_point(request.user, request.GET.get("from", "")),
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = starters.start_plan(
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                title=form.cleaned_data["title"],
                project=form.cleaned_data["start_from"],
            )
        except services.PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Plan created: start with its context."))
            return redirect(plan)
    context = {
        "form": form,
        "has_organisation": can(request.user, "add", Plan),
        "section": "plans",
    }
    return render(request, "plans/plan_create.html", context)


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for(request.user, "view", Plan.objects.select_related("organisation"), pk=pk)
    steps = selectors.steps_of(plan)
    context = {
        "plan": plan,
        "steps": [(key, label, steps.get(key)) for key, label in STEP_LABELS.items()],
        "role": Collaborator.Role(role).label if (role := role_of(request.user, plan)) else "",
        "may_change": can(request.user, "change", plan),
        "section": "plans",
    }
    return render(request, "plans/plan_detail.html", context)
