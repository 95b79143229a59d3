"""The translation dashboard: missing, outdated, not stamped and up-to-date translations, with and without git history;
what readers of an outdated translation are told, and what `portal check` tells its translator."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
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
    assert (
        f"<strong>veraltet</strong>: <code>{NEOSTART}/de.md</code>"
        f"<br>Ausgangstext: <code>{NEOSTART}/sr-Latn.md</code>, Version <code>8f49a6d9</code>"
    ) in html
    assert "<code>content/pages/home/de.md</code>" in html
    assert b"/status/" not in result.files["sitemap.xml"]


def test_a_translated_from_value_is_not_shown_to_readers(translations):
    html = build(translations).files["en/organisations/neostart/index.html"].decode("utf-8")
    assert "8f49a6d9" not in html


# Readers: the page of an outdated translation says so, in the reader's language, and links the current text.


@pytest.mark.parametrize(
    ("page", "told"),
    [
        ("de/organisations/neostart/index.html", True),  # stamped from an older source text
        ("en/organisations/neostart/index.html", False),  # stamped from the current one
        ("en/index.html", False),  # not stamped: nothing is known, nothing is said
        ("de/index.html", False),  # not translated: the fallback notice says what there is to say
        ("sr-latn/organisations/neostart/index.html", False),  # the source itself
        ("sr-cyrl/organisations/neostart/index.html", False),  # written from the source
    ],
)
def test_readers_of_an_outdated_translation_are_told_and_led_to_the_current_text(translations, page, told):
    html = build(translations).files[page].decode("utf-8")
    link = '<a href="/sr-latn/organisations/neostart/" hreflang="sr-Latn" lang="sr-Latn">Srpski</a>'
    assert (link in html) is told
    if told:  # in German, naming the source language in German; no git here, so no date
        assert (
            "Diese Übersetzung ist vielleicht nicht aktuell: Der Text wurde seitdem geändert, "
            f"in der Sprache: Serbisch. Der aktuelle Text: {link}"
        ) in html


def test_portal_check_tells_the_translator_which_file_is_outdated_and_how_to_stamp_it(translations, capsys):
    status, _, err = run_portal(capsys, "--site", str(translations), "check")
    assert status == 0  # a warning: the reader still gets a page, with a notice
    current = source_hash(
        validated_site(translations, datetime.date.today()).entries[("organisations", "neostart")].texts["sr-Latn"]
    )
    assert (
        f"{NEOSTART}/de.md:1: warning: this translation was made from an older version of {NEOSTART}/sr-Latn.md; "
        f'bring it up to date with {NEOSTART}/sr-Latn.md, then write `translated_from: "{current}"` in the `---` block '
        "at the top, or run `portal status --stamp de organisations/neostart`"
    ) in err
    assert f"{NEOSTART}/en.md:1: warning: this translation" not in err  # up to date
    assert "content/pages/home/en.md:1: warning: this translation" not in err  # not stamped: /status/ lists it
    run_portal(capsys, "--site", str(translations), "status", "--stamp", "de", "organisations/neostart")
    _, _, err = run_portal(capsys, "--site", str(translations), "check")
    assert "older version" not in err
    html = build(translations).files["de/organisations/neostart/index.html"].decode("utf-8")
    assert "nicht aktuell" not in html


# Translators: /status/ in their language, what to do first, each file a click away on GitHub.


def with_every_state_in_german(site: Path) -> None:
    """de: neostart outdated, home not stamped, kontakt missing (the fixture has no unstamped German text)."""
    (site / "content/pages/home/de.md").write_text("---\ntitle: Hilfe\n---\nWillkommen.\n", encoding="utf-8")
    kontakt = site / "content/pages/kontakt"
    kontakt.mkdir()
    (kontakt / "facts.yml").write_text("last_verified: 2026-11-01\n", encoding="utf-8")
    (kontakt / "sr-Latn.md").write_text("---\ntitle: Kontakt\n---\nPišite nam.\n", encoding="utf-8")


def test_each_language_lists_missing_then_outdated_then_not_stamped_in_its_own_language(translations):
    with_every_state_in_german(translations)
    result = build(translations)
    german = result.files["status/de/index.html"].decode("utf-8")
    assert '<html lang="de"' in german and "<h1>Übersetzungen:" in german
    order = [german.index("<code>content/pages/kontakt/de.md</code>"), german.index(f"<code>{NEOSTART}/de.md</code>")]
    order.append(german.index("<code>content/pages/home/de.md</code>"))
    assert order == sorted(order), "missing, then outdated, then not stamped"
    assert "<p>fehlt <strong>1</strong> · veraltet <strong>1</strong> · nicht markiert <strong>1</strong>" in german
    assert "front matter" not in german and "`" not in german.split("<main")[1] and "<code>---</code>-Block oben" in german
    summary = result.files["status/index.html"].decode("utf-8")  # in the site's first language
    assert '<html lang="sr-Latn"' in summary and "<h1>Prevodi</h1>" in summary


def test_with_a_repository_each_file_is_linked_on_github_where_it_can_be_edited_or_created(translations):
    with_every_state_in_german(translations)
    config = translations / "site.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "repository: https://github.com/example-org/help-site\nbranch: live\n",
        encoding="utf-8",
    )
    german = build(translations).files["status/de/index.html"].decode("utf-8")
    repo = "https://github.com/example-org/help-site"
    assert (
        f'<a href="{repo}/new/live/content/pages/kontakt?filename=de.md"><code>content/pages/kontakt/de.md</code></a>' in german
    )
    assert f'<a href="{repo}/edit/live/{NEOSTART}/de.md"><code>{NEOSTART}/de.md</code></a>' in german
    assert f'<a href="{repo}/blob/live/{NEOSTART}/sr-Latn.md"><code>{NEOSTART}/sr-Latn.md</code></a>' in german


@pytest.mark.parametrize(
    "written", ["github.com/example-org/help-site", "https://github.com/example-org", "http://github.com/example-org/help-site"]
)
def test_a_repository_that_is_not_a_repository_address_is_reported(translations, capsys, written):
    config = translations / "site.yml"
    lines = config.read_text(encoding="utf-8").count("\n")
    config.write_text(config.read_text(encoding="utf-8") + f"repository: {written}\n", encoding="utf-8")
    status, _, err = run_portal(capsys, "--site", str(translations), "check")
    assert status == 1
    assert f"site.yml:{lines + 1}: error: repository `{written}` is not the address of a GitHub repository" in err


def git(site: Path, *arguments: str, day: str = "2026-03-01") -> None:
    moment = f"{day}T10:00:00+00:00"
    environment = {
        "GIT_AUTHOR_DATE": moment,
        "GIT_COMMITTER_DATE": moment,
        "GIT_AUTHOR_NAME": "Test Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Test Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "HOME": str(site),
        "PATH": os.environ["PATH"],
    }
    subprocess.run(["git", "-C", str(site), *arguments], check=True, capture_output=True, env=environment)


def with_history(folder: Path) -> None:
    """Two commits: every file, then a change to neostart's source text (the German text stays behind)."""
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "Prvi tekstovi")
    source = folder / "content/organisations/neostart/sr-Latn.md" if (folder / "content").is_dir() else None
    source = source or next(folder.rglob("neostart/sr-Latn.md"))
    source.write_text(source.read_text(encoding="utf-8") + "Pozovite nas radnim danima.\n", encoding="utf-8")
    git(folder, "commit", "-q", "-am", "Dodato radno vreme", day="2026-05-04")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed: the history cannot be read")
def test_where_git_remembers_readers_get_the_date_and_translators_the_changes_since(translations):
    with_history(translations)
    result = build(translations)
    html = result.files["de/organisations/neostart/index.html"].decode("utf-8")
    assert "Der Text wurde am 4. Mai 2026 geändert, in der Sprache: Serbisch." in html
    german = result.files["status/de/index.html"].decode("utf-8")
    assert "Was sich im Ausgangstext seit dieser Übersetzung geändert hat:" in german
    assert "<li>4. Mai 2026: Dodato radno vreme <code>" in german
    assert "Prvi tekstovi" not in german  # the German text was committed with it: not a change since
    again = build(translations)
    assert again.files["status/de/index.html"] == result.files["status/de/index.html"]  # same commits, same bytes


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed: the history cannot be read")
def test_a_site_inside_another_repository_does_not_show_that_repositorys_history(tmp_path, translations, capsys):
    with_history(tmp_path)  # the repository is the folder around the site, as for the fixtures inside portal's own
    status, _, err = run_portal(capsys, "--site", str(translations), "build", "--out", str(tmp_path / "out"))
    assert status == 0
    html = (tmp_path / "out/de/organisations/neostart/index.html").read_text(encoding="utf-8")
    assert "Der Text wurde seitdem geändert" in html and "2026" not in html.split("nicht aktuell")[1][:80]
    assert "git" not in err.lower() and "fatal" not in err.lower()


def test_without_git_nothing_is_said_of_it(translations, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(translations))  # no git to be found
    status, _, err = run_portal(capsys, "--site", str(translations), "build", "--out", str(translations / "public"))
    assert status == 0
    assert "git" not in err.lower()
