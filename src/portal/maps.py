"""Maps drawn at build time as inline SVG: no tile server, no network, no JavaScript.

Points are placed with the Web Mercator projection (the one OpenStreetMap uses, so a place sits
where the reader's map app will show it), fitted into the map's box. Country outlines come from
data/outlines.json (Natural Earth, public domain) as shared arcs, so a boundary between two
countries is drawn once, and a disputed one is drawn as the site configuration says.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from .map_layout import (
    DOT,
    GAP,
    HALO,
    MARKER_RADII,
    SPOT,
    Label,
    Marker,
    Place,
    Rect,
    label_at,
    lay_out,
    place_labels,
    text_width,
)
from .model import BaseMap

OUTLINES = Path(__file__).resolve().parent / "data" / "outlines.json"  # package data (Natural Earth)
WIDTH = 320  # the SVG's own units; CSS scales it to the screen
PADDING = 24  # room around a country's outline
TOWN_PADDING = 30  # room for a marker (map_layout.MARKER_RADII) at the edge of a town map
ATTRIBUTION = "© OpenStreetMap contributors, ODbL"  # the licence of a town map's base layer asks for it on the map
CREDIT_FONT = 11.0  # units, for the attribution and the scale: 11.3 px on a 360 px screen
STREET_FONT = 12.0  # units, for the names of streets, rivers and districts: 12.3 px on a 360 px screen
STREET_LABELS = 6  # names on a town map: a few to orient by
# Characters of path data the base layer may take: about 5 KB compressed, so that a town's page with its
# list stays within 14.6 KB (measured by tests/test_maps.py on the fixture town).
BASE_LAYER_BUDGET = 14_000
DISPUTED_STYLES = ("solid", "dashed", "none")
EARTH_RADIUS_M = 6_378_137


@dataclass(frozen=True)
class MapPoint:
    number: int | None  # the same number as in the list beside the map; None: the place a page is about
    latitude: float
    longitude: float
    label: str
    url: str | None = None


def mercator(latitude: float, longitude: float) -> tuple[float, float]:
    """Web Mercator in radians: x grows east, y grows north."""
    lat = max(min(latitude, 85.0), -85.0)
    return math.radians(longitude), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@dataclass(frozen=True)
class Viewport:
    """Maps (latitude, longitude) to SVG coordinates so that a bounding box fills the width."""

    min_x: float
    max_y: float
    scale: float  # SVG units per projected unit
    height: float

    @classmethod
    def fit(
        cls, points: list[tuple[float, float]], min_span_degrees: float = 0.02, max_ratio: float = 1.25, padding: float = PADDING
    ) -> Viewport:
        projected = [mercator(lat, lon) for lat, lon in points]
        xs, ys = [p[0] for p in projected], [p[1] for p in projected]
        half = math.radians(min_span_degrees) / 2  # a single place still gets a sensible area around it
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        span_x = max(max(xs) - min(xs), 2 * half)
        span_y = max(max(ys) - min(ys), 2 * half)
        scale = (WIDTH - 2 * padding) / span_x
        height = min(span_y * scale + 2 * padding, WIDTH * max_ratio)
        scale = min(scale, (height - 2 * padding) / span_y)
        return cls(min_x=cx - (WIDTH / 2) / scale, max_y=cy + (height / 2) / scale, scale=scale, height=round(height, 1))

    def place(self, latitude: float, longitude: float) -> tuple[float, float]:
        x, y = mercator(latitude, longitude)
        return round((x - self.min_x) * self.scale, 1), round((self.max_y - y) * self.scale, 1)

    def metres_per_unit(self, latitude: float) -> float:
        return EARTH_RADIUS_M * math.cos(math.radians(latitude)) / self.scale


@lru_cache(maxsize=1)
def load_outlines(path: Path = OUTLINES) -> dict:
    outlines: dict = json.loads(path.read_text(encoding="utf-8"))  # {"arcs": [...], "countries": {...}, "disputed": [...]}
    return outlines


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative: drop points that move the line by less than `tolerance` SVG units."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            x0, y0 = points[i]
            # from the chord; from its one point when the line closes on itself (a ring)
            d = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length if length else math.hypot(x0 - x1, y0 - y1)
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [points[i] for i in sorted(keep)]


def _path(points: list[tuple[float, float]], close: bool = False) -> str:
    text = "M" + "L".join(f"{x:g} {y:g}" for x, y in points)
    return text + "Z" if close else text


def country_map(countries: list[str], points: list[MapPoint], title: str, disputed_boundary: str = "dashed") -> str | None:
    """An SVG of the given countries' outlines with each point's marker and its name; None without outlines.

    Numbered points get markers a finger can tap (map_layout.MARKER_RADII); a point without a
    number (the town a page is about) gets a small dot, as it links nowhere.
    """
    view, shapes = _country_base(tuple(countries), disputed_boundary)
    if view is None:
        return None
    places = [Place(*view.place(p.latitude, p.longitude), p.label or None) for p in points]
    radii = MARKER_RADII if any(p.number is not None for p in points) else (DOT,)
    markers = lay_out(places, WIDTH, view.height, radii=radii)
    return _svg(view, title, [*shapes, *_markers(points, markers)])


@lru_cache(maxsize=64)
def _country_base(countries: tuple[str, ...], disputed_boundary: str) -> tuple[Viewport | None, tuple[str, ...]]:
    """The projected outlines of some countries: the same for every page and language, so made once."""
    outlines = load_outlines()
    arcs = outlines["arcs"]
    rings = [ring for code in countries for ring in outlines["countries"].get(code, [])]
    if not rings:
        return None, ()
    corners = [(lat, lon) for ring in rings for i in ring for lon, lat in arcs[i if i >= 0 else ~i]]
    view = Viewport.fit(corners)
    used = {i if i >= 0 else ~i for ring in rings for i in ring}
    projected = {i: _simplify([view.place(lat, lon) for lon, lat in arcs[i]], 0.7) for i in used}

    def ring_points(ring: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in ring:
            arc = projected[i] if i >= 0 else projected[~i][::-1]
            out += arc if not out else arc[1:]
        return out

    shapes = [f'<path class="land" d="{_path(ring_points(r), close=True)}"/>' for r in rings]
    shapes += _boundaries(outlines, list(countries), projected, disputed_boundary)
    return view, tuple(shapes)


def _boundaries(
    outlines: dict, countries: list[str], projected: dict[int, list[tuple[float, float]]], disputed_boundary: str
) -> list[str]:
    """Each arc once: outer coast/border solid; a boundary between two shown countries per its kind."""
    users: dict[int, set[str]] = {}
    for code in countries:
        for ring in outlines["countries"].get(code, []):
            for i in ring:
                users.setdefault(i if i >= 0 else ~i, set()).add(code)
    disputed = [set(pair) for pair in outlines.get("disputed", [])]
    lines = []
    for index, codes in sorted(users.items()):
        style = "border"
        if len(codes) > 1 and codes in disputed:
            if disputed_boundary == "none":
                continue
            style = "border disputed" if disputed_boundary == "dashed" else "border"
        lines.append(f'<path class="{style}" d="{_path(projected[index])}"/>')
    return lines


def town_map(points: list[MapPoint], base: BaseMap, title: str) -> str | None:
    """An SVG of a town's streets, water and railways (the site's OpenStreetMap extract) under the numbered
    markers of `points`, with a scale bar and the data's attribution; None when the extract has nothing there."""
    view = Viewport.fit([(p.latitude, p.longitude) for p in points], min_span_degrees=0.02, max_ratio=0.8, padding=TOWN_PADDING)
    layers = base_layers(view, base)
    if not any(layers.values()):
        return None
    districts = [
        (feature.name, *view.place(latitude, longitude))
        for feature in base.features
        if feature.kind == "district" and feature.name
        for line in feature.lines
        for longitude, latitude in line
    ]
    latitude = sum(p.latitude for p in points) / len(points)
    scale, scale_box = _scale_bar(view, latitude)
    credit = label_at(ATTRIBUTION, WIDTH - GAP, view.height - GAP - HALO - CREDIT_FONT * 0.25, "end", CREDIT_FONT)
    obstacles = [scale_box, credit.rect]
    markers = lay_out([Place(*view.place(p.latitude, p.longitude), None) for p in points], WIDTH, view.height, obstacles)
    names = place_labels(
        street_names(layers, districts, view.height), markers, WIDTH, view.height, obstacles, limit=STREET_LABELS
    )
    ground = f'<rect class="ground" width="{WIDTH}" height="{view.height:g}"/>'
    drawn = [
        f'<path class="{CLASSES[kind]}" d="{"".join(_relative_path(line) for _, line in lines)}"/>'
        for kind, lines in layers.items()
        if lines
    ]
    words = [svg for label in names for svg in _label_svg(label, "street-name")]
    shapes = [ground, *drawn, *words, *scale, *_label_svg(credit, "credit"), *_markers(points, markers)]
    return _svg(view, title, shapes)


# Drawn bottom to top; a major street over the minor ones it crosses.
CLASSES = {"water": "water", "stream": "stream", "river": "river", "minor": "street", "rail": "rail", "major": "street major"}


Line = list[tuple[float, float]]


def base_layers(view: Viewport, base: BaseMap) -> dict[str, list[tuple[str | None, Line]]]:
    """The base map's lines in SVG units, each with its name, clipped to the map's box and simplified, by kind
    (in drawing order).

    Within BASE_LAYER_BUDGET characters of path data (so that a page stays within its 14.6 KB): when the
    town's streets would need more, streams and then minor streets are left out, then the rest is simplified more.
    """
    box = (-2.0, -2.0, WIDTH + 2.0, view.height + 2.0)
    projected: dict[str, list[tuple[str | None, Line]]] = {kind: [] for kind in CLASSES}
    for feature in base.features:
        if feature.kind not in CLASSES:
            continue
        for line in feature.lines:
            points = [view.place(latitude, longitude) for longitude, latitude in line]
            clipped = clip_area(points, box) if feature.kind == "water" else clip_line(points, box)
            projected[feature.kind] += [(feature.name, piece) for piece in clipped if len(piece) > 1]
    layers: dict[str, list[tuple[str | None, Line]]] = {}
    for tolerance in (0.8, 2.0):
        for dropped in ((), ("stream",), ("stream", "minor")):
            layers = {
                kind: [(name, simple) for name, line in lines if len(simple := _simplify(_rounded(line), tolerance)) > 1]
                for kind, lines in projected.items()
                if kind not in dropped
            }
            if sum(len(_relative_path(line)) for lines in layers.values() for _, line in lines) <= BASE_LAYER_BUDGET:
                return layers
    return layers


def street_names(
    layers: dict[str, list[tuple[str | None, Line]]], districts: list[tuple[str, float, float]], height: float
) -> list[list[Label]]:
    """Where each name could be written: along a nearly straight stretch of its street or river, or at a
    district's point. Major streets first, then rivers, districts and minor streets; within each, the
    longest first; for each name, the places nearest the middle of the map first."""
    lines_of: dict[tuple[int, str], list[Line]] = {}
    for rank, kind in enumerate(("major", "river", "minor")):
        for name, line in layers.get(kind, []):
            if name:
                lines_of.setdefault((rank * 2, name), []).append(line)
    middle = (WIDTH / 2, height / 2)
    groups: list[tuple[tuple[int, float, str], list[Label]]] = []
    for (rank, name), lines in lines_of.items():
        width = text_width(name, STREET_FONT) + 2 * HALO
        found = sorted(
            (math.dist(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), middle), a, b) for line in lines for a, b in _straight(line, width)
        )
        if found:
            length = sum(math.dist(a, b) for line in lines for a, b in zip(line, line[1:], strict=False))
            groups.append(((rank, -length, name), [_along(name, a, b) for _, a, b in found]))
    for name, x, y in districts:
        baseline = y + STREET_FONT * 0.35
        spots = [(x, baseline), (x, baseline - STREET_FONT * 1.4), (x, baseline + STREET_FONT * 1.4)]
        groups.append(((3, 0.0, name), [label_at(name, sx, sy, "middle", STREET_FONT) for sx, sy in spots]))
    return [labels for _, labels in sorted(groups, key=lambda group: group[0])]


def _straight(
    line: Line, width: float, step: float = 8.0, bend: float = 2.5
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Stretches of `width` along a line that no vertex leaves by more than `bend` units: where a name fits."""
    lengths = [0.0]
    for a, b in zip(line, line[1:], strict=False):
        lengths.append(lengths[-1] + math.dist(a, b))

    def at(distance: float) -> tuple[float, float]:
        i = max(0, min(bisect.bisect_right(lengths, distance) - 1, len(line) - 2))
        share = (distance - lengths[i]) / ((lengths[i + 1] - lengths[i]) or 1.0)
        return (line[i][0] + share * (line[i + 1][0] - line[i][0]), line[i][1] + share * (line[i + 1][1] - line[i][1]))

    found = []
    start = 0.0
    while start + width <= lengths[-1]:
        a, b = at(start), at(start + width)
        chord = Rect.segment(a, b)
        inner = [line[i] for i, distance in enumerate(lengths) if start < distance < start + width]
        if all(chord.distance_to(*point) <= bend for point in inner):
            found.append((a, b))
        start += step
    return found


def _along(name: str, a: tuple[float, float], b: tuple[float, float]) -> Label:
    """A name centred on a straight stretch of its street, turned with it but never upside down."""
    angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    turn = math.radians(angle)
    shift = STREET_FONT * 0.35  # from the line to the baseline, so that the letters sit on the street
    x, y = (a[0] + b[0]) / 2 - shift * math.sin(turn), (a[1] + b[1]) / 2 + shift * math.cos(turn)
    return label_at(name, x, y, "middle", STREET_FONT, round(angle))


def _rounded(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Whole units (about a pixel on a phone): what the eye cannot tell apart costs no bytes."""
    out: list[tuple[float, float]] = []
    for x, y in points:
        point = (float(round(x)), float(round(y)))
        if not out or point != out[-1]:
            out.append(point)
    return out


def _relative_path(points: list[tuple[float, float]]) -> str:
    """`M x y l dx dy dx dy …` in whole units: shorter than absolute coordinates."""
    (x0, y0), rest = points[0], points[1:]
    steps = " ".join(f"{x - px:g} {y - py:g}" for (px, py), (x, y) in zip(points, rest, strict=False))
    return f"M{x0:g} {y0:g}l{steps}".replace(" -", "-")


def clip_line(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[list[tuple[float, float]]]:
    """The parts of a polyline inside a box (Liang–Barsky, segment by segment)."""
    pieces: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for a, b in zip(points, points[1:], strict=False):
        segment = _clip_segment(a, b, box)
        if segment is None:
            if current:
                pieces.append(current)
            current = []
            continue
        start, end = segment
        if not current or current[-1] != start:
            if current:
                pieces.append(current)
            current = [start]
        current.append(end)
        if end != b:  # left the box
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


def _clip_segment(
    a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    start = a if low == 0 else (a[0] + low * dx, a[1] + low * dy)
    end = b if high == 1 else (a[0] + high * dx, a[1] + high * dy)
    return start, end


def clip_area(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[list[tuple[float, float]]]:
    """The part of a ring inside a box (Sutherland–Hodgman), closed; nothing when the ring lies outside."""
    x0, y0, x1, y1 = box
    Point = tuple[float, float]
    edges: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    ring = points[:-1] if points and points[0] == points[-1] else points
    for inside, cross in edges:
        if not ring:
            break
        kept: list[tuple[float, float]] = []
        for current, previous in zip(ring, ring[-1:] + ring[:-1], strict=True):
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        ring = kept
    return [[*ring, ring[0]]] if len(ring) > 2 else []


def _cross_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _cross_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def _scale_bar(view: Viewport, latitude: float) -> tuple[list[str], Rect]:
    """A bar of a round length at the top left, and the box it covers."""
    metres = view.metres_per_unit(latitude) * WIDTH / 4
    nice = next(n for n in (50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 10**9) if n >= metres / 2)
    length = round(nice / view.metres_per_unit(latitude), 1)
    label = f"{nice // 1000} km" if nice >= 1000 else f"{nice} m"
    x, y = 8, 8 + CREDIT_FONT + 4
    text = label_at(label, x, y - 5, "start", CREDIT_FONT)
    bar = f'<path class="scale" d="M{x} {y}h{length:g}"/>'
    x0, y0, x1, y1 = text.rect.bounds()
    return [bar, *_label_svg(text, "scale-label")], Rect.box(0, 0, max(x1, x + length) + GAP, y + 3)


def _markers(points: list[MapPoint], markers: list[Marker]) -> list[str]:
    """Leaders and true positions first, then each marker with its number and name (a link when it has one)."""
    leaders = [marker.leader for marker in markers if marker.leader is not None]
    drawn = []
    if leaders:
        ends = [(rect.corners()[0], rect.corners()[1]) for rect in leaders]
        drawn.append(
            '<path class="leader" d="' + "".join(f"M{a[0]:.1f} {a[1]:.1f}L{b[0]:.1f} {b[1]:.1f}" for a, b in ends) + '"/>'
        )
        drawn += [f'<circle class="spot" cx="{m.true[0]:g}" cy="{m.true[1]:g}" r="{SPOT:g}"/>' for m in markers if m.moved]
    for point, marker in zip(points, markers, strict=True):
        c = marker.centre
        parts = [f'<circle class="pin" cx="{c.x:g}" cy="{c.y:g}" r="{c.r:g}"/>']
        if point.number is not None:
            digits = len(str(point.number))
            size = round(min(c.r * 0.9, 1.5 * c.r / (0.7 * digits)), 1)
            parts.append(
                f'<text class="num" x="{c.x:g}" y="{c.y + size * 0.36:.1f}" font-size="{size:g}" text-anchor="middle">{point.number}</text>'
            )
        if marker.label is not None:
            parts += _label_svg(marker.label, "name")
        title = f"<title>{point.number}. {escape(point.label)}</title>" if point.number is not None else ""
        inner = title + "".join(parts)
        drawn.append(f'<a href="{escape(point.url)}">{inner}</a>' if point.url else f"<g>{inner}</g>")
    return drawn


def _label_svg(label: Label, kind: str) -> list[str]:
    """The label twice: a wide stroke in the background's colour (its halo), then the letters."""
    turn = f' transform="rotate({label.angle:.0f} {label.x:g} {label.y:g})"' if label.angle else ""
    anchor = "" if label.anchor == "start" else f' text-anchor="{label.anchor}"'
    at = f'x="{label.x:g}" y="{label.y:g}"{anchor}{turn}'
    text = escape(label.text)
    return [f'<text class="{kind} halo" {at}>{text}</text>', f'<text class="{kind}" {at}>{text}</text>']


def _svg(view: Viewport, title: str, shapes: list[str]) -> str:
    label = f' aria-label="{escape(title)}"' if title else ""  # else the figure's caption names it
    return (
        f'<svg class="map" viewBox="0 0 {WIDTH} {view.height:g}" role="group"{label} '
        f'xmlns="http://www.w3.org/2000/svg">' + "".join(shapes) + "</svg>"
    )
