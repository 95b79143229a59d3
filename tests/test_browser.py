"""What only a browser shows, in Debian's Chromium through Playwright: accessibility (axe-core),
layout at 320 px, the language menu, pages without JavaScript, print, and reading offline.

The sample portal is built once and served from a local HTTP server on 127.0.0.1. One browser
is shared; each setting (axe, a reader's phone, JavaScript off, offline) has one context.
Skipped, with the reason, where Playwright, Chromium or axe-core is missing.
"""

from __future__ import annotations

import json

import pytest

from browser_support import launched_chromium, new_page
from conftest import REPO, serve_folder

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VARIANTS = {"sr-latn": "sr-Latn", "sr-cyrl": "sr-Cyrl", "mk": "mk", "cs": "cs", "rom": "rom", "sq": "sq", "de": "de", "en": "en"}
PAGE_TYPES = {
    "home": "",
    "section": "organisations/",
    "organisation": "organisations/zavod-socijalni-dejnosti/",
    "service": "services/post-penal-training-mk/",
    "municipality": "municipalities/novi-sad/",
    "project": "projects/returnee-network/",
    "free-page": "about/",
    "category": "needs/legal-aid/",
    "pathway": "pathways/residence/",
    "404": "404.html",
}
VARIANT_PAGES = [f"/{prefix}/{path}" for prefix in VARIANTS for path in PAGE_TYPES.values()]
ALL_PAGES = ["/", "/404.html", *VARIANT_PAGES]  # the chooser and the shared 404 are in no one language
PHONE = "tel:+38923230401"  # the Institute for Social Activities, in the sample content


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The sample portal, built into a temporary folder and served on a free port of 127.0.0.1."""
    from portal.cli import main

    out = tmp_path_factory.mktemp("browser") / "public"
    assert main(["--site", str(REPO), "build", "--out", str(out)]) == 0
    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_chromium(sync_api) as launched:
        yield launched


@pytest.fixture(scope="module")
def axe_page(browser, site_url):
    """A 320 px wide phone. CSP is bypassed here only, so that axe-core can be injected."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE.relative_to(REPO)} missing); run npm ci")
    page = new_page(browser, site_url, viewport={"width": 320, "height": 640}, bypass_csp=True, service_workers="block")
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def axe_dark_page(browser, site_url):
    """The same phone with the dark colour scheme: contrast is checked in both."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE.relative_to(REPO)} missing); run npm ci")
    page = new_page(
        browser, site_url, viewport={"width": 320, "height": 640}, bypass_csp=True, service_workers="block", color_scheme="dark"
    )
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def reader(browser, site_url):
    """A reader's phone with the page's own CSP in force; service workers off so tests do not depend on each other."""
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740}, service_workers="block")
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.console_errors = console_errors
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def no_script(browser, site_url):
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    yield page
    page.context.close()


def open_page(page, url: str):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'no response'}"
    return response


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{url}: {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def axe_violations(page, url: str) -> list[dict]:
    open_page(page, url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, rules: {'target-size': {enabled: true}}})", AXE_TAGS
    )
    assert result["passes"], "axe ran no check at all"
    return result["violations"]


@pytest.mark.parametrize("url", ALL_PAGES)
def test_axe_finds_no_violations(axe_page, url):
    violations = axe_violations(axe_page, url)
    assert violations == [], format_violations(url, violations)


@pytest.mark.parametrize("url", ["/", *(f"/sr-cyrl/{path}" for path in PAGE_TYPES.values())])
def test_axe_finds_no_violations_in_dark_mode(axe_dark_page, url):
    violations = axe_violations(axe_dark_page, url)
    assert violations == [], format_violations(url, violations)


@pytest.mark.parametrize("url", ALL_PAGES)
def test_page_fits_a_320px_screen(axe_page, url):
    open_page(axe_page, url)
    width = axe_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{url} is {width} px wide: it scrolls sideways on a 320 px phone"


@pytest.mark.parametrize("prefix", VARIANTS)
def test_header_keeps_its_controls_on_a_320px_screen_with_the_full_language_name(axe_page, prefix):
    # "Српски (ћирилица)" is long for 320 px: the language menu has a row of its own, where the name is never cut short.
    open_page(axe_page, f"/{prefix}/")
    boxes = axe_page.locator("header .bar > *").evaluate_all(
        "(items) => items.map((item) => { const box = item.getBoundingClientRect(); return [box.top, box.right]; })"
    )
    tops = [top for top, _ in boxes]
    assert len(boxes) == 2 and max(tops) - min(tops) < 1, f"/{prefix}/: the menu and search wrap onto two rows: {boxes}"
    assert max(right for _, right in boxes) <= 320
    summary = axe_page.locator("details.langs summary")
    assert summary.bounding_box()["height"] >= 44, "a tap target of 44 px"
    assert summary.bounding_box()["x"] + summary.bounding_box()["width"] <= 320
    name = axe_page.locator("details.langs a[aria-current]").text_content()
    shown = axe_page.locator("details.langs .lang-now")
    assert shown.inner_text().startswith(name) and shown.evaluate("(e) => e.scrollWidth <= e.clientWidth")


@pytest.mark.parametrize("url", VARIANT_PAGES)
def test_language_menu_leads_to_the_same_page_in_each_variant(reader, url):
    open_page(reader, url)
    prefix = url.split("/")[1]
    links = reader.locator("details.langs a").evaluate_all(
        "(links) => links.map((a) => [a.getAttribute('hreflang'), a.getAttribute('href'), a.textContent])"
    )
    assert [tag for tag, _, _ in links] == list(VARIANTS.values())
    for tag, href, _ in links:
        other = next(p for p, t in VARIANTS.items() if t == tag)
        assert href == url.replace(f"/{prefix}/", f"/{other}/", 1)
    # Follow one link as a reader does: open the menu, tap the next language.
    names = list(VARIANTS)
    target_prefix = names[(names.index(prefix) + 1) % len(names)]
    reader.locator("details.langs summary").click()
    reader.locator(f'details.langs a[hreflang="{VARIANTS[target_prefix]}"]').click()
    reader.wait_for_url(f"**{url.replace(f'/{prefix}/', f'/{target_prefix}/', 1)}")
    assert reader.locator("html").get_attribute("lang") == VARIANTS[target_prefix]


@pytest.mark.parametrize("url", ALL_PAGES)
def test_page_content_security_policy_is_not_violated(reader, url):
    reader.console_errors.clear()
    open_page(reader, url)
    assert reader.evaluate("window.__cspViolations") == []
    assert not [e for e in reader.console_errors if "Content Security Policy" in e], reader.console_errors
    for script in reader.locator("script[src]").evaluate_all("(scripts) => scripts.map((s) => [s.src, s.defer])"):
        assert script[0].startswith(reader.url.split("/", 3)[0] + "//" + reader.url.split("/")[2]), (
            f"{script[0]} is not same-origin"
        )
        assert script[1], f"{script[0]} is not deferred"


@pytest.mark.parametrize("prefix", VARIANTS)
def test_structured_data_is_read_as_data(reader, prefix):
    expected = {
        "organisations/zavod-socijalni-dejnosti/": "GovernmentOrganization",
        "services/post-penal-training-mk/": "Service",
        "municipalities/novi-sad/": "Place",
    }
    for path, schema_type in expected.items():
        open_page(reader, f"/{prefix}/{path}")
        data = json.loads(reader.locator('script[type="application/ld+json"]').text_content())
        assert data["@type"] == schema_type
        assert reader.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize("prefix", VARIANTS)
def test_phone_numbers_are_tap_to_call_links(reader, prefix):
    # the sample's one real number is the Institute's own (its letterhead); the training its source names no contact for
    open_page(reader, f"/{prefix}/organisations/zavod-socijalni-dejnosti/")
    calls = reader.locator(f'a[href="{PHONE}"]')
    assert calls.count() == 1
    for call in calls.all():
        assert call.is_visible() and call.bounding_box()["height"] >= 44, "a primary action needs a 44 px tap target"


@pytest.mark.parametrize("url", ALL_PAGES)
def test_page_reads_without_javascript(no_script, url):
    open_page(no_script, url)
    heading = no_script.locator("h1")
    assert heading.count() == 1 and heading.is_visible() and heading.inner_text().strip()


@pytest.mark.parametrize("prefix", ["sr-latn", "de"])
def test_menu_opens_without_javascript(no_script, prefix):
    open_page(no_script, f"/{prefix}/services/post-penal-training-mk/")
    places = no_script.locator(f'nav details.menu a[href="/{prefix}/municipalities/"]')
    assert not places.is_visible()
    no_script.locator("details.menu summary").click()
    assert places.is_visible()
    places.click()
    no_script.wait_for_url(f"**/{prefix}/municipalities/")


@pytest.mark.parametrize("prefix", ["sr-cyrl", "en"])
def test_page_prints_without_navigation_and_with_outside_addresses(reader, prefix):
    open_page(reader, f"/{prefix}/municipalities/novi-sad/")
    reader.emulate_media(media="print")
    try:
        for hidden in ("header .bar", "footer .share", ".skip"):
            assert not reader.locator(hidden).first.is_visible(), f"{hidden} is printed"
        assert reader.locator("footer .url").is_visible(), "the page's address is printed, to find it again"
        shown_after = reader.locator("main a.external").first.evaluate("(a) => getComputedStyle(a, '::after').content")
        href = reader.locator("main a.external").first.get_attribute("href")
        if "bare" not in (reader.locator("main a.external").first.get_attribute("class") or ""):
            assert href in shown_after
        assert reader.locator(".actions").first.evaluate("(list) => getComputedStyle(list).breakInside") == "avoid"
    finally:
        reader.emulate_media(media="screen")


def test_service_worker_keeps_a_place_and_its_services_for_reading_offline(browser, site_url):
    context = browser.new_context(base_url=site_url, service_workers="allow")
    try:
        page = context.new_page()
        open_page(page, "/sr-latn/municipalities/novi-sad/")
        scope = page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)")
        assert scope == f"{site_url}/"
        listed = page.locator("main").get_attribute("data-offline").split()
        assert listed, "the place's page names its services"
        page.wait_for_function(
            """async (urls) => {
            const cache = await caches.open("portal-pages");
            const kept = (await cache.keys()).map((request) => new URL(request.url).pathname);
            return urls.every((url) => kept.includes(url));
        }""",
            arg=[*listed, "/sr-latn/municipalities/novi-sad/"],
            timeout=15_000,
        )
        context.set_offline(True)
        open_page(page, listed[0])
        assert page.locator("h1").inner_text().strip()
    finally:
        context.close()
