"""Maps: points land where their coordinates say, outlines are drawn once, disputed boundaries as configured."""

from __future__ import annotations

import math
import re

from portal.maps import MapPoint, Viewport, area_map, country_map, mercator

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


def test_country_map_places_numbered_linked_points_inside_the_box():
    svg = country_map(
        ["RS", "XK"],
        [
            MapPoint(1, *NOVI_SAD, "Novi Sad", "/en/municipalities/novi-sad/"),
            MapPoint(2, *NIS, "Niš <&>", "/en/municipalities/nis/"),
        ],
        "Map of Serbia",
    )
    assert svg.startswith('<svg class="map" viewBox="0 0 320 ') and 'aria-label="Map of Serbia"' in svg
    assert '<a href="/en/municipalities/novi-sad/"><title>1. Novi Sad</title>' in svg
    assert "<title>2. Niš &lt;&amp;&gt;</title>" in svg
    height = float(re.search(r'viewBox="0 0 320 ([\d.]+)"', svg).group(1))
    for cx, cy in re.findall(r'<circle cx="([\d.-]+)" cy="([\d.-]+)"', svg):
        assert 0 < float(cx) < 320 and 0 < float(cy) < height
    assert len(svg.encode()) < 9000  # small enough for the page budget


def test_disputed_boundary_is_drawn_as_the_site_says():
    dashed = country_map(["RS", "XK"], [], "m", disputed_boundary="dashed")
    solid = country_map(["RS", "XK"], [], "m", disputed_boundary="solid")
    none = country_map(["RS", "XK"], [], "m", disputed_boundary="none")
    assert dashed.count('class="border disputed"') >= 1
    assert 'class="border disputed"' not in solid and 'class="border disputed"' not in none
    assert none.count('class="border"') < solid.count('class="border"')


def test_area_map_of_one_place_has_a_scale_bar():
    svg = area_map([MapPoint(1, *NOVI_SAD, "Centre")], "Map")
    assert re.search(r'class="scale-label">\d+ (m|km)</text>', svg)
    assert "<g><title>1. Centre</title>" in svg
