"""sitemap.xml (portal.outputs.sitemap): what search engines read. Every page worth finding once, with the date
its facts were checked and the same page in every other language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import copy_of_minimal, run_stages, write
from portal.build import build
from portal.outputs.sitemap import sitemap_xml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap(site) -> tuple[bytes, dict[str, ET.Element]]:
    """The sitemap's bytes, and each <url> element by its <loc>."""
    stages = run_stages(site)
    data = sitemap_xml(stages.plan, stages.setup.config)
    root = ET.fromstring(data)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return data, {url.findtext("s:loc", namespaces=NS): url for url in root.findall("s:url", NS)}


def alternates(url: ET.Element) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS) if link.get("rel") == "alternate"}


@pytest.fixture(scope="module")
def urls(tmp_path_factory):
    """The minimal fixture's sitemap, made once: the tests only read it."""
    return sitemap(copy_of_minimal(tmp_path_factory.mktemp("sitemap")))[1]


def test_every_page_worth_finding_is_listed_once_in_every_language(urls):
    assert len(urls) == len(set(urls))
    for prefix in ("sr-latn", "sr-cyrl", "cs", "en"):
        for path in ("", "services/", "services/pravna-pomoc/", "needs/legal-aid/", "municipalities/novi-sad/", "about/"):
            assert f"https://help.example.org/{prefix}/{path}" in urls
    assert "https://help.example.org/" in urls  # the language chooser


def test_no_page_not_found_is_listed(urls):
    assert not [loc for loc in urls if "404" in loc]


def test_an_entry_s_page_is_dated_by_the_day_its_facts_were_checked(site):
    write(site / "content/organisations/mreza/facts.yml", "type: network\ncountry: RS\nlast_verified: 2025-02-03\n")
    _data, urls = sitemap(site)
    assert urls["https://help.example.org/cs/organisations/mreza/"].findtext("s:lastmod", namespaces=NS) == "2025-02-03"
    assert urls["https://help.example.org/en/services/pravna-pomoc/"].findtext("s:lastmod", namespaces=NS) == "2026-11-01"
    assert urls["https://help.example.org/en/services/"].find("s:lastmod", NS) is None  # a list has no date of its own


def test_each_page_names_itself_and_its_other_languages_and_a_default(urls):
    expected = {
        "sr-Latn": "https://help.example.org/sr-latn/services/pravna-pomoc/",
        "sr-Cyrl": "https://help.example.org/sr-cyrl/services/pravna-pomoc/",
        "cs": "https://help.example.org/cs/services/pravna-pomoc/",
        "en": "https://help.example.org/en/services/pravna-pomoc/",
        "x-default": "https://help.example.org/sr-latn/services/pravna-pomoc/",  # the default language
    }
    for loc in expected.values():
        assert alternates(urls[loc]) == expected


def test_the_start_pages_default_is_the_language_chooser(urls):
    assert alternates(urls["https://help.example.org/en/"])["x-default"] == "https://help.example.org/"
    assert alternates(urls["https://help.example.org/"])["x-default"] == "https://help.example.org/"


def test_an_address_with_characters_xml_reserves_is_escaped_and_reads_back_as_written(site):
    config = site / "site.yml"
    write(config, config.read_text(encoding="utf-8").replace("https://help.example.org/", "https://example.org/q&a/<'\">/"))
    data, urls = sitemap(site)
    assert "https://example.org/q&a/<'\">/en/about/" in urls
    assert alternates(urls["https://example.org/q&a/<'\">/en/about/"])["cs"] == "https://example.org/q&a/<'\">/cs/about/"
    assert b"q&amp;a/&lt;" in data and not re.search(rb"&(?!amp;|lt;|gt;|quot;)", data)  # every & starts an entity


def test_the_sitemap_is_utf8_xml_and_ends_with_a_line_break(site):
    data, _urls = sitemap(site)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n') and data.endswith(b"</urlset>\n")


def test_a_build_makes_the_sitemap_with_alternates_and_without_404(site):
    xml = build(site).files["sitemap.xml"].decode("utf-8")
    assert "<loc>https://help.example.org/cs/services/pravna-pomoc/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="sr-Cyrl" href="https://help.example.org/sr-cyrl/services/pravna-pomoc/"/>' in xml
    )
    assert "404" not in xml
