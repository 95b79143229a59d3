"""Stage 4, localise: every entry seen in every language variant, field by field.

A field missing in a language is taken from the next language of its fallback chain, and keeps
the tag of the language it is really written in, so the page can mark it with the right `lang`
and tell the reader. Serbian Cyrillic is written from Serbian Latin by transliteration wherever
no Cyrillic file exists; that text is Serbian, not a fallback.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .config import SiteConfig
from .i18n.translit import WordMemo, strip_marks, to_cyrillic, to_latin
from .model import Entry, LocalEntry, LocalText, Site, TextSource
from .schema import KINDS

BODY = "body"
TextValue = str | tuple[str, ...]  # a text field's value: text, or a list of texts such as `bring`


class Localised(Mapping[tuple[str, str, str], LocalEntry]):
    """Each entry in each language, keyed by (kind, id, language tag), each made when first asked for:
    a build that plans only the pages an edit touched localises only what those pages show."""

    def __init__(
        self, site: Site, earlier: Mapping[tuple[str, str, str], LocalEntry] | None = None, words: WordMemo | None = None
    ):
        self.site = site
        self.words = words if words is not None else {}
        self.made: dict[tuple[str, str, str], LocalEntry] = dict(earlier or {})

    def __getitem__(self, key: tuple[str, str, str]) -> LocalEntry:
        found = self.made.get(key)
        if found is None:
            kind, entry_id, language = key
            entry = self.site.entries.get((kind, entry_id))
            if entry is None or language not in self.site.config.tags:
                raise KeyError(key)
            found = self.made[key] = localise_entry(entry, language, self.site.config, self.words)
        return found

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        return ((entry.kind, entry.id, language) for entry in self.site.entries.values() for language in self.site.config.tags)

    def __len__(self) -> int:
        return len(self.site.entries) * len(self.site.config.tags)


def localise(
    site: Site, earlier: Mapping[tuple[str, str, str], LocalEntry] | None = None, words: WordMemo | None = None
) -> Localised:
    """Each entry in each language, keyed by (kind, id, language tag).

    `earlier` holds entries an earlier build localised that are still the same (the preview, over a
    series of edits, localises an entry once); `words` remembers the Cyrillic form of each word.
    """
    return Localised(site, earlier, words)


def localise_entry(entry: Entry, language: str, config: SiteConfig, words: WordMemo | None = None) -> LocalEntry:
    fields = {}
    for spec in KINDS[entry.kind].texts:
        if spec.name in ("lang", "translated_from"):
            continue
        if spec.type == "text_map":  # each item falls back on its own: `steps.<id>`
            keys = dict.fromkeys(key for text in entry.texts.values() for key, _text in text.fields.get(spec.name, ()))
            names = [f"{spec.name}.{key}" for key in keys]
        else:
            names = [spec.name]
        for name in names:
            found = resolve(entry, name, language, config, words=words)
            if found is not None:
                fields[name] = found[0]
    body = resolve(entry, BODY, language, config, words=words)
    return LocalEntry(
        entry=entry, language=language, fields=fields, body=body[0] if body else None, body_source=body[1] if body else None
    )


def resolve(
    entry: Entry, name: str, language: str, config: SiteConfig, seen: frozenset[str] = frozenset(), words: WordMemo | None = None
) -> tuple[LocalText, TextSource] | None:
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
            return LocalText(_transliterate(written, words), language), entry.texts[source]
    # Written only in the other script (an sr-Cyrl file and none in sr-Latn): the same language, converted back.
    for other in config.languages:
        if other.transliterate_from == language:
            written = _field(entry.texts.get(other.tag), name)
            if written is not None:
                return LocalText(_to_latin(written), language), entry.texts[other.tag]
    for fallback in setup.fallback:
        found = resolve(entry, name, fallback, config, seen, words)
        if found is not None:
            text, text_source = found
            return LocalText(text.text, text.lang, is_fallback=True), text_source
    # Last resort, so a page never shows nothing: the text in the entry's source language.
    if not seen.issuperset(entry.texts) and entry.source_language not in seen:
        found = resolve(entry, name, entry.source_language, config, seen, words)
        if found is not None:
            return LocalText(found[0].text, found[0].lang, is_fallback=True), found[1]
    return None


def fact_text(value: str, language: str, config: SiteConfig, words: WordMemo | None = None) -> str:
    """A fact written as text (a city, an address, a name), as a page in `language` shows it: in Cyrillic
    on a variant written by transliteration (sr-Cyrl), without {lat} marks everywhere."""
    if config.language(language).transliterate_from:
        return to_cyrillic(value, words)
    return strip_marks(value)


def local_facts(entry: Entry, language: str, config: SiteConfig, words: WordMemo | None = None) -> dict[str, object]:
    """Every declared fact of the entry (None when not written), its text facts as `fact_text` shows them."""
    facts: dict[str, object] = {}
    for spec in KINDS[entry.kind].facts:
        value = entry.facts.get(spec.name)
        if spec.type == "text" and isinstance(value, str):
            value = fact_text(value, language, config, words)
        elif spec.type == "text_list" and isinstance(value, tuple):
            value = tuple(fact_text(item, language, config, words) for item in value)
        facts[spec.name] = value
    return facts


def _field(text: TextSource | None, name: str) -> TextValue | None:
    if text is None:
        return None
    if name == BODY:
        return text.body if text.body.strip() else None
    if "." in name:  # one item of a text map, such as a pathway's step: `steps.<id>`
        field_name, _dot, key = name.partition(".")
        return dict(text.fields.get(field_name, ())).get(key)
    value: TextValue | None = text.fields.get(name)  # a text field is declared text, text_list or language
    return value


def _lang_of(text: TextSource, language: str) -> str:
    return text.declared_lang or language


def _plain(value: TextValue, language: str, config: SiteConfig) -> TextValue:
    """Text shown as written: the {lat} marks only matter for transliteration."""
    if isinstance(value, tuple):
        return tuple(strip_marks(item) for item in value)
    return strip_marks(value)


def _to_latin(value: TextValue) -> TextValue:
    """Cyrillic back to Latin, letter by letter (translit.to_latin: љ -> lj, џ -> dž; Latin passes unchanged)."""
    if isinstance(value, tuple):
        return tuple(to_latin(strip_marks(item)) for item in value)
    return to_latin(strip_marks(value))


def _transliterate(value: TextValue, words: WordMemo | None) -> TextValue:
    if isinstance(value, tuple):
        return tuple(to_cyrillic(item, words) for item in value)
    return to_cyrillic(value, words)
