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
import re
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .errors import Problem, _, error
from .model import Entry, Site, TextSource
from .plan import PlannedPage

CURRENT, OUTDATED, UNSTAMPED, MISSING = "current", "outdated", "unstamped", "missing"
STATES = (CURRENT, OUTDATED, UNSTAMPED, MISSING)
STAMP_FIELD = "translated_from"
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
    def normal(value) -> str | list[str]:
        if isinstance(value, (list, tuple)):
            return [normal(item) for item in value]
        return " ".join(str(value).split())
    said = {name: normal(value) for name, value in sorted(text.fields.items()) if name not in NOT_HASHED}
    said["body"] = normal(text.body)
    canonical = json.dumps(said, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def translation_status(site: Site) -> list[LanguageStatus]:
    """Every language's translations of every entry, in the order of site.yml."""
    report = []
    # What each source text says, hashed once for all the languages it is compared with.
    hashes = {key: source_hash(entry.texts[entry.source_language])
              for key, entry in site.entries.items() if entry.source_language in entry.texts}
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
        return None if transliterated else Translation(entry.kind, entry.id, language, MISSING, f"{folder}/{language}.md",
                                                       source.source.path, current)
    recorded = text.fields.get(STAMP_FIELD)
    state = UNSTAMPED if recorded is None else CURRENT if recorded == current else OUTDATED
    return Translation(entry.kind, entry.id, language, state, text.source.path, source.source.path, current, recorded)


# ---------------------------------------------------------------- stamping


def stamp(site_dir: Path, site: Site, language: str, names: list[str]) -> tuple[list[str], list[Problem]]:
    """Write the current source hash into the `language` translations of the named entries.

    A name is `kind/id`, or an id alone when only one kind has it. Returns the files written.
    """
    by_name = {translation.name: translation for status in translation_status(site) if status.tag == language
               for translation in status.translations}
    written, problems = [], []
    for name in names:
        matches = [t for key, t in by_name.items() if key == name or key.split("/", 1)[1] == name]
        if len(matches) != 1:
            hint = _("write it as kind/id, e.g. organisations/neostart") if matches else \
                _("name an entry that has a source text in another language")
            problems.append(error(name, 0, _("no single translation into {language} is called `{name}`",
                                             language=language, name=name), hint))
        elif matches[0].state == MISSING:
            problems.append(error(matches[0].path, 0, _("there is no translation to stamp yet"),
                                  _("write the file first, then stamp it")))
        else:
            _write_stamp(site_dir / matches[0].path, matches[0].source_hash)
            written.append(matches[0].path)
    return written, problems


_STAMP_LINE = re.compile(rf"^{STAMP_FIELD}\s*:.*$")
_FENCE = re.compile(r"^---[ \t]*$")


def _write_stamp(path: Path, value: str) -> None:
    """Set `translated_from:` in the front matter, keeping every other line as it was."""
    raw = path.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    text = raw[len(bom):].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    end = next(index for index in range(1, len(lines)) if _FENCE.match(lines[index]))  # validated: it is there
    line = f'{STAMP_FIELD}: "{value}"'  # quoted: YAML would read a hash such as 01234567 as a number
    found = next((index for index in range(1, end) if _STAMP_LINE.match(lines[index])), None)
    if found is None:
        lines.insert(end, line)
    else:
        lines[found] = line
    path.write_bytes(bom + newline.join(lines).encode("utf-8"))


# ---------------------------------------------------------------- reports

STATE_LABELS = {CURRENT: "up to date", OUTDATED: "outdated", UNSTAMPED: "not stamped", MISSING: "missing"}


def markdown_report(report: list[LanguageStatus]) -> str:
    """The report as GitHub Markdown: a table, then the outdated and missing texts of each language."""
    lines = ["## Translations", "",
             "| language | " + " | ".join(STATE_LABELS[state] for state in STATES) + " |",
             "| --- |" + " ---: |" * len(STATES)]
    for status in report:
        lines.append(f"| {status.name} (`{status.tag}`) | " + " | ".join(str(status.count(state)) for state in STATES) + " |")
    for status in report:
        for state in (OUTDATED, UNSTAMPED, MISSING):
            items = status.having(state)
            if items:
                lines += ["", f"<details><summary>{status.tag}: {len(items)} {STATE_LABELS[state]}</summary>", ""]
                lines += [f"- `{item.path}`" + (f" (source now `{item.source_hash}`)" if state != MISSING else "")
                          for item in items]
                lines += ["", "</details>"]
    lines += ["", _how_to_stamp()]
    return "\n".join(lines) + "\n"


def _how_to_stamp() -> str:
    return (f"When you have brought a translation up to date, write `{STAMP_FIELD}: \"<source>\"` in its front matter "
            "(the hash shown here), or run `portal status --stamp LANGUAGE kind/id`.")


def print_report(report: list[LanguageStatus], console) -> None:
    """The report as a table on the terminal (a rich Console), then what each language has to do."""
    from rich.table import Table

    table = Table(title="Translations")
    table.add_column("language")
    for state in STATES:
        table.add_column(STATE_LABELS[state], justify="right")
    for status in report:
        table.add_row(f"{status.name} ({status.tag})", *(str(status.count(state)) for state in STATES))
    console.print(table)
    # Texts not stamped yet are only counted: listed, they would bury what changed.
    for status in report:
        for state in (OUTDATED, MISSING):
            names = [item.name for item in status.having(state)]
            if names:
                console.print(f"[bold]{status.tag}[/bold] {STATE_LABELS[state]}: {', '.join(names)}", highlight=False)
    console.print(_how_to_stamp(), highlight=False)


STATUS_PAGE_SIZE = 150  # files listed per page: the dashboard stays light at thousands of entries too


def status_pages(site: Site) -> list[PlannedPage]:
    """The report as pages for translators (in English, not indexed): a summary at /status/, then each
    language's texts to do at /status/<tag>/, split into pages of STATUS_PAGE_SIZE files."""
    config = site.config
    report = translation_status(site)
    title_lang = "en" if "en" in config.title else config.default_language
    common = {"lang": "en", "stamp_field": STAMP_FIELD, "home_url": urls.root_url(config),
              "site_title": config.title.get(title_lang, "portal"), "site_title_lang": title_lang,
              "summary_url": urls.status_url(config)}
    summary = [{"tag": status.tag, "name": status.name, "url": urls.status_url(config, status.tag),
                "counts": [{"state": state, "label": STATE_LABELS[state], "count": status.count(state)} for state in STATES]}
               for status in report]
    url = urls.status_url(config)
    pages = [PlannedPage(url, urls.output_path(config, url), None, "status.html",
                         {**common, "languages": summary, "language": None}, ("status",), indexable=False)]
    for status, language in zip(report, summary):
        to_do = [{"state": STATE_LABELS[state], "with_source": state != MISSING, "path": item.path,
                  "source_path": item.source_path, "source_hash": item.source_hash}
                 for state in (OUTDATED, UNSTAMPED, MISSING) for item in status.having(state)]
        chunks = [to_do[start:start + STATUS_PAGE_SIZE] for start in range(0, len(to_do), STATUS_PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(chunks, 1):
            page_url = urls.list_page_url(language["url"], number)
            neighbours = {"previous": urls.list_page_url(language["url"], number - 1) if number > 1 else None,
                          "next": urls.list_page_url(language["url"], number + 1) if number < len(chunks) else None}
            view = {**common, "languages": summary, "language": {**language, "to_do": chunk, "number": number,
                                                                  "pages": len(chunks), **neighbours}}
            pages.append(PlannedPage(page_url, urls.output_path(config, page_url), None, "status.html", view,
                                     ("status", status.tag, number), indexable=False))
    return pages
