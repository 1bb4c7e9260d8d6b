"""Monitoring a funded plan (step 9): marking it funded, its reporting periods (monthly, quarterly
or custom: generated from a start date and a number of months, or entered), the actual value of
each indicator per period (a number for a quantitative indicator, text for a qualitative one),
and each indicator's progress against its target as a chart. Saved through
`services.save_step(plan, "monitoring", …)`, so versions and conflicts work as for every step."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from m4d.core import records
from m4d.plans import document as doc
from m4d.plans import registry, selectors, services
from m4d.plans.models import Plan, PlanStep

MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3}


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def generate_periods(
    *, frequency: str, start: date, months: int, keep: Sequence[doc.Period] = ()
) -> list[doc.Period]:
    """Reporting periods covering `months` months from `start`, one per month or per quarter
    (the last one shorter when the duration is not a whole number of them). A period of `keep`
    with the same dates keeps its id, so the values recorded for it stay attached."""
    step = MONTHS_PER_PERIOD[frequency]
    kept = {(period.start, period.end): period.id for period in keep}
    periods = []
    for offset in range(0, months, step):
        first = _add_months(start, offset)
        last = date.fromordinal(_add_months(start, min(offset + step, months)).toordinal() - 1)
        label = f"{first:%Y-%m}" if step == 1 else f"{first:%Y-%m} – {last:%Y-%m}"
        period = doc.Period(label=label, start=first, end=last)
        period.id = kept.get((first, last), period.id)
        periods.append(period)
    return periods


def actual_errors(document: doc.PlanDocument) -> list[tuple[str, str]]:
    """(path, message) for actual values that do not fit their indicator: a number for a
    quantitative indicator, text for a qualitative one, each for a known indicator and period."""
    indicators = {i.id: i for i in document.logframe.indicators()}
    periods = {p.id for p in document.monitoring.periods}
    errors = []
    for n, actual in enumerate(document.monitoring.actuals):
        where = f"actuals.{n}"
        indicator = indicators.get(actual.indicator)
        if indicator is None:
            errors.append((f"{where}.indicator", _("No indicator of the logframe has this id.")))
        elif indicator.kind == "qualitative" and actual.value is not None:
            errors.append(
                (
                    f"{where}.value",
                    _("%(indicator)s is qualitative: describe it in words, not with a number.")
                    % {"indicator": indicator.text},
                )
            )
        if actual.period not in periods:
            errors.append((f"{where}.period", _("No reporting period has this id.")))
    return errors


def is_monitored(plan: Plan) -> bool:
    return plan.status == Plan.Status.FUNDED


def submitted_monitoring_errors(plan: Plan, steps: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with monitoring content submitted with other steps (the API's PATCH):
    the plan must be funded, and its actual values fit the indicators (paths from the step)."""
    if not is_monitored(plan):
        return [("monitoring", _("Monitoring starts once the plan is marked funded."))]
    current = selectors.document_of(plan).model_dump()
    document = doc.PlanDocument.model_validate({**current, **steps})
    return [(f"monitoring.{path}", message) for path, message in actual_errors(document)]


def _save(
    plan: Plan, monitoring: doc.Monitoring, *, by: Any, base_revision: int | None, note: str
) -> PlanStep:
    if not is_monitored(plan):
        raise services.PlanError(_("Monitoring starts once the plan is marked funded."))
    document = selectors.document_of(plan)
    document.monitoring = monitoring
    errors = actual_errors(document)
    if errors:
        raise services.InvalidStep(errors)
    return services.save_step(
        plan,
        "monitoring",
        monitoring.model_dump(mode="json"),
        by=by,
        base_revision=base_revision,
        note=note,
    )


def set_periods(
    plan: Plan,
    periods: list[doc.Period],
    *,
    frequency: str,
    start: date | None,
    by: Any,
    base_revision: int | None,
) -> PlanStep:
    """Replace the reporting periods. Refused while a period left out still has values (they
    would be lost): the message names those periods."""
    current = selectors.document_of(plan).monitoring
    ids = {period.id for period in periods}
    dropped = [
        period.label
        for period in current.periods
        if period.id not in ids and any(a.period == period.id for a in current.actuals)
    ]
    if dropped:
        raise services.InvalidStep(
            [
                (
                    "periods",
                    _("Values are recorded for %(periods)s: clear them before removing the period.")
                    % {"periods": ", ".join(dropped)},
                )
            ]
        )
    monitoring = current.model_copy(
        update={"frequency": frequency, "start": start, "periods": periods}
    )
    return _save(plan, monitoring, by=by, base_revision=base_revision, note=_("Reporting periods"))


def record_actuals(
    plan: Plan,
    period_id: str,
    values: dict[str, doc.Actual],
    *,
    by: Any,
    base_revision: int | None,
) -> PlanStep:
    """Set the actual values of one period (by indicator id; an indicator left out or empty has
    none for that period), checked against each indicator's type."""
    current = selectors.document_of(plan).monitoring
    kept = [actual for actual in current.actuals if actual.period != period_id]
    entered = [
        actual for actual in values.values() if actual.value is not None or actual.text.strip()
    ]
    monitoring = current.model_copy(update={"actuals": kept + entered})
    return _save(plan, monitoring, by=by, base_revision=base_revision, note=_("Actual values"))


@transaction.atomic
def mark_funded(plan: Plan, *, by: Any) -> Plan:
    """The plan is funded: monitoring opens, and it enters the registry as a project (source
    "plan") with its partners, countries and capitals."""
    if is_monitored(plan):
        raise services.PlanError(_("This plan is already marked funded."))
    records.save_record(
        plan,
        {"status": Plan.Status.FUNDED, "funded_at": timezone.now()},
        by=by,
        kind=None,
        error=services.PlanError,
    )
    registry.sync_registry(plan, by=by)
    return plan


# Progress charts: one per indicator, its values per period as bars against its target.


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    label: str
    value: Decimal


@dataclass
class ProgressChart:
    indicator: doc.Indicator
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    bar_width: int = 0
    target_y: int | None = None
    baseline_y: int | None = None
    summary: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)  # qualitative: (period, text)

    def svg(self) -> SafeString:
        """The chart as inline SVG (presentation attributes only: the CSP allows no inline
        style), labelled by its summary. Built here rather than in a template loop: a plan's
        hundred charts of a dozen bars each would cost the page a template node per bar."""
        baseline = (
            format_html(
                '<line x1="0" x2="{w}" y1="{y}" y2="{y}" stroke="currentColor" '
                'stroke-dasharray="2 3"/>',
                w=self.width,
                y=self.baseline_y,
            )
            if self.baseline_y is not None
            else ""
        )
        target = (
            format_html(
                '<line x1="0" x2="{w}" y1="{y}" y2="{y}" stroke="currentColor" stroke-width="2"/>'
                '<text class="value" x="2" y="{above}">{label}</text>',
                w=self.width,
                y=self.target_y,
                above=self.target_y - 3,
                label=_("target"),
            )
            if self.target_y is not None
            else ""
        )
        # Numbers need no escaping: only each bar's title is escaped.
        bars = mark_safe(
            "".join(
                f'<rect class="bar" x="{bar.x}" y="{bar.y}" width="{self.bar_width}" '
                f'height="{bar.height}"><title>{escape(bar.label)}: {_number(bar.value)}</title>'
                "</rect>"
                for bar in self.bars
            )
        )
        return format_html(
            '<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
            'aria-labelledby="summary-{id}">{baseline}{bars}{target}</svg>',
            w=self.width,
            h=self.height,
            id=self.indicator.id,
            baseline=baseline,
            bars=bars,
            target=target,
        )


# The top margin leaves room for the target's label above its line.
CHART_HEIGHT, CHART_TOP, CHART_BOTTOM, BAR_SLOT = 120, 18, 100, 28


def progress_charts(document: doc.PlanDocument) -> list[ProgressChart]:
    """Every indicator's chart, in logframe order."""
    by_indicator: dict[str, dict[str, doc.Actual]] = {}
    for actual in document.monitoring.actuals:
        by_indicator.setdefault(actual.indicator, {})[actual.period] = actual
    periods = document.monitoring.periods
    return [
        progress_chart(indicator, periods, by_indicator.get(indicator.id, {}))
        for indicator in document.logframe.indicators()
    ]


def progress_chart(
    indicator: doc.Indicator, periods: list[doc.Period], found: dict[str, doc.Actual]
) -> ProgressChart:
    """The chart of one indicator (inline SVG in `monitoring_chart.html`) from its actual values
    by period id, with its summary in words, the text alternative. A qualitative indicator has
    no bars: its texts by period."""
    width = max(len(periods), 1) * BAR_SLOT + 20
    chart = ProgressChart(indicator, width, CHART_HEIGHT, bar_width=BAR_SLOT - 8)
    if indicator.kind == "qualitative":
        chart.texts = [(p.label, found[p.id].text) for p in periods if p.id in found]
        return chart
    measured = [(p, found[p.id].value) for p in periods if p.id in found]
    values = [v for _p, v in measured if v is not None]
    references = [v for v in (indicator.target, indicator.baseline) if v is not None]
    top = max([*values, *references, Decimal(1)])
    bottom = min([*values, *references, Decimal(0)])
    scale = (top - bottom) or Decimal(1)

    def y_of(value: Decimal) -> int:
        span = CHART_BOTTOM - CHART_TOP
        return CHART_BOTTOM - int((value - bottom) / scale * span)

    zero = y_of(max(bottom, Decimal(0)))
    for n, period in enumerate(periods):
        actual = found.get(period.id)
        if actual is None or actual.value is None:
            continue
        y = y_of(actual.value)
        chart.bars.append(
            Bar(
                x=10 + n * BAR_SLOT + 4,
                y=min(y, zero),
                height=max(abs(zero - y), 1),
                label=period.label,
                value=actual.value,
            )
        )
    if indicator.target is not None:
        chart.target_y = y_of(indicator.target)
    if indicator.baseline is not None:
        chart.baseline_y = y_of(indicator.baseline)
    chart.summary = _summary(indicator, measured)
    return chart


def _summary(indicator: doc.Indicator, measured: list[tuple[doc.Period, Decimal | None]]) -> str:
    latest = next(((p, v) for p, v in reversed(measured) if v is not None), None)
    if latest is None:
        return _("No value recorded yet.")
    period, value = latest
    unit = f" {indicator.unit}" if indicator.unit else ""
    if indicator.target is None:
        return _("Latest value (%(period)s): %(value)s%(unit)s; no target set.") % {
            "period": period.label,
            "value": _number(value),
            "unit": unit,
        }
    start = indicator.baseline or Decimal(0)
    distance = indicator.target - start
    share = round((value - start) / distance * 100) if distance else 100
    return _(
        "Latest value (%(period)s): %(value)s%(unit)s, target %(target)s%(unit)s: "
        "%(share)s%% of the way from the baseline."
    ) % {
        "period": period.label,
        "value": _number(value),
        "unit": unit,
        "target": _number(indicator.target),
        "share": share,
    }


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"
