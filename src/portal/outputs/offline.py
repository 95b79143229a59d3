"""The offline edition: the site as ZIP files, one per language and one with all, that work unpacked and opened
from disk (file://): in a prison's offline library, on an NGO's USB stick, on a phone without a SIM.

Each ZIP holds the language's pages with every link made relative (portal.urls.relative_html, as the pull request's
preview), its brochures, contact cards, pictures and documents, and the static files. A link to what it does not
hold (another language, the "Saved pages" list, this download page) leads to the site on the web instead. Pagefind
cannot read its index from disk (the browser refuses fetch() there), so the edition's search page searches a script
beside it instead (`search_index`, static/offline-search.js); without JavaScript it offers the lists of needs and
places, which need nothing. With `--zim`, each edition is also written for Kiwix (portal.outputs.zim).

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
import importlib.metadata
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PIL import Image

from .. import urls
from ..config import SiteConfig
from ..errors import Problem
from ..i18n.fold import FOLD_TABLE, fold_text
from ..model import LocalEntry, Site
from ..plan import BrochureLinks, LanguagePlanner, site_title
from ..render import Renderer, render_pages, template_problems
from ..views import OfflineDownload, SpokenLanguage
from .search.records import SearchRecord
from .zim import zim_bytes

FOLDER = "offline"
MANIFEST = f"{FOLDER}/manifest.json"
FORMAT = 1  # raised when what goes into an edition changes in a way its files do not show
STORED = (".pdf", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".zip", ".woff2")  # compressed already: deflate gains nothing
ZIM_ICON_SOURCE = 192  # the size of the site's icon (portal.outputs.previews) that ZIM's 48 pixels are made from
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
    zim: bool = False  # also a ZIM of each edition, for Kiwix (portal.outputs.zim; needs libzim)


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
    records: Mapping[str, tuple[SearchRecord, ...]],
    request: OfflineRequest,
) -> tuple[OfflineEdition, list[Problem]]:
    """The ZIPs of every language and of all (and their ZIMs if asked for), and each language's page offering them;
    `records` are the search records by language, which the editions' own search reads."""
    config, edition = site.config, OfflineEdition()
    planners = {tag: LanguagePlanner(site, localised, tag, brochure_links) for tag in config.tags}
    searches = render_pages([planner.offline_search() for planner in planners.values()], renderer)
    for tag in config.tags:
        index = urls.output_path(config, urls.offline_search_index_url(config, tag))
        searches.files[index] = search_index(records.get(tag, ()), index)
    downloads: dict[tuple[str, ...], OfflineDownload] = {}
    if request.make:
        made = _Making(site, output, request, searches.files, _previous_manifest(request.previous), edition_day(site))
        for languages in (*((tag,) for tag in config.tags), config.tags):
            downloads[languages] = made.edition(languages, edition)
        manifest = {"format": FORMAT, "editions": made.records}
        edition.files[MANIFEST] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    pages = [
        planner.offline(tuple(downloads[languages] for languages in ((tag,), config.tags) if languages in downloads))
        for tag, planner in planners.items()
    ]
    rendered = render_pages(pages, renderer)
    edition.files.update(rendered.files)
    return edition, template_problems([*searches.failures, *rendered.failures])


@dataclass
class _Making:
    """One build's editions: each made, or taken over from the previous output when made from the same files."""

    site: Site
    output: SiteFiles
    request: OfflineRequest
    searches: Mapping[str, bytes]  # each language's search page as the editions have it
    previous: Mapping[str, Mapping[str, str]]  # the previous output's manifest
    dated: datetime.date | None  # the newest `last_verified`
    records: dict[str, dict[str, str]] = field(default_factory=dict)  # the new manifest's

    def edition(self, languages: tuple[str, ...], edition: OfflineEdition) -> OfflineDownload:
        config, request = self.site.config, self.request
        name = file_name(config, languages)
        members = edition_members(config, self.output, languages, self.searches)
        key = _key(config, members, self.output)
        data, day = _kept(self.previous, name, key, request.previous)
        (edition.kept if data is not None else edition.made).append(name)
        day = self.dated or day or request.today or datetime.date.today()
        if data is None:
            files = {path: self.output.read(path) if content is None else content for path, content in members.items()}
            # One language: its index.html only opens its start page; "All languages" leads to the web.
            inside = set(files) - {"index.html"} if len(languages) == 1 else set(files)
            data = zip_bytes(opened_from_disk(files, config, inside), day)
        path = urls.output_path(config, urls.offline_file_url(config, name))
        edition.files[path] = data
        self.records[name] = {"key": key, "sha256": hashlib.sha256(data).hexdigest(), "day": day.isoformat()}
        if request.zim:
            self.zim(name, key, data, languages, day, edition)
        return _download(config, name, data, day, languages)

    def zim(
        self, name: str, key: str, data: bytes, languages: tuple[str, ...], day: datetime.date, edition: OfflineEdition
    ) -> None:
        """The edition for Kiwix, from the ZIP's files: taken over while they stay the same (a ZIM is never the
        same bytes twice)."""
        config, zim_name = self.site.config, name.removesuffix(".zip") + ".zim"
        zim = _kept_file(self.previous.get(name, {}), "zim_sha256", key, self.request.previous, zim_name)
        if zim is None:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                files = {info.filename: archive.read(info) for info in archive.infolist()}
            tag = languages[0] if len(languages) == 1 else config.default_language
            title = site_title(config, tag).text
            icon = self.output.read(urls.output_path(config, urls.icon_url(config, ZIM_ICON_SOURCE)))
            zim = zim_bytes(files, title, title, languages, day, _small_icon(icon))
        edition.files[urls.output_path(config, urls.offline_file_url(config, zim_name))] = zim
        self.records[name]["zim_sha256"] = hashlib.sha256(zim).hexdigest()


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
        for url in (urls.search_url(config, tag), urls.offline_search_index_url(config, tag)):
            members[urls.output_path(config, url)] = searches[urls.output_path(config, url)]
    if len(languages) == 1:
        members["index.html"] = _start_page(config, languages[0])
    return members


def search_index(records: Iterable[SearchRecord], path: str) -> bytes:
    """What an edition's search page searches (static/offline-search.js), as a script it loads with <script src>
    (a page opened from disk may not fetch() a file): per page its link, title, summary, the language of those when
    it is a fallback's, then its names and everyday words, and all its words, folded as the search index folds them
    (portal.i18n.fold); search.js's fold table comes with it, so that the reader's words fold the same way."""
    folder = posixpath.dirname(path)
    pages = [
        [
            posixpath.relpath(record.output, folder),
            record.title,
            record.summary,
            record.lang,
            " ".join([record.title_words, record.names, *(words for _weight, words in record.everyday)]),
            " ".join([record.fields, record.related, record.facts, record.second, record.words]),
        ]
        for record in records
    ]
    data = json.dumps({"fold": FOLD_TABLE, "pages": pages}, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")  # line ends to JavaScript before ES2019
    return f"window.portalOfflineSearch = {data};\n".encode()


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
    made_from = json.dumps([FORMAT, _portal_version(), config.base_url, sorted(files.items())])
    return hashlib.sha256(made_from.encode()).hexdigest()


def _portal_version() -> str:
    """portal's release: a new one may make the same files into an edition differently (FORMAT counts between)."""
    try:
        return importlib.metadata.version("portal")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


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
    record = previous.get(name, {})
    data = _kept_file(record, "sha256", key, folder, name)
    try:
        return (data, datetime.date.fromisoformat(record["day"])) if data is not None else (None, None)
    except (KeyError, TypeError, ValueError):
        return None, None


def _kept_file(record: Mapping[str, str], hashed: str, key: str, folder: Path | None, name: str) -> bytes | None:
    """A file of the previous output's offline/ folder, if its edition was made from the same files and it is whole."""
    if folder is None or record.get("key") != key:
        return None
    try:
        data = (folder / FOLDER / name).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == record.get(hashed) else None


def _small_icon(png: bytes) -> bytes:
    """ZIM's illustration: the site's icon at 48 pixels."""
    with Image.open(io.BytesIO(png)) as icon:
        small = icon.convert("RGBA").resize((48, 48), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _download(config: SiteConfig, name: str, data: bytes, day: datetime.date, languages: tuple[str, ...]) -> OfflineDownload:
    megabytes = (Decimal(len(data)) / Decimal(1_000_000)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    spoken = tuple(SpokenLanguage(tag, config.language(tag).name, tag) for tag in languages)
    return OfflineDownload(urls.offline_file_url(config, name), name, max(megabytes, Decimal("0.1")), day, spoken)
