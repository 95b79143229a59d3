"""Whole builds of small fixture sites: what a reader or editor sees in the output."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from conftest import run_portal, tree, write
from portal.build import build


def page(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


def test_build_writes_every_language_variant(site, capsys):
    status, out, _ = run_portal(capsys, "--site", str(site), "build")
    assert status == 0
    public = site / "public"
    for prefix in ("sr-latn", "sr-cyrl", "cs", "en"):
        assert (public / prefix / "index.html").is_file()
        assert (public / prefix / "services/pravna-pomoc/index.html").is_file()
        assert (public / prefix / "404.html").is_file()
    assert '<html lang="cs"' in page(public, "cs/index.html")


def test_two_builds_are_byte_identical_even_in_other_folders_and_days(site, tmp_path, capsys, monkeypatch):
    run_portal(capsys, "--site", str(site), "build", "--out", str(tmp_path / "one"))
    moved = tmp_path / "elsewhere" / "copy"
    moved.parent.mkdir()
    site.rename(moved)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    run_portal(capsys, "--site", str(moved), "build", "--out", str(tmp_path / "two"))
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


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


def test_missing_translation_falls_back_with_notice_and_right_lang(site, capsys):
    run_portal(capsys, "--site", str(site), "build")
    html = page(site / "public", "cs/about/index.html")  # about exists only in sr-Latn; cs falls back via en to sr-Latn
    assert "Tento text zatím není přeložen do vašeho jazyka. Zobrazuje se v jazyce: Srpski." in html
    assert '<h1><span lang="sr-Latn">O nama</span></h1>' in html
    assert '<div class="body" lang="sr-Latn">' in html
    assert '<html lang="cs"' in html


def test_field_by_field_fallback_keeps_the_translated_title(site, capsys):
    write(site / "content/organisations/neostart/cs.md", "---\ntitle: Neostart (CZ)\n---\n")
    run_portal(capsys, "--site", str(site), "build")
    html = page(site / "public", "cs/organisations/neostart/index.html")
    assert "<h1>Neostart (CZ)</h1>" in html
    assert '<div class="body" lang="en">' in html and "Neostart helps people after prison." in html
    assert '<p class="lead"><span lang="en">A citizens&#39; association.</span></p>' in html


def test_serbian_cyrillic_is_written_from_latin_keeping_addresses(site, capsys):
    run_portal(capsys, "--site", str(site), "build")
    html = page(site / "public", "sr-cyrl/about/index.html")
    assert "Његош је писао о инјекцији љубави." in html
    assert "info@example.org" in html and "https://example.org/lj" in html
    assert 'class="notice"' not in html  # transliterated Serbian is not a fallback
    assert "1. новембар 2026." in html


def test_no_translation_notice_where_the_text_is_translated(site, capsys):
    run_portal(capsys, "--site", str(site), "build")
    assert 'class="notice"' not in page(site / "public", "en/organisations/neostart/index.html")


class Alternates(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate":
            self.links[a["hreflang"]] = urlsplit(a["href"]).path
        if tag == "html":
            self.lang = a.get("lang")


def test_hreflang_links_are_reciprocal_and_name_the_page_itself(site, capsys):
    run_portal(capsys, "--site", str(site), "build")
    public = site / "public"
    pages = {}
    for file in public.rglob("index.html"):
        parser = Alternates()
        parser.feed(file.read_text(encoding="utf-8"))
        folder = file.parent.relative_to(public).as_posix()
        pages["/" if folder == "." else f"/{folder}/"] = parser
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


def test_language_menu_keeps_the_reader_on_the_same_page(site, capsys):
    run_portal(capsys, "--site", str(site), "build")
    html = page(site / "public", "en/services/pravna-pomoc/index.html")
    assert '<a href="/sr-cyrl/services/pravna-pomoc/" lang="sr-Cyrl" hreflang="sr-Cyrl">Српски</a>' in html
    assert 'aria-current="page">English</a>' in html


def test_root_is_a_language_chooser_naming_each_language_in_itself(site, capsys):
    run_portal(capsys, "--site", str(site), "build")
    html = page(site / "public", "index.html")
    for prefix, name in (("sr-latn", "Srpski"), ("sr-cyrl", "Српски"), ("cs", "Čeština"), ("en", "English")):
        assert re.search(rf'<a class="choice" href="/{prefix}/" hreflang="[^"]+"><strong>{name}</strong>', html)


def test_sitemap_lists_pages_with_alternates_and_not_404(site, capsys):
    run_portal(capsys, "--site", str(site), "build")
    xml = page(site / "public", "sitemap.xml")
    assert "<loc>https://help.example.org/cs/services/pravna-pomoc/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="sr-Cyrl" href="https://help.example.org/sr-cyrl/services/pravna-pomoc/"/>' in xml
    )
    assert "404" not in xml


def add_organisations(site: Path, count: int) -> None:
    for number in range(count):
        write(site / f"content/organisations/org-{number}/facts.yml", "type: civil-society\nlast_verified: 2026-11-01\n")
        write(site / f"content/organisations/org-{number}/sr-Latn.md", f"---\ntitle: Org {number}\n---\n")


def count_line(site: Path, prefix: str) -> str:
    html = build(site).files[f"{prefix}/organisations/index.html"].decode()
    return re.search(r"<h1>.*?</h1>\n<p>(.*?)</p>", html).group(1)


def test_plural_forms_in_czech_and_serbian(site):
    assert (count_line(site, "cs"), count_line(site, "sr-latn"), count_line(site, "sr-cyrl")) == (
        "2 položky",
        "2 stavke",
        "2 ставке",
    )
    add_organisations(site, 3)
    assert (count_line(site, "cs"), count_line(site, "sr-latn")) == ("5 položek", "5 stavki")
    add_organisations(site, 19)
    assert (count_line(site, "cs"), count_line(site, "sr-latn")) == ("21 položek", "21 stavka")
    assert count_line(site, "en") == "21 entries"


def test_the_site_s_catalog_changes_some_words_and_the_theme_s_catalog_gives_the_rest(site):
    # The fixture's locales/cs.po says "položka" where the theme says "záznam", and has no other word of the menu.
    html = build(site).files["cs/organisations/index.html"].decode()
    assert "2 položky" in html and "záznam" not in html
    assert '<a class="skip" href="#main">Přejít na obsah</a>' in html  # the theme's Czech
    assert '<span class="visually-hidden">Hledání</span>' in html


def test_romani_pages_get_dates_in_a_documented_numeric_form(site):
    config = (site / "site.yml").read_text()
    write(
        site / "site.yml",
        config.replace(
            "categories:", "  - tag: rom\n    name: Romani čhib\n    prefix: rom\n    fallback: [sr-Latn, en]\ncategories:"
        ),
    )
    html = build(site).files["rom/organisations/neostart/index.html"].decode()
    assert '<html lang="rom"' in html
    assert "1. 11. 2026." in html


def test_a_site_template_overrides_the_theme_template_of_the_same_name(site):
    write(
        site / "templates/404.html",
        "{% extends 'base.html' %}{% block title %}Oops{% endblock %}{% block main %}<h1>Custom 404</h1>{% endblock %}",
    )
    files = build(site).files
    assert "Custom 404" in files["en/404.html"].decode()
    assert "Custom 404" not in files["en/index.html"].decode()


def test_a_template_mistake_names_the_template_and_line(site):
    write(site / "templates/pages.html", "{% extends 'base.html' %}\n{% block main %}\n{{ page.entry.titel }}\n{% endblock %}")
    [problem] = [p.format() for p in build(site).problems if p.severity == "error"]
    assert re.match(
        r"^.*templates/pages\.html:3: error: the template failed on /sr-latn/about/ and 3 more page\(s\): .*titel", problem
    )
