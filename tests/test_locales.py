"""Number, date and plural conventions per language, including the Romani fallback."""

import datetime
import gettext
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.i18n.locales import FALLBACKS, check_plural_header, language_format

NOV_1 = datetime.date(2026, 11, 1)


@pytest.mark.parametrize(
    "n, category", [(1, "one"), (2, "few"), (3, "few"), (4, "few"), (5, "other"), (0, "other"), (11, "other"), (21, "other")]
)
def test_czech_plural_categories(n, category):
    assert language_format("cs").plural_category(n) == category


@pytest.mark.parametrize("tag", ["sr-Latn", "sr-Cyrl"])
@pytest.mark.parametrize(
    "n, category",
    [(1, "one"), (2, "few"), (4, "few"), (5, "other"), (11, "other"), (12, "other"), (21, "one"), (22, "few"), (111, "other")],
)
def test_serbian_plural_categories(tag, n, category):
    assert language_format(tag).plural_category(n) == category


def test_plural_headers_have_one_form_per_whole_number_category():
    # Czech "many" is only for fractions, which gettext never asks about.
    assert language_format("cs").plural_header.startswith("nplurals=3;")
    assert language_format("sr-Latn").plural_header.startswith("nplurals=3;")
    assert language_format("mk").plural_header.startswith("nplurals=2;")
    assert language_format("rom").plural_header.startswith("nplurals=2;")


def test_macedonian_21_is_one_and_header_check_flags_n_not_1():
    mk = language_format("mk")
    assert mk.plural_category(1) == "one"
    assert mk.plural_category(21) == "one"
    assert mk.plural_category(11) == "other"
    problem = check_plural_header("mk", "nplurals=2; plural=(n != 1);")
    assert problem is not None
    assert "21" in problem and '"one"' in problem and "mk" in problem
    assert mk.plural_header in problem  # names the header to write instead


@pytest.mark.parametrize("tag", ["sr-Latn", "sr-Cyrl", "mk", "cs", "rom", "sq", "de", "en"])
def test_generated_headers_pass_their_own_check(tag):
    assert check_plural_header(tag, language_format(tag).plural_header) is None


@pytest.mark.parametrize("tag", ["sr-Latn", "mk", "cs", "rom", "sq", "de", "en"])
@given(n=st.integers(min_value=0, max_value=10**9))
def test_generated_header_agrees_with_cldr_beyond_the_checked_range(tag, n):
    fmt = language_format(tag)
    plural = gettext.c2py(fmt.plural_header.split("plural=", 1)[1].rstrip(";"))
    index_of = {fmt.plural_category(k): plural(k) for k in range(200)}
    assert plural(n) == index_of[fmt.plural_category(n)]


def test_header_check_compares_grouping_not_index_numbers():
    traditional = "nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);"
    reordered = "nplurals=3; plural=(n==1 ? 2 : n>=2 && n<=4 ? 0 : 1);"
    assert check_plural_header("cs", traditional) is None
    assert check_plural_header("cs", reordered) is None


def test_header_check_reports_merged_categories_and_bad_headers():
    merged = check_plural_header("cs", "nplurals=2; plural=(n != 1);")
    assert merged is not None and '"few"' in merged and "cs" in merged
    assert "cannot be evaluated" in check_plural_header("cs", "nplurals=2; plural=(import os);")
    assert "nplurals" in check_plural_header("cs", "plural=n")
    assert "nplurals is 2" in check_plural_header("cs", "nplurals=2; plural=(n % 3);")


def test_romani_uses_the_documented_fallback():
    rom = language_format("rom")
    assert rom.format_date(NOV_1) == "1. novembro 2026."
    assert rom.format_month("2019-01") == "januaro 2019."
    assert rom.format_month("2020") == "2020"
    assert rom.format_number(1234.5) == "1.234,5"
    assert rom.plural_category(1) == "one"
    assert rom.plural_category(2) == "other"
    assert rom.plural_category(21) == "other"
    assert str(rom.babel_locale) == "sr_Latn"
    assert rom.tag == "rom"


@pytest.mark.parametrize("tag", ["rmn", "rmy", "rom-RS", "rmy-Latn"])
def test_narrower_romani_tags_use_the_same_row(tag):
    assert tag.split("-")[0] in FALLBACKS
    fmt = language_format(tag)
    assert fmt.tag == tag
    assert fmt.format_date(NOV_1) == "1. novembro 2026."


def test_serbian_long_dates_in_both_scripts():
    assert "новембар" in language_format("sr-Cyrl").format_date(NOV_1)
    assert "novembar" in language_format("sr-Latn").format_date(NOV_1)
    assert language_format("sr-Latn").date_pattern is None


def test_numbers_follow_each_locale():
    assert language_format("en").format_number(1234.5) == "1,234.5"
    assert language_format("de").format_number(1234.5) == "1.234,5"


@pytest.mark.parametrize("tag", ["tlh", "xx-Fake"])
def test_unknown_tag_names_the_tag_and_both_fixes(tag):
    with pytest.raises(ValueError) as info:
        language_format(tag)
    message = str(info.value)
    assert f'"{tag}"' in message
    assert "FALLBACKS" in message and "Babel" in message


@pytest.mark.parametrize("month", range(1, 13))
def test_romani_writes_every_month_in_words_as_serbian_does(month):
    """Each month in Romani words where Serbian has words: the same order (day, month, year) and dots, a name of
    its own (Romani, not the Serbian name: docs/romani.md), and no digit where Serbian has a month name."""
    day = datetime.date(2019, month, 21)
    romani, serbian = language_format("rom").format_date(day), language_format("sr-Latn").format_date(day)
    assert re.fullmatch(r"21\. [a-z]+ 2019\.", romani), romani
    assert re.fullmatch(r"21\. [a-z]+ 2019\.", serbian), serbian
    assert romani != serbian
    assert romani.split()[1][:3] == serbian.split()[1][:3]  # the same month, as a loanword
    assert re.fullmatch(r"[a-z]+ 2019\.", language_format("rom").format_month(f"2019-{month:02d}"))
    names = {language_format("rom").format_date(datetime.date(2019, m, 1)).split()[1] for m in range(1, 13)}
    assert len(names) == 12
