"""The one data model: frozen values with no I/O, passed from stage to stage."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .config import SiteConfig
from .errors import SourceRef


@dataclass(frozen=True)
class Phone:
    e164: str  # +38923230401, for tel: and sms: links
    display: str  # +389 2 323 0401, as people read it
    mobile: bool = False  # worth offering an SMS link


@dataclass(frozen=True)
class Coordinates:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class TextSource:
    """One language's text file of an entry: short fields from the front matter and the Markdown body."""

    language: str  # the tag of the file, e.g. "de"
    source: SourceRef
    fields: Mapping[str, Any]  # title, summary, bring, ...
    field_lines: Mapping[str, int]
    body: str  # without the editors' notes (`<!-- ... -->`), which reach no output
    body_line: int
    declared_lang: str | None = None  # a narrower tag such as rmy, from `lang:`
    # Where notes on lines of their own were taken out of the body: the 0-based line of the file's body
    # each line of `body` was written on (empty: none was, line i is line i), for problems' lines.
    body_moved: tuple[int, ...] = ()


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class EntryFile:
    """One file in an entry's folder, as a text names it (`reference`) and in which language (`language`, "" for all)."""

    name: str  # on disk: form.rom.pdf
    reference: str  # in the texts: form.pdf
    language: str  # rom; "" for the default every language falls back to
    path: str  # content/services/<id>/form.rom.pdf, for messages
    size: int  # bytes on disk
    digest: str  # sha256 of the bytes: a new photo gives new pages
    width: int | None = None  # a picture's size as published (after resizing)
    height: int | None = None

    @property
    def is_image(self) -> bool:
        return self.name.lower().endswith(IMAGE_SUFFIXES)

    @property
    def suffix(self) -> str:
        return "." + self.name.rsplit(".", 1)[-1].lower()


@dataclass(frozen=True)
class Entry:
    """An organisation, service, municipality, project, page or category, with its facts and texts."""

    kind: str
    id: str
    source: SourceRef  # the facts file (or the first text file where a kind has no facts file)
    facts: Mapping[str, Any]  # typed values, as declared in schema.KINDS
    texts: Mapping[str, TextSource]  # by language tag
    last_verified: datetime.date | None = None
    example: bool = False
    source_date: str | None = None  # YYYY or YYYY-MM: the date of the document the facts come from
    source_language: str = ""
    fact_lines: Mapping[str, int] = field(default_factory=dict)
    files: tuple[EntryFile, ...] = ()  # pictures and documents in its folder (portal.attachments)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class MapFeature:
    """One thing of a town's base map: a street, a river, a railway, water or a district's name."""

    kind: str  # major, minor, river, stream, rail, water (an area) or district (a name at a point)
    name: str | None  # the name drawn (portal.places picks it for the page's language from `names`)
    lines: tuple[tuple[tuple[float, float], ...], ...]  # (longitude, latitude) points; an area's rings are closed
    names: tuple[tuple[str, str], ...] = ()  # ("", name) and (language, name:<language>) as the extract has them


@dataclass(frozen=True)
class BaseMap:
    """A municipality's streets, water and railways, read from the site's `data/maps/<id>.geojson`."""

    municipality: str
    path: str  # as the editor sees it, for messages
    features: tuple[MapFeature, ...]


@dataclass(frozen=True)
class Synonym:
    """An everyday word or phrase readers type, and the words of the site it means (locales/synonyms/<language>.yml)."""

    words: str  # as the editor wrote it: "advokat", "lična karta"
    terms: tuple[str, ...]  # words or phrases the pages use: "pravna pomoć", "pravnik"
    source: SourceRef


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    entries: Mapping[tuple[str, str], Entry]  # by (kind, id), sorted
    root: str = ""  # the site folder, for messages only
    build_date: datetime.date | None = None  # "today" for staleness; from SOURCE_DATE_EPOCH when set
    # Entries that exist but failed validation: their own errors are reported, links to them are not.
    broken: frozenset[tuple[str, str]] = frozenset()
    base_maps: Mapping[str, BaseMap] = field(default_factory=dict)  # by municipality id (data/maps/, portal.basemap)
    # When the source text of each entry with an outdated translation last changed, where git tells (portal.history).
    source_changes: Mapping[tuple[str, str], datetime.date] = field(default_factory=dict)
    synonyms: Mapping[str, tuple[Synonym, ...]] = field(default_factory=dict)  # by language tag (portal.synonyms)

    def of_kind(self, kind: str) -> list[Entry]:
        return list(self._by_kind.get(kind, ()))

    @cached_property
    def _by_kind(self) -> dict[str, tuple[Entry, ...]]:
        by_kind: dict[str, list[Entry]] = {}
        for (kind, _), entry in self.entries.items():
            by_kind.setdefault(kind, []).append(entry)
        return {kind: tuple(entries) for kind, entries in by_kind.items()}

    def linking(self, kind: str, field_name: str, target_id: str) -> list[Entry]:
        """Entries of `kind` whose fact `field_name` names `target_id` (one id, a list, or `block.field` in a
        list of blocks such as memberships), found without a scan."""
        return list(self._links.get((kind, field_name, target_id), ()))

    @cached_property
    def _links(self) -> dict[tuple[str, str, str], tuple[Entry, ...]]:
        # Built once: pages that list "services in this place" would otherwise scan every service, per page.
        links: dict[tuple[str, str, str], list[Entry]] = {}
        for (kind, _), entry in self.entries.items():
            for name, target in link_keys(entry):
                links.setdefault((kind, name, target), []).append(entry)
        return {key: tuple(entries) for key, entries in links.items()}

    def get(self, kind: str, entry_id: str) -> Entry | None:
        return self.entries.get((kind, entry_id))


def link_keys(entry: Entry) -> list[tuple[str, str]]:
    """Every (fact, id) an entry names: `provider: neostart` gives ("provider", "neostart"), and a list
    of blocks such as memberships gives ("memberships.network", "mreza"); a pathway's steps give ("steps.services", "a-service")."""
    keys = []
    for name, value in entry.facts.items():
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, str):
                keys.append((name, item))
            elif isinstance(item, Mapping):
                keys += [(f"{name}.{key}", target) for key, target in item.items() if isinstance(target, str)]
                # a list inside a block: a pathway's step names its services
                keys += [
                    (f"{name}.{key}", target)
                    for key, targets in item.items()
                    if isinstance(targets, tuple)
                    for target in targets
                    if isinstance(target, str)
                ]
    return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class LocalText:
    """A piece of text as shown in one language variant, and the language it is really written in."""

    text: Any  # str, or a tuple of str for list fields
    lang: str  # the language of the words (a fallback's tag when the translation is missing)
    is_fallback: bool = False


@dataclass(frozen=True)
class LocalEntry:
    """An entry seen in one language variant, each field resolved along the fallback chain."""

    entry: Entry
    language: str
    fields: Mapping[str, LocalText] = field(default_factory=dict)
    body: LocalText | None = None
    body_source: TextSource | None = None  # where the body came from, for link errors and Markdown lines

    @property
    def fallback_language(self) -> str | None:
        """The language the main text is shown in when it is not the page's own, else None."""
        main = self.body if self.body is not None and self.body.text.strip() else self.fields.get("title")
        return main.lang if main is not None and main.is_fallback else None
