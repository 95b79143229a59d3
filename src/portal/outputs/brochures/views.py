"""What the brochures show: typed, frozen views made with the same view makers as the pages, so both agree.

The brochures are handed to families in offices and prisons, photocopied and read by people with little
reading practice, so a family's brochure holds what a family uses: on its cover the network's own contact,
"keep this paper" and a box for the staff's contact; then every service by need, each with its town, address,
phone, opening hours, what to bring and two QR codes (its page, and a call). Each brochure template gets one
of these as `brochure`:

- NetworkBrochure: every service of the network, by need (`brochure-network.html`);
- PlaceBrochure: a municipality's services by need, numbered as on its map (`brochure-municipality.html`);
- PartnerBrochure: the network's history and its members, for partners (`brochure-partners.html`): kept out
  of the families' brochure, where it filled the first pages of every photocopy;
- BilingualBrochure: a network or place brochure in two languages, each entry in both
  (`brochure-bilingual.html`).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers

from ... import urls
from ...config import SiteConfig
from ...model import Entry, LocalEntry, LocalText, Site
from ...places import hours_view
from ...plan import LanguageViews
from ...schema import KINDS
from ...views import EntryView, Fallback, HoursView, Link, PathwayStep, PlaceView, SpokenLanguage

NETWORK = "network"  # the name of the families' network brochure's file; a municipality's is its id
PARTNERS = "partners"  # the name of the partners' edition's file


@dataclass(frozen=True)
class Code:
    """A QR code in a brochure: what it holds (a short address, `tel:`), and what is written beside it to type or dial."""

    data: str
    text: str


@dataclass(frozen=True)
class NetworkContact:
    """The network's own contact (site.yml's `contact:`), as the cover prints it: numbers as people read them."""

    call: Code | None  # the phone: tel: and the number
    whatsapp: str | None
    viber: str | None
    email: str | None


@dataclass(frozen=True)
class Card:
    """One service or organisation as a contact block: where it is, how to call, when it is open, what to bring."""

    id: str
    kind: str
    title: LocalText
    summary: LocalText | None
    fields: Mapping[str, LocalText | None]
    facts: Mapping[str, Any]
    fallback: Fallback | None
    example: bool
    last_verified: datetime.date | None
    page: Code  # its short address: /s/<language>/<code>/, which leads to its page
    anchor: str  # its id in the document: the same entry is there twice in a brochure in two languages
    call: Code | None = None  # its first phone number
    number: int | None = None  # as on the map
    repeated: bool = False  # described under an earlier need: shown as a reference to it
    place: PlaceView | None = None
    hours: HoursView | None = None
    provider: Link | None = None
    languages_spoken: tuple[SpokenLanguage, ...] = ()
    towns: tuple[Link, ...] = ()  # the places it is offered in


@dataclass(frozen=True)
class NeedSection:
    category: Link
    services: tuple[Card, ...]


@dataclass(frozen=True)
class NetworkChapter:
    entry: EntryView
    card: Card
    members: tuple[Card, ...]


@dataclass(frozen=True)
class AboutChapter:
    entry: EntryView
    page: Code


@dataclass(frozen=True)
class PathwaySection:
    """A pathway as a brochure prints it: what comes first, the steps in order, and its page's address."""

    id: str
    title: LocalText
    summary: LocalText | None
    example: bool
    requires: tuple[Link, ...]
    steps: tuple[PathwayStep, ...]
    page: Code  # its short address


@dataclass(frozen=True, kw_only=True)
class BrochureView:
    """What every brochure has: its language, the site's title and start page, the network's contact, its dates."""

    lang: str
    dir: str
    site_title: LocalText
    home: Code  # the site's start page in this language
    contact: NetworkContact | None
    created: str | None  # ISO date of the newest check among its entries: the PDF's date
    oldest_check: datetime.date | None
    size: str = ""  # the paper size, set for each size it is made in
    pathways: tuple[PathwaySection, ...] = ()  # the network's all; a place's those with a step at its services


@dataclass(frozen=True, kw_only=True)
class NetworkBrochure(BrochureView):
    kind: str = NETWORK
    needs: tuple[NeedSection, ...]


@dataclass(frozen=True, kw_only=True)
class PartnerBrochure(BrochureView):
    kind: str = PARTNERS
    title: LocalText | None
    about: AboutChapter | None
    networks: tuple[NetworkChapter, ...]


@dataclass(frozen=True, kw_only=True)
class PlaceBrochure(BrochureView):
    kind: str = "municipality"
    title: LocalText
    entry: EntryView
    map: str | None  # the services' numbers on the town's streets; None where a map would carry nothing
    needs: tuple[NeedSection, ...]


@dataclass(frozen=True)
class PairedCard:
    first: Card
    second: Card


@dataclass(frozen=True)
class PairedNeed:
    first: Link
    second: Link
    services: tuple[PairedCard, ...]


@dataclass(frozen=True, kw_only=True)
class BilingualBrochure(BrochureView):
    """A network or place brochure in two languages (`brochures: pairs:`): the document is in the first, and
    each cover, need and entry is there in both, in the first language's order and numbers."""

    kind: str = "bilingual"
    first: NetworkBrochure | PlaceBrochure
    second: NetworkBrochure | PlaceBrochure
    needs: tuple[PairedNeed, ...]
    map: str | None


class BrochureViews:
    """The views of one language's brochures."""

    def __init__(
        self, site: Site, localised: Mapping[tuple[str, str, str], LocalEntry], language: str, epoch_date: str | None = None
    ) -> None:
        self.site, self.language, self.config = site, language, site.config
        self.views = LanguageViews(site, localised, language, for_print=True)  # its problems are reported by the plan
        self.epoch_date = epoch_date

    def common(self, entries: list[Entry]) -> dict[str, Any]:
        dates = [entry.last_verified for entry in entries if entry.last_verified]
        home = urls.absolute(self.config, urls.home_url(self.config, self.language))
        return {
            "lang": self.language,
            "dir": self.config.language(self.language).direction,
            "site_title": self.views.site_title(),
            "home": Code(home, shown(home)),
            "contact": network_contact(self.config),
            "created": max(dates).isoformat() if dates else self.epoch_date,
            "oldest_check": min(dates) if dates else None,
        }

    def network(self) -> NetworkBrochure:
        """Every service by need; a service that helps with two needs is described once, under the first."""
        needs: list[NeedSection] = []
        services: dict[str, Entry] = {}
        for category in self.site.of_kind("categories"):
            helping = self.views.services_in(category)
            if helping:
                cards = tuple(
                    dataclasses.replace(card, repeated=card.id in services)
                    for card in sorted((self.card(s) for s in helping), key=self.by_title)
                )
                needs.append(NeedSection(self.views.link(category), cards))
            services.update((s.id, s) for s in helping)
        return NetworkBrochure(
            **self.common(list(services.values())), needs=tuple(needs), pathways=self.pathways(self.site.of_kind("pathways"))
        )

    def partners(self) -> PartnerBrochure:
        """Who the network is, for partners: the `about` page, each network organisation and its members."""
        site, views = self.site, self.views
        about = site.get("pages", "about")
        networks = [o for o in site.of_kind("organisations") if o.facts.get("type") == "network"]
        chapters, member_entries = [], []
        for network in networks:
            members = [
                o
                for o in site.of_kind("organisations")
                if any(m["network"] == network.id for m in o.facts.get("memberships", ()))
            ]
            member_entries += members
            chapters.append(
                NetworkChapter(
                    views.entry_view(network),
                    self.card(network),
                    tuple(sorted((self.card(m) for m in members), key=self.by_title)),
                )
            )
        return PartnerBrochure(
            **self.common([*([about] if about else []), *networks, *member_entries]),
            title=views.local(about).fields["title"] if about else None,
            about=AboutChapter(views.entry_view(about), self.short(about)) if about else None,
            networks=tuple(chapters),
        )

    def municipality(self, municipality: Entry) -> PlaceBrochure:
        """A place's resources grouped by need, numbered as on its map, each with everything needed to go there."""
        views = self.views
        groups, services, place_map = views.place_groups(municipality)  # numbered as on the municipality's page
        seen: set[str] = set()
        sections = []
        for group in groups:
            cards = []
            for link in group.services:
                entry = self.site.get("services", link.id)
                if entry is not None:
                    cards.append(dataclasses.replace(self.card(entry), number=link.number, repeated=link.id in seen))
                seen.add(link.id)
            if group.category is not None:
                sections.append(NeedSection(group.category, tuple(cards)))
        return PlaceBrochure(
            **self.common([municipality, *services]),
            title=views.local(municipality).fields["title"],
            entry=views.entry_view(municipality),
            # on paper, a map only where it shows the services on the town's streets: the town in its country
            # tells a family in that town nothing, and took half of the cover
            map=place_map.svg if place_map and place_map.numbered else None,
            needs=tuple(sections),
            pathways=self.pathways(
                [p for link in views.pathways_at(services) for p in [self.site.get("pathways", link.id)] if p is not None]
            ),
        )

    def short(self, entry: Entry) -> Code:
        """An entry's short address in this language: what its QR code holds, and as printed to type it."""
        url = urls.absolute(self.config, urls.short_url(self.config, self.language, entry.kind, entry.id))
        return Code(url, shown(url))

    def pathways(self, pathways: list[Entry]) -> tuple[PathwaySection, ...]:
        """Pathways as printed sections, in the order a reader goes through them (as the pages list them)."""
        views = self.views
        order = {link.id: number for number, link in enumerate(views.pathway_links(pathways))}
        sections = []
        for pathway in pathways:
            local = views.local(pathway)
            requires = views.existing("pathways", pathway.facts.get("requires", ()))
            sections.append(
                PathwaySection(
                    pathway.id,
                    local.fields["title"],
                    local.fields.get("summary"),
                    pathway.example,
                    tuple(views.link(first) for first in requires),
                    views.pathway_steps(pathway),
                    self.short(pathway),
                )
            )
        return tuple(sorted(sections, key=lambda section: order[section.id]))

    def by_title(self, card: Card) -> tuple[bytes, str]:
        """Cards in the alphabetical order of their titles in this language, as the pages list them (equal titles by id)."""
        return (self.views.collation.key(card.title.text), card.id)

    def card(self, entry: Entry) -> Card:
        """One organisation or service as a contact block: the facts to call or go there, and its QR codes."""
        views = self.views
        local = views.local(entry)
        phones = entry.facts.get("phone") or ()
        card = Card(
            id=entry.id,
            kind=entry.kind,
            title=local.fields["title"],
            summary=local.fields.get("summary"),
            fields={spec.name: local.fields.get(spec.name) for spec in KINDS[entry.kind].texts},
            facts={spec.name: entry.facts.get(spec.name) for spec in KINDS[entry.kind].facts},
            fallback=views.fallback(local),
            example=entry.example,
            last_verified=entry.last_verified,
            page=self.short(entry),
            anchor=f"{entry.kind}-{entry.id}-{self.language.lower()}",
            call=Code(f"tel:{phones[0].e164}", phones[0].display) if phones else None,
        )
        if entry.kind != "services":
            return card
        return dataclasses.replace(
            card,
            place=views.place(entry),
            hours=hours_view(entry, self.language),
            provider=views.provider(entry),
            languages_spoken=views.languages_spoken(entry),
            towns=views.service_places(entry),
        )


def bilingual(first: NetworkBrochure | PlaceBrochure, second: NetworkBrochure | PlaceBrochure) -> BilingualBrochure:
    """Two languages' brochures of the same thing as one: each need and entry of the first with its twin in the
    second, in the first language's order; the numbers of the first's map on both."""
    needs = []
    for need in first.needs:
        twin = next(section for section in second.needs if section.category.id == need.category.id)
        twins = {card.id: card for card in twin.services}
        pairs = tuple(
            PairedCard(card, dataclasses.replace(twins[card.id], number=card.number, repeated=card.repeated))
            for card in need.services
        )
        needs.append(PairedNeed(need.category, twin.category, pairs))
    common = {field.name: getattr(first, field.name) for field in dataclasses.fields(BrochureView)}
    return BilingualBrochure(
        **common, first=first, second=second, needs=tuple(needs), map=first.map if isinstance(first, PlaceBrochure) else None
    )


def network_contact(config: SiteConfig) -> NetworkContact | None:
    """The network's own contact from site.yml, or None when it gives none."""
    contact = config.contact
    if not contact:
        return None
    call = Code(f"tel:{contact.phone}", contact.phone_display or contact.phone) if contact.phone else None
    return NetworkContact(call, _readable(contact.whatsapp), _readable(contact.viber), contact.email)


def _readable(number: str | None) -> str | None:
    """An E.164 number as people read it: +381 64 123 4567."""
    if number is None:
        return None
    return phonenumbers.format_number(phonenumbers.parse(number, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def shown(url: str) -> str:
    """An address as printed for someone to type: without `https://` and without the last `/`."""
    return re.sub(r"^https?://", "", url).rstrip("/")
