"""The quick exit of a sensitive page, in Debian's Chromium (issue 22): the button leaves for the neutral site and
takes this page out of the history, three presses of Shift do the same, without JavaScript it is a plain link;
and the service worker never keeps a sensitive page, while it keeps the others a reader opened.

The neutral site (https://www.google.com/ by default) is answered by the test itself: nothing leaves the machine."""

from __future__ import annotations

import re

import pytest

from browser_support import launched_chromium, new_page
from conftest import FIXTURES, serve_folder

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")

NEUTRAL = "https://www.google.com/"
SAFETY = "/sr-latn/needs/safety/"
SHELTER = "/sr-latn/services/primer-sigurna-kuca/"
PLACE = "/sr-latn/municipalities/primerovo/"
ADVICE = "/sr-latn/services/primer-pravni-savet/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from portal.cli import main

    out = tmp_path_factory.mktemp("reach-browser") / "public"
    assert main(["--site", str(FIXTURES / "reach"), "build", "--out", str(out)]) == 0
    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_chromium(sync_api) as launched:
        yield launched


def neutral_page(page) -> None:
    """The neutral site, answered here: a page that says nothing about the portal."""
    page.route(f"{NEUTRAL}**", lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Neutral</title>"))


def visit(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url


@pytest.mark.parametrize("url", [SAFETY, SHELTER])
def test_the_exit_button_leaves_for_the_neutral_site_and_back_does_not_return(browser, site_url, url):
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740}, service_workers="block")
    try:
        neutral_page(page)
        visit(page, "/sr-latn/")
        visit(page, url)
        button = page.locator("[data-quick-exit]")
        assert button.is_visible() and button.bounding_box()["y"] < 80, "the first thing on the screen"
        button.click()
        page.wait_for_url(NEUTRAL)
        assert page.title() == "Neutral"
        page.go_back(wait_until="load")
        assert page.url == f"{site_url}/sr-latn/", "the sensitive page is no longer in the history"
        assert page.evaluate("window.__cspViolations") == []
    finally:
        page.context.close()


def test_pressing_shift_three_times_leaves_too_and_two_presses_do_not(browser, site_url):
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740}, service_workers="block")
    try:
        neutral_page(page)
        visit(page, "/sr-latn/")
        visit(page, SAFETY)
        assert page.locator(".quick-exit-hint").is_visible(), "with JavaScript, the page tells of the shortcut"
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        page.keyboard.press("a")  # another key between: the count starts again
        page.keyboard.press("Shift")
        page.wait_for_timeout(300)
        assert page.url == f"{site_url}{SAFETY}"
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        page.wait_for_url(NEUTRAL)
        page.go_back(wait_until="load")
        assert page.url == f"{site_url}/sr-latn/"
    finally:
        page.context.close()


def test_without_javascript_the_exit_button_is_a_plain_link_to_the_neutral_site(browser, site_url):
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        neutral_page(page)
        visit(page, SAFETY)
        assert not page.locator(".quick-exit-hint").is_visible(), "no shortcut is promised that cannot work"
        page.locator("[data-quick-exit]").click()
        page.wait_for_url(NEUTRAL)
    finally:
        page.context.close()


def test_the_service_worker_never_keeps_a_sensitive_page_but_keeps_the_others(browser, site_url):
    context = browser.new_context(base_url=site_url, service_workers="allow")
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        visit(page, PLACE)  # registers the worker; the place asks to keep its services (not the shelter)
        page.evaluate("navigator.serviceWorker.ready")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        for url in (SHELTER, SAFETY, ADVICE):  # each visited with the worker in control
            visit(page, url)
        kept = """async () => {
            const cache = await caches.open("portal-pages");
            return (await cache.keys()).map((request) => new URL(request.url).pathname);
        }"""
        page.wait_for_function(
            f"({kept})().then((paths) => paths.includes({ADVICE!r}) && paths.includes({PLACE!r}))", timeout=15_000
        )
        page.wait_for_timeout(500)  # the worker reads a page before it decides: let the last ones settle
        paths = page.evaluate(kept)
        assert SHELTER not in paths and SAFETY not in paths, paths
        context.set_offline(True)
        visit(page, ADVICE)  # kept: it reads offline
        with pytest.raises(sync_api.Error):
            page.goto(SHELTER)  # not kept: offline, it is not there
    finally:
        context.close()


SAVED_KEYS = """async () => {
    const cache = await caches.open("portal-saved");
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
}"""


def test_save_for_offline_keeps_a_place_and_its_services_lists_them_warns_when_old_and_deletes_them(browser, site_url):
    context = browser.new_context(base_url=site_url, service_workers="allow", viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        visit(page, PLACE)
        block = page.locator("[data-save]")
        assert block.is_visible()
        urls = block.get_attribute("data-save").split()
        assert urls[0] == PLACE and ADVICE in urls and SHELTER not in urls
        block.locator("button").click()
        status = block.locator("[role=status]")
        page.wait_for_function("() => document.querySelector('[data-save] [role=status]').textContent.startsWith('Sačuvano')")
        assert re.search(r"\(\d+ KB\)", status.inner_text()), status.inner_text()
        assert sorted(page.evaluate(SAVED_KEYS)) == sorted([*urls, "/saved-index.json"])

        visit(page, "/sr-latn/saved/")
        page.wait_for_selector("[data-saved-list] li")
        items = page.locator("[data-saved-list] li")
        assert items.count() == 1 and items.locator("a").get_attribute("href") == PLACE
        assert "Sačuvano" in items.inner_text() and "KB" in items.inner_text()
        assert page.locator("[data-saved-empty]").is_hidden()

        visit(page, ADVICE)
        assert page.locator(".saved-note").count() == 0, "online, the page is the site's own, not a copy"
        context.set_offline(True)
        visit(page, ADVICE)
        page.wait_for_selector(".saved-note")  # saved.js reads the phone's storage after the page has loaded
        note = page.locator(".saved-note")
        assert note.is_visible() and note.inner_text().startswith("Sačuvano") and "stara" not in note.inner_text()
        context.set_offline(False)

        page.evaluate(
            """async () => {
            const cache = await caches.open("portal-saved");
            const items = await (await cache.match("/saved-index.json")).json();
            items.forEach((item) => { item.date = "2020-01-15"; });
            await cache.put("/saved-index.json", new Response(JSON.stringify(items)));
        }"""
        )
        context.set_offline(True)
        visit(page, ADVICE)
        page.wait_for_selector(".saved-note.notice")
        assert "stara" in page.locator(".saved-note").inner_text(), "a copy older than stale_after_months warns"
        context.set_offline(False)

        visit(page, "/sr-latn/saved/")
        page.wait_for_selector("[data-saved-list] li")
        page.locator("[data-saved-list] li button").click()
        page.wait_for_function("() => document.querySelectorAll('[data-saved-list] li').length === 0")
        assert page.locator("[data-saved-empty]").is_visible()
        assert page.evaluate(SAVED_KEYS) == ["/saved-index.json"]
    finally:
        context.close()


def test_a_sensitive_need_offers_no_saving_and_without_javascript_nothing_of_it_shows(browser, site_url):
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        visit(page, PLACE)
        assert page.locator("[data-save]").is_hidden()
        visit(page, SAFETY)
        assert page.locator("[data-save]").count() == 0
        visit(page, "/sr-latn/saved/")
        assert page.locator("noscript").count() == 1
    finally:
        page.context.close()


@pytest.mark.parametrize(
    ("language", "written"), [("rom", "1. novembro 2026."), ("sr-latn", "1. novembar 2026."), ("en", "1 November 2026")]
)
def test_the_saved_page_writes_the_day_of_a_copy_in_the_readers_words(browser, site_url, language, written):
    """Browsers have no Romani month names (Intl falls back to English): a Romani page gives saved.js its own."""
    context = browser.new_context(base_url=site_url, service_workers="allow", viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        visit(page, f"/{language}/saved/")
        page.evaluate(
            """async (place) => {
            const cache = await caches.open("portal-saved");
            const item = { page: place, title: "Primer", date: "2026-11-01", bytes: 4096, urls: [place] };
            await cache.put("/saved-index.json", new Response(JSON.stringify([item])));
        }""",
            PLACE,
        )
        visit(page, f"/{language}/saved/")
        page.wait_for_selector("[data-saved-list] li")
        text = page.locator("[data-saved-list] li").inner_text()
        assert written in text, text
        assert "November" not in text or language == "en"
    finally:
        context.close()
