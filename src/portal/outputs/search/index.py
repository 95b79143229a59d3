"""Pagefind's index of the search records: one bundle per language variant, made reproducible.

The records are separate HTML documents written to a temporary folder for Pagefind only, not the
published pages: those carry no folded text and no Pagefind attributes, so no page gets heavier.
Pagefind is the PyPI package `pagefind[bin]`, which ships the binary. It makes one bundle per
language variant, written to `pagefind/<prefix>/` beside the pages and made reproducible by
`bundle.reproducible`: a reader downloads only their language's index, and an edit indexes again
only the languages whose records changed.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ... import urls
from ...config import SiteConfig
from ...i18n.fold import fold_text
from ...i18n.stem import index_language
from ...plan import VOCABULARY  # beside Pagefind's files: the words search.js offers for a word it does not know
from .bundle import reproducible
from .records import SearchRecord

MEMORY_FOLDER = Path("/dev/shm")
# Word locations per chunk of Pagefind's index (its default: 20,000). A search downloads the chunk of each of its
# words: smaller chunks make the first search of the sample 20 KB lighter, and keep it so on a larger site, where the
# default chunks are 20 KB each (bench/search_size.py). Pagefind 1.5 reads it from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
# a Pagefind that ignores it writes its default chunks, which search alike.
INDEX_CHUNK = 4000


def _bundle_file(name: str) -> bool:
    """The files of Pagefind's bundle that search.js uses; its ready-made interfaces and web worker are left out."""
    return (
        name in ("pagefind.js", "pagefind-entry.json")
        or name.endswith(".pf_meta")
        or name.startswith(("wasm.", "index/", "fragment/", "filter/"))
    )


def record_html(record: SearchRecord) -> str:
    """The record as the HTML document Pagefind reads: metadata and filters as attributes, words as text."""

    def attribute(value: str) -> str:
        return html.escape(value, quote=True)

    lines = [
        "<!doctype html>",
        f'<html lang="{attribute(index_language(record.language))}"><head><meta charset="utf-8"></head>',
        "<body data-pagefind-body>",
        f'<meta data-pagefind-meta="title[content]" content="{attribute(record.title)}">',
    ]
    if record.summary:
        lines.append(f'<meta data-pagefind-meta="summary[content]" content="{attribute(record.summary)}">')
    if record.lang:
        lines.append(f'<meta data-pagefind-meta="lang[content]" content="{attribute(record.lang)}">')
    for name, values in sorted(record.filters.items()):
        lines += [f'<meta data-pagefind-filter="{name}[content]" content="{attribute(value)}">' for value in values]
    if record.phone:
        lines.append(f'<meta data-pagefind-meta="phone[content]" content="{attribute(record.phone)}">')
        lines.append(f'<meta data-pagefind-meta="tel[content]" content="{attribute(record.tel)}">')
    weight = record.weight
    if weight == 1.0:
        lines.append(f"<h1>{html.escape(record.title_words)}</h1>")
    else:  # a page about the site: its title no heavier than an entry's summary
        lines.append(f'<p data-pagefind-weight="{_weight(7 * weight)}">{html.escape(record.title_words)}</p>')
    sections = [
        (1.0, record.words),
        (1.0, record.fields),
        (0.5, record.related),
        (5.0, record.names),
        (2.0, record.facts),
        (0.5, record.second),
    ]
    weighted = [(section_weight * weight, words) for section_weight, words in sections]
    for section_weight, words in [*weighted, *record.everyday, *record.stems]:  # the last two are weighed already
        if words:
            lines.append(f'<p data-pagefind-weight="{_weight(section_weight)}">{html.escape(words)}</p>')
    lines.append("</body></html>")
    return "\n".join(lines) + "\n"


def _weight(value: float) -> str:
    """A Pagefind weight (0 to 10) as written in the record: at most two decimals, no trailing zeros."""
    return f"{min(max(value, 0.0), 10.0):.2f}".rstrip("0").rstrip(".")


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


def bundle_folder(config: SiteConfig, language: str | None = None) -> str:
    """The output folder of the search bundles (`pagefind`), or of one language's (`pagefind/sr-latn`)."""
    return urls.output_path(config, urls.search_bundle_url(config, language)).rpartition("/")[0]


def records_by_language(records: Iterable[SearchRecord]) -> dict[str, tuple[SearchRecord, ...]]:
    by_language: dict[str, list[SearchRecord]] = {}
    for record in records:
        by_language.setdefault(record.language, []).append(record)
    return {language: tuple(found) for language, found in by_language.items()}


def index_records(records: Iterable[SearchRecord], config: SiteConfig) -> dict[str, bytes]:
    """Pagefind's bundle of each language the records are in, as files under `pagefind/<language>/`;
    the same records give the same bytes. Two languages are indexed at a time."""
    files: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for found in pool.map(
            lambda item: _language_bundle(item[1], bundle_folder(config, item[0])), sorted(records_by_language(records).items())
        ):
            files.update(found)
    return files


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
            environment = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK)}
            run = subprocess.run(command, capture_output=True, text=True, cwd=temporary, env=environment)
        except OSError as err:
            raise RuntimeError(f"Pagefind could not be started ({err}): pip install 'pagefind[bin]'") from err
        if run.returncode != 0:
            raise RuntimeError(f"Pagefind failed ({run.returncode}): {run.stdout}{run.stderr}")
        written = {path.relative_to(output).as_posix(): path for path in sorted(output.rglob("*")) if path.is_file()}
        files = {name: path.read_bytes() for name, path in written.items() if _bundle_file(name)}
    files[VOCABULARY] = vocabulary(records)
    return {f"{bundle}/{name}": data for name, data in reproducible(files).items()}


def vocabulary(records: Iterable[SearchRecord]) -> bytes:
    """The words a reader of one language can find pages by, once each, as written where they are most often
    written so (`škola`, not `skola`), in the order of their folded form: search.js fetches it only when a
    query word finds nothing, and offers the closest words ("did you mean")."""
    counts: dict[str, dict[str, int]] = {}
    for record in records:
        for word in record.vocabulary:
            folded = fold_text(word)
            if " " not in folded:
                forms = counts.setdefault(folded, {})
                forms[word.lower()] = forms.get(word.lower(), 0) + 1
    words = [max(sorted(forms), key=lambda form: forms[form]) for _, forms in sorted(counts.items())]
    return json.dumps(words, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
