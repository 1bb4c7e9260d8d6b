"""Small inline-SVG charts, drawn in Python: no JavaScript, no inline styles (CSP), labels escaped.

Colours and fonts come from classes styled in core/m4d.css (`.chart .bar`, `.chart .value`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Labels are drawn at 13 units (`.chart text` in m4d.css) in a viewBox about as wide as a phone's
# screen, so they stay at 12 px or more there; wider screens cap the chart's width (`.chart svg`).
FONT_SIZE = 13
CHAR_WIDTH = 7.4  # average width of a 13-unit system-ui character; labels are measured with it
LINE_HEIGHT = 16
LABEL_LINES = 2


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


def wrap_label(label: str, chars: int, lines: int = LABEL_LINES) -> list[str]:
    """`label` cut at spaces into at most `lines` lines of `chars` characters; what does not fit
    ends in "…" (the full label stays in the bar's <title> and in the table beside the chart)."""
    wrapped: list[str] = []
    current = ""
    for word in label.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= chars or not current:
            current = candidate
            continue
        wrapped.append(current)
        current = word
    wrapped.append(current)
    if len(wrapped) > lines:
        last = " ".join(wrapped[lines - 1 :])
        wrapped = wrapped[: lines - 1] + [last]
    return [
        line if len(line) <= chars else line[: max(1, chars - 1)].rstrip() + "…"
        for line in wrapped[:lines]
    ]


def bar_chart(
    rows: Iterable[Bar],
    *,
    labelledby: str = "",
    label: str = "",
    width: int = 340,
    bar_height: int = 12,
    gap: int = 10,
) -> SafeString:
    """A horizontal bar chart as an `<svg role="group">` element, one bar per row, longest first as
    given, each bar under its label (wrapped on two lines), so that labels keep their size on a
    phone. Name it with `labelledby` (the id of a visible heading) or `label` (its own <title>).
    Bars link to `row.url` when it is set. The links stay real links for assistive technology (an
    image role would hide links it may not contain) but leave the Tab order: put the same links in
    a table next to the chart for the keyboard."""
    rows = list(rows)
    chars = int(width / CHAR_WIDTH)
    value_width = len(str(max((row.count for row in rows), default=0))) * CHAR_WIDTH + 8
    scale_width = width - value_width
    highest = max((row.count for row in rows), default=0) or 1

    parts = []
    y = 0.0
    for row in rows:
        lines = wrap_label(row.label, chars)
        label_text = format_html_join(
            "",
            '<tspan x="0" dy="{}">{}</tspan>',
            ((LINE_HEIGHT if index else 0, line) for index, line in enumerate(lines)),
        )
        bar_y = y + LINE_HEIGHT * len(lines) + 2
        length = scale_width * row.count / highest
        bar = format_html(
            '<title>{}: {}</title><text x="0" y="{}">{}</text>'
            '<rect class="bar" x="0" y="{}" width="{}" height="{}"/>'
            '<text class="value" x="{}" y="{}">{}</text>',
            row.label,
            row.count,
            _num(y + FONT_SIZE),
            label_text,
            _num(bar_y),
            _num(length),
            bar_height,
            _num(length + 4),
            _num(bar_y + bar_height - 1),
            row.count,
        )
        if row.url:
            bar = format_html('<a href="{}" tabindex="-1">{}</a>', row.url, bar)
        else:
            bar = format_html("<g>{}</g>", bar)
        parts.append(bar)
        y = bar_y + bar_height + gap
    height = max(y - gap, bar_height)

    naming = format_html(' aria-labelledby="{}"', labelledby) if labelledby else ""
    title = format_html("<title>{}</title>", label) if label else ""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 {} {}" role="group"{}>{}{}</svg>',
        width,
        _num(height),
        naming,
        title,
        mark_safe("".join(parts)),  # each part was built by format_html, so already escaped
    )
