"""Everyday words for search: what readers type, and the words the pages use for it.

Readers search with the words they know: a lawyer where the page says legal aid, the ID card by its
colloquial name. A file per language, `locales/synonyms/<language>.yml`, lists such words; each line
is an everyday word or phrase, a colon, and the word or phrase the site uses for it, or a list of them:

    advokat: [pravna pomoć, pravnik]
    lična: lična karta

A theme ships the words of its needs in its own `locales/synonyms/` (portal's default theme: every
language of the sample); a site's file adds its own words, and a line of the site for the same
everyday word adds its terms to the theme's. A language written by transliteration (Serbian
Cyrillic) uses the words of its source language too, as search folds both scripts alike. Search adds
the everyday words to each page that uses one of the terms (portal.outputs.search.records); the
config stage reads the files, each problem with its file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .config import SiteConfig
from .errors import Problem, SourceRef, _, did_you_mean, error, warning
from .i18n.fold import fold_text
from .model import Synonym
from .parse import LineList, parse_yaml, read_text
from .theme import display_path

SYNONYMS_FOLDER = "synonyms"  # inside each locales/ folder of the lookup chain (the site's, the theme's, its parents')
SUFFIX = ".yml"


def read_synonyms(
    locales_dirs: Sequence[Path], site_dir: Path, config: SiteConfig
) -> tuple[dict[str, tuple[Synonym, ...]], list[Problem]]:
    """Each site language's synonyms from the `locales/` folders in lookup order (the site's first), merged;
    and the problems of every file."""
    problems: list[Problem] = []
    found: dict[str, dict[str, Synonym]] = {}  # language -> folded everyday words -> synonym
    for number, locales in enumerate(reversed(locales_dirs)):  # the theme's parents first: the site extends them
        folder = locales / SYNONYMS_FOLDER
        if not folder.is_dir():
            continue
        own = number == len(locales_dirs) - 1  # the site's own folder: a file for a language it lacks is worth a word
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name == "README.md" or not path.is_file():
                continue
            shown = display_path(path, site_dir)
            tag = _language(path, shown, config, own, problems)
            if tag is not None:
                for synonym in _read_file(path, shown, problems):
                    _merge(found.setdefault(tag, {}), synonym)
    for language in config.languages:
        source = found.get(language.transliterate_from or "", {})
        for synonym in source.values():  # Serbian Cyrillic: the words of Serbian Latin, folded alike
            _merge(found.setdefault(language.tag, {}), synonym)
    return {tag: tuple(words.values()) for tag, words in sorted(found.items())}, problems


def _language(path: Path, shown: str, config: SiteConfig, own: bool, problems: list[Problem]) -> str | None:
    tags = [language.tag for language in config.languages]
    if path.suffix != SUFFIX or path.stem not in tags:
        if own:
            hint = _("name the file after a language of site.yml, e.g. `locales/synonyms/{tag}.yml`", tag=tags[0])
            found = did_you_mean(path.stem, tags) if path.suffix == SUFFIX else ""
            problems.append(warning(shown, 0, _("this file of everyday words is read for no language"), found or hint))
        return None
    return path.stem


def _read_file(path: Path, shown: str, problems: list[Problem]) -> list[Synonym]:
    text, found = read_text(path, shown)
    problems += found
    if text is None:
        return []
    values, found = parse_yaml(text, shown)
    problems += found
    if values is None:
        return []
    synonyms = []
    for key, value in values.items():
        line = values.line_of(key)
        words = _words(key, line, shown, problems)
        terms = _terms(value, line, shown, problems)
        if words is not None and terms:
            synonyms.append(Synonym(words, terms, SourceRef(shown, line)))
    return synonyms


def _words(key: Any, line: int, shown: str, problems: list[Problem]) -> str | None:
    if not isinstance(key, str):
        problems.append(
            error(
                shown, line, _("`{key}` is not a word", key=key), _('write the everyday word in quotes: `"{key}": ...`', key=key)
            )
        )
        return None
    if not fold_text(key):
        problems.append(error(shown, line, _("`{key}` has no letters or digits to search for", key=key), _("write a word")))
        return None
    return key


def _terms(value: Any, line: int, shown: str, problems: list[Problem]) -> tuple[str, ...]:
    items = value if isinstance(value, LineList) else [value]
    lines = [value.line_of(index) for index in range(len(value))] if isinstance(value, LineList) else [line]
    terms = []
    for item, item_line in zip(items, lines, strict=True):
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not fold_text(item):
            problems.append(
                error(
                    shown,
                    item_line,
                    _("after the colon, write the word the pages use for it"),
                    _("for example `advokat: pravna pomoć`, or a list: `advokat: [pravna pomoć, pravnik]`"),
                )
            )
            continue
        terms.append(item)
    return tuple(terms)


def _merge(words: dict[str, Synonym], synonym: Synonym) -> None:
    """One everyday word once per language: a later file's terms join an earlier file's."""
    key = fold_text(synonym.words)
    earlier = words.get(key)
    if earlier is None:
        words[key] = synonym
    else:
        terms = tuple(dict.fromkeys((*earlier.terms, *synonym.terms)))
        words[key] = Synonym(earlier.words, terms, synonym.source)
