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

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import urls
from ..history import Change, History
from ..i18n.translit import strip_marks
from ..model import Entry, Site
from ..plan import PlannedPage
from ..render import Rendered, Renderer, render_pages
from ..translations import STAMP_FIELD, source_hash

CURRENT, OUTDATED, UNSTAMPED, MISSING = "current", "outdated", "unstamped", "missing"
STATES = (CURRENT, OUTDATED, UNSTAMPED, MISSING)
STATE_LABELS = {CURRENT: "up to date", OUTDATED: "outdated", UNSTAMPED: "not stamped", MISSING: "missing"}


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

    state: str  # one of STATES
    path: str
    source_path: str
    source_hash: str
    file_url: str | None  # on GitHub: where to edit the translation (or to create it), if site.yml names the repository
    source_url: str | None  # on GitHub: the source text
    changes: tuple[Change, ...]  # of an outdated translation: the source's commits since the translation's last one


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

    lang: str  # the summary is in the site's default language, each language's list in that language
    stamp_field: str
    home_url: str
    site_title: str
    site_title_lang: str
    summary_url: str
    languages: tuple[LanguageSummary, ...]
    language: LanguageToDo | None
    repository: str | None


# The order of a language's list: what readers miss entirely first, then what changed, then what was never compared.
TO_DO_ORDER = (MISSING, OUTDATED, UNSTAMPED)


def status_pages(site: Site, history: History | None = None) -> list[PlannedPage]:
    """The report as pages for translators (not indexed): a summary at /status/ in the site's default language, then
    each language's texts to do at /status/<tag>/ in that language, split into pages of STATUS_PAGE_SIZE files."""
    config = site.config
    report = translation_status(site)
    history = history or History(Path(site.root))
    summary = tuple(_summary(site, status) for status in report)
    common: dict[str, Any] = {
        "stamp_field": STAMP_FIELD,
        "home_url": urls.root_url(config),
        "languages": summary,
        "summary_url": urls.status_url(config),
        "repository": config.repository,
    }
    default = config.default_language
    pages = [_status_page(site, urls.status_url(config), StatusPage(**common, **_titled(site, default), language=None), default)]
    for status, language in zip(report, summary, strict=True):
        to_do = [_to_do(site, item, history) for state in TO_DO_ORDER for item in status.having(state)]
        chunks = [to_do[start : start + STATUS_PAGE_SIZE] for start in range(0, len(to_do), STATUS_PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(chunks, 1):
            previous = urls.list_page_url(language.url, number - 1) if number > 1 else None
            following = urls.list_page_url(language.url, number + 1) if number < len(chunks) else None
            page = LanguageToDo(
                language.tag, language.name, language.url, language.counts, tuple(chunk), number, len(chunks), previous, following
            )
            view = StatusPage(**common, **_titled(site, status.tag), language=page)
            pages.append(_status_page(site, urls.list_page_url(language.url, number), view, status.tag, number))
    return pages


def _titled(site: Site, language: str) -> dict[str, Any]:
    """The page's language, and the site's title in it (or in the first language that has one)."""
    config = site.config
    chain = (language, *config.language(language).fallback, config.default_language)
    title_lang = next((tag for tag in chain if tag in config.title), config.default_language)
    return {"lang": language, "site_title": strip_marks(config.title.get(title_lang, "portal")), "site_title_lang": title_lang}


def _to_do(site: Site, item: Translation, history: History) -> ToDo:
    repository, branch = site.config.repository, site.config.branch
    file_url = source_url = None
    if repository is not None:
        source_url = f"{repository}/blob/{branch}/{quote(item.source_path)}"
        if item.state == MISSING:
            folder, _slash, name = item.path.rpartition("/")
            file_url = f"{repository}/new/{branch}/{quote(folder)}?filename={quote(name)}"
        else:
            file_url = f"{repository}/edit/{branch}/{quote(item.path)}"
    changes = history.changes(item.source_path, after=item.path) if item.state == OUTDATED else ()
    return ToDo(item.state, item.path, item.source_path, item.source_hash, file_url, source_url, changes)


def _summary(site: Site, status: LanguageStatus) -> LanguageSummary:
    counts = tuple(StateCount(state, STATE_LABELS[state], status.count(state)) for state in (*TO_DO_ORDER, CURRENT))
    return LanguageSummary(status.tag, status.name, urls.status_url(site.config, status.tag), counts)


def _status_page(site: Site, url: str, view: StatusPage, language: str, number: int = 0) -> PlannedPage:
    key = ("status", language, number) if number else ("status",)
    return PlannedPage(url, urls.output_path(site.config, url), language, "status.html", view, key, indexable=False)


def status_files(site: Site, renderer: Renderer) -> Rendered:
    """The translators' dashboard rendered with the site's theme: its files, and where a template failed."""
    return render_pages(status_pages(site), renderer)
