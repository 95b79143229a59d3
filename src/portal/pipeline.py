"""The build in one function: the stages in order, each taking plain data and returning plain data."""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from .assets import collect_assets
from .brochures import Brochures, link_pages, make_brochures
from .config import SiteConfig, read_config
from .errors import ERROR, Problem, SourceRef, _, error, has_errors
from .i18n import catalogs
from .load import load_site
from .localise import localise
from .opendata import hsds_files
from .plan import Plan, plan_site
from .render import Theme, render_site
from .schema import KINDS
from .search import search_index
from .sitemap import sitemap_xml
from .status import status_page
from .theme import ThemeManifest, display_path, site_themes
from .validate import validate
from .write import write_site


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    written: bool = False
    brochures: Brochures = field(default_factory=Brochures)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


def build_date() -> datetime.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that warnings about old entries are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def build(site_dir: Path, out: Path | None = None, strict: bool = False, brochures: bool = False,
          previous: Path | None = None) -> BuildResult:
    """Check and render the whole site; write it to `out` only if there is no error (nor warning, if strict).

    With `brochures`, the printable brochures that changed are made too; without, those unchanged
    since the last build in `previous` (default: `out`) are kept and linked, and no other.
    """
    result = BuildResult()
    loaded = load_site(site_dir, tuple(KINDS))
    result.problems += loaded.problems
    if loaded.config is None:
        return _finish(result)
    config, problems = read_config(loaded.config)
    result.problems += problems
    if config is None:
        return _finish(result)
    themes, problems = site_themes(site_dir, config.theme, loaded.config.values.line_of("theme"))
    result.problems += problems
    if has_errors(problems):
        return _finish(result)  # without its templates, every page would fail with the same cause
    result.problems += check_catalogs(site_dir, config, themes)
    site, problems = validate(loaded, config, build_date())
    result.problems += problems
    localised = localise(site)
    plan = plan_site(site, localised)
    plan.pages.append(status_page(site))  # the translators' dashboard, beside the readers' pages
    result.problems += plan.problems + _url_collisions(plan)
    theme = Theme.load(site_dir, themes)
    result.brochures = make_brochures(site, localised, site_dir, theme, previous or out,
                                      render=(brochures or config.brochures.with_every_build)
                                      and not has_errors(result.problems, strict))
    result.problems += result.brochures.problems
    link_pages(plan, result.brochures)  # the start page and the municipality pages link their PDFs
    assets = collect_assets(theme.static_dirs, config)
    files, problems = render_site(plan, site, site_dir, theme, assets)
    result.problems += problems
    files.update(assets.files)
    files["sitemap.xml"] = sitemap_xml(plan, config)
    files.update(hsds_files(site, localised))  # the directory as open data, for other directories and helplines
    files.update(result.brochures.files)
    result.files = files
    _finish(result)
    if out is not None and not has_errors(result.problems, strict):
        files.update(search_index(plan, site))  # Pagefind, only for a site that is written: a check needs no index
        write_site(files, out)
        result.written = True
    return result


def check_catalogs(site_dir: Path, config: SiteConfig, themes: tuple[ThemeManifest, ...]) -> list[Problem]:
    """Problems of the interface catalogs, the site's locales/ and then each theme's, as content problems with their lines.

    A word is missing only when no catalog of the chain translates it: a site's catalog may hold
    just the few words it changes.
    """
    found = catalogs.check_chain(catalog_folders(site_dir, themes), catalog_languages(config))
    return catalog_problems(found, site_dir)


def catalog_folders(site_dir: Path, themes: tuple[ThemeManifest, ...]) -> list[catalogs.CatalogFolder]:
    """The catalog folders in the order the pages consult them: the site's, then each theme's."""
    site = site_dir / "locales"
    return [catalogs.CatalogFolder(site, site / "messages.pot"), *theme_catalog_folders(themes)]


def theme_catalog_folders(themes: tuple[ThemeManifest, ...]) -> list[catalogs.CatalogFolder]:
    return [catalogs.CatalogFolder(theme.folder / "locales", theme.folder / "locales" / "messages.pot", " --theme")
            for theme in themes]


def catalog_problems(found: list[catalogs.CatalogProblem], site_dir: Path) -> list[Problem]:
    """Catalog problems as content problems, each file named from the site folder or its theme's."""
    return [Problem(SourceRef(display_path(p.path, site_dir), p.line), p.message, p.hint, p.severity) for p in found]


def catalog_languages(config: SiteConfig) -> list[str]:
    """Languages that need a catalog: not the templates' own language, nor one written by transliteration."""
    return [language.tag for language in config.languages
            if not language.transliterate_from and language.tag != catalogs.TEMPLATE_LANGUAGE]


def _url_collisions(plan: Plan) -> list[Problem]:
    """Two pages that would be written to the same file (case-insensitive, as on many disks)."""
    seen: dict[str, tuple[str, ...]] = {}
    problems = []
    for page in plan.pages:
        key = page.output.casefold()
        if key in seen:
            first = seen[key][0] if seen[key] else "the theme"
            where = page.sources[0] if page.sources else "the theme"
            problems.append(error(where, 0, _("this entry would be written to {url}, like {first}", url=page.url, first=first),
                                  _("rename one of the two folders")))
        seen[key] = page.sources
    return problems


def _finish(result: BuildResult) -> BuildResult:
    result.problems = sorted(set(result.problems), key=lambda p: (p.severity != ERROR, p.source.path, p.source.line, p.message))
    return result
