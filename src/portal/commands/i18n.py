"""`portal i18n extract|update|compile`: the interface catalogs of the site (default), of its theme
(`--theme`), or portal's own problem messages (`--tool`).

A site's locales/ holds only the words it changes or adds; the theme's hold all of them. Catalogs
written here are dated `created` (SOURCE_DATE_EPOCH, read by portal.cli), so they are reproducible.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from ..configure import CatalogChecks, catalog_folders, catalog_languages, catalog_problems, theme_catalog_folders
from ..errors import ERROR
from ..i18n import catalogs, problem_messages
from ..theme import MANIFEST, ThemeManifest, display_path, site_themes
from .report import load_config, report


def command_i18n(
    site_dir: Path, action: str, tool: bool = False, theme: bool = False, created: datetime.datetime = catalogs.UNIX_EPOCH
) -> int:
    if tool:
        return command_i18n_tool(action, created)
    loaded, config = load_config(site_dir)
    if config is None or loaded.config is None:
        return 1
    themes, problems = site_themes(site_dir, config.theme, loaded.config.values.line_of("theme"))
    if report(problems, "text", False):
        return 1
    if theme:
        return command_i18n_theme(site_dir, action, themes, created)
    locales = site_dir / "locales"
    pot = locales / "messages.pot"
    theme_words = display_path(themes[0].folder / "locales", site_dir)
    if action == "extract":
        # the print templates of the brochures (portal.outputs.brochures) use the same catalogs as the pages
        own = [folder for folder in (site_dir / "templates", site_dir / "print") if folder.is_dir()]
        if not own:
            print(
                f"The site has no templates of its own (templates/, print/), so nothing to extract; "
                f"the interface words are the theme's, in {theme_words}/."
            )
            return 0
        return _extract(own, pot, site_dir, catalogs.SITE_TEMPLATE_HEADER, created)
    if action == "update":
        theme_templates = [folder.template for folder in theme_catalog_folders(themes) if folder.template is not None]
        written = catalogs.update_overrides(pot, theme_templates, locales, catalog_languages(config), created=created)
        for path in written:
            print(f"Updated {display_path(path, site_dir)}")
        if not written:
            print(f"The site has no catalogs of its own; the interface words are the theme's, in {theme_words}/.")
        return 0
    failed = report(CatalogChecks().problems(site_dir, config, themes), "text", False)
    languages = [(language.tag, language.transliterate_from) for language in config.languages]
    if not _compiles(catalog_folders(site_dir, themes), languages):
        failed = True
    if not failed:
        print("All catalogs compile.")
    return 1 if failed else 0


def command_i18n_theme(site_dir: Path, action: str, themes: tuple[ThemeManifest, ...], created: datetime.datetime) -> int:
    """The same three actions for the catalogs of the site's theme, in the languages its theme.yml lists."""
    theme = themes[0]
    locales = theme.folder / "locales"
    pot = locales / "messages.pot"
    if action == "extract":
        return _extract(
            [folder for folder in (theme.folder / "templates", theme.folder / "print") if folder.is_dir()],
            pot,
            site_dir,
            catalogs.TEMPLATE_HEADER,
            created,
        )
    if not theme.languages:
        print(
            f"{display_path(theme.folder / MANIFEST, site_dir)} lists no `languages:`, so the theme has no catalogs to "
            "work on; add the tags of the languages to translate into",
            file=sys.stderr,
        )
        return 1
    if action == "update":
        if not pot.exists():
            print(f"{display_path(pot, site_dir)} does not exist yet; run `portal i18n extract --theme` first", file=sys.stderr)
            return 1
        # A theme that extends another keeps only the parent's words it says differently, as a site does.
        parents = [folder.template for folder in theme_catalog_folders(themes)[1:] if folder.template is not None]
        for path in catalogs.update_overrides(pot, parents, locales, list(theme.languages), catalogs.CATALOG_HEADER, created):
            print(f"Updated {display_path(path, site_dir)}")
        return 0
    # Checked with its parents, as a site using it sees it, but with no site catalog before it.
    folders = theme_catalog_folders(themes)
    failed = report(catalog_problems(catalogs.check_chain(folders, list(theme.languages)), site_dir), "text", False)
    if not _compiles(folders, [(tag, None) for tag in theme.languages]):
        failed = True
    if not failed:
        print(f"All catalogs of the theme `{theme.name}` compile.")
    return 1 if failed else 0


def _extract(template_dirs: list[Path], pot: Path, site_dir: Path, header: str, created: datetime.datetime) -> int:
    """Write the template of these template folders' messages, or report the line Jinja cannot read."""
    try:
        count = catalogs.extract(template_dirs, pot, header, created)
    except ValueError as exc:  # a template Jinja cannot parse: "path:line: what"
        print(f"{exc}; nothing was extracted", file=sys.stderr)
        return 1
    print(f"Extracted {count} messages into {display_path(pot, site_dir)}")
    return 0


def _compiles(folders: list[catalogs.CatalogFolder], languages: list[tuple[str, str | None]]) -> bool:
    """Whether every catalog of these folders compiles (a problem was already reported, with its line, by the check)."""
    for folder in folders:
        for tag, transliterate_from in languages:
            try:
                catalogs.load_translations(folder.locales_dir, tag, transliterate_from)
            except ValueError:
                return False
    return True


def command_i18n_tool(action: str, created: datetime.datetime) -> int:
    """The same three actions for portal's own problem messages, in src/portal/i18n/messages/."""
    if action == "extract":
        print(f"Extracted {problem_messages.extract(created)} messages into {problem_messages.TEMPLATE}")
        return 0
    if action == "update":
        for path in problem_messages.update([path.stem for path in sorted(problem_messages.LOCALES.glob("*.po"))]):
            print(f"Updated {path}")
        return 0
    found = problem_messages.check()
    for problem in found:
        print(f"{problem.path}:{problem.line}: {problem.severity}: {problem.message}; {problem.hint}", file=sys.stderr)
    if any(problem.severity == ERROR for problem in found):
        return 1
    print("All catalogs of portal's messages compile.")
    return 0
