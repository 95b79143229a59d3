"""Stage 5, plan: the list of pages to write, each with its URL, language, template and typed view.

A view (portal.views) is frozen data shaped for one template, so templates only present: every
lookup, grouping and sort happens here. Each page also names the content files it was made from,
for error messages; and each part of the plan (an entry's page, a section's pages, the start
page) records what it read, so that an incremental build plans again only the parts an edit
touched (portal.incremental).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from . import jsonld, places, urls
from .attachments import MEDIA_TYPES, FileLink, chosen, document_type, file_languages, kilobytes
from .config import SiteConfig
from .errors import Problem
from .i18n.collation import Collation
from .i18n.fold import FOLD_TABLE
from .i18n.locales import language_format, open_graph_locale
from .i18n.plurals import plural_rule_data, plural_samples
from .i18n.stem import own_stemmer, pagefind_stems, stemmer_for
from .i18n.translit import strip_marks, to_cyrillic
from .localise import fact_text, local_facts
from .markdown import has_footnotes, render_markdown
from .model import Entry, LocalEntry, LocalText, Phone, Site
from .schema import KINDS, SECTION_OF_KIND
from .translations import is_outdated
from .views import (
    Alternate,
    BrochureLink,
    CardFacts,
    Checked,
    ChooserPage,
    ContactView,
    CountryMap,
    CountryPlaces,
    CountryServices,
    EntryPage,
    EntryView,
    Fallback,
    HomePage,
    HoursView,
    LanguageChoice,
    LanguageEntrance,
    LegalBasisView,
    Link,
    LinkPreview,
    Membership,
    NeedPage,
    NotFoundPage,
    OfflineDownload,
    OfflinePage,
    OfflineSearchPage,
    OrganisationPage,
    OtherBundle,
    Outdated,
    PageNumber,
    PageView,
    Pagination,
    PathwayPage,
    PathwayStep,
    PlaceMap,
    PlacePage,
    PlaceServices,
    PlaceView,
    PluralSample,
    ProjectPage,
    ReachLinks,
    ReportLinks,
    SavedPage,
    Saving,
    SearchPage,
    SearchSetup,
    SectionPage,
    Sections,
    ServiceGroup,
    ServicePage,
    SharedNotFoundPage,
    ShareLinks,
    SpokenLanguage,
)

LIST_KINDS = ("categories", "municipalities", "organisations", "services", "projects", "pathways")
# Links per list page: a long list is split so that every page stays inside the first round trip (14.6 KB gzip).
LIST_PAGE_SIZE = 50
COSTS_SHOWN = ("free", "fee")  # a card says what a service costs only when it is known
BrochureLinks = Mapping[tuple[str | None, tuple], tuple[BrochureLink, ...]]  # (language, page key) -> its brochures


@dataclass(frozen=True)
class PlannedPage:
    url: str
    output: str  # path under the output folder
    language: str | None  # None: the multilingual chooser and the shared 404
    template: str
    view: Any  # a view of portal.views; None in a plan kept between builds (only rendering needs views)
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


@dataclass(frozen=True)
class Plan:
    """The parts of the plan in page order, and their pages and problems in the same order."""

    groups: Mapping[tuple, PageGroup]
    pages: tuple[PlannedPage, ...] = ()
    problems: tuple[Problem, ...] = ()

    @classmethod
    def of(cls, groups: Mapping[tuple, PageGroup]) -> Plan:
        return cls(
            groups,
            tuple(page for group in groups.values() for page in group.pages),
            tuple(problem for group in groups.values() for problem in group.problems),
        )

    @property
    def fresh_pages(self) -> list[PlannedPage]:
        """The pages planned in this build (an incremental build takes the others over unchanged)."""
        return [page for group in self.groups.values() if group.fresh for page in group.pages]


def plan_site(
    site: Site,
    localised: Mapping[tuple[str, str, str], LocalEntry],
    brochures: BrochureLinks | None = None,
    previous: Plan | None = None,
    changed: frozenset[tuple] = frozenset(),
) -> Plan:
    """Every page of the site, in a fixed order: the pages outside the languages, then each language's."""
    groups: dict[tuple, PageGroup] = {}
    for language in (None, *site.config.tags):
        groups.update(plan_language(site, localised, language, brochures, previous, changed))
    return Plan.of(groups)


def plan_language(
    site: Site,
    localised: Mapping[tuple[str, str, str], LocalEntry],
    language: str | None,
    brochures: BrochureLinks | None = None,
    previous: Plan | None = None,
    changed: frozenset[tuple] = frozenset(),
) -> dict[tuple, PageGroup]:
    """The parts of one language's plan in page order (None: the pages outside any language).

    With the plan of a previous build and the reads an edit `changed`, the parts that read nothing
    changed are taken over as they were (without views), and only the others are planned.
    """
    if language is None:
        makers: list[tuple[tuple, Callable[[Reading], list[PlannedPage]]]] = [
            (("chooser",), lambda reading: [_chooser(site)]),
            (("not-found-shared",), lambda reading: [_shared_not_found(site)]),
        ]
    else:
        makers = LanguagePlanner(site, localised, language, brochures or {}).makers()
    groups = {}
    for key, make in makers:
        old = previous.groups.get(key) if previous is not None else None
        if old is not None and not (old.reads & changed):
            groups[key] = PageGroup(old.pages, old.reads, old.problems, fresh=False)
        else:
            reading = Reading(set(), [])
            pages = make(reading)
            groups[key] = PageGroup(tuple(pages), frozenset(reading.reads), tuple(reading.problems))
    return groups


@dataclass
class Reading:
    """Where the part of the plan being made records what it reads and the problems it finds."""

    reads: set[tuple]
    problems: list[Problem]


def alternates(config: SiteConfig, key: tuple) -> tuple[Alternate, ...]:
    """hreflang links of a logical page: one per language, and x-default."""
    links = [Alternate(tag, urls.absolute(config, url_of_key(config, key, tag))) for tag in config.tags]
    default_url = urls.root_url(config) if key in (("home",), ("chooser",)) else url_of_key(config, key, config.default_language)
    links.append(Alternate("x-default", urls.absolute(config, default_url)))
    return tuple(links)


def url_of_key(config: SiteConfig, key: tuple, language: str) -> str:
    """The URL of a logical page in one language."""
    if isinstance(key[-1], int):  # a further page of a long list: ("section", kind, 2)
        return urls.list_page_url(url_of_key(config, key[:-1], language), key[-1])
    if key[0] in ("home", "chooser"):
        return urls.home_url(config, language)
    if key[0] == "section":
        return urls.section_url(config, language, key[1])
    if key[0] == "not-found":
        return urls.not_found_url(config, language)
    if key[0] == "search":
        return urls.search_url(config, language)
    if key[0] == "saved":
        return urls.saved_url(config, language)
    if key[0] == "offline":
        return urls.offline_url(config, language)
    return urls.entry_url(config, language, key[1], key[2])


def site_title(config: SiteConfig, language: str) -> LocalText:
    """The configured title, or the fallback chain's, marked with the language it is in."""
    chain = [language, *config.language(language).fallback, config.default_language]
    for tag in chain:
        if tag in config.title:
            return LocalText(strip_marks(config.title[tag]), tag, is_fallback=tag != language)
        source = config.language(tag).transliterate_from
        if source and source in config.title:
            return LocalText(to_cyrillic(config.title[source]), tag, is_fallback=tag != language)
    return LocalText("portal", "en", is_fallback=True)


def _chooser(site: Site) -> PlannedPage:
    config = site.config
    choices = tuple(
        LanguageEntrance(
            language.tag, language.name, urls.home_url(config, language.tag), language.direction, site_title(config, language.tag)
        )
        for language in config.languages
    )
    view = ChooserPage(
        lang=config.default_language,
        site_title=site_title(config, config.default_language),
        choices=choices,
        alternates=alternates(config, ("chooser",)),
    )
    return PlannedPage(
        urls.root_url(config), urls.output_path(config, urls.root_url(config)), None, "chooser.html", view, ("chooser",)
    )


def _shared_not_found(site: Site) -> PlannedPage:
    config = site.config
    choices = tuple(
        LanguageEntrance(language.tag, language.name, urls.home_url(config, language.tag), language.direction)
        for language in config.languages
    )
    view = SharedNotFoundPage(
        lang=config.default_language, site_title=site_title(config, config.default_language), choices=choices
    )
    url = urls.not_found_url(config)
    return PlannedPage(url, urls.output_path(config, url), None, "404-shared.html", view, ("not-found-shared",), indexable=False)


class LanguageViews:
    """Views of entries in one language variant: links, texts, places, hours; the pages and the brochures use them.

    Every lookup of the site is recorded in `reading`, as a read of the part of the plan being made.
    """

    def __init__(
        self,
        site: Site,
        localised: Mapping[tuple[str, str, str], LocalEntry],
        language: str,
        reading: Reading | None = None,
        for_print: bool = False,  # a brochure: pictures are read from the entry's folder, as the PDF loads no URL
    ) -> None:
        self.reading = reading or Reading(set(), [])
        self.for_print = for_print
        self.site = RecordingSite(site, self)
        self.localised = localised
        self.language = language
        self.config = site.config
        self.collation = Collation(language)  # this language's alphabetical order, made once for its plan
        self.clocks: dict[str, places.Clock | None] = {}  # by country: time zone, holidays, plural rule

    def local(self, entry: Entry) -> LocalEntry:
        """The entry in this language, read whole."""
        self.reading.reads.add(("entry", entry.kind, entry.id))
        return self.localised[(entry.kind, entry.id, self.language)]

    def link(self, entry: Entry) -> Link:
        """A link to an entry, as lists show it: only what incremental.state.link_data covers is read here."""
        self.reading.reads.add(("link", entry.kind, entry.id))
        local = self.localised[(entry.kind, entry.id, self.language)]
        return Link(
            local.fields["title"],
            local.fields.get("summary"),
            urls.entry_url(self.config, self.language, entry.kind, entry.id),
            entry.id,
            entry.last_verified,
            entry.example,
        )

    def first_link(self, entries: list[Entry]) -> Link | None:
        return self.link(entries[0]) if entries else None

    def links(self, entries: Iterable[Entry]) -> tuple[Link, ...]:
        """Links in the alphabetical order of their titles in this language (equal titles by id)."""
        return tuple(
            sorted((self.link(entry) for entry in entries), key=lambda link: (self.collation.key(link.title.text), link.id))
        )

    def site_title(self) -> LocalText:
        return site_title(self.config, self.language)

    def resolve_reference(self, reference: str) -> str | None:
        """The URL of `kind/id` named in a text's body; "#" for an entry with errors of its own; None for none."""
        kind, _, entry_id = reference.partition("/")
        if (kind, entry_id) in self.site.broken:
            return "#"  # the entry exists but has errors of its own, reported where they are
        if not self.site.exists(kind, entry_id):
            return None
        return urls.entry_url(self.config, self.language, kind, entry_id)

    def body_html(self, local: LocalEntry) -> str:
        if local.body is None or local.body_source is None:
            return ""
        source = local.body_source
        html, problems = render_markdown(
            local.body.text,
            source.source.path,
            source.body_line,
            self.resolve_reference,
            source.body_moved,
            functools.partial(self.file_link, local.entry),
            as_written=local.body.text == source.body,
        )
        self.reading.problems.extend(problems)  # the same body shown in several languages repeats them; the build keeps one
        return html

    def file_link(self, entry: Entry, reference: str) -> FileLink | None:
        """What a text's `[Form](form.pdf)` or `![...](entrance.jpg)` becomes on this language's page; None: no such file."""
        file = chosen(entry.files, reference, file_languages(self.config, self.language, entry.source_language))
        if file is None:
            return None
        url = urls.entry_file_url(self.config, self.language, entry.kind, entry.id, file.reference)
        if file.is_image:
            if self.for_print:
                url = (Path(self.site.site.root) / file.path).resolve().as_uri()
            return FileLink(url, file.width, file.height)
        size = language_format(self.language).format_number(kilobytes(file.size))
        return FileLink(url, label=f"{document_type(file)}, {size} KB", media_type=MEDIA_TYPES.get(file.suffix))

    def outdated(self, entry: Entry, local: LocalEntry) -> Outdated | None:
        """Told when the page shows its own language's text, stamped from a source text that changed since."""
        if local.fallback_language is not None or not is_outdated(entry, self.language):
            return None
        source = self.config.language(entry.source_language)
        url = urls.entry_url(self.config, source.tag, entry.kind, entry.id)
        return Outdated(source.tag, source.name, url, self.site.site.source_changes.get(entry.key))

    def fallback(self, local: LocalEntry) -> Fallback | None:
        tag = local.fallback_language
        if tag is None:
            return None
        named = language_format(self.language).language_name(tag, capital=False)
        if named:
            return Fallback(tag, named, self.language)
        shown = next((language for language in self.config.languages if language.tag == tag), None)
        return Fallback(tag, shown.name if shown else tag, tag)

    def entry_view(self, entry: Entry) -> EntryView:
        local = self.local(entry)
        body_html = self.body_html(local)
        return EntryView(
            kind=entry.kind,
            id=entry.id,
            title=local.fields["title"],
            summary=local.fields.get("summary"),
            fields={spec.name: _text_of(local, spec.name, spec.type) for spec in KINDS[entry.kind].texts},
            body_html=body_html,
            body_lang=local.body.lang if local.body else self.language,
            fallback=self.fallback(local),
            facts=local_facts(entry, self.language, self.config),
            last_verified=entry.last_verified,
            example=entry.example,
            outdated=self.outdated(entry, local),
            source_date=entry.source_date,
            footnotes=has_footnotes(body_html),
        )

    def services_in(self, entry: Entry) -> list[Entry]:
        """Services offered in a municipality, or helping with a need (category)."""
        if entry.kind == "municipalities":
            return self.site.linking("services", "municipalities", entry.id, reads="facts")  # grouped and mapped by their facts
        return self.site.linking("services", "categories", entry.id, reads="facts")  # cards: town, phone, cost

    def pathway_steps(self, pathway: Entry) -> tuple[PathwayStep, ...]:
        """A pathway's steps in order, each with its text in this language and its services as cards."""
        local = self.local(pathway)
        return tuple(
            PathwayStep(
                id=step["id"],
                number=number,
                text=local.fields.get(f"steps.{step['id']}"),
                office=step.get("office"),
                services=self.cards(self.existing("services", step.get("services", ()))),
                bring=tuple(step.get("bring", ())),
                cost=step.get("cost"),
                takes_days=step.get("takes_days"),
            )
            for number, step in enumerate(pathway.facts["steps"], 1)
        )

    def pathways_at(self, services: Iterable[Entry]) -> tuple[Link, ...]:
        """The pathways with a step at one of these services (a place's), as links."""
        found = {
            pathway.id: pathway
            for service in services
            for pathway in self.site.linking("pathways", "steps.services", service.id, reads="link")
        }
        return self.pathway_links(found.values())

    def pathway_links(self, pathways: Iterable[Entry]) -> tuple[Link, ...]:
        """Links to pathways in the order a reader goes through them (a birth registration before the ID card it
        opens the way to), pathways at the same depth of the chain by title."""
        depths: dict[str, int] = {}

        def depth(pathway_id: str, seen: frozenset[str]) -> int:
            if pathway_id not in depths:
                self.reading.reads.add(("facts", "pathways", pathway_id))
                pathway = self.site.site.get("pathways", pathway_id)
                before = [
                    r for r in (pathway.facts.get("requires", ()) if pathway else ()) if r not in seen
                ]  # a circle: reported
                depths[pathway_id] = 1 + max((depth(r, seen | {r}) for r in before), default=-1)
            return depths[pathway_id]

        return tuple(sorted(self.links(pathways), key=lambda link: depth(link.id, frozenset({link.id}))))

    def existing(self, kind: str, ids: Iterable[str | None]) -> list[Entry]:
        """The entries of these ids; one that failed validation is missing here (its own error has been reported)."""
        found = [self.site.get(kind, entry_id) for entry_id in ids if entry_id]
        return [entry for entry in found if entry is not None]

    def provider(self, service: Entry) -> Link | None:
        return self.first_link(self.existing("organisations", [service.facts.get("provider")]))

    def service_categories(self, service: Entry) -> tuple[Link, ...]:
        return tuple(self.link(category) for category in self.existing("categories", service.facts.get("categories", ())))

    def service_places(self, service: Entry) -> tuple[Link, ...]:
        return self.links(self.existing("municipalities", service.facts.get("municipalities", ())))

    def cards(self, entries: Iterable[Entry], full: bool = False) -> tuple[Link, ...]:
        """Links in the order of `links`, each with what its card shows; `full` (a place's page): also the way there
        and the opening hours."""
        by_id = {entry.id: entry for entry in entries}
        return tuple(dataclasses.replace(link, card=self.card_facts(by_id[link.id], full)) for link in self.links(by_id.values()))

    def card_facts(self, entry: Entry, full: bool = False) -> CardFacts:
        """Where a service or an organisation is, its first phone number and (a service's) cost, where known."""
        self.reading.reads.add(("facts", entry.kind, entry.id))
        facts = entry.facts
        phones: tuple[Phone, ...] = facts.get("phone") or ()
        phone = phones[0] if phones else None
        if entry.kind != "services":
            city = facts.get("city")  # written as in the default language
            default = self.config.default_language
            if city and self.config.language(self.language).transliterate_from == default:
                return CardFacts(towns=(LocalText(fact_text(city, self.language, self.config), self.language),), phone=phone)
            town = LocalText(strip_marks(city), default, default != self.language) if city else None
            return CardFacts(towns=(town,) if town else (), phone=phone)
        cost = facts.get("cost")
        return CardFacts(
            towns=tuple(link.title for link in self.links(self.places_of(entry))),
            phone=phone,
            cost=cost if cost in COSTS_SHOWN else None,
            place=self.place(entry) if full else None,
            hours=places.hours_view(entry, self.language) if full else None,
        )

    def places_of(self, service: Entry) -> list[Entry]:
        """The municipalities a service is offered in, read as far as grouping by them needs (their facts, not their texts)."""
        found = []
        for place_id in service.facts.get("municipalities", ()):
            self.reading.reads.add(("facts", "municipalities", place_id))  # recorded also when it is missing: it may be added
            place = self.site.site.get("municipalities", place_id)
            if place is not None:
                found.append(place)
        return found

    def countries(self, municipalities: Iterable[Entry]) -> list[tuple[str, str, tuple[Link, ...]]]:
        """Places by country: (code, name in the reader's language, links in order); the site's own country first,
        then the others by name."""
        by_country: dict[str, list[Entry]] = {}
        for place in municipalities:
            by_country.setdefault(place.facts["country"], []).append(place)
        names = language_format(self.language).babel_locale.territories
        order = sorted(by_country, key=lambda code: (code != self.config.country, str(names.get(code, code)).casefold(), code))
        return [(code, str(names.get(code, code)), self.links(by_country[code])) for code in order]

    def contact(self) -> ContactView | None:
        """The network's own phone, WhatsApp, Viber and e-mail, from site.yml; None when it gives none."""
        contact = self.config.contact
        if not contact:
            return None
        return ContactView(
            phone=f"tel:{contact.phone}" if contact.phone else None,
            phone_display=contact.phone_display,
            whatsapp=urls.whatsapp_chat_url(contact.whatsapp) if contact.whatsapp else None,
            viber=urls.viber_chat_url(contact.viber) if contact.viber else None,
            email=contact.email,
        )

    def needs(self, categories: Iterable[Entry]) -> list[Entry]:
        """The needs in the order site.yml lists them: the order a reader meets them in on every page."""
        order = {category: index for index, category in enumerate(self.config.categories)}
        return sorted(categories, key=lambda entry: (order.get(entry.id, len(order)), entry.id))

    def languages_spoken(self, service: Entry) -> tuple[SpokenLanguage, ...]:
        return tuple(spoken_language(self.config, self.language, tag) for tag in service.facts.get("languages", ()))

    def place_groups(self, municipality: Entry) -> tuple[tuple[ServiceGroup, ...], list[Entry], PlaceMap | None]:
        """A place's services by need as cards, numbered in reading order, and its map with the same numbers.

        Services only for professionals come last, in a group of their own, never among those for families."""
        here = self.services_in(municipality)
        families = [service for service in here if not for_professionals_only(service)]
        groups: list[tuple[Link | None, tuple[Link, ...]]] = [
            (self.link(category), self.cards((s for s in families if category.id in s.facts.get("categories", ())), full=True))
            for category in self.needs(self.site.of_kind("categories"))
        ]
        groups.append((None, self.cards((s for s in here if for_professionals_only(s)), full=True)))
        numbers: dict[str, int] = {}  # each service numbered in reading order; one listed twice keeps its first number
        numbered = tuple(
            ServiceGroup(category, tuple(places.numbered(link, numbers) for link in links), professionals=category is None)
            for category, links in groups
            if links
        )
        by_id = {link.id: link for group in numbered for link in group.services}
        title = self.local(municipality).fields["title"].text
        base = self.site.base_maps.get(municipality.id)
        return numbered, here, places.resources_map(municipality, title, here, by_id, self.config, base, self.language)

    def opening_hours(self, service: Entry) -> HoursView | None:
        """A service's opening hours, and what hours.js needs to say whether it is open now: the time zone and the
        public holidays of its country (its first place's, else the site's), for the build's year and the next."""
        places_here = self.existing("municipalities", service.facts.get("municipalities", ()))
        country = places_here[0].facts["country"] if places_here else self.config.country
        today = self.site.site.build_date
        if country is None or today is None:
            return places.hours_view(service, self.language)
        if country not in self.clocks:  # the same for every service of the country
            self.clocks[country] = places.country_clock(country, self.language, today)
        return places.hours_view(service, self.language, self.clocks[country])

    def place(self, entry: Entry) -> PlaceView | None:
        """Where to find a municipality or a service: links for the map app and OpenStreetMap, and the words."""
        facts = entry.facts
        if entry.kind == "municipalities":
            point = facts["coordinates"]
            return PlaceView(
                urls.geo_url(point.latitude, point.longitude),
                urls.osm_url(point.latitude, point.longitude),
                None,
                facts["country"],
            )
        if entry.kind == "services" and facts.get("coordinates"):
            point = facts["coordinates"]
            return PlaceView(
                urls.geo_url(point.latitude, point.longitude),
                urls.osm_url(point.latitude, point.longitude),
                fact_text(facts["address"], self.language, self.config) if facts.get("address") else None,
                None,
            )
        if entry.kind == "services" and facts.get("address"):
            # The address is written as locally known; the town's local name makes it findable on a map.
            towns = [
                self.localised[("municipalities", m, self.config.default_language)].fields["title"].text
                for m in facts.get("municipalities", ())
                if self.site.get("municipalities", m)
            ]
            query = ", ".join([strip_marks(facts["address"]), *towns[:1]])
            address = fact_text(facts["address"], self.language, self.config)
            return PlaceView(urls.geo_search_url(query), urls.osm_search_url(query), address, None)
        return None

    def dated(self, entries: Iterable[Entry]) -> list[Entry]:
        """The entries whose dates a page shows; a need (category) has none of its own and counts its services'."""
        dated = []
        for entry in entries:
            if entry.kind == "categories":  # only their dates: what a link shows (the start page shows no card)
                dated += self.site.linking("services", "categories", entry.id, reads="link")
            else:
                dated.append(entry)
        return dated

    def checked(self, own: list[Entry], listed: list[Entry]) -> Checked | None:
        """When the facts of a page were last checked, or, where nobody checked them, the date of their source.

        A page about one entry shows that entry's date. A page that lists entries shows the
        oldest date among them (and its own): a list is only as fresh as its stalest entry,
        and the reader must not take it for fresher than that. An entry taken from a document
        and never checked is older than any check: then the oldest document's date is shown.
        An example entry has no date to show.
        """
        dated = [entry for entry in self.dated(own + listed) if not entry.example]
        sources = [entry.source_date for entry in dated if entry.source_date and not entry.last_verified]
        if sources:
            return Checked(None, bool(listed), min(sources))
        dates = [entry.last_verified for entry in dated if entry.last_verified]
        return Checked(min(dates), bool(listed)) if dates else None

    def structured_data(self, entry: Entry) -> str | None:
        """schema.org JSON-LD of an organisation, service, municipality or pathway."""
        if entry.kind == "pathways":
            local = self.local(entry)
            steps = [(step["id"], local.fields.get(f"steps.{step['id']}")) for step in entry.facts["steps"]]
            summary = local.fields.get("summary")
            return jsonld.pathway_data(
                self.config,
                self.language,
                entry,
                local.fields["title"].text,
                summary.text if summary else None,
                [(step_id, text.text if text else step_id) for step_id, text in steps],
            )
        if entry.kind not in ("organisations", "services", "municipalities"):
            return None
        related = {}
        if entry.kind == "services":
            related = {
                "provider": [
                    (provider, self.local(provider).fields["title"].text)
                    for provider in self.existing("organisations", [entry.facts.get("provider")])
                ],
                "places": [
                    (place, self.local(place).fields["title"].text)
                    for place in self.existing("municipalities", entry.facts.get("municipalities", ()))
                ],
            }
        local = self.local(entry)
        summary = local.fields.get("summary")
        return jsonld.entry_data(
            self.config, self.language, entry, local.fields["title"].text, summary.text if summary else None, **related
        )


class LanguagePlanner:
    """Plans the pages of one language variant, recording what each part reads."""

    def __init__(
        self, site: Site, localised: Mapping[tuple[str, str, str], LocalEntry], language: str, brochures: BrochureLinks
    ) -> None:
        self.views = LanguageViews(site, localised, language)
        self.site = self.views.site
        self.language, self.config, self.brochures = language, site.config, brochures
        self.contact = self.views.contact()  # the same on every page: read from site.yml, not from content
        config = site.config
        self.locale = open_graph_locale(language, config.country)
        others = (open_graph_locale(tag, config.country) for tag in config.tags)
        self.locale_alternates = tuple(sorted({locale for locale in others if locale != self.locale}))
        self.reach = ReachLinks(
            urls.manifest_url(config, language), urls.feed_url(config, language), urls.offline_url(config, language)
        )

    def makers(self) -> list[tuple[tuple, Callable[[Reading], list[PlannedPage]]]]:
        """The parts of this language's plan in page order, each a key and a function making its pages."""
        language, site = self.language, self.site.site  # listing the parts is not a read of any page
        makers: list[tuple[tuple, Callable[[], list[PlannedPage]]]] = [(("home", language), lambda: [self.home()])]
        for kind in LIST_KINDS:
            if kind == "pathways" and not site.of_kind(kind):
                continue  # a kind most sites do not use: no empty list of it (the menu offers none either)
            makers.append((("section", kind, language), functools.partial(self.sections, kind)))
            makers += [
                (("entry", kind, entry.id, language), functools.partial(self.entry_pages, entry)) for entry in site.of_kind(kind)
            ]
        makers += [
            (("entry", "pages", entry.id, language), functools.partial(self.entry_pages, entry))
            for entry in site.of_kind("pages")
            if entry.id != "home"
        ]
        makers.append((("search", language), lambda: [self.search()]))
        makers.append((("not-found", language), lambda: [self.not_found()]))
        makers.append((("saved", language), lambda: [self.saved()]))
        return [(key, self._reading_into(make)) for key, make in makers]

    def _reading_into(self, make: Callable[[], list[PlannedPage]]) -> Callable[[Reading], list[PlannedPage]]:
        def made(reading: Reading) -> list[PlannedPage]:
            self.views.reading = reading
            return make()

        return made

    def common(self, key: tuple) -> dict[str, Any]:
        """What every page of the language variant shows: header, menus, languages, footer."""
        config, views = self.config, self.views
        setup = config.language(self.language)
        pages = sorted(
            (entry for entry in self.site.members("pages") if entry.id != "home"),
            key=lambda entry: (entry.facts.get("order", 100), entry.id),
        )
        url = url_of_key(config, key, self.language)
        sections = {kind: urls.section_url(config, self.language, kind) for kind in SECTION_OF_KIND}
        if not self.site.members("pathways"):
            sections["pathways"] = ""  # the menu offers no empty list
        return {
            "lang": self.language,
            "dir": setup.direction,
            "language_name": setup.name,
            "site_title": views.site_title(),
            "home_url": urls.home_url(config, self.language),
            "root_url": urls.root_url(config),
            "url": url,
            "absolute_url": urls.absolute(config, url),
            "languages": tuple(
                LanguageChoice(language.tag, language.name, language.tag == self.language, url_of_key(config, key, language.tag))
                for language in config.languages
            ),
            "alternates": alternates(config, key),
            "sections": Sections(**sections),
            "menu_pages": tuple(views.link(entry) for entry in pages),
            "search_url": urls.search_url(config, self.language),
            "contact": self.contact,
        }

    def page(
        self,
        view_type: type[PageView],
        key: tuple,
        template: str,
        sources: tuple[str, ...] = (),
        indexable: bool = True,
        last_modified: str | None = None,
        title: str | None = None,
        **view: Any,
    ) -> PlannedPage:
        """A planned page of this language; `title` names it in shared messages (default: the site's title)."""
        common = self.common(key)
        url = common["url"]
        # A page not worth finding again (the 404) is not offered for sharing.
        shared = urls.share_urls(self.config, url, title or common["site_title"].text) if indexable else None
        share = ShareLinks(**shared) if shared else None
        self.views.reading.reads.add(("brochures", self.language, key))  # a changed link plans it again
        brochures = self.brochures.get((self.language, key), ())
        entry: EntryView | None = view.get("entry")
        summary = entry.summary.text if entry is not None and entry.summary is not None else None
        preview = LinkPreview(
            description=summary or common["site_title"].text,
            type="article" if key[0] == "entry" else "website",
            locale=self.locale,
            locale_alternates=self.locale_alternates,
            image=urls.absolute(self.config, urls.preview_image_url(self.config, self.language, preview_kind(key))),
            site_name=common["site_title"].text,
        )
        page_view = view_type(**common, share=share, brochures=brochures, preview=preview, reach=self.reach, **view)
        return PlannedPage(
            url, urls.output_path(self.config, url), self.language, template, page_view, key, sources, indexable, last_modified
        )

    def home(self) -> PlannedPage:
        views = self.views
        home = self.site.get("pages", "home")
        categories, municipalities = views.needs(self.site.of_kind("categories")), self.site.of_kind("municipalities")
        return self.page(
            HomePage,
            ("home",),
            "home.html",
            sources=_sources(home) if home else (),
            entry=views.entry_view(home) if home else None,
            categories=tuple(views.link(entry) for entry in categories),
            countries=tuple(CountryPlaces(*country) for country in views.countries(municipalities)),
            example_places=any(place.example for place in municipalities),
            checked=views.checked([home] if home else [], [*categories, *municipalities]),
        )

    def search(self) -> PlannedPage:
        """The search page; without JavaScript it offers the needs and the places to browse instead."""
        views = self.views
        categories, municipalities = self.site.of_kind("categories"), self.site.of_kind("municipalities")
        rule = language_format(self.language).plural_rule
        setup = SearchSetup(
            urls.search_bundle_url(self.config, self.language),
            self.config.base_path,
            FOLD_TABLE,
            plural_rule_data(rule),
            tuple(PluralSample(**sample) for sample in plural_samples(rule)),
            _stemmer_data(self.language),
            urls.search_bundle_url(self.config, self.language) + VOCABULARY,
            tuple(
                OtherBundle(
                    urls.search_bundle_url(self.config, tag),
                    tag,
                    _stemmer_data(tag),
                    pagefind_stems(tag),
                    _forms_data(tag),
                    urls.search_bundle_url(self.config, tag) + VOCABULARY,
                )
                for tag in self.config.language(self.language).fallback
            ),
            pagefind_stems(self.language),
            _forms_data(self.language),
        )
        return self.page(
            SearchPage,
            ("search",),
            "search.html",
            categories=tuple(views.link(entry) for entry in categories),
            municipalities=views.links(municipalities),
            search=setup,
        )

    def offline(self, downloads: tuple[OfflineDownload, ...]) -> PlannedPage:
        """The page offering the offline editions (made after the pages, which they hold: portal.outputs.offline)."""
        self.views.reading = Reading(set(), [])
        return self.page(OfflinePage, ("offline",), "offline.html", indexable=False, downloads=downloads)

    def offline_search(self) -> PlannedPage:
        """The search page of an offline edition: Pagefind cannot read its index from disk, so it searches a script
        of its own; without JavaScript it offers the lists of needs and places, which need nothing."""
        self.views.reading = Reading(set(), [])
        categories, municipalities = self.site.of_kind("categories"), self.site.of_kind("municipalities")
        return self.page(
            OfflineSearchPage,
            ("search",),
            "offline-search.html",
            indexable=False,
            categories=tuple(self.views.link(entry) for entry in categories),
            municipalities=self.views.links(municipalities),
            online_search=urls.absolute(self.config, urls.search_url(self.config, self.language)),
            index_url=urls.offline_search_index_url(self.config, self.language),
        )

    def not_found(self) -> PlannedPage:
        return self.page(NotFoundPage, ("not-found",), "404.html", indexable=False)

    def saved(self) -> PlannedPage:
        """The list of what this reader saved for offline reading: it lives in their phone, not on the site."""
        return self.page(SavedPage, ("saved",), "saved.html", indexable=False, stale_after_months=self.config.stale_after_months)

    def saving(self, key: tuple, services: Iterable[Entry]) -> Saving:
        """ "Save for offline" on a place's or a need's page: the page and the services it lists, none sensitive."""
        config = self.config
        listed = sorted({urls.entry_url(config, self.language, s.kind, s.id) for s in services if not sensitive(s, config)})
        own = url_of_key(config, key, self.language)
        return Saving((own, *listed), urls.saved_url(config, self.language), config.stale_after_months)

    def sections(self, kind: str) -> list[PlannedPage]:
        """The list of all entries of a kind, on as many pages as it takes."""
        views = self.views
        entries = self.site.members(kind)  # a list shows only links: an edit of a text's body leaves it as it is
        if kind == "categories":
            items = tuple(views.link(entry) for entry in views.needs(entries))  # in the order site.yml gives
        elif kind in ("services", "organisations"):
            items = views.cards(entries)  # with town, phone and cost: each card read by its facts
        elif kind == "pathways":
            items = views.pathway_links(entries)  # in the order of the chain
        else:
            items = views.links(entries)
        by_id = {entry.id: entry for entry in entries}
        pages = []
        for number, chunk in enumerate(list_pages(items), 1):
            maps: tuple[CountryMap, ...] = ()
            if kind == "municipalities":
                views.reading.reads.update(("facts", kind, item.id) for item in chunk)  # the maps place them
                chunk, maps = places.overview_maps(chunk, by_id, self.config, self.language)
            pages.append(
                self.page(
                    SectionPage,
                    numbered(("section", kind), number),
                    "section.html",
                    kind=kind,
                    items=tuple(chunk),
                    count=len(items),
                    checked=views.checked([], [by_id[item.id] for item in chunk]),
                    maps=maps,
                    pagination=self.pagination(("section", kind), number, len(items)),
                )
            )
        return pages

    def pagination(self, key: tuple, number: int, count: int) -> Pagination | None:
        """Links between the pages of a long list: previous, next, and the page numbers near this one."""
        total = max(1, -(-count // LIST_PAGE_SIZE))
        if total == 1:
            return None

        def url(n: int) -> str:
            return url_of_key(self.config, numbered(key, n), self.language)

        shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
        links, previous = [], 0
        for n in shown:
            if n > previous + 1:
                links.append(PageNumber(gap=True))
            links.append(PageNumber(gap=False, number=n, url=url(n), current=n == number))
            previous = n
        return Pagination(
            number, total, tuple(links), url(number - 1) if number > 1 else None, url(number + 1) if number < total else None
        )

    def entry_pages(self, entry: Entry) -> list[PlannedPage]:
        """The page of an entry; a need with a long list of services gets further pages for the rest."""
        if entry.kind != "categories":
            return [self.entry_page(entry)]
        services = self.views.services_in(entry)
        by_id = {service.id: service for service in services}
        families = self.views.cards(s for s in services if not for_professionals_only(s))
        professionals = self.views.cards(s for s in services if for_professionals_only(s))
        pages = list_pages(families)
        return [
            self.need_page(
                entry, NeedPart(number, len(services), len(families), chunk, professionals if number == 1 else ()), by_id
            )
            for number, chunk in enumerate(pages, 1)
        ]

    def entry_page(self, entry: Entry) -> PlannedPage:
        """The page of an organisation, service, municipality, project or information page."""
        views, kind = self.views, entry.kind
        listed = views.services_in(entry) if kind == "municipalities" else []
        common: dict[str, Any] = {"entry": views.entry_view(entry)}
        if kind == "organisations":
            common.update(self._organisation_links(entry))
        elif kind == "services":
            common.update(
                provider=views.provider(entry),
                categories=views.service_categories(entry),
                municipalities=views.service_places(entry),
                languages_spoken=views.languages_spoken(entry),
                hours=views.opening_hours(entry),
            )
        elif kind == "municipalities":
            groups, here, place_map = views.place_groups(entry)
            # Someone looking at a place will want its services on the way, where there may be no signal.
            common.update(
                groups=groups,
                service_count=len(here),
                map=place_map,
                way_on=() if here else tuple(map(views.link, views.needs(self.site.members("categories")))),
                offline_urls=tuple(
                    sorted(
                        urls.entry_url(self.config, self.language, s.kind, s.id) for s in listed if not sensitive(s, self.config)
                    )
                ),
                saving=None if sensitive(entry, self.config) else self.saving(("entry", kind, entry.id), listed),
                pathways=views.pathways_at(here),
            )
        elif kind == "pathways":
            common.update(self.pathway(entry))
        elif kind == "projects":
            common.update(
                lead=views.first_link(views.existing("organisations", [entry.facts.get("lead")])),
                partners=views.links(views.existing("organisations", entry.facts.get("partners", ()))),
                funders=views.links(views.existing("organisations", entry.facts.get("funders", ()))),
            )
        view_type = {
            "organisations": OrganisationPage,
            "services": ServicePage,
            "municipalities": PlacePage,
            "projects": ProjectPage,
            "pathways": PathwayPage,
        }.get(kind, EntryPage)
        return self._entry_page(view_type, entry, ("entry", kind, entry.id), listed, **common)

    def need_page(self, entry: Entry, part: NeedPart, by_id: Mapping[str, Entry]) -> PlannedPage:
        """One page of a need's services (making the whole list again for each page grew with the square of the services)."""
        key, views = ("entry", entry.kind, entry.id), self.views
        countries, anywhere = self.by_place(part.families, by_id)
        count = part.service_count
        others = () if count else tuple(views.link(n) for n in views.needs(self.site.members("categories")) if n.id != entry.id)
        return self._entry_page(
            NeedPage,
            entry,
            numbered(key, part.number),
            [by_id[link.id] for link in (*part.families, *part.professionals)],
            entry=views.entry_view(entry),
            countries=countries,
            anywhere=anywhere,
            professionals=part.professionals,
            places=tuple(group.place for country in countries for group in country.places),
            service_count=count,
            way_on=others,
            pagination=self.pagination(key, part.number, part.family_count),
            saving=None
            if sensitive(entry, self.config)
            else self.saving(numbered(key, part.number), [by_id[c.id] for c in (*part.families, *part.professionals)]),
            pathways=views.pathway_links(self.site.linking("pathways", "categories", entry.id, reads="link"))
            if part.number == 1
            else (),
        )

    def by_place(
        self, cards: tuple[Link, ...], by_id: Mapping[str, Entry]
    ) -> tuple[tuple[CountryServices, ...], tuple[Link, ...]]:
        """Service cards under each place they are offered in (a service in three places is under each), by
        country; and those tied to no place."""
        at: dict[str, list[Link]] = {}
        anywhere, municipalities = [], {}
        for card in cards:
            here = self.views.places_of(by_id[card.id])
            if not here:
                anywhere.append(card)
            for place in here:
                municipalities[place.id] = place
                at.setdefault(place.id, []).append(card)
        countries = tuple(
            CountryServices(code, name, tuple(PlaceServices(place, tuple(at[place.id])) for place in links))
            for code, name, links in self.views.countries(municipalities.values())
        )
        return countries, tuple(anywhere)

    def _entry_page(
        self, view_type: type[EntryPage], subject: Entry, key: tuple, listed: list[Entry], **view: Any
    ) -> PlannedPage:
        views, config = self.views, self.config
        title = view["entry"].title.text
        if subject.kind in CARD_KINDS and (subject.facts.get("phone") or subject.facts.get("email")):
            view["contact_card"] = urls.contact_card_url(config, self.language, subject.kind, subject.id)
        url = url_of_key(config, key, self.language)
        sms = config.contact.phone if config.contact.texts else None
        mail, text, issue = urls.report_urls(config, url, title, self.language, sms)
        return self.page(
            view_type,
            key,
            f"{subject.kind}.html",
            quick_exit=config.quick_exit.url if sensitive(subject, config) else None,
            report=ReportLinks(mail, text, issue) if mail or text or issue else None,
            sources=_sources(subject),
            title=title,
            last_modified=subject.last_verified.isoformat() if subject.last_verified else None,
            place=views.place(subject),
            checked=views.checked([subject], listed),
            structured_data=views.structured_data(subject),
            **view,
        )

    def pathway(self, entry: Entry) -> dict[str, Any]:
        """A pathway's checklist: what comes first, its steps with where to go, its law, and who helps when refused."""
        views, site = self.views, self.site
        steps = views.pathway_steps(entry)
        source = entry.source_language
        legal = tuple(
            LegalBasisView(
                LocalText(law["law"], source, source != self.language), law.get("article"), law.get("link"), law["checked"]
            )
            for law in entry.facts.get("legal_basis", ())
        )
        helpers = [
            found
            for helper_id in entry.facts.get("if_refused", ())
            for found in [site.get("organisations", helper_id) or site.get("services", helper_id)]
            if found is not None
        ]
        return {
            "requires": tuple(views.link(first) for first in views.existing("pathways", entry.facts.get("requires", ()))),
            "steps": steps,
            "legal_basis": legal,
            "if_refused": views.cards(helpers),
            "categories": views.service_categories(entry),
            "required_by": views.links(site.linking("pathways", "requires", entry.id, reads="link")),
        }

    def _organisation_links(self, entry: Entry) -> dict[str, Any]:
        """An organisation's services, members and projects, as links only, and the networks it belongs to."""
        views, site = self.views, self.site
        members = site.linking("organisations", "memberships.network", entry.id, reads="link")
        projects = {
            project.id: project
            for role in ("lead", "partners", "funders")
            for project in site.linking("projects", role, entry.id, reads="link")
        }.values()
        memberships = tuple(
            Membership(views.link(network), membership["role"], membership.get("since"))
            for membership in entry.facts.get("memberships", ())
            for network in views.existing("organisations", [membership["network"]])
        )
        return {
            "services": views.cards(site.linking("services", "provider", entry.id, reads="link")),
            "members": views.links(members),
            "projects": views.links(projects),
            "memberships": memberships,
        }


@dataclass(frozen=True)
class NeedPart:
    """One page of a need's list: its number, its share of the services for families, and (on the first page) those
    only for professionals."""

    number: int
    service_count: int  # the need's services, on all pages together
    family_count: int  # of them for families (the pages divide these)
    families: tuple[Link, ...]
    professionals: tuple[Link, ...]


CARD_KINDS = ("organisations", "services")  # the kinds whose pages offer a contact card (.vcf)
PREVIEW_KINDS = ("categories", "municipalities", "organisations", "services", "projects")  # with a card of their own


def preview_kind(key: tuple) -> str:
    """Which link-preview card a page shows: its kind's (a list and its entries share one), else the start page's."""
    kind = key[1] if key[0] in ("section", "entry") else "home"
    return kind if kind in PREVIEW_KINDS else "home"


def sensitive(entry: Entry, config: SiteConfig) -> bool:
    """Whether a reader may need to leave the entry's page fast: the entry says so (`sensitive: true`), or it is a need
    site.yml lists under `quick_exit: needs`, or a service for such a need."""
    needs = config.quick_exit.needs
    if entry.facts.get("sensitive"):
        return True
    if entry.kind == "categories":
        return entry.id in needs
    return entry.kind == "services" and any(need in needs for need in entry.facts.get("categories", ()))


def _text_of(local: LocalEntry, name: str, field_type: str) -> LocalText | None:
    """A text field as shown; a text map (a pathway's step texts) as the tuple of its texts, in the page's language."""
    if field_type != "text_map":
        return local.fields.get(name)
    items = [text.text for key, text in local.fields.items() if key.startswith(f"{name}.")]
    return LocalText(tuple(items), local.language) if items else None


def for_professionals_only(service: Entry) -> bool:
    """A service whose audience is professionals alone (a training for social workers): never listed among
    the services for families."""
    audiences = service.facts.get("audiences") or ()
    return bool(audiences) and set(audiences) == {"professionals"}


def spoken_language(config: SiteConfig, reader: str, tag: str) -> SpokenLanguage:
    """A spoken language named in the reader's language, without a script ("srpski", not "Srpski (latinica)");
    where no name in it is known, in itself ("Deutsch", "Romani čhib")."""
    named = language_format(reader).language_name(tag, capital=False)
    if named:
        return SpokenLanguage(tag, named, reader)
    configured = next((language.name for language in config.languages if language.tag == tag), None)
    return SpokenLanguage(tag, configured or _autonym(tag), tag)


@functools.cache
def _autonym(tag: str) -> str:
    """CLDR's name of a language in itself: constant data of Babel, looked up once per tag."""
    try:
        return Locale.parse(tag, sep="-").get_display_name(Locale.parse(tag, sep="-")) or tag
    except (ValueError, UnknownLocaleError):
        return tag


class RecordingSite:
    """The site as one language's views see it: every lookup is recorded as a read of the part being made."""

    def __init__(self, site: Site, views: LanguageViews):
        self.site, self.views = site, views
        self.config, self.broken = site.config, site.broken
        self.base_maps = site.base_maps  # a change of one builds everything (its folder is in the inputs' fingerprint)

    def _read(self, *read: str) -> None:
        self.views.reading.reads.add(read)

    def get(self, kind: str, entry_id: str) -> Entry | None:
        self._read("entry", kind, entry_id)
        return self.site.get(kind, entry_id)

    def exists(self, kind: str, entry_id: str) -> bool:
        """Whether an entry exists, for a page that needs no more of it than its address (a link in a text's body)."""
        self._read("link", kind, entry_id)  # a "link" read is affected when it is added or removed
        return self.site.get(kind, entry_id) is not None

    def of_kind(self, kind: str) -> list[Entry]:
        """Every entry of a kind, for a page that may use any of their facts and texts."""
        self._read("kind", kind)
        return self.site.of_kind(kind)

    def members(self, kind: str) -> list[Entry]:
        """Every entry of a kind, for a page that only links them (each link is a read of its own)."""
        self._read("members", kind)
        return self.site.of_kind(kind)

    def linking(self, kind: str, field_name: str, target_id: str, reads: str = "entry") -> list[Entry]:
        """Entries that name an id, read whole, or (`reads`) only their "facts" (no bodies) or what a "link" shows."""
        recorded = self.views.reading.reads
        recorded.add(("linking", kind, field_name, target_id))
        found = self.site.linking(kind, field_name, target_id)
        recorded.update((reads, kind, entry.id) for entry in found)
        return found


def list_pages(items: tuple[Link, ...]) -> list[tuple[Link, ...]]:
    """A list cut into pages of LIST_PAGE_SIZE; an empty list still has its one page."""
    return [items[start : start + LIST_PAGE_SIZE] for start in range(0, len(items), LIST_PAGE_SIZE)] or [()]


def numbered(key: tuple, number: int) -> tuple:
    """The key of page `number` of a list: the first page keeps the list's own key and URL."""
    return key if number == 1 else (*key, number)


def _sources(entry: Entry) -> tuple[str, ...]:
    return (entry.source.path, *(text.source.path for text in entry.texts.values()))


VOCABULARY = "vocabulary.json"  # in each language's search bundle (portal.outputs.search.index writes it)


def _forms_data(language: str) -> dict[str, Any] | None:
    """Where Pagefind stems the language, portal's light stemmer of it, for search.js to rank whole words first."""
    stemmer = stemmer_for(language) if pagefind_stems(language) else None
    return stemmer.as_data() if stemmer else None


def _stemmer_data(language: str) -> dict[str, Any] | None:
    """The light stemmer search.js applies to a query of the language, where portal stems it (portal.i18n.stem)."""
    stemmer = own_stemmer(language)
    return stemmer.as_data() if stemmer else None
