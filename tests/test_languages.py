"""Every language right, as a reader of each language meets it: dates of the facts said honestly, Serbian in
both scripts both ways, the language of a text named in the reader's language, dates and times by locale."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import write
from portal.build import build
from portal.i18n.locales import is_variety_of, language_format

ORG = "content/organisations/neostart"
SERVICE = "content/services/pravna-pomoc"
ORG_FACTS = "type: civil-society\ncountry: RS\nphone: ['+381 11 123 4567']\n"


def page(site, path: str) -> str:
    return build(site).files[path].decode()


def checked_line(html: str) -> str | None:
    found = re.search(r'<p class="checked">(.*?)</p>', html)
    return found.group(1) if found else None


def errors(site) -> list[str]:
    return [p.format() for p in build(site).problems if p.severity == "error"]


# ---------------------------------------------------------------- how current the facts are


@pytest.mark.parametrize(
    "facts, english, serbian",
    [
        ("source_date: 2020\n", "Information from a document of 2020", "Podaci iz dokumenta (2020)"),
        ("source_date: 2019-05\n", "Information from a document of May 2019", "Podaci iz dokumenta (maj 2019.)"),
        ("last_verified: 2026-10-01\n", "Last checked: 1 October 2026", "Poslednja provera: 1. oktobar 2026."),
        ("", None, None),  # nobody checked, no document's date: no date is claimed at all
        ("last_verified: 2026-10-01\nexample: true\n", None, None),  # invented data: nothing was checked
    ],
)
def test_a_page_says_how_current_its_facts_are_and_claims_no_check_nobody_made(site, facts, english, serbian):
    write(site / f"{ORG}/facts.yml", ORG_FACTS + facts)
    files = build(site).files
    assert checked_line(files["en/organisations/neostart/index.html"].decode()) == english
    assert checked_line(files["sr-latn/organisations/neostart/index.html"].decode()) == serbian


def test_a_list_with_an_unchecked_entry_shows_its_oldest_document_not_a_fresher_check(site):
    write(site / f"{ORG}/facts.yml", ORG_FACTS + "source_date: 2018\n")
    write(site / "content/organisations/mreza/facts.yml", "type: network\ncountry: RS\nlast_verified: 2026-11-01\n")
    listed = checked_line(page(site, "en/organisations/index.html"))
    assert listed == "Oldest information on this page: from a document of 2018"


@pytest.mark.parametrize("value", ["2020-13", "20", "May 2020", "2020-05-01x", "1850"])
def test_a_source_date_that_is_not_a_year_or_a_month_is_an_error_on_its_line(site, value):
    write(site / f"{ORG}/facts.yml", ORG_FACTS + f"source_date: {value}\n")
    assert [line for line in errors(site) if "source_date" in line] == [
        f"{ORG}/facts.yml:4: error: `source_date` is not a year or a month: `{value}`; "
        "write `source_date: YYYY` or YYYY-MM, e.g. 2020 or 2020-05"
    ]


def test_a_source_date_in_the_future_is_an_error(site):
    write(site / f"{ORG}/facts.yml", ORG_FACTS + "source_date: 2999\n")
    assert any("`source_date` is 2999, later than today" in line for line in errors(site))


# ---------------------------------------------------------------- Serbian in both scripts


def test_an_entry_written_only_in_cyrillic_is_shown_in_latin_without_a_not_translated_notice(site):
    (site / f"{SERVICE}/sr-Latn.md").unlink()
    write(site / f"{SERVICE}/sr-Cyrl.md", "---\ntitle: Правна помоћ\nsummary: Бесплатан савет.\n---\nЉубазно вам помажемо.\n")
    problems = [p.format() for p in build(site).problems]
    assert not [line for line in problems if "pravna-pomoc" in line and ("sr-Latn" in line or "error" in line)], problems
    latin = page(site, "sr-latn/services/pravna-pomoc/index.html")
    assert "<h1>Pravna pomoć</h1>" in latin and "Ljubazno vam pomažemo." in latin
    assert "nije preveden" not in latin
    cyrillic = page(site, "sr-cyrl/services/pravna-pomoc/index.html")
    assert "Љубазно вам помажемо." in cyrillic


@pytest.mark.parametrize("city, cyrillic", [("Novi Sad", "Нови Сад"), ("Bačka Palanka", "Бачка Паланка"), ("Ljig", "Љиг")])
def test_facts_written_as_text_are_cyrillic_on_the_cyrillic_pages(site, city, cyrillic):
    write(site / f"{ORG}/facts.yml", ORG_FACTS + f"city: {city}\nlast_verified: 2026-11-01\n")
    files = build(site).files
    assert cyrillic in files["sr-cyrl/organisations/index.html"].decode()
    assert city not in files["sr-cyrl/organisations/index.html"].decode()
    assert city in files["sr-latn/organisations/index.html"].decode()


def test_an_address_is_cyrillic_on_the_cyrillic_pages_and_its_lat_marks_never_show(site):
    facts = (site / f"{SERVICE}/facts.yml").read_text(encoding="utf-8")
    write(site / f"{SERVICE}/facts.yml", facts + "address: Ulica {lat}Wi-Fi{/lat} Zmaj Jovina 5\n")
    files = build(site).files
    assert "Улица Wi-Fi Змај Јовина 5" in files["sr-cyrl/services/pravna-pomoc/index.html"].decode()
    for language in ("sr-latn", "en", "cs"):
        html = files[f"{language}/services/pravna-pomoc/index.html"].decode()
        assert "Ulica Wi-Fi Zmaj Jovina 5" in html and "{lat}" not in html


def test_lat_marks_in_site_yml_never_show_on_any_page(site):
    config = (site / "site.yml").read_text(encoding="utf-8")
    write(site / "site.yml", config.replace("sr-Latn: Pomoć", "sr-Latn: Pomoć {lat}SOS{/lat}"))
    files = build(site).files
    html_pages = {path: data.decode() for path, data in files.items() if path.endswith(".html")}
    assert html_pages and not [path for path, html in html_pages.items() if "{lat}" in html or "{/lat}" in html]
    assert "Pomoć SOS" in html_pages["sr-latn/index.html"] and "Помоћ SOS" in html_pages["sr-cyrl/index.html"]


# ---------------------------------------------------------------- the language of a text, named


@pytest.mark.parametrize(
    "reader, declared, name",
    [("en", "rmy", "Romani"), ("de", "rmy", "Romani"), ("sr-Latn", "rmn", "romski"), ("sr-Cyrl", "rom", "ромски")],
)
def test_a_fallback_is_named_in_the_reader_s_language_never_by_a_code(site, reader, declared, name):
    config = (site / "site.yml").read_text(encoding="utf-8")
    languages = "  - tag: rom\n    name: Romani čhib\n    prefix: rom\n    fallback: [en]\n"
    if reader == "de":
        languages += "  - tag: de\n    name: Deutsch\n    prefix: de\n    fallback: [rom]\n"
    write(site / "site.yml", config.replace("categories:", languages + "categories:"))
    for tag in ("en", "sr-Latn"):
        (site / f"{ORG}/{tag}.md").unlink(missing_ok=True)
    write(site / f"{ORG}/rom.md", f"---\ntitle: Neostart\nsummary: Khetanipe.\nlang: {declared}\n---\nNeostart ažutil.\n")
    write(site / f"{ORG}/facts.yml", ORG_FACTS + "source_language: rom\nlast_verified: 2026-11-01\n")
    prefix = {"en": "en", "de": "de", "sr-Latn": "sr-latn", "sr-Cyrl": "sr-cyrl"}[reader]
    html = page(site, f"{prefix}/organisations/neostart/index.html")
    notice = re.search(r'<p class="notice" role="note">(.*?)</p>', html).group(1)
    assert f'<span lang="{reader}">{name}</span>' in notice
    assert declared not in re.sub(r"<[^>]+>", "", notice)


@pytest.mark.parametrize(
    "file, declared, ok",
    [
        ("rom", "rmy", True),
        ("rom", "rmn", True),
        ("rom", "rom-RS", True),
        ("de", "de-AT", True),
        ("sr-Latn", "sr-Latn-RS", True),
        ("rom", "en", False),
        ("rom", "sr", False),
        ("de", "en-GB", False),
        ("sr-Latn", "sr-Cyrl", False),
        ("sr-Latn", "hr", False),
    ],
)
def test_a_lang_override_must_be_a_variety_of_the_file_s_language(file, declared, ok):
    assert is_variety_of(declared, file) is ok


def test_a_lang_override_of_another_language_is_an_error_on_its_line(site):
    write(site / f"{ORG}/en.md", "---\ntitle: Neostart\nsummary: A citizens' association.\nlang: de\n---\nText.\n")
    assert [line for line in errors(site) if "lang: de" in line] == [
        f"{ORG}/en.md:4: error: `lang: de` is not a variety of en, the language of this file; write a narrower tag of en "
        "(e.g. rmy in rom.md), or move the text to the file of its language"
    ]


# ---------------------------------------------------------------- formats by locale


@pytest.mark.parametrize(
    "tag, spoken",
    [("sr-Latn", "srpski, romski"), ("sr-Cyrl", "српски, ромски"), ("en", "Serbian, Romani"), ("cs", "srbština, romština")],
)
def test_languages_spoken_are_named_in_the_reader_s_language_without_a_script(site, tag, spoken):
    prefix = tag.lower()
    html = page(site, f"{prefix}/services/pravna-pomoc/index.html")
    shown = re.search(r"<dd>((?:<span lang[^>]*>[^<]*</span>(?:, )?)+)</dd>", html).group(1)
    assert re.sub(r"<[^>]+>", "", shown) == spoken
    assert "latinica" not in shown and "(" not in shown


@pytest.mark.parametrize(
    "tag, month, year",
    [
        ("en", "January 2019", "2020"),
        ("sr-Latn", "januar 2019.", "2020"),
        ("cs", "leden 2019", "2020"),
        ("de", "Januar 2019", "2020"),
        ("mk", "јануари 2019\u202fг.", "2020"),  # CLDR: a narrow no-break space before г.
        ("sq", "janar 2019", "2020"),
        ("rom", "januaro 2019.", "2020"),  # docs/romani.md, rule 11
    ],
)
def test_months_are_written_in_words_by_locale(tag, month, year):
    formats = language_format(tag)
    assert formats.format_month("2019-01") == month and formats.format_month("2020") == year


@pytest.mark.parametrize("tag", ["sr-Latn", "sr-Cyrl", "mk", "cs", "sq", "de", "en"])
def test_the_clock_has_24_hours_in_every_language_of_the_region(tag):
    formats = language_format(tag)
    assert formats.format_time(datetime.time(9, 0)) in ("09:00", "9:00")
    assert formats.format_time(datetime.time(13, 0)) == "13:00"


def test_english_follows_british_conventions():
    assert language_format("en").format_date(datetime.date(2026, 10, 1)) == "1 October 2026"


def test_a_project_period_is_shown_in_months_in_words(site):
    write(
        site / "content/projects/mreza-projekat/facts.yml",
        "lead: neostart\ncountries: [RS]\nstart: 2019-01\nend: 2020-12\nsource_date: 2020\n",
    )
    write(site / "content/projects/mreza-projekat/sr-Latn.md", "---\ntitle: Izmišljeni projekat\n---\nTekst.\n")
    html = page(site, "en/projects/mreza-projekat/index.html")
    assert "<dd>January 2019 – December 2020</dd>" in html and "2019-01" not in html


# ---------------------------------------------------------------- quotation marks, as each language writes them

# Czech, German, Macedonian, Serbian, Albanian and Romani as written in Serbia open low („) and close high (“, U+201C);
# English opens and closes high (“…”). A low opening mark closed by ” (U+201D) is the usual slip.
LOW_HIGH = ("cs", "de", "mk", "sr-Latn", "rom", "sq")  # Albanian also writes „…“ (or «…»)


@pytest.mark.parametrize("language", [*LOW_HIGH, "en"])
def test_the_sample_s_quotation_marks_are_those_of_each_language(language):
    from pathlib import Path

    content = Path(__file__).resolve().parent.parent / "content"
    wrong = []
    for path in sorted(content.rglob(f"{language}.md")):
        text = path.read_text(encoding="utf-8")
        if language in LOW_HIGH:
            wrong += [f"{path}: {found}" for found in re.findall(r"„[^“”\n]*”", text)]
        else:
            wrong += [f"{path}: {found}" for found in re.findall(r"„[^“”\n]*[“”]", text)]
    assert wrong == []
