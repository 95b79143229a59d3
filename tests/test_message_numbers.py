"""Counts and sizes in portal's own messages: the plural form and the digit grouping of the editor's language.

"više od 3 meseci" is wrong Serbian and "1,048,576 bajtova" has English separators: a count chooses its
plural form from the catalog (gettext's Plural-Forms, as CLDR says), and a number is written as the
editor's language writes numbers.
"""

from __future__ import annotations

import gettext
import re

import pytest
from babel.messages.pofile import read_po

from conftest import run_portal, write
from portal.errors import Message, Number, n_
from portal.i18n import problem_messages
from portal.i18n.locales import language_format

# A number placeholder: one with a number's format spec ({size:,}, {n:d}), or one a counted noun follows
# ("{months} months"), or one named as a count.
NUMBER_SPEC = re.compile(r"\{(\w+):[,_]?[0-9.]*[,_]?[dnfg]?\}")
COUNTED_NOUNS = (
    "byte bytes character characters month months day days year years error errors warning warnings "
    "message messages entry entries file files line lines item items page pages minute minutes hour hours "
    "kb KB mb MB km"
).split()
COUNTED = re.compile(r"\{(\w+)(?::[^}]*)?\}\s+(?:" + "|".join(COUNTED_NOUNS) + r")\b")
COUNT_NAMES = {"count", "months", "size", "length", "total", "n"}


def _template() -> list:
    with problem_messages.TEMPLATE.open("rb") as file:
        return [message for message in read_po(file) if message.id]


def _number_placeholders(text: str) -> set[str]:
    names = {match.group(1) for match in NUMBER_SPEC.finditer(text)} | {match.group(1) for match in COUNTED.finditer(text)}
    named = {name for name in re.findall(r"\{(\w+)(?::[^}]*)?\}", text) if name in COUNT_NAMES}
    return names | named


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the file is {size:,} bytes", {"size"}),
        ("last verified on {date}, more than {months} months ago", {"months"}),
        ("{errors} error(s), {warnings} warning(s)", {"errors", "warnings"}),
        ("the title is {length} characters long", {"length"}),
        ("{total:d} entries", {"total"}),
        ("`{key}` is written twice (first on line {first})", set()),
        ("the file contains the invisible character #x{character:04x}", set()),
    ],
)
def test_the_scan_finds_counts_and_only_counts(text, found):
    """The scan below is only as good as its idea of a count: checked on messages written for it."""
    assert _number_placeholders(text) == found


def test_every_message_with_a_count_has_plural_forms():
    singular_only = [message.id for message in _template() if isinstance(message.id, str) and _number_placeholders(message.id)]
    assert singular_only == [], "write these with n_(singular, plural, count, ...): every language counts differently"
    plurals = [message for message in _template() if isinstance(message.id, tuple)]
    assert len(plurals) >= 7  # months, two file sizes, title length and limit, errors, warnings
    for message in plurals:
        assert not NUMBER_SPEC.search(" ".join(message.id)), "a count is written by the locale, not by a format spec"


def test_every_plural_message_of_every_tool_catalog_has_all_its_forms():
    for path in problem_messages.LOCALES.glob("*.po"):
        with path.open("rb") as file:
            catalog = read_po(file)
        expected = language_format(path.stem).plural_header.split(";")[0].split("=")[1].strip()
        for message in catalog:
            if isinstance(message.id, tuple):
                assert len(message.string) == int(expected), (path.name, message.id)
                assert all(message.string), (path.name, message.id)
                assert not message.fuzzy, (path.name, message.id)


SERBIAN = problem_messages.translations("sr-Latn")


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (1, "1 meseca"),
        (2, "2 meseca"),
        (4, "4 meseca"),
        (5, "5 meseci"),
        (11, "11 meseci"),
        (12, "12 meseci"),
        (21, "21 meseca"),
        (22, "22 meseca"),
        (25, "25 meseci"),
    ],
)
def test_a_count_of_months_takes_the_serbian_form_for_its_number(months, words):
    # "više od N" takes the genitive: singular genitive after 1, 21 and 2-4, 22-24; plural genitive after 5-20, 25-30.
    message = n_(
        "last verified on {date}, more than {months} month ago",
        "last verified on {date}, more than {months} months ago",
        "months",
        date="2020-01-01",
        months=months,
    )
    assert message.translate(SERBIAN) == f"poslednji put provereno 2020-01-01, pre više od {words}"


@pytest.mark.parametrize(
    ("count", "english", "serbian"),
    [
        (1, "1 error", "1 greška"),
        (3, "3 errors", "3 greške"),
        (5, "5 errors", "5 grešaka"),
        (1001, "1,001 errors", "1.001 greška"),
    ],
)
def test_the_number_of_errors_in_english_and_serbian(count, english, serbian):
    message = n_("{count} error", "{count} errors", "count", count=count)
    assert str(message) == english
    assert message.translate(SERBIAN) == serbian


def test_check_counts_errors_and_warnings_in_serbian_and_english(site, capsys):
    write(site / "content/organisations/neostart/facts.yml", "type: civil-sociaty\ncountry: RS\nlast_verified: 2026-11-01\n")
    _, _, english = run_portal(capsys, "--site", str(site), "check")
    _, _, serbian = run_portal(capsys, "--site", str(site), "check", "--lang", "sr-Latn")
    assert re.search(r"^1 error, \d+ warnings?$", english, re.M), english[-200:]
    assert re.search(r"^1 greška, \d+ upozorenja?$", serbian, re.M), serbian[-200:]
    assert "(s)" not in english.splitlines()[-1]


def _catalog(tag: str) -> gettext.NullTranslations:
    """A catalog that says it is in `tag` (its `Language:` header, as a compiled one does) and keeps the English words."""
    catalog = gettext.NullTranslations()
    catalog._info = {"language": tag}  # type: ignore[attr-defined]
    return catalog


SIZE = ("the file is {size} byte, more than the {limit} allowed", "the file is {size} bytes, more than the {limit} allowed")


@pytest.mark.parametrize(
    ("tag", "size", "limit"),
    [
        ("en", "1,048,576", "1,000,000"),
        ("sr-Latn", "1.048.576", "1.000.000"),
        ("de", "1.048.576", "1.000.000"),
        ("cs", "1\N{NO-BREAK SPACE}048\N{NO-BREAK SPACE}576", "1\N{NO-BREAK SPACE}000\N{NO-BREAK SPACE}000"),
        ("mk", "1.048.576", "1.000.000"),
        ("sq", "1\N{NO-BREAK SPACE}048\N{NO-BREAK SPACE}576", "1\N{NO-BREAK SPACE}000\N{NO-BREAK SPACE}000"),
        ("rom", "1.048.576", "1.000.000"),
    ],
)
def test_a_file_size_is_grouped_as_the_editors_language_groups_digits(tag, size, limit):
    message = n_(*SIZE, "size", size=1_048_576, limit=1_000_000)
    assert str(message) == "the file is 1,048,576 bytes, more than the 1,000,000 allowed"
    assert message.translate(_catalog(tag)) == f"the file is {size} bytes, more than the {limit} allowed"


def test_the_real_serbian_catalog_groups_a_too_large_file(site, capsys):
    big = site / "content/organisations/neostart/sr-Latn.md"
    write(big, "---\ntitle: Neostart\n---\n" + "a" * 1_000_001 + "\n")
    _, _, err = run_portal(capsys, "--site", str(site), "check", "--lang", "sr-Latn")
    assert re.search(r"datoteka ima 1\.000\.0\d\d bajtova, više od dozvoljenih 1\.000\.000", err), err[-400:]


def test_numbers_that_are_not_counts_stay_as_written():
    # A line number or a character code is a position or a code, not an amount: no grouping, no plural.
    message = Message("on line {line}, the character #x{character:04x}", line=12345, character=0x200B)
    assert str(message) == "on line 12345, the character #x200b"
    assert isinstance(Number(5), int)
