"""Stage 4, plan: the list of pages to write, each with its URL, language, template and view.

A view is plain data shaped for one template, so templates only present: every lookup,
grouping and sort happens here. Each page also names the content files it was made from,
for error messages and for incremental builds.
"""
from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from babel import Locale, UnknownLocaleError

from . import places, urls
from .config import SiteConfig
from .errors import Problem
from .markdown import render_markdown
from .model import Entry, LocalEntry, LocalText, Site
from .schema import KINDS, SECTION_OF_KIND
from .search import search_page_view

LIST_KINDS = ("categories", "municipalities", "organisations", "services", "projects")
# Links per list page: a long list is split so that every page stays inside the first round trip (14.6 KB gzip).
LIST_PAGE_SIZE = 50
# schema.org types of organisations; every other type is a non-governmental organisation (NGO).
ORGANISATION_SCHEMA_TYPES = {
    "public-institution": "GovernmentOrganization",
    "international-organisation": "Organization",
    "funder": "Organization",
}


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


@dataclass(frozen=True)
class PageGroup:
    """The pages one part of the plan makes (an entry's page, a section's pages, the start page), and
    what they read: ("entry", kind, id) all of an entry, ("facts", kind, id) all but its texts' bodies,
    ("link", kind, id) what a link to it shows, ("kind", kind) every entry of a kind, ("members", kind)
    which entries a kind has, ("linking", kind, field, id) which entries name an id. An edit that
    touches none of these cannot change them."""

    pages: tuple[PlannedPage, ...]
    reads: frozenset[tuple] = frozenset()
    problems: tuple[Problem, ...] = ()
    fresh: bool = True  # planned in this build, not taken over from the previous one


@dataclass
class Plan:
    pages: list[PlannedPage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    groups: dict[tuple, PageGroup] = field(default_factory=dict)


def plan_site(site: Site, localised: Mapping[tuple[str, str, str], LocalEntry],
              previous: Plan | None = None, changed: frozenset[tuple] = frozenset(), also=()) -> Plan:
    """Every page of the site, in a fixed order, with alternates between languages.

    With the plan of a previous build and the reads an edit `changed`, the groups of pages
    that read nothing changed are taken over as they were, and only the others are planned.
    `also` adds parts made elsewhere (key, function of a _Reading returning pages), planned last.
    """
    groups = plan_groups(site, localised, None, previous, changed)
    for language in site.config.tags:
        groups.update(plan_groups(site, localised, language, previous, changed))
    groups.update(made_groups(also, previous, changed))
    return plan_of(groups)


def plan_groups(site: Site, localised, language: str | None, previous: Plan | None = None,
                changed: frozenset[tuple] = frozenset()) -> dict[tuple, PageGroup]:
    """The parts of one language's plan in page order; language None: the pages outside any language."""
    if language is None:
        makers = [(("chooser",), lambda reading: [_chooser(site, localised)]),
                  (("not-found-shared",), lambda reading: [_shared_not_found(site, localised)])]
    else:
        makers = _LanguagePlanner(site, localised, language).makers()
    return made_groups(makers, previous, changed)


def made_groups(makers, previous: Plan | None, changed: frozenset[tuple]) -> dict[tuple, PageGroup]:
    """Each part planned anew, or taken over from `previous` if it read nothing `changed`."""
    groups = {}
    for key, make in makers:
        old = previous.groups.get(key) if previous is not None else None
        if old is not None and not (old.reads & changed):
            groups[key] = PageGroup(old.pages, old.reads, old.problems, fresh=False)
        else:
            reads: set[tuple] = set()
            problems: list[Problem] = []
            pages = make(_Reading(reads, problems))
            groups[key] = PageGroup(tuple(pages), frozenset(reads), tuple(problems))
    return groups


def plan_of(groups: dict[tuple, PageGroup]) -> Plan:
    """The plan made of these parts, its pages and problems in their order."""
    plan = Plan(groups=groups)
    for group in groups.values():
        plan.pages += group.pages
        plan.problems += group.problems
    return plan


def reads_of_change(kind: str, entry_id: str, link_keys: Iterable[tuple[str, str]], link_changed: bool = True,
                    added_or_removed: bool = False, facts_changed: bool = True) -> set[tuple]:
    """The reads an added, changed or removed entry affects: link_keys are the (field, id) it names before
    or after but not both (those it names still, it still names); link_changed says whether what a link
    to it shows changed, facts_changed whether anything but its texts' bodies did (neither is so for an
    edit of a body)."""
    reads = {("entry", kind, entry_id), ("kind", kind), *(("linking", kind, name, target) for name, target in link_keys)}
    if link_changed or added_or_removed:
        reads.add(("link", kind, entry_id))
    if facts_changed or link_changed or added_or_removed:
        reads.add(("facts", kind, entry_id))
    if added_or_removed:
        reads.add(("members", kind))
    return reads


@dataclass
class _Reading:
    """Where the part of the plan being made records what it reads and the problems it finds."""

    reads: set[tuple]
    problems: list[Problem]


def alternates(config: SiteConfig, key: tuple) -> list[dict[str, str]]:
    """hreflang links of a logical page: one per language, and x-default."""
    links = [{"hreflang": tag, "href": urls.absolute(config, _url_of_key(config, key, tag))} for tag in config.tags]
    default_url = urls.root_url(config) if key in (("home",), ("chooser",)) else _url_of_key(config, key, config.default_language)
    links.append({"hreflang": "x-default", "href": urls.absolute(config, default_url)})
    return links


def _url_of_key(config: SiteConfig, key: tuple, language: str) -> str:
    if isinstance(key[-1], int):  # a further page of a long list: ("section", kind, 2)
        return urls.list_page_url(_url_of_key(config, key[:-1], language), key[-1])
    if key[0] in ("home", "chooser"):
        return urls.home_url(config, language)
    if key[0] == "section":
        return urls.section_url(config, language, key[1])
    if key[0] == "not-found":
        return urls.not_found_url(config, language)
    if key[0] == "search":
        return urls.search_url(config, language)
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
    """Plans the pages of one language variant, recording what each part reads."""

    def __init__(self, site: Site, localised, language: str):
        self.reading = _Reading(set(), [])
        self.site = _ReadingSite(site, self)
        self.localised = _ReadingLocalised(localised, self)
        self.language = language
        self.config = site.config

    def local(self, entry: Entry) -> LocalEntry:
        return self.localised[(entry.kind, entry.id, self.language)]

    def link(self, entry: Entry) -> dict[str, Any]:
        """A link to an entry, as lists show it: only what state.link_data covers is read here."""
        self.reading.reads.add(("link", entry.kind, entry.id))
        local = self.localised.localised[(entry.kind, entry.id, self.language)]
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
        if not self.site.exists(kind, entry_id):
            return None
        return urls.entry_url(self.config, self.language, kind, entry_id)

    def body_html(self, local: LocalEntry) -> str:
        if local.body is None:
            return ""
        source = local.body_source
        html, problems = render_markdown(local.body.text, source.source.path, source.body_line, self.resolve_reference)
        self.reading.problems.extend(problems)  # the same body shown in several languages repeats them; the pipeline keeps one
        return html

    def common(self, key: tuple, sources=()) -> dict[str, Any]:
        config = self.config
        setup = config.language(self.language)
        pages = sorted((entry for entry in self.site.members("pages") if entry.id != "home"),
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
            "search_url": urls.search_url(config, self.language),
        }

    def page(self, key: tuple, template: str, view: dict[str, Any], sources=(), indexable=True, last_modified=None) -> PlannedPage:
        url = _url_of_key(self.config, key, self.language)
        common = self.common(key)
        # Shared messages name the entry; lists and the start page are named by the site's title.
        entry = view.get("entry")
        title = entry["title"].text if entry and key[0] == "entry" else common["site_title"].text
        # A page not worth finding again (the 404) is not offered for sharing.
        share = urls.share_urls(self.config, url, title) if indexable else None
        extras = {"share": share, "checked": None, "offline_urls": [], "brochures": [],
                  "structured_data": None, "place": None, "pagination": None}
        return PlannedPage(url, urls.output_path(self.config, url), self.language, template, {**common, **extras, **view}, key,
                           tuple(sources), indexable, last_modified)

    def makers(self) -> list[tuple[tuple, Any]]:
        """The parts of this language's plan in page order, each a key and a function making its pages."""
        language, site = self.language, self.site.site  # listing the parts is not a read of any page
        makers = [(("home", language), lambda: [self.home()])]
        for kind in LIST_KINDS:
            makers.append((("section", kind, language), lambda kind=kind: self.sections(kind)))
            makers += [(("entry", kind, entry.id, language), lambda entry=entry: self.entry_pages(entry))
                       for entry in site.of_kind(kind)]
        makers += [(("entry", "pages", entry.id, language), lambda entry=entry: self.entry_pages(entry))
                   for entry in site.of_kind("pages") if entry.id != "home"]
        makers.append((("search", language), lambda: [self.search()]))
        makers.append((("not-found", language), lambda: [self.page(("not-found",), "404.html", {}, indexable=False)]))
        return [(key, self._reading_into(make)) for key, make in makers]

    def _reading_into(self, make):
        def made(reading: _Reading) -> list[PlannedPage]:
            self.reading = reading
            return make()
        return made

    def home(self) -> PlannedPage:
        home = self.site.get("pages", "home")
        categories, municipalities = self.site.of_kind("categories"), self.site.of_kind("municipalities")
        view = {
            "entry": self.entry_view(home) if home else None,
            "categories": [self.link(entry) for entry in categories],
            "municipalities": self.links(municipalities),
            "checked": self.checked_view([home] if home else [], [*categories, *municipalities]),
        }
        return self.page(("home",), "home.html", view, sources=_sources(home) if home else ())

    def search(self) -> PlannedPage:
        """The search page; without JavaScript it offers the needs and the places to browse instead."""
        categories, municipalities = self.site.of_kind("categories"), self.site.of_kind("municipalities")
        view = {"categories": [self.link(entry) for entry in categories], "municipalities": self.links(municipalities),
                "search": search_page_view(self.config, self.language)}
        return self.page(("search",), "search.html", view)

    def sections(self, kind: str) -> list[PlannedPage]:
        """The list of all entries of a kind, on as many pages as it takes."""
        entries = self.site.members(kind)  # a list shows only links: an edit of a text's body leaves it as it is
        items = [self.link(entry) for entry in entries] if kind == "categories" else self.links(entries)
        by_id = {entry.id: entry for entry in entries}
        pages = []
        for number, chunk in enumerate(list_pages(items), 1):
            listed = [by_id[item["id"]] for item in chunk]
            view = {"kind": kind, "items": chunk, "count": len(items), "checked": self.checked_view([], listed), "maps": [],
                    "pagination": self.pagination(("section", kind), number, len(items))}
            if kind == "municipalities":
                self.reading.reads.update(("facts", kind, item["id"]) for item in chunk)  # the maps place them
                view["maps"] = places.overview_maps(chunk, by_id, self.config)
            pages.append(self.page(_numbered(("section", kind), number), "section.html", view))
        return pages

    def pagination(self, key: tuple, number: int, count: int) -> dict[str, Any] | None:
        """Links between the pages of a long list: previous, next, and the page numbers near this one."""
        total = max(1, -(-count // LIST_PAGE_SIZE))
        if total == 1:
            return None
        url = lambda n: _url_of_key(self.config, _numbered(key, n), self.language)
        shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
        links, previous = [], 0
        for n in shown:
            if n > previous + 1:
                links.append({"gap": True})
            links.append({"gap": False, "number": n, "url": url(n), "current": n == number})
            previous = n
        return {"number": number, "count": total, "pages": links,
                "previous": url(number - 1) if number > 1 else None, "next": url(number + 1) if number < total else None}

    def checked_view(self, own: list[Entry], listed: list[Entry]) -> dict[str, Any] | None:
        """When the facts of a page were last checked.

        A page about one entry shows that entry's date. A page that lists entries shows the
        oldest date among them (and its own): a list is only as fresh as its stalest entry,
        and the reader must not take it for fresher than that.
        """
        dates = self.verified_dates(own + listed)
        if not dates:
            return None
        return {"date": min(dates), "listed": bool(listed)}

    def verified_dates(self, entries: Iterable[Entry]) -> list[datetime.date]:
        """Check dates of entries; a need (category) has none of its own and counts its services'."""
        dates = []
        for entry in entries:
            if entry.kind == "categories":
                dates += [s.last_verified for s in self.services_in(entry) if s.last_verified]
            elif entry.last_verified:
                dates.append(entry.last_verified)
        return dates

    def services_in(self, entry: Entry) -> list[Entry]:
        """Services offered in a municipality, or helping with a need (category)."""
        if entry.kind == "municipalities":
            return self.site.linking("services", "municipalities", entry.id, reads="facts")  # grouped and mapped by their facts
        return self.site.linking("services", "categories", entry.id, reads="link")  # a need lists them only

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

    def entry_pages(self, entry: Entry) -> list[PlannedPage]:
        """The page of an entry; a need with a long list of services gets further pages for the rest."""
        if entry.kind != "categories":
            return [self.entry_page(entry)]
        services = self.links(self.services_in(entry))
        by_id = {service.id: service for service in self.services_in(entry)}
        return [self.entry_page(entry, number, chunk, [by_id[item["id"]] for item in chunk], len(services))
                for number, chunk in enumerate(list_pages(services), 1)]

    def entry_page(self, entry: Entry, number: int = 1, chunk: list | None = None, chunk_entries: list | None = None,
                   count: int = 0) -> PlannedPage:
        listing = entry.kind in ("municipalities", "categories")
        listed = chunk_entries if chunk_entries is not None else (self.services_in(entry) if listing else [])
        key = ("entry", entry.kind, entry.id)
        view = {"entry": self.entry_view(entry), **self.related(entry), "place": self.place_view(entry),
                "checked": self.checked_view([entry], listed), "structured_data": self.structured_data(entry)}
        if chunk is not None:  # one page of a need's services
            view.update(groups=[{"category": None, "services": chunk}] if chunk else [], service_count=count,
                        pagination=self.pagination(key, number, count))
        if entry.kind == "municipalities":
            # Someone looking at a place will want its services on the way, where there may be no signal.
            view["offline_urls"] = sorted(urls.entry_url(self.config, self.language, s.kind, s.id) for s in listed)
        return self.page(_numbered(key, number), f"{entry.kind}.html", view, sources=_sources(entry),
                         last_modified=entry.last_verified.isoformat() if entry.last_verified else None)

    def related(self, entry: Entry) -> dict[str, Any]:
        """Entries linked to this one, both ways, as links in this language."""
        site, facts = self.site, entry.facts
        # An entry that failed validation is missing here; its own error has been reported already.
        get = lambda kind, ids: [site.get(kind, i) for i in ids if site.get(kind, i) is not None]
        if entry.kind == "organisations":
            # An organisation's page shows its services, members and projects as links only.
            members = site.linking("organisations", "memberships.network", entry.id, reads="link")
            projects = {project.id: project for role in ("lead", "partners", "funders")
                        for project in site.linking("projects", role, entry.id, reads="link")}.values()
            return {"services": self.links(site.linking("services", "provider", entry.id, reads="link")),
                    "members": self.links(members), "projects": self.links(projects),
                    "memberships": [{"network": self.link(network), "role": m["role"], "since": m.get("since")}
                                    for m in facts.get("memberships", ()) for network in get("organisations", [m["network"]])]}
        if entry.kind == "services":
            return {"languages_spoken": [language_autonym(self.config, tag) for tag in facts.get("languages", ())],
                    "hours": places.hours_view(entry, self.language),
                    "provider": self.first_link(get("organisations", [facts.get("provider")])),
                    "categories": [self.link(c) for c in get("categories", facts.get("categories", ()))],
                    "municipalities": self.links(get("municipalities", facts.get("municipalities", ())))}
        if entry.kind == "categories":
            # A need's services are listed a page at a time: entry_page gives each page its part of them
            # (making the whole list again for each of its pages grew with the square of the services).
            return {"map": None}
        if entry.kind == "municipalities":
            here = self.services_in(entry)
            groups = [{"category": self.link(c), "services": self.links(s for s in here if c.id in s.facts.get("categories", ()))}
                      for c in site.of_kind("categories")]
            groups = [group for group in groups if group["services"]]
            numbers = places.number_groups(groups)
            links = {item["id"]: item for group in groups for item in group["services"]}
            return {"groups": groups, "service_count": len(here), "map": places.resources_map(entry, here, numbers, links, self.config)}
        if entry.kind == "projects":
            return {"lead": self.first_link(get("organisations", [facts.get("lead")])),
                    "partners": self.links(get("organisations", facts.get("partners", ()))),
                    "funders": self.links(get("organisations", facts.get("funders", ())))}
        return {}

    def place_view(self, entry: Entry) -> dict[str, Any] | None:
        """Where to find a municipality or a service: links for the map app and OpenStreetMap, and the words."""
        facts = entry.facts
        if entry.kind == "municipalities":
            point = facts["coordinates"]
            return {"geo": urls.geo_url(point.latitude, point.longitude), "osm": urls.osm_url(point.latitude, point.longitude),
                    "address": None, "country": facts["country"]}
        if entry.kind == "services" and facts.get("coordinates"):
            point = facts["coordinates"]
            return {"geo": urls.geo_url(point.latitude, point.longitude), "osm": urls.osm_url(point.latitude, point.longitude),
                    "address": facts.get("address"), "country": None}
        if entry.kind == "services" and facts.get("address"):
            # The address is written as locally known; the town's local name makes it findable on a map.
            towns = [self.localised[("municipalities", m, self.config.default_language)].fields["title"].text
                     for m in facts.get("municipalities", ()) if self.site.get("municipalities", m)]
            query = ", ".join([facts["address"], *towns[:1]])
            return {"geo": urls.geo_search_url(query), "osm": urls.osm_search_url(query), "address": facts["address"], "country": None}
        return None

    def structured_data(self, entry: Entry) -> dict[str, Any] | None:
        """schema.org JSON-LD of an organisation, service or municipality, as plain data."""
        build = {"organisations": self._organisation_data, "services": self._service_data,
                 "municipalities": self._place_data}.get(entry.kind)
        if build is None:
            return None
        local = self.local(entry)
        page = urls.absolute(self.config, urls.entry_url(self.config, self.language, entry.kind, entry.id))
        # url is the thing's own website where it has one; this page is then only the page about it.
        data = {"@context": "https://schema.org", "@id": self._schema_id(entry), "name": local.fields["title"].text,
                "url": entry.facts.get("website") or page, "mainEntityOfPage": page}
        if local.fields.get("summary"):
            data["description"] = local.fields["summary"].text
        return {**data, **build(entry)}

    def _schema_id(self, entry: Entry) -> str:
        """The same thing has the same @id on every page that names it, so the graph links up."""
        page = urls.absolute(self.config, urls.entry_url(self.config, self.language, entry.kind, entry.id))
        return f"{page}#{'place' if entry.kind == 'municipalities' else entry.kind[:-1]}"

    def _organisation_data(self, entry: Entry) -> dict[str, Any]:
        facts = entry.facts
        data = {"@type": ORGANISATION_SCHEMA_TYPES.get(facts["type"], "NGO"), **_contact_data(facts)}
        address = {"@type": "PostalAddress", "addressCountry": facts.get("country"), "addressLocality": facts.get("city")}
        if facts.get("country") or facts.get("city"):
            data["address"] = {k: v for k, v in address.items() if v}
        return data

    def _service_data(self, entry: Entry) -> dict[str, Any]:
        facts, site = entry.facts, self.site
        data: dict[str, Any] = {"@type": "Service", **_contact_data(facts)}
        provider = site.get("organisations", facts.get("provider") or "")
        if provider is not None:
            data["provider"] = {"@type": ORGANISATION_SCHEMA_TYPES.get(provider.facts["type"], "NGO"), "@id": self._schema_id(provider),
                                "name": self.local(provider).fields["title"].text}
        places = [site.get("municipalities", m) for m in facts.get("municipalities", ()) if site.get("municipalities", m)]
        if places:
            data["areaServed"] = [{"@type": "Place", "@id": self._schema_id(place), "name": self.local(place).fields["title"].text}
                                  for place in places]
        if facts.get("languages"):
            data["availableLanguage"] = list(facts["languages"])
        if facts.get("address"):
            data["availableChannel"] = {"@type": "ServiceChannel",
                                        "serviceLocation": {"@type": "Place", "address": facts["address"]}}
        return data

    def _place_data(self, entry: Entry) -> dict[str, Any]:
        point = entry.facts["coordinates"]
        return {"@type": "Place", "geo": {"@type": "GeoCoordinates", "latitude": point.latitude, "longitude": point.longitude},
                "address": {"@type": "PostalAddress", "addressCountry": entry.facts["country"]},
                "hasMap": urls.osm_url(point.latitude, point.longitude)}


def _contact_data(facts) -> dict[str, Any]:
    """schema.org telephone and email: one value as itself, several as a list."""
    data: dict[str, Any] = {}
    phones = [phone.e164 for phone in facts.get("phone") or ()]
    emails = list(facts.get("email") or ())
    for name, values in (("telephone", phones), ("email", emails)):
        if values:
            data[name] = values[0] if len(values) == 1 else values
    return data


def language_autonym(config: SiteConfig, tag: str) -> dict[str, str]:
    """A spoken language named in itself, as the people who speak it look for it: "Deutsch", "Romani čhib"."""
    configured = next((language.name for language in config.languages if language.tag == tag), None)
    return {"tag": tag, "name": configured or _autonym(tag)}


@functools.lru_cache(maxsize=None)
def _autonym(tag: str) -> str:
    """CLDR's name of a language in itself (a service names the few it is offered in, on every page about it)."""
    try:
        return Locale.parse(tag, sep="-").get_display_name(Locale.parse(tag, sep="-")) or tag
    except (ValueError, UnknownLocaleError):
        return tag


class _ReadingSite:
    """The site as one language's planner sees it: every lookup is recorded as a read of the part being made."""

    def __init__(self, site: Site, planner: "_LanguagePlanner"):
        self.site, self.planner = site, planner
        self.config, self.broken = site.config, site.broken

    def get(self, kind: str, entry_id: str) -> Entry | None:
        self.planner.reading.reads.add(("entry", kind, entry_id))
        return self.site.get(kind, entry_id)

    def exists(self, kind: str, entry_id: str) -> bool:
        """Whether an entry exists, for a page that needs no more of it than its address (a link in a text's body)."""
        self.planner.reading.reads.add(("link", kind, entry_id))  # a "link" read is affected when it is added or removed
        return self.site.get(kind, entry_id) is not None

    def of_kind(self, kind: str) -> list[Entry]:
        """Every entry of a kind, for a page that may use any of their facts and texts."""
        self.planner.reading.reads.add(("kind", kind))
        return self.site.of_kind(kind)

    def members(self, kind: str) -> list[Entry]:
        """Every entry of a kind, for a page that only links them (each link is a read of its own)."""
        self.planner.reading.reads.add(("members", kind))
        return self.site.of_kind(kind)

    def linking(self, kind: str, field_name: str, target_id: str, reads: str = "entry") -> list[Entry]:
        """Entries that name an id, read whole, or (`reads`) only their "facts" (no bodies) or what a "link" shows."""
        recorded = self.planner.reading.reads
        recorded.add(("linking", kind, field_name, target_id))
        found = self.site.linking(kind, field_name, target_id)
        recorded.update((reads, kind, entry.id) for entry in found)
        return found


class _ReadingLocalised:
    """The localised entries, with each lookup recorded as a read of that entry."""

    def __init__(self, localised, planner: "_LanguagePlanner"):
        self.localised, self.planner = localised, planner

    def __getitem__(self, key: tuple[str, str, str]) -> LocalEntry:
        self.planner.reading.reads.add(("entry", key[0], key[1]))
        return self.localised[key]


def list_pages(items: list) -> list[list]:
    """A list cut into pages of LIST_PAGE_SIZE; an empty list still has its one page."""
    return [items[start:start + LIST_PAGE_SIZE] for start in range(0, len(items), LIST_PAGE_SIZE)] or [[]]


def _numbered(key: tuple, number: int) -> tuple:
    """The key of page `number` of a list: the first page keeps the list's own key and URL."""
    return key if number == 1 else (*key, number)


def _sources(entry: Entry) -> tuple[str, ...]:
    return (entry.source.path, *(text.source.path for text in entry.texts.values()))
