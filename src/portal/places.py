"""Views of where help is, for one language: numbered lists with their maps, and opening hours.

The list is the primary content; each map repeats the list's numbers, so a reader who cannot
use the map loses nothing, and one who can sees which number is where.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel.core import get_global

from . import hours
from .config import SiteConfig
from .hours import Holiday
from .i18n.collation import Collation
from .i18n.locales import LanguageFormat, language_format
from .i18n.plurals import plural_rule_data, plural_samples
from .i18n.translit import to_cyrillic, to_latin
from .maps import MapPoint, country_map, load_outlines, town_map
from .model import BaseMap, Entry
from .views import CountryMap, HoursClock, HoursExceptionView, HoursView, Link, OpeningTimes, PlaceMap, PluralSample, WeekRow


def numbered(link: Link, numbers: dict[str, int]) -> Link:
    """The link with its number in reading order, counted in `numbers`; an entry listed twice keeps its first number."""
    return dataclasses.replace(link, number=numbers.setdefault(link.id, len(numbers) + 1))


def resources_map(
    municipality: Entry,
    title: str,
    services: list[Entry],
    links: Mapping[str, Link],
    config: SiteConfig,
    base: BaseMap | None,
    language: str,
) -> PlaceMap | None:
    """The services of a municipality that have coordinates, numbered as in the list (`links`, by id), on
    the town's streets (`base`, the site's data/maps/<id>.geojson).

    Without such a base map, or without a located service, there would be only dots in an empty box:
    the map shows where the town (`title`, in the page's language) lies in its country instead.
    """
    points = [
        MapPoint(
            links[s.id].number or 0,
            s.facts["coordinates"].latitude,
            s.facts["coordinates"].longitude,
            links[s.id].title.text,
            links[s.id].url,
        )
        for s in services
        if s.facts.get("coordinates") and s.id in links
    ]
    if points and base is not None:
        svg = town_map(sorted(points, key=lambda p: p.number or 0), in_language(base, language), "")
        if svg is not None:
            return PlaceMap(svg, numbered=True)
    centre = municipality.facts["coordinates"]
    here = MapPoint(None, centre.latitude, centre.longitude, title, None)
    svg = country_map(_countries_drawn(municipality.facts["country"]), [here], "", config.disputed_boundary)
    return PlaceMap(svg, numbered=False) if svg is not None else None


def overview_maps(
    municipalities: tuple[Link, ...], entries: Mapping[str, Entry], config: SiteConfig, language: str
) -> tuple[tuple[Link, ...], tuple[CountryMap, ...]]:
    """The listed municipalities numbered, and one map per country with each marked by its number, labelled
    with its name and linked to its page: the site's own country (`country:` in site.yml) first, then the
    others in the order of their names in the page's language."""
    listed = tuple(dataclasses.replace(link, number=number) for number, link in enumerate(municipalities, start=1))
    by_country: dict[str, list[MapPoint]] = {}
    for link in listed:
        entry = entries[link.id]
        point = entry.facts["coordinates"]
        by_country.setdefault(entry.facts["country"], []).append(
            MapPoint(link.number or 0, point.latitude, point.longitude, link.title.text, link.url)
        )
    names = language_format(language).babel_locale.territories
    alphabet = Collation(language)
    maps = []
    for country in sorted(by_country, key=lambda code: (code != config.country, alphabet.key(names.get(code, code)), code)):
        svg = country_map(_countries_drawn(country), by_country[country], "", config.disputed_boundary)
        if svg is not None:
            maps.append(CountryMap(country, names.get(country, country), svg))
    return listed, tuple(maps)


CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def in_language(base: BaseMap, language: str) -> BaseMap:
    """The base map with each name as the page's language writes it (see street_name)."""
    script = script_of(language)
    features = tuple(dataclasses.replace(f, name=street_name(dict(f.names), language, script)) for f in base.features)
    return dataclasses.replace(base, features=features)


def script_of(language: str) -> str:
    """Cyrl or Latn (or another script) for a language tag: its own script subtag, else the likeliest (CLDR)."""
    parts = language.replace("_", "-").split("-")
    own = next((part.title() for part in parts[1:] if len(part) == 4 and part.isalpha()), None)
    likely = get_global("likely_subtags").get(parts[0].lower(), "")
    return own or next((part for part in likely.split("_")[1:] if len(part) == 4), "Latn")


def street_name(names: Mapping[str, str], language: str, script: str) -> str | None:
    """A street's name for a page: `name:<language>` (e.g. name:sr-Latn), else the first of the names
    OpenStreetMap keeps that is already in the page's script, else the local name transliterated
    (Serbian Latin and Cyrillic map one to one), so a reader of Latin letters never meets only Cyrillic."""
    base = language.split("-")[0]
    order = [names.get(language), names.get(base), names.get(""), *(names[key] for key in sorted(names) if key)]
    found = [name for name in order if name]
    if not found:
        return None
    written = {"Cyrl": CYRILLIC, "Latn": LATIN}.get(script)
    if written is None or names.get(language):
        return found[0]
    for name in found:
        if written.search(name) and not (CYRILLIC if script == "Latn" else LATIN).search(name):
            return name
    return to_cyrillic(found[0]) if script == "Cyrl" else to_latin(found[0])


def _countries_drawn(country: str) -> list[str]:
    """The outline(s) a country's map shows: for Serbia also Kosovo, drawn as the site configures."""
    disputed = [pair for pair in load_outlines().get("disputed", []) if country in pair]
    return [country, *[code for pair in disputed for code in pair if code != country]]


@dataclass(frozen=True)
class Clock:
    """What the hours of every service of one country share in one language: its time zone, its public
    holidays from the build's day on, and the language's plural rule ("closes in 5 minutes")."""

    zone: str
    holidays: tuple[Holiday, ...]
    plural: Mapping[str, Any]
    plural_samples: tuple[PluralSample, ...]


def country_clock(country: str, language: str, today: datetime.date) -> Clock | None:
    """The clock of a country's services in `language`: None when the country's time zone is not known."""
    zone = hours.time_zone(country)
    if zone is None:
        return None
    found = hours.public_holidays(country, hours.holiday_years(today), language)
    rule = language_format(language).plural_rule
    samples = tuple(PluralSample(**sample) for sample in plural_samples(rule))
    return Clock(zone, tuple(h for h in found if h.date >= today), plural_rule_data(rule), samples)


def hours_view(entry: Entry, language: str, clock: Clock | None = None) -> HoursView | None:
    """Opening hours and exceptions, written in the reader's language; None when the entry has none.

    With the `clock` of the service's country, also what hours.js needs to say whether it is open now: the hours
    as data, and the public holidays that close it."""
    periods, exceptions = entry.facts.get("hours") or (), entry.facts.get("hours_exceptions") or ()
    if not periods and not exceptions:
        return None
    formats = language_format(language)
    week = tuple(
        WeekRow(hours.describe_days(days, formats), days, tuple(opening_times(p, formats) for p in blocks))
        for days, blocks in (hours.week(periods) if periods else ())
    )
    written = tuple(
        HoursExceptionView(
            formats.format_date(e.date), e.date.isoformat(), e.closed, opening_times(e.period, formats) if e.period else None
        )
        for e in exceptions
    )
    if clock is None or not periods:  # without its weekly hours, no one can say it is closed now
        return HoursView(week, written)
    closed_on_holidays = bool(clock.holidays) and not entry.facts.get("open_on_holidays")
    closing = [(h, hours.describe_date(h.date, formats)) for h in clock.holidays if closed_on_holidays]
    schedule = hours.clock_data(periods, exceptions, closing, formats)
    return HoursView(week, written, HoursClock(clock.zone, closed_on_holidays, schedule, clock.plural, clock.plural_samples))


def opening_times(period: hours.OpeningPeriod, language: LanguageFormat) -> OpeningTimes:
    return OpeningTimes(
        hours.describe_time(period.opens, language),
        hours.describe_time(period.closes, language),
        period.next_day,
        period.around_the_clock,
    )
