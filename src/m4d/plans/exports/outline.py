"""The proposal as an outline of blocks (headings, paragraphs, lists, tables, charts), built once
and rendered by the DOCX, PDF and Markdown writers, so the three say the same things.

Interface text is in the active language (the caller overrides it); what people typed and names
(organisations, partners, places' localities) are written as they are. Country names and toolbox
titles come in the language of the export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from m4d.organisations.models import Organisation
from m4d.places.models import Country
from m4d.plans import document as doc
from m4d.plans.exports import images
from m4d.plans.exports.labels import level_label
from m4d.plans.models import STEP_LABELS, Plan, ProposalTemplate
from m4d.projects.models import Capital
from m4d.toolbox.models import BuildingBlock, Option


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a step's section, 2: a part of it


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""  # written before the text, in bold ("Summary:"), its colon included


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths


@dataclass(frozen=True)
class Chart:
    """A chart drawn only by the writers that show images (Markdown has the tables)."""

    caption: str
    draw: Callable[[], bytes]  # a PNG
    width: float = 1.0  # share of the text width it is printed at


def fact(label: str, text: str) -> Paragraph:
    """A labelled paragraph; French sets a narrow no-break space before the colon (the
    catalogue's translation of the pattern says so)."""
    return Paragraph(text, _("%(label)s:") % {"label": label})


GANTT_ROWS = 30
Block = Heading | Paragraph | Bullets | Table | Chart


@dataclass
class Proposal:
    title: str
    subtitle: str
    language: str
    blocks: list[Block] = field(default_factory=list)


def number(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return formats.number_format(value.normalize(), use_l10n=True, force_grouping=True)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def months(start: int | None, end: int | None) -> str:
    if start is None and end is None:
        return "–"
    if end is None or end == start:
        return _("month %(month)s") % {"month": start}
    return _("months %(start)s–%(end)s") % {"start": start or 1, "end": end}


class _Names:
    """Country names, toolbox titles and partner names, read once per export."""

    def __init__(self, document: doc.PlanDocument) -> None:
        codes = {document.context.origin.country}
        codes |= {place.country for place in document.context.destinations}
        codes |= {partner.country for partner in document.partnership.partners}
        self.countries = {
            country.iso2: country.name
            for country in Country.objects.filter(iso2__in=[code for code in codes if code])
        }
        self.options = {
            option.key: option
            for option in Option.objects.filter(key__in=document.capitals.options)
        }
        self.risk_types = {
            block.key: block.title
            for block in BuildingBlock.objects.filter(kind=BuildingBlock.Kind.RISK)
        }
        self.partners = {partner.id: partner.name for partner in document.partnership.partners}
        self.types = {kind.value: str(kind.label) for kind in Organisation.Type}

    def country(self, code: str) -> str:
        return self.countries.get(code, code) if code else "–"

    def place(self, place: doc.Place) -> str:
        parts = [part for part in (place.locality, self.country(place.country)) if part != "–"]
        return ", ".join(parts) or "–"

    def partner(self, partner_id: str) -> str:
        return self.partners.get(partner_id, "–") if partner_id else "–"


def _template(language: str) -> ProposalTemplate:
    # A language whose template an administrator deleted gets empty texts, not an error.
    return ProposalTemplate.objects.filter(language=language).first() or ProposalTemplate(
        language=language
    )


def proposal(plan: Plan, document: doc.PlanDocument, *, language: str) -> Proposal:
    template = _template(language)
    names = _Names(document)
    title = document.context.title or plan.title
    subtitle = _("A project of %(organisation)s, %(date)s") % {
        "organisation": plan.organisation.name,
        "date": formats.date_format(timezone.localdate(), "DATE_FORMAT"),
    }
    out = Proposal(title=title, subtitle=subtitle, language=language)
    if template.introduction:
        out.blocks.append(Paragraph(template.introduction))
    sections: tuple[tuple[str, Callable[[doc.PlanDocument, _Names], Iterable[Block]]], ...] = (
        ("context", _context),
        ("capitals", _capitals),
        ("partnership", _partnership),
        ("stakeholders", _stakeholders),
        ("allies", _allies),
        ("logframe", _logframe),
        ("risks", _risks),
        ("monitoring", _monitoring),
    )
    for step, build in sections:
        blocks = list(build(document, names))
        if step == "monitoring" and not blocks:
            continue  # a plan not yet monitored has no such section
        out.blocks.append(Heading(str(STEP_LABELS[step])))
        if intro := template.intro(step):
            out.blocks.append(Paragraph(intro))
        out.blocks.extend(blocks or [Paragraph(_("Not filled in yet."))])
    if template.closing:
        out.blocks.append(Paragraph(template.closing))
    return out


def _context(document: doc.PlanDocument, names: _Names) -> Iterable[Block]:
    context = document.context
    if context.summary:
        yield fact(_("Summary"), context.summary)
    yield fact(_("Origin"), names.place(context.origin))
    if context.destinations:
        destinations = "; ".join(names.place(place) for place in context.destinations)
        yield fact(_("Destinations"), destinations)
    if context.target_groups:
        yield fact(_("Target groups"), context.target_groups)
    if context.duration_months:
        duration = ngettext("%(n)s month", "%(n)s months", context.duration_months) % {
            "n": context.duration_months
        }
        yield fact(_("Duration"), duration)
    if context.budget_min is not None or context.budget_max is not None:
        budget = _("%(low)s to %(high)s %(currency)s") % {
            "low": number(context.budget_min),
            "high": number(context.budget_max),
            "currency": context.currency,
        }
        yield fact(_("Budget"), budget)
    if context.migration_link:
        yield fact(_("Migration link"), context.migration_link)
    if context.link_dimensions:
        dimensions = {
            "route": _("migration route"),
            "gender": _("gender"),
            "profession": _("profession"),
            "generation": _("generation"),
        }
        yield fact(
            _("What ties the places"), ", ".join(dimensions[d] for d in context.link_dimensions)
        )


def _capitals(document: doc.PlanDocument, names: _Names) -> Iterable[Block]:
    capitals = document.capitals
    if capitals.capitals:
        labels = dict(Capital.choices)
        yield fact(_("Capitals"), ", ".join(str(labels[c]) for c in capitals.capitals))
    if capitals.options:
        titles = [names.options[k].title if k in names.options else k for k in capitals.options]
        yield Heading(_("Activities chosen"), 2)
        yield Bullets(tuple(titles))
    statuses = {
        "open": _("open"),
        "answered": _("answered"),
        "not_applicable": _("not applicable"),
    }
    rows = []
    for answer in capitals.key_issues:
        option = names.options.get(answer.option)
        issues = option.key_issues if option else []
        issue = issues[answer.issue] if answer.issue < len(issues) else f"#{answer.issue + 1}"
        rows.append(
            (
                option.title if option else answer.option,
                str(issue),
                statuses[answer.status],
                answer.answer,
            )
        )
    if rows:
        yield Heading(_("Key issues"), 2)
        yield Table(
            (_("Activity"), _("Key issue"), _("Status"), _("Answer")), tuple(rows), (3, 4, 2, 5)
        )


def _partnership(document: doc.PlanDocument, names: _Names) -> Iterable[Block]:
    partners = document.partnership.partners
    if partners:
        yield Table(
            (_("Partner"), _("Country"), _("Type"), _("Role"), _("Migrant organisation")),
            tuple(
                (
                    p.name,
                    names.country(p.country),
                    str(names.types.get(p.type, "–")),
                    p.role or "–",
                    yes_no(p.migrant_organisation),
                )
                for p in partners
            ),
            (4, 2, 3, 3, 2),
        )
        yield Heading(_("What each partner does, brings and gains"), 2)
        yield Table(
            (_("Partner"), _("Responsibilities"), _("Resources brought"), _("What it gains")),
            tuple(
                (p.name, p.responsibilities or "–", p.resources or "–", p.gains or "–")
                for p in partners
            ),
            (3, 4, 4, 4),
        )
    participation = document.partnership.migrant_participation
    phases = {
        "identification": _("identification"),
        "design": _("design"),
        "implementation": _("implementation"),
        "monitoring": _("monitoring"),
        "evaluation": _("evaluation"),
    }
    taken = [label for phase, label in phases.items() if getattr(participation, phase)]
    if taken:
        yield fact(_("Migrants take part in"), ", ".join(taken))


def _stakeholders(document: doc.PlanDocument, names: _Names) -> Iterable[Block]:
    stakeholders = document.stakeholders.stakeholders
    if not stakeholders:
        return
    yield Table(
        (
            "#",
            _("Stakeholder"),
            _("Type"),
            _("Influence"),
            _("Interest"),
            _("Compatibility, competences, motivation"),
            _("Engagement strategy"),
        ),
        tuple(
            (
                str(n),
                s.name,
                s.type or "–",
                level_label(s.influence),
                level_label(s.interest),
                " / ".join(level_label(v) for v in (s.compatibility, s.competences, s.motivation)),
                s.strategy or "–",
            )
            for n, s in enumerate(stakeholders, 1)
        ),
        (2, 7, 6, 5, 5, 6, 9),
    )
    yield Chart(
        _("Stakeholders by influence and interest (numbers as in the table)"),
        partial(images.stakeholder_matrix, stakeholders),
        width=0.75,
    )


def _allies(document: doc.PlanDocument, names: _Names) -> Iterable[Block]:
    forces, allies = document.allies.forces, document.allies.allies
    if forces:
        directions = {"for": _("for the change"), "against": _("against the change")}
        yield Heading(_("Force-field analysis"), 2)
        yield Table(
            (_("Force"), _("Direction"), _("Strength (1–5)")),
            tuple((f.text, directions[f.direction], str(f.strength)) for f in forces),
            (6, 3, 2),
        )
        yield Chart(_("Forces for and against the change"), partial(images.force_field, forces))
    if allies:
        form_labels = {
            "lobbying": _("lobbying"),
            "events": _("participation in events"),
            "management": _("participation in management"),
        }
        yield Heading(_("Strategic allies"), 2)
        yield Table(
            (_("Ally"), _("Forms of collaboration"), _("Notes")),
            tuple(
                (a.name, ", ".join(form_labels[f] for f in a.forms) or "–", a.notes or "–")
                for a in allies
            ),
            (4, 4, 5),
        )


def _logframe(document: doc.PlanDocument, names: _Names) -> Iterable[Block]:
    logframe = document.logframe
    if logframe.overall_objective:
        yield fact(_("Overall objective"), logframe.overall_objective)
    if logframe.specific_objectives:
        yield Heading(_("Specific objectives"), 2)
        yield Bullets(tuple(logframe.specific_objectives))
    indicator_rows = []
    for r, result in enumerate(logframe.results, 1):
        yield Heading(_("Result %(n)s: %(text)s") % {"n": r, "text": result.text}, 2)
        if result.activities:
            yield Table(
                (_("Activity"), _("Responsible partner"), _("When")),
                tuple(
                    (
                        f"{r}.{a} {activity.text}",
                        names.partner(activity.partner),
                        months(activity.start_month, activity.end_month),
                    )
                    for a, activity in enumerate(result.activities, 1)
                ),
                (6, 4, 3),
            )
        for a, activity in enumerate(result.activities, 1):
            for indicator in activity.indicators:
                quantitative = indicator.kind == "quantitative"
                indicator_rows.append(
                    (
                        f"{r}.{a}",
                        indicator.text,
                        (indicator.unit or "–") if quantitative else _("qualitative"),
                        number(indicator.baseline),
                        number(indicator.target),
                        indicator.source or "–",
                    )
                )
    if indicator_rows:
        yield Heading(_("Indicators"), 2)
        yield Table(
            (
                _("Activity"),
                _("Indicator"),
                _("Unit"),
                _("Baseline"),
                _("Target"),
                _("Source of verification"),
            ),
            tuple(indicator_rows),
            (1, 5, 2, 2, 2, 4),
        )
    if logframe.assumptions:
        yield Heading(_("Assumptions"), 2)
        yield Bullets(tuple(logframe.assumptions))
    planned = [
        (f"{r}.{a} {activity.text}", activity.start_month, activity.end_month)
        for r, result in enumerate(logframe.results, 1)
        for a, activity in enumerate(result.activities, 1)
        if activity.start_month is not None
    ]
    if planned:
        last = max(max(start, end or start) for _text, start, end in planned)
        yield Heading(_("Work plan"), 2)
        # A long work plan is cut into charts that each fit on a page.
        for first in range(0, len(planned), GANTT_ROWS):
            rows = planned[first : first + GANTT_ROWS]
            caption = _("Work plan by month (activities %(first)s to %(last)s of %(total)s)") % {
                "first": first + 1,
                "last": first + len(rows),
                "total": len(planned),
            }
            yield Chart(caption, partial(images.gantt, rows, last))


def _risks(document: doc.PlanDocument, names: _Names) -> Iterable[Block]:
    risks = document.risks.risks
    if not risks:
        return
    yield Table(
        (
            "#",
            _("Risk"),
            _("Type"),
            _("Likelihood"),
            _("Impact"),
            _("Owner"),
            _("Mitigation"),
        ),
        tuple(
            (
                str(n),
                risk.text,
                names.risk_types.get(risk.type, risk.type or "–"),
                level_label(risk.likelihood),
                level_label(risk.impact),
                names.partner(risk.owner),
                risk.mitigation or "–",
            )
            for n, risk in enumerate(risks, 1)
        ),
        (2, 9, 6, 5, 5, 6, 9),
    )
    yield Chart(
        _("Risks by likelihood and impact (numbers as in the table)"),
        partial(images.risk_heatmap, risks),
        width=0.75,
    )


def _monitoring(document: doc.PlanDocument, names: _Names) -> Iterable[Block]:
    monitoring = document.monitoring
    if not monitoring.periods:
        return
    yield Heading(_("Reporting periods"), 2)
    yield Table(
        (_("Period"), _("Start"), _("End")),
        tuple(
            (
                period.label,
                formats.date_format(period.start, "SHORT_DATE_FORMAT") if period.start else "–",
                formats.date_format(period.end, "SHORT_DATE_FORMAT") if period.end else "–",
            )
            for period in monitoring.periods
        ),
        (4, 3, 3),
    )
    # One row per indicator, its values period by period: a plan of 100 indicators and 12 periods
    # reads as 100 rows, not 1,200.
    labels = {p.id: p.label for p in monitoring.periods}
    order = {p.id: n for n, p in enumerate(monitoring.periods)}
    measured: dict[str, list[doc.Actual]] = {}
    for actual in monitoring.actuals:
        if actual.period in labels:
            measured.setdefault(actual.indicator, []).append(actual)
    rows = []
    for indicator in document.logframe.indicators():
        values = sorted(measured.get(indicator.id, []), key=lambda a: order[a.period])
        if not values:
            continue
        unit = f" {indicator.unit}" if indicator.unit else ""
        readings = []
        for actual in values:
            reading = f"{number(actual.value)}{unit}" if actual.value is not None else ""
            text = " – ".join(part for part in (reading, actual.text) if part)
            readings.append(f"{labels[actual.period]}: {text or '–'}")
        rows.append((indicator.text, number(indicator.target), "; ".join(readings)))
    if rows:
        yield Heading(_("Values measured"), 2)
        yield Table((_("Indicator"), _("Target"), _("Values by period")), tuple(rows), (5, 2, 9))
