#!/usr/bin/env python3
"""What the first search costs a reader, per language: every file a phone downloads, gzip where a server compresses.

    .venv/bin/python bench/search_size.py                 # builds the sample into a temporary folder
    .venv/bin/python bench/search_size.py --built public  # measures a site built already
    .venv/bin/python bench/search_size.py --files         # also every file of each first search
    .venv/bin/python bench/search_size.py --corpus 1000   # a generated site of ~1,000 pages a language (corpus.py)

Each query is typed into a fresh search page of its language (nothing cached) in Debian's Chromium;
what is counted is everything requested from opening the search page to the first screen of
results: the page, search.js, Pagefind's script, its WebAssembly, the index's metadata, the index
chunks, the filters, the fragments of the results shown, and `vocabulary.json` when a word is not
found. Text files are counted gzip-compressed (level 9), as a server that compresses sends them;
Pagefind's own files (.pagefind, .pf_*) are compressed already and counted as they are. The budget
of issue 19 is 150 KB (150,000 bytes) for every language; tests/test_search_browser.py holds it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
BUDGET = 150_000
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEARCH_DONE = "() => { const s = document.getElementById('search-status').textContent; return s && !s.endsWith('…'); }"
COMPRESSIBLE = ("/", ".html", ".js", ".json", ".css", ".svg")

# What readers of each language type first: a broad word (a full screen of results), two words, a phone
# number, a typing mistake (which fetches the vocabulary, for "did you mean").
QUERIES = {
    "sr-latn": ["pomoc", "besplatna pravna pomoc", "02 3230-401", "skloa"],
    "sr-cyrl": ["помоћ", "лична карта", "+389 2 3230 401", "здравствено осигурње"],
    "mk": ["помош", "лична карта", "02 3230 401", "училиште"],
    "cs": ["pomoc", "pravni pomoc", "+389 2 3230 401", "skolka"],
    "rom": ["azutipe", "sastipe", "023230401", "dokumentja"],
    "sq": ["ndihme", "ndihme juridike", "+389 2 3230 401", "shkolla"],
    "de": ["hilfe", "kostenlose rechtsberatung", "+389 2 3230 401", "Krankenversicherung"],
    "en": ["help", "health insurance", "+389 2 3230 401", "kindergarden"],
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def wire_size(path: str, body: bytes) -> int:
    """The bytes a compressing server sends for the file."""
    return min(len(body), len(gzip.compress(body, 9, mtime=0))) if path.endswith(COMPRESSIBLE) else len(body)


def first_search(browser, url: str, prefix: str, query: str) -> tuple[int, dict[str, int]]:
    """The results shown and the wire size of each file, for `query` typed into a fresh search page."""
    context = browser.new_context(base_url=url, service_workers="block", viewport={"width": 360, "height": 740})
    page = context.new_page()
    finished: list = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(f"/{prefix}/search/")
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    page.wait_for_function(SEARCH_DONE)
    shown = page.locator("#search-results > li").count()
    sizes = {}
    for request in finished:
        path = urlsplit(request.url).path
        sizes[path] = wire_size(path, request.response().body())
    context.close()
    return shown, sizes


def kind_of(path: str) -> str:
    """The files of a first search, by what they are."""
    name = path.rsplit("/", 1)[-1]
    for kind, test in (
        ("page", lambda: path.endswith("/")),
        ("wasm", lambda: name.startswith("wasm.")),
        ("pagefind.js", lambda: name == "pagefind.js"),
        ("entry+meta", lambda: name == "pagefind-entry.json" or name.endswith(".pf_meta")),
        ("index", lambda: name.endswith(".pf_index")),
        ("filters", lambda: name.endswith(".pf_filter")),
        ("fragments", lambda: name.endswith(".pf_fragment")),
        ("vocabulary", lambda: name == "vocabulary.json"),
        ("search.js", lambda: name.startswith("search.") and name.endswith(".js")),
    ):
        if test():
            return kind
    return "other"


KINDS = ["page", "search.js", "other", "pagefind.js", "wasm", "entry+meta", "index", "filters", "fragments", "vocabulary"]


def measure(built: Path, show_files: bool, say) -> dict[str, list[int]]:
    from playwright.sync_api import sync_playwright

    totals: dict[str, list[int]] = {}
    say("| language | query | results | " + " | ".join(KINDS) + " | total |")
    say("| --- | --- | ---: | " + " | ".join("---:" for _ in KINDS) + " | ---: |")
    with served(built) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for prefix, queries in QUERIES.items():
            for query in queries:
                shown, sizes = first_search(browser, url, prefix, query)
                by_kind = dict.fromkeys(KINDS, 0)
                for path, size in sizes.items():
                    by_kind[kind_of(path)] += size
                total = sum(sizes.values())
                totals.setdefault(prefix, []).append(total)
                cells = " | ".join(f"{by_kind[kind]:,}" for kind in KINDS)
                say(f"| {prefix} | {query} | {shown} | {cells} | {total:,} |")
                if show_files:
                    for path, size in sorted(sizes.items()):
                        say(f"|  | {path} | | {size:,} |")
        browser.close()
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--built", type=Path, help="a site built already (default: build the sample)")
    parser.add_argument("--files", action="store_true", help="list every file of each first search")
    parser.add_argument("--corpus", type=int, metavar="PAGES", help="measure a generated site of about PAGES pages a language")
    parser.add_argument("--results", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-size-") as temporary:
        built = args.built
        if built is None:
            sys.path.insert(0, str(REPO / "src"))
            from portal.cli import main as portal

            site = REPO
            if args.corpus:
                import corpus  # bench/corpus.py, beside this script

                site = Path(temporary) / "site"
                corpus.generate(site, args.corpus)
            built = Path(temporary) / "public"
            if portal(["--site", str(site), "build", "--out", str(built)]) != 0:
                return 1
        lines: list[str] = []

        def say(line: str) -> None:
            print(line, flush=True)
            lines.append(line)

        totals = measure(built, args.files, say)
    say("\n| language | median | largest | budget |")
    say("| --- | ---: | ---: | --- |")
    over = False
    for prefix, sizes in totals.items():
        over = over or max(sizes) > BUDGET
        verdict = "over" if max(sizes) > BUDGET else "within"
        say(f"| {prefix} | {statistics.median(sizes):,.0f} | {max(sizes):,} | {verdict} {BUDGET:,} |")
    if args.results:
        what = f"a generated site of about {args.corpus} pages a language" if args.corpus else "the sample"
        heading = (
            f"# The first search, file by file\n\nWritten by `bench/search_size.py` on {what}: bytes on the wire (gzip).\n\n"
        )
        args.results.write_text(heading + "\n".join(lines) + "\n", encoding="utf-8")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
