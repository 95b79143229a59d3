"""pathway.js in Debian's Chromium: a ticked step is remembered on the phone (and nowhere else), for that pathway only,
in every language; without JavaScript the steps are a plain numbered list with nothing that pretends to remember.
The made-up pathways of tests/test_pathways.py, on a copy of the minimal site. Skipped, with the reason, where
Playwright, Chromium or axe-core is missing."""

from __future__ import annotations

import pytest

from browser_support import launched_chromium, new_page
from conftest import REPO, copy_of_minimal, serve_folder
from portal.build import BuildOptions, build
from test_pathways import add_pathways

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
A, B = "/sr-latn/pathways/papers-a/", "/sr-latn/pathways/papers-b/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    folder = copy_of_minimal(tmp_path_factory.mktemp("pathways"))
    add_pathways(folder)
    out = folder.parent / "public"
    result = build(folder, BuildOptions(out=out))
    assert result.written, [problem.format() for problem in result.errors]
    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_chromium(sync_api) as launched:
        yield launched


def ticked(page) -> dict[str, bool]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('.steps input')].map((box) => [box.value, box.checked]))"
    )


def test_a_ticked_step_is_remembered_for_that_pathway_in_every_language(browser, site_url):
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(A)
    assert page.locator("#pathway-memory").is_visible()
    assert ticked(page) == {"first-office": False, "second-office": False}
    page.locator("input[value=second-office]").check()
    assert page.locator("#step-second-office").evaluate("(step) => step.classList.contains('done')")
    page.reload()
    assert ticked(page) == {"first-office": False, "second-office": True}
    page.goto(A.replace("sr-latn", "en"))  # the same pathway read in another language: the same ticks
    assert ticked(page) == {"first-office": False, "second-office": True}
    page.goto(B)  # another pathway keeps its own
    assert ticked(page) == {"only-step": False}
    page.goto(A)
    page.locator("input[value=second-office]").uncheck()
    page.reload()
    assert ticked(page) == {"first-office": False, "second-office": False}
    assert errors == [] and page.evaluate("window.__cspViolations") == []
    page.context.close()


def test_without_javascript_the_steps_are_a_plain_list(browser, site_url):
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page.goto(A)
    steps = page.locator(".steps > li")
    assert steps.count() == 2
    assert "Idite u prvu kancelariju." in steps.nth(0).inner_text()
    assert page.locator(".steps input").first.is_hidden()  # no tick that would be forgotten
    assert page.locator("#pathway-memory").is_hidden()
    assert page.locator('.steps a[href^="tel:"]').first.is_visible()  # the Call button works without a script
    page.context.close()


@pytest.mark.parametrize("url", [A, A.replace("sr-latn", "en"), "/sr-latn/pathways/"])
def test_axe_finds_no_violations_with_the_ticks_shown(browser, site_url, url):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE.relative_to(REPO)} missing); run npm ci")
    page = new_page(browser, site_url, viewport={"width": 320, "height": 640}, bypass_csp=True)
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, rules: {'target-size': {enabled: true}}})", AXE_TAGS
    )
    assert result["passes"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.context.close()
