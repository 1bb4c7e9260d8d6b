"""The step pages of a plan (`/plans/<pk>/<step>/`): read by everyone on the plan, edited by its
owners and editors, one small form at a time, without JavaScript.

Every form carries the revision of the step it was shown from. A change is applied to that
revision's content (its `PlanVersion`) and saved with it as the base, so a save made while someone
else saved the step is a conflict: the page then shows both versions and the person chooses. The
autosave script (`static/plans/autosave.js`) posts the same forms with an `X-Autosave` header and
gets JSON back instead of a page: always 200 (a half-filled form is normal while typing), with
`state` saying saved (and the new revision), invalid (and the errors) or conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from m4d.core.permissions import can, get_for
from m4d.organisations.models import Organisation
from m4d.plans import charts, progress, selectors, services
from m4d.plans import document as doc
from m4d.plans import step_forms as sf
from m4d.plans.models import STEP_LABELS, Plan, PlanStep, PlanVersion
from m4d.projects.models import Capital, Project
from m4d.toolbox.models import Option

# The steps these pages edit (the review and the monitoring have pages of their own).
EDITED_STEPS = ("context", "capitals", "partnership", "stakeholders", "allies", "logframe", "risks")
MAIN_FORMS: dict[str, type[sf.MainForm]] = {
    "context": sf.ContextForm,
    "capitals": sf.CapitalsForm,
    "partnership": sf.ParticipationForm,
    "logframe": sf.LogframeForm,
}
GUIDED = "plans_guided"


def step_url(plan: Plan, step: str) -> str:
    return reverse("plans:step", kwargs={"pk": plan.pk, "step": step})


def step_nav(plan: Plan, document: doc.PlanDocument, current: str | None) -> list[dict[str, Any]]:
    """Every step with its progress, for the step navigation and the plan overview."""
    done = progress.step_progress(document)
    return [
        {
            "key": key,
            "label": label,
            "url": step_url(plan, key),
            "done": done[key][0],
            "total": done[key][1],
            "complete": done[key][0] == done[key][1],
            "current": key == current,
        }
        for key, label in STEP_LABELS.items()
    ]


# --- the conflict view: what differs between their version and mine ---------------------------

FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "summary": gettext_lazy("Summary"),
    "origin": gettext_lazy("Origin"),
    "country": gettext_lazy("Country"),
    "locality": gettext_lazy("Locality"),
    "destinations": gettext_lazy("Destinations"),
    "target_groups": gettext_lazy("Target groups"),
    "duration_months": gettext_lazy("Duration (months)"),
    "budget_min": gettext_lazy("Budget from"),
    "budget_max": gettext_lazy("Budget up to"),
    "currency": gettext_lazy("Currency"),
    "migration_link": gettext_lazy("Migration link"),
    "link_dimensions": gettext_lazy("The link runs through"),
    "capitals": gettext_lazy("Capitals"),
    "options": gettext_lazy("Options"),
    "key_issues": gettext_lazy("Key issues"),
    "answer": gettext_lazy("Answer"),
    "status": gettext_lazy("Status"),
    "migrant_participation": gettext_lazy("Migrant participation"),
    "overall_objective": gettext_lazy("Overall objective"),
    "specific_objectives": gettext_lazy("Specific objectives"),
    "assumptions": gettext_lazy("Assumptions"),
    "text": gettext_lazy("Text"),
    "name": gettext_lazy("Name"),
    **{name: c.label for name, c in sf.COLLECTIONS.items()},
    **sf.PHASE_LABELS,
}


def _label(key: str) -> str:
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    for form in (c.form for c in sf.COLLECTIONS.values()):
        if key in form.base_fields and form.base_fields[key].label:
            return str(form.base_fields[key].label)
    return key


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(_shown(item) for item in value)
    return str(value)


def _flattened(
    value: Any, path: tuple[str, ...] = (), label: str = ""
) -> dict[tuple[str, ...], tuple[str, str]]:
    """path → (readable label, shown value) for every leaf; list entries are named by their
    name or text and keyed by their id, so a renamed entry still lines up with itself."""
    found: dict[tuple[str, ...], tuple[str, str]] = {}
    if isinstance(value, dict):
        for key, sub in value.items():
            if key == "id":
                continue
            found.update(
                _flattened(sub, (*path, key), f"{label} › {_label(key)}" if label else _label(key))
            )
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for index, entry in enumerate(value):
            name = entry.get("name") or entry.get("text") or entry.get("option") or f"#{index + 1}"
            key = str(entry.get("id") or f"{entry.get('option')}:{entry.get('issue', index)}")
            found.update(_flattened(entry, (*path, key), f"{label} › {name}"))
    else:
        found[path] = (label, _shown(value))
    return found


def differences(theirs: dict[str, Any], yours: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(what, their value, your value) wherever the two versions of a step differ."""
    left, right = _flattened(theirs), _flattened(yours)
    rows = []
    for path in list(left) + [p for p in right if p not in left]:
        label = (left.get(path) or right[path])[0]
        before = left.get(path, ("", "–"))[1]
        after = right.get(path, ("", "–"))[1]
        if before != after:
            rows.append((label, before, after))
    return rows


# --- the page ---------------------------------------------------------------------------------


@dataclass
class ListForms:
    """The forms of one list on the page: the entry being edited (if any) and the new entry."""

    collection: sf.Collection
    add_form: sf.ItemForm | None = None
    edit_form: sf.ItemForm | None = None
    editing: str = ""
    deleting: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.collection.name


@dataclass
class Conflict:
    current: PlanStep
    rows: list[tuple[str, str, str]]
    submitted: str


class StepPage:
    """What one request to a step page reads, shared by its GET and its POST."""

    def __init__(self, request: HttpRequest, plan: Plan, step: str) -> None:
        self.request, self.plan, self.step = request, plan, step
        self.rows = selectors.steps_of(plan)
        self.row = self.rows[step]
        self.document = selectors.document_of(plan, self.rows)
        self.may_change = can(request.user, "change", plan)
        self._countries: sf.Choices | None = None
        self._options: list[Option] | None = None

    @property
    def countries(self) -> sf.Choices:
        if self._countries is None:
            self._countries = sf.country_choices()
        return self._countries

    def chosen_options(self, data: dict[str, Any]) -> list[Option]:
        keys = list(data.get("options") or [])
        found = {
            o.key: o
            for o in Option.objects.filter(key__in=keys)
            .select_related("section")
            .prefetch_related(
                "boxes",
                Prefetch(
                    "projects",
                    queryset=Project.objects.filter(status=Project.Status.PUBLISHED).order_by(
                        "code"
                    ),
                ),
            )
        }
        return [found[key] for key in keys if key in found]

    def main_form(self, data: dict[str, Any], posted: Any = None) -> sf.MainForm | None:
        form_class = MAIN_FORMS.get(self.step)
        if form_class is None:
            return None
        kwargs: dict[str, Any] = {"data_of_step": data, "prefix": "main"}
        if form_class is sf.CapitalsForm:
            kwargs["options"] = self.chosen_options(data)
        return form_class(posted, **kwargs)

    def item_form(
        self,
        collection: sf.Collection,
        posted: Any = None,
        initial: dict[str, Any] | None = None,
        document: doc.PlanDocument | None = None,
        editing: bool = False,
    ) -> sf.ItemForm:
        kwargs: dict[str, Any] = {
            "document": document or self.document,
            "prefix": collection.name,
            "initial": initial or {"item": doc.new_id()},
            # The edit form and the add form of a list share field names, not element ids.
            "auto_id": "edit_%s" if editing else "id_%s",
        }
        if collection.form is sf.PartnerForm:
            kwargs["countries"] = self.countries
        if collection.form is sf.RiskForm:
            kwargs["types"] = sf.risk_types()
        return collection.form(posted, **kwargs)

    def list_forms(self) -> dict[str, ListForms]:
        """The forms of every list of the step, as a GET shows them (`?edit=`, `?delete=`)."""
        found = {}
        edit = self.request.GET.get("edit", "")
        delete = self.request.GET.get("delete", "")
        for collection in sf.COLLECTIONS.values():
            if collection.step != self.step:
                continue
            forms_of = ListForms(collection)
            if self.may_change:
                initial = None
                if collection.name == "partners" and "organisation" in self.request.GET:
                    initial = self._partner_initial()
                forms_of.add_form = self.item_form(collection, initial=initial)
                name, _sep, entry_id = edit.partition(":")
                if name == collection.name and (
                    found_entry := sf.find_entry(self.row.data, collection, entry_id)
                ):
                    forms_of.editing = entry_id
                    forms_of.edit_form = self.item_form(
                        collection, initial=collection.form.initial_for(*found_entry), editing=True
                    )
                name, _sep, entry_id = delete.partition(":")
                if name == collection.name and sf.find_entry(self.row.data, collection, entry_id):
                    forms_of.deleting = entry_id
            found[collection.name] = forms_of
        return found

    def _partner_initial(self) -> dict[str, Any] | None:
        try:
            organisation = Organisation.objects.select_related("country").get(
                pk=int(self.request.GET["organisation"]), merged_into__isnull=True
            )
        except (ValueError, Organisation.DoesNotExist):
            return None
        return sf.partner_from(organisation)

    def render(
        self,
        *,
        main_form: forms.Form | None = None,
        lists: dict[str, ListForms] | None = None,
        conflict: Conflict | None = None,
        status: int = 200,
    ) -> HttpResponse:
        nav = step_nav(self.plan, self.document, self.step)
        index = EDITED_STEPS.index(self.step)
        guided = self.request.session.get(GUIDED, True)
        context: dict[str, Any] = {
            "plan": self.plan,
            "step": self.step,
            "label": STEP_LABELS[self.step],
            "nav": nav,
            "position": index + 1,
            "count": len(EDITED_STEPS),
            "previous": step_url(self.plan, EDITED_STEPS[index - 1]) if index else "",
            "next": step_url(self.plan, EDITED_STEPS[index + 1])
            if index + 1 < len(EDITED_STEPS)
            else self.plan.get_absolute_url(),
            "guided": guided,
            "document": self.document,
            "data": getattr(self.document, self.step),
            "row": self.row,
            # Forms are sent from the revision shown, the current one after a conflict.
            "revision": conflict.current.revision if conflict else self.row.revision,
            "may_change": self.may_change,
            "main_form": main_form
            if main_form is not None
            else (self.main_form(self.row.data) if self.may_change else None),
            "lists": lists if lists is not None else self.list_forms(),
            "conflict": conflict,
            "section": "plans",
            **self.step_extras(),
        }
        return render(self.request, f"plans/steps/{self.step}.html", context, status=status)

    def step_extras(self) -> dict[str, Any]:
        """What one step's page shows besides its forms: charts, flags, toolbox content."""
        document = self.document
        if self.step == "capitals":
            statuses = dict(sf.KEY_ISSUE_STATUS_CHOICES)
            answers = {(a.option, a.issue): a for a in document.capitals.key_issues}
            options = [
                (
                    option,
                    [
                        (
                            text,
                            statuses[answers[(option.key, n)].status]
                            if (option.key, n) in answers
                            else statuses["open"],
                            answers[(option.key, n)].answer if (option.key, n) in answers else "",
                        )
                        for n, text in enumerate(option.key_issues or [])
                    ],
                )
                for option in self.chosen_options(self.row.data)
            ]
            return {
                "options": options,
                "capital_labels": [Capital(c).label for c in document.capitals.capitals],
            }
        if self.step == "partnership":
            query = self.request.GET.get("find", "")
            return {
                "flags": progress.partnership_flags(document),
                "find": query,
                "matches": sf.directory_matches(query) if self.may_change else [],
                "phases": [
                    (phase, label)
                    for phase, label in sf.PHASE_LABELS.items()
                    if getattr(document.partnership.migrant_participation, phase)
                ],
            }
        if self.step == "stakeholders":
            return {"chart": charts.stakeholder_matrix(document.stakeholders.stakeholders)}
        if self.step == "allies":
            forces = document.allies.forces
            return {
                "chart": charts.force_field(forces),
                # Numbered as the chart numbers them: the forces for the change first.
                "forces_in_order": [f for f in forces if f.direction == "for"]
                + [f for f in forces if f.direction == "against"],
            }
        if self.step == "logframe":
            return {
                "chart": charts.gantt(document),
                "partner_names": {p.id: p.name for p in document.partnership.partners},
            }
        if self.step == "risks":
            return {
                "chart": charts.risk_heatmap(document),
                "risk_types": sf.risk_types(),
                "partner_names": {p.id: p.name for p in document.partnership.partners},
            }
        return {}


def _autosaving(request: HttpRequest) -> bool:
    return request.headers.get("X-Autosave") == "1"


def _base(plan: Plan, step: str, posted: Any) -> tuple[int, dict[str, Any]] | None:
    """The revision a form was shown from and that revision's content."""
    try:
        revision = int(posted.get("base_revision", ""))
    except ValueError:
        return None
    version = PlanVersion.objects.filter(plan=plan, step=step, revision=revision).first()
    return (revision, version.data) if version is not None else None


def _errors_of(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(m) for m in messages_] for name, messages_ in form.errors.items()}


@login_required
@require_http_methods(["GET", "POST"])
def step_page(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in EDITED_STEPS:
        raise Http404
    if request.method == "GET":
        plan = get_for(request.user, "view", Plan.objects.select_related("organisation"), pk=pk)
        return StepPage(request, plan, step).render()
    plan = get_for(request.user, "change", Plan.objects.select_related("organisation"), pk=pk)
    page = StepPage(request, plan, step)
    action = request.POST.get("action", "")
    if action == "guide":
        request.session[GUIDED] = request.POST.get("guided") == "on"
        return redirect(step_url(plan, step))
    base = _base(plan, step, request.POST)
    if base is None:
        return HttpResponseBadRequest(_("This form is out of date: reload the page."))
    revision, data = base
    if action == "keep-mine":
        try:
            mine = json.loads(request.POST.get("document", ""))
        except ValueError:
            return HttpResponseBadRequest(_("This form is out of date: reload the page."))
        return _save(page, mine, revision, anchor="")
    if action == "main":
        return _save_main(page, data, revision)
    if action == "seed-risks" and step == "risks":
        return _save(page, sf.seeded_risks(data, sf.risk_types()), revision, anchor="risks")
    verb, _sep, name = action.partition(":")
    collection = sf.COLLECTIONS.get(name)
    if collection is None or collection.step != step or verb not in ("item", "delete"):
        return HttpResponseBadRequest(_("Unknown action."))
    if verb == "delete":
        return _save(
            page,
            sf.without_entry(data, collection, request.POST.get("item", "")),
            revision,
            anchor=collection.name,
            done=_("Deleted."),
        )
    return _save_item(page, collection, data, revision)


def _save_main(page: StepPage, data: dict[str, Any], revision: int) -> HttpResponse:
    form = page.main_form(data, page.request.POST)
    assert form is not None
    if not form.is_valid():
        return _refused(page, main_form=form)
    return _save(
        page,
        form.applied(),
        revision,
        anchor="",
        main_form=form,
        go_on="continue" in page.request.POST,
    )


def _save_item(
    page: StepPage, collection: sf.Collection, data: dict[str, Any], revision: int
) -> HttpResponse:
    # The form's choices (results, partners) are those of the version it was shown from.
    base_document = doc.PlanDocument.model_validate({**page.document.model_dump(), page.step: data})
    entry_id = str(page.request.POST.get(f"{collection.name}-item", ""))
    editing = sf.find_entry(data, collection, entry_id) is not None
    form = page.item_form(collection, page.request.POST, document=base_document, editing=editing)
    lists = page.list_forms()
    if editing:
        lists[collection.name].edit_form = form
        lists[collection.name].editing = entry_id
    else:
        lists[collection.name].add_form = form
    if not form.is_valid():
        return _refused(page, lists=lists)
    try:
        changed = sf.with_entry(data, collection, form.entry(), form.parent())
    except KeyError:
        form.add_error(None, _("What this entry belonged to has been deleted."))
        return _refused(page, lists=lists)
    return _save(page, changed, revision, anchor=collection.name, lists=lists)


def _refused(
    page: StepPage,
    *,
    main_form: forms.Form | None = None,
    lists: dict[str, ListForms] | None = None,
) -> HttpResponse:
    if _autosaving(page.request):
        form = main_form or next(
            (
                f
                for lf in (lists or {}).values()
                for f in (lf.edit_form, lf.add_form)
                if f and f.errors
            ),
            None,
        )
        return JsonResponse({"state": "invalid", "errors": _errors_of(form) if form else {}})
    return page.render(main_form=main_form, lists=lists, status=422)


def _save(
    page: StepPage,
    data: dict[str, Any],
    revision: int,
    *,
    anchor: str,
    main_form: forms.Form | None = None,
    lists: dict[str, ListForms] | None = None,
    done: str = "",
    go_on: bool = False,
) -> HttpResponse:
    request = page.request
    try:
        row = services.save_step(
            page.plan, page.step, data, by=request.user, base_revision=revision
        )
    except services.StepConflict as conflict:
        if _autosaving(request):
            return JsonResponse({"state": "conflict", "revision": conflict.current.revision})
        return page.render(
            main_form=main_form,
            lists=lists,
            conflict=Conflict(
                conflict.current,
                differences(conflict.current.data, conflict.submitted),
                json.dumps(conflict.submitted),
            ),
            status=409,
        )
    except services.InvalidStep as invalid:
        if _autosaving(request):
            return JsonResponse({"state": "invalid", "errors": {"": [invalid.message]}})
        messages.error(request, invalid.message)
        return page.render(main_form=main_form, lists=lists, status=422)
    if _autosaving(request):
        return JsonResponse({"state": "saved", "revision": row.revision})
    messages.success(request, done or _("Saved."))
    if go_on:
        index = EDITED_STEPS.index(page.step)
        if index + 1 < len(EDITED_STEPS):
            return redirect(step_url(page.plan, EDITED_STEPS[index + 1]))
        return redirect(page.plan)
    return redirect(step_url(page.plan, page.step) + (f"#{anchor}" if anchor else ""))
