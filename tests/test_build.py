"""Whole builds of small fixture sites: what a reader or editor sees in the output.

Most are built in memory (`build(site).files`, the bytes the write stage would write); those about the
output folder itself run `portal build`, Pagefind included, and are marked slow."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import run_portal, tree, write
from portal.build import build


def page(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


def pages_of(site: Path) -> dict[str, str]:
    """Every text file a build of `site` makes, by its path in the output, built in memory without a mistake."""
    result = build(site)
    assert not result.errors, result.errors
    return {path: data.decode("utf-8") for path, data in result.files.items() if path.endswith((".html", ".xml"))}


@pytest.mark.slow
def test_build_writes_every_language_variant(site, capsys):
    status, out, _ = run_portal(capsys, "--site", str(site), "build")
    assert status == 0
    public = site / "public"
    for prefix in ("sr-latn", "sr-cyrl", "cs", "en"):
        assert (public / prefix / "index.html").is_file()
        assert (public / prefix / "services/pravna-pomoc/index.html").is_file()
        assert (public / prefix / "404.html").is_file()
    assert '<html lang="cs"' in page(public, "cs/index.html")


@pytest.mark.slow
def test_two_builds_are_byte_identical_even_in_other_folders_and_days(site, tmp_path, capsys, monkeypatch):
    run_portal(capsys, "--site", str(site), "build", "--out", str(tmp_path / "one"))
    moved = tmp_path / "elsewhere" / "copy"
    moved.parent.mkdir()
    site.rename(moved)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    run_portal(capsys, "--site", str(moved), "build", "--out", str(tmp_path / "two"))
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


@pytest.mark.slow
def test_a_failed_build_leaves_the_previous_output_untouched(site, capsys):
    assert run_portal(capsys, "--site", str(site), "build")[0] == 0
    before = tree(site / "public")
    write(site / "content/organisations/neostart/facts.yml", "type: civil-society\nphone: [123]\nlast_verified: 2026-11-01\n")
    status, _, err = run_portal(capsys, "--site", str(site), "build")
    assert status == 1
    assert "content/organisations/neostart/facts.yml:2: error: `123` is not a phone number" in err
    assert "Nothing was written" in err
    assert tree(site / "public") == before
    assert not [p for p in site.iterdir() if p.name.startswith(".public")]


def test_missing_translation_falls_back_with_notice_and_right_lang(site):
    html = pages_of(site)["cs/about/index.html"]  # about exists only in sr-Latn; cs falls back via en to sr-Latn
    # the language named in the reader's language, carrying the lang of the words it is named in
    assert 'Tento text zatím není přeložen do vašeho jazyka. Zobrazuje se v jazyce: <span lang="cs">srbština</span>.' in html
    assert '<h1><span lang="sr-Latn">O nama</span></h1>' in html
    assert '<div class="body" lang="sr-Latn">' in html
    assert '<html lang="cs"' in html


def test_field_by_field_fallback_keeps_the_translated_title(site):
    write(site / "content/organisations/neostart/cs.md", "---\ntitle: Neostart (CZ)\n---\n")
    html = pages_of(site)["cs/organisations/neostart/index.html"]
    assert "<h1>Neostart (CZ)</h1>" in html
    assert '<div class="body" lang="en">' in html and "Neostart helps people after prison." in html
    assert '<p class="lead"><span lang="en">A citizens&#39; association.</span></p>' in html


def test_serbian_cyrillic_is_written_from_latin_keeping_addresses(site):
    html = pages_of(site)["sr-cyrl/about/index.html"]
    assert "Његош је писао о инјекцији љубави." in html
    assert "info@example.org" in html and "https://example.org/lj" in html
    assert 'class="notice"' not in html  # transliterated Serbian is not a fallback
    assert "1. новембар 2026." in html


def test_no_translation_notice_where_the_text_is_translated(site):
    assert 'class="notice"' not in pages_of(site)["en/organisations/neostart/index.html"]


class Alternates(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:  # not the feed's alternate (Atom)
            self.links[a["hreflang"]] = urlsplit(a["href"]).path
        if tag == "html":
            self.lang = a.get("lang")


def test_hreflang_links_are_reciprocal_and_name_the_page_itself(site):
    pages = {}
    for path, html in pages_of(site).items():
        if path == "index.html" or path.endswith("/index.html"):
            parser = Alternates()
            parser.feed(html)
            pages[f"/{path.removesuffix('index.html')}"] = parser
    checked = 0
    for url, parser in pages.items():
        if not parser.links:
            continue
        assert "x-default" in parser.links
        assert url in parser.links.values()
        if url != "/":  # the chooser is in no one language
            assert parser.links[parser.lang] == url
        for tag, target in parser.links.items():
            if tag == "x-default":
                continue
            assert url in pages[target].links.values(), f"{target} does not link back to {url}"
            checked += 1
    assert checked > 100


def test_language_menu_keeps_the_reader_on_the_same_page(site):
    html = pages_of(site)["en/services/pravna-pomoc/index.html"]
    assert '<a href="/sr-cyrl/services/pravna-pomoc/" lang="sr-Cyrl" hreflang="sr-Cyrl">Српски</a>' in html
    assert 'aria-current="page">English</a>' in html


def test_root_is_a_language_chooser_naming_each_language_in_itself(site):
    html = pages_of(site)["index.html"]
    for prefix, name in (("sr-latn", "Srpski"), ("sr-cyrl", "Српски"), ("cs", "Čeština"), ("en", "English")):
        assert re.search(rf'<a class="choice" href="/{prefix}/" hreflang="[^"]+"><strong>{name}</strong>', html)


def add_organisations(site: Path, count: int) -> None:
    for number in range(count):
        write(site / f"content/organisations/org-{number}/facts.yml", "type: civil-society\nlast_verified: 2026-11-01\n")
        write(site / f"content/organisations/org-{number}/sr-Latn.md", f"---\ntitle: Org {number}\n---\n")


def count_lines(site: Path) -> dict[str, str]:
    """The line under the heading of the list of organisations, by language prefix."""
    pages = pages_of(site)
    return {
        prefix: re.search(r"<h1>.*?</h1>\n<p>(.*?)</p>", pages[f"{prefix}/organisations/index.html"]).group(1)
        for prefix in ("cs", "sr-latn", "sr-cyrl", "en")
    }


def test_plural_forms_in_czech_and_serbian(site):
    lines = count_lines(site)
    assert (lines["cs"], lines["sr-latn"], lines["sr-cyrl"]) == ("2 položky", "2 stavke", "2 ставке")
    add_organisations(site, 3)
    lines = count_lines(site)
    assert (lines["cs"], lines["sr-latn"]) == ("5 položek", "5 stavki")
    add_organisations(site, 19)
    lines = count_lines(site)
    assert (lines["cs"], lines["sr-latn"]) == ("21 položek", "21 stavka")
    assert lines["en"] == "21 entries"


def test_the_site_s_catalog_changes_some_words_and_the_theme_s_catalog_gives_the_rest(site):
    # The fixture's locales/cs.po says "položka" where the theme says "záznam", and has no other word of the menu.
    html = build(site).files["cs/organisations/index.html"].decode()
    assert "2 položky" in html and "záznam" not in html
    assert '<a class="skip" href="#main">Přejít na obsah</a>' in html  # the theme's Czech
    assert re.search(r'<a class="search-link" href="/cs/search/"><svg .*?</svg><span>Hledání</span></a>', html)


def test_romani_pages_get_dates_in_words_with_the_documented_month_names(site):
    config = (site / "site.yml").read_text()
    write(
        site / "site.yml",
        config.replace(
            "categories:", "  - tag: rom\n    name: Romani čhib\n    prefix: rom\n    fallback: [sr-Latn, en]\ncategories:"
        ),
    )
    html = build(site).files["rom/organisations/neostart/index.html"].decode()
    assert '<html lang="rom"' in html
    assert "1. novembro 2026." in html  # docs/romani.md
    assert "1. 11. 2026." not in html
