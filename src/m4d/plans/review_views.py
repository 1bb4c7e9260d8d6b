"""The review step's page: readiness, findings by severity with a link to the step that fixes
each, the guided questions as a form (editors) or read-only (others), and similar projects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from m4d.core.i18n import current_language
from m4d.core.permissions import can, get_for, require
from m4d.plans import selectors, services
from m4d.plans.document import STEPS
from m4d.plans.models import STEP_LABELS, Plan
from m4d.plans.review import QUESTIONS, recommendations, review_plan
from m4d.plans.similar import similar_projects


class ReviewAnswersForm(forms.Form):
    """One answer per guided question; `base_revision` is the review step's revision the page
    showed, so that a save over someone else's is a conflict, not an overwrite."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.CharField(
                label=question.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self, kept: dict[str, str]) -> dict[str, str]:
        """The answers to save: the other keys kept as they were, blank answers dropped."""
        typed = {q.key: self.cleaned_data[q.key].strip() for q in QUESTIONS}
        merged = {**kept, **typed}
        return {key: text for key, text in merged.items() if text}


def step_links(plan: Plan) -> dict[str, str]:
    """Where each step is edited: its own page once the steps' pages exist, else the overview."""
    links = {}
    for step in STEPS:
        try:
            links[step] = reverse("plans:step", args=[plan.pk, step])
        except NoReverseMatch:
            links[step] = plan.get_absolute_url()
    links["review"] = reverse("plans:review", args=[plan.pk]) + "#questions"
    return links


@login_required
@require_http_methods(["GET", "POST"])
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for(request.user, "view", Plan.objects.select_related("organisation"), pk=pk)
    steps = selectors.steps_of(plan)
    document = selectors.document_of(plan, steps)
    revision = steps["review"].revision if "review" in steps else 0
    may_change = can(request.user, "change", plan)
    conflict = None
    initial = {"base_revision": revision, **document.review.answers}
    form = ReviewAnswersForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(request.user, "change", plan)
        if form.is_valid():
            try:
                services.save_step(
                    plan,
                    "review",
                    {"answers": form.answers(document.review.answers)},
                    by=request.user,
                    base_revision=form.cleaned_data["base_revision"],
                )
            except services.StepConflict as clash:
                conflict = clash.current.data.get("answers", {})
                # What was typed stays; saving again now keeps it over the other version.
                data = request.POST.copy()
                data["base_revision"] = str(clash.current.revision)
                form = ReviewAnswersForm(data)
                form.is_valid()
                form.add_error(None, clash.message)
            except services.InvalidStep as refused:
                # The step's model checks the answers (their length): shown beside each one.
                for path, message in refused.errors:
                    key = path.removeprefix("answers.")
                    form.add_error(key if key in form.fields else None, message)
            else:
                messages.success(request, _("Answers saved: the review is up to date."))
                return redirect("plans:review", pk=plan.pk)
    review = review_plan(document, language=current_language())
    recs, links = recommendations(), step_links(plan)
    groups = [
        (
            severity,
            [
                {
                    "finding": finding,
                    "recommendation": recs.get(finding.recommendation or 0),
                    "fix_url": links[finding.step],
                    "fix_label": STEP_LABELS[finding.step],
                }
                for finding in found
            ],
        )
        for severity, found in review.by_severity()
    ]
    context = {
        "plan": plan,
        "review": review,
        "groups": groups,
        "form": form,
        "may_change": may_change,
        "conflict": [(q.text, conflict.get(q.key, "")) for q in QUESTIONS]
        if conflict is not None
        else None,
        "similar": similar_projects(document),
        "section": "plans",
    }
    return render(request, "plans/review.html", context)
