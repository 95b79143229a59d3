"""Typed, frozen views: what templates, search records, brochures and JSON-LD read.

The plan makes them (portal.plan); nothing changes them afterwards. A template that asks for a
name a view does not have fails with the template's line, so a misspelt name is never shown as
nothing. Each page template gets one of the page views below as `page`; each brochure template
gets a brochure view as `brochure` (portal.outputs.brochures).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .model import LocalText, Phone

# ---------------------------------------------------------------- parts of pages


@dataclass(frozen=True)
class CardFacts:
    """What a card in a list shows of a service or an organisation besides its name, where known: where it is,
    how to call, what it costs; on a place's page also the way there and the opening hours."""

    towns: tuple[LocalText, ...] = ()  # a service's places, an organisation's city
    phone: Phone | None = None  # the first number, for the card's Call button
    cost: str | None = None  # "free" or "fee"; None when it is not known
    place: PlaceView | None = None  # directions and the address in words
    hours: HoursView | None = None


@dataclass(frozen=True)
class Link:
    """A link to an entry, as lists show it."""

    title: LocalText
    summary: LocalText | None
    url: str
    id: str
    last_verified: datetime.date | None
    example: bool
    number: int | None = None  # its number on the map beside the list
    card: CardFacts | None = None  # a service's or an organisation's facts, in lists that show them as cards


@dataclass(frozen=True)
class LanguageChoice:
    """One language of the language menu: the same page in that language."""

    tag: str
    name: str
    current: bool
    url: str


@dataclass(frozen=True)
class Alternate:
    """An hreflang link: the same page in another language (or x-default)."""

    hreflang: str
    href: str


@dataclass(frozen=True)
class Sections:
    """The addresses of the lists of one language variant, for the menu."""

    categories: str
    municipalities: str
    organisations: str
    services: str
    projects: str
    pathways: str = ""


@dataclass(frozen=True)
class ShareLinks:
    """Plain links that hand the page to a messaging app; nothing is loaded from it."""

    whatsapp: str
    viber: str
    sms: str


@dataclass(frozen=True)
class Checked:
    """When the facts of a page were last checked: its entry's date, or the oldest date of what it lists.

    A page whose facts nobody checked, only took from a document, shows that document's date instead
    (`source`, YYYY or YYYY-MM): "from a document of 2020", never a "last checked" no one made."""

    date: datetime.date | None
    listed: bool
    source: str | None = None


@dataclass(frozen=True)
class BrochureLink:
    """A printable brochure of the page, with its paper and file size: the families' edition, the partners' (the
    network's history and members), or one in two languages (each named in itself)."""

    url: str
    size: str
    kilobytes: int
    partners: bool = False
    languages: tuple[SpokenLanguage, ...] = ()  # two, for a brochure in two languages


@dataclass(frozen=True)
class PageNumber:
    """One item of a list's page numbers: a link, or a gap (…)."""

    gap: bool
    number: int | None = None
    url: str | None = None
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """Links between the pages of a long list."""

    number: int
    count: int
    pages: tuple[PageNumber, ...]
    previous: str | None
    next: str | None


@dataclass(frozen=True)
class Fallback:
    """The language a text is shown in when it is not translated into the page's: named in the reader's
    language where a name is known (`name_lang` is then the page's), else as the site's settings name it."""

    tag: str
    name: str
    name_lang: str


@dataclass(frozen=True)
class Outdated:
    """The page's own translation was made from an older version of the source-language text (portal.translations)."""

    tag: str  # the source language
    name: str  # its name in itself, as the link to it says
    url: str  # the entry's page in the source language
    changed: datetime.date | None  # when the source text last changed, where git history tells (else None)


@dataclass(frozen=True)
class EntryView:
    """One entry as shown in one language: its texts, resolved along the fallback chain, and its facts."""

    kind: str
    id: str
    title: LocalText
    summary: LocalText | None
    fields: Mapping[str, LocalText | None]  # every text field of its kind (None when not written)
    body_html: str
    body_lang: str
    fallback: Fallback | None
    # every declared fact of its kind is present (None when not written), so a misspelt name in a template is an error
    facts: Mapping[str, Any]
    last_verified: datetime.date | None
    example: bool
    outdated: Outdated | None = None
    source_date: str | None = None  # YYYY or YYYY-MM, the date of the document its facts come from
    footnotes: bool = False  # body_html has footnotes: the page holds the words that name their links (markdown.py)


@dataclass(frozen=True)
class PlaceView:
    """Where to find a place or a service: the phone's map app, OpenStreetMap, and the address in words."""

    geo: str
    osm: str
    address: str | None
    country: str | None


@dataclass(frozen=True)
class OpeningTimes:
    """One stretch of opening on a day, its times written in the reader's clock."""

    opens: str  # "20:00"
    closes: str  # "08:00"; "24:00" at the end of the day (on a 24-hour clock)
    next_day: bool  # it closes the next day
    around_the_clock: bool  # 00:00 – 24:00: "open 24 hours"


@dataclass(frozen=True)
class WeekRow:
    """Consecutive weekdays with the same hours: "Monday – Friday", and their times (none: closed)."""

    days: str  # weekdays written out, in the reader's language
    weekdays: tuple[int, ...]  # 0 = Monday: hours.js marks today's row
    times: tuple[OpeningTimes, ...]


@dataclass(frozen=True)
class HoursExceptionView:
    """A day with other hours than its weekday's."""

    date: str  # written out in the reader's language
    iso_date: str  # 2026-12-31: hours.js marks it when it is today
    closed: bool
    times: OpeningTimes | None


@dataclass(frozen=True)
class HoursClock:
    """What hours.js reads to say "open now" or "closed now" in the service's own time zone."""

    time_zone: str  # IANA, e.g. Europe/Belgrade: the country of the service's place
    closed_on_holidays: bool  # the country's public holidays close the service (unless an exception says otherwise)
    schedule: Mapping[str, Any]  # hours.clock_data: the week, exceptions and holidays as data
    plural: Mapping[str, Any]  # the CLDR plural rule, as data ("closes in 5 minutes")
    plural_samples: tuple[PluralSample, ...]


@dataclass(frozen=True)
class HoursView:
    """Opening hours, the whole week, and the days with other hours, written in the reader's language."""

    week: tuple[WeekRow, ...]
    exceptions: tuple[HoursExceptionView, ...]
    clock: HoursClock | None = None  # None: printed (a brochure), or no time zone is known


@dataclass(frozen=True)
class SpokenLanguage:
    """A language a service is offered in, named in the reader's language ("srpski, nemački" on a Serbian
    page; `name_lang` the language the name is written in)."""

    tag: str
    name: str
    name_lang: str


@dataclass(frozen=True)
class Membership:
    network: Link
    role: str
    since: datetime.date | None


@dataclass(frozen=True)
class ServiceGroup:
    """The services of a place that help with one need; or (category None, `professionals`) those of a place
    that are only for professionals, which are never listed among the services for families."""

    category: Link | None
    services: tuple[Link, ...]
    professionals: bool = False


@dataclass(frozen=True)
class CountryPlaces:
    """The places of one country, on the start page: the site's own country comes first."""

    country: str  # ISO 3166 code
    name: str  # in the reader's language
    places: tuple[Link, ...]


@dataclass(frozen=True)
class PlaceServices:
    """On a need's page: the services of one place."""

    place: Link
    services: tuple[Link, ...]


@dataclass(frozen=True)
class CountryServices:
    """On a need's page: the places of one country that have services for the need, each with its services."""

    country: str  # ISO 3166 code
    name: str  # in the reader's language
    places: tuple[PlaceServices, ...]


@dataclass(frozen=True)
class ContactView:
    """The network's own contact (site.yml `contact:`), one tap away on every page; links load nothing."""

    phone: str | None  # tel: address
    phone_display: str | None  # the number as people read it
    whatsapp: str | None  # a chat with the number in WhatsApp
    viber: str | None  # a chat with the number in Viber
    email: str | None  # the address itself; the template links it with mailto:


@dataclass(frozen=True)
class CountryMap:
    """One country's map on the places overview: its places, numbered as in the list."""

    country: str
    name: str  # the country's name in the page's language
    svg: str


@dataclass(frozen=True)
class PlaceMap:
    """The map on a place's page and brochure: its services on the town's streets, or where the town lies."""

    svg: str
    numbered: bool  # True: the services' numbers on the town's streets; False: the town marked in its country


@dataclass(frozen=True)
class PluralSample:
    """The smallest count in a plural category, to ask the catalog for that category's words."""

    category: str
    n: int


@dataclass(frozen=True)
class OtherBundle:
    """Another language's index, searched when the reader's finds nothing: where it is, its tag, its stemmer."""

    bundle: str
    tag: str
    stemmer: Mapping[str, Any] | None = None
    pagefind_stems: bool = False  # Pagefind stems it: a matched word may share only its stem with the query's
    forms: Mapping[str, Any] | None = None  # as SearchSetup.forms
    vocabulary: str = ""  # its words: search.js loads its index only if they have the query's


@dataclass(frozen=True)
class SearchSetup:
    """What the search page hands to search.js besides its words: where the index is, the fold, the plural rule."""

    bundle: str
    base: str
    fold: Mapping[str, str]
    plural: Mapping[str, Any]
    plural_samples: tuple[PluralSample, ...]
    stemmer: Mapping[str, Any] | None = None  # portal's light stemmer of the language as data, where Pagefind has none
    vocabulary: str = ""  # the URL of the language's words, fetched when a query word finds nothing
    others: tuple[OtherBundle, ...] = ()  # the languages of the fallback chain, searched when this one finds nothing
    pagefind_stems: bool = False  # Pagefind stems the language: a matched word may share only its stem with the query's
    # Where Pagefind stems the language, portal's light stemmer of it as data: search.js tells with it a word of the query
    # in another form (`Kinder` for `Kind`) from a longer word that only begins the same (`Kindergarten`, `Schulung`).
    forms: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class LinkPreview:
    """What a messaging app shows of a shared link (Open Graph); the title is the page's own <title>."""

    description: str
    type: str  # "website" (the start page, lists) or "article" (an entry's page)
    locale: str  # Open Graph's ll_CC form: sr_RS (both scripts of Serbian), mk_MK, ...
    locale_alternates: tuple[str, ...]  # the site's other languages, each locale once, not this page's
    image: str  # absolute address of the card of this language and kind of page, 1200x630 PNG
    site_name: str


@dataclass(frozen=True)
class ReachLinks:
    """What links a language variant to a reader's phone: its web app manifest (home-screen icon) and its feed."""

    manifest: str
    feed: str
    offline: str | None = None  # the page offering the site to download for use without internet


@dataclass(frozen=True)
class OfflineDownload:
    """An offline edition (portal.outputs.offline): a ZIP of one language's pages, or of all, with its size and day."""

    url: str
    file_name: str  # as it is saved on the phone
    megabytes: Decimal  # one decimal: "3.1"
    made: datetime.date  # the day its content was last checked (the newest `last_verified`), or it was made
    languages: tuple[SpokenLanguage, ...]  # one, or all the site's


@dataclass(frozen=True)
class Saving:
    """ "Save for offline" (saved.js): the pages it keeps together, where the list of saved pages is, and after how
    many months a saved copy is old."""

    urls: tuple[str, ...]  # this page first, then the services it lists (none marked sensitive)
    saved_url: str
    stale_after_months: int


@dataclass(frozen=True)
class ReportLinks:
    """ "Something wrong here?": write to the site's contact, or open the repository's issue form, each filled in with
    the entry's title, address and the reader's language."""

    email: str | None  # mailto: address with subject and body
    sms: str | None  # sms: address with body
    issue: str | None  # GitHub's new-issue address with the form "Information is wrong or outdated"


# ---------------------------------------------------------------- pages of a language variant


@dataclass(frozen=True, kw_only=True)
class PageView:
    """What every page of a language variant shows (base.html): header, menus, languages, footer."""

    lang: str
    dir: str
    language_name: str
    site_title: LocalText
    home_url: str
    root_url: str
    url: str
    absolute_url: str
    languages: tuple[LanguageChoice, ...]
    alternates: tuple[Alternate, ...]
    sections: Sections
    menu_pages: tuple[Link, ...]
    search_url: str
    share: ShareLinks | None  # None: a page not worth sharing (the 404)
    checked: Checked | None = None
    offline_urls: tuple[str, ...] = ()  # pages a reader on this page will want offline too
    brochures: tuple[BrochureLink, ...] = ()
    structured_data: str | None = None  # schema.org JSON-LD, as JSON text safe inside <script>
    place: PlaceView | None = None
    pagination: Pagination | None = None
    contact: ContactView | None = None  # the network's own, when site.yml gives one
    preview: LinkPreview | None = None
    reach: ReachLinks | None = None
    quick_exit: str | None = None  # a sensitive page: where its "Exit this page" button leads
    report: ReportLinks | None = None  # an entry's page: how to say that something on it is wrong
    saving: Saving | None = None  # a place's or a need's page: "Save for offline"

    @property
    def related(self) -> tuple[Link, ...]:
        """The entries this page links to as part of what it is about (search weighs their names lower)."""
        return ()


@dataclass(frozen=True, kw_only=True)
class HomePage(PageView):
    """The start page: where are you (the places by country), what do you need (the needs), then the site's text."""

    entry: EntryView | None  # the text of `pages/home`, if the site has one
    categories: tuple[Link, ...]
    countries: tuple[CountryPlaces, ...]
    example_places: bool = False  # some places are examples: the list says how they are marked

    @property
    def related(self) -> tuple[Link, ...]:
        return (*self.categories, *(place for country in self.countries for place in country.places))


@dataclass(frozen=True, kw_only=True)
class SectionPage(PageView):
    """One page of the list of every entry of a kind."""

    kind: str
    items: tuple[Link, ...]
    count: int
    maps: tuple[CountryMap, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SearchPage(PageView):
    categories: tuple[Link, ...]
    municipalities: tuple[Link, ...]
    search: SearchSetup


@dataclass(frozen=True, kw_only=True)
class NotFoundPage(PageView):
    pass


@dataclass(frozen=True, kw_only=True)
class SavedPage(PageView):
    """What the reader saved for offline reading: listed by saved.js from the phone's own storage."""

    stale_after_months: int


@dataclass(frozen=True, kw_only=True)
class OfflinePage(PageView):
    """The whole site to download for use without internet: this language's edition first, then the one of all."""

    downloads: tuple[OfflineDownload, ...] = ()  # none where they are not made (portal serve)


@dataclass(frozen=True, kw_only=True)
class OfflineSearchPage(PageView):
    """The search page of an offline edition: it searches the titles, summaries and words of the pages in a script
    beside it (Pagefind cannot read its index from disk); without JavaScript it offers the lists of needs and places."""

    categories: tuple[Link, ...]
    municipalities: tuple[Link, ...]
    online_search: str  # the search page on the web
    index_url: str  # the script with what it searches (portal.outputs.offline.search_index)


@dataclass(frozen=True, kw_only=True)
class EntryPage(PageView):
    """The page of one entry (an information page, and the base of the kinds below)."""

    entry: EntryView
    contact_card: str | None = None  # its .vcf in this language, when it has a phone number or an e-mail address


@dataclass(frozen=True, kw_only=True)
class ServicePage(EntryPage):
    provider: Link | None
    categories: tuple[Link, ...]
    municipalities: tuple[Link, ...]
    languages_spoken: tuple[SpokenLanguage, ...]
    hours: HoursView | None

    @property
    def related(self) -> tuple[Link, ...]:
        return (*([self.provider] if self.provider else []), *self.categories, *self.municipalities)


@dataclass(frozen=True, kw_only=True)
class OrganisationPage(EntryPage):
    services: tuple[Link, ...]
    members: tuple[Link, ...]
    projects: tuple[Link, ...]
    memberships: tuple[Membership, ...]

    @property
    def related(self) -> tuple[Link, ...]:
        return (*self.services, *self.members, *(membership.network for membership in self.memberships))


@dataclass(frozen=True, kw_only=True)
class ProjectPage(EntryPage):
    lead: Link | None
    partners: tuple[Link, ...]
    funders: tuple[Link, ...]

    @property
    def related(self) -> tuple[Link, ...]:
        return (*([self.lead] if self.lead else []), *self.partners, *self.funders)


@dataclass(frozen=True, kw_only=True)
class PlacePage(EntryPage):
    """A municipality: its services by need as cards, numbered as on its map; those only for professionals last."""

    groups: tuple[ServiceGroup, ...]
    service_count: int
    map: PlaceMap | None  # None: nothing to show on a map (a country portal has no outline of)
    way_on: tuple[Link, ...] = ()  # when nothing is listed here: the needs, to look elsewhere
    pathways: tuple[Link, ...] = ()  # pathways with a step at one of its services


@dataclass(frozen=True, kw_only=True)
class NeedPage(EntryPage):
    """One page of a need's services for families, by country and place; those tied to no place; and (on the
    first page) those only for professionals, apart."""

    countries: tuple[CountryServices, ...]
    anywhere: tuple[Link, ...]  # services tied to no one place
    professionals: tuple[Link, ...]
    places: tuple[Link, ...]  # the places listed on this page, in order, for the place filter
    service_count: int
    way_on: tuple[Link, ...] = ()  # when nothing is listed: the other needs
    map: None = None
    pathways: tuple[Link, ...] = ()  # the pathways that help with this need (on its first page)


# ---------------------------------------------------------------- pathways


@dataclass(frozen=True)
class PathwayStep:
    """One step of a pathway, as the checklist shows it: what to do, where, what to bring, cost and time."""

    id: str  # pathway.js remembers a ticked step by it
    number: int
    text: LocalText | None
    office: str | None  # a keyword of schema.OFFICES, named by the theme's vocabulary
    services: tuple[Link, ...]  # as cards, with the Call button of the first phone number
    bring: tuple[str, ...]  # keywords of schema.DOCUMENTS
    cost: str | None  # free, fee or unknown
    takes_days: int | None


@dataclass(frozen=True)
class LegalBasisView:
    """A law a pathway rests on, and when someone last checked it still applies."""

    law: LocalText  # written in the language of the pathway's source text
    article: str | None
    link: str | None
    checked: datetime.date


@dataclass(frozen=True, kw_only=True)
class PathwayPage(EntryPage):
    """A pathway as a checklist: what must be done first, the steps in order, the law, and who helps when refused."""

    requires: tuple[Link, ...]
    steps: tuple[PathwayStep, ...]
    legal_basis: tuple[LegalBasisView, ...]
    if_refused: tuple[Link, ...]
    categories: tuple[Link, ...]
    required_by: tuple[Link, ...] = ()  # the pathways this one opens the way to

    @property
    def related(self) -> tuple[Link, ...]:
        return (*self.requires, *self.categories, *(service for step in self.steps for service in step.services))


# ---------------------------------------------------------------- pages outside the language variants


@dataclass(frozen=True)
class LanguageEntrance:
    """One language on the root chooser and the shared 404."""

    tag: str
    name: str
    url: str
    dir: str = "ltr"
    title: LocalText | None = None  # the site's title in that language


@dataclass(frozen=True, kw_only=True)
class ChooserPage:
    lang: str
    site_title: LocalText
    choices: tuple[LanguageEntrance, ...]
    alternates: tuple[Alternate, ...]


@dataclass(frozen=True, kw_only=True)
class SharedNotFoundPage:
    lang: str
    site_title: LocalText
    choices: tuple[LanguageEntrance, ...]
