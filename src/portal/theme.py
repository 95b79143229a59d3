"""Themes: folders with a manifest (`theme.yml`), `templates/`, `print/`, `static/`, `icons/` and `locales/`.

A theme may extend another one (`extends:` in its manifest). Every file is then looked up in
the site's own folder first, then in the theme, then in its parent, and so on: the first file
of that name wins. The same order holds for templates, print templates, static files, the icons
(inline SVG, by name: `icons/phone.svg`, `icons/needs/health.svg`) and the interface words in
`locales/` (there message by message, see render.interface_translations).

`theme.yml`:

    name: default                 # required
    extends: ../base              # optional: the parent theme, a folder relative to this one,
                                  #   or the name of one of portal's own themes (`default`)
    languages: [sr-Latn, mk]      # the languages its locales/<tag>.po translate

A manifest is checked like any content file: every mistake is a Problem with its path and line.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ERROR, Problem, _, did_you_mean, error, warning
from .i18n.locales import language_format
from .parse import LineDict, LineList, parse_yaml, read_text

THEMES = Path(__file__).resolve().parent / "themes"  # portal's own themes, shipped as package data
DEFAULT_THEME_NAME = "default"
MANIFEST = "theme.yml"
MANIFEST_KEYS = ("name", "extends", "languages")
# The folders a theme may hold, each looked up site first, then theme, then parents.
FOLDERS = ("templates", "print", "static", "icons", "locales")


@dataclass(frozen=True)
class ThemeManifest:
    """One theme of a chain: its folder and what its theme.yml says."""

    folder: Path
    name: str
    extends: Path | None  # the parent theme's folder
    languages: tuple[str, ...]  # the languages its catalogs translate (`portal i18n update --theme` writes these)
    extends_line: int = 0  # of `extends:` in theme.yml, for problems


def find_theme(reference: str, base: Path) -> Path | None:
    """The folder of a theme named in site.yml or theme.yml: relative to `base`, or one of portal's own themes by name.

    Any folder is taken, so that one without a theme.yml is reported as such (read_manifest).
    """
    for folder in (base / reference, THEMES / reference):
        if folder.is_dir():
            return folder.resolve()
    return None


def display_path(path: Path, site_dir: Path) -> str:
    """A path as problems show it: relative to the site folder, else to portal's themes folder, else to the theme's parent.

    The same on every machine, so the sample's problems read `themes/default/locales/de.po:12`.
    """
    path = Path(path).resolve()
    for root in (site_dir.resolve(), THEMES.parent):
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    for parent in path.parents:
        if (parent / MANIFEST).is_file():
            return path.relative_to(parent.parent).as_posix()
    return path.as_posix()


def lookup_folders(site_dir: Path, themes: tuple[ThemeManifest, ...], name: str) -> tuple[Path, ...]:
    """Where files of one kind (`templates`, `print`, `static`, `locales`) are looked up, first found wins."""
    return (site_dir / name, *(theme.folder / name for theme in themes))


@dataclass(frozen=True)
class Theme:
    """The folders a site's pages are made from, each in lookup order (the site, its theme, the theme's parents)."""

    template_dirs: tuple[Path, ...]
    static_dirs: tuple[Path, ...]
    css: str  # inlined into every page: one round trip, no render-blocking request
    css_hash: str  # for the Content-Security-Policy
    locales_dirs: tuple[Path, ...] = ()  # interface catalogs, consulted message by message
    print_dirs: tuple[Path, ...] = ()  # the brochures' templates and stylesheets (portal.outputs.brochures)
    icon_dirs: tuple[Path, ...] = ()
    icons: Mapping[str, str] = field(default_factory=dict)  # "needs/health" -> its SVG, ready to inline

    @classmethod
    def load(cls, site_dir: Path, themes: tuple[ThemeManifest, ...] | None = None) -> Theme:
        """The site's folders, then those of `themes` (the chain of portal.theme; default: portal's default theme)."""
        themes = default_themes() if themes is None else themes

        def existing(name: str) -> tuple[Path, ...]:
            return tuple(folder for folder in lookup_folders(site_dir, themes, name) if folder.is_dir())

        static_dirs = lookup_folders(site_dir, themes, "static")
        css_file = next((folder / "style.css" for folder in static_dirs if (folder / "style.css").is_file()), None)
        css = _minify_css(css_file.read_text(encoding="utf-8")) if css_file else ""
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
        icon_dirs = existing("icons")
        return cls(
            existing("templates"),
            static_dirs,
            css,
            f"sha256-{digest}",
            lookup_folders(site_dir, themes, "locales"),
            existing("print"),
            icon_dirs,
            read_icons(icon_dirs),
        )


def read_icons(icon_dirs: tuple[Path, ...]) -> dict[str, str]:
    """Every icon by name (its path below `icons/` without `.svg`), the first folder that has a name winning."""
    icons: dict[str, str] = {}
    for folder in icon_dirs:
        for path in sorted(folder.rglob("*.svg")):
            name = path.relative_to(folder).with_suffix("").as_posix()
            if name not in icons:
                icons[name] = inline_svg(path.read_text(encoding="utf-8"))
    return dict(sorted(icons.items()))


def inline_svg(svg: str) -> str:
    """An SVG file as it is inlined in a page: no comments, no XML prolog or namespace, no size or class of its own
    (the stylesheet sizes `.icon`), and hidden from screen readers, since the words beside it say what it means."""
    svg = re.sub(r"<\?xml.*?\?>|<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r">\s+<", "><", re.sub(r"\s+", " ", svg)).strip().replace(" />", "/>")
    opening = re.match(r"<svg\b[^>]*>", svg)
    if opening is None:
        return svg
    attributes = re.sub(r'\s(?:xmlns|class|width|height)="[^"]*"', "", opening.group()[4:-1]).rstrip()
    return f'<svg class="icon" aria-hidden="true" focusable="false"{attributes}>' + svg[opening.end() :]


def _minify_css(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};:,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip()


def site_themes(site_dir: Path, reference: str, line: int) -> tuple[tuple[ThemeManifest, ...], list[Problem]]:
    """The theme site.yml names (`theme:`, line `line`; default: portal's default theme) and the themes it extends."""
    folder = find_theme(reference, site_dir)
    if folder is None:
        return (), [error("site.yml", line, _("theme `{theme}` is not found", theme=reference), _theme_hint())]
    return read_themes(folder, site_dir)


def default_themes() -> tuple[ThemeManifest, ...]:
    """portal's default theme and its parents. Its manifest ships with portal: a problem in it is a bug."""
    themes, problems = read_themes(THEMES / DEFAULT_THEME_NAME, THEMES.parent)
    if problems:
        raise RuntimeError("the default theme's manifest has problems: " + "; ".join(p.format() for p in problems))
    return themes


def read_themes(theme_dir: Path, site_dir: Path) -> tuple[tuple[ThemeManifest, ...], list[Problem]]:
    """The theme in `theme_dir` and the themes it extends, nearest first, each from its theme.yml."""
    themes: list[ThemeManifest] = []
    problems: list[Problem] = []
    folder: Path | None = theme_dir.resolve()
    while folder is not None:
        manifest = read_manifest(folder, site_dir, problems)
        if manifest is None:
            break
        themes.append(manifest)
        if manifest.extends in {theme.folder for theme in themes}:
            path = display_path(folder / MANIFEST, site_dir)
            problems.append(
                error(
                    path,
                    manifest.extends_line,
                    _("theme `{name}` extends a theme that extends it", name=manifest.name),
                    _("remove `extends:` from one of the two theme.yml files"),
                )
            )
            break
        folder = manifest.extends
    return tuple(themes), problems


def read_manifest(folder: Path, site_dir: Path, problems: list[Problem]) -> ThemeManifest | None:
    """One theme.yml, checked; None when it cannot be used. Problems are added to `problems`."""
    path = display_path(folder / MANIFEST, site_dir)
    if not (folder / MANIFEST).is_file():
        problems.append(
            error(path, 0, _("the theme has no theme.yml"), _("create it with the line `name: {name}`", name=folder.name))
        )
        return None
    text, found = read_text(folder / MANIFEST, path)
    problems += found
    if text is None:
        return None
    values, found = parse_yaml(text, path)
    problems += found
    if values is None:
        return None
    before = len(problems)
    for key in values:
        if key not in MANIFEST_KEYS:
            problems.append(
                error(
                    path, values.line_of(key), _("unknown theme setting `{key}`", key=key), did_you_mean(str(key), MANIFEST_KEYS)
                )
            )
    name = values.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(
            error(path, values.line_of("name"), _("the theme needs a `name`"), _("write `name: {name}`", name=folder.name))
        )
    extends = _read_extends(path, folder, values, problems)
    languages = _read_languages(path, folder, values, problems)
    if any(p.severity == ERROR for p in problems[before:]):
        return None
    return ThemeManifest(folder, str(name), extends, languages, values.line_of("extends") if extends else 0)


def _read_extends(path: str, folder: Path, values: LineDict, problems: list[Problem]) -> Path | None:
    reference = values.get("extends")
    if reference is None:
        return None
    if not isinstance(reference, str) or not reference.strip():
        problems.append(error(path, values.line_of("extends"), _("`extends` must name one theme"), _theme_hint()))
        return None
    parent = find_theme(reference, folder)
    if parent is None:
        problems.append(error(path, values.line_of("extends"), _("theme `{theme}` is not found", theme=reference), _theme_hint()))
    elif parent == folder.resolve():
        problems.append(error(path, values.line_of("extends"), _("a theme cannot extend itself"), _("remove the line")))
        return None
    return parent


def _read_languages(path: str, folder: Path, values: LineDict, problems: list[Problem]) -> tuple[str, ...]:
    """The language tags of the catalogs; each one must be a language portal can format, and have its catalog."""
    if "languages" not in values:
        return ()
    languages = values["languages"]
    if not isinstance(languages, LineList):
        problems.append(
            error(
                path,
                values.line_of("languages"),
                _("`languages` must be a list of language tags"),
                _("write e.g. `languages: [sr-Latn, de]`"),
            )
        )
        return ()
    tags: list[str] = []
    for index, tag in enumerate(map(str, languages)):
        line = languages.line_of(index)
        try:
            language_format(tag)
        except ValueError:
            problems.append(
                error(path, line, _("`{tag}` is not a language tag", tag=tag), _("write a BCP 47 tag such as sr-Latn, mk or en"))
            )
            continue
        if tag in tags:
            problems.append(error(path, line, _("language `{tag}` is listed twice", tag=tag), _("remove one")))
        elif not (folder / "locales" / f"{tag}.po").is_file():
            problems.append(
                warning(
                    path,
                    line,
                    _("the theme has no catalog for `{tag}`", tag=tag),
                    _("run `portal i18n update --theme` to create locales/{tag}.po", tag=tag),
                )
            )
        tags.append(tag)
    return tuple(tags)


def _theme_hint() -> str:
    shipped = sorted(p.name for p in THEMES.iterdir() if (p / MANIFEST).is_file()) if THEMES.is_dir() else []
    return _(
        "write the path of a folder with a theme.yml, relative to this file, or the name of one of portal's themes: {names}",
        names=", ".join(f"`{name}`" for name in shipped),
    )
