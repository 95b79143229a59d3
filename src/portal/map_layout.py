"""Where a map's markers and labels go: each near its place, none on another, in a fixed order.

Pure geometry in the SVG's own units (portal.maps draws the result). A marker sits on its place
when there is room; when places are close, it moves the shortest way to free room and a thin
leader line joins it to the true position. Labels go beside their marker where they cover no
marker, no other label, no leader and no other place's true position. The same input always
gives the same layout: candidates are tried in a fixed order, never at random.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# On a 360 px wide screen the page body (1rem = 16 px of margin each side) leaves 328 px for a map whose
# viewBox is 320 units wide: one unit is 328 / 320 = 1.025 px there, so a marker of radius 22 units is
# 45 px wide, one of 13 units still 27 px (the reader check and WCAG 2.5.8 ask for at least 24 px).
PX_PER_UNIT_AT_360 = 328 / 320
MARKER_RADII = (22.0, 19.0, 16.0, 13.0)  # tried largest first: 45, 39, 33 and 27 px wide at 360 px
LABEL_FONT = 13.0  # units: 13.3 px at 360 px (at least 12 px)
HALO = 2.0  # units of halo stroke around a label's letters, counted in its box
GAP = 2.0  # units kept free between any two things drawn
SPOT = 2.5  # radius of the dot that marks a place's true position when its marker had to move
DOT = 6.0  # radius of a marker that is no link (the town a page is about, on its country's map)

# Advance widths in em of DejaVu Sans Bold, rounded up: the widest of the usual system sans fonts, so a
# label is never longer than its box on a phone (Roboto, Noto Sans) or in the tests' Chromium.
_WIDTHS = {
    0.4: "ijlIJ .,/'íÍјЈ",
    0.5: "frt-()řť",
    0.6: "cszčćšžçгзстѓѕ",
    0.7: "aekovxyEFLT0123456789áéóýěÉĚŤöäëËабвекнопухчџќГЕТЃ",
    0.8: "bdghnpquABCKPRSVXYZđČĆŠŽúůňďÁÝŘüßÄÇђилрћцАБВЗРСУХЅ",
    0.9: "DGHNOQUĐÓÚŮŇĎÖÜдмДЂИКЛНОПЋЧЏЌ",
    1.0: "wMжљњфМФЦ",
    1.1: "mш",
    1.2: "WЉЊ",
    1.3: "ЖШ",
}
_WIDTH_OF = {character: width for width, characters in _WIDTHS.items() for character in characters}


def text_width(text: str, font_size: float) -> float:
    """How wide `text` is at most, in units, in a bold sans font (an unknown letter counts 1 em)."""
    return sum(_WIDTH_OF.get(character, 1.0) for character in text) * font_size


@dataclass(frozen=True)
class Rect:
    """A rectangle turned by `angle` (radians) about its centre; a segment is a rectangle of no height."""

    cx: float
    cy: float
    half_width: float
    half_height: float
    angle: float = 0.0

    @classmethod
    def box(cls, x0: float, y0: float, x1: float, y1: float) -> Rect:
        return cls((x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2)

    @classmethod
    def segment(cls, a: tuple[float, float], b: tuple[float, float]) -> Rect:
        return cls((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, math.dist(a, b) / 2, 0.0, math.atan2(b[1] - a[1], b[0] - a[0]))

    def corners(self) -> list[tuple[float, float]]:
        c, s = math.cos(self.angle), math.sin(self.angle)
        return [
            (self.cx + dx * c - dy * s, self.cy + dx * s + dy * c)
            for dx, dy in (
                (-self.half_width, -self.half_height),
                (self.half_width, -self.half_height),
                (self.half_width, self.half_height),
                (-self.half_width, self.half_height),
            )
        ]

    def bounds(self) -> tuple[float, float, float, float]:
        xs, ys = zip(*self.corners(), strict=True)
        return min(xs), min(ys), max(xs), max(ys)

    def overlaps(self, other: Rect, gap: float = 0.0) -> bool:
        """Separating axes: two convex shapes are apart exactly when some edge direction separates them."""
        for shape in (self, other):
            for axis in (shape.angle, shape.angle + math.pi / 2):
                ux, uy = math.cos(axis), math.sin(axis)
                a = [x * ux + y * uy for x, y in self.corners()]
                b = [x * ux + y * uy for x, y in other.corners()]
                if max(a) + gap <= min(b) or max(b) + gap <= min(a):
                    return False
        return True

    def distance_to(self, x: float, y: float) -> float:
        """From a point to the nearest point of the rectangle (0 inside)."""
        c, s = math.cos(self.angle), math.sin(self.angle)
        dx, dy = x - self.cx, y - self.cy
        local_x, local_y = dx * c + dy * s, -dx * s + dy * c
        return math.hypot(max(abs(local_x) - self.half_width, 0.0), max(abs(local_y) - self.half_height, 0.0))

    def inside(self, width: float, height: float) -> bool:
        x0, y0, x1, y1 = self.bounds()
        return x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float

    def clear_of(self, rect: Rect, gap: float = GAP) -> bool:
        return rect.distance_to(self.x, self.y) >= self.r + gap - 1e-6  # touching is clear (and so is rounding)

    def inside(self, width: float, height: float) -> bool:
        return self.r <= self.x <= width - self.r and self.r <= self.y <= height - self.r


@dataclass(frozen=True)
class Label:
    """A line of text: where its baseline starts (`x`, `y`, `anchor` as SVG's text-anchor) and the box it covers."""

    text: str
    x: float
    y: float
    anchor: str  # start, middle or end
    rect: Rect
    font_size: float = LABEL_FONT
    angle: float = 0.0  # degrees, for a street's name along the street


@dataclass(frozen=True)
class Marker:
    """A place's marker: its true position, where the marker is drawn, and its label (if any)."""

    true: tuple[float, float]
    centre: Circle
    label: Label | None

    @property
    def moved(self) -> bool:
        return math.dist(self.true, (self.centre.x, self.centre.y)) > 0.5

    @property
    def leader(self) -> Rect | None:
        """The line from the true position to the marker's edge, when the marker had to move."""
        if not self.moved:
            return None
        (tx, ty), c = self.true, self.centre
        distance = math.dist(self.true, (c.x, c.y))
        edge = (c.x - (c.x - tx) * c.r / distance, c.y - (c.y - ty) * c.r / distance)
        return Rect.segment(self.true, edge)


@dataclass(frozen=True)
class Place:
    """What to lay out: a place's true position in units and the text of its label (None: a marker only)."""

    x: float
    y: float
    label: str | None


def label_at(text: str, x: float, y: float, anchor: str, font_size: float = LABEL_FONT, angle: float = 0.0) -> Label:
    """A label whose baseline starts at (x, y), with the box its letters and halo cover."""
    width = text_width(text, font_size) + 2 * HALO
    top, bottom = font_size * 0.95 + HALO, font_size * 0.25 + HALO  # accented capitals above, descenders below
    shift = {"start": width / 2 - HALO, "middle": 0.0, "end": HALO - width / 2}[anchor]
    turn = math.radians(angle)
    middle = ((top - bottom) / 2) * -1  # the box's centre above the baseline
    cx = x + shift * math.cos(turn) - middle * math.sin(turn)
    cy = y + shift * math.sin(turn) + middle * math.cos(turn)
    return Label(text, round(x, 1), round(y, 1), anchor, Rect(cx, cy, width / 2, (top + bottom) / 2, turn), font_size, angle)


def _label_candidates(text: str, circle: Circle) -> list[Label]:
    """Beside the marker first (right, left), then above and below, then at its corners."""
    x, y, r, font = circle.x, circle.y, circle.r, LABEL_FONT
    middle = y + font * 0.35  # a baseline that centres the letters on the marker
    d = (r + GAP) / math.sqrt(2)  # a corner of the label's box this far along each axis touches no marker
    above, below = y - d - font * 0.25 - HALO, y + d + font * 0.95 + HALO  # baselines of a box ending / starting there
    return [
        label_at(text, x + r + GAP + HALO, middle, "start"),
        label_at(text, x - r - GAP - HALO, middle, "end"),
        label_at(text, x, y - r - GAP - HALO - font * 0.25, "middle"),
        label_at(text, x, y + r + GAP + HALO + font * 0.95, "middle"),
        label_at(text, x + d + HALO, above, "start"),
        label_at(text, x + d + HALO, below, "start"),
        label_at(text, x - d - HALO, above, "end"),
        label_at(text, x - d - HALO, below, "end"),
    ]


@dataclass
class _Board:
    """What is drawn so far, and the true positions nothing may cover."""

    width: float
    height: float
    spots: list[tuple[float, float]]
    obstacles: list[Rect]
    markers: list[Marker]
    leaders_may_cross_labels: bool = False  # only for a place with no other room left

    def marker_fits(self, circle: Circle, own: int, true: tuple[float, float]) -> bool:
        if not circle.inside(self.width, self.height):
            return False
        if any(math.dist(spot, (circle.x, circle.y)) < circle.r + SPOT + GAP for i, spot in enumerate(self.spots) if i != own):
            return False
        if any(not circle.clear_of(rect) for rect in self.obstacles):
            return False
        for placed in self.markers:
            other = placed.centre
            if math.dist((circle.x, circle.y), (other.x, other.y)) < circle.r + other.r + GAP:
                return False
            if placed.label is not None and not circle.clear_of(placed.label.rect):
                return False
            if placed.leader is not None and not circle.clear_of(placed.leader):
                return False
        leader = Marker(true, circle, None).leader
        if leader is None:
            return True
        if self.leaders_may_cross_labels:
            return leader.inside(self.width, self.height) and all(m.centre.clear_of(leader, 0.0) for m in self.markers)
        return self.rect_fits(leader, own, leader=True)

    def rect_fits(self, rect: Rect, own: int, leader: bool = False) -> bool:
        """A label's box, or a leader line, covers nothing drawn and no other place's true position."""
        if not rect.inside(self.width, self.height):
            return False
        if not leader and any(rect.distance_to(*spot) < SPOT + GAP for i, spot in enumerate(self.spots) if i != own):
            return False
        if any(rect.overlaps(obstacle, GAP) for obstacle in self.obstacles):
            return False
        for placed in self.markers:
            if not placed.centre.clear_of(rect):
                return False
            if placed.label is not None and rect.overlaps(placed.label.rect, GAP):
                return False
            if not leader and placed.leader is not None and rect.overlaps(placed.leader):
                return False
        return True


def _directions(place: Place, places: Sequence[Place]) -> list[float]:
    """Sixteen directions to move a marker, the one away from its close neighbours first."""
    away_x = sum(
        place.x - other.x for other in places if other is not place and math.dist((place.x, place.y), (other.x, other.y)) < 80
    )
    away_y = sum(
        place.y - other.y for other in places if other is not place and math.dist((place.x, place.y), (other.x, other.y)) < 80
    )
    first = math.atan2(away_y, away_x) if (away_x, away_y) != (0, 0) else 0.0
    steps = sorted(range(16), key=lambda k: (min(k, 16 - k), k))  # 0, 1, 15, 2, 14, ...: nearest to `first` first
    return [first + k * math.pi / 8 for k in steps]


def _place_one(board: _Board, index: int, place: Place, places: Sequence[Place], radius: float, rings: int = 12) -> Marker | None:
    """The nearest free position for the marker, with the first free position for its label."""
    true = (place.x, place.y)
    positions = [true] + [
        (place.x + ring * radius * 0.6 * math.cos(angle), place.y + ring * radius * 0.6 * math.sin(angle))
        for ring in range(1, rings + 1)
        for angle in _directions(place, places)
    ]
    for x, y in positions:
        circle = Circle(round(x, 1), round(y, 1), radius)
        if not board.marker_fits(circle, index, true):
            continue
        if place.label is None:
            return Marker(true, circle, None)
        for label in _label_candidates(place.label, circle):
            leader = Marker(true, circle, None).leader
            own = circle.clear_of(label.rect) and (leader is None or not label.rect.overlaps(leader))
            if own and board.rect_fits(label.rect, index):
                return Marker(true, circle, label)
    return None


def lay_out(
    places: Sequence[Place], width: float, height: float, obstacles: Sequence[Rect] = (), radii: Sequence[float] = MARKER_RADII
) -> list[Marker]:
    """A marker (and label) for each place, in the order given, with the largest radius at which all fit.

    Crowded places are placed first, so that they get the free room nearest to them. When not even
    the smallest radius leaves room for all near their places, the leftovers go further (see _crowded).
    """

    def crowd(index: int) -> tuple[int, int]:
        here = places[index]
        return (-sum(math.dist((here.x, here.y), (p.x, p.y)) < 60 for p in places), index)

    order = sorted(range(len(places)), key=crowd)
    spots = [(p.x, p.y) for p in places]
    for radius in radii:
        board = _Board(width, height, spots, list(obstacles), [])
        found: dict[int, Marker] = {}
        for index in order:
            marker = _place_one(board, index, places[index], places, radius)
            if marker is None and radius == radii[-1]:
                marker = _crowded(board, index, places, radius)
            if marker is None:
                break
            found[index] = marker
            board.markers.append(marker)
        else:
            return [found[index] for index in range(len(places))]
    return []  # not reached: the smallest radius places every marker


def _crowded(board: _Board, index: int, places: Sequence[Place], radius: float) -> Marker:
    """A place with no room near it at the smallest radius: room further away, then without its label (the
    list and the marker's title still name it), and only past all room on the map where it is."""
    place = places[index]
    far = _place_one(board, index, place, places, radius, rings=40)
    if far is None and place.label is not None:
        far = _place_one(board, index, Place(place.x, place.y, None), places, radius, rings=40)
    if far is None:
        board.leaders_may_cross_labels = True  # a leader across a name is better than a marker on a marker
        far = _place_one(board, index, Place(place.x, place.y, None), places, radius, rings=40)
        board.leaders_may_cross_labels = False
    return far or Marker((place.x, place.y), Circle(place.x, place.y, radius), None)


def place_labels(
    groups: Sequence[Sequence[Label]],
    markers: Sequence[Marker],
    width: float,
    height: float,
    obstacles: Sequence[Rect],
    limit: int,
) -> list[Label]:
    """Of each group of alternatives (one name, several places to write it), the first that covers nothing.

    At most `limit` labels, taken in the order of the groups: a map needs a few names to orient by, not all.
    """
    board = _Board(width, height, [marker.true for marker in markers], list(obstacles), list(markers))
    placed: list[Label] = []
    for alternatives in groups:
        if len(placed) >= limit:
            break
        label = next((label for label in alternatives if board.rect_fits(label.rect, -1)), None)
        if label is not None:
            placed.append(label)
            board.obstacles.append(label.rect)
    return placed
