"""The offline edition: the site as ZIP files, one per language and one with all, that work unpacked and opened
from disk (file://): in a prison's offline library, on an NGO's USB stick, on a phone without a SIM.

Each ZIP holds the language's pages with every link made relative (portal.urls.relative_html, as the pull request's
preview), its brochures, contact cards, pictures and documents, and the static files. A link to what it does not
hold (another language, the "Saved pages" list, this download page) leads to the site on the web instead. Pagefind
cannot read its index from disk (the browser refuses fetch() there), so the edition's search page says plainly that
search needs the internet and offers the lists of needs and places, which need nothing.

The ZIPs are made after the pages, from the output as it is about to be written, and the page that offers them
(`<language>/offline/`) after the ZIPs, with their size and day; the editions do not hold that page. Like the
brochures, a ZIP is made again only when what goes into it changed: `offline/manifest.json` records what each was
made from, and an unchanged one is taken over from the previous output. Same input, same bytes: entries sorted,
dated with the content's own day (its newest `last_verified`), fixed permissions.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .. import urls
from ..config import SiteConfig
from ..errors import Problem
from ..i18n.fold import fold_text
from ..model import LocalEntry, Site
from ..plan import BrochureLinks, LanguagePlanner, site_title
from ..render import Renderer, render_pages, template_problems
from ..views import OfflineDownload, SpokenLanguage

FOLDER = "offline"
MANIFEST = f"{FOLDER}/manifest.json"
FORMAT = 1  # raised when what goes into an edition changes in a way its files do not show
STORED = (".pdf", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".zip", ".woff2")  # compressed already: deflate gains nothing
SHARED = ("static/", "icons/")  # what every language's pages load
LEFT_OUT = ("offline/", "saved/")  # of a language's folder: this page, and the list the phone's storage fills in


@dataclass(frozen=True)
class SiteFiles:
    """The output as it is about to be written: the files made in memory, the others read from `folder` (the
    staging folder worker processes wrote into, or the previous output an incremental build takes over)."""

    made: Mapping[str, bytes]
    hashes: Mapping[str, str]  # every file of the output, with the sha256 of its bytes
    folder: Path | None

    def read(self, path: str) -> bytes:
        found = self.made.get(path)
        if found is not None:
            return found
        if self.folder is None:
            raise KeyError(path)
        return (self.folder / path).read_bytes()


@dataclass(frozen=True)
class OfflineRequest:
    make: bool = True  # False (portal serve): no ZIP; the download page says they come with the published site
    previous: Path | None = None  # the output whose unchanged ZIPs are taken over
    today: datetime.date | None = None  # SOURCE_DATE_EPOCH's day, or today's: the day of an edition no entry dates


@dataclass
class OfflineEdition:
    files: dict[str, bytes] = field(default_factory=dict)
    made: list[str] = field(default_factory=list)  # ZIPs made in this build
    kept: list[str] = field(default_factory=list)  # ZIPs taken over unchanged


def offline_edition(
    site: Site,
    localised: Mapping[tuple[str, str, str], LocalEntry],
    brochure_links: BrochureLinks,
    renderer: Renderer,
    output: SiteFiles,
    request: OfflineRequest,
) -> tuple[OfflineEdition, list[Problem]]:
    """The ZIPs of every language and of all, and each language's page offering them."""
    config, edition = site.config, OfflineEdition()
    planners = {tag: LanguagePlanner(site, localised, tag, brochure_links) for tag in config.tags}
    searches = render_pages([planner.offline_search() for planner in planners.values()], renderer)
    downloads: dict[tuple[str, ...], OfflineDownload] = {}
    if request.make:
        previous, records = _previous_manifest(request.previous), {}
        dated = edition_day(site)
        for languages in (*((tag,) for tag in config.tags), config.tags):
            name = file_name(config, languages)
            members = edition_members(config, output, languages, searches.files)
            key = _key(config, members, output)
            data, day = _kept(previous, name, key, request.previous)
            (edition.kept if data is not None else edition.made).append(name)
            day = dated or day or request.today or datetime.date.today()
            if data is None:
                files = {path: output.read(path) if content is None else content for path, content in members.items()}
                # One language: its index.html only opens its start page; "All languages" leads to the web.
                inside = set(files) - {"index.html"} if len(languages) == 1 else set(files)
                data = zip_bytes(opened_from_disk(files, config, inside), day)
            path = urls.output_path(config, urls.offline_file_url(config, name))
            edition.files[path] = data
            records[name] = {"key": key, "sha256": hashlib.sha256(data).hexdigest(), "day": day.isoformat()}
            downloads[languages] = _download(config, name, data, day, languages)
        edition.files[MANIFEST] = (json.dumps({"format": FORMAT, "editions": records}, indent=1, sort_keys=True) + "\n").encode()
    pages = [
        planner.offline(tuple(downloads[languages] for languages in ((tag,), config.tags) if languages in downloads))
        for tag, planner in planners.items()
    ]
    rendered = render_pages(pages, renderer)
    edition.files.update(rendered.files)
    return edition, template_problems([*searches.failures, *rendered.failures])


def file_name(config: SiteConfig, languages: tuple[str, ...]) -> str:
    """What the reader's phone saves it as: the site's title in the language, and the language, in plain letters
    (`podrska-posle-povratka-sr-cyrl.zip`); the edition of all languages is `…-all.zip`, in the default language."""
    tag = languages[0] if len(languages) == 1 else config.default_language
    words = re.sub(r"[^a-z0-9]+", " ", fold_text(site_title(config, tag).text).lower()).split()[:3]
    suffix = config.language(tag).prefix if len(languages) == 1 else "all"
    return "-".join([*words, suffix]) + ".zip"


def edition_day(site: Site) -> datetime.date | None:
    """The day of the editions: that of the newest check of the facts, so that the same content gives the same ZIP
    (None if no entry says when it was checked: then the day an edition was made, kept while it stays the same)."""
    return max((entry.last_verified for entry in site.entries.values() if entry.last_verified is not None), default=None)


def edition_members(
    config: SiteConfig, output: SiteFiles, languages: tuple[str, ...], searches: Mapping[str, bytes]
) -> dict[str, bytes | None]:
    """What goes into the edition of `languages`, by path: None for a file of the output (read when zipping),
    bytes for what only the edition has (its search pages, the start page of a one-language edition)."""
    prefixes = tuple(config.language(tag).prefix for tag in languages)
    own = tuple(f"{prefix}/" for prefix in prefixes)
    left_out = tuple(f"{prefix}/{folder}" for prefix in prefixes for folder in LEFT_OUT)

    def wanted(path: str) -> bool:
        if path.startswith(own):
            return not path.startswith(left_out)
        if path.startswith("brochures/"):  # each language's, and those in two languages one of which is it
            folder = path.split("/")[1]
            return any(part in prefixes for part in folder.split("_"))
        return path.startswith(SHARED) or (len(languages) > 1 and path in ("index.html", "404.html"))

    members: dict[str, bytes | None] = {path: None for path in sorted(output.hashes) if wanted(path)}
    for tag in languages:
        search = urls.output_path(config, urls.search_url(config, tag))
        members[search] = searches[search]
    if len(languages) == 1:
        members["index.html"] = _start_page(config, languages[0])
    return members


def opened_from_disk(files: Mapping[str, bytes], config: SiteConfig, inside: Collection[str] | None = None) -> dict[str, bytes]:
    """`files` with every page's links relative to its own file, as they work opened from disk; with `inside` (the
    files on the disk), a link to another leads to the web. The offline editions and a pull request's preview
    (commands/preview) both use it."""
    return {path: relative_html(data, path, config, inside) if path.endswith(".html") else data for path, data in files.items()}


def relative_html(data: bytes, path: str, config: SiteConfig, inside: Collection[str] | None = None) -> bytes:
    """One page as it works opened from disk; with `inside`, links to files not in it lead to the web."""
    return urls.relative_html(data.decode("utf-8"), path, config, None if inside is None else inside.__contains__).encode("utf-8")


def zip_bytes(files: Mapping[str, bytes], day: datetime.date) -> bytes:
    """A ZIP of `files`, the same bytes for the same files: sorted, all dated `day`, read-only for others."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            stored = path.lower().endswith(STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path], compresslevel=None if stored else 6)
    return buffer.getvalue()


def _start_page(config: SiteConfig, tag: str) -> bytes:
    """The edition's index.html, opened first: it goes on to the language's start page (a link, for a browser that
    does not follow the refresh)."""
    home = posixpath.relpath(urls.output_path(config, urls.home_url(config, tag)), ".")
    title = html.escape(site_title(config, tag).text)
    page = (
        f'<!doctype html>\n<html lang="{tag}" dir="{config.language(tag).direction}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="refresh" content="0; url={home}">\n<title>{title}</title>\n</head>\n'
        f'<body>\n<p><a href="{home}">{title}</a></p>\n</body>\n</html>\n'
    )
    return page.encode("utf-8")


def _key(config: SiteConfig, members: Mapping[str, bytes | None], output: SiteFiles) -> str:
    """What an edition is made from: its files' hashes, the site's address, and how portal makes an edition."""
    files = {path: output.hashes[path] if data is None else hashlib.sha256(data).hexdigest() for path, data in members.items()}
    made_from = json.dumps([FORMAT, config.base_url, sorted(files.items())])
    return hashlib.sha256(made_from.encode()).hexdigest()


def _previous_manifest(previous: Path | None) -> dict[str, dict[str, str]]:
    if previous is None:
        return {}
    try:
        manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    editions = manifest.get("editions") if isinstance(manifest, dict) and manifest.get("format") == FORMAT else None
    return editions if isinstance(editions, dict) else {}


def _kept(
    previous: Mapping[str, Mapping[str, str]], name: str, key: str, folder: Path | None
) -> tuple[bytes | None, datetime.date | None]:
    """The previous output's ZIP of this name and its day, if it was made from the same files and is still whole."""
    record = previous.get(name)
    if folder is None or record is None or record.get("key") != key:
        return None, None
    try:
        data = (folder / FOLDER / name).read_bytes()
        day = datetime.date.fromisoformat(record["day"])
    except (OSError, KeyError, TypeError, ValueError):
        return None, None
    return (data, day) if hashlib.sha256(data).hexdigest() == record.get("sha256") else (None, None)


def _download(config: SiteConfig, name: str, data: bytes, day: datetime.date, languages: tuple[str, ...]) -> OfflineDownload:
    megabytes = (Decimal(len(data)) / Decimal(1_000_000)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    spoken = tuple(SpokenLanguage(tag, config.language(tag).name, tag) for tag in languages)
    return OfflineDownload(urls.offline_file_url(config, name), name, max(megabytes, Decimal("0.1")), day, spoken)
