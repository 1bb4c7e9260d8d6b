"""Small inline-SVG charts, drawn in Python: no JavaScript, no inline styles (CSP), labels escaped.

Colours and fonts come from classes styled in core/m4d.css (`.chart .bar`, `.chart .value`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

CHAR_WIDTH = 6.4  # average width of an 11-unit system-ui character; labels are measured with it


class Bar(Protocol):
    """What a bar needs; `projects.stats.Row` has it."""

    @property
    def label(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def url(self) -> str: ...


def _num(value: float) -> str:
    """Coordinates written the same whatever the active locale (never "12,5")."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _shorten(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: max(1, chars - 1)].rstrip() + "…"


def bar_chart(
    rows: Iterable[Bar],
    *,
    labelledby: str = "",
    label: str = "",
    width: int = 640,
    bar_height: int = 18,
    gap: int = 6,
    max_label_width: int = 240,
) -> SafeString:
    """A horizontal bar chart as an `<svg role="group">` element, one bar per row, longest first as
    given. Name it with `labelledby` (the id of a visible heading) or `label` (its own <title>).
    Bars link to `row.url` when it is set. The links stay real links for assistive technology (an
    image role would hide links it may not contain) but leave the Tab order: put the same links in
    a table next to the chart for the keyboard."""
    rows = list(rows)
    longest = max((len(row.label) for row in rows), default=0)
    label_width = min(max_label_width, round(longest * CHAR_WIDTH) + 10)
    chars = int((label_width - 10) / CHAR_WIDTH)
    value_width = len(str(max((row.count for row in rows), default=0))) * CHAR_WIDTH + 8
    scale_width = width - label_width - value_width
    highest = max((row.count for row in rows), default=0) or 1
    step = bar_height + gap
    height = max(step * len(rows) - gap, bar_height)

    parts = []
    for index, row in enumerate(rows):
        y = index * step
        text_y = _num(y + bar_height * 0.7)
        length = scale_width * row.count / highest
        bar = format_html(
            '<title>{}: {}</title><text x="{}" y="{}" text-anchor="end">{}</text>'
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}"/>'
            '<text class="value" x="{}" y="{}">{}</text>',
            row.label,
            row.count,
            label_width - 6,
            text_y,
            _shorten(row.label, chars),
            label_width,
            y,
            _num(length),
            bar_height,
            _num(label_width + length + 4),
            text_y,
            row.count,
        )
        if row.url:
            bar = format_html('<a href="{}" tabindex="-1">{}</a>', row.url, bar)
        else:
            bar = format_html("<g>{}</g>", bar)
        parts.append(bar)

    naming = format_html(' aria-labelledby="{}"', labelledby) if labelledby else ""
    title = format_html("<title>{}</title>", label) if label else ""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 {} {}" role="group"{}>{}{}</svg>',
        width,
        height,
        naming,
        title,
        mark_safe("".join(parts)),  # each part was built by format_html, so already escaped
    )
