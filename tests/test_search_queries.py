"""Readers' queries (tests/search_queries.yml) typed into the search page of each language variant in Chromium.

Each query must bring its page among the first three results; the hit rate per language is printed
(run with -s) and must be at least HIT_RATE. Words that are nowhere on the site must find nothing:
"no results", with suggestions where there are close words, and never unrelated pages as if they matched.

PORTAL_SEARCH_BUILT=<folder> runs the queries against a site built elsewhere (to measure another
version of portal on the same queries); by default the sample is built with this portal.
Skipped, with the reason, where Playwright or Chromium is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from browser_support import launched_chromium, new_page
from conftest import REPO, serve_folder

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
HIT_RATE = 0.95
SEARCH_DONE = "() => { const s = document.getElementById('search-status').textContent; return s && !s.endsWith('…'); }"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    built = os.environ.get("PORTAL_SEARCH_BUILT")
    if built:
        out = Path(built)
    else:
        from portal.cli import main

        out = tmp_path_factory.mktemp("search-queries") / "public"
        assert main(["--site", str(REPO), "build", "--out", str(out)]) == 0
    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="module")
def reader(site_url):
    with launched_chromium(sync_api) as browser:
        page = new_page(browser, site_url, service_workers="block", viewport={"width": 360, "height": 740})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        yield page
        page.context.close()


def typed(page, prefix: str, query: str) -> tuple[str, list[str]]:
    """The query typed into the search box of /<prefix>/search/: the status line, and the result paths shown."""
    page.goto(f"/{prefix}/search/")
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    page.wait_for_function(SEARCH_DONE)
    links = page.eval_on_selector_all("#search-results > li > a", "links => links.map(link => link.getAttribute('href'))")
    return page.text_content("#search-status") or "", links


@pytest.mark.parametrize("prefix", sorted(QUERIES["queries"]))
def test_readers_queries_find_their_page_among_the_first_three(reader, prefix):
    misses = []
    queries = QUERIES["queries"][prefix]
    assert len(queries) >= 15, f"{prefix}: at least 15 queries"
    for query, expected, kind in queries:
        wanted = {f"/{prefix}/{path}" for path in ([expected] if isinstance(expected, str) else expected)}
        status, links = typed(reader, prefix, str(query))
        if not wanted & set(links[:3]):
            misses.append(f"{query!r} ({kind}): {status!r} {links[:3]}")
    rate = 1 - len(misses) / len(queries)
    print(f"\n{prefix}: {len(queries) - len(misses)}/{len(queries)} in the first three ({rate:.0%})")
    print("".join(f"  missed {miss}\n" for miss in misses), end="")
    assert reader.errors == []
    assert rate >= HIT_RATE, misses


@pytest.mark.parametrize("prefix", sorted(QUERIES["absent"]))
def test_a_word_found_nowhere_shows_no_pages(reader, prefix):
    for query in QUERIES["absent"][prefix]:
        status, links = typed(reader, prefix, query)
        assert links == [], f"{query!r} on /{prefix}/ showed {links[:3]} ({status!r})"
        assert status
