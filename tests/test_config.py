"""site.yml (portal.config): every setting checked, every mistake reported at once with its line and the fix,
and what a site gets when it leaves a setting out."""

from __future__ import annotations

import textwrap

from portal.config import BrochureSettings, SiteConfig, read_config
from portal.parse import YamlFile, parse_yaml

LANGUAGES = """\
languages:
  - tag: sr-Latn
    name: Srpski
    fallback: [en]
  - tag: sr-Cyrl
    name: Српски
    transliterate_from: sr-Latn
    fallback: [en]
  - tag: en
    name: English
    fallback: [sr-Latn]
"""


def read(text: str) -> tuple[SiteConfig | None, list[str]]:
    """site.yml as written by an editor: the configuration, or None and each problem as the terminal shows it,
    in the order of their lines (as `portal check` prints them)."""
    values, problems = parse_yaml(textwrap.dedent(text), "site.yml")
    assert values is not None and problems == [], problems
    config, problems = read_config(YamlFile("site.yml", values))
    return config, [problem.format() for problem in sorted(problems, key=lambda p: (p.source.line, p.message))]


def valid(text: str) -> SiteConfig:
    config, problems = read(text)
    assert config is not None and problems == [], problems
    return config


# ---------------------------------------------------------------- what a site gets


def test_a_site_yml_with_only_the_required_settings_gets_the_documented_defaults():
    config = valid("base_url: https://portal.example.org/\ndefault_language: en\nlanguages:\n  - tag: en\n    name: English\n")
    assert config.title == {} and config.categories == ()
    assert config.stale_after_months == 12
    assert config.disputed_boundary == "dashed"
    assert config.brochures == BrochureSettings(sizes=("A5",), municipalities=True, with_every_build=False)
    assert config.theme == "default"
    [english] = config.languages
    assert (english.prefix, english.direction, english.fallback, english.transliterate_from) == ("en", "ltr", (), None)


def test_a_language_s_prefix_defaults_to_its_tag_in_small_letters():
    config = valid(f"base_url: https://portal.example.org/\ndefault_language: sr-Latn\n{LANGUAGES}")
    assert [language.prefix for language in config.languages] == ["sr-latn", "sr-cyrl", "en"]
    assert config.language_paths == {"sr-Latn": "/sr-latn/", "sr-Cyrl": "/sr-cyrl/", "en": "/en/"}


def test_the_settings_are_read_as_written():
    config = valid(
        f"""\
        title:
          sr-Latn: Pomoć
          en: Help
        base_url: https://portal.example.org/
        default_language: sr-Latn
        stale_after_months: 6
        categories: [documents, housing]
        map:
          disputed_boundary: none
        brochures:
          sizes: [a4, A5]
          municipalities: false
          with_every_build: true
        theme: themes/ours
        {textwrap.indent(LANGUAGES, "        ").strip()}
        """
    )
    assert config.title == {"sr-Latn": "Pomoć", "en": "Help"}
    assert config.tags == ("sr-Latn", "sr-Cyrl", "en")
    assert config.language("sr-Cyrl").transliterate_from == "sr-Latn"
    assert config.language("en").fallback == ("sr-Latn",)
    assert (config.stale_after_months, config.categories, config.disputed_boundary) == (6, ("documents", "housing"), "none")
    assert config.brochures == BrochureSettings(sizes=("A4", "A5"), municipalities=False, with_every_build=True)
    assert config.theme == "themes/ours"


# ---------------------------------------------------------------- base_url


def test_base_url_gets_its_closing_slash_and_a_sub_folder_is_the_site_s_path():
    config = valid(f"base_url: https://example.org/help\ndefault_language: en\n{LANGUAGES}")
    assert config.base_url == "https://example.org/help/"
    assert config.base_path == "/help/"
    assert config.language_paths["sr-Cyrl"] == "/help/sr-cyrl/"


def test_a_site_at_the_root_of_its_domain_has_the_path_slash():
    assert valid(f"base_url: https://example.org\ndefault_language: en\n{LANGUAGES}").base_path == "/"


def test_base_url_must_be_a_full_web_address():
    for written in ("portal.example.org", "/help/", "ftp://example.org/"):
        _config, problems = read(f"base_url: {written}\ndefault_language: en\n{LANGUAGES}")
        assert problems == [
            f"site.yml:1: error: base_url `{written}` is not an absolute web address; write it like https://portal.example.org/"
        ]


# ---------------------------------------------------------------- every mistake at once


def test_every_mistake_is_reported_with_its_line_and_the_fix_and_nothing_is_configured():
    config, problems = read(
        """\
        titel: Help
        base_url: https://portal.example.org/
        default_language: de
        stale_after_months: yes
        categories: [housing, Documents]
        map:
          disputed_boundary: dotted
        languages:
          - tag: sr-Latn
            name: Srpski
            prefix: sr latn
            fallback: [english]
          - tag: sr-Cyrl
            name: Српски
            transliterate_from: sr-latn
          - tag: en
            direction: sideways
            fallbak: [sr-Latn]
        """
    )
    assert config is None
    assert problems == [
        "site.yml:1: error: unknown setting `titel`; did you mean `title`?",
        "site.yml:3: error: default_language `de` is not among the languages; write one of: `en`, `sr-Cyrl`, `sr-Latn`",
        "site.yml:4: error: stale_after_months must be a whole number of months; write e.g. `stale_after_months: 12`",
        "site.yml:5: error: categories must be a list of ids; write one `- id` per line, small letters, digits and -",
        "site.yml:7: error: `dotted` is not a way to draw a boundary; write one of: `dashed`, `none`, `solid`",
        "site.yml:11: error: prefix `sr latn` cannot be used in an address; use small letters, digits and -",
        "site.yml:12: error: fallback `english` of `sr-Latn` is not another configured language; write one of: `en`, `sr-Cyrl`",
        "site.yml:15: error: transliterate_from `sr-latn` is not configured; did you mean `sr-Latn`?",
        "site.yml:16: error: language `en` has no name; add `name:` with the language's name in itself",
        "site.yml:17: error: direction `sideways` is unknown; write ltr or rtl",
        "site.yml:18: error: unknown language setting `fallbak`; did you mean `fallback`?",
    ]


def test_missing_required_settings_are_each_named_and_nothing_else_is_blamed_on_them():
    config, problems = read("title:\n  en: Help\n")
    assert config is None
    assert problems == [  # not also "title for unknown language `en`": no language is known yet
        "site.yml:1: error: the setting `base_url` is missing; add `base_url:` (see README)",
        "site.yml:1: error: the setting `default_language` is missing; add `default_language:` (see README)",
        "site.yml:1: error: the setting `languages` is missing; add `languages:` (see README)",
    ]


def test_a_title_for_a_language_the_site_does_not_have_is_reported_at_its_line():
    _config, problems = read(
        f"title:\n  en: Help\n  sr-latn: Pomoć\nbase_url: https://portal.example.org/\ndefault_language: en\n{LANGUAGES}"
    )
    assert problems == ["site.yml:3: error: title for unknown language `sr-latn`; did you mean `sr-Latn`?"]


def test_a_language_listed_twice_or_two_languages_with_one_prefix_are_reported_where_they_are_written():
    _config, problems = read(
        """\
        base_url: https://portal.example.org/
        default_language: en
        languages:
          - tag: en
            name: English
          - tag: en
            name: English again
            prefix: english
          - tag: de
            name: Deutsch
            prefix: english
        """
    )
    assert problems == [
        "site.yml:6: error: language `en` is configured twice; remove one",
        "site.yml:11: error: prefix `english` is used by two languages; give each language its own prefix",
    ]


def test_a_language_cannot_fall_back_on_itself():
    _config, problems = read(
        "base_url: https://portal.example.org/\ndefault_language: en\n"
        "languages:\n  - tag: en\n    name: English\n    fallback: [en, de]\n  - tag: de\n    name: Deutsch\n"
    )
    assert problems == ["site.yml:6: error: fallback `en` of `en` is not another configured language; write one of: `de`"]


def test_only_serbian_cyrillic_is_written_by_transliteration_and_only_from_serbian_latin():
    _config, problems = read(
        "base_url: https://portal.example.org/\ndefault_language: sr-Latn\n"
        "languages:\n  - tag: sr-Latn\n    name: Srpski\n  - tag: mk\n    name: Македонски\n    transliterate_from: sr-Latn\n"
    )
    assert problems == [
        "site.yml:8: error: no transliteration from `sr-Latn` to `mk` is known; only sr-Cyrl can be written from sr-Latn"
    ]


def test_a_category_listed_twice_is_reported_at_the_second():
    _config, problems = read(
        f"base_url: https://portal.example.org/\ndefault_language: en\ncategories:\n  - housing\n  - health\n  - housing\n{LANGUAGES}"
    )
    assert problems == ["site.yml:6: error: category `housing` is listed twice; remove one"]


def test_a_language_that_is_not_a_bcp_47_tag_is_refused_with_an_example():
    _config, problems = read("base_url: https://portal.example.org/\ndefault_language: en\nlanguages:\n  - tag: English\n")
    # and only that: the default language is not blamed for a list in which no language could be read
    assert problems == ["site.yml:4: error: `English` is not a language tag; write a BCP 47 tag such as sr-Latn, mk or en"]


def test_true_is_not_a_number_of_months_and_a_theme_must_be_named():
    _config, problems = read(
        f"base_url: https://portal.example.org/\ndefault_language: en\nstale_after_months: true\ntheme: ''\n{LANGUAGES}"
    )
    assert problems == [
        "site.yml:3: error: stale_after_months must be a whole number of months; write e.g. `stale_after_months: 12`",
        "site.yml:4: error: theme must name one theme; write e.g. `theme: default`, or the path of your theme's folder",
    ]


def test_the_network_s_contact_is_read_in_international_format_for_links_and_for_reading():
    config = valid(
        "base_url: https://portal.example.org/\ndefault_language: sr-Latn\n"
        + LANGUAGES
        + "country: RS\ncontact:\n  phone: '+381 11 3230 401'\n  whatsapp: '+381641234567'\n  email: info@example.org\n"
    )
    assert config.country == "RS"
    assert (config.contact.phone, config.contact.phone_display) == ("+381113230401", "+381 11 3230401")
    assert (config.contact.whatsapp, config.contact.viber, config.contact.email) == ("+381641234567", None, "info@example.org")
    assert config.contact


def test_a_site_without_a_contact_has_none_to_show():
    config = valid("base_url: https://portal.example.org/\ndefault_language: sr-Latn\n" + LANGUAGES)
    assert not config.contact and config.country is None


def test_a_local_number_an_unknown_contact_key_and_a_bad_country_are_each_reported_with_the_fix():
    config, problems = read(
        "base_url: https://portal.example.org/\ndefault_language: sr-Latn\n"
        + LANGUAGES
        + "country: Serbia\ncontact:\n  phone: '011 3230 401'\n  telefon: '+381 11 3230 401'\n  email: info(at)example.org\n"
    )
    assert config is None
    assert problems == [
        "site.yml:14: error: `Serbia` is not a country code; write its code: `RS`",
        "site.yml:16: error: `011 3230 401` is not a phone number in international format; "
        "write it in international format with + and the country code, e.g. +381 11 123 4567",
        "site.yml:17: error: unknown contact setting `telefon`; write one of: `email`, `phone`, `viber`, `whatsapp`",
        "site.yml:18: error: `info(at)example.org` is not an e-mail address; write it like name@example.org",
    ]
