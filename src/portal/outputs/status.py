"""The translation dashboard: per language, which texts are translated, missing or outdated.

No git history is needed. A translation records in its front matter which version of the
source-language text it was made from: `translated_from: 1a2b3c4d`, a short hash of that
text's title, summary, other short texts and body, with white space normalised so that
re-wrapping a paragraph changes nothing. When the source text changes, its hash changes,
and every translation stamped with the old hash is reported as outdated.

`portal status` prints the report as a table or as Markdown (for a pull-request summary),
`portal status --stamp LANG ID...` writes the current hash into translations just brought up
to date, and the build adds the same report as pages for translators at /status/.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..model import Entry, Site, TextSource
from ..plan import PlannedPage
from ..render import Rendered, Renderer, render_pages

CURRENT, OUTDATED, UNSTAMPED, MISSING = "current", "outdated", "unstamped", "missing"
STATES = (CURRENT, OUTDATED, UNSTAMPED, MISSING)
STAMP_FIELD = "translated_from"
STATE_LABELS = {CURRENT: "up to date", OUTDATED: "outdated", UNSTAMPED: "not stamped", MISSING: "missing"}
NOT_HASHED = ("lang", STAMP_FIELD)  # they say how a text was made, not what it says


@dataclass(frozen=True)
class Translation:
    """One entry's text in one language, compared with the entry's source-language text."""

    kind: str
    id: str
    language: str
    state: str  # one of STATES
    path: str  # the translation's file, existing or to be written
    source_path: str
    source_hash: str  # what `translated_from` must say to be current
    recorded: str | None = None  # what it says now

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.id}"


@dataclass(frozen=True)
class LanguageStatus:
    tag: str
    name: str
    translations: tuple[Translation, ...]

    def count(self, state: str) -> int:
        return sum(1 for translation in self.translations if translation.state == state)

    def having(self, state: str) -> list[Translation]:
        return [translation for translation in self.translations if translation.state == state]


def source_hash(text: TextSource) -> str:
    """A short hash of what a text says: its short texts and body, white space normalised."""

    def normal(value: object) -> str | list[str]:
        if isinstance(value, (list, tuple)):
            return [" ".join(str(item).split()) for item in value]
        return " ".join(str(value).split())

    said = {name: normal(value) for name, value in sorted(text.fields.items()) if name not in NOT_HASHED}
    said["body"] = normal(text.body)
    canonical = json.dumps(said, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def translation_status(site: Site) -> list[LanguageStatus]:
    """Every language's translations of every entry, in the order of site.yml."""
    report = []
    # What each source text says, hashed once for all the languages it is compared with.
    hashes = {
        key: source_hash(entry.texts[entry.source_language])
        for key, entry in site.entries.items()
        if entry.source_language in entry.texts
    }
    for language in site.config.languages:
        translations = []
        for key, entry in site.entries.items():
            translation = _compare(entry, language.tag, bool(language.transliterate_from), hashes.get(key))
            if translation is not None:
                translations.append(translation)
        report.append(LanguageStatus(language.tag, language.name, tuple(translations)))
    return [status for status in report if status.translations]


def _compare(entry: Entry, language: str, transliterated: bool, current: str | None) -> Translation | None:
    source = entry.texts.get(entry.source_language)
    if language == entry.source_language or source is None or current is None:
        return None  # a missing source text is a `portal check` error of its own
    folder = source.source.path.rsplit("/", 1)[0]
    text = entry.texts.get(language)
    if text is None:
        # Serbian Cyrillic is written from Serbian Latin: only a hand-written override is a translation.
        return (
            None
            if transliterated
            else Translation(entry.kind, entry.id, language, MISSING, f"{folder}/{language}.md", source.source.path, current)
        )
    recorded = text.fields.get(STAMP_FIELD)
    state = UNSTAMPED if recorded is None else CURRENT if recorded == current else OUTDATED
    return Translation(entry.kind, entry.id, language, state, text.source.path, source.source.path, current, recorded)


STATUS_PAGE_SIZE = 150  # files listed per page: the dashboard stays light at thousands of entries too


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


@dataclass(frozen=True)
class ToDo:
    """One text a translator has to write, bring up to date or stamp."""

    state: str  # its label
    with_source: bool
    path: str
    source_path: str
    source_hash: str


@dataclass(frozen=True)
class LanguageSummary:
    tag: str
    name: str
    url: str
    counts: tuple[StateCount, ...]


@dataclass(frozen=True)
class LanguageToDo(LanguageSummary):
    """One page of what a language has to do."""

    to_do: tuple[ToDo, ...]
    number: int
    pages: int
    previous: str | None
    next: str | None


@dataclass(frozen=True)
class StatusPage:
    """The view of status.html: the summary (language None), or one page of a language's texts to do."""

    lang: str
    stamp_field: str
    home_url: str
    site_title: str
    site_title_lang: str
    summary_url: str
    languages: tuple[LanguageSummary, ...]
    language: LanguageToDo | None


def status_pages(site: Site) -> list[PlannedPage]:
    """The report as pages for translators (in English, not indexed): a summary at /status/, then each
    language's texts to do at /status/<tag>/, split into pages of STATUS_PAGE_SIZE files."""
    config = site.config
    report = translation_status(site)
    title_lang = "en" if "en" in config.title else config.default_language
    summary = tuple(_summary(site, status) for status in report)
    common: dict[str, Any] = {
        "lang": "en",
        "stamp_field": STAMP_FIELD,
        "home_url": urls.root_url(config),
        "languages": summary,
        "site_title": config.title.get(title_lang, "portal"),
        "site_title_lang": title_lang,
        "summary_url": urls.status_url(config),
    }
    pages = [_status_page(site, urls.status_url(config), StatusPage(**common, language=None), ("status",))]
    for status, language in zip(report, summary, strict=True):
        to_do = [
            ToDo(STATE_LABELS[state], state != MISSING, item.path, item.source_path, item.source_hash)
            for state in (OUTDATED, UNSTAMPED, MISSING)
            for item in status.having(state)
        ]
        chunks = [to_do[start : start + STATUS_PAGE_SIZE] for start in range(0, len(to_do), STATUS_PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(chunks, 1):
            previous = urls.list_page_url(language.url, number - 1) if number > 1 else None
            following = urls.list_page_url(language.url, number + 1) if number < len(chunks) else None
            page = LanguageToDo(
                language.tag, language.name, language.url, language.counts, tuple(chunk), number, len(chunks), previous, following
            )
            pages.append(
                _status_page(
                    site,
                    urls.list_page_url(language.url, number),
                    StatusPage(**common, language=page),
                    ("status", status.tag, number),
                )
            )
    return pages


def _summary(site: Site, status: LanguageStatus) -> LanguageSummary:
    counts = tuple(StateCount(state, STATE_LABELS[state], status.count(state)) for state in STATES)
    return LanguageSummary(status.tag, status.name, urls.status_url(site.config, status.tag), counts)


def _status_page(site: Site, url: str, view: StatusPage, key: tuple) -> PlannedPage:
    return PlannedPage(url, urls.output_path(site.config, url), None, "status.html", view, key, indexable=False)


def status_files(site: Site, renderer: Renderer) -> Rendered:
    """The translators' dashboard rendered with the site's theme: its files, and where a template failed."""
    return render_pages(status_pages(site), renderer)
