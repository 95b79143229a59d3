"""Maps: points land where their coordinates say, outlines are drawn once, disputed boundaries as configured;
markers a finger can tap that never cover each other or a label; a town's streets under its services."""

from __future__ import annotations

import gzip
import itertools
import math
import re
from pathlib import Path

import pytest

from portal.basemap import read_base_map
from portal.map_layout import PX_PER_UNIT_AT_360, Marker, Place, Rect, lay_out
from portal.maps import (
    ATTRIBUTION,
    BASE_LAYER_BUDGET,
    WIDTH,
    MapPoint,
    Viewport,
    clip_area,
    clip_line,
    country_map,
    mercator,
    town_map,
)
from portal.model import BaseMap, MapFeature

FIXTURE_MAP = Path(__file__).parent / "fixtures" / "town-map" / "data" / "maps" / "izmisljeno-polje.geojson"
CENTRE = (44.5, 20.5)  # the made-up town of the fixture

NOVI_SAD = (45.2671, 19.8335)
NIS = (43.3209, 21.8958)
BEOGRAD = (44.8176, 20.4569)


def test_mercator_matches_known_values():
    assert all(math.isclose(v, 0, abs_tol=1e-12) for v in mercator(0, 0))
    x, y = mercator(45, 90)
    assert math.isclose(x, math.pi / 2)
    assert math.isclose(y, math.log(math.tan(math.pi / 4 + math.pi / 8)))


def test_north_is_up_and_east_is_right():
    view = Viewport.fit([NOVI_SAD, NIS])
    ns_x, ns_y = view.place(*NOVI_SAD)
    nis_x, nis_y = view.place(*NIS)
    assert nis_x > ns_x  # Niš lies east of Novi Sad
    assert nis_y > ns_y  # and south, so lower on the map


def test_a_point_between_two_others_lands_between_them_in_proportion():
    view = Viewport.fit([NOVI_SAD, NIS])
    ns, nis, bg = view.place(*NOVI_SAD), view.place(*NIS), view.place(*BEOGRAD)
    share_x = (bg[0] - ns[0]) / (nis[0] - ns[0])
    assert math.isclose(share_x, (BEOGRAD[1] - NOVI_SAD[1]) / (NIS[1] - NOVI_SAD[1]), abs_tol=0.01)


def test_aspect_ratio_is_kept():
    view = Viewport.fit([NOVI_SAD, NIS])
    (x1, y1), (x2, y2) = view.place(*NOVI_SAD), view.place(*NIS)
    dx, dy = mercator(*NIS)[0] - mercator(*NOVI_SAD)[0], mercator(*NIS)[1] - mercator(*NOVI_SAD)[1]
    assert math.isclose((x2 - x1) / (y1 - y2), dx / dy, rel_tol=0.02)


def test_country_map_places_numbered_linked_labelled_points_inside_the_box():
    svg = country_map(
        ["RS", "XK"],
        [
            MapPoint(1, *NOVI_SAD, "Novi Sad", "/en/municipalities/novi-sad/"),
            MapPoint(2, *NIS, "Niš <&>", "/en/municipalities/nis/"),
        ],
        "Map of Serbia",
    )
    assert svg is not None
    assert svg.startswith('<svg class="map" viewBox="0 0 320 ') and 'aria-label="Map of Serbia"' in svg
    assert '<a href="/en/municipalities/novi-sad/"><title>1. Novi Sad</title>' in svg
    assert "<title>2. Niš &lt;&amp;&gt;</title>" in svg
    assert re.search(r'<text class="name"[^>]*>Novi Sad</text>', svg) and re.search(
        r'<text class="name"[^>]*>Niš &lt;&amp;&gt;</text>', svg
    )
    height = float(re.search(r'viewBox="0 0 320 ([\d.]+)"', svg).group(1))
    for cx, cy in re.findall(r'<circle class="pin" cx="([\d.-]+)" cy="([\d.-]+)"', svg):
        assert 0 < float(cx) < 320 and 0 < float(cy) < height
    assert len(svg.encode()) < 9000  # small enough for the page budget


def test_a_country_without_outlines_gets_no_map_rather_than_dots_in_an_empty_box():
    assert country_map(["AQ"], [MapPoint(1, -75.0, 0.0, "Base", "/base/")], "") is None


def test_disputed_boundary_is_drawn_as_the_site_says():
    dashed = country_map(["RS", "XK"], [], "m", disputed_boundary="dashed") or ""
    solid = country_map(["RS", "XK"], [], "m", disputed_boundary="solid") or ""
    none = country_map(["RS", "XK"], [], "m", disputed_boundary="none") or ""
    assert dashed.count('class="border disputed"') >= 1
    assert 'class="border disputed"' not in solid and 'class="border disputed"' not in none
    assert none.count('class="border"') < solid.count('class="border"')


# ------------------------------------------------------------------ the layout of markers and labels

# Cases chosen to crowd a map: places on one spot, in a tight row, a tight cluster with long names,
# at the edges and corners of the box, and scattered with room to spare.
CROWDS = {
    "one spot": [(160.0, 120.0)] * 4,
    "tight row": [(100.0 + 6 * i, 150.0) for i in range(6)],
    "cluster": [(150 + 9 * (i % 4), 100 + 9 * (i // 4)) for i in range(12)],
    "edges": [(1.0, 1.0), (319.0, 1.0), (1.0, 239.0), (319.0, 239.0), (160.0, 0.0), (0.0, 120.0)],
    "scattered": [(40.0, 40.0), (280.0, 60.0), (160.0, 200.0)],
}
NAMES = [
    "Beograd",
    "Smederevo",
    "Požarevac",
    "Шабац",
    "Крагујевац",
    "Ниш",
    "Vranje",
    "Čačak",
    "Kraljevo",
    "Лесковац",
    "Bruntál",
    "W",
]


def _laid_out(case: str, labelled: bool = True) -> tuple[list[Place], list[Marker]]:
    places = [Place(x, y, NAMES[i % len(NAMES)] if labelled else None) for i, (x, y) in enumerate(CROWDS[case])]
    return places, lay_out(places, WIDTH, 240)


def _circle_meets_rect(marker: Marker, rect: Rect) -> bool:
    return rect.distance_to(marker.centre.x, marker.centre.y) < marker.centre.r


@pytest.mark.parametrize("case", sorted(CROWDS))
def test_markers_never_overlap_each_other_or_any_label(case):
    _, markers = _laid_out(case)
    labels = [marker.label.rect for marker in markers if marker.label is not None]
    for a, b in itertools.combinations(markers, 2):
        assert math.dist((a.centre.x, a.centre.y), (b.centre.x, b.centre.y)) >= a.centre.r + b.centre.r, (a, b)
    for a, b in itertools.combinations(labels, 2):
        assert not a.overlaps(b)
    for marker, label in itertools.product(markers, labels):
        assert not _circle_meets_rect(marker, label)


@pytest.mark.parametrize("case", ["one spot", "edges", "scattered"])
def test_every_place_is_labelled_where_there_is_room(case):
    places, markers = _laid_out(case)
    assert [marker.label.text for marker in markers if marker.label] == [place.label for place in places]


@pytest.mark.parametrize("case", ["tight row", "cluster"])
def test_past_all_room_a_label_is_left_out_rather_than_drawn_over_another(case):
    _, markers = _laid_out(case)
    assert sum(marker.label is not None for marker in markers) >= 4  # the crowd is still named in part


@pytest.mark.parametrize("case", sorted(CROWDS))
def test_markers_are_a_finger_wide_on_a_360_px_screen_and_inside_the_map(case):
    _, markers = _laid_out(case)
    for marker in markers:
        c = marker.centre
        assert 2 * c.r * PX_PER_UNIT_AT_360 >= 24
        assert c.r <= c.x <= WIDTH - c.r and c.r <= c.y <= 240 - c.r
        if marker.label is not None:
            x0, y0, x1, y1 = marker.label.rect.bounds()
            assert x0 >= 0 and y0 >= 0 and x1 <= WIDTH and y1 <= 240


@pytest.mark.parametrize("case", sorted(CROWDS))
def test_a_moved_marker_has_a_leader_to_its_true_position_which_nothing_else_covers(case):
    places, markers = _laid_out(case, labelled=False)
    for marker, place in zip(markers, places, strict=True):
        assert marker.true == (place.x, place.y)
        if marker.moved:
            leader = marker.leader
            assert leader is not None and min(math.dist(corner, marker.true) for corner in leader.corners()) < 0.01
        for other in markers:
            if other is not marker and (other.true != marker.true):
                assert math.dist((other.centre.x, other.centre.y), marker.true) >= other.centre.r  # its spot stays visible


def test_a_lone_place_keeps_its_marker_on_its_true_position():
    (marker,) = lay_out([Place(100.0, 100.0, "Niš")], WIDTH, 240)
    assert not marker.moved and marker.leader is None and marker.centre.r == max(r for r in (22.0, 19.0, 16.0, 13.0))


def test_the_layout_is_the_same_every_time():
    assert _laid_out("cluster") == _laid_out("cluster")


# ------------------------------------------------------------------ a town's base map


def _fixture_base() -> BaseMap:
    base, problems = read_base_map(FIXTURE_MAP, "data/maps/izmisljeno-polje.geojson", "izmisljeno-polje")
    assert problems == [] and base is not None
    return base


SERVICES = [
    MapPoint(1, 44.5005, 20.5006, "Kancelarija (primer)", "/sr-latn/services/kancelarija-primer/"),
    MapPoint(2, 44.5002, 20.5001, "Savet (primer)", "/sr-latn/services/savet-primer/"),
    MapPoint(3, 44.4978, 20.4962, "Soba za razgovor (primer)", "/sr-latn/services/soba-primer/"),
]


def test_the_town_map_draws_streets_water_railway_and_names_under_the_markers_with_attribution():
    svg = town_map(SERVICES, _fixture_base(), "")
    assert svg is not None
    for kind in ("street", "street major", "river", "rail", "water"):
        assert f'<path class="{kind}" d="M' in svg, kind
    assert ATTRIBUTION in svg and 'class="scale-label"' in svg
    names = re.findall(r'<text class="street-name"[^>]*>([^<]+)</text>', svg)
    assert names and set(names) <= {
        "Bulevar Primera",
        "Izmišljena ulica",
        "Ulica Test",
        "Ulica Nula",
        "Reka Primer",
        "Naselje Primer",
    }
    assert "Staza (ne crta se)" not in svg  # a footway is not on the map
    assert svg.index('class="street major"') < svg.index('class="pin"')  # markers on top
    assert svg.count('class="pin"') == 3 and '<a href="/sr-latn/services/savet-primer/"><title>2. Savet (primer)</title>' in svg


def test_the_town_map_is_not_drawn_when_the_base_map_has_nothing_there():
    far = MapPoint(1, 45.9, 19.1, "Elsewhere", "/elsewhere/")
    assert town_map([far], _fixture_base(), "") is None


def _grid(streets: int, points: int) -> BaseMap:
    """A dense made-up town: `streets` streets each way, each of `points` points that wander by up to 25 m
    (a fixed pseudo-random walk), so that simplifying cannot make them straight."""

    def wander(i: int, j: int) -> float:
        return ((i * 7919 + j * 104729) % 13 - 6) * 0.00004

    lines = []
    for i in range(streets):
        offset = (i - streets / 2) * 0.0004
        lines.append(tuple((20.49 + j * 0.02 / points, 44.5 + offset + wander(i, j)) for j in range(points)))
        lines.append(tuple((20.5 + offset + wander(j, i), 44.49 + j * 0.02 / points) for j in range(points)))
    minor = MapFeature("minor", None, tuple(lines))
    major = MapFeature("major", "Glavna ulica (primer)", (((20.49, 44.5), (20.51, 44.5)),))
    return BaseMap("grid", "data/maps/grid.geojson", (minor, major))


def test_a_dense_town_stays_within_the_budget_of_a_page():
    svg = town_map(SERVICES, _grid(streets=120, points=120), "")
    assert svg is not None
    paths = "".join(re.findall(r'<path class="(?:street|river|stream|rail|water)[^"]*" d="([^"]+)"', svg))
    assert len(paths) <= BASE_LAYER_BUDGET
    assert len(gzip.compress(svg.encode(), 9)) < 7000  # with the page around it (about 5 KB) within 14.6 KB
    assert 'class="street major"' in svg and '<path class="street" d=' not in svg  # minor streets go first, never the main ones
    sparse = town_map(SERVICES, _grid(streets=6, points=20), "")
    assert sparse is not None and '<path class="street" d=' in sparse  # a town within the budget keeps every street


def test_clipping_keeps_only_what_is_inside_the_box():
    box = (0.0, 0.0, 100.0, 50.0)
    pieces = clip_line([(-50.0, 25.0), (50.0, 25.0), (50.0, 100.0), (150.0, 100.0)], box)
    assert pieces == [[(0.0, 25.0), (50.0, 25.0), (50.0, 50.0)]]
    (ring,) = clip_area([(-10.0, -10.0), (60.0, -10.0), (60.0, 60.0), (-10.0, 60.0), (-10.0, -10.0)], box)
    assert all(0 <= x <= 100 and 0 <= y <= 50 for x, y in ring) and ring[0] == ring[-1]
    assert {(0.0, 0.0), (60.0, 0.0), (60.0, 50.0), (0.0, 50.0)} <= set(ring)
    assert clip_area([(200.0, 200.0), (210.0, 200.0), (210.0, 210.0), (200.0, 200.0)], box) == []
