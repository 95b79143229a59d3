"""Stage 2, configure (portal.configure): site.yml, the theme it names and the interface catalogs, checked as one chain
(the site's locales/, then its theme's) before any content is planned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_portal, write
from portal.build import build
from portal.configure import CatalogChecks, configure
from portal.load import load_site
from portal.schema import KINDS
from portal.theme import THEMES


def use_own_theme(site: Path, folder: Path, reference: str) -> Path:
    """A copy of the default theme in `folder`, which site.yml names as `reference`."""
    shutil.copytree(THEMES / "default", folder)
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + f"theme: {reference}\n")
    return folder


def untranslate(catalog: Path, msgid: str, translation: str) -> int:
    """Empty the translation of `msgid` in `catalog`; returns the line of its msgid."""
    text = catalog.read_text(encoding="utf-8")
    entry = f'msgid "{msgid}"\nmsgstr "{translation}"\n'
    assert entry in text
    catalog.write_text(text.replace(entry, f'msgid "{msgid}"\nmsgstr ""\n'), encoding="utf-8")
    return text[: text.index(entry)].count("\n") + 1


def catalog_problems(site: Path) -> list[str]:
    return [p.format() for p in build(site).problems if p.source.path.endswith((".po", ".pot"))]


def test_a_site_catalog_that_changes_a_few_words_raises_no_warning(site):
    # The fixture's cs.po and sr-Latn.po hold three entries each; the theme translates the rest.
    assert len((site / "locales/cs.po").read_text(encoding="utf-8").split("msgid ")) == 5
    assert catalog_problems(site) == []


def test_a_word_the_theme_does_not_translate_is_reported_in_the_theme_catalog_at_its_line(site):
    theme = use_own_theme(site, site / "themes/mine", "themes/mine")
    line = untranslate(theme / "locales/cs.po", "Skip to content", "Přejít na obsah")
    assert catalog_problems(site) == [
        f"themes/mine/locales/cs.po:{line}: warning: not translated yet: Skip to content; write the translation in msgstr"
    ]


def test_a_theme_outside_the_site_folder_is_named_from_its_own_folder(site):
    theme = use_own_theme(site, site.parent / "mine", "../mine")
    line = untranslate(theme / "locales/cs.po", "Skip to content", "Přejít na obsah")
    assert catalog_problems(site) == [
        f"mine/locales/cs.po:{line}: warning: not translated yet: Skip to content; write the translation in msgstr"
    ]


def test_a_word_the_site_translates_is_not_missing_from_the_theme(site):
    theme = use_own_theme(site, site / "themes/mine", "themes/mine")
    untranslate(theme / "locales/cs.po", "Skip to content", "Přejít na obsah")
    write(
        site / "locales/cs.po",
        (site / "locales/cs.po").read_text(encoding="utf-8") + '\nmsgid "Skip to content"\nmsgstr "Na obsah"\n',
    )
    assert catalog_problems(site) == []
    assert '<a class="skip" href="#main">Na obsah</a>' in build(site).files["cs/index.html"].decode("utf-8")


def test_a_word_translated_nowhere_is_reported_once_where_it_is_first_found(site):
    theme = use_own_theme(site, site / "themes/mine", "themes/mine")
    untranslate(theme / "locales/cs.po", "Skip to content", "Přejít na obsah")
    write(site / "locales/cs.po", (site / "locales/cs.po").read_text(encoding="utf-8") + '\nmsgid "Skip to content"\nmsgstr ""\n')
    line = (site / "locales/cs.po").read_text(encoding="utf-8").splitlines().index('msgid "Skip to content"') + 1
    assert catalog_problems(site) == [
        f"locales/cs.po:{line}: warning: not translated yet: Skip to content; write the translation in msgstr"
    ]


@pytest.mark.parametrize(
    "plural_forms, expected",
    [
        # CLDR puts 22 in "other" in Czech, this rule in "few"
        ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);", "themes/mine/locales/cs.po:4: error: plural forms"),
        # entries with three forms cannot be read with two
        ("nplurals=2; plural=(n != 1);", "themes/mine/locales/cs.po:22: error: msg has more translations than num_plurals"),
    ],
)
def test_a_wrong_plural_rule_in_the_theme_catalog_is_an_error_at_its_line(site, capsys, plural_forms, expected):
    theme = use_own_theme(site, site / "themes/mine", "themes/mine")
    catalog = theme / "locales/cs.po"
    lines = catalog.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith('"Plural-Forms:'))
    lines[start : start + 2] = [f'"Plural-Forms: {plural_forms}\\n"', '""']
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 1
    assert expected in err


def test_a_site_without_locales_has_the_theme_s_words(site):
    shutil.rmtree(site / "locales")
    result = build(site)
    assert [p.format() for p in result.problems if p.source.path.endswith((".po", ".pot"))] == []
    assert not result.errors
    html = result.files["cs/index.html"].decode("utf-8")
    assert '<a class="skip" href="#main">Přejít na obsah</a>' in html


# ---------------------------------------------------------------- what configure hands on


def test_a_site_without_site_yml_stops_here_with_the_load_stage_s_one_problem(site):
    (site / "site.yml").unlink()
    loaded = load_site(site, tuple(KINDS))
    assert [p.format() for p in loaded.problems] == ["site.yml: error: the site configuration is missing; create site.yml"]
    assert configure(site, loaded) == (None, [])  # said once, by the load stage


def test_a_theme_that_is_not_found_stops_the_build_before_any_page(site):
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "theme: themes/nowhere\n")
    setup, problems = configure(site, load_site(site, tuple(KINDS)))
    assert setup is None
    assert [p.format() for p in problems] == [
        "site.yml:26: error: theme `themes/nowhere` is not found; write the path of a folder with a theme.yml, "
        "relative to this file, or the name of one of portal's themes: `default`"
    ]


def test_the_remembered_catalog_check_notices_when_a_catalog_breaks_and_when_it_is_fixed(site):
    loaded, checks = load_site(site, tuple(KINDS)), CatalogChecks()
    catalog = site / "locales/cs.po"
    original = catalog.read_text(encoding="utf-8")
    assert configure(site, loaded, checks)[1] == []
    # two plural forms where the catalog's entries have three
    catalog.write_text(
        original.replace("nplurals=3; plural=((n == 1) ? 0 : ((n >= 2 && n <= 4)) ? 1 : 2);", "nplurals=2; plural=(n != 1);"),
        encoding="utf-8",
    )
    found = [p.format() for p in configure(site, loaded, checks)[1]]
    assert found == [
        "locales/cs.po:8: error: msg has more translations than num_plurals of catalog; fix this line; the file cannot be read"
    ]
    assert [p.format() for p in configure(site, loaded, checks)[1]] == found  # the same files, the same problems
    catalog.write_text(original, encoding="utf-8")
    assert configure(site, loaded, checks)[1] == []  # fixed: the preview says so at once
