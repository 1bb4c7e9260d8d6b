"""The monitoring step's pages: marking a plan funded (its owners, after a confirmation page), the
monitoring page (periods, actual values per period, a progress chart per indicator), and bringing
the plan's registry entry up to date."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from m4d.core.permissions import can, get_for, require
from m4d.plans import monitoring, registry, selectors, services
from m4d.plans.models import Plan
from m4d.plans.monitoring_forms import ActualsForm, PeriodsForm, custom_lines

PLANS = Plan.objects.select_related("organisation", "project")


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for(request.user, "view", PLANS, pk=pk)
    steps = selectors.steps_of(plan)
    document = selectors.document_of(plan, steps)
    revision = steps["monitoring"].revision if "monitoring" in steps else 0
    current = document.monitoring
    indicators = document.logframe.indicators()
    chosen = request.POST.get("period") or request.GET.get("period")
    period = next((p for p in current.periods if p.id == chosen), None) or (
        current.periods[0] if current.periods else None
    )
    periods_form = PeriodsForm(
        initial={
            "frequency": current.frequency,
            "start": current.start,
            "months": document.context.duration_months,
            "custom": custom_lines(current.periods),
            "base_revision": revision,
        },
        current=current,
    )
    actuals_form = _actuals_form(None, indicators, current, period, revision)
    if request.method == "POST":
        require(request.user, "change", plan)
        if not monitoring.is_monitored(plan):
            messages.error(request, _("Monitoring starts once the plan is marked funded."))
            return redirect("plans:monitoring", pk=plan.pk)
        if request.POST.get("action") == "periods":
            periods_form = PeriodsForm(request.POST, current=current)
            saved = periods_form.is_valid() and _save(
                request,
                periods_form,
                lambda: monitoring.set_periods(
                    plan,
                    periods_form.cleaned_data["periods"],
                    frequency=periods_form.cleaned_data["frequency"],
                    start=periods_form.cleaned_data["start"],
                    by=request.user,
                    base_revision=periods_form.cleaned_data["base_revision"],
                ),
                _("Reporting periods saved."),
            )
        else:
            actuals_form = _actuals_form(request.POST, indicators, current, period, revision)
            saved = actuals_form.is_valid() and _save(
                request,
                actuals_form,
                lambda: monitoring.record_actuals(
                    plan,
                    actuals_form.cleaned_data["period"],
                    actuals_form.actuals(),
                    by=request.user,
                    base_revision=actuals_form.cleaned_data["base_revision"],
                ),
                _("Actual values saved."),
            )
        if saved:
            url = reverse("plans:monitoring", args=[plan.pk])
            return redirect(f"{url}?period={period.id}" if period else url)
    context = {
        "plan": plan,
        "funded": monitoring.is_monitored(plan),
        "may_change": can(request.user, "change", plan),
        "may_manage": can(request.user, "manage", plan),
        "periods": current.periods,
        "period": period,
        "periods_form": periods_form,
        "actuals_form": actuals_form,
        "charts": monitoring.progress_charts(document),
        "section": "plans",
    }
    return render(request, "plans/monitoring.html", context)


def _actuals_form(
    data: Any, indicators: list[Any], current: Any, period: Any, revision: int
) -> ActualsForm:
    saved = {
        a.indicator: a for a in current.actuals if period is not None and a.period == period.id
    }
    initial: dict[str, Any] = {"period": period.id if period else "", "base_revision": revision}
    for actual in saved.values():
        initial[f"value_{actual.indicator}"] = actual.value
        initial[f"text_{actual.indicator}"] = actual.text
    return ActualsForm(
        data, initial=initial, indicators=indicators, periods=current.periods, saved=saved
    )


def _save(request: HttpRequest, form: Any, write: Any, done: str) -> bool:
    """Run `write`; a refusal goes onto the form (what was typed stays), a conflict too, with
    the form now based on the saved revision so that sending it again keeps what was typed."""
    try:
        write()
    except services.StepConflict as conflict:
        form.add_error(None, conflict.message)
        form.conflict = True  # the page shows what is saved beside what was typed
        form.data = form.data.copy()
        form.data["base_revision"] = conflict.current.revision
        return False
    except services.InvalidStep as invalid:
        for _path, message in invalid.errors:
            form.add_error(None, message)
        return False
    except services.PlanError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, done)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def mark_funded(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for(request.user, "manage", PLANS, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            monitoring.mark_funded(plan, by=request.user)
        except services.PlanError as refused:
            error = refused.message
        else:
            messages.success(
                request,
                _("The plan is funded: it is in the registry as %(code)s. Record its results here.")
                % {"code": registry.registry_code(plan)},
            )
            return redirect("plans:monitoring", pk=plan.pk)
    context = {"plan": plan, "error": error, "section": "plans"}
    return render(request, "plans/monitoring_funded.html", context)


@login_required
@require_POST
def update_registry(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for(request.user, "manage", PLANS, pk=pk)
    if not monitoring.is_monitored(plan):
        messages.error(request, _("Only a funded plan is in the registry."))
    else:
        project = registry.sync_registry(plan, by=request.user)
        messages.success(
            request, _("The registry entry %(code)s is up to date.") % {"code": project.code}
        )
    return redirect("plans:monitoring", pk=plan.pk)
