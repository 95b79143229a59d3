"""A pull request's preview opened from disk: `portal build --relative-links` writes links that work over file://."""

from __future__ import annotations

import pytest

from browser_support import launched_chromium
from conftest import run_portal
from portal.config import Language, SiteConfig
from portal.urls import relative_html

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")


def config(base_url: str) -> SiteConfig:
    return SiteConfig({"en": "Help"}, base_url, "en", (Language("en", "English", "en", ()),), ())


@pytest.mark.parametrize(
    ("base_url", "page", "written", "relative"),
    [
        # a folder's address becomes its index.html, from the page's own folder
        ("https://h.example/", "en/services/a/index.html", 'href="/en/services/b/"', 'href="../b/index.html"'),
        ("https://h.example/", "en/index.html", 'href="/en/"', 'href="index.html"'),
        ("https://h.example/", "index.html", 'href="/en/needs/"', 'href="en/needs/index.html"'),
        # files, scripts and forms keep their names
        ("https://h.example/", "en/a/index.html", 'src="/static/x.1a2b.js"', 'src="../../static/x.1a2b.js"'),
        ("https://h.example/", "en/search/index.html", 'action="/en/search/"', 'action="index.html"'),
        ("https://h.example/", "en/a/index.html", 'href="/en/a/form.pdf"', 'href="form.pdf"'),
        # a query and a fragment stay
        ("https://h.example/", "en/a/index.html", 'href="/en/?q=x#main"', 'href="../index.html?q=x#main"'),
        # a site served from a sub-folder
        ("https://h.example/portal/", "en/a/index.html", 'href="/portal/en/b/"', 'href="../b/index.html"'),
        # not a path of this site: left as written
        ("https://h.example/", "en/a/index.html", 'href="https://other.example/x/"', 'href="https://other.example/x/"'),
        ("https://h.example/", "en/a/index.html", 'href="//other.example/x/"', 'href="//other.example/x/"'),
        ("https://h.example/", "en/a/index.html", 'href="#main"', 'href="#main"'),
        ("https://h.example/", "en/a/index.html", 'href="tel:+381"', 'href="tel:+381"'),
        ("https://h.example/portal/", "en/a/index.html", 'href="/elsewhere/"', 'href="/elsewhere/"'),
    ],
)
def test_paths_of_the_site_become_relative_to_the_page_and_folders_their_index(base_url, page, written, relative):
    assert relative_html(f"<p><a {written}>x</a></p>", page, config(base_url)) == f"<p><a {relative}>x</a></p>"


def test_text_that_looks_like_an_attribute_is_left_alone():
    text = "<p>write href=&#34;/en/&#34; in the file</p>"  # as templates and Markdown write quotes in text
    assert relative_html(text, "en/index.html", config("https://h.example/")) == text


@pytest.mark.slow
def test_the_preview_opened_from_disk_leads_from_the_home_page_to_a_service_page(site, tmp_path, capsys):
    out = tmp_path / "preview"
    status, stdout, err = run_portal(capsys, "--site", str(site), "build", "--relative-links", "--out", str(out))
    assert status == 0, err
    assert "open" in stdout and "from disk" in stdout
    with launched_chromium(sync_api) as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.set_default_timeout(15_000)
        page.goto((out / "index.html").as_uri())  # the language chooser, as a double-click opens it
        page.click('a[hreflang="sr-Latn"], a[lang="sr-Latn"]')
        assert page.url.endswith("/sr-latn/index.html")
        page.click('main a[href="needs/legal-aid/index.html"]')  # the need on the home page
        assert page.url.endswith("/sr-latn/needs/legal-aid/index.html")
        page.click('main a[href$="services/pravna-pomoc/index.html"]')
        assert page.url.startswith("file://") and page.url.endswith("/sr-latn/services/pravna-pomoc/index.html")
        assert page.locator("h1").inner_text() == "Besplatna pravna pomoć"
        page.click(".langs summary")  # the same page in English, from the language menu
        page.click('.langs a[hreflang="en"]')
        assert page.url.endswith("/en/services/pravna-pomoc/index.html")


def test_a_relative_build_leaves_no_state_for_the_next_build_to_trust(site, tmp_path, capsys):
    out = tmp_path / "public"
    assert run_portal(capsys, "--site", str(site), "build", "--out", str(out))[0] == 0
    assert run_portal(capsys, "--site", str(site), "build", "--relative-links", "--out", str(out))[0] == 0
    assert 'href="../index.html"' in (out / "sr-latn/needs/index.html").read_text(encoding="utf-8")
    assert run_portal(capsys, "--site", str(site), "build", "--out", str(out))[0] == 0
    html = (out / "sr-latn/needs/index.html").read_text(encoding="utf-8")
    assert 'href="/sr-latn/"' in html and 'href="../index.html"' not in html  # published pages link as published
