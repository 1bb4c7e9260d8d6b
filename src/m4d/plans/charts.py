"""The step pages' charts, drawn as inline SVG, each with its text alternative (a table).

Marks carry numbers rather than names so that long names never overlap; the table beside each
chart lists what the numbers stand for. Colours come from classes of `plans/plans.css` (the CSP
forbids inline styles).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from m4d.plans import document as doc


def level_label(level: str | None) -> str:
    return {"low": _("low"), "medium": _("medium"), "high": _("high")}.get(level or "", "–")


@dataclass
class Chart:
    title: str
    svg: SafeString
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


def _svg(width: int, height: int, title: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}" class="plan-chart">{}</svg>',
        width,
        height,
        title,
        body,
    )


def _join(parts: list[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


# Where a level falls along an axis of the stakeholder matrix (as a share of its length).
_AXIS = {"low": 0.17, "medium": 0.5, "high": 0.83}


def stakeholder_matrix(stakeholders: list[doc.Stakeholder]) -> Chart:
    """Influence (up) against interest (right), the handbook's 2×2 grid of §7.1."""
    title = _("Stakeholders by influence and interest")
    size, margin = 360, 40
    inner = size - 2 * margin
    parts = [
        format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" class="frame"/>'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="divide"/>'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="divide"/>',
            margin,
            margin,
            inner,
            inner,
            margin + inner / 2,
            margin,
            margin + inner / 2,
            margin + inner,
            margin,
            margin + inner / 2,
            margin + inner,
            margin + inner / 2,
        )
    ]
    quadrants = [
        (0.25, 0.08, _("Keep satisfied")),
        (0.75, 0.08, _("Manage closely")),
        (0.25, 0.96, _("Monitor")),
        (0.75, 0.96, _("Keep informed")),
    ]
    for x, y, label in quadrants:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="quadrant">{}</text>',
                margin + x * inner,
                margin + y * inner,
                label,
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" class="axis">{}</text>'
            '<text x="{}" y="{}" text-anchor="middle" class="axis" '
            'transform="rotate(-90 {} {})">{}</text>',
            size / 2,
            size - 10,
            _("Interest →"),
            16,
            size / 2,
            16,
            size / 2,
            _("Influence →"),
        )
    )
    # Stakeholders at the same levels are set side by side around their point.
    placed: dict[tuple[str, str], int] = defaultdict(int)
    rows = []
    for number, stakeholder in enumerate(stakeholders, start=1):
        spot = (stakeholder.influence, stakeholder.interest)
        offset = placed[spot]
        placed[spot] += 1
        cx = margin + _AXIS[stakeholder.interest] * inner + (offset % 4 - 1.5) * 22
        cy = margin + (1 - _AXIS[stakeholder.influence]) * inner + (offset // 4) * 22
        parts.append(
            format_html(
                '<g class="mark"><circle cx="{}" cy="{}" r="10"/>'
                '<text x="{}" y="{}" text-anchor="middle">{}</text></g>',
                cx,
                cy,
                cx,
                cy + 4,
                number,
            )
        )
        rows.append(
            [
                str(number),
                stakeholder.name,
                level_label(stakeholder.influence),
                level_label(stakeholder.interest),
            ]
        )
    return Chart(
        title,
        _svg(size, size, title, _join(parts)),
        ["#", _("Stakeholder"), _("Influence"), _("Interest")],
        rows,
    )


def force_field(forces: list[doc.Force]) -> Chart:
    """Forces for the change push from the left, forces against it from the right; a bar's
    length is the force's strength (1–5)."""
    title = _("Force-field analysis")
    pushing = [f for f in forces if f.direction == "for"]
    resisting = [f for f in forces if f.direction == "against"]
    width, centre, unit, row, top = 400, 200, 34, 26, 36
    height = top + max(len(pushing), len(resisting), 1) * row + 30
    parts = [
        format_html(
            '<line x1="{}" y1="20" x2="{}" y2="{}" class="divide"/>'
            '<text x="{}" y="16" text-anchor="middle" class="axis">{}</text>'
            '<text x="{}" y="16" text-anchor="middle" class="axis">{}</text>',
            centre,
            centre,
            height - 10,
            centre / 2,
            _("For the change (%(total)s)") % {"total": sum(f.strength for f in pushing)},
            centre * 1.5,
            _("Against it (%(total)s)") % {"total": sum(f.strength for f in resisting)},
        )
    ]
    rows = []
    number = 0
    for side, items in (("for", pushing), ("against", resisting)):
        for index, force in enumerate(items):
            number += 1
            length = force.strength * unit
            x = centre - length if side == "for" else centre
            y = top + index * row
            parts.append(
                format_html(
                    '<g class="mark {}"><rect x="{}" y="{}" width="{}" height="18"/>'
                    '<text x="{}" y="{}" text-anchor="middle">{}</text></g>',
                    side,
                    x,
                    y,
                    length,
                    x + length / 2,
                    y + 13,
                    number,
                )
            )
            rows.append(
                [
                    str(number),
                    force.text,
                    _("for") if side == "for" else _("against"),
                    str(force.strength),
                ]
            )
    return Chart(
        title,
        _svg(width, height, title, _join(parts)),
        ["#", _("Force"), _("Direction"), _("Strength")],
        rows,
    )


def gantt(document: doc.PlanDocument) -> Chart:
    """The work plan: one bar per activity from its start month to its end month."""
    title = _("Work plan by month")
    logframe = document.logframe
    numbered = [
        (f"{r}.{a}", activity)
        for r, result in enumerate(logframe.results, start=1)
        for a, activity in enumerate(result.activities, start=1)
    ]
    months = max(
        [document.context.duration_months or 0]
        + [activity.end_month or activity.start_month or 0 for _n, activity in numbered]
        + [12]
    )
    label, row, top = 44, 22, 28
    unit = max(4.0, 560 / months)
    width = int(label + months * unit + 8)
    height = top + max(len(numbered), 1) * row + 8
    parts = []
    step = 1 if months <= 24 else 3 if months <= 72 else 12
    for month in range(1, months + 1, step):
        x = label + (month - 1) * unit
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" class="grid"/>'
                '<text x="{}" y="18" class="axis">{}</text>',
                x,
                top - 4,
                x,
                height,
                x + 2,
                month,
            )
        )
    rows = []
    for index, (number, activity) in enumerate(numbered):
        y = top + index * row
        parts.append(format_html('<text x="2" y="{}" class="axis">{}</text>', y + 14, number))
        start, end = activity.start_month, activity.end_month or activity.start_month
        if start is not None and end is not None:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="16" class="mark bar"/>',
                    label + (start - 1) * unit,
                    y + 2,
                    (end - start + 1) * unit,
                )
            )
        partner = document.partner(activity.partner) if activity.partner else None
        rows.append(
            [
                number,
                activity.text,
                partner.name if partner else "–",
                str(start) if start is not None else "–",
                str(end) if end is not None else "–",
            ]
        )
    return Chart(
        title,
        _svg(width, height, title, _join(parts)),
        ["#", _("Activity"), _("Responsible partner"), _("Start month"), _("End month")],
        rows,
    )


def risk_heatmap(document: doc.PlanDocument) -> Chart:
    """Risks counted by likelihood (up) and impact (right); the darker, the graver."""
    title = _("Risks by likelihood and impact")
    risks = document.risks.risks
    cell, margin = 90, 50
    size = margin + 3 * cell + 10
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for risk in risks:
        counts[(risk.likelihood, risk.impact)] += 1
    parts = []
    for row, likelihood in enumerate(reversed(doc.LEVELS)):
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="axis">{}</text>',
                margin - 6,
                10 + row * cell + cell / 2,
                level_label(likelihood),
            )
        )
        for column, impact in enumerate(doc.LEVELS):
            grade = doc.LEVEL_VALUE[likelihood] * doc.LEVEL_VALUE[impact]
            heat = "heat-high" if grade >= 6 else "heat-medium" if grade >= 3 else "heat-low"
            x, y = margin + column * cell, 10 + row * cell
            count = counts[(likelihood, impact)]
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="{}"/>'
                    '<text x="{}" y="{}" text-anchor="middle" class="count">{}</text>',
                    x,
                    y,
                    cell - 2,
                    cell - 2,
                    heat,
                    x + cell / 2,
                    y + cell / 2 + 6,
                    count or "",
                )
            )
    for column, impact in enumerate(doc.LEVELS):
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="axis">{}</text>',
                margin + column * cell + cell / 2,
                size + 6,
                level_label(impact),
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" class="axis">{}</text>'
            '<text x="12" y="{}" text-anchor="middle" class="axis" '
            'transform="rotate(-90 12 {})">{}</text>',
            margin + 1.5 * cell,
            size + 26,
            _("Impact →"),
            10 + 1.5 * cell,
            10 + 1.5 * cell,
            _("Likelihood →"),
        )
    )
    rows = []
    for risk in risks:
        owner = document.partner(risk.owner) if risk.owner else None
        rows.append(
            [
                risk.text,
                level_label(risk.likelihood),
                level_label(risk.impact),
                owner.name if owner else "–",
            ]
        )
    return Chart(
        title,
        _svg(size, size + 32, title, _join(parts)),
        [_("Risk"), _("Likelihood"), _("Impact"), _("Owner")],
        rows,
    )
