"""What the browser tests share: Debian's Chromium driven by Playwright, and pages that record CSP violations."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Collects Content-Security-Policy violations before any script of the page runs.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline"));
});
"""


def find_chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or next((path for path in ("/usr/bin/chromium", "/usr/lib/chromium/chromium") if Path(path).is_file()), None)
    )


@contextlib.contextmanager
def launched_chromium(sync_api):
    """Debian's Chromium (Playwright cannot download its own here); the tests skip, saying why, without it."""
    chromium = find_chromium()
    if chromium is None:
        reason = "no Chromium found (looked for chromium on PATH and /usr/bin/chromium); apt-get install chromium"
        print(f"skipping the browser tests: {reason}")
        pytest.skip(reason)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser, site_url: str, **options):
    """A page in a context of its own (Playwright's options, e.g. viewport), recording CSP violations."""
    context = browser.new_context(base_url=site_url, **options)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page
