"""Where help is: municipality pages list resources by need with a numbered map; the overview maps places as links."""

from __future__ import annotations

import re

from conftest import write
from portal.build import build

SERVICE = "content/services/pravna-pomoc/facts.yml"


def page(site, path: str) -> str:
    result = build(site)
    assert result.errors == [], [p.format() for p in result.errors]
    return result.files[path].decode()


def test_municipality_page_numbers_its_resources_on_the_map_and_in_the_list(site):
    write(site / SERVICE, (site / SERVICE).read_text() + "coordinates: [45.2551, 19.8449]\n")
    html = page(site, "en/municipalities/novi-sad/index.html")
    svg = re.search(r'<svg class="map".*?</svg>', html, re.S).group(0)
    assert '<a href="/en/services/pravna-pomoc/"><title>1. Besplatna pravna pomoć</title>' in svg
    assert 'class="scale-label"' in svg
    assert re.search(r'<span class="number" aria-hidden="true">1</span> <a href="/en/services/pravna-pomoc/">', html)
    # the services come first, each a card; the map that repeats their numbers follows the list
    assert html.index('<svg class="map"') > html.index("Legal aid</h2>")


def test_without_located_resources_the_map_shows_where_the_town_is(site):
    html = page(site, "sr-latn/municipalities/novi-sad/index.html")
    svg = re.search(r'<svg class="map".*?</svg>', html, re.S).group(0)
    assert 'class="land"' in svg and "<circle" in svg


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
