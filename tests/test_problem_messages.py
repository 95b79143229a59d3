"""Problems in the editor's language: `portal check --lang sr-Latn`, from portal's own gettext catalog."""

from __future__ import annotations

import re
import string

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
    assert "grešaka: 2, upozorenja: " in err


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


def test_english_stays_the_default_and_other_languages_fall_back_to_it(site, capsys):
    write(site / ORG, BAD_ORG)
    english = run_portal(capsys, "--site", str(site), "check")[2]
    assert f"{ORG}:3: error: unknown field `phnoe` in a facts file; did you mean `phone`?" in english
    assert run_portal(capsys, "--site", str(site), "check", "--lang", "de")[2] == english


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
                if message.id and message.string:
                    assert _placeholders(message.string) == _placeholders(message.id), (path.name, message.id)
                    assert set(re.findall(r"`\{\w+\}`", message.id)) <= set(re.findall(r"`\{\w+\}`", message.string)), message.id


def test_the_serbian_catalog_compiles_without_problems(capsys):
    status, out, err = run_portal(capsys, "i18n", "compile", "--tool")
    assert status == 0, err
    assert err == ""  # nothing untranslated, fuzzy or missing
