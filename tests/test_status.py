"""The translation dashboard: missing, outdated, not stamped and up-to-date translations, without git history."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_portal
from portal.build import build
from portal.commands.report import validated_site
from portal.outputs.status import CURRENT, MISSING, OUTDATED, UNSTAMPED, source_hash, translation_status

NEOSTART = "content/organisations/neostart"


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    """A copy of the fixture whose translations are in every state (see its site.yml)."""
    target = tmp_path / "translations"
    shutil.copytree(FIXTURES / "translations", target)
    return target


def states(site_dir: Path) -> dict[tuple[str, str], str]:
    return {
        (t.language, t.name): t.state
        for status in translation_status(validated_site(site_dir, datetime.date.today()))
        for t in status.translations
    }


def test_missing_outdated_unstamped_and_current_are_told_apart(translations):
    assert states(translations) == {
        ("en", "organisations/neostart"): CURRENT,
        ("en", "pages/home"): UNSTAMPED,
        ("de", "organisations/neostart"): OUTDATED,  # stamped before the second sentence was added to the source
        ("de", "pages/home"): MISSING,
    }


def test_serbian_cyrillic_is_not_reported_missing_because_it_is_written_from_latin(translations):
    assert not any(language == "sr-Cyrl" for language, _ in states(translations))


def test_a_change_of_the_source_text_makes_its_translations_outdated(translations):
    source = translations / NEOSTART / "sr-Latn.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Beograda", "Novog Sada"), encoding="utf-8")
    assert states(translations)[("en", "organisations/neostart")] == OUTDATED


def test_rewrapping_the_source_text_changes_nothing(translations):
    source = translations / NEOSTART / "sr-Latn.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("zatvora: savetima,", "zatvora:\n  savetima,") + "\n\n", encoding="utf-8")
    assert states(translations)[("en", "organisations/neostart")] == CURRENT


def test_stamp_records_the_current_source_and_keeps_the_rest_of_the_file(translations, capsys):
    german = translations / NEOSTART / "de.md"
    before = german.read_text(encoding="utf-8")
    status, out, err = run_portal(capsys, "--site", str(translations), "status", "--stamp", "de", "organisations/neostart")
    assert status == 0, err
    assert f"Stamped {NEOSTART}/de.md" in out
    site = validated_site(translations, datetime.date.today())
    current = source_hash(site.get("organisations", "neostart").texts["sr-Latn"])
    assert german.read_text(encoding="utf-8") == before.replace('translated_from: "78a3b88d"', f'translated_from: "{current}"')
    assert states(translations)[("de", "organisations/neostart")] == CURRENT


def test_stamp_adds_the_field_to_a_translation_without_one(translations, capsys):
    status, _, err = run_portal(capsys, "--site", str(translations), "status", "--stamp", "en", "home")
    assert status == 0, err
    assert states(translations)[("en", "pages/home")] == CURRENT
    assert "Here are the organisations that help." in (translations / "content/pages/home/en.md").read_text(encoding="utf-8")


def test_stamp_refuses_a_missing_translation_and_an_unknown_entry(translations, capsys):
    status, _, err = run_portal(capsys, "--site", str(translations), "status", "--stamp", "de", "pages/home", "nobody")
    assert status == 1
    assert "content/pages/home/de.md: error: there is no translation to stamp yet; write the file first, then stamp it" in err
    assert "nobody: error: no single translation into de is called `nobody`" in err


def test_markdown_report_for_a_pull_request(translations, capsys):
    status, out, _ = run_portal(capsys, "--site", str(translations), "status", "--format", "markdown")
    assert status == 0
    assert "| Deutsch (`de`) | 0 | 1 | 0 | 1 |" in out
    assert "| English (`en`) | 1 | 0 | 1 | 0 |" in out
    assert f"- `{NEOSTART}/de.md` (source now `8f49a6d9`)" in out
    assert "- `content/pages/home/de.md`" in out


def test_terminal_report_is_a_table(translations, capsys):
    status, out, _ = run_portal(capsys, "--site", str(translations), "status")
    assert status == 0
    assert "Deutsch (de)" in out and "outdated" in out
    assert "de outdated: organisations/neostart" in out
    assert "de missing: pages/home" in out


def test_the_built_site_has_a_status_page_for_translators(translations):
    result = build(translations)
    summary = result.files["status/index.html"].decode("utf-8")
    assert '<meta name="robots" content="noindex">' in summary
    assert 'href="/status/de/"' in summary  # the summary leads to each language's own list
    html = result.files["status/de/index.html"].decode("utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert f"<code>{NEOSTART}/de.md</code>: source <code>{NEOSTART}/sr-Latn.md</code>, version <code>8f49a6d9</code>" in html
    assert "<code>content/pages/home/de.md</code>" in html
    assert b"/status/" not in result.files["sitemap.xml"]


def test_a_translated_from_value_is_not_shown_to_readers(translations):
    html = build(translations).files["en/organisations/neostart/index.html"].decode("utf-8")
    assert "8f49a6d9" not in html
