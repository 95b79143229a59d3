"""Number, date and plural conventions of every portal language.

Babel's CLDR data covers sr-Latn, sr-Cyrl, mk, cs, sq, de and en: for those,
`language_format` uses `Locale.parse(tag, sep="-")`, CLDR's plural rule, and Babel's
"long" date format.

Babel has no data for Romani (`rom`, nor the narrower `rmn` Balkan Romani and `rmy` Vlax
Romani). Those tags use an explicit row of `FALLBACKS` instead of crashing or silently
showing English conventions:

- plurals: "one" for n = 1 and "other" for every other number (Romani nouns have a
  singular and a plural form), so catalogs have two plural forms;
- numbers: formatted like `sr_Latn` (1.234,5: decimal comma, dot grouping), the number
  conventions Roma in Serbia read every day on prices, forms and documents;
- dates: in words, with the Romani month names of docs/romani.md (loan nouns in -o: "1. novembro 2026.",
  "januaro 2019."), ordered and punctuated as in Serbian, the dates Roma in Serbia read every day;
- alphabetical order (portal.i18n.collation): ICU has no Romani collation either. Romani in
  Serbia is written in a Latin alphabet close to Serbian Latin (č, ć, dž, đ, lj, nj, š, ž as
  in Serbian), and its readers learned the order of that alphabet at school: lists sort as
  Serbian Latin (`collation="sr-Latn"`), so Čačak comes after Beograd and before Kragujevac,
  as on the Serbian pages. The aspirates čh, kh, ph and th sort as the two letters they are
  written with. The table is read before ICU, so an ICU that adds Romani changes nothing
  until the row's `collation` is changed.

The table is consulted before Babel, by the primary language subtag (`rom-RS` uses the
`rom` row), so a Babel upgrade that adds data for such a language cannot silently change
the pages; delete the row to switch to Babel's data.

To add another language Babel lacks, add a row to `FALLBACKS` keyed by its ISO 639 code:
the Babel locale whose number conventions its readers know, its plural rule in CLDR
syntax, a numeric date pattern, and the language whose alphabetical order its readers know
(without one, ICU's root order: letters with marks beside their base letter).
"""

from __future__ import annotations

import datetime
import functools
import gettext
import re
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton, get_day_names
from babel.dates import format_time as babel_format_time
from babel.numbers import format_decimal
from babel.plural import PluralRule, to_gettext


@dataclass(frozen=True)
class Fallback:
    """Conventions for a language Babel has no locale data for."""

    number_locale: str  # Babel locale identifier whose number format is used
    plural_rules: tuple[tuple[str, str], ...]  # CLDR rules; every other n is "other"
    date_pattern: str  # CLDR date pattern; numeric: used only where no month_names are given
    month_pattern: str  # CLDR pattern of a month of a year (a project's start), numeric too
    reason: str  # why these conventions: shown to whoever edits the table
    month_names: tuple[str, ...] = ()  # January first; dates are then written in words ("1. novembro 2026.")
    day_names: tuple[str, ...] = ()  # Monday first; for opening hours
    collation: str | None = None  # BCP 47 tag whose alphabetical order (ICU collation) lists use; None: ICU's root order
    language_names: tuple[tuple[str, str], ...] = ()  # other languages' names in this one, by ISO 639 code


_ROMANI = Fallback(
    number_locale="sr_Latn",
    plural_rules=(("one", "n is 1"),),
    date_pattern="d. M. y.",
    month_pattern="M. y.",
    reason="Babel has no Romani data; numbers as in Serbia, dates in words as in Serbian, singular/plural",
    # Month names as Romani in Serbia writes these loanwords (docs/romani.md, rule 4: masculine loan nouns end in -o).
    month_names=(
        "januaro",
        "februaro",
        "marto",
        "aprilo",
        "majo",
        "juno",
        "julo",
        "avgusto",
        "septembro",
        "oktobro",
        "novembro",
        "decembro",
    ),
    # Weekday names written out, as Romani speakers in Serbia (Gurbet and Arli) write them: full words, not
    # abbreviations, so that opening hours never show a Serbian or English name. Translators may correct them here.
    day_names=("Luja", "Marci", "Tetradži", "Žoja", "Paraštuj", "Savato", "Kurko"),
    # ICU has no Romani collation: the Serbian Latin alphabet's order, which Romani in Serbia is written close to.
    collation="sr-Latn",
    # Names of languages in Romani (an adjective in -ikani + čhib, as Romani in Serbia forms them); a native
    # speaker should confirm them (docs/romani.md).
    language_names=(
        ("rom", "romani čhib"),
        ("sr", "srbikani čhib"),
        ("mk", "makedonikani čhib"),
        ("cs", "čehikani čhib"),
        ("sq", "arnautikani čhib"),
        ("de", "germanikani čhib"),
        ("en", "anglikani čhib"),
    ),
)

FALLBACKS: dict[str, Fallback] = {
    "rom": _ROMANI,  # Romani (macrolanguage)
    "rmn": _ROMANI,  # Balkan Romani
    "rmy": _ROMANI,  # Vlax Romani
}

# Which regional conventions a language's pages follow where the bare language's differ from those
# its readers know: `en` is written in British English (organisations, neighbourhood), so its dates are
# too ("1 October 2026", 24-hour clock), not the United States' ("October 1, 2026", "9:00 AM").
CONVENTIONS: dict[str, str] = {"en": "en_GB"}
# A 24-hour clock where that is the custom though CLDR's default is 12-hour: Albanian as written in
# Serbia, North Macedonia and Kosovo ("09:00 – 13:00", not "9:00 p.d. – 1:00 m.d.").
TIME_PATTERNS: dict[str, str] = {"sq": "HH:mm"}
# Narrower tags named as the language they are a variety of: a text declared `lang: rmy` is Romani.
MACROLANGUAGES: dict[str, str] = {"rmy": "rom", "rmn": "rom", "rmc": "rom", "rml": "rom", "rmo": "rom"}
# Where CLDR's name is not the one readers use: English "Romany" is dated, "Romani" is the current word;
# Albanian CLDR has no name for Romani.
NAME_OVERRIDES: dict[tuple[str, str], str] = {("en", "rom"): "Romani", ("sq", "rom"): "gjuha rome"}

# gettext evaluates Plural-Forms for whole numbers only; these are the numbers used to find
# which CLDR categories whole numbers can reach (large powers of ten for "many" rules).
_INTEGER_SAMPLE = (*range(1001), *(10**k for k in range(4, 13)))
_CHECKED_RANGE = range(1001)
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)


def is_variety_of(narrower: str, language: str) -> bool:
    """Whether the tag `narrower` names `language` or a variety of it: rmy (Vlax Romani) of rom, sr-Latn-RS of
    sr-Latn, de-AT of de; never another language (en in a Romani file)."""
    narrow, broad = _primary_subtag(narrower), _primary_subtag(language)
    if MACROLANGUAGES.get(narrow, narrow) != MACROLANGUAGES.get(broad, broad):
        return False
    # the same script, where the file's tag names one (sr-Cyrl is no variety of sr-Latn)
    script = [part for part in language.split("-")[1:] if len(part) == 4]
    scripts = [part for part in narrower.split("-")[1:] if len(part) == 4]
    return not (script and scripts and script[0].lower() != scripts[0].lower())


@dataclass(frozen=True)
class LanguageFormat:
    """How one language writes dates and numbers and which plural category a count has."""

    tag: str  # BCP 47 tag as configured, e.g. "sr-Latn", "rom"
    babel_locale: Locale  # used for numbers (for a FALLBACKS language: its stand-in)
    plural_rule: PluralRule
    plural_header: str  # gettext Plural-Forms value
    date_pattern: str | None  # None: Babel's "long" format of babel_locale
    day_names: tuple[str, ...] = ()  # Monday first; empty: Babel's names for babel_locale
    month_pattern: str | None = None  # None: CLDR's month-and-year of babel_locale ("January 2019")
    language_names: tuple[tuple[str, str], ...] = ()  # for a FALLBACKS language: its own names of languages
    time_pattern: str | None = None  # None: CLDR's short time of babel_locale
    month_names: tuple[str, ...] = ()  # for a FALLBACKS language: its own month names, January first

    def day_name(self, weekday: int) -> str:
        """The name of a weekday written out (0 = Monday), as a label: "ponedeljak", not "pon"."""
        if self.day_names:
            return self.day_names[weekday]
        return str(get_day_names("wide", context="stand-alone", locale=self.babel_locale)[weekday])

    def format_time(self, value: datetime.time) -> str:
        # A 24-hour clock wherever the locale uses one; for a stand-in locale, its convention.
        return babel_format_time(value, self.time_pattern or "short", locale=self.babel_locale)

    def format_date(self, value: datetime.date) -> str:
        if self.month_names:  # as Serbian writes a date in words: "1. novembro 2026."
            return f"{value.day}. {self.month_names[value.month - 1]} {value.year}."
        return babel_format_date(value, self.date_pattern or "long", locale=self.babel_locale)

    def format_month(self, value: str) -> str:
        """A year ("2020"), a month of a year ("2019-01") or a day in words: "January 2019", "januar 2019."."""
        parts = [int(part) for part in value.split("-")]
        if len(parts) == 1:
            return value
        if len(parts) == 3:
            return self.format_date(datetime.date(*parts))
        day = datetime.date(parts[0], parts[1], 1)
        if self.month_names:  # "januaro 2019.", as Serbian writes "januar 2019."
            return f"{self.month_names[day.month - 1]} {day.year}."
        if self.month_pattern:
            return babel_format_date(day, self.month_pattern, locale=self.babel_locale)
        return str(format_skeleton("yMMMM", day, locale=self.babel_locale))

    def format_number(self, value: float | Decimal) -> str:
        return format_decimal(value, locale=self.babel_locale)

    def plural_category(self, n: int) -> str:
        return self.plural_rule(n)

    def language_name(self, tag: str, capital: bool = True) -> str | None:
        """A language's name in this one, without its script or region: "Engleski" on a Serbian page, "Romani" for
        `rmy` on an English one; `capital`: as a label begins. None if neither CLDR nor the tables have one."""
        code = _primary_subtag(tag)
        code = MACROLANGUAGES.get(code, code)
        if self.language_names:
            name = dict(self.language_names).get(code)
        else:
            own = _primary_subtag(self.tag)
            name = NAME_OVERRIDES.get((own, code)) or self.babel_locale.languages.get(code)
        if not name:
            return None
        return f"{name[:1].upper()}{name[1:]}" if capital else name


def _primary_subtag(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def _gettext_header(rule: PluralRule) -> str:
    """The Plural-Forms value for a CLDR rule.

    Categories no whole number reaches (Czech "many" is only for 1.5 and the like) get no
    form, because gettext never asks for them; translators then fill only the forms used.
    """
    reached = {rule(n) for n in _INTEGER_SAMPLE}
    integer_rules = {tag: expr for tag, expr in rule.rules.items() if tag in reached}
    return to_gettext(PluralRule(integer_rules))


def _unknown_tag(tag: str) -> ValueError:
    return ValueError(
        f'unknown language tag "{tag}": Babel has no locale data for it and '
        f'portal.i18n.locales.FALLBACKS has no row for "{_primary_subtag(tag)}". '
        f"Either use a tag Babel knows (for example sr-Latn, mk, cs, de), or add a row "
        f'for "{_primary_subtag(tag)}" to FALLBACKS in src/portal/i18n/locales.py.'
    )


@functools.cache
def language_format(tag: str) -> LanguageFormat:
    """The conventions of `tag`; raises ValueError for a tag neither Babel nor FALLBACKS knows."""
    fallback = FALLBACKS.get(_primary_subtag(tag))
    if fallback is not None:
        rule = PluralRule(dict(fallback.plural_rules))
        return LanguageFormat(
            tag=tag,
            babel_locale=Locale.parse(fallback.number_locale),
            plural_rule=rule,
            plural_header=_gettext_header(rule),
            date_pattern=fallback.date_pattern,
            day_names=fallback.day_names,
            month_pattern=fallback.month_pattern,
            language_names=fallback.language_names,
            month_names=fallback.month_names,
        )
    try:
        locale = Locale.parse(CONVENTIONS.get(tag, tag), sep="_" if tag in CONVENTIONS else "-")
    except (UnknownLocaleError, ValueError) as exc:
        raise _unknown_tag(tag) from exc
    return LanguageFormat(
        tag=tag,
        babel_locale=locale,
        plural_rule=locale.plural_form,
        plural_header=_gettext_header(locale.plural_form),
        date_pattern=None,
        time_pattern=TIME_PATTERNS.get(_primary_subtag(tag)),
    )


def check_plural_header(tag: str, header: str) -> str | None:
    """None if the Plural-Forms value `header` groups 0..1000 like CLDR does for `tag`, else why not.

    Only the grouping is compared, not the index numbers: a catalog may order its forms
    differently, as long as every number CLDR puts in one category gets one form.
    """
    expected = language_format(tag)
    fix = f"write: {expected.plural_header}"
    match = _PLURAL_FORMS.match(header)
    if match is None:
        return f'plural forms "{header}" are not "nplurals=N; plural=EXPRESSION;"; {fix}'
    nplurals = int(match.group(1))
    try:
        plural = gettext.c2py(match.group(2))
    except (ValueError, SyntaxError) as exc:
        return f'plural forms "{header}" cannot be evaluated ({exc}); {fix}'
    first_n_of_category: dict[str, int] = {}
    first_n_of_index: dict[int, int] = {}
    for n in _CHECKED_RANGE:
        try:
            index = plural(n)
        except ArithmeticError:
            return f'plural forms "{header}" fail for n = {n}; {fix}'
        if not 0 <= index < nplurals:
            return f'plural forms "{header}" give form {index} for {n}, but nplurals is {nplurals}; {fix}'
        category = expected.plural_category(n)
        same_category = first_n_of_category.setdefault(category, n)
        same_index = first_n_of_index.setdefault(index, n)
        if plural(same_category) != index:
            return (
                f'plural forms "{header}" put {n} in another form than {same_category}, '
                f'but CLDR says both are "{category}" in {tag}; {fix}'
            )
        if expected.plural_category(same_index) != category:
            other = expected.plural_category(same_index)
            return (
                f'plural forms "{header}" put {n} in the same form as {same_index}, '
                f'but CLDR says {same_index} is "{other}" and {n} is "{category}" in {tag}; {fix}'
            )
    return None


def open_graph_locale(tag: str, country: str | None) -> str:
    """A language tag in Open Graph's `ll_CC` form, for link previews: the region the tag names, else the one CLDR
    finds likeliest for the language (sr → RS, mk → MK, sq → AL, cs → CZ), else the site's country (rom → rom_RS).

    Open Graph has no place for the script: sr-Latn and sr-Cyrl both are sr_RS, as Facebook's own list has it."""
    parts = tag.split("-")
    language = parts[0].lower()
    region = next((part for part in parts[1:] if len(part) == 2 and part.isalpha()), None)
    if region is None:
        likely = get_global("likely_subtags").get(language)  # CLDR: "sr" → "sr_Cyrl_RS"
        region = likely.split("_")[-1] if likely and "_" in likely else None
    return f"{language}_{(region or country or 'XX').upper()}"
