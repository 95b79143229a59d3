"""`portal i18n extract|update|compile`: the site's own catalogs, and its theme's with --theme."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import FIXTURES, REPO, run_portal, write
from portal.i18n.catalogs import extract
from portal.theme import THEMES


@pytest.fixture
def child_site(site: Path) -> Path:
    """The minimal site using the fixture theme `child` (Czech catalog only), with one more template string."""
    shutil.copytree(FIXTURES / "themes" / "child", site / "themes" / "child")
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "theme: themes/child\n")
    write(site / "themes/child/templates/_note.html", '<p>{{ _("Ask us anything") }}</p>\n')
    return site


def messages(path: Path) -> dict:
    """Every message of a catalog, by msgid (a tuple for plurals), with its translation."""
    with path.open("rb") as file:
        return {message.id: message.string for message in read_po(file) if message.id}


def test_extract_theme_writes_the_theme_s_template_named_from_the_theme_folder(child_site, capsys):
    default_before = (THEMES / "default/locales/messages.pot").read_bytes()
    status, out, _ = run_portal(capsys, "--site", str(child_site), "i18n", "extract", "--theme")
    assert (status, out) == (0, "Extracted 3 messages into themes/child/locales/messages.pot\n")
    pot = (child_site / "themes/child/locales/messages.pot").read_text(encoding="utf-8")
    assert '#: templates/_note.html:1\nmsgid "Ask us anything"' in pot
    assert 'msgid "Skip to content"' not in pot  # the parent's words stay in the parent's template
    assert (THEMES / "default/locales/messages.pot").read_bytes() == default_before


def test_update_and_compile_theme_work_on_the_languages_of_theme_yml(child_site, capsys):
    run_portal(capsys, "--site", str(child_site), "i18n", "extract", "--theme")
    status, out, _ = run_portal(capsys, "--site", str(child_site), "i18n", "update", "--theme")
    assert (status, out) == (0, "Updated themes/child/locales/cs.po\n")
    catalog = child_site / "themes/child/locales/cs.po"
    assert messages(catalog) == {
        "Ask us anything": "",
        "Menu": "Nabídka",
        "Page not found": "",
        "The child theme could not find this page.": "Dětské téma tuto stránku nenašlo.",
    }
    assert not (child_site / "themes/child/locales/sr-Latn.po").exists()  # not in theme.yml's languages
    status, out, err = run_portal(capsys, "--site", str(child_site), "i18n", "compile", "--theme")
    line = catalog.read_text(encoding="utf-8").splitlines().index('msgid "Ask us anything"') + 1
    # "Page not found" is untranslated here too, but the parent theme translates it.
    assert err.splitlines()[:-1] == [
        f"themes/child/locales/cs.po:{line}: warning: not translated yet: Ask us anything; write the translation in msgstr"
    ]
    assert (status, out) == (0, "All catalogs of the theme `child` compile.\n")


def test_extract_for_a_site_without_templates_writes_nothing(site, capsys):
    status, out, _ = run_portal(capsys, "--site", str(site), "i18n", "extract")
    assert status == 0
    assert "The site has no templates of its own" in out and "themes/default/locales/" in out
    assert not (site / "locales/messages.pot").exists()


def test_a_site_s_own_template_words_go_into_its_catalogs_beside_its_overrides(site, capsys):
    write(site / "templates/_note.html", '<p>{{ _("Ask us anything") }}</p>\n')
    assert run_portal(capsys, "--site", str(site), "i18n", "extract")[1] == "Extracted 1 messages into locales/messages.pot\n"
    assert list(messages(site / "locales/messages.pot")) == ["Ask us anything"]
    status, out, _ = run_portal(capsys, "--site", str(site), "i18n", "update")
    assert (status, out) == (0, "Updated locales/sr-Latn.po\nUpdated locales/cs.po\n")
    assert messages(site / "locales/cs.po") == {
        ("%(count)s entry", "%(count)s entries"): ("%(count)s položka", "%(count)s položky", "%(count)s položek"),
        "Ask us anything": "",
        "Last checked: %(date)s": "Naposledy ověřeno: %(date)s",
        "This text is not translated into your language yet. It is shown in: %(language)s.": "Tento text zatím není přeložen do vašeho jazyka. Zobrazuje se v jazyce: %(language)s.",
    }
    status, _, err = run_portal(capsys, "--site", str(site), "i18n", "compile")
    assert status == 0
    assert "locales/cs.po:" in err and "not translated yet: Ask us anything" in err


def test_the_default_theme_s_template_is_in_step_with_its_templates(tmp_path):
    extract([THEMES / "default/templates", THEMES / "default/print"], tmp_path / "locales/messages.pot")
    assert set(messages(tmp_path / "locales/messages.pot")) == set(messages(THEMES / "default/locales/messages.pot")), (
        "run `portal i18n extract --theme` and `portal i18n update --theme`"
    )


def test_every_catalog_of_the_default_theme_is_complete(capsys):
    status, out, err = run_portal(capsys, "--site", str(REPO), "i18n", "compile", "--theme")
    assert (status, err) == (0, "")  # nothing untranslated, fuzzy or missing
    assert out == "All catalogs of the theme `default` compile.\n"
