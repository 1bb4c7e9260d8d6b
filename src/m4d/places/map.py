"""The world map shaded by number of projects, drawn server-side as inline SVG.

The outlines are pre-projected and simplified once by `scripts/build_world_map.py` into
`data/world.json` (Natural Earth, public domain), keyed by ISO numeric code. Only that geometry is
kept in process memory; counts are read from the database on every request, from the figures other
apps register for countries (`project_count`, contributed by the projects app: `core.figures`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from m4d.core.collation import sort_key
from m4d.places.models import Country
from m4d.places.selectors import countries_with_counts

WORLD_FILE = Path(__file__).resolve().parent / "data" / "world.json"
SHADES = 5


@cache
def geometry() -> dict:
    """The shipped outlines: {"viewBox", "countries": {numeric: {"d", "dot"?}}, "other": [d]}."""
    return json.loads(WORLD_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Shape:
    """One country on the map; `url` is empty for a country without projects (not a link)."""

    d: str
    shade: int
    title: str
    url: str = ""


@dataclass(frozen=True)
class Marker:
    """A dot over a country too small to see at world scale (Cabo Verde, Maldives...)."""

    x: float
    y: float
    shade: int
    title: str
    url: str


@dataclass(frozen=True)
class LegendItem:
    shade: int
    label: str


@dataclass(frozen=True)
class WorldMap:
    """Everything `places/map.html` draws; `rows` (the table) are the countries with projects, most
    projects first, annotated with `project_count` and `organisation_count`."""

    view_box: str
    shapes: list[Shape]
    markers: list[Marker]
    other: list[str]
    legend: list[LegendItem]
    rows: list[Country]

    @property
    def country_count(self) -> int:
        return len(self.rows)


def class_bounds(highest: int) -> list[int]:
    """Upper bounds of up to five classes on a logarithmic scale: 11 gives [1, 2, 3, 6, 11]."""
    bounds: list[int] = []
    for k in range(SHADES):
        bound = round(highest ** (k / (SHADES - 1))) if highest > 0 else 0
        if bound > 0 and (not bounds or bound > bounds[-1]):
            bounds.append(bound)
    return bounds


def shade_of(count: int, bounds: list[int]) -> int:
    """0 for no projects; otherwise 1..5, the highest class always the darkest shade."""
    if count <= 0:
        return 0
    index = next((i for i, bound in enumerate(bounds) if count <= bound), len(bounds) - 1)
    return index + 1 + SHADES - len(bounds)


def legend(bounds: list[int]) -> list[LegendItem]:
    items = [LegendItem(0, _("No projects"))]
    lower = 1
    for bound in bounds:
        label = str(bound) if bound == lower else f"{lower}–{bound}"
        items.append(LegendItem(shade_of(bound, bounds), label))
        lower = bound + 1
    return items


def title(country: Country, count: int) -> str:
    return ngettext("%(name)s: %(count)s project", "%(name)s: %(count)s projects", count) % {
        "name": country.name,
        "count": count,
    }


def world_map() -> WorldMap:
    """The map and its table, in the active language."""
    world = geometry()
    countries = countries_with_counts(include_empty=True)
    bounds = class_bounds(max((c.project_count for c in countries), default=0))
    shapes: list[Shape] = []
    markers: list[Marker] = []
    drawn = set()
    for country in countries:
        outline = world["countries"].get(country.numeric.zfill(3)) if country.numeric else None
        if outline is None:
            continue
        drawn.add(country.numeric.zfill(3))
        count = country.project_count
        shade = shade_of(count, bounds)
        url = country.get_absolute_url() if count else ""
        shapes.append(Shape(outline["d"], shade, title(country, count), url))
        if count and "dot" in outline:
            x, y = outline["dot"]
            markers.append(Marker(x, y, shade, title(country, count), url))
    # Countries with projects last, so their outlines are not covered by grey neighbours.
    shapes.sort(key=lambda shape: shape.shade > 0)
    other = world["other"] + [o["d"] for key, o in world["countries"].items() if key not in drawn]
    rows = sorted(
        (c for c in countries if c.project_count),
        key=lambda c: (-c.project_count, sort_key(c.name)),
    )
    return WorldMap(world["viewBox"], shapes, markers, other, legend(bounds), rows)
