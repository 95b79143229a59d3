"""Stage 5, render: each planned page becomes bytes through the theme's Jinja templates. Pure: writes nothing.

Templates are looked up first in the site's own `templates/` folder, then in the theme's, then in
the themes it extends (portal.theme), so a site overrides any single template by placing a file of
the same name there; static files follow the same order (see assets.py). Interface strings come
from the gettext catalogs in the same order, the site's `locales/` first, message by message,
compiled in memory for each language.
"""
from __future__ import annotations

import base64
import gettext
import hashlib
import json
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from .assets import Assets
from .errors import Problem, error
from .i18n.catalogs import load_translations
from .i18n.locales import language_format
from .model import LocalText, Site
from .plan import Plan, PlannedPage
from .theme import ThemeManifest, default_themes, display_path, lookup_folders


@dataclass(frozen=True)
class Theme:
    """The folders a site's pages are made from, each in lookup order (the site, its theme, the theme's parents)."""

    template_dirs: tuple[Path, ...]
    static_dirs: tuple[Path, ...]
    css: str  # inlined into every page: one round trip, no render-blocking request
    css_hash: str  # for the Content-Security-Policy
    locales_dirs: tuple[Path, ...] = ()  # interface catalogs, consulted message by message
    print_dirs: tuple[Path, ...] = ()  # the brochures' templates and stylesheets (portal.brochures)

    @classmethod
    def load(cls, site_dir: Path, themes: tuple[ThemeManifest, ...] | None = None) -> "Theme":
        """The site's folders, then those of `themes` (the chain of portal.theme; default: portal's default theme)."""
        themes = default_themes() if themes is None else themes

        def existing(name: str) -> tuple[Path, ...]:
            return tuple(folder for folder in lookup_folders(site_dir, themes, name) if folder.is_dir())

        static_dirs = lookup_folders(site_dir, themes, "static")
        css_file = next((folder / "style.css" for folder in static_dirs if (folder / "style.css").is_file()), None)
        css = _minify_css(css_file.read_text(encoding="utf-8")) if css_file else ""
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
        return cls(existing("templates"), static_dirs, css, f"sha256-{digest}", lookup_folders(site_dir, themes, "locales"),
                   existing("print"))


def _minify_css(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};:,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip()


def local_text(value) -> Markup:
    """A text as templates show it: in a span with its own `lang` when it is a fallback in another language."""
    if value is None:
        raise jinja2.UndefinedError("text() was given nothing: the view has no such text")
    if isinstance(value, LocalText) and value.is_fallback:
        return Markup('<span lang="{}">{}</span>').format(value.lang, value.text)
    return escape(value.text)


def json_for_script(value) -> Markup:
    """JSON to place inside a <script> element: `<`, `>` and `&` escaped, so no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(character, escaped)
    return Markup(text)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates shared by the environments of all languages (keyed by template source)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _MemoryBytecodeCache()


def interface_translations(theme: Theme, tag: str, transliterate_from: str | None):
    """The site's catalog of `tag`, falling back message by message to the theme's, then to its parents'."""
    chain = [_folder_translations(folder, tag, transliterate_from) for folder in theme.locales_dirs]
    if not chain:
        return gettext.NullTranslations()  # no catalog folder at all: the templates' own English
    for first, then in zip(chain, chain[1:]):
        first.add_fallback(then)
    return chain[0]


def _folder_translations(folder: Path, tag: str, transliterate_from: str | None):
    try:
        return load_translations(folder, tag, transliterate_from)
    except ValueError:
        # An unreadable catalog is already a problem with its line (pipeline.check_catalogs): the next one is used.
        return gettext.NullTranslations()


THEME_PREFIX = "!theme"  # {% extends "!theme/home.html" %}: the theme's home.html, which a site's home.html extends


def template_loader(template_dirs: tuple[Path, ...], site_templates: Path) -> jinja2.BaseLoader:
    """Templates by name in lookup order; `!theme/NAME` skips the site's folder, so that a site's
    template can extend the theme's template of the same name and change one block only."""
    theme_dirs = [str(folder) for folder in template_dirs if folder != site_templates]
    return jinja2.ChoiceLoader([
        jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(theme_dirs)}, delimiter="/"),
        jinja2.FileSystemLoader([str(folder) for folder in template_dirs]),
    ])


class _ViewEnvironment(jinja2.Environment):
    """Jinja's environment, looking up `page.title` in a view's dict before the dict's own attributes.

    Jinja tries the attribute first, and for a dict that means an AttributeError raised and caught
    on each of the hundreds of lookups a page makes; a view's keys are what templates ask for."""

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def make_environment(theme: Theme, site: Site, site_dir: Path, language: str | None,
                     assets: Assets | None = None) -> jinja2.Environment:
    """A Jinja environment for one language: its catalog, date and number formats, and the asset URLs."""
    env = _ViewEnvironment(
        loader=template_loader(theme.template_dirs, site_dir / "templates"),
        bytecode_cache=_COMPILED,  # each template is compiled once, not once per language
        auto_reload=False,  # an environment lasts one build: no need to look at each template's date on every page
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    tag = language or site.config.default_language
    setup = site.config.language(tag)
    translations = interface_translations(theme, tag, setup.transliterate_from)
    env.install_gettext_translations(translations, newstyle=True)
    env.globals["_"] = _remembering_gettext(translations)
    formats = language_format(tag)
    env.filters["date"] = formats.format_date
    env.filters["number"] = formats.format_number
    # Country names in the reader's language (for Romani: those of its stand-in locale, as for numbers).
    env.filters["country"] = lambda code: formats.babel_locale.territories.get(code, code)
    env.filters["json_for_script"] = json_for_script
    env.globals["text"] = local_text
    env.tests["fallback"] = lambda value: isinstance(value, LocalText) and value.is_fallback
    env.globals.update(css=theme.css, css_hash=theme.css_hash, config=site.config, assets=(assets or Assets()).urls)
    return env


def _remembering_gettext(translations) -> Callable[..., Markup]:
    """`_()` as Jinja's new-style gettext makes it (the message, as Markup, formatted with its variables),
    each message without variables translated once: a page asks for some twenty, the same on every page."""
    translated: dict[str, Markup] = {}

    def gettext(message: str, **variables) -> Markup:
        if variables:
            return Markup(translations.gettext(message)) % variables
        found = translated.get(message)
        if found is None:
            found = translated[message] = Markup(translations.gettext(message)) % variables
        return found
    return gettext


def render_site(plan: Plan, site: Site, site_dir: Path, theme: Theme | None = None, assets: Assets | None = None,
                pages: list[PlannedPage] | None = None) -> tuple[dict[str, bytes], list[TemplateFailure]]:
    """Render every planned page (or only `pages`); a template mistake is kept as where it failed, on which page."""
    theme = theme or Theme.load(site_dir)
    environments: dict[str | None, jinja2.Environment] = {}
    files: dict[str, bytes] = {}
    failures: list[TemplateFailure] = []
    for page in plan.pages if pages is None else pages:
        if page.language not in environments:
            environments[page.language] = make_environment(theme, site, site_dir, page.language, assets)
        try:
            files[page.output] = render_page(environments[page.language], page)
        except jinja2.TemplateError as err:
            failures.append(TemplateFailure(*_template_location(err, page, site_dir), err.message or str(err), page.url))
    return files, failures


def prepare_templates(theme: Theme, site: Site, site_dir: Path, languages: list[str]) -> None:
    """Compile every template and read every language's catalogs into this process's caches, rendering nothing.

    While worker processes render a large site, this process would otherwise be idle; after it,
    the first edit in the preview renders its few pages here, and would compile them first."""
    for language in languages:
        env = make_environment(theme, site, site_dir, language)
        for name in env.list_templates(extensions=["html", "xml", "txt"]):
            try:
                env.get_template(name)
            except jinja2.TemplateError:
                pass  # reported with its page when a page uses it


@dataclass(frozen=True)
class TemplateFailure:
    path: str  # the template
    line: int
    message: str
    url: str  # the page it failed on


def template_problems(failures: list[TemplateFailure]) -> list[Problem]:
    """One problem per mistake in a template, naming the first page (in plan order) it failed on and how many more."""
    pages: dict[tuple[str, int, str], list[str]] = {}
    for failure in failures:
        pages.setdefault((failure.path, failure.line, failure.message), []).append(failure.url)
    problems = []
    for (path, line, message), urls in pages.items():
        more = f" and {len(urls) - 1} more page(s)" if len(urls) > 1 else ""
        problems.append(error(path, line, f"the template failed on {urls[0]}{more}: {message}",
                              "fix the template; a variable it uses may be misspelt or missing from the page's view"))
    return problems


def render_page(env: jinja2.Environment, page: PlannedPage) -> bytes:
    return env.get_template(page.template).render(page=page.view).encode("utf-8")


def _template_location(err: jinja2.TemplateError, page: PlannedPage, site_dir: Path) -> tuple[str, int]:
    """The template file and line where rendering failed, not a Python traceback."""
    path, line = getattr(err, "filename", None) or page.template, getattr(err, "lineno", 0) or 0
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            path, line = frame.filename, frame.lineno or 0
            break
    # A site's own template is named from the site folder, a theme's from its themes folder.
    return display_path(Path(path), site_dir) if Path(path).is_absolute() else path, line
