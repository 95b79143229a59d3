"""Search, beside render: one Pagefind index per language variant, folded as people really type.

Readers type on phone keyboards, often without diacritics (`skola` for `škola`, `dj` for `đ`)
and sometimes in the other script (`социјални` on a Latin page). So the index holds, for each
page, a record made for search only: the page's words *folded* (lower case; Cyrillic written in
Latin letters; `đ` as `dj`; accents and other marks dropped), plus the words people also type
another way (`đ` as `d`, `š` as `sh`, ...), and `search.js` folds the reader's query with the
same table before handing it to Pagefind. The same fold serves every language, so a language
added later needs nothing here.

The records are separate HTML documents written to a temporary folder for Pagefind only, not the
published pages: those carry no folded text and no Pagefind attributes, so no page gets heavier.
Titles and summaries shown in the results come from the record's metadata, in the page's own
spelling; the filters (kind, place, need) are ids, named by the search page in its language.

Pagefind is the PyPI package `pagefind[bin]`, which ships the binary. It makes one bundle per
language variant, written to `pagefind/<prefix>/` beside the pages and made reproducible by
`search_bundle`: a reader downloads only their language's index, and an edit indexes again only
the languages whose records changed.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from . import urls
from .config import SiteConfig
from .i18n.locales import language_format
from .i18n.translit import to_latin
from .search_bundle import reproducible

if TYPE_CHECKING:
    from babel.plural import PluralRule

    from .model import Site
    from .plan import Plan, PlannedPage

# What each kind of entry is called in the `kind` filter (the labels are in search.html).
KIND_OF_ENTRY = {"services": "service", "organisations": "organisation", "municipalities": "place",
                 "categories": "need", "projects": "project", "pages": "page"}

# --------------------------------------------------------------------------------------------- folding

_SERBIAN_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш"
# Letters no Unicode decomposition reduces to plain Latin, as people type them without the mark.
_LATIN_LETTERS = {"đ": "dj", "ð": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "ı": "i", "ħ": "h"}
# Cyrillic letters beyond Serbian: Macedonian first, then the common Russian, Ukrainian and Bulgarian ones.
_OTHER_CYRILLIC = {"ѓ": "gj", "ќ": "kj", "ѕ": "dz", "й": "j", "щ": "sht", "ъ": "", "ы": "y", "ь": "", "э": "e",
                   "ю": "ju", "я": "ja", "ё": "e", "є": "je", "і": "i", "ї": "ji", "ў": "u", "ґ": "g"}
# A second spelling indexed beside the first, for letters people type in two ways: `đ` as `dj` and
# as `d` (Djordjevic, Dordevic); `š`, `č`, `ž` as `s`, `c`, `z` and, as Macedonian is often typed,
# as `sh`, `ch`, `zh` (pomosh); `ќ`, `ѓ` as `kj`, `gj` and as `k`, `g`.
_SECOND_SPELLING = {"đ": "d", "ђ": "d", "š": "sh", "ш": "sh", "č": "ch", "ч": "ch", "ž": "zh", "ж": "zh", "ќ": "k", "ѓ": "g"}


def _fold_table() -> dict[str, str]:
    table = {letter: to_latin(letter) for letter in _SERBIAN_CYRILLIC}
    table.update(_OTHER_CYRILLIC)
    table = {letter: "".join(_LATIN_LETTERS.get(c, c) for c in latin) for letter, latin in table.items()}
    table.update(_LATIN_LETTERS)
    return {letter: _without_marks(latin) for letter, latin in sorted(table.items())}


def _without_marks(text: str) -> str:
    """NFKD without combining marks; ASCII text as it is."""
    if text.isascii():
        return text
    return _NOT_ASCII.sub(_strip_character, unicodedata.normalize("NFKD", text))


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _strip_character(match: re.Match) -> str:
    character = match.group()
    return "" if unicodedata.category(character).startswith("M") else character


FOLD_TABLE: dict[str, str] = _fold_table()  # lower-case letter -> its folded form; search.js gets the same table
_TRANSLATE = str.maketrans(FOLD_TABLE)
_NOT_A_WORD = re.compile(r"[\W_]+")
_TRANSLATE_SECOND = str.maketrans({**FOLD_TABLE, **_SECOND_SPELLING})
# A word without any of these folds alike with and without the second spellings: the letters of
# _SECOND_SPELLING in both cases, and the combining marks that compose them (s + ˇ = š, к + ´ = ќ).
_SECOND_LETTERS = re.compile("[" + "".join(sorted({*_SECOND_SPELLING, *(letter.upper() for letter in _SECOND_SPELLING)}))
                             + "\u030c\u0301]")


def fold(text: str, second_spelling: bool = False) -> str:
    """Text as the index and the query see it, words only: `„Đak“ Škole, Ниш` -> `djak skole nis`.

    The steps are the ones search.js takes, in the same order (NFC, lower case, the table,
    NFKD without marks, lower case, anything but letters and digits as a space), so a query
    folds to the words of the index. None of them reaches across white space, so each word
    written on the pages is folded once and remembered: folding whole pages was a third of the
    time of a large build, and its vocabulary is small.
    """
    side, words = (1 if second_spelling else 0), []
    for written in text.split():
        folded = (_FOLDED.get(written) or _fold_word(written))[side]
        if folded:
            words.append(folded)
    return " ".join(words)


def fold_text(text: str, second_spelling: bool = False) -> str:
    """`fold` as its steps define it, on the whole text at once."""
    text = unicodedata.normalize("NFC", text).lower().translate(_TRANSLATE_SECOND if second_spelling else _TRANSLATE)
    return " ".join(_NOT_A_WORD.sub(" ", _without_marks(text).lower()).split())


def _fold_word(written: str) -> tuple[str, str]:
    """A written word folded, and folded with the second spellings, remembered in _FOLDED."""
    if len(_FOLDED) > _FOLDED_KEPT:
        _FOLDED.clear()
    first = fold_text(written)
    second = fold_text(written, second_spelling=True) if _SECOND_LETTERS.search(written) else first
    _FOLDED[written] = (first, second)
    return first, second


_FOLDED: dict[str, tuple[str, str]] = {}  # written word -> (its folded words, with the second spellings)
_FOLDED_KEPT = 500_000


def fold_with_second(text: str) -> tuple[str, set[str]]:
    """`fold(text)`, and the words the second spellings add to it, in one pass over the text."""
    first, second = [], set()
    for written in text.split():
        folded, other = _FOLDED.get(written) or _fold_word(written)
        if folded:
            first.append(folded)
        if other != folded:
            second.update(other.split())
    return " ".join(first), second


def second_spellings(text: str) -> list[str]:
    """Folded words that people also type another way (`đak` -> `dak`, `помош` -> `pomosh`), beside `fold(text)`'s."""
    folded, second = fold_with_second(text)
    return sorted(second - set(folded.split()))


# ------------------------------------------------------------------------------- plural rule for search.js

# Whole numbers that reach every plural category a count of results can have (as in i18n.locales).
_COUNTS = (*range(1001), *(10**k for k in range(4, 13)))


def plural_rule_data(rule: "PluralRule") -> dict[str, Any]:
    """A CLDR plural rule as plain data that search.js evaluates for any whole number.

    The page's CSP allows no `eval`, so the rule travels as data, not as code: per category an
    expression tree of `["or", a, b]`, `["and", a, b]`, `["not", a]` and `["in", operand,
    [[low, high], ...]]`, where an operand is `"n"`, a number, or `["%", operand, m]`. A count
    of results is a whole number, so the operands of fractions (v, f, t, w, c, e) are 0.
    Categories no whole number reaches are left out; every other count is "other".
    """
    reached = {rule(n) for n in _COUNTS}
    return {category: _plural_node(tree) for category, tree in rule.abstract if category in reached}


def plural_samples(rule: "PluralRule") -> list[dict[str, Any]]:
    """The smallest count in each plural category, to ask the catalog for that category's words."""
    samples: dict[str, int] = {}
    for n in _COUNTS:
        samples.setdefault(rule(n), n)
    return [{"category": category, "n": n} for category, n in sorted(samples.items(), key=lambda item: item[1])]


def _plural_node(node) -> Any:
    op, args = node
    if op in ("or", "and"):
        return [op, _plural_node(args[0]), _plural_node(args[1])]
    if op == "not":
        return ["not", _plural_node(args[0])]
    if op == "relation":
        _method, operand, (_, ranges) = args  # "in" and "within" agree on whole numbers
        return ["in", _plural_operand(operand), [[_plural_operand(low), _plural_operand(high)] for low, high in ranges]]
    if op in ("is", "isnot"):
        test = ["in", _plural_operand(args[0]), [[_plural_operand(args[1])] * 2]]
        return test if op == "is" else ["not", test]
    raise ValueError(f"unknown plural rule node {op!r}")


def _plural_operand(node) -> Any:
    op, args = node
    if op in ("n", "i"):
        return "n"
    if op in ("v", "w", "f", "t", "c", "e"):
        return 0
    if op == "value":
        return args[0]
    if op == "mod":
        return ["%", _plural_operand(args[0]), _plural_operand(args[1])]
    raise ValueError(f"unknown plural rule operand {op!r}")


def plural_category(rule_data: dict[str, Any], n: int) -> str:
    """What search.js computes from `plural_rule_data`, in Python, so the tests can compare it with Babel."""
    def value(operand):
        return n if operand == "n" else operand if isinstance(operand, int) else value(operand[1]) % operand[2]

    def holds(node) -> bool:
        if node[0] == "or":
            return holds(node[1]) or holds(node[2])
        if node[0] == "and":
            return holds(node[1]) and holds(node[2])
        if node[0] == "not":
            return not holds(node[1])
        return any(low <= value(node[1]) <= high for low, high in node[2])

    return next((category for category, node in rule_data.items() if holds(node)), "other")


def search_page_view(config: SiteConfig, language: str) -> dict[str, Any]:
    """What the search page hands to search.js besides its words: where the index is, the fold, the plural rule."""
    rule = language_format(language).plural_rule
    return {"bundle": urls.search_bundle_url(config, language), "base": config.base_path, "fold": FOLD_TABLE,
            "plural": plural_rule_data(rule), "plural_samples": plural_samples(rule)}


# ---------------------------------------------------------------------------------------- the records


@dataclass(frozen=True)
class SearchRecord:
    """What Pagefind indexes for one page: folded words to match, and the page's own words to show."""

    output: str  # the page's file under the output folder; Pagefind makes the URL from it
    language: str
    title: str
    summary: str
    words: str  # folded: title, summary, text fields and body
    related: str  # folded names of linked entries (provider, places, needs), weighted lower
    second: str  # the second spellings of the words above
    filters: dict[str, list[str]] = field(default_factory=dict)  # kind, place, need: ids, named by the search page
    lang: str = ""  # the language of title and summary when it is not the page's (a fallback), for `lang`


def search_records(plan: "Plan", site: "Site") -> list[SearchRecord]:
    """A record for every page worth finding: each entry's page and the start page, in every language."""
    return page_records(plan.pages, site)


def page_records(pages: Iterable["PlannedPage"], site: "Site") -> list[SearchRecord]:
    """The records of some planned pages (those not worth finding give none)."""
    records = []
    for page in pages:
        if page.language is None or not page.indexable or page.key[0] not in ("entry", "home"):
            continue
        if isinstance(page.key[-1], int):
            continue  # a further page of a need's long list: the need itself is found by its first page
        records.append(_record(page, site))
    return records


def _record(page: "PlannedPage", site: "Site") -> SearchRecord:
    view = page.view
    entry = view.get("entry")
    shown = entry["title"] if entry else view["site_title"]
    title = shown.text
    summary = entry["summary"].text if entry and entry.get("summary") else ""
    texts = [title, summary]
    if entry:
        for value in entry["fields"].values():
            if value is not None and value.text:
                texts += value.text if isinstance(value.text, (list, tuple)) else [value.text]
        texts.append(_text_of_html(entry["body_html"]))
    related = " ".join(link["title"].text for link in _related_links(view))
    kind, entry_id = (page.key[1], page.key[2]) if page.key[0] == "entry" else ("pages", "home")
    words = "\n".join(text for text in texts if text)
    (folded_words, second_words), (folded_related, second_related) = fold_with_second(words), fold_with_second(related)
    first = {*folded_words.split(), *folded_related.split()}
    second = sorted(word for word in second_words | second_related if word not in first)
    return SearchRecord(page.output, page.language, title, summary, folded_words, folded_related,
                        " ".join(second), _filters(site, kind, entry_id), shown.lang if shown.is_fallback else "")


def _related_links(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries a page links to as part of what it is about: a service's provider, places and needs, ..."""
    links = [view[name] for name in ("provider", "lead") if view.get(name)]
    for name in ("categories", "municipalities", "partners", "funders", "services", "members"):
        if isinstance(view.get(name), list):
            links += view[name]
    links += [membership["network"] for membership in view.get("memberships", ())]
    return links


def _filters(site: "Site", kind: str, entry_id: str) -> dict[str, list[str]]:
    """kind, place and need of a page, by id. An organisation is where and for what its services are."""
    filters = {"kind": [KIND_OF_ENTRY[kind]]}
    if kind == "municipalities":
        filters["place"] = [entry_id]
    elif kind == "categories":
        filters["need"] = [entry_id]
    elif kind in ("services", "organisations"):
        entry = site.get(kind, entry_id)
        services = [entry] if kind == "services" else site.linking("services", "provider", entry_id)
        for name, facts_field in (("place", "municipalities"), ("need", "categories")):
            ids = sorted({value for service in services if service for value in service.facts.get(facts_field, ())})
            if ids:
                filters[name] = ids
    return filters


def _text_of_html(markup: str) -> str:
    """The words of HTML made by markdown.render_markdown, which escapes every `<`, `>` and `"` in text and
    attributes: so a tag is exactly `<` up to the next `>`."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


_TAG = re.compile(r"<[^>]*>")


# ------------------------------------------------------------------------------------------ the index

# The files of Pagefind's bundle that search.js uses; its ready-made interfaces and web worker are left out.
def _bundle_file(name: str) -> bool:
    return (name in ("pagefind.js", "pagefind-entry.json") or name.endswith(".pf_meta")
            or name.startswith(("wasm.", "index/", "fragment/", "filter/")))


def record_html(record: SearchRecord) -> str:
    """The record as the HTML document Pagefind reads: metadata and filters as attributes, words as text."""
    attribute = lambda value: html.escape(value, quote=True)  # noqa: E731
    lines = ["<!doctype html>", f'<html lang="{attribute(record.language)}"><head><meta charset="utf-8"></head>',
             "<body data-pagefind-body>",
             f'<meta data-pagefind-meta="title[content]" content="{attribute(record.title)}">']
    if record.summary:
        lines.append(f'<meta data-pagefind-meta="summary[content]" content="{attribute(record.summary)}">')
    if record.lang:
        lines.append(f'<meta data-pagefind-meta="lang[content]" content="{attribute(record.lang)}">')
    for name, values in sorted(record.filters.items()):
        lines += [f'<meta data-pagefind-filter="{name}[content]" content="{attribute(value)}">' for value in values]
    lines += [f"<h1>{html.escape(fold(record.title))}</h1>", f"<div>{html.escape(record.words)}</div>"]
    if record.related:
        lines.append(f'<p data-pagefind-weight="0.5">{html.escape(record.related)}</p>')
    if record.second:
        lines.append(f'<p data-pagefind-weight="0.5">{html.escape(record.second)}</p>')
    lines.append("</body></html>")
    return "\n".join(lines) + "\n"


def pagefind_executable() -> Path:
    """The binary of `pagefind[bin]` (or PAGEFIND_BINARY_PATH); a clear error when it is missing."""
    try:
        from pagefind.service import get_executable
    except ImportError as err:
        raise RuntimeError("the search index needs Pagefind: install portal with its dependencies (pip install -e .)") from err
    executable = get_executable()
    if executable is None:
        raise RuntimeError("Pagefind's binary is missing: pip install 'pagefind[bin]', or set PAGEFIND_BINARY_PATH")
    return Path(executable)


def search_index(plan: "Plan", site: "Site") -> dict[str, bytes]:
    """Pagefind's bundles for all the pages of a plan, as files under `pagefind/<language>/`."""
    return index_records(search_records(plan, site), site.config)


def bundle_folder(config: "SiteConfig", language: str | None = None) -> str:
    """The output folder of the search bundles (`pagefind`), or of one language's (`pagefind/sr-latn`)."""
    return urls.output_path(config, urls.search_bundle_url(config, language)).rpartition("/")[0]


def records_by_language(records: Iterable[SearchRecord]) -> dict[str, tuple[SearchRecord, ...]]:
    by_language: dict[str, list[SearchRecord]] = {}
    for record in records:
        by_language.setdefault(record.language, []).append(record)
    return {language: tuple(found) for language, found in by_language.items()}


def index_records(records: Iterable[SearchRecord], config: "SiteConfig") -> dict[str, bytes]:
    """Pagefind's bundle of each language the records are in, as files under `pagefind/<language>/`;
    the same records give the same bytes. Two languages are indexed at a time."""
    files: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for found in pool.map(lambda item: _language_bundle(item[1], bundle_folder(config, item[0])),
                              sorted(records_by_language(records).items())):
            files.update(found)
    return files


MEMORY_FOLDER = Path("/dev/shm")


def scratch_folder(needed: int) -> str | None:
    """Where to put files that live for one step: a folder in memory (Linux's /dev/shm) when it has room for
    `needed` bytes twice over, else the system's temporary folder (None). Pagefind reads a file per page and
    writes one per page: on disk, creating them cost as much system time as the indexing took."""
    try:
        if MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK) and shutil.disk_usage(MEMORY_FOLDER).free > 2 * needed:
            return str(MEMORY_FOLDER)
    except OSError:
        pass
    return None


def _language_bundle(records: tuple[SearchRecord, ...], bundle: str) -> dict[str, bytes]:
    """One language's records indexed by Pagefind, as files under `bundle`."""
    documents = {record.output: record_html(record).encode("utf-8") for record in records}
    scratch = scratch_folder(3 * sum(map(len, documents.values())))  # the records, Pagefind's bundle, and room
    with tempfile.TemporaryDirectory(prefix="portal-search-", dir=scratch) as temporary:
        pages, output = Path(temporary) / "pages", Path(temporary) / "bundle"
        pages.mkdir()
        for folder in sorted({(pages / path).parent for path in documents}):
            folder.mkdir(parents=True, exist_ok=True)  # each folder once
        for path, document in documents.items():
            (pages / path).write_bytes(document)
        command = [str(pagefind_executable()), "--site", str(pages), "--output-path", str(output), "--silent"]
        try:
            run = subprocess.run(command, capture_output=True, text=True, cwd=temporary)
        except OSError as err:
            raise RuntimeError(f"Pagefind could not be started ({err}): pip install 'pagefind[bin]'") from err
        if run.returncode != 0:
            raise RuntimeError(f"Pagefind failed ({run.returncode}): {run.stdout}{run.stderr}")
        written = {path.relative_to(output).as_posix(): path for path in sorted(output.rglob("*")) if path.is_file()}
        files = {name: path.read_bytes() for name, path in written.items() if _bundle_file(name)}
    return {f"{bundle}/{name}": data for name, data in reproducible(files).items()}
