"""The offline edition (issue 22, item 1): the site as ZIP files that work unpacked and opened from disk, as a prison's
offline library or an NGO's USB stick hands them on. What a reader relies on: every link of every page leads to a
file in the ZIP or to another site; the pages, brochures and contact cards of the language are there; the download
page names each ZIP with its size and day in the reader's language; the same content gives the same bytes, and a
build where nothing changed makes no ZIP again. The browser test opens an unpacked edition from file:// in Chromium.

The fixture is the minimal site (a place, Novi Sad, with a legal-aid service), built once with its brochures."""

from __future__ import annotations

import datetime
import io
import json
import posixpath
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser_support import launched_chromium, new_page
from conftest import REPO, copy_of_minimal, run_portal, write
from portal.build import BuildOptions, BuildResult, build
from portal.config import Language, SiteConfig
from portal.incremental.context import BuildContext
from portal.incremental.workers import WorkerPolicy
from portal.outputs.offline import file_name, zip_bytes
from portal.outputs.zim import zim_available
from portal.urls import relative_html

NOW = datetime.datetime(2026, 12, 6, 12, 0, tzinfo=datetime.UTC)
PREFIXES = ("sr-latn", "sr-cyrl", "cs", "en")
EDITIONS = {
    "sr-latn": "pomoc-sr-latn.zip",
    "sr-cyrl": "pomoc-sr-cyrl.zip",
    "cs": "help-cs.zip",  # Czech has no title of its own: the fallback's (English) names it
    "en": "help-en.zip",
    "all": "pomoc-all.zip",
}
# Links that lead out of the edition, which a phone hands to another app or to the web.
ELSEWHERE = ("http", "https", "tel", "mailto", "sms", "geo", "viber", "whatsapp", "data")


def built(site: Path, out: Path, context: BuildContext | None = None, **options) -> BuildResult:
    result = build(site, BuildOptions(out=out, **options), context or BuildContext(source_date=NOW))
    assert not result.errors, result.errors
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return copy_of_minimal(tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="module")
def out(site: Path) -> Path:
    folder = site.parent / "public"
    built(site, folder, brochures=True)
    return folder


def edition(out: Path, name: str) -> dict[str, bytes]:
    with zipfile.ZipFile(out / "offline" / name) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


class Links(HTMLParser):
    """Every address a page names in href, src or action, as the browser follows them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src", "action") and value is not None]


def links_of(html: bytes) -> list[str]:
    parser = Links()
    parser.feed(html.decode("utf-8"))
    return parser.found


def test_the_build_makes_an_edition_per_language_and_one_of_all_named_so_a_reader_knows_it(out):
    assert sorted(path.name for path in (out / "offline").glob("*.zip")) == sorted(EDITIONS.values())


@pytest.mark.parametrize("name", sorted(EDITIONS.values()))
def test_every_link_of_every_page_leads_to_a_file_in_the_zip_or_out_of_it(out, name):
    files = edition(out, name)
    assert len([path for path in files if path.endswith(".html")]) > 10
    assert wrong_links(files, out, "https://help.example.org/") == []


def wrong_links(files: dict[str, bytes], out: Path, base_url: str) -> list[str]:
    """The links of the edition's pages that lead neither to one of its files nor out of it (to another site or app);
    a link to the site itself must name a file the site has."""
    wrong = []
    for path in (path for path in files if path.endswith(".html")):
        for link in links_of(files[path]):
            parts = urlsplit(link)
            if parts.scheme in ELSEWHERE or (not parts.scheme and not parts.path):  # another site or app; "#main"
                if link.startswith(base_url):  # what the edition leaves to the web exists there
                    online = unquote(parts.path).lstrip("/")
                    if not (out / online).is_file() and not (out / online / "index.html").is_file():
                        wrong.append(f"{path}: {link} (not on the site either)")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
            if parts.scheme or link.startswith("/") or target not in files:
                wrong.append(f"{path}: {link}")
    return wrong


@pytest.mark.parametrize("prefix", PREFIXES)
def test_an_edition_holds_every_page_brochure_and_contact_card_of_its_language_and_no_other(out, prefix):
    files = edition(out, EDITIONS[prefix])
    published = {path.relative_to(out).as_posix() for path in (out / prefix).rglob("*") if path.is_file()}
    expected = {path for path in published if not path.startswith((f"{prefix}/offline/", f"{prefix}/saved/"))}
    assert expected <= set(files)
    assert any(path.endswith(".vcf") for path in expected)
    brochures = {p.relative_to(out).as_posix() for p in (out / "brochures" / prefix).glob("*.pdf")}
    assert brochures and brochures <= set(files)
    for path in brochures:
        assert files[path] == (out / path).read_bytes()
    assert any(path.startswith("static/") and path.endswith(".js") for path in files)
    others = [other for other in PREFIXES if other != prefix]
    assert [path for path in files if path.split("/")[0] in others] == []
    assert [path for path in files if path.startswith(("pagefind/", "sw.js", f"{prefix}/saved/", f"{prefix}/offline/"))] == []


def test_the_zip_of_one_language_opens_its_start_page_and_the_one_of_all_the_language_chooser(out):
    start = edition(out, EDITIONS["cs"])["index.html"].decode("utf-8")
    assert 'http-equiv="refresh" content="0; url=cs/index.html"' in start
    assert '<a href="cs/index.html">' in start
    chooser = edition(out, EDITIONS["all"])["index.html"].decode("utf-8")
    assert sorted(re.findall(r'class="choice" href="([^"]+)"', chooser)) == sorted(f"{p}/index.html" for p in PREFIXES)


def test_in_one_language_all_languages_and_the_download_page_lead_to_the_web(out):
    home = edition(out, EDITIONS["en"])["en/index.html"].decode("utf-8")
    assert '<a href="https://help.example.org/">' in home  # "All languages": the chooser online, not this ZIP's start
    assert 'href="https://help.example.org/en/offline/"' in home
    assert 'href="https://help.example.org/sr-latn/"' in home  # another language, from the language menu


def test_the_search_page_of_an_edition_searches_a_script_beside_it_and_without_javascript_offers_the_lists(out):
    files = edition(out, EDITIONS["sr-latn"])
    search = files["sr-latn/search/index.html"].decode("utf-8")
    scripts = [link for link in links_of(search.encode()) if link.endswith(".js")]
    assert "offline-index.js" in scripts and any("offline-search." in script for script in scripts)
    assert not any("/search." in script for script in scripts)  # not Pagefind's, which cannot read from disk
    assert "<noscript>" in search and 'id="offline-search" role="search" hidden' in search
    assert 'href="../needs/legal-aid/index.html"' in search and 'href="../municipalities/novi-sad/index.html"' in search
    assert 'href="https://help.example.org/sr-latn/search/"' in search  # search on the web, for a reader online
    index = files["sr-latn/search/offline-index.js"].decode("utf-8")
    assert index.startswith("window.portalOfflineSearch = {") and index.endswith("};\n")
    data = json.loads(index.removeprefix("window.portalOfflineSearch = ").removesuffix(";\n"))
    service = next(page for page in data["pages"] if page[1] == "Besplatna pravna pomoć")
    assert service[0] == "../services/pravna-pomoc/index.html" and service[0] in {
        posixpath.relpath(path, "sr-latn/search") for path in files
    }
    assert "pravna pomoc" in service[4] and "021123456" in service[5]  # folded title; the phone as people dial it
    assert data["fold"]["ђ"] == data["fold"]["đ"] == "dj" and data["fold"]["ћ"] == "c"  # č: its mark is dropped


@pytest.mark.parametrize(
    ("prefix", "size_pattern", "day"),
    [
        ("en", r"ZIP, (\d+\.\d) MB", "1 November 2026"),
        ("sr-latn", r"ZIP, (\d+,\d) MB", "1. novembar 2026."),
        ("cs", r"ZIP, (\d+,\d) MB", "1. listopadu 2026"),
    ],
)
def test_the_download_page_names_each_zip_with_its_size_and_day_in_the_readers_format(out, prefix, size_pattern, day):
    page = (out / prefix / "offline/index.html").read_text(encoding="utf-8")
    offered = re.findall(r'<a class="button" href="([^"]+)"', page)
    assert offered == [f"/offline/{EDITIONS[prefix]}", f"/offline/{EDITIONS['all']}"]
    sizes = [float(size.replace(",", ".")) for size in re.findall(size_pattern, page)]
    for url, size in zip(offered, sizes, strict=True):
        assert abs((out / url.lstrip("/")).stat().st_size / 1_000_000 - size) <= 0.05 + 1e-9
    assert page.count(day) == 2  # the day of the newest check of the facts


def test_every_page_of_the_site_links_the_download_page_and_the_saved_list_does_too(out):
    for prefix in PREFIXES:
        for page in (out / prefix).rglob("index.html"):
            assert f'href="/{prefix}/offline/"' in page.read_text(encoding="utf-8"), page


def test_same_content_gives_the_same_bytes_and_an_unchanged_build_makes_no_zip_again(site, out, tmp_path):
    again, context = tmp_path / "again", BuildContext(source_date=NOW)  # as `portal build` keeps it in .portal-cache/
    result = built(site, again, context, brochures_from=out)  # a clean build elsewhere, taking over the brochures
    assert sorted(result.offline.made) == sorted(EDITIONS.values())
    for name in EDITIONS.values():
        assert (again / "offline" / name).read_bytes() == (out / "offline" / name).read_bytes(), name
    stamps = {name: (again / "offline" / name).stat().st_mtime_ns for name in EDITIONS.values()}
    result = built(site, again, context)
    assert result.offline.made == [] and sorted(result.offline.kept) == sorted(EDITIONS.values())
    assert {name: (again / "offline" / name).stat().st_mtime_ns for name in EDITIONS.values()} == stamps


@pytest.mark.slow
def test_pages_that_worker_processes_wrote_are_in_the_zips_as_one_process_makes_them(site, out, tmp_path):
    folder = tmp_path / "by-workers"
    context = BuildContext(source_date=NOW, workers=WorkerPolicy(2))  # each writes its pages into the new output
    built(site, folder, context, brochures_from=out)
    for name in EDITIONS.values():
        assert (folder / "offline" / name).read_bytes() == (out / "offline" / name).read_bytes(), name


def test_an_edit_makes_again_the_zips_that_hold_it_and_keeps_the_others(tmp_path):
    site = copy_of_minimal(tmp_path)
    out, context = tmp_path / "public", BuildContext(source_date=NOW)
    built(site, out, context)
    write(site / "content/municipalities/novi-sad/cs.md", "---\ntitle: Město Nový Sad\n---\n")  # Czech alone has it
    result = built(site, out, context)
    assert sorted(result.offline.made) == sorted([EDITIONS["cs"], EDITIONS["all"]])
    assert sorted(result.offline.kept) == sorted([EDITIONS["sr-latn"], EDITIONS["sr-cyrl"], EDITIONS["en"]])
    assert "Město Nový Sad".encode() in edition(out, EDITIONS["cs"])["cs/municipalities/novi-sad/index.html"]


@pytest.mark.slow
def test_in_every_zip_of_the_sample_every_link_leads_inside_it_or_out_of_it(tmp_path):
    """The sample: every kind of page, pictures and documents, eight languages (its brochures are not made here)."""
    out = tmp_path / "public"
    build(REPO, BuildOptions(out=out, every_build_brochures=False), BuildContext(source_date=NOW))
    names = sorted(path.name for path in (out / "offline").glob("*.zip"))
    assert len(names) == 9
    for name in names:
        files = edition(out, name)
        assert len([path for path in files if path.endswith(".html")]) > 50, name
        assert wrong_links(files, out, "https://portal.example.org/") == [], name


def test_a_zip_is_sorted_dated_and_readable_by_all_whatever_order_its_files_come_in():
    files = {"en/index.html": b"<p>x</p>", "brochures/en/a.pdf": b"%PDF", "index.html": b"<p>y</p>"}
    data = zip_bytes(files, datetime.date(2026, 11, 1))
    assert data == zip_bytes(dict(reversed(list(files.items()))), datetime.date(2026, 11, 1))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert [info.filename for info in archive.infolist()] == sorted(files)
    for info in archive.infolist():
        assert info.date_time == (2026, 11, 1, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644
        assert info.compress_type == (zipfile.ZIP_STORED if info.filename.endswith(".pdf") else zipfile.ZIP_DEFLATED)
        assert archive.read(info) == files[info.filename]


def config(titles: dict[str, str]) -> SiteConfig:
    languages = tuple(Language(tag, tag, tag.lower(), ()) for tag in titles)
    return SiteConfig(titles, "https://h.example/", next(iter(titles)), languages, ())


@pytest.mark.parametrize(
    ("title", "tag", "name"),
    [
        ("Podrška posle povratka i posle zatvora", "sr-Latn", "podrska-posle-povratka-sr-latn.zip"),
        ("Подршка после повратка", "sr-Cyrl", "podrska-posle-povratka-sr-cyrl.zip"),
        ("Поддршка по враќање", "mk", "poddrska-po-vrakjanje-mk.zip"),
        ("Unterstützung nach Rückkehr und Haft", "de", "unterstutzung-nach-ruckkehr-de.zip"),
        ("Help! (example)", "en", "help-example-en.zip"),  # what is no letter or digit is left out
        ("…", "en", "en.zip"),
    ],
)
def test_a_zip_is_named_by_the_sites_title_in_plain_letters_and_its_language(title, tag, name):
    assert file_name(config({tag: title}), (tag,)) == name


def test_a_link_to_what_is_not_on_the_disk_leads_to_the_web():
    site = config({"en": "Help"})
    inside = {"en/index.html", "en/a/index.html"}.__contains__
    html = '<a href="/en/">h</a><a href="/de/">d</a><a href="/en/offline/#x">o</a>'
    assert relative_html(html, "en/a/index.html", site, inside) == (
        '<a href="../index.html">h</a><a href="https://h.example/de/">d</a><a href="https://h.example/en/offline/#x">o</a>'
    )


sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")


@pytest.mark.slow
def test_an_unpacked_edition_opened_from_disk_leads_from_the_home_page_to_a_place_a_service_and_its_brochure(out, tmp_path):
    folder = tmp_path / "usb-stick"
    zipfile.ZipFile(out / "offline" / EDITIONS["sr-latn"]).extractall(folder)
    with launched_chromium(sync_api) as browser:
        page = new_page(browser, folder.as_uri(), viewport={"width": 360, "height": 740})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((folder / "index.html").as_uri())  # as a double-click opens it: on to the start page
        page.wait_for_url("**/sr-latn/index.html")
        page.click('main a[href="municipalities/novi-sad/index.html"]')
        assert page.url.startswith("file://") and page.url.endswith("/sr-latn/municipalities/novi-sad/index.html")
        brochure = page.locator('a[type="application/pdf"]').first.evaluate("link => link.href")
        assert brochure.startswith("file://") and Path(unquote(urlsplit(brochure).path)).is_file()
        assert Path(unquote(urlsplit(brochure).path)).read_bytes().startswith(b"%PDF")
        page.click('main a[href$="services/pravna-pomoc/index.html"]')
        assert page.url.endswith("/sr-latn/services/pravna-pomoc/index.html")
        assert page.locator("h1").inner_text() == "Besplatna pravna pomoć"
        assert "Savet o pravima posle izlaska iz zatvora." in page.locator("main").inner_text()
        page.click("a.search-link")  # search from disk, in the words a reader types: Cyrillic, without marks
        assert page.url.endswith("/sr-latn/search/index.html")
        for query in ("правна помоћ", "pravna pomoc", "PRAVNA", "021 123 456", "advokat"):  # a phone; an everyday word
            page.fill("#offline-query", query)
            assert "Besplatna pravna pomoć" in page.locator("#offline-results a").all_inner_texts(), query
        page.fill("#offline-query", "qqqxyz")
        assert page.locator("#offline-results a").count() == 0 and "Ništa" in page.locator("#offline-status").inner_text()
        page.fill("#offline-query", "besplatna")
        page.click("#offline-results a")
        assert page.url.endswith("/sr-latn/services/pravna-pomoc/index.html")
        assert page.evaluate("window.__cspViolations || []") == []
        assert errors == []


def test_asking_for_a_zim_without_libzim_says_how_to_install_it_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("portal.commands.build.zim_available", lambda: False)
    site = copy_of_minimal(tmp_path)
    assert run_portal(capsys, "--site", str(site), "build", "--zim", "--out", str(tmp_path / "public")) == (
        2,
        "",
        "portal: --zim needs openZIM's libzim: pip install 'portal[zim]' (or: pip install libzim)\n",
    )
    assert not (tmp_path / "public").exists()


@pytest.mark.slow
def test_a_zim_for_kiwix_opens_the_start_page_holds_every_page_and_finds_a_service_by_its_words(tmp_path):
    if not zim_available():
        reason = "libzim is not installed (pip install 'portal[zim]'): the ZIM for Kiwix cannot be made or read"
        print(f"skipping: {reason}")
        pytest.skip(reason)
    from libzim.reader import Archive
    from libzim.search import Query, Searcher

    site, out = copy_of_minimal(tmp_path), tmp_path / "public"
    built(site, out, zim=True)
    for prefix in ("sr-latn", "en"):
        name = EDITIONS[prefix].removesuffix(".zip")
        archive = Archive(out / "offline" / f"{name}.zim")
        main = archive.main_entry.get_redirect_entry() if archive.main_entry.is_redirect else archive.main_entry
        assert main.path == "index.html"
        pages = {path for path in edition(out, f"{name}.zip") if path.endswith(".html")}
        assert all(archive.has_entry_by_path(path) for path in pages)
        assert archive.has_fulltext_index
    archive = Archive(out / "offline" / "pomoc-sr-latn.zim")
    assert archive.get_metadata("Language") == b"srp" and archive.get_metadata("Date") == b"2026-11-01"
    found = Searcher(archive).search(Query().set_query("pravna pomoć"))
    assert "sr-latn/services/pravna-pomoc/index.html" in list(found.getResults(0, 10))
    again = built(site, out, zim=True)  # nothing changed: the ZIMs are taken over, not made again
    assert again.offline.made == []
