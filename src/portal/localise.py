"""Stage 3, localise: every entry seen in every language variant, field by field.

A field missing in a language is taken from the next language of its fallback chain, and keeps
the tag of the language it is really written in, so the page can mark it with the right `lang`
and tell the reader. Serbian Cyrillic is written from Serbian Latin by transliteration wherever
no Cyrillic file exists; that text is Serbian, not a fallback.
"""
from __future__ import annotations

from collections.abc import Mapping

from .config import SiteConfig
from .i18n.translit import strip_marks, to_cyrillic
from .model import Entry, LocalEntry, LocalText, Site, TextSource
from .schema import KINDS

BODY = "body"


class Localised(Mapping):
    """Each entry in each language, keyed by (kind, id, language tag), each made when first asked for:
    a build that plans only the pages an edit touched localises only what those pages show."""

    def __init__(self, site: Site, earlier: "Localised | None" = None, unchanged: frozenset[tuple[str, str]] = frozenset()):
        self.site = site
        # `portal serve` hands over what the previous build localised, for the entries that did not change:
        # over a series of edits, what the preview has localised once is not localised again.
        earlier_made = earlier.made if earlier is not None else {}
        self.made: dict[tuple[str, str, str], LocalEntry] = {key: found for key, found in earlier_made.items()
                                                              if (key[0], key[1]) in unchanged}

    def __getitem__(self, key: tuple[str, str, str]) -> LocalEntry:
        found = self.made.get(key)
        if found is None:
            kind, entry_id, language = key
            entry = self.site.entries.get((kind, entry_id))
            if entry is None or language not in self.site.config.tags:
                raise KeyError(key)
            found = self.made[key] = localise_entry(entry, language, self.site.config)
        return found

    def __iter__(self):
        return ((entry.kind, entry.id, language) for entry in self.site.entries.values() for language in self.site.config.tags)

    def __len__(self) -> int:
        return len(self.site.entries) * len(self.site.config.tags)


def localise(site: Site, earlier: Localised | None = None, unchanged: frozenset[tuple[str, str]] = frozenset()) -> Localised:
    """Return each entry in each language, keyed by (kind, id, language tag); the `unchanged` entries
    are taken from what an `earlier` build localised, where it did."""
    return Localised(site, earlier, unchanged)


def localise_entry(entry: Entry, language: str, config: SiteConfig) -> LocalEntry:
    fields = {}
    for spec in KINDS[entry.kind].texts:
        if spec.name in ("lang", "translated_from"):
            continue
        found = resolve(entry, spec.name, language, config)
        if found is not None:
            fields[spec.name] = found[0]
    body = resolve(entry, BODY, language, config)
    return LocalEntry(entry=entry, language=language, fields=fields,
                      body=body[0] if body else None, body_source=body[1] if body else None)


def resolve(entry: Entry, name: str, language: str, config: SiteConfig,
            seen: frozenset[str] = frozenset()) -> tuple[LocalText, TextSource] | None:
    """Find field `name` for `language`: its own file, then transliteration, then the fallback chain."""
    if language in seen:
        return None
    seen = seen | {language}
    own = _field(entry.texts.get(language), name)
    if own is not None:
        return LocalText(_plain(own, language, config), _lang_of(entry.texts[language], language)), entry.texts[language]
    setup = config.language(language)
    source = setup.transliterate_from
    if source is not None:
        written = _field(entry.texts.get(source), name)
        if written is not None:
            return LocalText(_transliterate(written), language), entry.texts[source]
    for fallback in setup.fallback:
        found = resolve(entry, name, fallback, config, seen)
        if found is not None:
            text, text_source = found
            return LocalText(text.text, text.lang, is_fallback=True), text_source
    # Last resort, so a page never shows nothing: the text in the entry's source language.
    if not seen.issuperset(entry.texts) and entry.source_language not in seen:
        found = resolve(entry, name, entry.source_language, config, seen)
        if found is not None:
            return LocalText(found[0].text, found[0].lang, is_fallback=True), found[1]
    return None


def _field(text: TextSource | None, name: str):
    if text is None:
        return None
    if name == BODY:
        return text.body if text.body.strip() else None
    return text.fields.get(name)


def _lang_of(text: TextSource, language: str) -> str:
    return text.declared_lang or language


def _plain(value, language: str, config: SiteConfig):
    """Text shown as written: the {lat} marks only matter for transliteration."""
    if isinstance(value, tuple):
        return tuple(strip_marks(item) for item in value)
    return strip_marks(value)


def _transliterate(value):
    if isinstance(value, tuple):
        return tuple(to_cyrillic(item) for item in value)
    return to_cyrillic(value)
