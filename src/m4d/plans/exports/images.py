"""The plan's charts as PNG images (Pillow), for the DOCX and the PDF: the stakeholders' 2×2
influence/interest matrix, the force field, the work plan's Gantt chart and the risks' heat map.

The pages draw the same charts as SVG (`plans/charts.py`); these are drawn at twice the printed
size so they stay sharp. Labels are in the active language.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from m4d.plans import document as doc
from m4d.plans.exports.fonts import BOLD, REGULAR, font_path
from m4d.plans.exports.labels import level_label

WIDTH = 1600
INK, GRID, PAPER = (33, 37, 41), (206, 212, 218), (255, 255, 255)
ACCENT, FOR, AGAINST = (13, 110, 253), (25, 135, 84), (220, 53, 69)
# Heat map cells by likelihood × impact score (1–9): green, amber, red.
HEAT = {1: (209, 231, 221), 2: (209, 231, 221), 3: (255, 236, 181), 4: (255, 236, 181)}
HOT = (248, 215, 218)
# Where low, medium and high sit along an axis of the 2×2 matrix (fractions of its length).
POSITION = {"low": 1 / 6, "medium": 1 / 2, "high": 5 / 6}


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(BOLD if bold else REGULAR)), size)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)  # fast: the writers compress again
    return out.getvalue()


def _fit(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` pixels."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _canvas(height: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, height), PAPER)
    return image, ImageDraw.Draw(image)


def stakeholder_matrix(stakeholders: Sequence[doc.Stakeholder]) -> bytes:
    """Interest along, influence up; each stakeholder is its number in the table."""
    size, margin = 1100, 110
    image, draw = _canvas(size + 2 * margin)
    left, top = (WIDTH - size) // 2, margin
    right, bottom = left + size, top + size
    half_x, half_y = left + size // 2, top + size // 2
    label, small = _font(34), _font(28)
    # Names in the outer corners: the medium levels sit on the middle lines.
    quadrants = (
        (left, top, left + 14, top + 10, "la", _("Keep satisfied")),
        (half_x, top, right - 14, top + 10, "ra", _("Manage closely")),
        (left, half_y, left + 14, bottom - 10, "ld", _("Monitor")),
        (half_x, half_y, right - 14, bottom - 10, "rd", _("Keep informed")),
    )
    for x, y, text_x, text_y, anchor, name in quadrants:
        draw.rectangle((x, y, x + size // 2, y + size // 2), outline=GRID, width=3)
        draw.text((text_x, text_y), name, font=label, fill=(108, 117, 125), anchor=anchor)
    draw.text((half_x, bottom + 20), _("Interest") + " →", font=label, fill=INK, anchor="mt")
    draw.text((left - 20, half_y), _("Influence") + " ↑", font=label, fill=INK, anchor="rm")
    for level in ("low", "high"):
        draw.text(
            (left + POSITION[level] * size, bottom + 64),
            level_label(level),
            font=small,
            fill=INK,
            anchor="mt",
        )
    spots: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, stakeholder in enumerate(stakeholders, 1):
        spots[(stakeholder.interest, stakeholder.influence)].append(n)
    radius = 30
    for (interest, influence), numbers in spots.items():
        cx = left + POSITION[interest] * size
        cy = bottom - POSITION[influence] * size
        ring = 0 if len(numbers) == 1 else min(size // 7, 28 + 9 * len(numbers))
        for i, n in enumerate(numbers):
            angle = 2 * math.pi * i / len(numbers)
            dot_x, dot_y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
            box = (dot_x - radius, dot_y - radius, dot_x + radius, dot_y + radius)
            draw.ellipse(box, fill=ACCENT)
            draw.text((dot_x, dot_y), str(n), font=_font(26, bold=True), fill=PAPER, anchor="mm")
    return _png(image)


def force_field(forces: Sequence[doc.Force]) -> bytes:
    """Forces for the change push from the left, forces against it from the right; an arrow's
    length is the force's strength."""
    pushing = [f for f in forces if f.direction == "for"]
    resisting = [f for f in forces if f.direction == "against"]
    row, top = 76, 110
    rows = max(len(pushing), len(resisting), 1)
    image, draw = _canvas(top + rows * row + 40)
    middle, unit = WIDTH // 2, 70
    font, title = _font(28), _font(34, bold=True)
    draw.text((middle - 30, 30), _("For the change"), font=title, fill=FOR, anchor="ra")
    draw.text((middle + 30, 30), _("Against the change"), font=title, fill=AGAINST, anchor="la")
    draw.line((middle, top - 20, middle, top + rows * row), fill=INK, width=6)
    for side, items, colour in ((-1, pushing, FOR), (1, resisting, AGAINST)):
        for i, force in enumerate(items):
            y = top + i * row + row // 2
            tip = middle + side * 10
            tail = tip + side * unit * force.strength
            draw.line((tail, y, tip - side * 24, y), fill=colour, width=18)
            draw.polygon(
                [(tip, y), (tip - side * 34, y - 22), (tip - side * 34, y + 22)], fill=colour
            )
            room = middle - unit * 5 - 60
            text = _fit(f"{force.text} ({force.strength})", font, room)
            anchor = "rm" if side < 0 else "lm"
            draw.text((tail + side * 16, y), text, font=font, fill=INK, anchor=anchor)
    return _png(image)


def gantt(activities: Sequence[tuple[str, int, int | None]], last: int) -> bytes:
    """One bar per activity (text, first month, last month) across months 1 to `last`."""
    label_width, row, top = 560, 40, 70
    image, draw = _canvas(top + row * len(activities) + 20)
    span = (WIDTH - label_width - 30) / last
    font, small = _font(24), _font(20)
    step = max(1, math.ceil(last / 24))  # month numbers stay legible on long plans
    for month in range(1, last + 1):
        x = label_width + (month - 1) * span
        draw.line((x, top - 8, x, top + row * len(activities)), fill=GRID, width=1)
        if (month - 1) % step == 0:
            draw.text((x + span / 2, top - 14), str(month), font=small, fill=INK, anchor="mb")
    draw.text((10, top - 14), _("Month"), font=small, fill=INK, anchor="lb")
    for i, (text, start, end) in enumerate(activities):
        y = top + i * row
        draw.text(
            (10, y + row / 2), _fit(text, font, label_width - 24), font=font, fill=INK, anchor="lm"
        )
        x0 = label_width + (start - 1) * span
        x1 = label_width + (end or start) * span
        draw.rectangle((x0 + 2, y + 7, x1 - 2, y + row - 7), fill=ACCENT)
    return _png(image)


def risk_heatmap(risks: Sequence[doc.Risk]) -> bytes:
    """Likelihood along, impact up; each cell lists the numbers of its risks."""
    cell, left, top = 340, 330, 40
    image, draw = _canvas(top + 3 * cell + 130)
    label, font = _font(32), _font(30, bold=True)
    cells: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, risk in enumerate(risks, 1):
        cells[(risk.likelihood, risk.impact)].append(n)
    for i, likelihood in enumerate(doc.LEVELS):
        for j, impact in enumerate(doc.LEVELS):
            x, y = left + i * cell, top + (2 - j) * cell
            score = doc.LEVEL_VALUE[likelihood] * doc.LEVEL_VALUE[impact]
            draw.rectangle(
                (x, y, x + cell, y + cell), fill=HEAT.get(score, HOT), outline=PAPER, width=4
            )
            numbers = cells.get((likelihood, impact), [])
            lines = [
                ", ".join(str(n) for n in numbers[k : k + 6]) for k in range(0, len(numbers), 6)
            ]
            if len(lines) > 6:
                lines = [*lines[:5], "…"]
            for k, line in enumerate(lines):
                draw.text((x + cell / 2, y + 40 + k * 44), line, font=font, fill=INK, anchor="mt")
        draw.text(
            (left + i * cell + cell / 2, top + 3 * cell + 16),
            level_label(likelihood),
            font=label,
            fill=INK,
            anchor="mt",
        )
        draw.text(
            (left - 16, top + (2 - i) * cell + cell / 2),
            level_label(doc.LEVELS[i]),
            font=label,
            fill=INK,
            anchor="rm",
        )
    draw.text(
        (left + 1.5 * cell, top + 3 * cell + 70),
        _("Likelihood") + " →",
        font=label,
        fill=INK,
        anchor="mt",
    )
    draw.text((20, top + 20), _("Impact") + " ↑", font=label, fill=INK, anchor="la")
    return _png(image)
