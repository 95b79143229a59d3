"""Stage 2, config: site.yml, the theme it names, the interface catalogs and the static files, checked.

Everything a build needs that is not content. Every problem is reported with its file and line
(site.yml, a theme's theme.yml, a catalog's line); a site without a usable site.yml or theme stops
here, since every page would fail for the same cause.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .assets import Assets, collect_assets
from .basemap import read_base_maps
from .config import SiteConfig, read_config
from .errors import Problem, SourceRef, has_errors
from .i18n import catalogs
from .load import LoadedSite
from .model import BaseMap, Synonym
from .synonyms import read_synonyms
from .theme import Theme, ThemeManifest, display_path, site_themes


@dataclass(frozen=True)
class SiteSetup:
    """What a build needs besides content: the checked site.yml, the theme chain and its folders, the static files,
    the towns' base maps (data/maps/) and the everyday words for search (locales/synonyms/)."""

    config: SiteConfig
    themes: tuple[ThemeManifest, ...]
    theme: Theme
    assets: Assets
    base_maps: Mapping[str, BaseMap] = field(default_factory=dict)
    synonyms: Mapping[str, tuple[Synonym, ...]] = field(default_factory=dict)


class CatalogChecks:
    """The problems found in the catalogs, kept while their files stay the same: the preview checks
    again only when a catalog changed (the same files give the same problems)."""

    def __init__(self) -> None:
        self._found: tuple[tuple, list[Problem]] | None = None

    def problems(self, site_dir: Path, config: SiteConfig, themes: tuple[ThemeManifest, ...]) -> list[Problem]:
        folders, tags = catalog_folders(site_dir, themes), catalog_languages(config)
        key = (
            str(site_dir),
            tuple(tags),
            tuple(
                (str(path), path.stat().st_mtime_ns, path.stat().st_size)
                for folder in folders
                if folder.locales_dir.is_dir()
                for path in sorted(folder.locales_dir.iterdir())
                if path.is_file()
            ),
        )
        if self._found is None or self._found[0] != key:
            self._found = (key, catalog_problems(catalogs.check_chain(folders, tags), site_dir))
        return list(self._found[1])


def configure(site_dir: Path, loaded: LoadedSite, checks: CatalogChecks | None = None) -> tuple[SiteSetup | None, list[Problem]]:
    """The site's setup, or None when site.yml or the theme cannot be used; and every problem found."""
    if loaded.config is None:
        return None, []  # the load stage has said why
    config, problems = read_config(loaded.config)
    if config is None:
        return None, problems
    themes, found = site_themes(site_dir, config.theme, loaded.config.values.line_of("theme"))
    problems += found
    if has_errors(found):
        return None, problems  # without its templates, every page would fail with the same cause
    problems += (checks or CatalogChecks()).problems(site_dir, config, themes)
    theme = Theme.load(site_dir, themes)
    base_maps, found = read_base_maps(site_dir)
    problems += found
    synonyms, found = read_synonyms(theme.locales_dirs, site_dir, config)
    problems += found
    return SiteSetup(config, themes, theme, collect_assets(theme.static_dirs, config), base_maps, synonyms), problems


def catalog_folders(site_dir: Path, themes: tuple[ThemeManifest, ...]) -> list[catalogs.CatalogFolder]:
    """The catalog folders in the order the pages consult them: the site's, then each theme's.

    A word is missing only when no catalog of the chain translates it: a site's catalog may hold
    just the few words it changes.
    """
    site = site_dir / "locales"
    return [catalogs.CatalogFolder(site, site / "messages.pot"), *theme_catalog_folders(themes)]


def theme_catalog_folders(themes: tuple[ThemeManifest, ...]) -> list[catalogs.CatalogFolder]:
    return [
        catalogs.CatalogFolder(theme.folder / "locales", theme.folder / "locales" / "messages.pot", " --theme")
        for theme in themes
    ]


def catalog_problems(found: list[catalogs.CatalogProblem], site_dir: Path) -> list[Problem]:
    """Catalog problems as content problems, each file named from the site folder or its theme's."""
    return [Problem(SourceRef(display_path(p.path, site_dir), p.line), p.message, p.hint, p.severity) for p in found]


def catalog_languages(config: SiteConfig) -> list[str]:
    """Languages that need a catalog: not the templates' own language, nor one written by transliteration."""
    return [
        language.tag
        for language in config.languages
        if not language.transliterate_from and language.tag != catalogs.TEMPLATE_LANGUAGE
    ]
