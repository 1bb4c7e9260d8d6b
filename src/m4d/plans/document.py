"""The content of a plan: one validated document per step (pydantic models).

A plan's steps are stored as JSON (`PlanStep.data`), each validated by its step's model here, so
the pages, the API, the import, the review and the exports all read and write one shape. List
items (partners, activities, indicators, risks…) carry a short stable `id`: activities name their
responsible partner, risks their owner and actual values their indicator and period by it, so
renaming a partner keeps the links.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

from m4d.organisations.models import Organisation
from m4d.projects.models import Capital

Level = Literal["low", "medium", "high"]
LEVELS: tuple[Level, ...] = ("low", "medium", "high")
LEVEL_VALUE = {"low": 1, "medium": 2, "high": 3}

# The handbook's phases of a project in which migrants take part (recommendation 3).
PHASES = ("identification", "design", "implementation", "monitoring", "evaluation")
# What ties the places of a project together (recommendation 2).
LINK_DIMENSIONS = ("route", "gender", "profession", "generation")
# Forms of collaboration with strategic allies (§8.3), keyed like the toolbox's building blocks.
ALLY_FORMS = {
    "lobbying": "8.3/lobbying",
    "events": "8.3/project-events",
    "management": "8.3/project-management",
}
KEY_ISSUE_STATUSES = ("open", "answered", "not_applicable")
INDICATOR_KINDS = ("quantitative", "qualitative")
FREQUENCIES = ("monthly", "quarterly", "custom")
ORGANISATION_TYPES = tuple(Organisation.Type.values)
CAPITALS = tuple(Capital.values)

Text = Annotated[str, Field(max_length=5000)]
Line = Annotated[str, Field(max_length=300)]
Month = Annotated[int, Field(ge=1, le=240)]


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# Exact in Python (sums, comparisons), a plain number in JSON.
Number = Annotated[
    Decimal, Field(allow_inf_nan=False), PlainSerializer(_json_number, when_used="json")
]
Amount = Annotated[
    Decimal,
    Field(ge=0, max_digits=14, decimal_places=2),
    PlainSerializer(_json_number, when_used="json"),
]


def new_id() -> str:
    return uuid.uuid4().hex[:10]


class Part(BaseModel):
    """Unknown keys are errors (a misspelt field must not be dropped silently); strings are
    stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Item(Part):
    id: Annotated[str, Field(min_length=1, max_length=40)] = Field(default_factory=new_id)


def _country(value: str) -> str:
    value = value.strip().upper()
    if value and (len(value) != 2 or not value.isalpha()):
        raise ValueError("a country is its two-letter ISO code (e.g. SN)")
    return value


CountryCode = Annotated[str, AfterValidator(_country)]


class Place(Part):
    country: CountryCode = ""
    locality: Line = ""


class Context(Part):
    title: Line = ""
    summary: Text = ""
    origin: Place = Field(default_factory=Place)
    destinations: list[Place] = Field(default_factory=list, max_length=20)
    target_groups: Text = ""
    duration_months: Month | None = None
    budget_min: Amount | None = None
    budget_max: Amount | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    migration_link: Text = ""
    link_dimensions: list[Literal["route", "gender", "profession", "generation"]] = Field(
        default_factory=list
    )

    @model_validator(mode="after")
    def _budget_range(self) -> Context:
        if (
            self.budget_min is not None
            and self.budget_max is not None
            and self.budget_min > self.budget_max
        ):
            raise ValueError("the lowest budget is above the highest")
        return self


class KeyIssueAnswer(Part):
    option: Line
    issue: Annotated[int, Field(ge=0, le=100)]
    answer: Text = ""
    status: Literal["open", "answered", "not_applicable"] = "open"


class Capitals(Part):
    capitals: list[Literal["social", "financial", "human", "cultural"]] = Field(
        default_factory=list
    )
    options: list[Line] = Field(default_factory=list, max_length=60)
    key_issues: list[KeyIssueAnswer] = Field(default_factory=list)


class Partner(Item):
    name: Line
    organisation: int | None = None  # the directory entry, when picked from it
    country: CountryCode = ""
    type: str = ""  # an organisation type key (`Organisation.Type`), or empty
    role: Line = ""
    responsibilities: Text = ""
    resources: Text = ""
    gains: Text = ""
    migrant_organisation: bool = False

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value and value not in ORGANISATION_TYPES:
            raise ValueError(f"unknown organisation type; one of {', '.join(ORGANISATION_TYPES)}")
        return value


class Participation(Part):
    identification: bool = False
    design: bool = False
    implementation: bool = False
    monitoring: bool = False
    evaluation: bool = False


class Partnership(Part):
    partners: list[Partner] = Field(default_factory=list, max_length=100)
    migrant_participation: Participation = Field(default_factory=Participation)


class Stakeholder(Item):
    name: Line
    type: Line = ""
    # The handbook's analysis factors (§7.1): compatibility of objectives, relevant competences
    # and resources, motivation.
    compatibility: Level | None = None
    competences: Level | None = None
    motivation: Level | None = None
    influence: Level = "medium"
    interest: Level = "medium"
    strategy: Text = ""


class Stakeholders(Part):
    stakeholders: list[Stakeholder] = Field(default_factory=list, max_length=200)


class Force(Item):
    text: Line
    direction: Literal["for", "against"]
    strength: Annotated[int, Field(ge=1, le=5)] = 3


class Ally(Item):
    name: Line
    forms: list[Literal["lobbying", "events", "management"]] = Field(default_factory=list)
    notes: Text = ""


class Allies(Part):
    forces: list[Force] = Field(default_factory=list, max_length=100)
    allies: list[Ally] = Field(default_factory=list, max_length=100)


class Indicator(Item):
    text: Line
    kind: Literal["quantitative", "qualitative"] = "quantitative"
    unit: Line = ""
    baseline: Number | None = None
    target: Number | None = None
    source: Line = ""

    @model_validator(mode="after")
    def _numbers_for_quantitative(self) -> Indicator:
        if self.kind == "qualitative" and (self.baseline is not None or self.target is not None):
            raise ValueError("a qualitative indicator has no baseline or target number")
        return self


class Activity(Item):
    text: Line
    partner: str = ""  # the responsible partner's id
    start_month: Month | None = None
    end_month: Month | None = None
    indicators: list[Indicator] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _months_in_order(self) -> Activity:
        if (
            self.start_month is not None
            and self.end_month is not None
            and self.end_month < self.start_month
        ):
            raise ValueError("the activity ends before it starts")
        return self


class Result(Item):
    text: Line
    activities: list[Activity] = Field(default_factory=list, max_length=100)


class Logframe(Part):
    overall_objective: Text = ""
    specific_objectives: list[Text] = Field(default_factory=list, max_length=20)
    results: list[Result] = Field(default_factory=list, max_length=50)
    assumptions: list[Text] = Field(default_factory=list, max_length=50)

    def activities(self) -> list[Activity]:
        return [activity for result in self.results for activity in result.activities]

    def indicators(self) -> list[Indicator]:
        return [indicator for activity in self.activities() for indicator in activity.indicators]


class Risk(Item):
    text: Line
    type: Line = ""  # a toolbox risk key (6.4/…) or empty
    likelihood: Level = "medium"
    impact: Level = "medium"
    owner: str = ""  # the owning partner's id
    mitigation: Text = ""


class Risks(Part):
    risks: list[Risk] = Field(default_factory=list, max_length=200)


class Review(Part):
    # Answers to the review's guided questions, by question key.
    answers: dict[Annotated[str, Field(max_length=80)], Text] = Field(default_factory=dict)


class Period(Item):
    label: Line
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Period:
        if self.start and self.end and self.end < self.start:
            raise ValueError("the period ends before it starts")
        return self


class Actual(Part):
    indicator: str
    period: str
    value: Number | None = None  # quantitative indicators
    text: Text = ""  # qualitative indicators, or a comment


class Monitoring(Part):
    frequency: Literal["monthly", "quarterly", "custom"] = "quarterly"
    start: date | None = None
    periods: list[Period] = Field(default_factory=list, max_length=240)
    actuals: list[Actual] = Field(default_factory=list)


STEP_MODELS: dict[str, type[Part]] = {
    "context": Context,
    "capitals": Capitals,
    "partnership": Partnership,
    "stakeholders": Stakeholders,
    "allies": Allies,
    "logframe": Logframe,
    "risks": Risks,
    "review": Review,
    "monitoring": Monitoring,
}
STEPS = tuple(STEP_MODELS)


class PlanDocument(Part):
    """Every step of a plan, as the review and the exports read it."""

    context: Context = Field(default_factory=Context)
    capitals: Capitals = Field(default_factory=Capitals)
    partnership: Partnership = Field(default_factory=Partnership)
    stakeholders: Stakeholders = Field(default_factory=Stakeholders)
    allies: Allies = Field(default_factory=Allies)
    logframe: Logframe = Field(default_factory=Logframe)
    risks: Risks = Field(default_factory=Risks)
    review: Review = Field(default_factory=Review)
    monitoring: Monitoring = Field(default_factory=Monitoring)

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partnership.partners if p.id == partner_id), None)


def step_data(step: str, data: Any) -> dict[str, Any]:
    """`data` validated as `step`'s content, returned as JSON-ready values (raises
    `pydantic.ValidationError`)."""
    return STEP_MODELS[step].model_validate(data).model_dump(mode="json")


def cross_step_errors(document: PlanDocument) -> list[tuple[str, str]]:
    """(step, message) for references between steps that point at nothing: an activity's
    partner, a risk's owner, an actual value's indicator or period."""
    partners = {p.id for p in document.partnership.partners}
    errors: list[tuple[str, str]] = []
    for activity in document.logframe.activities():
        if activity.partner and activity.partner not in partners:
            errors.append(("logframe", f"activity {activity.text!r}: unknown partner"))
    for risk in document.risks.risks:
        if risk.owner and risk.owner not in partners:
            errors.append(("risks", f"risk {risk.text!r}: unknown owner"))
    indicators = {i.id for i in document.logframe.indicators()}
    periods = {p.id for p in document.monitoring.periods}
    for actual in document.monitoring.actuals:
        if actual.indicator not in indicators or actual.period not in periods:
            errors.append(("monitoring", "an actual value names an unknown indicator or period"))
    return errors
