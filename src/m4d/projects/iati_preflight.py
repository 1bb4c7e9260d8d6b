"""IATI pre-flight: the IATI Standard's rules that its schema cannot express, checked on the
activity the export would write (decision 0013).

Each failure names the edit page's field that fixes it (`/projects/<code>/edit/#id_<field>`), or
none when the fix is a setting. The project page shows them to those who may edit the project;
`m4d export --format iati` and the export view summarise them (and refuse with `--strict` /
`?strict=1`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from m4d.projects import iati
from m4d.projects.models import Project, ProjectQuerySet

# The rules, in the order the project page lists them.
REPORTING = "reporting-org"
START_DATE = "start-date"
SECTOR = "sector"
PERCENTAGES = "percentages"
IDENTIFIER = "identifier"
FUTURE_ACTUAL = "future-actual-date"
CODES = "codes"
RULES = (REPORTING, START_DATE, SECTOR, PERCENTAGES, IDENTIFIER, FUTURE_ACTUAL, CODES)


@dataclass(frozen=True)
class Failure:
    rule: str
    message: str
    field: str = ""  # the edit form's field that fixes it; "" for a setting
    url: str = ""  # that field on the project's edit page (set by `preflight`)


def rule_label(rule: str) -> str:
    return {
        REPORTING: _("reporting organisation configured"),
        START_DATE: _("start date"),
        SECTOR: _("sector"),
        PERCENTAGES: _("percentages summing to 100"),
        IDENTIFIER: _("identifier prefixed with the reporting organisation's"),
        FUTURE_ACTUAL: _("no actual date in the future"),
        CODES: _("codes in the IATI codelists"),
    }[rule]


def preflight(project: Project) -> list[Failure]:
    """Every rule the project's exported activity breaks, the unconfigured reporting org first."""
    reporting = iati.reporting_org()
    failures = check(project, iati.activity_element(project, reporting), reporting["ref"])
    edit = reverse("projects:edit", args=[project.slug])
    return [replace(f, url=f"{edit}#id_{f.field}" if f.field else "") for f in failures]


def check(
    project: Project, activity: etree._Element, reporting_ref: str, *, codes: bool = True
) -> list[Failure]:
    """The rules `activity` breaks; `codes=False` skips the codelists (the export checks them)."""
    failures = []
    if message := iati.reporting_unconfigured_message():
        failures.append(Failure(REPORTING, message))
    if project.start_date is None:
        failures.append(
            Failure(
                START_DATE,
                _(
                    "No start date is recorded: the export writes a stand-in (the funding programme's start, or the last update) with a note saying so."
                ),
                "start_date",
            )
        )
    sectors = activity.findall("sector")
    transactions = activity.findall("transaction")
    if not sectors and (not transactions or any(t.find("sector") is None for t in transactions)):
        failures.append(
            Failure(
                SECTOR,
                _("The activity has no sector, neither for itself nor on every transaction."),
                "migration_sector",
            )
        )
    failures += _percentages(activity)
    identifier = (activity.findtext("iati-identifier") or "").strip()
    if not identifier.startswith(f"{reporting_ref}-"):
        failures.append(
            Failure(
                IDENTIFIER,
                _(
                    "The identifier %(identifier)s does not begin with the reporting organisation's identifier %(ref)s followed by a hyphen."
                )
                % {"identifier": identifier, "ref": reporting_ref},
                "iati_identifier",
            )
        )
    today = timezone.localdate().isoformat()
    for element in activity.findall("activity-date"):
        day = (element.get("iso-date") or "")[:10]
        if element.get("type") in iati.ACTUAL_DATES and day > today:
            kind = element.get("type")
            failures.append(
                Failure(
                    FUTURE_ACTUAL,
                    _("An actual date is in the future: %(date)s.") % {"date": day},
                    "start_date" if kind == iati.DATE_ACTUAL_START else "end_date",
                )
            )
    if codes:
        named = iati.check_codes(activity, where=lambda e: _("element '%(tag)s'") % {"tag": e.tag})
        failures += [Failure(CODES, problem) for problem in named]
    return failures


def _percentages(activity: etree._Element) -> list[Failure]:
    """Sectors of one vocabulary, and recipient countries with regions, share 100 %."""
    groups: dict[str, list[etree._Element]] = {}
    for sector in activity.findall("sector"):
        vocabulary = (sector.get("vocabulary") or iati.VOCABULARY_DAC).strip()
        groups.setdefault(
            _("sectors of vocabulary %(vocabulary)s") % {"vocabulary": vocabulary}, []
        ).append(sector)
    places = activity.findall("recipient-country") + activity.findall("recipient-region")
    if places:
        groups[_("recipient countries and regions")] = places
    failures = []
    for what, elements in groups.items():
        total = _total(elements)
        if total is not None and total != 100:
            fix = (
                "countries" if str(elements[0].tag).startswith("recipient") else "migration_sector"
            )
            failures.append(
                Failure(
                    PERCENTAGES,
                    _("The percentages of the %(what)s sum to %(total)s, not 100.")
                    % {"what": what, "total": f"{total:g}"},
                    fix,
                )
            )
    return failures


def _total(elements: list[etree._Element]) -> Decimal | None:
    """The sum of the percentages; None when a single element leaves it out (it is then 100)."""
    values = [element.get("percentage") for element in elements]
    if len(values) == 1 and values[0] is None:
        return None
    try:
        return sum((Decimal((v or "0").strip()) for v in values), Decimal(0))
    except InvalidOperation:
        return Decimal(-1)


@dataclass
class Report:
    """Failures counted over an export, per rule (the export's summary and `--strict`)."""

    projects: int = 0
    failing: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def see(self, project: Project, activity: etree._Element, reporting_ref: str) -> None:
        self.projects += 1
        # Without the codes: the export has checked them (a code outside its list stops it).
        found = check(project, activity, reporting_ref, codes=False)
        failures = [f for f in found if f.rule != REPORTING]
        if failures:
            self.failing += 1
            self.by_rule.update({f.rule for f in failures})
            if len(self.examples) < 5:
                self.examples.append(f"{project.code}: {failures[0].message}")

    @property
    def ok(self) -> bool:
        return not self.failing and not iati.reporting_unconfigured_message()

    def summary(self) -> str:
        """One paragraph: what fails, how often, a few examples; "" when everything passes."""
        return "\n".join(
            filter(None, [iati.reporting_unconfigured_message(), self.rules_summary()])
        )

    def rules_summary(self) -> str:
        """The summary without the reporting organisation (the export file says that first)."""
        lines = []
        if self.failing:
            counts = ", ".join(
                f"{rule_label(rule)} ({self.by_rule[rule]})" for rule in RULES if self.by_rule[rule]
            )
            lines.append(
                _(
                    "IATI pre-flight, projects breaking a rule: %(failing)s of %(total)s (%(counts)s)."
                )
                % {"failing": self.failing, "total": self.projects, "counts": counts}
            )
            lines += self.examples
        return "\n".join(lines)


def report_for(projects: ProjectQuerySet) -> Report:
    """The pre-flight of every project given, without writing anything (`--strict` asks first)."""
    reporting = iati.reporting_org()
    report = Report()
    for project in projects.with_relations().iterator(chunk_size=1000):
        report.see(project, iati.activity_element(project, reporting), reporting["ref"])
    return report
