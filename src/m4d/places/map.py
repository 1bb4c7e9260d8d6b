"""The world map shaded by number of projects, drawn server-side as SVG.

The outlines are pre-projected and simplified once by `scripts/build_world_map.py` into
`data/world.json` (Natural Earth, public domain), keyed by ISO numeric code. Only that geometry is
kept in process memory; counts are read from the database on every request, from the figures other
apps register for countries (`project_count`, contributed by the projects app: `core.figures`).

Every outline, in grey, is one image that does not change with the data (`outlines_svg`, served at
an address naming the geometry's version, so browsers keep it): the page draws over it, inline,
only the countries with projects, as links. That keeps most of the geometry out of every page.
"""

from __future__ import annotations

import hashlib
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


@cache
def outlines_version() -> str:
    """Names the geometry's content, so that the outlines' address changes with it."""
    return hashlib.sha1(WORLD_FILE.read_bytes(), usedforsecurity=False).hexdigest()[:12]


# The map's grey and outline strokes (the site's CSS does not reach into an image).
OUTLINE_STYLE = 'fill="#dadde1" stroke="#fff" stroke-width=".3" stroke-linejoin="round"'


@cache
def outlines_svg() -> bytes:
    """Every country and territory of the geometry, grey, as one standalone SVG image."""
    world = geometry()
    paths = [*(c["d"] for c in world["countries"].values()), *world["other"]]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{world["viewBox"]}">'
        f'<g {OUTLINE_STYLE} fill-rule="evenodd">'
        + "".join(f'<path d="{d}"/>' for d in paths)
        + "</g></svg>"
    ).encode()


@dataclass(frozen=True)
class Shape:
    """One country with projects, drawn over the outlines as a link to its page."""

    d: str
    shade: int
    title: str
    url: str


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
    world_view_box: str
    shapes: list[Shape]
    markers: list[Marker]
    legend: list[LegendItem]
    rows: list[Country]

    @property
    def country_count(self) -> int:
        return len(self.rows)

    @property
    def outlines_version(self) -> str:
        return outlines_version()

    @property
    def world_frame(self) -> list[str]:
        """x, y, width and height of the whole world, where the outlines image is placed."""
        return self.world_view_box.split()

    @property
    def framed(self) -> bool:
        """True when the map shows the countries with projects rather than the whole world."""
        return self.view_box != self.world_view_box


Box = tuple[float, float, float, float]
FRAME_MARGIN = 0.08  # of the frame's width and height, on each side
FRAME_MIN_WIDTH = 160.0  # a frame on one small country still shows its region


def frame(boxes: list[Box], world: Box) -> Box:
    """The smallest box around `boxes`, with a margin and at least FRAME_MIN_WIDTH wide, within
    `world`; `world` itself when there is nothing to frame."""
    if not boxes:
        return world
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    grow = max(0.0, FRAME_MIN_WIDTH - (x1 - x0)) / 2
    x0, x1 = x0 - grow, x1 + grow
    dx, dy = (x1 - x0) * FRAME_MARGIN, (y1 - y0) * FRAME_MARGIN
    return (
        max(world[0], x0 - dx),
        max(world[1], y0 - dy),
        min(world[2], x1 + dx),
        min(world[3], y1 + dy),
    )


def overlaps(box: Box, other: Box) -> bool:
    return box[0] <= other[2] and other[0] <= box[2] and box[1] <= other[3] and other[1] <= box[3]


def view_box(box: Box) -> str:
    x0, y0, x1, y1 = box
    return " ".join(f"{v:.1f}".rstrip("0").rstrip(".") for v in (x0, y0, x1 - x0, y1 - y0))


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


def world_map(*, whole_world: bool = False) -> WorldMap:
    """The map and its table, in the active language, framed on the countries with projects unless
    `whole_world`; only countries with projects are drawn over the outlines (`outlines_svg`)."""
    world = geometry()
    left, top, width, height = (float(v) for v in world["viewBox"].split())
    whole: Box = (left, top, left + width, top + height)
    countries = countries_with_counts(include_empty=True)
    bounds = class_bounds(max((c.project_count for c in countries), default=0))
    shapes: list[Shape] = []
    markers: list[Marker] = []
    boxes: list[Box] = []
    for country in countries:
        outline = world["countries"].get(country.numeric.zfill(3)) if country.numeric else None
        count = country.project_count
        if outline is None or not count:
            continue
        boxes.append(tuple(outline["box"]))
        shade = shade_of(count, bounds)
        url = country.get_absolute_url()
        shapes.append(Shape(outline["d"], shade, title(country, count), url))
        if "dot" in outline:
            x, y = outline["dot"]
            markers.append(Marker(x, y, shade, title(country, count), url))
    shown = whole if whole_world else frame(boxes, whole)
    rows = sorted(
        (c for c in countries if c.project_count),
        key=lambda c: (-c.project_count, sort_key(c.name)),
    )
    return WorldMap(view_box(shown), view_box(whole), shapes, markers, legend(bounds), rows)
