"""Build src/m4d/places/data/world.json: pre-projected, simplified country outlines for the map.

Run by developers, once, when the boundary data changes; the platform only reads the result.

    npm install --prefix /tmp/npmv world-atlas@2.0.2        # or any copy of countries-50m.json
    python scripts/build_world_map.py /tmp/npmv/node_modules/world-atlas/countries-50m.json

Options: `--tolerance` (simplification, in viewBox units), `--min-area` (smaller islands are
dropped, except the largest ring of each country), `--output`.

Source: Natural Earth 1:50m admin-0 countries (public domain) as TopoJSON from the npm package
world-atlas (ISC). The 1:50m file is needed: the 1:110m one lacks Cabo Verde and other small
island states. The script is pure Python and deterministic (same input, same output):

1. decode the quantised, delta-encoded TopoJSON arcs;
2. project every point with the Equal Earth projection (equal-area, Robinson-like look) onto a
   1000-unit-wide viewBox, Antarctica left out;
3. simplify each *arc* with Douglas-Peucker, so borders shared by two countries stay identical
   and no gaps open between neighbours;
4. assemble rings per country, drop rings below `--min-area` (keeping each country's largest),
   and write each country's outline as one SVG path with relative coordinates at 0.1 precision.

Output (JSON): {"source", "viewBox", "countries": {"466": {"name", "d", "box", "dot"?}}, "other": [d, ...]}
keyed by the zero-padded ISO 3166-1 numeric code (our Country.numeric). "dot" is the centre of a
country too small to see at world scale ([x, y]), where the map draws a marker. "other" holds
shapes without an ISO code (Kosovo, Somaliland, N. Cyprus...) and the overseas regions of the
countries in METROPOLE, drawn grey. "box" is [x0, y0, x1, y1], the outline's bounding box.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

WIDTH = 1000.0
SKIP = {"010"}  # Antarctica: no projects there, and it would take a fifth of the height
# Natural Earth draws these countries' overseas regions (French Guiana, Réunion, Caribbean
# Netherlands...) as part of the metropole: rings outside the metropole's box (lon, lat: west, south,
# east, north) are drawn grey as "other", so a project in France does not shade South America.
METROPOLE = {"250": (-6.0, 41.0, 10.0, 52.0), "528": (3.0, 50.5, 7.5, 54.0)}
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = 2.7066297319215575  # Equal Earth x at longitude 180°, latitude 0
SCALE = WIDTH / (2 * X_MAX)
DOT_BELOW = 6.0  # countries whose bounding box is smaller than this (both sides) get a dot


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return (x + X_MAX) * SCALE, -y * SCALE  # y is shifted once the extent is known


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs as (longitude, latitude) lists, undoing TopoJSON's quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def unwrap(points: list) -> list:
    """Longitudes made continuous: world-atlas keeps rings whole across the antimeridian
    (Russia's Chukotka, Fiji), so a step from 179.9 to -179.9 becomes one to 180.1."""
    out = points[:1]
    for lon, lat in points[1:]:
        step = (lon - out[-1][0] + 180) % 360 - 180
        out.append((out[-1][0] + step, lat))
    return out


def _segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(points: list, tolerance: float) -> list[int]:
    """Indices of the points to keep."""
    if len(points) < 3:
        return list(range(len(points)))
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, 0
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return sorted(keep)


def simplify_arc(arc: list, tolerance: float) -> list:
    """Douglas-Peucker on the projected arc; returns the kept (lon, lat) points. A closed arc
    (an island drawn as one arc) is split at its farthest point, so it keeps an area."""
    projected = [equal_earth(lon, lat) for lon, lat in unwrap(arc)]
    if len(arc) > 3 and arc[0] == arc[-1]:
        far = max(range(len(arc)), key=lambda i: math.dist(projected[0], projected[i]))
        head = douglas_peucker(projected[: far + 1], tolerance)
        tail = [far + i for i in douglas_peucker(projected[far:], tolerance)]
        kept = head[:-1] + tail
    else:
        kept = douglas_peucker(projected, tolerance)
    return [arc[i] for i in kept]


def ring_points(ring: list[int], arcs: list[list]) -> list:
    points: list = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def clip(ring: list, edge: float, keep_west: bool) -> list:
    """Sutherland-Hodgman against the meridian `edge`, keeping the west (or east) side."""

    def inside(p):
        return p[0] <= edge if keep_west else p[0] >= edge

    out: list = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current) != inside(previous):
            t = (edge - previous[0]) / (current[0] - previous[0])
            out.append((edge, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            out.append(current)
    return out


def densify_edge(ring: list, edge: float) -> list:
    """Points every degree along cut edges, which are curves in the projection."""
    out: list = []
    for i, (lon, lat) in enumerate(ring):
        out.append((lon, lat))
        next_lon, next_lat = ring[(i + 1) % len(ring)]
        if lon == next_lon == edge:
            steps = int(abs(next_lat - lat))
            out += [(edge, lat + (next_lat - lat) * k / (steps + 1)) for k in range(1, steps + 1)]
    return out


def split_antimeridian(ring: list) -> list[list]:
    """The ring as one or two lon/lat rings inside [-180, 180]."""
    ring = unwrap(ring)
    lons = [lon for lon, _lat in ring]
    if max(lons) <= 180 and min(lons) >= -180:
        return [ring]
    edge = 180.0 if max(lons) > 180 else -180.0
    shift = -360.0 if edge > 0 else 360.0
    near = clip(ring, edge, keep_west=edge > 0)
    far = [(lon + shift, lat) for lon, lat in clip(ring, edge, keep_west=edge < 0)]
    return [densify_edge(part, e) for part, e in ((near, edge), (far, -edge)) if len(part) >= 3]


def area(points: list) -> float:
    return (
        abs(
            sum(
                x0 * y1 - x1 * y0
                for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def path_data(rings: list[list], y_offset: float) -> str:
    """Absolute start, then relative steps between coordinates rounded to tenths (no drift)."""
    parts = []
    for ring in rings:
        q = [(round(x * 10), round((y + y_offset) * 10)) for x, y in ring]
        q = [p for i, p in enumerate(q) if i == 0 or p != q[i - 1]]
        if len(q) > 1 and q[-1] == q[0]:
            q.pop()
        if len(q) < 3:
            q = _tiny_triangle(q[0])
        numbers = []
        for (x0, y0), (x1, y1) in zip(q, q[1:], strict=False):
            numbers += [_num(x1 - x0), _num(y1 - y0)]
        parts.append(f"M{_num(q[0][0])} {_num(q[0][1])}l{_join(numbers)}z")
    return "".join(parts)


def _tiny_triangle(p: tuple[int, int]) -> list[tuple[int, int]]:
    x, y = p
    return [(x, y - 4), (x + 4, y + 3), (x - 4, y + 3)]


def _num(tenths: int) -> str:
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _join(numbers: list[str]) -> str:
    """SVG lets numbers run together when the next starts with "-", or with "." after a number
    that already has one (".5.3" reads as .5 then .3); elsewhere a space separates them."""
    out = numbers[:1]
    for prev, number in zip(numbers, numbers[1:], strict=False):
        glued = number.startswith("-") or (number.startswith(".") and "." in prev)
        out.append(number if glued else " " + number)
    return "".join(out)


def build(topology: dict, *, tolerance: float, min_area: float) -> dict:
    raw = decode_arcs(topology)
    arcs = [simplify_arc(points, tolerance) for points in raw]
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        key = str(geometry["id"]).zfill(3) if "id" in geometry else None
        if key in SKIP:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        lonlat_rings = [
            part
            for polygon in polygons
            for ring in polygon
            for part in split_antimeridian(ring_points(ring, arcs))
        ]
        overseas = []
        if key in METROPOLE:
            west, south, east, north = METROPOLE[key]
            at_home = [
                all(west <= lon <= east and south <= lat <= north for lon, lat in ring)
                for ring in lonlat_rings
            ]
            overseas = [r for r, home in zip(lonlat_rings, at_home, strict=True) if not home]
            lonlat_rings = [r for r, home in zip(lonlat_rings, at_home, strict=True) if home]
        rings = [[equal_earth(lon, lat) for lon, lat in part] for part in lonlat_rings]
        largest = max(rings, key=area)
        kept = [ring for ring in rings if ring is largest or area(ring) >= min_area]
        shapes.append((key, geometry.get("properties", {}).get("name", ""), kept, largest))
        if overseas:
            projected = [[equal_earth(lon, lat) for lon, lat in part] for part in overseas]
            shapes.append((None, "", [r for r in projected if area(r) >= min_area], None))
    top = min(y for _k, _n, rings, _l in shapes for ring in rings for _x, y in ring)
    bottom = max(y for _k, _n, rings, _l in shapes for ring in rings for _x, y in ring)
    y_offset = 2 - top
    height = math.ceil(bottom - top + 4)
    countries: dict[str, dict] = {}
    other = []
    for key, name, rings, largest in shapes:
        if not rings:
            continue
        d = path_data(rings, y_offset)
        if key is None or key in countries:
            other.append(d)
            continue
        xs = [x for ring in rings for x, _y in ring]
        ys = [y for ring in rings for _x, y in ring]
        # The outline's bounding box, which the map frames on when the country has projects.
        box = [round(min(xs), 1), round(min(ys) + y_offset, 1), round(max(xs), 1)]
        box.append(round(max(ys) + y_offset, 1))
        entry: dict = {"name": name, "d": d, "box": box}
        if max(xs) - min(xs) < DOT_BELOW and max(ys) - min(ys) < DOT_BELOW:
            lx = [x for x, _y in largest]
            ly = [y for _x, y in largest]
            entry["dot"] = [
                round((min(lx) + max(lx)) / 2, 1),
                round((min(ly) + max(ly)) / 2 + y_offset, 1),
            ]
        countries[key] = entry
    return {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2 countries-50m.json; "
        f"Equal Earth projection, Douglas-Peucker tolerance {tolerance}, islands under {min_area} square units dropped; "
        "built by scripts/build_world_map.py",
        "viewBox": f"0 0 {int(WIDTH)} {height}",
        "countries": dict(sorted(countries.items())),
        "other": other,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "src/m4d/places/data/world.json",
    )
    parser.add_argument("--tolerance", type=float, default=0.35)
    parser.add_argument("--min-area", type=float, default=0.5)
    args = parser.parse_args(argv)
    world = build(
        json.loads(args.source.read_text()), tolerance=args.tolerance, min_area=args.min_area
    )
    text = json.dumps(world, ensure_ascii=False, separators=(",", ":"), indent=None)
    # One country per line keeps diffs readable when the data is rebuilt.
    text = text.replace('},"', '},\n"')
    args.output.write_text(text + "\n", encoding="utf-8")
    print(
        f"{args.output}: {len(world['countries'])} countries, {len(text.encode()) / 1024:.0f} KiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
