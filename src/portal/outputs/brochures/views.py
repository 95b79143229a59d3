"""What the brochures show: typed, frozen views made with the same view makers as the pages, so both agree.

Each brochure template gets one of these as `brochure`: a network brochure (who the network is, its
members, every service by need) or a municipality's (its resources by need, numbered as on its map).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ... import urls
from ...model import Entry, LocalEntry, LocalText, Site
from ...places import hours_view
from ...plan import LanguageViews
from ...schema import KINDS
from ...views import EntryView, Fallback, HoursView, Link, PathwayStep, PlaceView, SpokenLanguage

NETWORK = "network"  # the name of the network brochure's file; a municipality's is its id


@dataclass(frozen=True)
class PageAddress:
    """A page of the site as a brochure prints it: the full address, and as written to type it (no https://)."""

    url: str
    text: str


@dataclass(frozen=True)
class Card:
    """One organisation or service as a contact block: the facts to call or go there, and its page's address."""

    id: str
    kind: str
    title: LocalText
    summary: LocalText | None
    fields: Mapping[str, LocalText | None]
    facts: Mapping[str, Any]
    fallback: Fallback | None
    example: bool
    last_verified: datetime.date | None
    url: str
    url_text: str
    number: int | None = None  # as on the map
    repeated: bool = False  # described under an earlier need: shown as a reference to it
    place: PlaceView | None = None
    hours: HoursView | None = None
    provider: Link | None = None
    languages_spoken: tuple[SpokenLanguage, ...] = ()
    municipalities: tuple[Link, ...] = ()


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
    page: PageAddress


@dataclass(frozen=True)
class PathwaySection:
    """A pathway as a brochure prints it: what comes first, the steps in order, and its page's address."""

    id: str
    title: LocalText
    summary: LocalText | None
    example: bool
    requires: tuple[Link, ...]
    steps: tuple[PathwayStep, ...]
    page: PageAddress


@dataclass(frozen=True, kw_only=True)
class BrochureView:
    """What every brochure has: its language, the site's title, the page on the site it stands for, its dates."""

    lang: str
    dir: str
    site_title: LocalText
    page: PageAddress
    created: str | None  # ISO date of the newest check among its entries: the PDF's date
    oldest_check: datetime.date | None
    size: str = ""  # the paper size, set for each size it is made in
    pathways: tuple[PathwaySection, ...] = ()  # the network's all; a place's those with a step at its services


@dataclass(frozen=True, kw_only=True)
class NetworkBrochure(BrochureView):
    kind: str = NETWORK
    title: LocalText | None
    about: AboutChapter | None
    networks: tuple[NetworkChapter, ...]
    needs: tuple[NeedSection, ...]


@dataclass(frozen=True, kw_only=True)
class PlaceBrochure(BrochureView):
    kind: str = "municipality"
    title: LocalText
    entry: EntryView
    map: str | None  # None: nothing worth a map (no outline of the place's country)
    map_numbered: bool  # False: the map shows where the place is, not numbered resources
    groups: tuple[NeedSection, ...]


class BrochureViews:
    """The views of one language's brochures."""

    def __init__(
        self, site: Site, localised: Mapping[tuple[str, str, str], LocalEntry], language: str, epoch_date: str | None = None
    ) -> None:
        self.site, self.language, self.config = site, language, site.config
        self.views = LanguageViews(site, localised, language)  # its problems are reported by the plan
        self.epoch_date = epoch_date

    def common(self, page: Entry | None, entries: list[Entry]) -> dict[str, Any]:
        dates = [entry.last_verified for entry in entries if entry.last_verified]
        return {
            "lang": self.language,
            "dir": self.config.language(self.language).direction,
            "site_title": self.views.site_title(),
            "page": self.address(page),
            "created": max(dates).isoformat() if dates else self.epoch_date,
            "oldest_check": min(dates) if dates else None,
        }

    def network(self) -> NetworkBrochure:
        """Who the network is (the `about` page, each network organisation and its members) and the services by need."""
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
        needs: list[NeedSection] = []
        services: dict[str, Entry] = {}
        for category in site.of_kind("categories"):
            helping = views.services_in(category)
            if helping:
                # a service that helps with two needs is described once, under the first
                cards = tuple(
                    dataclasses.replace(card, repeated=card.id in services)
                    for card in sorted((self.card(s) for s in helping), key=self.by_title)
                )
                needs.append(NeedSection(views.link(category), cards))
            services.update((s.id, s) for s in helping)
        listed = [*([about] if about else []), *networks, *member_entries, *services.values()]
        return NetworkBrochure(
            **self.common(None, listed),
            title=views.local(about).fields["title"] if about else None,
            about=AboutChapter(views.entry_view(about), self.address(about)) if about else None,
            networks=tuple(chapters),
            needs=tuple(needs),
            pathways=self.pathways(site.of_kind("pathways")),
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
            **self.common(municipality, [municipality, *services]),
            title=views.local(municipality).fields["title"],
            entry=views.entry_view(municipality),
            map=place_map.svg if place_map else None,
            groups=tuple(sections),
            map_numbered=place_map.numbered if place_map else False,
            pathways=self.pathways(
                [p for link in views.pathways_at(services) for p in [self.site.get("pathways", link.id)] if p is not None]
            ),
        )

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
                    self.address(pathway),
                )
            )
        return tuple(sorted(sections, key=lambda section: order[section.id]))

    def address(self, entry: Entry | None) -> PageAddress:
        """An entry's page on the site (the start page for None): the full address, and as printed to type it."""
        config = self.config
        url = urls.absolute(
            config, urls.entry_url(config, self.language, entry.kind, entry.id) if entry else urls.home_url(config, self.language)
        )
        return PageAddress(url, _shown(url))

    def by_title(self, card: Card) -> tuple[bytes, str]:
        """Cards in the alphabetical order of their titles in this language, as the pages list them (equal titles by id)."""
        return (self.views.collation.key(card.title.text), card.id)

    def card(self, entry: Entry) -> Card:
        """One organisation or service as a contact block: the facts to call or go there, and a QR code to its page."""
        views = self.views
        local = views.local(entry)
        url = self.address(entry).url
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
            url=url,
            url_text=_shown(url),
        )
        if entry.kind != "services":
            return card
        return dataclasses.replace(
            card,
            place=views.place(entry),
            hours=hours_view(entry, self.language),
            provider=views.provider(entry),
            languages_spoken=views.languages_spoken(entry),
            municipalities=views.service_places(entry),
        )


def _shown(url: str) -> str:
    """An address as printed for someone to type: without `https://`."""
    return re.sub(r"^https?://", "", url)
