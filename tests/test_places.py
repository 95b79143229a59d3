"""Where help is: municipality pages list resources by need with a numbered map; the overview maps places as links."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, write
from portal.build import build

SERVICE = "content/services/pravna-pomoc/facts.yml"


def page(site, path: str) -> str:
    result = build(site)
    assert result.errors == [], [p.format() for p in result.errors]
    return result.files[path].decode()


def _svg(html: str) -> str:
    return re.search(r'<svg class="map".*?</svg>', html, re.S).group(0)


def test_municipality_page_numbers_its_resources_on_the_town_map_and_in_the_list(site):
    shutil.copytree(FIXTURES / "town-map", site, dirs_exist_ok=True)  # a made-up town with its streets
    html = page(site, "en/municipalities/izmisljeno-polje/index.html")
    svg = _svg(html)
    assert '<a href="/en/services/savet-primer/"><title>2. Savet (primer)</title>' in svg
    assert '<path class="street major"' in svg and "© OpenStreetMap contributors, ODbL" in svg
    assert re.search(r'<span class="number" aria-hidden="true">2</span> <a href="/en/services/savet-primer/">', html)
    assert "The numbers on the map are those of the list below." in html
    assert html.index("<svg") < html.index("<h2>Legal aid</h2>")  # the list follows the map it explains


def test_the_town_map_writes_street_names_in_the_pages_script(site):
    shutil.copytree(FIXTURES / "town-map", site, dirs_exist_ok=True)
    latin = re.findall(
        r'<text class="street-name"[^>]*>([^<]+)<', _svg(page(site, "sr-latn/municipalities/izmisljeno-polje/index.html"))
    )
    cyrillic = re.findall(
        r'<text class="street-name"[^>]*>([^<]+)<', _svg(page(site, "sr-cyrl/municipalities/izmisljeno-polje/index.html"))
    )
    assert latin and cyrillic
    assert all(re.search("[A-Za-z]", name) and not re.search("[\u0400-\u04ff]", name) for name in latin)
    assert all(re.search("[\u0400-\u04ff]", name) and not re.search("[A-Za-z]", name) for name in cyrillic)


@pytest.mark.parametrize("located", [False, True])
def test_without_a_base_map_the_page_shows_where_the_town_is_not_an_empty_box(site, located):
    if located:  # a located service without the town's streets would be a dot in an empty box
        write(site / SERVICE, (site / SERVICE).read_text() + "coordinates: [45.2551, 19.8449]\n")
    html = page(site, "sr-latn/municipalities/novi-sad/index.html")
    svg = _svg(html)
    assert 'class="land"' in svg and 'class="ground"' not in svg and 'class="pin"' in svg
    assert re.search(r'<text class="name"[^>]*>Novi Sad</text>', svg)  # the town, named
    assert "<a " not in svg and "Gde se nalazi ovo mesto." in html


def test_overview_links_each_municipality_from_the_map(site):
    html = page(site, "cs/municipalities/index.html")
    assert '<a href="/cs/municipalities/novi-sad/"><title>1. Nový Sad</title>' in html


def test_disputed_boundary_follows_the_site_setting(site):
    assert 'class="border disputed"' in page(site, "en/municipalities/index.html")
    write(site / "site.yml", (site / "site.yml").read_text() + "map:\n  disputed_boundary: solid\n")
    assert 'class="border disputed"' not in page(site, "en/municipalities/index.html")


def test_unknown_map_setting_is_an_error(site):
    write(site / "site.yml", (site / "site.yml").read_text() + "map:\n  disputed_border: none\n")
    messages = [p.format() for p in build(site).errors]
    assert messages == ["site.yml:27: error: unknown map setting `disputed_border`; did you mean `disputed_boundary`?"]


def test_opening_hours_in_the_readers_language(site):
    write(
        site / SERVICE,
        (site / SERVICE).read_text()
        + "hours:\n  - days: [mo, tu, we, th, fr]\n    opens: '08:00'\n    closes: '15:00'\n"
        + "hours_exceptions:\n  - date: 2026-12-31\n    closed: true\n",
    )
    html = page(site, "sr-cyrl/services/pravna-pomoc/index.html")
    assert '<th scope="row">пон – пет</th><td>08:00 – 15:00</td>' in html
    assert '<th scope="row">31. децембар 2026.</th>' in html
