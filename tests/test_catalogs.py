"""gettext catalogs: extraction from Jinja templates, update, in-memory compilation, checks."""

import shutil
import textwrap

import jinja2
import pytest
from babel.messages.pofile import read_po

from portal.i18n.catalogs import CatalogFolder, check, check_chain, extract, load_translations, update, update_overrides
from portal.i18n.locales import language_format

PAGE = """\
<p>{{ _("Last checked on %(date)s", date=d) }}</p>
{# Translators: how many services are listed #}
<p>{% trans count=n %}{{ count }} service{% pluralize %}{{ count }} services{% endtrans %}</p>
"""
NAV = '<nav>{{ _("Home") }} {{ pgettext("menu", "Open") }}</nav>\n'


@pytest.fixture
def site(tmp_path):
    (tmp_path / "templates" / "partials").mkdir(parents=True)
    (tmp_path / "templates" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "templates" / "partials" / "nav.html").write_text(NAV, encoding="utf-8")
    (tmp_path / "templates" / "notes.md").write_text('{{ _("Not a template") }}', encoding="utf-8")
    return tmp_path


def po(tag: str, entries: str, header: str | None = None) -> str:
    """A small catalog with the header `update` would give `tag`, followed by `entries`."""
    plural_forms = header if header is not None else language_format(tag).plural_header
    head = textwrap.dedent(
        f"""\
        # test catalog
        msgid ""
        msgstr ""
        "Language: {tag}\\n"
        "Plural-Forms: {plural_forms}\\n"
        "Content-Type: text/plain; charset=utf-8\\n"
        """
    )
    return head + "\n" + textwrap.dedent(entries)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


HOURS = {
    "cs": ("%(count)s hodina", "%(count)s hodiny", "%(count)s hodin"),
    "sr-Latn": ("%(count)s sat", "%(count)s sata", "%(count)s sati"),
}


def hours_catalog(tag):
    forms = "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(HOURS[tag]))
    return po(tag, 'msgid "%(count)s hour"\nmsgid_plural "%(count)s hours"\n' + forms)


# ---------------------------------------------------------------- extract


def test_extract_finds_messages_of_jinja_templates(site):
    pot = site / "locales" / "messages.pot"
    assert extract([site / "templates"], pot) == 4
    text = pot.read_text(encoding="utf-8")
    assert 'msgid "Last checked on %(date)s"' in text
    assert 'msgid "%(count)s service"\nmsgid_plural "%(count)s services"' in text
    assert 'msgctxt "menu"\nmsgid "Open"' in text
    assert "#: templates/page.html:1" in text  # relative to the site folder
    assert "#. how many services are listed" in text
    assert "Not a template" not in text  # only .html, .xml and .txt are templates


def test_two_extract_runs_give_identical_files(site, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pot = site / "locales" / "messages.pot"
    extract([site / "templates"], pot)
    first = pot.read_bytes()
    extract([site / "templates"], pot)
    assert pot.read_bytes() == first
    assert b"POT-Creation-Date: 1970-01-01 00:00+0000" in first


def test_extract_date_comes_from_source_date_epoch(site, monkeypatch, capsys):
    """`portal i18n extract` dates the template with SOURCE_DATE_EPOCH, never with the clock."""
    from conftest import FIXTURES, run_portal

    minimal = site / "minimal"
    shutil.copytree(FIXTURES / "minimal", minimal)
    shutil.copytree(site / "templates", minimal / "templates")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")  # 2026-11-01
    status, out, err = run_portal(capsys, "--site", str(minimal), "i18n", "extract")
    assert status == 0, err
    assert b"POT-Creation-Date: 2026-11-01 00:00+0000" in (minimal / "locales" / "messages.pot").read_bytes()


def test_extract_fails_loudly_on_a_broken_template(site):
    (site / "templates" / "broken.html").write_text('<p>\n{% if x %}{{ _("Lost") }}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"^templates/broken\.html:\d+: "):
        extract([site / "templates"], site / "locales" / "messages.pot")


def test_theme_outside_the_site_folder_is_named_by_its_own_folder(site, tmp_path_factory):
    theme = tmp_path_factory.mktemp("elsewhere") / "default" / "templates"
    theme.mkdir(parents=True)
    (theme / "base.html").write_text('{{ _("Menu") }}', encoding="utf-8")
    pot = site / "locales" / "messages.pot"
    extract([site / "templates", theme], pot)
    assert "#: default/templates/base.html:1" in pot.read_text(encoding="utf-8")


def test_block_msgids_match_the_renderer_environment(site):
    # The same whitespace and newstyle settings as portal.render.make_environment.
    (site / "templates" / "block.html").write_text(
        "<p>\n  {% trans %}\n  Free of charge: 100% of the cost is covered.\n  {% endtrans %}\n</p>\n", encoding="utf-8"
    )
    pot = site / "locales" / "messages.pot"
    extract([site / "templates"], pot)
    update(pot, site / "locales", ["de"])
    path = site / "locales" / "de.po"
    text = path.read_text(encoding="utf-8")
    msgid = "  Free of charge: 100%% of the cost is covered.\\n"
    assert f'msgid "{msgid}"\nmsgstr ""' in text
    path.write_text(
        text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "Kostenlos: 100%% gedeckt.\\n"'), encoding="utf-8"
    )
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(site / "templates"),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(load_translations(site / "locales", "de"), newstyle=True)
    assert env.get_template("block.html").render() == "<p>\nKostenlos: 100% gedeckt.\n</p>\n"


# ---------------------------------------------------------------- update


@pytest.mark.parametrize("tag, nplurals", [("cs", 3), ("sr-Latn", 3), ("mk", 2), ("rom", 2)])
def test_update_creates_catalogs_with_cldr_plural_header(site, tag, nplurals):
    pot = site / "locales" / "messages.pot"
    extract([site / "templates"], pot)
    [path] = update(pot, site / "locales", [tag])
    assert path == site / "locales" / f"{tag}.po"
    text = path.read_text(encoding="utf-8")
    header = language_format(tag).plural_header
    assert header.startswith(f"nplurals={nplurals};")
    assert f'"Language: {tag}\\n"' in text
    assert "".join(line.strip('"') for line in text.splitlines()).count(f"Plural-Forms: {header}") == 1
    assert f'msgstr[{nplurals - 1}] ""' in text and f"msgstr[{nplurals}]" not in text
    problems = check(site / "locales", [tag], pot)
    assert {p.severity for p in problems} == {"warning"}  # nothing translated yet, nothing wrong


def test_update_keeps_translations_adds_new_messages_and_is_stable(site):
    pot = site / "locales" / "messages.pot"
    locales = site / "locales"
    extract([site / "templates"], pot)
    [path] = update(pot, locales, ["sr-Latn"])
    path.write_text(
        path.read_text(encoding="utf-8").replace('msgid "Home"\nmsgstr ""', 'msgid "Home"\nmsgstr "Početna"'), encoding="utf-8"
    )
    (site / "templates" / "extra.txt").write_text('{{ _("Contact") }}', encoding="utf-8")
    extract([site / "templates"], pot)
    update(pot, locales, ["sr-Latn"])
    once = path.read_bytes()
    update(pot, locales, ["sr-Latn"])
    assert path.read_bytes() == once
    assert load_translations(locales, "sr-Latn").gettext("Home") == "Početna"
    assert 'msgid "Contact"' in once.decode("utf-8")


def test_update_replaces_a_wrong_header_and_marks_translated_plurals_fuzzy(site):
    pot = site / "locales" / "messages.pot"
    extract([site / "templates"], pot)
    entries = 'msgid "%(count)s service"\nmsgid_plural "%(count)s services"\nmsgstr[0] "%(count)s услуга"\nmsgstr[1] "%(count)s услуги"\n'
    path = write(site / "locales" / "mk.po", po("mk", entries, header="nplurals=2; plural=(n != 1);"))
    update(pot, site / "locales", ["mk"])
    assert check(site / "locales", ["mk"], None)[0].message.startswith("fuzzy, so not used")
    assert language_format("mk").plural_header.split("plural=")[1][:20] in path.read_text(encoding="utf-8")


def test_update_rejects_unknown_language(site):
    pot = site / "locales" / "messages.pot"
    extract([site / "templates"], pot)
    with pytest.raises(ValueError, match="tlh"):
        update(pot, site / "locales", ["tlh"])


# ---------------------------------------------------------------- load_translations


@pytest.mark.parametrize(
    "tag, n, form",
    [("cs", 1, 0), ("cs", 3, 1), ("cs", 5, 2), ("sr-Latn", 1, 0), ("sr-Latn", 3, 1), ("sr-Latn", 5, 2), ("sr-Latn", 21, 0)],
)
def test_plural_forms_follow_cldr(tmp_path, tag, n, form):
    write(tmp_path / f"{tag}.po", hours_catalog(tag))
    translations = load_translations(tmp_path, tag)
    assert translations.ngettext("%(count)s hour", "%(count)s hours", n) == HOURS[tag][form]


def test_extracted_messages_render_translated_through_jinja(site):
    pot = site / "locales" / "messages.pot"
    extract([site / "templates"], pot)
    entries = """\
        msgid "Last checked on %(date)s"
        msgstr "Poslednja provera: %(date)s"

        msgid "%(count)s service"
        msgid_plural "%(count)s services"
        msgstr[0] "%(count)s služba"
        msgstr[1] "%(count)s služby"
        msgstr[2] "%(count)s služeb"
        """
    write(site / "locales" / "cs.po", po("cs", entries))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(site / "templates"), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(load_translations(site / "locales", "cs"), newstyle=True)
    html = env.get_template("page.html").render(d="1. 11. 2026", n=3)
    assert "Poslednja provera: 1. 11. 2026" in html
    assert "3 služby" in html


def test_serbian_cyrillic_is_generated_from_latin(tmp_path):
    entries = """\
        msgid "Last checked on %(date)s"
        msgstr "Poslednja provera: %(date)s"

        msgid "%(count)s hour"
        msgid_plural "%(count)s hours"
        msgstr[0] "%(count)s sat"
        msgstr[1] "%(count)s sata"
        msgstr[2] "%(count)s sati"
        """
    write(tmp_path / "sr-Latn.po", po("sr-Latn", entries))
    translations = load_translations(tmp_path, "sr-Cyrl", transliterate_from="sr-Latn")
    assert translations.gettext("Last checked on %(date)s") == "Последња провера: %(date)s"
    assert translations.ngettext("%(count)s hour", "%(count)s hours", 21) == "%(count)s сат"
    assert translations.ngettext("%(count)s hour", "%(count)s hours", 3) == "%(count)s сата"
    assert not (tmp_path / "sr-Cyrl.po").exists()


def test_own_cyrillic_catalog_wins_over_transliteration(tmp_path):
    write(tmp_path / "sr-Latn.po", po("sr-Latn", 'msgid "Home"\nmsgstr "Početna"\n'))
    write(tmp_path / "sr-Cyrl.po", po("sr-Cyrl", 'msgid "Home"\nmsgstr "Почетак"\n'))
    assert load_translations(tmp_path, "sr-Cyrl", transliterate_from="sr-Latn").gettext("Home") == "Почетак"


def test_missing_catalog_gives_source_text(tmp_path):
    translations = load_translations(tmp_path, "de")
    assert translations.gettext("Home") == "Home"
    assert translations.ngettext("%(count)s hour", "%(count)s hours", 2) == "%(count)s hours"
    assert load_translations(tmp_path, "sr-Cyrl", transliterate_from="sr-Latn").gettext("Home") == "Home"


def test_fuzzy_and_unfinished_entries_are_not_used(tmp_path):
    entries = """\
        #, fuzzy
        msgid "Home"
        msgstr "Startseite"

        msgid "%(count)s hour"
        msgid_plural "%(count)s hours"
        msgstr[0] "%(count)s Stunde"
        msgstr[1] ""

        msgid "Contact"
        msgstr "Kontakt"
        """
    write(tmp_path / "de.po", po("de", entries))
    translations = load_translations(tmp_path, "de")
    assert translations.gettext("Home") == "Home"
    assert translations.ngettext("%(count)s hour", "%(count)s hours", 2) == "%(count)s hours"
    assert translations.gettext("Contact") == "Kontakt"


def test_romani_catalog_keeps_its_two_plural_forms(tmp_path):
    entries = 'msgid "%(count)s hour"\nmsgid_plural "%(count)s hours"\nmsgstr[0] "%(count)s ora"\nmsgstr[1] "%(count)s ore"\n'
    write(tmp_path / "rom.po", po("rom", entries))
    translations = load_translations(tmp_path, "rom")
    assert translations.ngettext("%(count)s hour", "%(count)s hours", 1) == "%(count)s ora"
    assert translations.ngettext("%(count)s hour", "%(count)s hours", 21) == "%(count)s ore"


def test_syntax_error_raises_value_error_with_line(tmp_path):
    path = write(tmp_path / "cs.po", po("cs", 'msgid "Home"\nmsgstr "Domů\n'))
    with pytest.raises(ValueError) as info:
        load_translations(tmp_path, "cs")
    assert str(info.value).startswith(f"{path}:9: ")


# ---------------------------------------------------------------- check


def problems_by_line(locales, tag, pot=None):
    return {(p.line, p.severity): p for p in check(locales, [tag], pot)}


def test_check_reports_wrong_macedonian_header_at_its_line(tmp_path):
    path = write(tmp_path / "mk.po", po("mk", 'msgid "Home"\nmsgstr "Почетна"\n', header="nplurals=2; plural=(n != 1);"))
    [problem] = check(tmp_path, ["mk"], None)
    assert (problem.path, problem.line, problem.severity) == (path, 2, "error")
    assert "21" in problem.message
    assert language_format("mk").plural_header in problem.hint


def test_check_reports_missing_plural_header(tmp_path):
    write(tmp_path / "cs.po", 'msgid ""\nmsgstr ""\n"Language: cs\\n"\n\nmsgid "Home"\nmsgstr "Domů"\n')
    [problem] = check(tmp_path, ["cs"], None)
    assert (problem.line, problem.severity) == (1, "error")
    assert "Plural-Forms" in problem.message and language_format("cs").plural_header in problem.hint


def test_check_reports_untranslated_and_fuzzy_entries_with_their_lines(tmp_path):
    entries = """\
        msgid "Home"
        msgstr ""

        #, fuzzy
        msgid "Contact"
        msgstr "Kontakt"

        msgid ""
        "A long message that "
        "spans lines"
        msgstr ""

        msgid "%(count)s hour"
        msgid_plural "%(count)s hours"
        msgstr[0] "%(count)s hodina"
        msgstr[1] ""
        msgstr[2] "%(count)s hodin"

        msgid "Done"
        msgstr "Hotovo"
        """
    path = write(tmp_path / "cs.po", po("cs", entries))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[8 - 1] == 'msgid "Home"' and lines[12 - 1] == 'msgid "Contact"'
    found = [(p.line, p.severity, p.message) for p in check(tmp_path, ["cs"], None)]
    assert found == [
        (8, "warning", "not translated yet: Home"),
        (12, "warning", "fuzzy, so not used: Contact"),
        (15, "warning", "not translated yet: A long message that spans lines"),
        (20, "warning", "not translated yet: %(count)s hour"),
    ]


def test_check_reports_messages_missing_from_a_catalog(site):
    pot = site / "locales" / "messages.pot"
    extract([site / "templates"], pot)
    write(site / "locales" / "de.po", po("de", 'msgid "Home"\nmsgstr "Startseite"\n'))
    missing = check(site / "locales", ["de"], pot)
    assert sorted(p.message for p in missing) == [
        "missing from this catalog: %(count)s service",
        "missing from this catalog: Last checked on %(date)s",
        "missing from this catalog: Open",
    ]
    assert {(p.severity, p.hint) for p in missing} == {("warning", "run `portal i18n update`")}


@pytest.mark.parametrize(
    "entries, line",
    [
        ('msgid "Home"\nmsgstr "Domů\n', 9),  # unterminated string
        ('msgid "Home"\nmsgstring "Domů"\n', 9),  # unknown keyword
        ('msgid "Home"\nmsgstr "Domů"\n# note\n"stray"\n', 11),  # text outside an entry
        ('msgid "Home"\n\nmsgid "Next"\nmsgstr "Další"\n', 8),  # msgid without msgstr
        ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[5] "y"\n', 8),  # more forms than nplurals
    ],
)
def test_check_reports_syntax_errors_with_their_line(tmp_path, entries, line):
    path = write(tmp_path / "cs.po", po("cs", entries))
    [problem] = check(tmp_path, ["cs"], None)
    assert (problem.path, problem.line, problem.severity) == (path, line, "error")


def test_check_skips_languages_without_catalog(tmp_path):
    assert check(tmp_path, ["cs", "sr-Cyrl"], None) == []


# ---------------------------------------------------------------- a site's catalogs before its theme's


def theme_and_site(site):
    """A theme folder with the template of `site` and a full German catalog, and an empty site locales/ beside it."""
    theme = site / "theme" / "locales"
    extract([site / "templates"], theme / "messages.pot")
    entries = """\
        msgid "Home"
        msgstr "Startseite"

        msgctxt "menu"
        msgid "Open"
        msgstr "Öffnen"

        msgid "Last checked on %(date)s"
        msgstr "Zuletzt geprüft am %(date)s"

        msgid "%(count)s service"
        msgid_plural "%(count)s services"
        msgstr[0] "%(count)s Angebot"
        msgstr[1] "%(count)s Angebote"
        """
    write(theme / "de.po", po("de", entries))
    folders = [
        CatalogFolder(site / "locales", site / "locales" / "messages.pot"),
        CatalogFolder(theme, theme / "messages.pot", " --theme"),
    ]
    return theme, folders


def test_a_site_catalog_with_one_word_adds_no_warning(site):
    theme, folders = theme_and_site(site)
    write(site / "locales" / "de.po", po("de", 'msgid "Home"\nmsgstr "Start"\n'))
    assert check_chain(folders, ["de"]) == []


def test_a_word_translated_nowhere_is_reported_once_in_the_theme_catalog(site):
    theme, folders = theme_and_site(site)
    path = theme / "de.po"
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "Startseite"', 'msgstr ""'), encoding="utf-8")
    write(site / "locales" / "de.po", po("de", 'msgctxt "menu"\nmsgid "Open"\nmsgstr "Auf"\n'))
    [problem] = check_chain(folders, ["de"])
    line = path.read_text(encoding="utf-8").splitlines().index('msgid "Home"') + 1
    assert (problem.path, problem.line, problem.message, problem.hint) == (
        path,
        line,
        "not translated yet: Home",
        "write the translation in msgstr",
    )


def test_a_word_the_site_translates_is_not_missing_from_the_theme(site):
    theme, folders = theme_and_site(site)
    path = theme / "de.po"
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "Startseite"', 'msgstr ""'), encoding="utf-8")
    write(site / "locales" / "de.po", po("de", 'msgid "Home"\nmsgstr "Start"\n'))
    assert check_chain(folders, ["de"]) == []


def test_a_message_of_the_site_s_own_template_is_missing_from_its_catalog(site, tmp_path):
    theme, folders = theme_and_site(site)
    own = tmp_path / "own"
    write(own / "templates" / "extra.html", '{{ _("Opening hours") }}')
    extract([own / "templates"], site / "locales" / "messages.pot")
    write(site / "locales" / "de.po", po("de", 'msgid "Home"\nmsgstr "Start"\n'))
    [problem] = check_chain(folders, ["de"])
    assert (problem.path, problem.line, problem.message, problem.hint) == (
        site / "locales" / "de.po",
        2,
        "missing from this catalog: Opening hours",
        "run `portal i18n update`",
    )


def test_a_language_without_any_catalog_gets_one_warning_not_one_per_message(site):
    theme, folders = theme_and_site(site)
    [problem] = check_chain(folders, ["cs"])
    assert (problem.path, problem.line, problem.severity) == (theme / "cs.po", 0, "warning")
    assert problem.message == "there is no catalog for cs, so 4 messages of the templates are shown in English"
    assert problem.hint == "list cs under `languages:` in the theme's theme.yml, then run `portal i18n update --theme`"


def test_update_overrides_keeps_the_site_s_words_and_copies_no_other_theme_word(site, tmp_path):
    theme, folders = theme_and_site(site)
    site_po = write(site / "locales" / "de.po", po("de", 'msgid "Home"\nmsgstr "Start"\n\nmsgid "Gone"\nmsgstr "Weg"\n'))
    own = tmp_path / "own"
    write(own / "templates" / "extra.html", '{{ _("Opening hours") }}')
    extract([own / "templates"], site / "locales" / "messages.pot")
    assert update_overrides(site / "locales" / "messages.pot", [theme / "messages.pot"], site / "locales", ["de", "cs"]) == [
        site_po,
        site / "locales" / "cs.po",
    ]
    catalog = read_po(site_po.open("rb"))
    assert {message.id: message.string for message in catalog if message.id} == {"Home": "Start", "Opening hours": ""}
    assert [message.id for message in catalog.obsolete.values()] == ["Gone"]  # no template uses it any more
    assert load_translations(site / "locales", "de").gettext("Home") == "Start"
    assert {m.id for m in read_po((site / "locales" / "cs.po").open("rb")) if m.id} == {"Opening hours"}


def test_update_overrides_makes_no_catalog_for_a_site_without_templates(site):
    theme, folders = theme_and_site(site)
    assert update_overrides(site / "locales" / "messages.pot", [theme / "messages.pot"], site / "locales", ["de"]) == []
    assert not (site / "locales" / "de.po").exists()
