"""Themes: the manifest (theme.yml) checked with lines, and the lookup order site → theme → parent theme."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, run_portal, write
from portal.build import build
from portal.theme import THEMES, Theme, default_themes, inline_svg, read_themes

CHILD = FIXTURES / "themes" / "child"


@pytest.fixture
def child_site(site: Path) -> Path:
    """The minimal site using the fixture theme `child`, which extends portal's default theme."""
    shutil.copytree(CHILD, site / "themes" / "child")
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "theme: themes/child\n")
    return site


def built(site: Path) -> dict[str, bytes]:
    """What a build of `site` writes (in memory), built without a mistake."""
    result = build(site)
    assert not result.errors, result.errors
    return result.files


def problems(site: Path) -> list[str]:
    return [p.format() for p in build(site).problems if "not translated into" not in p.message]


# ---------------------------------------------------------------- the manifest


def test_the_default_theme_declares_its_name_and_the_languages_of_its_catalogs():
    [theme] = default_themes()
    assert (theme.name, theme.folder, theme.extends) == ("default", THEMES / "default", None)
    assert theme.languages == ("sr-Latn", "mk", "cs", "rom", "sq", "de")
    assert sorted(p.stem for p in (theme.folder / "locales").glob("*.po")) == sorted(theme.languages)


def test_a_theme_extends_its_parent():
    child, parent = read_themes(CHILD, CHILD)[0]
    assert (child.name, child.extends, child.languages) == ("child", THEMES / "default", ("cs",))
    assert parent.name == "default"


@pytest.mark.parametrize(
    "manifest, expected",
    [
        (
            "name: mine\nlanguage: [de]\n",
            "themes/mine/theme.yml:2: error: unknown theme setting `language`; did you mean `languages`?",
        ),
        ("extends: default\n", "themes/mine/theme.yml:1: error: the theme needs a `name`; write `name: mine`"),
        (
            "name: mine\nextends: ../defualt\n",
            "themes/mine/theme.yml:2: error: theme `../defualt` is not found; write the path of a folder with a theme.yml, "
            "relative to this file, or the name of one of portal's themes: `default`",
        ),
        ("name: mine\nextends: .\n", "themes/mine/theme.yml:2: error: a theme cannot extend itself; remove the line"),
        (
            "name: mine\nlanguages: de\n",
            "themes/mine/theme.yml:2: error: `languages` must be a list of language tags; write e.g. `languages: [sr-Latn, de]`",
        ),
        (
            "name: mine\nlanguages:\n  - de\n  - xx-Nope\n",
            "themes/mine/theme.yml:4: error: `xx-Nope` is not a language tag; write a BCP 47 tag such as sr-Latn, mk or en",
        ),
        (
            "name: mine\nextends: default\nlanguages: [cs]\n",
            "themes/mine/theme.yml:3: warning: the theme has no catalog for `cs`; "
            "run `portal i18n update --theme` to create locales/cs.po",
        ),
        (
            "name: mine\n  extends: default\n",
            "themes/mine/theme.yml:2: error: `extends:` is indented more than the line above; "
            "start `extends:` at the same place as the line above",
        ),
    ],
)
def test_manifest_mistakes_are_named_at_their_line(site, manifest, expected):
    write(site / "themes/mine/theme.yml", manifest)
    write(site / "themes/mine/locales/de.po", "")
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "theme: themes/mine\n")
    assert expected in problems(site)


def test_a_theme_folder_without_its_manifest_is_an_error(site):
    write(site / "themes/mine/templates/404.html", "")
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "theme: themes/mine\n")
    assert problems(site) == ["themes/mine/theme.yml: error: the theme has no theme.yml; create it with the line `name: mine`"]


def test_themes_that_extend_each_other_are_an_error(site):
    write(site / "themes/a/theme.yml", "name: a\nextends: ../b\n")
    write(site / "themes/b/theme.yml", "name: b\nextends: ../a\n")
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "theme: themes/a\n")
    assert problems(site) == [
        "themes/b/theme.yml:2: error: theme `b` extends a theme that extends it; "
        "remove `extends:` from one of the two theme.yml files"
    ]


def test_a_theme_site_yml_names_must_exist(site, capsys):
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + "theme: themes/mine\n")
    status, _, err = run_portal(capsys, "--site", str(site), "build")
    assert status == 1
    assert "site.yml:26: error: theme `themes/mine` is not found; write the path of a folder with a theme.yml" in err
    assert not (site / "public").exists()


# ---------------------------------------------------------------- the lookup order


def test_lookup_order_is_site_then_theme_then_parent():
    theme = Theme.load(REPO / "site", read_themes(CHILD, CHILD)[0])
    assert theme.template_dirs == (CHILD / "templates", THEMES / "default/templates")  # folders that exist
    assert theme.static_dirs == (REPO / "site/static", CHILD / "static", THEMES / "default/static")
    assert theme.locales_dirs == (REPO / "site/locales", CHILD / "locales", THEMES / "default/locales")
    assert theme.print_dirs == (THEMES / "default/print",)


def test_a_child_theme_replaces_some_files_and_words_and_takes_the_rest_from_its_parent(child_site):
    files = built(child_site)
    not_found = files["cs/404.html"].decode("utf-8")
    assert '<p class="child-404">Dětské téma tuto stránku nenašlo.</p>' in not_found  # the child's template and word
    assert "Přejít na obsah" in not_found  # base.html and its Czech words: the default theme's
    home = files["cs/index.html"].decode("utf-8")
    assert "☰</span> Nabídka<" in home  # the child's word replaces the default theme's "Menu"
    assert "child-theme{color:#123456}" in home  # the child's style.css is inlined
    assert any(name.startswith("static/offline.") for name in files)  # the parent's other static files


def test_the_site_comes_before_its_theme(child_site):
    write(child_site / "templates/404.html", '{% extends "base.html" %}{% block main %}<h1>Site 404</h1>{% endblock %}\n')
    write(child_site / "static/style.css", ".site-style { color: #654321; }\n")
    write(
        child_site / "locales/cs.po",
        (child_site / "locales/cs.po").read_text(encoding="utf-8") + '\nmsgid "Menu"\nmsgstr "Obsah webu"\n',
    )
    not_found = built(child_site)["cs/404.html"].decode("utf-8")
    assert "<h1>Site 404</h1>" in not_found and "child-404" not in not_found
    assert "site-style{color:#654321}" in not_found and "child-theme" not in not_found
    assert "Obsah webu" in not_found and "Nabídka" not in not_found


# ---------------------------------------------------------------- icons


def test_the_theme_ships_an_icon_for_each_need_a_new_portal_starts_with_and_the_actions():
    """`portal init` writes the sample's needs (data/init/categories.yml); each gets its own pictogram, not the default."""
    import yaml

    needs = yaml.safe_load((REPO / "src/portal/data/init/categories.yml").read_text(encoding="utf-8"))
    icons = Theme.load(REPO / "site").icons
    assert {f"needs/{need}" for need in needs} <= icons.keys()
    assert {"phone", "globe", "map-pin", "mail", "message", "needs/default"} <= icons.keys()
    licence = (THEMES / "default/icons/LICENSE").read_text(encoding="utf-8")
    assert "ISC License" in licence and "life-buoy" in licence  # the Feather-derived one is named under MIT


def test_an_icon_is_inlined_without_its_comment_size_or_class_and_hidden_from_screen_readers():
    svg = (
        '<?xml version="1.0"?>\n<!-- @license lucide-static - ISC -->\n<svg\n  class="lucide lucide-x"\n  '
        'xmlns="http://www.w3.org/2000/svg"\n  width="24"\n  height="24"\n  viewBox="0 0 24 24"\n  fill="none"\n>\n'
        '  <rect width="20" height="14" x="2" y="7" />\n</svg>\n'
    )
    assert inline_svg(svg) == (
        '<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" fill="none">'
        '<rect width="20" height="14" x="2" y="7"/></svg>'
    )  # the rectangle keeps its own width and height


def test_a_site_s_icon_replaces_the_theme_s_of_the_same_name_and_adds_new_ones(site):
    write(site / "icons/phone.svg", '<svg viewBox="0 0 8 8"><path d="M1 1h6"/></svg>')
    write(site / "icons/needs/legal-aid.svg", '<svg viewBox="0 0 8 8"><circle r="3"/></svg>')
    home = built(site)["sr-latn/index.html"].decode("utf-8")
    tile = re.search(r'<li><a href="/sr-latn/needs/legal-aid/">(<svg.*?</svg>)', home).group(1)
    assert tile == '<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 8 8"><circle r="3"/></svg>'
    assert Theme.load(site).icons["phone"].endswith('<path d="M1 1h6"/></svg>')


def test_a_need_without_an_icon_of_its_own_gets_the_default_one(site):
    config = site / "site.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - legal-aid\n", "  - legal-aid\n  - debts\n"), encoding="utf-8"
    )
    write(site / "content/categories/debts/sr-Latn.md", "---\ntitle: Dugovi\n---\n")
    home = built(site)["sr-latn/index.html"].decode("utf-8")
    tile = re.search(r'<li><a href="/sr-latn/needs/debts/">(<svg.*?</svg>)', home).group(1)
    assert tile == Theme.load(site).icons["needs/default"]


def test_an_icon_found_nowhere_is_an_error_with_the_template_s_line(site):
    write(site / "templates/pages.html", "{% extends 'base.html' %}\n{% block main %}{{ icon('telephone') }}{% endblock %}\n")
    assert any(
        line.startswith("templates/pages.html:2: error:") and "no icon `telephone` in any icons/ folder" in line
        for line in problems(site)
    )
