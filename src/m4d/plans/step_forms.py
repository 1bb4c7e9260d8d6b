"""The forms of the step pages, turned into the step's JSON (`plans.document`).

A step page has at most one *main* form (its fields that are not lists) and one small *item* form
per list entry (a partner, an activity…). Item forms carry the entry's id, drawn when the empty
form is shown: saving the same form twice (an autosave, then the button) updates the entry
instead of adding it twice. Every check the document makes is made here first, with a translated
message on the field.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from m4d.core import cache
from m4d.core.collation import sort_key
from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.plans import document as doc
from m4d.projects.models import Capital
from m4d.toolbox.models import BuildingBlock, Option

Choices = list[tuple[str, Any]]

LEVEL_CHOICES: Choices = [("low", _("low")), ("medium", _("medium")), ("high", _("high"))]
OPTIONAL_LEVEL: Choices = [("", "–"), *LEVEL_CHOICES]
DIMENSION_CHOICES: Choices = [
    ("route", _("route")),
    ("gender", _("gender")),
    ("profession", _("profession")),
    ("generation", _("generation")),
]
PHASE_LABELS = {
    "identification": _("Identification"),
    "design": _("Design"),
    "implementation": _("Implementation"),
    "monitoring": _("Monitoring"),
    "evaluation": _("Evaluation"),
}
ALLY_FORM_CHOICES: Choices = [
    ("lobbying", _("Lobbying")),
    ("events", _("Participation in project events")),
    ("management", _("Participation in project management")),
]
KEY_ISSUE_STATUS_CHOICES: Choices = [
    ("open", _("to answer")),
    ("answered", _("answered")),
    ("not_applicable", _("not applicable")),
]
INDICATOR_KIND_CHOICES: Choices = [
    ("quantitative", _("quantitative")),
    ("qualitative", _("qualitative")),
]
DIRECTION_CHOICES: Choices = [("for", _("for the change")), ("against", _("against it"))]


def _sorted_countries() -> list[tuple[str, str]]:
    countries = sorted(Country.objects.only("iso2", "name"), key=lambda c: sort_key(c.name))
    return [(c.iso2, c.name) for c in countries]


def country_choices() -> Choices:
    """Every country by name, in the page's language (read once per registry generation)."""
    return [("", "–"), *cache.for_registry("plans.country_choices", _sorted_countries)]


class QuickSelect(forms.Select):
    """A single select written in Python: Django renders each option through a template, and
    the step pages' long lists (250 countries, several per page; a plan's activities) took most
    of their time."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options,
        )


def _text(label: Any, *, required: bool = False, long: bool = False) -> forms.CharField:
    if long:
        return forms.CharField(
            label=label,
            required=required,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    return forms.CharField(label=label, required=required, max_length=300)


def _month(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=240)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- main forms: a step's fields that are not lists ----------------------------------------


class MainForm(forms.Form):
    """Reads its initial values from the step's data and writes its fields back into a copy."""

    def __init__(self, *args: Any, data_of_step: dict[str, Any], **kwargs: Any) -> None:
        kwargs.setdefault("initial", self.initial_from(data_of_step))
        super().__init__(*args, **kwargs)
        self.step_data = data_of_step

    def initial_from(self, data: dict[str, Any]) -> dict[str, Any]:
        return {name: data.get(name) for name in self.base_fields}

    def applied(self) -> dict[str, Any]:
        data = copy.deepcopy(self.step_data)
        data.update(self.cleaned_data)
        return data


class DestinationForm(forms.Form):
    country = forms.ChoiceField(label=_("Destination country"), required=False, widget=QuickSelect)
    locality = _text(_("Locality"))

    def __init__(self, *args: Any, countries: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = countries  # type: ignore[attr-defined]  # a ChoiceField

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("locality") and not cleaned.get("country"):
            self.add_error("country", _("Choose the country of this locality."))
        return cleaned


DestinationFormSet = forms.formset_factory(DestinationForm, extra=2, max_num=20, absolute_max=20)


class ContextForm(MainForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = _text(_("Summary"), long=True)
    origin_country = forms.ChoiceField(
        label=_("Country of origin"), required=False, widget=QuickSelect
    )
    origin_locality = _text(_("Locality of origin"))
    target_groups = _text(_("Target groups"), long=True)
    duration_months = _month(_("Duration (months)"))
    budget_min = forms.DecimalField(
        label=_("Budget from"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    budget_max = forms.DecimalField(
        label=_("Budget up to"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    currency = forms.RegexField(
        label=_("Currency"),
        regex=r"^[A-Za-z]{3}$",
        max_length=3,
        error_messages={"invalid": _("A currency is its three-letter code (EUR, XOF…).")},
        help_text=_("Its three-letter code: EUR, XOF, USD…"),
    )
    migration_link = _text(_("What ties the places together (the migration link)"), long=True)
    link_dimensions = forms.MultipleChoiceField(
        label=_("The link runs through"),
        required=False,
        choices=DIMENSION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.countries = country_choices()
        self.fields["origin_country"].choices = self.countries  # type: ignore[attr-defined]
        places = self.step_data.get("destinations") or []
        self.destinations = DestinationFormSet(
            self.data or None,
            prefix="destination",
            initial=places,
            form_kwargs={"countries": self.countries},
        )

    def initial_from(self, data: dict[str, Any]) -> dict[str, Any]:
        initial = super().initial_from(data)
        origin = data.get("origin") or {}
        initial.update(origin_country=origin.get("country"), origin_locality=origin.get("locality"))
        return initial

    def is_valid(self) -> bool:
        return super().is_valid() & self.destinations.is_valid()

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).upper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("The highest budget is below the lowest."))
        return cleaned

    def applied(self) -> dict[str, Any]:
        cleaned = dict(self.cleaned_data)
        data = copy.deepcopy(self.step_data)
        data["origin"] = {
            "country": cleaned.pop("origin_country"),
            "locality": cleaned.pop("origin_locality"),
        }
        data.update(cleaned)
        data["destinations"] = [
            {"country": row["country"], "locality": row["locality"]}
            for row in self.destinations.cleaned_data
            if row and row.get("country")
        ]
        return data


def option_choices() -> Choices:
    """The toolbox's options, grouped by their section."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for option in Option.objects.select_related("section").order_by("section__order", "order"):
        section = f"§{option.section.number} {option.section.title}"
        groups.setdefault(section, []).append((option.key, option.title))
    return list(groups.items())


@dataclass(frozen=True)
class KeyIssueField:
    option: Option
    issue: int
    text: str
    answer: str  # the field names
    status: str


class CapitalsForm(MainForm):
    capitals = forms.MultipleChoiceField(
        label=_("Capitals the project mobilises"),
        required=False,
        choices=Capital.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    options = forms.MultipleChoiceField(
        label=_("Options of the toolbox"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each option you choose brings its key issues below, once saved."),
    )

    def __init__(self, *args: Any, options: Sequence[Option], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = option_choices()  # type: ignore[attr-defined]
        answers = {
            (row["option"], row["issue"]): row for row in self.step_data.get("key_issues") or []
        }
        # The checklist of the options saved so far, in the order they were chosen.
        self.key_issues: list[KeyIssueField] = []
        for option in options:
            for index, text in enumerate(option.key_issues or []):
                name = f"issue_{len(self.key_issues)}"
                saved = answers.get((option.key, index), {})
                self.fields[f"{name}_answer"] = _text(_("Answer"), long=True)
                self.fields[f"{name}_status"] = forms.ChoiceField(
                    label=_("Status"), choices=KEY_ISSUE_STATUS_CHOICES
                )
                self.initial[f"{name}_answer"] = saved.get("answer", "")
                self.initial[f"{name}_status"] = saved.get("status", "open")
                self.key_issues.append(
                    KeyIssueField(option, index, text, f"{name}_answer", f"{name}_status")
                )

    def bound_issues(self) -> list[tuple[KeyIssueField, forms.BoundField, forms.BoundField]]:
        return [(issue, self[issue.answer], self[issue.status]) for issue in self.key_issues]

    def applied(self) -> dict[str, Any]:
        data = copy.deepcopy(self.step_data)
        data["capitals"] = self.cleaned_data["capitals"]
        data["options"] = self.cleaned_data["options"]
        answered = {
            (issue.option.key, issue.issue): {
                "option": issue.option.key,
                "issue": issue.issue,
                "answer": self.cleaned_data[issue.answer],
                "status": self.cleaned_data[issue.status],
            }
            for issue in self.key_issues
        }
        # Answers of options dropped now are kept: choosing the option again brings them back.
        kept = [
            row
            for row in data.get("key_issues") or []
            if (row["option"], row["issue"]) not in answered
        ]
        data["key_issues"] = kept + list(answered.values())
        return data


class ParticipationForm(MainForm):
    identification = forms.BooleanField(label=PHASE_LABELS["identification"], required=False)
    design = forms.BooleanField(label=PHASE_LABELS["design"], required=False)
    implementation = forms.BooleanField(label=PHASE_LABELS["implementation"], required=False)
    monitoring = forms.BooleanField(label=PHASE_LABELS["monitoring"], required=False)
    evaluation = forms.BooleanField(label=PHASE_LABELS["evaluation"], required=False)

    def initial_from(self, data: dict[str, Any]) -> dict[str, Any]:
        return dict(data.get("migrant_participation") or {})

    def applied(self) -> dict[str, Any]:
        data = copy.deepcopy(self.step_data)
        data["migrant_participation"] = dict(self.cleaned_data)
        return data


class LogframeForm(MainForm):
    overall_objective = _text(_("Overall objective"), long=True)
    specific_objectives = forms.CharField(
        label=_("Specific objectives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    assumptions = forms.CharField(
        label=_("Assumptions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: what must hold true outside the project for it to succeed."),
    )

    def initial_from(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "overall_objective": data.get("overall_objective", ""),
            "specific_objectives": "\n".join(data.get("specific_objectives") or []),
            "assumptions": "\n".join(data.get("assumptions") or []),
        }

    def _listed(self, name: str, most: int) -> list[str]:
        lines = _lines(self.cleaned_data[name])
        if len(lines) > most:
            raise forms.ValidationError(
                _("At most %(count)s lines."), params={"count": most}, code="max"
            )
        if any(len(line) > 5000 for line in lines):
            raise forms.ValidationError(_("A line is too long."), code="long")
        return lines

    def clean_specific_objectives(self) -> list[str]:
        return self._listed("specific_objectives", 20)

    def clean_assumptions(self) -> list[str]:
        return self._listed("assumptions", 50)


# --- item forms: one entry of a list --------------------------------------------------------


class ItemForm(forms.Form):
    """One list entry; `item` is its id. Subclasses in a nested list name their parent field."""

    parent_field: ClassVar[str | None] = None
    item = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args: Any, document: doc.PlanDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document

    @classmethod
    def initial_for(cls, entry: dict[str, Any], parent: str | None) -> dict[str, Any]:
        initial = {name: entry.get(name) for name in cls.base_fields if name in entry}
        initial["item"] = entry["id"]
        if cls.parent_field:
            initial[cls.parent_field] = parent
        return initial

    def entry(self) -> dict[str, Any]:
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("item", self.parent_field)
        }
        return {"id": self.cleaned_data["item"], **values}

    def parent(self) -> str | None:
        return self.cleaned_data[self.parent_field] if self.parent_field else None

    def partner_choices(self) -> Choices:
        return [("", "–"), *((p.id, p.name) for p in self.document.partnership.partners)]


class PartnerForm(ItemForm):
    organisation = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=300)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=QuickSelect)
    type = forms.ChoiceField(label=_("Type of organisation"), required=False)
    role = _text(_("Role in the project"))
    responsibilities = _text(_("Responsibilities"), long=True)
    resources = _text(_("Resources it brings"), long=True)
    gains = _text(_("What it gains"), long=True)
    migrant_organisation = forms.BooleanField(
        label=_("A migrant or diaspora organisation"), required=False
    )

    def __init__(self, *args: Any, countries: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = countries  # type: ignore[attr-defined]
        self.fields["type"].choices = [("", "–"), *Organisation.Type.choices]  # type: ignore[attr-defined]

    def clean_organisation(self) -> int | None:
        pk = self.cleaned_data.get("organisation")
        if pk is not None and not Organisation.objects.filter(pk=pk).exists():
            raise forms.ValidationError(_("This organisation is no longer in the directory."))
        return pk


class StakeholderForm(ItemForm):
    name = forms.CharField(label=_("Name"), max_length=300)
    type = _text(_("Type of stakeholder"))
    compatibility = forms.ChoiceField(
        label=_("Compatibility of objectives"), required=False, choices=OPTIONAL_LEVEL
    )
    competences = forms.ChoiceField(
        label=_("Relevant competences and resources"), required=False, choices=OPTIONAL_LEVEL
    )
    motivation = forms.ChoiceField(label=_("Motivation"), required=False, choices=OPTIONAL_LEVEL)
    influence = forms.ChoiceField(label=_("Influence"), choices=LEVEL_CHOICES, initial="medium")
    interest = forms.ChoiceField(label=_("Interest"), choices=LEVEL_CHOICES, initial="medium")
    strategy = _text(_("Engagement strategy"), long=True)

    def entry(self) -> dict[str, Any]:
        entry = super().entry()
        for factor in ("compatibility", "competences", "motivation"):
            entry[factor] = entry[factor] or None
        return entry


class ForceForm(ItemForm):
    text = forms.CharField(label=_("Force"), max_length=300)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=DIRECTION_CHOICES, widget=forms.RadioSelect
    )
    strength = forms.TypedChoiceField(
        label=_("Strength (1 weak – 5 strong)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        initial=3,
    )


class AllyForm(ItemForm):
    name = forms.CharField(label=_("Ally"), max_length=300)
    forms = forms.MultipleChoiceField(
        label=_("Forms of collaboration"),
        required=False,
        choices=ALLY_FORM_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = _text(_("Notes"), long=True)


class ResultForm(ItemForm):
    text = forms.CharField(label=_("Result"), max_length=300)


class ActivityForm(ItemForm):
    parent_field = "result"
    result = forms.ChoiceField(label=_("Result it serves"), widget=QuickSelect)
    text = forms.CharField(label=_("Activity"), max_length=300)
    partner = forms.ChoiceField(label=_("Responsible partner"), required=False, widget=QuickSelect)
    start_month = _month(_("Start month"))
    end_month = _month(_("End month"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = [  # type: ignore[attr-defined]
            (r.id, f"{n}. {r.text}") for n, r in enumerate(self.document.logframe.results, 1)
        ]
        self.fields["partner"].choices = self.partner_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_month"), cleaned.get("end_month")
        if start is not None and end is not None and end < start:
            self.add_error("end_month", _("The activity ends before it starts."))
        return cleaned


class IndicatorForm(ItemForm):
    parent_field = "activity"
    activity = forms.ChoiceField(label=_("Activity it measures"), widget=QuickSelect)
    text = forms.CharField(label=_("Indicator"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=INDICATOR_KIND_CHOICES, widget=forms.RadioSelect
    )
    unit = _text(_("Unit"))
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=20)
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=20)
    source = _text(_("Source of verification"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [  # type: ignore[attr-defined]
            (a.id, f"{r}.{n} {a.text}")
            for r, result in enumerate(self.document.logframe.results, 1)
            for n, a in enumerate(result.activities, 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == "qualitative":
            for name in ("baseline", "target"):
                if cleaned.get(name) is not None:
                    self.add_error(name, _("A qualitative indicator has no number to reach."))
        return cleaned

    def entry(self) -> dict[str, Any]:
        entry = super().entry()
        for name in ("baseline", "target"):
            if isinstance(entry.get(name), Decimal):
                entry[name] = str(entry[name])
        return entry


def risk_types() -> list[BuildingBlock]:
    return list(
        BuildingBlock.objects.filter(kind=BuildingBlock.Kind.RISK).order_by(
            "section__order", "order"
        )
    )


class RiskForm(ItemForm):
    text = forms.CharField(label=_("Risk"), max_length=300)
    type = forms.ChoiceField(label=_("Type of risk"), required=False)
    likelihood = forms.ChoiceField(label=_("Likelihood"), choices=LEVEL_CHOICES, initial="medium")
    impact = forms.ChoiceField(label=_("Impact"), choices=LEVEL_CHOICES, initial="medium")
    owner = forms.ChoiceField(label=_("Owner (a partner)"), required=False, widget=QuickSelect)
    mitigation = _text(_("Mitigation"), long=True)

    def __init__(self, *args: Any, types: Sequence[BuildingBlock], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "–"), *((t.key, t.title) for t in types)]  # type: ignore[attr-defined]
        self.fields["owner"].choices = self.partner_choices()  # type: ignore[attr-defined]


# --- the lists of each step, and the changes made to them -----------------------------------


@dataclass(frozen=True)
class Collection:
    """A list of a step: where its entries live in the step's JSON and the form of one entry.
    A nested list (activities, indicators) lives in the entries of its `parent` list."""

    name: str
    step: str
    form: type[ItemForm]
    label: Any
    add_label: Any
    parent: str | None = None
    field: str = ""

    @property
    def key(self) -> str:
        return self.field or self.name


COLLECTIONS = {
    c.name: c
    for c in (
        Collection("partners", "partnership", PartnerForm, _("Partners"), _("Add a partner")),
        Collection(
            "stakeholders",
            "stakeholders",
            StakeholderForm,
            _("Stakeholders"),
            _("Add a stakeholder"),
        ),
        Collection("forces", "allies", ForceForm, _("Forces"), _("Add a force")),
        Collection("allies", "allies", AllyForm, _("Strategic allies"), _("Add an ally")),
        Collection("results", "logframe", ResultForm, _("Results"), _("Add a result")),
        Collection(
            "activities",
            "logframe",
            ActivityForm,
            _("Activities"),
            _("Add an activity"),
            parent="results",
        ),
        Collection(
            "indicators",
            "logframe",
            IndicatorForm,
            _("Indicators"),
            _("Add an indicator"),
            parent="activities",
        ),
        Collection("risks", "risks", RiskForm, _("Risks"), _("Add a risk")),
    )
}


def containers(data: dict[str, Any], collection: Collection) -> list[tuple[str | None, list[Any]]]:
    """(parent id, the list) for every list holding `collection`'s entries in `data`."""
    if collection.parent is None:
        return [(None, data.setdefault(collection.key, []))]
    parent = COLLECTIONS[collection.parent]
    return [
        (entry["id"], entry.setdefault(collection.key, []))
        for _parent, entries in containers(data, parent)
        for entry in entries
    ]


def _located(
    data: dict[str, Any], collection: Collection, entry_id: str
) -> tuple[str | None, list[Any], int] | None:
    """The parent's id, the list holding the entry and its position there."""
    for parent, entries in containers(data, collection):
        for index, entry in enumerate(entries):
            if entry.get("id") == entry_id:
                return parent, entries, index
    return None


def find_entry(
    data: dict[str, Any], collection: Collection, entry_id: str
) -> tuple[dict[str, Any], str | None] | None:
    """The entry and its parent's id."""
    found = _located(data, collection, entry_id)
    if found is None:
        return None
    parent, entries, index = found
    return entries[index], parent


def with_entry(
    data: dict[str, Any], collection: Collection, entry: dict[str, Any], parent: str | None
) -> dict[str, Any]:
    """`data` with `entry` added, or changed in place (moved if its parent changed); what the
    form does not show (an activity's indicators) is kept. An unknown parent raises KeyError."""
    data = copy.deepcopy(data)
    found = _located(data, collection, entry["id"])
    previous: dict[str, Any] = {}
    if found is not None:
        old_parent, entries, index = found
        previous = entries[index]
        if old_parent == parent:
            entries[index] = {**previous, **entry}
            return data
        del entries[index]
    target = dict(containers(data, collection)).get(parent)
    if target is None:
        raise KeyError(parent)
    target.append({**previous, **entry})
    return data


def without_entry(data: dict[str, Any], collection: Collection, entry_id: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    found = _located(data, collection, entry_id)
    if found is not None:
        _parent, entries, index = found
        del entries[index]
    return data


def seeded_risks(data: dict[str, Any], types: Sequence[BuildingBlock]) -> dict[str, Any]:
    """The register with one risk per handbook risk type it does not hold yet, each with the
    solutions the handbook suggests as its first mitigation."""
    data = copy.deepcopy(data)
    risks = data.setdefault("risks", [])
    present = {risk.get("type") for risk in risks}
    for block in types:
        if block.key not in present:
            risks.append(
                {
                    "id": doc.new_id(),
                    "text": block.title,
                    "type": block.key,
                    "mitigation": "\n".join(block.solutions or [])[:5000],
                }
            )
    return data


def directory_matches(query: str, *, limit: int = 10) -> list[Organisation]:
    """Organisations of the directory whose name holds `query` (to pick a partner from)."""
    query = query.strip()
    if len(query) < 2:
        return []
    found = Organisation.objects.filter(name__icontains=query, merged_into__isnull=True)
    return sorted(found.select_related("country")[:limit], key=lambda o: sort_key(o.name))


def partner_from(organisation: Organisation) -> dict[str, Any]:
    """A new partner's form filled in from its directory entry."""
    return {
        "item": doc.new_id(),
        "organisation": organisation.pk,
        "name": organisation.name,
        "country": organisation.country.iso2 if organisation.country else "",
        "type": organisation.type,
        "migrant_organisation": organisation.type == Organisation.Type.MIGRANT_ASSOCIATION,
    }
