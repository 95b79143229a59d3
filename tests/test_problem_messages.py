"""Problems in the editor's language: `portal check --lang sr-Latn`, from portal's own gettext catalog."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po

from conftest import run_portal, write
from portal.errors import Message, _
from portal.i18n import problem_messages

ORG = "content/organisations/neostart/facts.yml"
BAD_ORG = "type: civil-sociaty\ncountry: RS\nphnoe: x\nlast_verified: 2026-11-01\n"


def test_check_speaks_serbian(site, capsys):
    write(site / ORG, BAD_ORG)
    status, _, err = run_portal(capsys, "--site", str(site), "check", "--lang", "sr-Latn")
    assert status == 1
    assert (f"{ORG}:1: greška: `civil-sociaty` nije dozvoljena vrednost polja `type`; da li ste mislili `civil-society`?") in err
    assert f"{ORG}:3: greška: nepoznato polje `phnoe` u datoteci sa podacima (`facts.yml`); da li ste mislili `phone`?" in err
    assert "2 greške, " in err


def test_a_missing_required_field_names_its_description_in_serbian(site, capsys):
    write(site / ORG, "country: RS\nlast_verified: 2026-11-01\n")
    _, _, err = run_portal(capsys, "--site", str(site), "check", "--lang", "sr-Latn")
    assert f"{ORG}:1: greška: nedostaje obavezno polje `type`; dodajte red `type: ...` (Vrsta organizacije.)" in err


def test_github_annotations_in_serbian(site, capsys):
    write(site / ORG, BAD_ORG)
    _, _, err = run_portal(capsys, "--site", str(site), "check", "--format", "github", "--lang", "sr-Latn")
    assert f"::error file={ORG},line=3::nepoznato polje `phnoe` u datoteci sa podacima (`facts.yml`); " in err


def test_serbian_cyrillic_is_written_from_the_latin_catalog_with_code_kept(site, capsys):
    write(site / ORG, BAD_ORG)
    _, _, err = run_portal(capsys, "--site", str(site), "check", "--lang", "sr-Cyrl")
    assert f"{ORG}:3: грешка: непознато поље `phnoe` у датотеци са подацима (`facts.yml`); да ли сте мислили `phone`?" in err


def test_english_stays_the_default_and_can_be_asked_for(site, capsys):
    write(site / ORG, BAD_ORG)
    english = run_portal(capsys, "--site", str(site), "check")[2]
    assert f"{ORG}:3: error: unknown field `phnoe` in a facts file; did you mean `phone`?" in english
    assert run_portal(capsys, "--site", str(site), "check", "--lang", "en")[2] == english


SPOKEN = "en (English), sr-Latn (srpski (latinica)), sr-Cyrl (српски (ћирилица))"


@pytest.mark.parametrize(
    "asked, said",
    [
        ("de", f"portal: --lang de: portal writes its messages in {SPOKEN}; write one of these\n"),
        ("xx-Nope", f"portal: --lang xx-Nope: portal writes its messages in {SPOKEN}; write one of these\n"),
        # Serbian is written in two scripts: `sr` is not guessed
        (
            "sr",
            "portal: --lang sr could mean sr-Latn (srpski (latinica)) or sr-Cyrl (српски (ћирилица)); write one of them, e.g. --lang sr-Latn\n",
        ),
        (
            "sr-RS",
            "portal: --lang sr-RS could mean sr-Latn (srpski (latinica)) or sr-Cyrl (српски (ћирилица)); write one of them, e.g. --lang sr-Latn\n",
        ),
    ],
)
def test_a_language_portal_does_not_speak_is_refused_with_the_list_and_nothing_runs(site, capsys, asked, said):
    write(site / ORG, BAD_ORG)
    assert run_portal(capsys, "--site", str(site), "check", "--lang", asked) == (2, "", said)
    assert run_portal(capsys, "--site", str(site), "new", "pages", "nova", "--lang", asked)[0] == 2
    assert not (site / "content/pages/nova").exists()


@pytest.mark.parametrize(
    "asked, meant, note",
    [
        ("SR_latn", "sr-Latn", ""),  # letter case and `_` for `-` are the same tag
        ("sr-Latn-RS", "sr-Latn", "portal: --lang sr-Latn-RS: writing in sr-Latn (srpski (latinica))\n"),
        ("sr-Cyrl-BA", "sr-Cyrl", "portal: --lang sr-Cyrl-BA: writing in sr-Cyrl (српски (ћирилица))\n"),
        ("en-GB", "en", "portal: --lang en-GB: writing in en (English)\n"),
    ],
)
def test_an_unambiguous_tag_is_taken_as_the_language_it_means_and_said_so(site, capsys, asked, meant, note):
    write(site / ORG, BAD_ORG)
    expected = run_portal(capsys, "--site", str(site), "check", "--lang", meant)[2]
    status, _out, err = run_portal(capsys, "--site", str(site), "check", "--lang", asked)
    assert status == 1 and err == note + expected


def test_a_message_is_plain_english_text_until_translated():
    message = _("unknown field `{key}` in {what}", key="phnoe", what=_("a facts file"))
    assert message == "unknown field `phnoe` in a facts file"
    assert isinstance(message, str) and isinstance(message, Message)
    serbian = problem_messages.translations("sr-latn")  # the tag's letter case does not matter
    assert message.translate(serbian) == "nepoznato polje `phnoe` u datoteci sa podacima (`facts.yml`)"


def test_the_template_holds_every_marked_message():
    with problem_messages.TEMPLATE.open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    in_code = set(problem_messages.source_messages())
    assert in_code - template == set(), "new messages: run `portal i18n extract --tool` and `portal i18n update --tool`"
    assert template - in_code == set(), "messages no longer used: run `portal i18n extract --tool`"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_translations_keep_every_placeholder_and_every_code_span():
    for path in problem_messages.LOCALES.glob("*.po"):
        with path.open("rb") as file:
            for message in read_po(file):
                if not (message.id and message.string):
                    continue
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in strings:  # every plural form keeps the singular's placeholders and code spans
                    assert _placeholders(text) == _placeholders(ids[0]), (path.name, ids[0])
                    assert set(re.findall(r"`\{\w+\}`", ids[0])) <= set(re.findall(r"`\{\w+\}`", text)), ids[0]


def test_the_serbian_catalog_compiles_without_problems(capsys):
    status, out, err = run_portal(capsys, "i18n", "compile", "--tool")
    assert status == 0, err
    assert err == ""  # nothing untranslated, fuzzy or missing
