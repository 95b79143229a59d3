"""The maps as a reader's phone shows them: Debian's Chromium at 360 px, measuring what is drawn.

Every language variant of the sample's places page: each marker at least 24 px wide (WCAG 2.5.8;
44 px preferred), no marker on another marker or on a label, no label on another, names at least
12 px high; the sr-Cyrl names in Cyrillic. Also a town page with its base layer (the made-up town of
fixtures/town-map) and a place without one (the town shown in its country).
"""

from __future__ import annotations

import itertools
import re
import shutil

import pytest

from browser_support import launched_chromium, new_page
from conftest import FIXTURES, REPO, copy_of_minimal, serve_folder
from portal.cli import main

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "service_workers": "block"}
VARIANTS = ["sr-latn", "sr-cyrl", "mk", "cs", "rom", "sq", "de", "en"]

# Boxes of what each map draws, in CSS px of the page: markers, the names beside them, the name's font size.
MEASURE = """() => [...document.querySelectorAll('svg.map')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {
    pins: [...svg.querySelectorAll('circle.pin')].map(box),
    links: [...svg.querySelectorAll('a')].map(box),
    names: [...svg.querySelectorAll('text.name:not(.halo)')].map(e => ({box: box(e), text: e.textContent,
      px: parseFloat(getComputedStyle(e).fontSize) * scale})),
  };
})"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The sample portal (pages only) and the made-up town, built and served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("maps")
    sample = folder / "sample"
    sample.mkdir()
    shutil.copytree(REPO / "content", sample / "content")
    shutil.copy(REPO / "site.yml", sample / "site.yml")
    (sample / "site.yml").write_text(
        (sample / "site.yml").read_text().replace("with_every_build: true", "with_every_build: false")
    )
    town = copy_of_minimal(folder / "town")
    shutil.copytree(FIXTURES / "town-map", town, dirs_exist_ok=True)
    out = folder / "public"
    assert main(["--site", str(sample), "build", "--out", str(out / "sample")]) == 0
    assert main(["--site", str(town), "build", "--out", str(out / "town")]) == 0
    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="module")
def phone(site_url):
    with launched_chromium(sync_api) as browser:
        yield new_page(browser, site_url, **PHONE)


def _meet(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def _circles_meet(a, b) -> bool:
    (ax, ay, ar), (bx, by, br) = (((r[0] + r[2]) / 2, (r[1] + r[3]) / 2, (r[2] - r[0]) / 2) for r in (a, b))
    return (ax - bx) ** 2 + (ay - by) ** 2 < (ar + br - 0.5) ** 2


def _circle_meets_box(circle, box) -> bool:
    cx, cy, r = (circle[0] + circle[2]) / 2, (circle[1] + circle[3]) / 2, (circle[2] - circle[0]) / 2
    nx, ny = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
    return (cx - nx) ** 2 + (cy - ny) ** 2 < (r - 0.5) ** 2


@pytest.mark.parametrize("variant", VARIANTS)
def test_places_overview_markers_are_tappable_and_nothing_covers_anything(phone, variant):
    phone.goto(f"/sample/{variant}/municipalities/")
    maps = phone.evaluate(MEASURE)
    assert len(maps) == 2  # Serbia and Czechia, the sample's countries
    for drawn in maps:
        assert drawn["pins"] and len(drawn["names"]) == len(drawn["pins"])
        for pin in drawn["pins"]:
            assert pin[2] - pin[0] >= 24, f"a marker {pin[2] - pin[0]:.1f} px wide"
        for link in drawn["links"]:
            assert min(link[2] - link[0], link[3] - link[1]) >= 24
        for a, b in itertools.combinations(drawn["pins"], 2):
            assert not _circles_meet(a, b), (a, b)
        for a, b in itertools.combinations(drawn["names"], 2):
            assert not _meet(a["box"], b["box"]), (a["text"], b["text"])
        for pin, name in itertools.product(drawn["pins"], drawn["names"]):
            assert not _circle_meets_box(pin, name["box"]), name["text"]
        assert all(name["px"] >= 12 for name in drawn["names"])


def test_serbian_cyrillic_names_are_in_cyrillic_and_the_main_country_comes_first(phone):
    phone.goto("/sample/sr-cyrl/municipalities/")
    first, second = phone.evaluate(MEASURE)
    names = [name["text"] for name in first["names"] + second["names"]]
    assert "Београд" in [name["text"] for name in first["names"]]
    assert all(re.fullmatch(r"[\u0400-\u04ff ]+", name) for name in names), names


def test_a_town_with_its_streets_and_a_town_without(phone):
    phone.goto("/town/sr-latn/municipalities/izmisljeno-polje/")
    (town,) = phone.evaluate(MEASURE)
    assert len(town["pins"]) == 3 and all(pin[2] - pin[0] >= 24 for pin in town["pins"])
    assert phone.locator("svg.map text.credit:not(.halo)").text_content() == "© OpenStreetMap contributors, ODbL"
    phone.goto("/sample/sr-latn/municipalities/nis/")
    (country,) = phone.evaluate(MEASURE)
    assert [name["text"] for name in country["names"]] == ["Niš"] and country["links"] == []
