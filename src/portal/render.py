"""Stage 6, render: each planned page becomes bytes through the theme's Jinja templates. Pure: writes nothing.

Templates are looked up first in the site's own `templates/` folder, then in the theme's, then in
the themes it extends (portal.theme), so a site overrides any single template by placing a file of
the same name there; static files and icons follow the same order (see assets.py, theme.py).
Interface strings come from the gettext catalogs in the same order, the site's `locales/` first,
message by message, compiled in memory for each language; a page can also say a word in each of
the site's languages (`in_language`, `in_each_language`: the language menu's label, the root pages).
"""

from __future__ import annotations

import dataclasses
import gettext
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from .assets import Assets
from .config import SiteConfig
from .errors import Problem, did_you_mean, error
from .i18n.catalogs import CompiledCatalogs, load_translations
from .i18n.locales import language_format
from .jsonld import json_for_script
from .model import LocalText
from .plan import PlannedPage
from .theme import Theme, display_path


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates shared by the environments of all languages (keyed by template source), and kept by a
    build context from build to build, so the preview compiles a template again only when it changed."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class RenderMemo:
    """What rendering keeps from one build to the next: compiled templates and compiled catalogs."""

    templates: TemplateCache = field(default_factory=TemplateCache)
    catalogs: CompiledCatalogs = field(default_factory=CompiledCatalogs)


def local_text(value: LocalText | None) -> Markup:
    """A text as templates show it: in a span with its own `lang` when it is a fallback in another language."""
    if value is None:
        raise jinja2.UndefinedError("text() was given nothing: the view has no such text")
    if isinstance(value, LocalText) and value.is_fallback:
        return Markup('<span lang="{}">{}</span>').format(value.lang, value.text)
    return escape(value.text)


def interface_translations(
    theme: Theme, tag: str, transliterate_from: str | None, compiled: CompiledCatalogs | None = None
) -> gettext.NullTranslations:
    """The site's catalog of `tag`, falling back message by message to the theme's, then to its parents'."""
    chain = [_folder_translations(folder, tag, transliterate_from, compiled) for folder in theme.locales_dirs]
    if not chain:
        return gettext.NullTranslations()  # no catalog folder at all: the templates' own English
    for first, then in zip(chain, chain[1:], strict=False):
        first.add_fallback(then)
    return chain[0]


def _folder_translations(
    folder: Path, tag: str, transliterate_from: str | None, compiled: CompiledCatalogs | None
) -> gettext.NullTranslations:
    try:
        return load_translations(folder, tag, transliterate_from, compiled)
    except ValueError:
        # An unreadable catalog is already a problem with its line (the config stage checks them): the next one is used.
        return gettext.NullTranslations()


THEME_PREFIX = "!theme"  # {% extends "!theme/home.html" %}: the theme's home.html, which a site's home.html extends


def template_loader(template_dirs: tuple[Path, ...], site_templates: Path) -> jinja2.BaseLoader:
    """Templates by name in lookup order; `!theme/NAME` skips the site's folder, so that a site's
    template can extend the theme's template of the same name and change one block only."""
    theme_dirs = [str(folder) for folder in template_dirs if folder != site_templates]
    return jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(theme_dirs)}, delimiter="/"),
            jinja2.FileSystemLoader([str(folder) for folder in template_dirs]),
        ]
    )


class _ViewEnvironment(jinja2.Environment):
    """Jinja's environment, looking up `facts.phone` in a dict before the dict's own attributes.

    Jinja tries the attribute first, and for a dict that means an AttributeError raised and caught
    on each lookup; the facts and fields of a view are dicts whose keys are what templates ask for."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def make_environment(
    theme: Theme,
    config: SiteConfig,
    site_dir: Path,
    language: str | None,
    assets: Assets | None = None,
    memo: RenderMemo | None = None,
) -> jinja2.Environment:
    """A Jinja environment for one language: its catalog, date and number formats, and the asset URLs."""
    memo = memo or RenderMemo()
    env = _ViewEnvironment(
        loader=template_loader(theme.template_dirs, site_dir / "templates"),
        bytecode_cache=memo.templates,  # each template is compiled once, not once per language
        auto_reload=False,  # an environment lasts one build: no need to look at each template's date on every page
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    tag = language or config.default_language
    setup = config.language(tag)
    translations = interface_translations(theme, tag, setup.transliterate_from, memo.catalogs)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = _remembering_gettext(translations)
    formats = language_format(tag)
    env.filters["date"] = formats.format_date
    env.filters["number"] = formats.format_number
    env.filters["month"] = formats.format_month  # "2019-01" -> "January 2019"; "2020" -> "2020"
    # The month names of a language browsers have no names for (Romani), for scripts that write a date; else empty.
    env.globals["month_names"] = formats.month_names
    # The regional conventions a script's dates follow where they differ from the page's language (en: en-GB).
    env.globals["date_locale"] = str(formats.babel_locale).replace("_", "-") if not formats.month_names else tag
    # Country names in the reader's language (for Romani: those of its stand-in locale, as for numbers).
    env.filters["country"] = lambda code: formats.babel_locale.territories.get(code, code)
    env.filters["json_for_script"] = lambda value: Markup(json_for_script(value))
    # A language's name in the reader's language, for the tag on a text shown in another language ("Engleski").
    env.filters["language_name"] = lambda code: formats.language_name(code) or _configured_name(config, code)
    env.globals["text"] = local_text
    env.globals["icon"] = _icon_lookup(theme)
    env.globals.update(_each_language_words(theme, config, tag, memo))
    env.tests["fallback"] = lambda value: isinstance(value, LocalText) and value.is_fallback
    env.globals.update(css=theme.css, css_hash=theme.css_hash, config=config, assets=(assets or Assets()).urls)
    return env


def _configured_name(config: SiteConfig, tag: str) -> str:
    return next((language.name for language in config.languages if language.tag == tag), tag)


def _icon_lookup(theme: Theme) -> Callable[..., Markup]:
    """`icon("phone")`: the theme's (or the site's) icon of that name as inline SVG; `icon("needs/" ~ id, "needs/default")`
    falls back to a second name. A name found nowhere is an error with the template's line, not an empty space."""

    def icon(name: str, fallback: str | None = None) -> Markup:
        found = theme.icons.get(name) or (theme.icons.get(fallback) if fallback else None)
        if found is None:
            raise jinja2.UndefinedError(f"no icon `{name}` in any icons/ folder of the site or its theme")
        return Markup(found)

    return icon


def _each_language_words(theme: Theme, config: SiteConfig, tag: str, memo: RenderMemo) -> dict[str, Any]:
    """Template globals that say an interface word in another of the site's languages, from that language's catalogs:
    `in_language(tag, N_("Choose your language"))`, and `in_each_language(N_("Language"))`, the word in every language,
    the page's own first, each wording once. `N_` marks a word for `portal i18n extract` and returns it as it is."""
    catalogs: dict[str, gettext.NullTranslations] = {}

    def in_language(language: str, message: str) -> str:
        if language not in catalogs:
            setup = config.language(language)
            catalogs[language] = interface_translations(theme, language, setup.transliterate_from, memo.catalogs)
        return catalogs[language].gettext(message)

    def in_each_language(message: str) -> tuple[tuple[str, str], ...]:
        words: dict[str, str] = {}
        for language in (tag, *config.tags):
            words.setdefault(in_language(language, message), language)
        return tuple((language, word) for word, language in words.items())

    return {"in_language": in_language, "in_each_language": in_each_language, "N_": lambda message: message}


def _remembering_gettext(translations: gettext.NullTranslations) -> Callable[..., Markup]:
    """`_()` as Jinja's new-style gettext makes it (the message, as Markup, formatted with its variables),
    each message without variables translated once: a page asks for some twenty, the same on every page."""
    translated: dict[str, Markup] = {}

    def gettext(message: str, **variables: Any) -> Markup:
        if variables:
            return Markup(translations.gettext(message)) % variables
        found = translated.get(message)
        if found is None:
            found = translated[message] = Markup(translations.gettext(message)) % variables
        return found

    return gettext


@dataclass(frozen=True)
class TemplateFailure:
    path: str  # the template
    line: int
    message: str
    url: str  # the page it failed on


@dataclass
class Rendered:
    """The bytes of rendered pages by output path, and where a template failed on which page."""

    files: dict[str, bytes] = field(default_factory=dict)
    failures: list[TemplateFailure] = field(default_factory=list)


class Renderer:
    """Renders planned pages with a site's theme: one Jinja environment per language, made when first needed."""

    def __init__(
        self, theme: Theme, config: SiteConfig, site_dir: Path, assets: Assets | None = None, memo: RenderMemo | None = None
    ):
        self.theme, self.config, self.site_dir, self.assets = theme, config, site_dir, assets
        self.memo = memo or RenderMemo()
        self._environments: dict[str | None, jinja2.Environment] = {}

    def environment(self, language: str | None) -> jinja2.Environment:
        if language not in self._environments:
            self._environments[language] = make_environment(
                self.theme, self.config, self.site_dir, language, self.assets, self.memo
            )
        return self._environments[language]

    def prepare(self, languages: Iterable[str]) -> None:
        """Compile every template and read every language's catalogs into the memo, rendering nothing.

        While worker processes render a large site, this process would otherwise be idle; after it,
        the first edit in the preview renders its few pages here, and would compile them first."""
        for language in languages:
            env = self.environment(language)
            for name in env.list_templates(extensions=["html", "xml", "txt"]):
                try:
                    env.get_template(name)
                except jinja2.TemplateError:
                    pass  # reported with its page when a page uses it


def render_pages(pages: Iterable[PlannedPage], renderer: Renderer) -> Rendered:
    """Render planned pages; a template mistake is kept as where it failed, on which page."""
    rendered = Rendered()
    for page in pages:
        try:
            rendered.files[page.output] = render_page(renderer.environment(page.language), page)
        except jinja2.TemplateError as err:
            path, line = template_location(err, page.template, renderer.site_dir)
            rendered.failures.append(TemplateFailure(path, line, err.message or str(err), page.url))
    return rendered


def render_page(env: jinja2.Environment, page: PlannedPage) -> bytes:
    return env.get_template(page.template).render(page=page.view).encode("utf-8")


def template_problems(failures: list[TemplateFailure]) -> list[Problem]:
    """One problem per mistake in a template, naming the first page (in plan order) it failed on and how many more."""
    pages: dict[tuple[str, int, str], list[str]] = {}
    for failure in failures:
        pages.setdefault((failure.path, failure.line, failure.message), []).append(failure.url)
    problems = []
    for (path, line, message), urls in pages.items():
        others = len(urls) - 1
        more = f" and {others} more {'page' if others == 1 else 'pages'}" if others else ""
        message, hint = explained(message)
        problems.append(error(path, line, f"the template failed on {urls[0]}{more}: {message}", hint))
    return problems


_NO_SUCH_NAME = re.compile(r"^'(?:([\w.]+)\.)?(\w+) object' has no attribute '(\w+)'$")


def explained(message: str) -> tuple[str, str]:
    """Jinja's message, and what to do; a name a view does not have is told with the names it has."""
    found = _NO_SUCH_NAME.match(message)
    module = sys.modules.get(found.group(1) or "") if found else None  # the view's module (portal.views, ...)
    view = getattr(module, found.group(2), None) if found and module else None
    if found is None or not isinstance(view, type) or not dataclasses.is_dataclass(view):
        return message, "fix the template; a variable it uses may be misspelt or missing from the page's view"
    names = [field.name for field in dataclasses.fields(view)]
    names += [name for kind in view.__mro__ for name, value in vars(kind).items() if isinstance(value, property)]
    return f"`{found.group(3)}` is not part of the view {found.group(2)}", did_you_mean(found.group(3), names)


def template_location(err: jinja2.TemplateError, template: str, site_dir: Path) -> tuple[str, int]:
    """The template file and line where rendering failed, not a Python traceback."""
    path, line = getattr(err, "filename", None) or template, getattr(err, "lineno", 0) or 0
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            path, line = frame.filename, frame.lineno or 0
            break
    # A site's own template is named from the site folder, a theme's from its themes folder.
    return display_path(Path(path), site_dir) if Path(path).is_absolute() else path, line
