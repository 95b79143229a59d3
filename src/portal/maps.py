"""Maps drawn at build time as inline SVG: no tile server, no network, no JavaScript.

Points are placed with the Web Mercator projection (the one OpenStreetMap uses, so a place sits
where the reader's map app will show it), fitted into the map's box. Country outlines come from
data/outlines.json (Natural Earth, public domain) as shared arcs, so a boundary between two
countries is drawn once, and a disputed one is drawn as the site configuration says.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

OUTLINES = Path(__file__).resolve().parent / "data" / "outlines.json"  # package data (Natural Earth)
WIDTH = 320  # the SVG's own units; CSS scales it to the screen
PADDING = 24  # room for a numbered marker at the edge
DISPUTED_STYLES = ("solid", "dashed", "none")
EARTH_RADIUS_M = 6_378_137


@dataclass(frozen=True)
class MapPoint:
    number: int  # the same number as in the list beside the map
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
    def fit(cls, points: list[tuple[float, float]], min_span_degrees: float = 0.02, max_ratio: float = 1.25) -> Viewport:
        projected = [mercator(lat, lon) for lat, lon in points]
        xs, ys = [p[0] for p in projected], [p[1] for p in projected]
        half = math.radians(min_span_degrees) / 2  # a single place still gets a sensible area around it
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        span_x = max(max(xs) - min(xs), 2 * half)
        span_y = max(max(ys) - min(ys), 2 * half)
        scale = (WIDTH - 2 * PADDING) / span_x
        height = min(span_y * scale + 2 * PADDING, WIDTH * max_ratio)
        scale = min(scale, (height - 2 * PADDING) / span_y)
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
        length = math.hypot(x2 - x1, y2 - y1) or 1e-9
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            x0, y0 = points[i]
            d = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [points[i] for i in sorted(keep)]


def _path(points: list[tuple[float, float]], close: bool = False) -> str:
    text = "M" + "L".join(f"{x:g} {y:g}" for x, y in points)
    return text + "Z" if close else text


def country_map(countries: list[str], points: list[MapPoint], title: str, disputed_boundary: str = "dashed") -> str:
    """An SVG of the given countries' outlines with numbered, linked points."""
    view, shapes = _country_base(tuple(countries), disputed_boundary)
    if view is None:
        view, shapes = Viewport.fit([(p.latitude, p.longitude) for p in points]), ()
    return _svg(view, title, [*shapes, *_markers(view, points)])


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


def area_map(points: list[MapPoint], title: str) -> str:
    """An SVG of points in one town, with a scale bar instead of a background map."""
    view = Viewport.fit([(p.latitude, p.longitude) for p in points], max_ratio=0.8)  # a town: wider than tall
    centre_latitude = sum(p.latitude for p in points) / len(points)
    background = [f'<rect class="land" width="{WIDTH}" height="{view.height:g}" rx="6"/>']
    return _svg(view, title, background + _scale_bar(view, centre_latitude) + _markers(view, points))


def _scale_bar(view: Viewport, latitude: float) -> list[str]:
    metres = view.metres_per_unit(latitude) * WIDTH / 4
    nice = next(n for n in (50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 10**9) if n >= metres / 2)
    length = round(nice / view.metres_per_unit(latitude), 1)
    label = f"{nice // 1000} km" if nice >= 1000 else f"{nice} m"
    y = view.height - 6
    return [
        f'<path class="scale" d="M{PADDING} {y}h{length}"/>',
        f'<text x="{PADDING}" y="{y - 4}" class="scale-label">{label}</text>',
    ]


def _markers(view: Viewport, points: list[MapPoint]) -> list[str]:
    marks = []
    for point in points:
        x, y = view.place(point.latitude, point.longitude)
        mark = f'<circle cx="{x:g}" cy="{y:g}" r="9"/><text x="{x:g}" y="{y + 4:g}" text-anchor="middle">{point.number}</text>'
        title = f"<title>{point.number}. {escape(point.label)}</title>"
        marks.append(f'<a href="{escape(point.url)}">{title}{mark}</a>' if point.url else f"<g>{title}{mark}</g>")
    return marks


def _svg(view: Viewport, title: str, shapes: list[str]) -> str:
    label = f' aria-label="{escape(title)}"' if title else ""  # else the figure's caption names it
    return (
        f'<svg class="map" viewBox="0 0 {WIDTH} {view.height:g}" role="group"{label} '
        f'xmlns="http://www.w3.org/2000/svg">' + "".join(shapes) + "</svg>"
    )
