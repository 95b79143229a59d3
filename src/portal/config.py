"""The site configuration (site.yml): languages, fallback chains, categories, checked in full.

Every option is declared once, with its type; an unknown key is an error with a "did you mean",
and all problems are collected before the build stops.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import phonenumbers
from babel import Locale

from .errors import Problem, _, did_you_mean, error
from .i18n.fold import fold_text
from .i18n.translit import strip_marks
from .parse import LineDict, LineList, YamlFile

EMAIL = re.compile(
    r'^[^@\s<>()\[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$'
)
COUNTRIES = frozenset(str(code) for code in Locale("en").territories if len(str(code)) == 2 and str(code).isalpha())
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?$")
PREFIX = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47, e.g. "sr-Latn"
    name: str  # in the language itself
    prefix: str  # the first part of its URLs
    fallback: tuple[str, ...]  # tags tried in order when a text is missing
    direction: str = "ltr"
    transliterate_from: str | None = None  # sr-Cyrl is written from sr-Latn


@dataclass(frozen=True)
class BrochureSettings:
    """The printable brochures (portal.brochures): which paper sizes, whether each municipality gets one, and which
    pairs of languages get an edition in both (each entry in the first language, then in the second)."""

    sizes: tuple[str, ...] = ("A5",)  # A5 folds from an A4 sheet; A4 for offices that hand out single sheets
    municipalities: bool = True
    with_every_build: bool = False  # true: `portal build` makes the changed brochures too, as with --brochures
    pairs: tuple[tuple[str, str], ...] = ()  # e.g. (("de", "rom"),): for return counsellors in Germany


@dataclass(frozen=True)
class Contact:
    """How a reader reaches the network that runs the site, one tap away on every page: all optional."""

    phone: str | None = None  # E.164, e.g. +381111234567, for tel:
    phone_display: str | None = None  # as people read it, e.g. +381 11 123 4567
    whatsapp: str | None = None  # E.164 of a WhatsApp number
    viber: str | None = None  # E.164 of a Viber number
    email: str | None = None
    texts: bool = False  # the phone number is a mobile one: it can take an SMS

    def __bool__(self) -> bool:
        return any((self.phone, self.whatsapp, self.viber, self.email))


@dataclass(frozen=True)
class QuickExit:
    """Pages a reader may need to leave fast (violence, abuse): their "Exit this page" button goes to `url`, a neutral
    site. Entries are marked with the fact `sensitive: true`; needs, which have no facts file, are listed here."""

    url: str = "https://www.google.com/"  # a search engine's start page: the same, and unremarkable, in every country
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteConfig:
    title: dict[str, str]  # per language tag; missing ones fall back like content
    base_url: str  # absolute, ends with "/"
    default_language: str
    languages: tuple[Language, ...]
    categories: tuple[str, ...]
    stale_after_months: int = 12
    # How maps draw a boundary Natural Earth marks as disputed (Serbia/Kosovo): an editorial choice.
    disputed_boundary: str = "dashed"
    brochures: BrochureSettings = BrochureSettings()
    # The theme: a folder relative to the site folder, or the name of one of portal's themes (portal.theme).
    theme: str = "default"
    # The country most readers are in (ISO 3166 code): its places come first. None: no country comes first.
    country: str | None = None
    contact: Contact = Contact()  # the network's own contact, if it has one to give
    # Where the content is kept on GitHub (https://github.com/org/site) and its branch: /status/ links each file there,
    # and "Something wrong here?" opens its issue form.
    repository: str | None = None
    branch: str = "main"
    quick_exit: QuickExit = QuickExit()

    @cached_property
    def tags(self) -> tuple[str, ...]:
        return tuple(language.tag for language in self.languages)

    def language(self, tag: str) -> Language:
        return self._by_tag[tag]

    @cached_property
    def _by_tag(self) -> dict[str, Language]:
        # asked for on every page and every text: a lookup, not a scan
        return {language.tag: language for language in self.languages}

    @cached_property
    def base_path(self) -> str:
        """The URL path the site is served under, e.g. "/" or "/portal/"."""
        return urlsplit(self.base_url).path or "/"

    @cached_property
    def language_paths(self) -> dict[str, str]:
        """The URL path of each language variant's home, e.g. "/portal/sr-latn/" (asked for by every link)."""
        return {language.tag: f"{self.base_path}{language.prefix}/" for language in self.languages}


TOP_LEVEL_KEYS = (
    "title",
    "base_url",
    "default_language",
    "stale_after_months",
    "languages",
    "categories",
    "map",
    "brochures",
    "theme",
    "country",
    "contact",
    "repository",
    "branch",
    "quick_exit",
)
QUICK_EXIT_KEYS = ("url", "needs")
GITHUB_REPOSITORY = re.compile(r"^https://github\.com/[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$")
CONTACT_KEYS = ("phone", "whatsapp", "viber", "email")
MAP_KEYS = ("disputed_boundary",)
BROCHURE_KEYS = ("sizes", "municipalities", "with_every_build", "pairs")
PAPER_SIZES = ("A4", "A5")
DISPUTED_STYLES = ("solid", "dashed", "none")
LANGUAGE_KEYS = ("tag", "name", "prefix", "fallback", "direction", "transliterate_from")


class _Report:
    """Adds the problems of site.yml to one list, each with the file and its line."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path, self.problems = path, problems

    def __call__(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(error(self.path, line, message, hint))

    def unknown_keys(self, block: LineDict, known: tuple[str, ...], message: Callable[[object], str]) -> None:
        """Every key of `block` that is not `known`, said by `message(key)`, with a "did you mean"."""
        for key in block:
            if key not in known:
                self(block.line_of(key), message(key), did_you_mean(str(key), known))


def read_config(config: YamlFile) -> tuple[SiteConfig | None, list[Problem]]:
    """Turn site.yml into a SiteConfig, or None with every problem found."""
    values, problems = config.values, list[Problem]()
    report = _Report(config.path, problems)
    report.unknown_keys(values, TOP_LEVEL_KEYS, lambda key: _("unknown setting `{key}`", key=key))
    for key in ("base_url", "default_language", "languages"):
        if key not in values:
            report(1, _("the setting `{key}` is missing", key=key), _("add `{key}:` (see README)", key=key))
    languages = _read_languages(report, values.get("languages"))
    tags = [language.tag for language in languages]
    _check_language_links(report, values.get("languages"), languages)
    base_url = _read_base_url(report, values)
    default = values.get("default_language")
    if default is not None and tags and default not in tags:  # no language read: that is the problem reported
        report(
            values.line_of("default_language"),
            _("default_language `{default}` is not among the languages", default=default),
            did_you_mean(str(default), tags),
        )
    title, categories = _read_title(report, values, tags), _read_categories(report, values)
    disputed, brochures = _read_map(report, values.get("map")), _read_brochures(report, values.get("brochures"), tags)
    stale = values.get("stale_after_months", 12)
    if not isinstance(stale, int) or isinstance(stale, bool) or stale < 1:
        report(
            values.line_of("stale_after_months"),
            _("stale_after_months must be a whole number of months"),
            _("write e.g. `stale_after_months: 12`"),
        )
        stale = 12
    theme = values.get("theme", SiteConfig.theme)
    if not isinstance(theme, str) or not theme.strip():
        report(
            values.line_of("theme"),
            _("theme must name one theme"),
            _("write e.g. `theme: default`, or the path of your theme's folder"),
        )
    country, contact = _read_country(report, values), _read_contact(report, values.get("contact"))
    repository, branch = _read_repository(report, values)
    quick_exit = _read_quick_exit(report, values.get("quick_exit"))
    if problems:
        return None, problems
    return SiteConfig(
        title=title,
        base_url=base_url,
        default_language=str(default),
        languages=tuple(languages),
        categories=categories,
        stale_after_months=stale,
        disputed_boundary=disputed,
        brochures=brochures,
        theme=theme,
        country=country,
        contact=contact,
        repository=repository,
        branch=branch,
        quick_exit=quick_exit,
    ), []


def _read_repository(report: _Report, values: LineDict) -> tuple[str | None, str]:
    """The GitHub repository of the content, as its web address, and the branch the site is built from."""
    repository, branch = values.get("repository"), values.get("branch", SiteConfig.branch)
    if repository is not None and not GITHUB_REPOSITORY.match(str(repository).rstrip("/")):
        report(
            values.line_of("repository"),
            _("repository `{value}` is not the address of a GitHub repository", value=repository),
            _("write it as it shows in the browser, e.g. `repository: https://github.com/org/site`"),
        )
        repository = None
    if not isinstance(branch, str) or not branch.strip() or any(c in branch for c in " ?#"):
        report(values.line_of("branch"), _("branch must name one branch"), _("write e.g. `branch: main`"))
        branch = SiteConfig.branch
    return (str(repository).rstrip("/") if repository else None), branch


def _read_base_url(report: _Report, values: LineDict) -> str:
    """The site's published address, ending with "/"."""
    base_url = values.get("base_url", "")
    parts = urlsplit(str(base_url))
    if "base_url" in values and (parts.scheme not in ("http", "https") or not parts.netloc):
        report(
            values.line_of("base_url"),
            _("base_url `{base_url}` is not an absolute web address", base_url=base_url),
            _("write it like https://portal.example.org/"),
        )
    if base_url and not str(base_url).endswith("/"):
        base_url = f"{base_url}/"
    return str(base_url)


def _read_title(report: _Report, values: LineDict, tags: list[str]) -> dict[str, str]:
    """The site's title per language tag."""
    title = values.get("title")
    if title is None:
        return {}
    if not isinstance(title, LineDict):
        report(values.line_of("title"), _("title must list a title per language"), _("write e.g. `  en: My portal`"))
        return {}
    for tag in title:
        if tags and tag not in tags:  # without languages, that is the problem to report, not each title
            report(title.line_of(tag), _("title for unknown language `{tag}`", tag=tag), did_you_mean(str(tag), tags))
    return {str(tag): str(text) for tag, text in title.items()}


def _read_categories(report: _Report, values: LineDict) -> tuple[str, ...]:
    """The needs, by id, in the order site.yml lists them."""
    categories = values.get("categories")
    if categories is None:
        return ()
    if not isinstance(categories, LineList) or not all(isinstance(c, str) and ID.match(c) for c in categories):
        report(
            values.line_of("categories"),
            _("categories must be a list of ids"),
            _("write one `- id` per line, small letters, digits and -"),
        )
        return ()
    for index, category in enumerate(categories):
        if categories.index(category) != index:
            report(categories.line_of(index), _("category `{category}` is listed twice", category=category), _("remove one"))
    return tuple(dict.fromkeys(categories))


def _read_languages(report: _Report, raw: Any) -> list[Language]:
    """Each language block of site.yml; a block without a usable tag is left out (its problem is reported)."""
    if raw is None:
        return []
    if not isinstance(raw, LineList) or not raw:
        report(getattr(raw, "line", 1), _("languages must be a list"), _("write one `- tag: ...` block per language"))
        return []
    languages = []
    for index, item in enumerate(raw):
        if not isinstance(item, LineDict):
            report(
                raw.line_of(index), _("each language is a block of settings"), _("write `- tag: en` and `name: English` below it")
            )
            continue
        language = _read_language(report, item)
        if language is not None:
            languages.append(language)
    return languages


def _read_language(report: _Report, item: LineDict) -> Language | None:
    """One language block: tag, name, prefix, fallback, direction, transliterate_from."""
    report.unknown_keys(item, LANGUAGE_KEYS, lambda key: _("unknown language setting `{key}`", key=key))
    tag = str(item.get("tag", ""))
    if not LANGUAGE_TAG.match(tag):
        report(
            item.line_of("tag"), _("`{tag}` is not a language tag", tag=tag), _("write a BCP 47 tag such as sr-Latn, mk or en")
        )
        return None
    prefix = str(item.get("prefix", tag.lower()))
    if not PREFIX.match(prefix):
        report(
            item.line_of("prefix"),
            _("prefix `{prefix}` cannot be used in an address", prefix=prefix),
            _("use small letters, digits and -"),
        )
    direction = item.get("direction", "ltr")
    if direction not in ("ltr", "rtl"):
        report(item.line_of("direction"), _("direction `{direction}` is unknown", direction=direction), _("write ltr or rtl"))
    fallback = item.get("fallback", [])
    if not isinstance(fallback, list):
        report(item.line_of("fallback"), _("fallback must be a list of language tags"), _("write e.g. `fallback: [en]`"))
        fallback = []
    if "name" not in item:
        report(item.line, _("language `{tag}` has no name", tag=tag), _("add `name:` with the language's name in itself"))
    return Language(
        tag=tag,
        name=strip_marks(str(item.get("name", tag))),  # shown as written: {lat} marks only matter for transliteration
        prefix=prefix,
        fallback=tuple(map(str, fallback)),
        direction=str(direction),
        transliterate_from=item.get("transliterate_from"),
    )


def _check_language_links(report: _Report, raw: Any, languages: list[Language]) -> None:
    """Tags, prefixes unique; fallback and transliteration sources name configured languages."""
    tags = [language.tag for language in languages]
    blocks = {str(item.get("tag")): item for item in raw or [] if isinstance(item, LineDict)}
    seen_tags: set[str] = set()
    seen_prefixes: set[str] = set()
    for language in languages:
        block = blocks[language.tag]
        if language.tag in seen_tags:
            report(block.line_of("tag"), _("language `{tag}` is configured twice", tag=language.tag), _("remove one"))
        if language.prefix in seen_prefixes:
            report(
                block.line_of("prefix"),
                _("prefix `{prefix}` is used by two languages", prefix=language.prefix),
                _("give each language its own prefix"),
            )
        seen_tags.add(language.tag)
        seen_prefixes.add(language.prefix)
        for tag in language.fallback:
            if tag not in tags or tag == language.tag:
                report(
                    block.line_of("fallback"),
                    _("fallback `{tag}` of `{language}` is not another configured language", tag=tag, language=language.tag),
                    did_you_mean(tag, [t for t in tags if t != language.tag]),
                )
        source = language.transliterate_from
        if source is not None and source not in tags:
            report(
                block.line_of("transliterate_from"),
                _("transliterate_from `{source}` is not configured", source=source),
                did_you_mean(str(source), tags),
            )
        elif source is not None and not (language.tag == "sr-Cyrl" and source == "sr-Latn"):
            report(
                block.line_of("transliterate_from"),
                _("no transliteration from `{source}` to `{tag}` is known", source=source, tag=language.tag),
                _("only sr-Cyrl can be written from sr-Latn"),
            )


def _read_map(report: _Report, raw: Any) -> str:
    """The map settings; today one: how a disputed boundary is drawn (solid, dashed or none)."""
    if raw is None:
        return "dashed"
    if not isinstance(raw, LineDict):
        report(1, _("map must be a block of settings"), _("write `map:` and below it `  disputed_boundary: dashed`"))
        return "dashed"
    report.unknown_keys(raw, MAP_KEYS, lambda key: _("unknown map setting `{key}`", key=key))
    style = raw.get("disputed_boundary", "dashed")
    if style not in DISPUTED_STYLES:
        report(
            raw.line_of("disputed_boundary"),
            _("`{value}` is not a way to draw a boundary", value=style),
            did_you_mean(str(style), DISPUTED_STYLES),
        )
        return "dashed"
    return str(style)  # one of DISPUTED_STYLES


def _read_brochures(report: _Report, raw: Any, tags: list[str]) -> BrochureSettings:
    """The brochure settings: `sizes` (A4, A5), `municipalities` (true: one brochure per place), `with_every_build`,
    `pairs` (of language tags, for editions in two languages)."""
    if raw is None:
        return BrochureSettings()
    if not isinstance(raw, LineDict):
        report(1, _("brochures must be a block of settings"), _("write `brochures:` and below it `  sizes: [A5]`"))
        return BrochureSettings()
    report.unknown_keys(raw, BROCHURE_KEYS, lambda key: _("unknown brochure setting `{key}`", key=key))
    municipalities = raw.get("municipalities", True)
    if not isinstance(municipalities, bool):
        report(
            raw.line_of("municipalities"),
            _("municipalities must be true or false"),
            _("write `municipalities: true` for a brochure per municipality"),
        )
        municipalities = True
    every_build = raw.get("with_every_build", False)
    if not isinstance(every_build, bool):
        report(
            raw.line_of("with_every_build"),
            _("with_every_build must be true or false"),
            _("write `with_every_build: true` to make the brochures with every build"),
        )
        every_build = False
    return BrochureSettings(
        sizes=_read_sizes(report, raw) or BrochureSettings.sizes,
        municipalities=municipalities,
        with_every_build=every_build,
        pairs=_read_pairs(report, raw, tags),
    )


def _read_sizes(report: _Report, brochures: LineDict) -> tuple[str, ...]:
    """The paper sizes of the brochures, each once (the default when none is written)."""
    sizes = brochures.get("sizes")
    if sizes is None:
        return BrochureSettings.sizes
    if not isinstance(sizes, LineList) or not sizes:
        report(brochures.line_of("sizes"), _("sizes must list at least one paper size"), _("write e.g. `sizes: [A4, A5]`"))
        return ()
    chosen: list[str] = []
    for index, size in enumerate(sizes):
        name = str(size).upper()
        if name not in PAPER_SIZES:
            report(
                sizes.line_of(index),
                _("`{value}` is not a paper size for brochures", value=size),
                did_you_mean(name, PAPER_SIZES),
            )
        elif name in chosen:
            report(sizes.line_of(index), _("paper size `{value}` is listed twice", value=size), _("remove one"))
        else:
            chosen.append(name)
    return tuple(chosen)


def _read_pairs(report: _Report, brochures: LineDict, tags: list[str]) -> tuple[tuple[str, str], ...]:
    """The pairs of languages that get a brochure in both: two configured tags each, each pair once."""
    pairs = brochures.get("pairs")
    if pairs is None:
        return ()
    hint = _("write e.g. `pairs: [[de, rom], [sr-Latn, rom]]`: two language tags in each pair")
    if not isinstance(pairs, LineList):
        report(brochures.line_of("pairs"), _("pairs must list pairs of languages"), hint)
        return ()
    chosen: list[tuple[str, str]] = []
    for index, pair in enumerate(pairs):
        line = pairs.line_of(index)
        if not isinstance(pair, LineList) or len(pair) != 2 or not all(isinstance(tag, str) for tag in pair):
            report(line, _("each pair must name two languages"), hint)
            continue
        unknown = [tag for tag in pair if tags and tag not in tags]
        for tag in unknown:
            report(line, _("`{tag}` in a pair is not a configured language", tag=tag), did_you_mean(str(tag), tags))
        if pair[0] == pair[1]:
            report(line, _("a pair must name two different languages"), hint)
        elif (pair[0], pair[1]) in chosen:
            report(line, _("the pair `{first}`, `{second}` is listed twice", first=pair[0], second=pair[1]), _("remove one"))
        elif not unknown:
            chosen.append((str(pair[0]), str(pair[1])))
    return tuple(chosen)


def country_hint(written: object) -> str:
    """What to write for a country given by its name (`Srbija`, `Serbia`, `Србија`) or in small letters (`rs`)."""
    code = str(written).strip().upper()
    if code not in COUNTRIES:
        name = fold_text(str(written))
        code = next(
            (
                str(territory)
                for tag in ("en", "sr_Latn", "sr", "mk", "cs", "de", "sq")
                for territory, territory_name in Locale.parse(tag).territories.items()
                if str(territory) in COUNTRIES and fold_text(str(territory_name)) == name
            ),
            "",
        )
    if code:
        return _("write its code: `{code}`", code=code)
    return _("write the two-letter ISO 3166 code in capitals, e.g. RS, MK, CZ, DE")


def _read_country(report: _Report, values: LineDict) -> str | None:
    """The country most readers are in: its places come first."""
    country = values.get("country")
    if country is None:
        return None
    if not isinstance(country, str) or country not in COUNTRIES:
        report(values.line_of("country"), _("`{value}` is not a country code", value=country), country_hint(country))
        return None
    return country


def _read_contact(report: _Report, raw: Any) -> Contact:
    """The network's phone, WhatsApp and Viber numbers (international format) and e-mail address."""
    if raw is None:
        return Contact()
    if not isinstance(raw, LineDict):
        report(1, _("contact must be a block of settings"), _('write `contact:` and below it `  phone: "+381 11 123 4567"`'))
        return Contact()
    report.unknown_keys(raw, CONTACT_KEYS, lambda key: _("unknown contact setting `{key}`", key=key))
    numbers: dict[str, tuple[str, str, bool] | None] = {}
    for key in ("phone", "whatsapp", "viber"):
        numbers[key] = _phone_number(report, raw, key) if key in raw else None
    email = raw.get("email")
    if email is not None and (not isinstance(email, str) or not EMAIL.match(email)):
        report(raw.line_of("email"), _("`{value}` is not an e-mail address", value=email), _("write it like name@example.org"))
        email = None
    phone = numbers["phone"]
    return Contact(
        phone=phone[0] if phone else None,
        phone_display=phone[1] if phone else None,
        whatsapp=numbers["whatsapp"][0] if numbers["whatsapp"] else None,
        viber=numbers["viber"][0] if numbers["viber"] else None,
        email=email,
        texts=phone[2] if phone else False,
    )


def _phone_number(report: _Report, block: LineDict, key: str) -> tuple[str, str, bool] | None:
    """A phone number in international format, as E.164 (for links), as people read it and whether it can take an SMS;
    None, reported, if it is not one."""
    text = str(block.get(key))
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        report(
            block.line_of(key),
            _("`{text}` is not a phone number in international format", text=text),
            _("write it in international format with + and the country code, e.g. +381 11 123 4567"),
        )
        return None
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        phonenumbers.number_type(number)
        in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE),
    )


def _read_quick_exit(report: _Report, raw: Any) -> QuickExit:
    """Where "Exit this page" leads (an absolute https address), and the needs whose pages show it."""
    if raw is None:
        return QuickExit()
    if not isinstance(raw, LineDict):
        report(1, _("quick_exit must be a block of settings"), _("write `quick_exit:` and below it `  needs: [violence]`"))
        return QuickExit()
    report.unknown_keys(raw, QUICK_EXIT_KEYS, lambda key: _("unknown quick_exit setting `{key}`", key=key))
    url = str(raw.get("url", QuickExit.url))
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        report(raw.line_of("url"), _("`{value}` is not an https address", value=url), _("write it like https://www.google.com/"))
        url = QuickExit.url
    needs = raw.get("needs", [])
    if not isinstance(needs, list) or not all(isinstance(need, str) and ID.match(need) for need in needs):
        report(raw.line_of("needs"), _("needs must be a list of ids"), _("write e.g. `needs: [violence]`"))
        needs = []
    return QuickExit(url=url, needs=tuple(needs))
