"""Alphabetical order in each portal language, by ICU's collation rules (through PyICU).

Sorted by code points, Čačak and Šabac come after Vranje and Czech Bruntál before Bělehrad: a
reader who scans a list by its first letter does not find the town. ICU knows each alphabet:

- sr-Latn: c č ć d dž đ … l lj … n nj … s š … z ž, each a letter of its own (CLDR's Serbian Latin);
- sr-Cyrl: the azbuka (а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш);
- mk: the Macedonian alphabet (… д ѓ е … з ѕ и … т ќ у …);
- cs: č, ř, š, ž after c, r, s, z, and ch after h;
- sq: ç dh ë gj ll nj rr sh th xh zh, each after its first letter;
- de and en: the root order (Unicode's default), letters with marks beside their base letter
  (Ä with A, Č with C) and ß as ss.

Which collation a language gets (`collation_locale`):

1. a language with a row in portal.i18n.locales.FALLBACKS that names a `collation` uses that
   tag's: ICU has no Romani, so rom, rmn and rmy sort as Serbian Latin (documented there);
2. otherwise the tag itself, as ICU finds it. Where ICU has no collation for the whole tag it
   takes its shorter forms down to the primary subtag (sr-Latn-RS: sr-Latn; mk-Latn: mk), and
   where it knows not even the language, the root collation (tlh, x-foo): letters ordered by
   their base letter and marks second, as for English. German and English have no rules of
   their own: the root order is theirs (`collation_locale` says "root"), and Serbian Cyrillic's
   are Serbian's ("sr").

Numbers in titles are compared as numbers ("Dom 2" before "Dom 10"), and a text is normalised
first, so a title typed with a combining mark (c + ˇ) sorts as the same title typed with č.

A `Collation` is made where one language's ordering happens (one per plan.LanguageViews) and
never kept in a module-level variable. Its sort keys are bytes, the same for the same text with
the same ICU version, so the output stays deterministic; equal keys are ordered by the caller
(by id).
"""

from __future__ import annotations

import icu

from .locales import FALLBACKS

ROOT = "root"  # ICU's name for the root collation (Unicode's default order)


def collation_locale(tag: str) -> str:
    """The ICU locale whose alphabetical order the language `tag` uses (see the module's text)."""
    _collator, locale = _collator_for(tag)
    return locale


def _collator_for(tag: str) -> tuple[icu.Collator, str]:
    """ICU's collator for a language tag, and the locale whose rules it has ("root": Unicode's default order)."""
    fallback = FALLBACKS.get(tag.split("-", 1)[0].lower())
    wanted = fallback.collation if fallback is not None and fallback.collation is not None else tag
    collator = icu.Collator.createInstance(icu.Locale.forLanguageTag(wanted))
    found = str(collator.getLocale(icu.ULocDataLocaleType.ACTUAL_LOCALE).getName())
    return collator, found or ROOT  # ICU names its root ""


class Collation:
    """The alphabetical order of one language: a sort key for any text."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self._collator, self.locale = _collator_for(tag)
        # Numbers by their value, and every text normalised first (a title may be typed with combining marks).
        self._collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
        self._collator.setAttribute(icu.UCollAttribute.NORMALIZATION_MODE, icu.UCollAttributeValue.ON)

    def key(self, text: str) -> bytes:
        """The sort key of a text in this language's alphabetical order."""
        return bytes(self._collator.getSortKey(text))

    def sorted(self, texts: list[str]) -> list[str]:
        """Texts in this language's alphabetical order."""
        return sorted(texts, key=self.key)
