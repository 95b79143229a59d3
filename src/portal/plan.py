"""Stage 4, plan: the list of pages to write, each with its URL, language, template and view.

A view is plain data shaped for one template, so templates only present: every lookup,
grouping and sort happens here. Each page also names the content files it was made from,
for error messages and for incremental builds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError

from . import urls
from .config import SiteConfig
from .errors import Problem
from .markdown import render_markdown
from .model import Entry, LocalEntry, LocalText, Site
from .schema import KINDS, SECTION_OF_KIND

LIST_KINDS = ("categories", "municipalities", "organisations", "services", "projects")


@dataclass(frozen=True)
class PlannedPage:
    url: str
    output: str  # path under the output folder
    language: str | None  # None: the multilingual chooser and the shared 404
    template: str
    view: dict[str, Any]
    key: tuple  # the same logical page in every language has the same key
    sources: tuple[str, ...] = ()
    indexable: bool = True
    last_modified: str | None = None  # ISO date, for the sitemap


@dataclass
class Plan:
    pages: list[PlannedPage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def plan_site(site: Site, localised: dict[tuple[str, str, str], LocalEntry]) -> Plan:
    """Every page of the site, in a fixed order, with alternates between languages."""
    plan = Plan()
    config = site.config
    plan.pages.append(_chooser(site, localised))
    plan.pages.append(_shared_not_found(site, localised))
    for language in config.tags:
        planner = _LanguagePlanner(site, localised, language, plan.problems)
        plan.pages += planner.pages()
    return plan


def alternates(config: SiteConfig, key: tuple) -> list[dict[str, str]]:
    """hreflang links of a logical page: one per language, and x-default."""
    links = [{"hreflang": tag, "href": urls.absolute(config, _url_of_key(config, key, tag))} for tag in config.tags]
    default_url = urls.root_url(config) if key in (("home",), ("chooser",)) else _url_of_key(config, key, config.default_language)
    links.append({"hreflang": "x-default", "href": urls.absolute(config, default_url)})
    return links


def _url_of_key(config: SiteConfig, key: tuple, language: str) -> str:
    if key[0] in ("home", "chooser"):
        return urls.home_url(config, language)
    if key[0] == "section":
        return urls.section_url(config, language, key[1])
    if key[0] == "not-found":
        return urls.not_found_url(config, language)
    return urls.entry_url(config, language, key[1], key[2])


def _chooser(site: Site, localised) -> PlannedPage:
    config = site.config
    choices = [{"tag": language.tag, "name": language.name, "url": urls.home_url(config, language.tag), "dir": language.direction,
                "title": _site_title(site, localised, language.tag)} for language in config.languages]
    view = {"choices": choices, "alternates": alternates(config, ("chooser",)), "lang": config.default_language,
            "site_title": _site_title(site, localised, config.default_language)}
    return PlannedPage(urls.root_url(config), urls.output_path(config, urls.root_url(config)), None, "chooser.html", view, ("chooser",))


def _shared_not_found(site: Site, localised) -> PlannedPage:
    config = site.config
    choices = [{"tag": language.tag, "name": language.name, "url": urls.home_url(config, language.tag)} for language in config.languages]
    view = {"choices": choices, "lang": config.default_language, "site_title": _site_title(site, localised, config.default_language)}
    url = urls.not_found_url(config)
    return PlannedPage(url, urls.output_path(config, url), None, "404-shared.html", view, ("not-found-shared",), indexable=False)


def _site_title(site: Site, localised, language: str) -> LocalText:
    """The configured title, or the fallback chain's, marked with the language it is in."""
    config = site.config
    chain = [language, *config.language(language).fallback, config.default_language]
    for tag in chain:
        if tag in config.title:
            return LocalText(config.title[tag], tag, is_fallback=tag != language)
        source = config.language(tag).transliterate_from
        if source and source in config.title:
            from .i18n.translit import to_cyrillic
            return LocalText(to_cyrillic(config.title[source]), tag, is_fallback=tag != language)
    return LocalText("portal", "en", is_fallback=True)


class _LanguagePlanner:
    """Plans the pages of one language variant."""

    def __init__(self, site: Site, localised, language: str, problems: list[Problem]):
        self.site, self.localised, self.language, self.problems = site, localised, language, problems
        self.config = site.config

    def local(self, entry: Entry) -> LocalEntry:
        return self.localised[(entry.kind, entry.id, self.language)]

    def link(self, entry: Entry) -> dict[str, Any]:
        local = self.local(entry)
        return {"title": local.fields["title"], "summary": local.fields.get("summary"),
                "url": urls.entry_url(self.config, self.language, entry.kind, entry.id), "id": entry.id,
                "last_verified": entry.last_verified, "example": entry.example}

    def first_link(self, entries: list[Entry]) -> dict[str, Any] | None:
        return self.link(entries[0]) if entries else None

    def links(self, entries) -> list[dict[str, Any]]:
        items = [self.link(entry) for entry in entries]
        return sorted(items, key=lambda item: (item["title"].text.casefold(), item["id"]))

    def resolve_reference(self, reference: str) -> str | None:
        kind, _, entry_id = reference.partition("/")
        if (kind, entry_id) in self.site.broken:
            return "#"  # the entry exists but has errors of its own, reported where they are
        if self.site.get(kind, entry_id) is None:
            return None
        return urls.entry_url(self.config, self.language, kind, entry_id)

    def body_html(self, local: LocalEntry) -> str:
        if local.body is None:
            return ""
        source = local.body_source
        html, problems = render_markdown(local.body.text, source.source.path, source.body_line, self.resolve_reference)
        self.problems.extend(problems)  # the same body shown in several languages repeats them; the pipeline keeps one
        return html

    def common(self, key: tuple, sources=()) -> dict[str, Any]:
        config = self.config
        setup = config.language(self.language)
        pages = sorted((entry for entry in self.site.of_kind("pages") if entry.id != "home"),
                       key=lambda entry: (entry.facts.get("order", 100), entry.id))
        return {
            "lang": self.language,
            "dir": setup.direction,
            "language_name": setup.name,
            "site_title": _site_title(self.site, self.localised, self.language),
            "home_url": urls.home_url(config, self.language),
            "root_url": urls.root_url(config),
            "url": _url_of_key(config, key, self.language),
            "absolute_url": urls.absolute(config, _url_of_key(config, key, self.language)),
            "languages": [{"tag": language.tag, "name": language.name, "current": language.tag == self.language,
                           "url": _url_of_key(config, key, language.tag)} for language in config.languages],
            "alternates": alternates(config, key),
            "sections": {kind: urls.section_url(config, self.language, kind) for kind in SECTION_OF_KIND},
            "menu_pages": [self.link(entry) for entry in pages],
        }

    def page(self, key: tuple, template: str, view: dict[str, Any], sources=(), indexable=True, last_modified=None) -> PlannedPage:
        url = _url_of_key(self.config, key, self.language)
        return PlannedPage(url, urls.output_path(self.config, url), self.language, template, {**self.common(key), **view}, key,
                           tuple(sources), indexable, last_modified)

    def pages(self) -> list[PlannedPage]:
        pages = [self.home()]
        for kind in LIST_KINDS:
            pages.append(self.section(kind))
            for entry in self.site.of_kind(kind):
                pages.append(self.entry_page(entry))
        for entry in self.site.of_kind("pages"):
            if entry.id != "home":
                pages.append(self.entry_page(entry))
        pages.append(self.page(("not-found",), "404.html", {}, indexable=False))
        return pages

    def home(self) -> PlannedPage:
        home = self.site.get("pages", "home")
        view = {
            "entry": self.entry_view(home) if home else None,
            "categories": [self.link(entry) for entry in self.site.of_kind("categories")],
            "municipalities": self.links(self.site.of_kind("municipalities")),
        }
        return self.page(("home",), "home.html", view, sources=_sources(home) if home else ())

    def section(self, kind: str) -> PlannedPage:
        entries = self.site.of_kind(kind)
        items = [self.link(entry) for entry in entries] if kind == "categories" else self.links(entries)
        return self.page(("section", kind), "section.html", {"kind": kind, "items": items})

    def entry_view(self, entry: Entry) -> dict[str, Any]:
        local = self.local(entry)
        return {
            "kind": entry.kind,
            "id": entry.id,
            "title": local.fields["title"],
            "summary": local.fields.get("summary"),
            "fields": {spec.name: local.fields.get(spec.name) for spec in KINDS[entry.kind].texts},
            "body_html": self.body_html(local),
            "body_lang": local.body.lang if local.body else self.language,
            "fallback": self._fallback_view(local),
            # every declared fact is present (None when not written), so a misspelt name in a template is an error
            "facts": {spec.name: entry.facts.get(spec.name) for spec in KINDS[entry.kind].facts},
            "last_verified": entry.last_verified,
            "example": entry.example,
        }

    def _fallback_view(self, local: LocalEntry) -> dict[str, str] | None:
        tag = local.fallback_language
        if tag is None:
            return None
        shown = next((language for language in self.config.languages if language.tag == tag), None)
        return {"tag": tag, "name": shown.name if shown else tag}

    def entry_page(self, entry: Entry) -> PlannedPage:
        view = {"entry": self.entry_view(entry), **self.related(entry)}
        return self.page(("entry", entry.kind, entry.id), f"{entry.kind}.html", view, sources=_sources(entry),
                         last_modified=entry.last_verified.isoformat() if entry.last_verified else None)

    def related(self, entry: Entry) -> dict[str, Any]:
        """Entries linked to this one, both ways, as links in this language."""
        site, facts = self.site, entry.facts
        # An entry that failed validation is missing here; its own error has been reported already.
        get = lambda kind, ids: [site.get(kind, i) for i in ids if site.get(kind, i) is not None]
        services = site.of_kind("services")
        if entry.kind == "organisations":
            members = [o for o in site.of_kind("organisations") if any(m["network"] == entry.id for m in o.facts.get("memberships", ()))]
            projects = [p for p in site.of_kind("projects") if entry.id in (p.facts.get("lead"), *p.facts.get("partners", ()), *p.facts.get("funders", ()))]
            return {"services": self.links(s for s in services if s.facts.get("provider") == entry.id),
                    "members": self.links(members), "projects": self.links(projects),
                    "memberships": [{"network": self.link(network), "role": m["role"], "since": m.get("since")}
                                    for m in facts.get("memberships", ()) for network in get("organisations", [m["network"]])]}
        if entry.kind == "services":
            return {"languages_spoken": [language_autonym(self.config, tag) for tag in facts.get("languages", ())],"provider": self.first_link(get("organisations", [facts.get("provider")])),
                    "categories": [self.link(c) for c in get("categories", facts.get("categories", ()))],
                    "municipalities": self.links(get("municipalities", facts.get("municipalities", ())))}
        if entry.kind in ("municipalities", "categories"):
            field_name = "municipalities" if entry.kind == "municipalities" else "categories"
            here = [s for s in services if entry.id in s.facts.get(field_name, ())]
            if entry.kind == "municipalities":
                groups = [{"category": self.link(c), "services": self.links(s for s in here if c.id in s.facts.get("categories", ()))}
                          for c in site.of_kind("categories")]
            else:
                groups = [{"category": None, "services": self.links(here)}]
            return {"groups": [group for group in groups if group["services"]], "service_count": len(here)}
        if entry.kind == "projects":
            return {"lead": self.first_link(get("organisations", [facts.get("lead")])),
                    "partners": self.links(get("organisations", facts.get("partners", ()))),
                    "funders": self.links(get("organisations", facts.get("funders", ())))}
        return {}


def language_autonym(config: SiteConfig, tag: str) -> dict[str, str]:
    """A spoken language named in itself, as the people who speak it look for it: "Deutsch", "Romani čhib"."""
    configured = next((language.name for language in config.languages if language.tag == tag), None)
    if configured is None:
        try:
            configured = Locale.parse(tag, sep="-").get_display_name(Locale.parse(tag, sep="-"))
        except (ValueError, UnknownLocaleError):
            configured = tag
    return {"tag": tag, "name": configured}


def _sources(entry: Entry) -> tuple[str, ...]:
    return (entry.source.path, *(text.source.path for text in entry.texts.values()))
