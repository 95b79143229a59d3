"""`portal serve`: the preview rebuilds after an edit and tells open pages to reload; the built files stay clean."""

from __future__ import annotations

import os
import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser_support import launched_chromium
from conftest import FIXTURES, write
from portal.commands.serve import RELOAD_SCRIPT_PATH, Preview, make_server, watch, watched_paths, with_reload_script
from portal.theme import THEMES

ABOUT = "content/pages/about/sr-Latn.md"
WAIT_SECONDS = 30  # polling, debounce and a full build of the small fixture take about two


@pytest.fixture
def preview(site, tmp_path):
    """The fixture site built, served on a free port of 127.0.0.1 and watched, as `portal serve` does."""
    preview = Preview(site, tmp_path / "out")
    assert preview.rebuild().written
    server = make_server(preview, port=0)
    stop = threading.Event()
    threads = [
        threading.Thread(target=server.serve_forever, daemon=True),
        threading.Thread(target=watch, args=(preview, stop), daemon=True),
    ]
    for thread in threads:
        thread.start()
    preview.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield preview
    stop.set()
    server.shutdown()
    server.server_close()
    for thread in threads:
        thread.join(timeout=10)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT_SECONDS + 5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def edit_until(path: Path, change, done) -> None:
    """Make the edit, and again every two seconds (the watcher may still be taking its first look), until done()."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        edited = time.monotonic()
        while time.monotonic() - edited < 2:
            if done():
                return
            time.sleep(0.1)


@pytest.mark.slow
def test_an_edit_is_served_after_the_rebuild(preview):
    status, html = get(f"{preview.url}/sr-latn/about/")
    assert status == 200 and "O nama" in html
    edit_until(
        preview.site_dir / ABOUT,
        lambda text: text.replace("O nama", "Ko smo mi"),
        lambda: "Ko smo mi" in get(f"{preview.url}/sr-latn/about/")[1],
    )
    assert "Ko smo mi" in get(f"{preview.url}/sr-latn/about/")[1]


@pytest.mark.slow
def test_open_pages_learn_of_the_next_build(preview):
    generation = preview.generation
    answer: list[str] = []
    waiting = threading.Thread(target=lambda: answer.append(get(f"{preview.url}/__reload?since={generation}")[1]))
    waiting.start()
    edit_until(preview.site_dir / "site.yml", lambda text: text + "\n", lambda: bool(answer))
    waiting.join(timeout=WAIT_SECONDS)
    assert answer and int(answer[0]) > generation


@pytest.mark.slow
def test_pages_are_served_with_the_reload_script_and_written_without_it(preview):
    html = get(f"{preview.url}/sr-latn/")[1]
    assert f'<script src="{RELOAD_SCRIPT_PATH}"' in html
    assert "connect-src 'self'" in html  # the page's security policy lets the script ask for the next build
    assert get(f"{preview.url}{RELOAD_SCRIPT_PATH}")[1].startswith("// portal serve only")
    built = [path for path in preview.out.rglob("*") if path.is_file()]
    assert built and not any(b"__reload" in path.read_bytes() for path in built)


@pytest.mark.slow
def test_a_missing_page_gets_the_sites_404(preview):
    status, html = get(f"{preview.url}/sr-latn/nothing-here/")
    assert status == 404 and "<h1>Stranica nije pronađena</h1>" in html  # the shared 404, in words


@pytest.mark.slow
def test_a_build_with_errors_keeps_the_last_good_site(preview):
    facts = preview.site_dir / "content/pages/about/facts.yml"
    facts.write_text("last_verified: yesterday\n", encoding="utf-8")
    result = preview.rebuild(frozenset({"content/pages/about/facts.yml"}))
    assert not result.written and preview.generation == 1
    assert get(f"{preview.url}/sr-latn/about/")[0] == 200


def test_the_preview_watches_the_site_s_own_folders_its_theme_and_the_theme_s_parent(site):
    shutil.copytree(FIXTURES / "themes/child", site / "themes/child")
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "theme: themes/child\n")
    write(site / "print/print.css", "")
    watched = {path.resolve() for path in watched_paths(site)}
    for folder in (
        site / "content",
        site / "site.yml",
        site / "locales",
        site / "print",
        site / "themes/child",
        THEMES / "default",
    ):
        assert folder.resolve() in watched, folder


def test_the_security_policy_is_widened_only_as_much_as_needed():
    page = (
        b'<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        b"script-src 'none'\"></head><body></body></html>"
    )
    served = with_reload_script(page, 3).decode()
    assert "default-src 'none'; script-src 'self'; connect-src 'self'" in served
    assert served.endswith(f'<script src="{RELOAD_SCRIPT_PATH}" data-generation="3"></script>\n</body></html>')


@pytest.mark.slow
def test_an_open_page_in_chromium_reloads_by_itself(preview):
    """In a real browser: the page's security policy lets the reload script run, and the new text appears."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
    with launched_chromium(sync_api) as browser:
        page = browser.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(f"{preview.url}/sr-latn/about/")
        assert page.title().startswith("O nama")
        edit_until(
            preview.site_dir / ABOUT,
            lambda text: text.replace("O nama", "Ko smo mi"),
            lambda: _title(page).startswith("Ko smo mi"),
        )
        assert _title(page).startswith("Ko smo mi")
        assert console == []  # no Content-Security-Policy violation, no script error


def _title(page) -> str:
    try:
        return page.title()
    except Exception:  # the page is being reloaded at this very moment
        return ""


@pytest.mark.slow
def test_each_edit_in_the_preview_rebuilds_only_what_it_touches_and_equals_a_clean_build(site, tmp_path):
    """The preview's own path (content read again entry by entry, state in memory) after edits of several kinds."""
    from conftest import tree, write
    from portal.build import build

    preview = Preview(site, tmp_path / "out")
    everything = preview.rebuild().rendered
    new_service = {
        "content/services/nova/facts.yml": "provider: mreza\naudiences: [families]\ncategories: [legal-aid]\n"
        "last_verified: 2026-09-01\n",
        "content/services/nova/sr-Latn.md": "---\ntitle: Nova usluga\n---\nNovo.\n",
    }
    edits = [
        ({ABOUT: (site / ABOUT).read_text(encoding="utf-8") + "\nJoš jedan red.\n"}),
        new_service,
        ({"content/services/pravna-pomoc/cs.md": "---\ntitle: Právní pomoc\n---\nText.\n"}),
    ]
    for files in edits:
        for path, text in files.items():
            write(site / path, text)
        result = preview.rebuild(frozenset(files))
        assert result.written and 0 < result.rendered < everything, files
        assert tree(tmp_path / "out") == tree_of_clean_build(build, site, tmp_path / "clean"), files
    shutil.rmtree(site / "content/services/nova")
    result = preview.rebuild(frozenset({"content/services/nova/facts.yml", "content/services/nova/sr-Latn.md"}))
    assert result.written and not (tmp_path / "out/sr-latn/services/nova").exists()
    assert tree(tmp_path / "out") == tree_of_clean_build(build, site, tmp_path / "clean")


def tree_of_clean_build(build, site, out):
    from conftest import tree

    shutil.rmtree(out, ignore_errors=True)
    from portal.build import BuildOptions

    assert build(site, BuildOptions(out=out, offline=False)).written  # as the preview builds: no offline ZIPs
    return tree(out)


@pytest.mark.slow
def test_site_yml_saved_by_renaming_a_new_file_over_it_is_seen_every_time(preview):
    """As VS Code and vim save: a new file renamed over the old one. A watch on the file itself would go deaf after the first."""
    config = preview.site_dir / "site.yml"
    original = config.read_text(encoding="utf-8")
    for title in ("Pomoć i savet", "Pomoć, savet i podrška"):

        def shown(title=title):
            return title in get(f"{preview.url}/sr-latn/")[1]

        deadline = time.monotonic() + WAIT_SECONDS
        while not shown() and time.monotonic() < deadline:  # saved again every two seconds, as edit_until does
            saving = config.with_name(".site.yml.saving")
            saving.write_text(original.replace("sr-Latn: Pomoć", f"sr-Latn: {title}", 1), encoding="utf-8")
            os.replace(saving, config)
            saved = time.monotonic()
            while not shown() and time.monotonic() - saved < 2:
                time.sleep(0.1)
        assert shown()


@pytest.mark.slow
def test_the_preview_makes_no_brochure_even_when_every_build_should_and_links_only_those_up_to_date(site, tmp_path):
    """A PDF takes seconds to lay out: a facts edit that touched the network brochure in every language kept the
    page waiting for half a minute. The preview keeps the brochures still up to date and leaves out the others."""
    from portal.build import BuildOptions, build

    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "brochures:\n  with_every_build: true\n")
    out = tmp_path / "out"
    assert build(site, BuildOptions(out=out)).brochures.rendered  # `portal build` makes them, as site.yml asks
    preview = Preview(site, out)
    assert preview.rebuild().written
    network = out / "brochures/sr-latn/network-a5.pdf"
    assert network.is_file() and 'href="/brochures/sr-latn/network-a5.pdf"' in (out / "sr-latn/index.html").read_text(
        encoding="utf-8"
    )
    facts = site / "content/organisations/mreza/facts.yml"
    write(facts, facts.read_text(encoding="utf-8").replace("last_verified: 2026-11-01", "last_verified: 2026-11-02"))
    result = preview.rebuild(frozenset({"content/organisations/mreza/facts.yml"}))
    assert result.written and result.brochures.rendered == []
    home = (out / "sr-latn/index.html").read_text(encoding="utf-8")
    assert "partners-a5.pdf" not in home  # the network's own facts are in the partners' edition: outdated, not linked
    assert 'href="/brochures/sr-latn/network-a5.pdf"' in home  # the families' lists its services only: up to date
    assert 'href="/brochures/sr-latn/novi-sad-a5.pdf"' in (out / "sr-latn/municipalities/novi-sad/index.html").read_text(
        encoding="utf-8"
    )  # up to date: still linked
    preview.close()


@pytest.mark.slow
def test_the_preview_makes_the_changed_brochures_in_the_background_after_the_pages_and_then_links_them(site, tmp_path):
    """The save shows at once without the outdated brochure; a process of its own lays out the new one, and the
    pages link it once it is there, with the new facts."""
    from portal.build import BuildOptions, build

    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "brochures:\n  with_every_build: true\n")
    out = tmp_path / "out"
    assert build(site, BuildOptions(out=out)).brochures.rendered
    preview = Preview(site, out)
    try:
        assert preview.rebuild(brochures=False).written
        facts = site / "content/services/pravna-pomoc/facts.yml"
        write(facts, facts.read_text(encoding="utf-8").replace('"+381 21 123 456"', '"+381 21 654 321"'))
        started = time.monotonic()
        result = preview.rebuild(frozenset({"content/services/pravna-pomoc/facts.yml"}), indexes=False)
        shown = time.monotonic() - started
        assert result.written and result.brochures.rendered == []  # the pages did not wait for a PDF
        assert preview.brochures.process is not None  # the brochures are being made, by another process
        assert "network-a5.pdf" not in (out / "sr-latn/index.html").read_text(encoding="utf-8")  # outdated meanwhile
        deadline = time.monotonic() + 240
        while (taken := preview.take_brochures()) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert taken is not None and taken.written, "the background brochures were not taken over"
        assert 'href="/brochures/sr-latn/network-a5.pdf"' in (out / "sr-latn/index.html").read_text(encoding="utf-8")
        reader = PdfReader(out / "brochures/sr-latn/network-a5.pdf")
        assert "+381 21 654321" in " ".join(page.extract_text() for page in reader.pages)
        assert shown < 5, shown  # generous for a loaded machine; measured well under a second
    finally:
        preview.close()
