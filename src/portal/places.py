"""Views of where help is, for one language: numbered lists with their maps, and opening hours.

The list is the primary content; each map repeats the list's numbers, so a reader who cannot
use the map loses nothing, and one who can sees which number is where.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from .config import SiteConfig
from .hours import describe_exception, describe_period
from .i18n.locales import language_format
from .maps import MapPoint, area_map, country_map, load_outlines
from .model import Entry
from .views import CountryMap, HoursExceptionView, HoursView, Link, OpeningPeriodView


def numbered(link: Link, numbers: dict[str, int]) -> Link:
    """The link with its number in reading order, counted in `numbers`; an entry listed twice keeps its first number."""
    return dataclasses.replace(link, number=numbers.setdefault(link.id, len(numbers) + 1))


def resources_map(municipality: Entry, services: list[Entry], links: Mapping[str, Link], config: SiteConfig) -> str:
    """The services of a municipality that have coordinates, numbered as in the list (`links`, by id).

    Without any such service, the map shows where the municipality lies in its country instead.
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
    if points:
        return area_map(sorted(points, key=lambda p: p.number), "")
    centre = municipality.facts["coordinates"]
    here = MapPoint(1, centre.latitude, centre.longitude, "", None)
    return country_map(_countries_drawn(municipality.facts["country"]), [here], "", config.disputed_boundary)


def overview_maps(
    municipalities: tuple[Link, ...], entries: Mapping[str, Entry], config: SiteConfig
) -> tuple[tuple[Link, ...], tuple[CountryMap, ...]]:
    """The listed municipalities numbered, and one map per country with each marked by its number and linked to its page."""
    listed = tuple(dataclasses.replace(link, number=number) for number, link in enumerate(municipalities, start=1))
    by_country: dict[str, list[MapPoint]] = {}
    for link in listed:
        entry = entries[link.id]
        point = entry.facts["coordinates"]
        by_country.setdefault(entry.facts["country"], []).append(
            MapPoint(link.number or 0, point.latitude, point.longitude, link.title.text, link.url)
        )
    known = load_outlines()["countries"]
    maps = tuple(
        CountryMap(country, country_map(_countries_drawn(country), points, "", config.disputed_boundary))
        for country, points in sorted(by_country.items())
        if country in known
    )
    return listed, maps


def _countries_drawn(country: str) -> list[str]:
    """The outline(s) a country's map shows: for Serbia also Kosovo, drawn as the site configures."""
    disputed = [pair for pair in load_outlines().get("disputed", []) if country in pair]
    return [country, *[code for pair in disputed for code in pair if code != country]]


def hours_view(entry: Entry, language: str) -> HoursView | None:
    """Opening hours and exceptions, written in the reader's language; None when the entry has none."""
    periods, exceptions = entry.facts.get("hours") or (), entry.facts.get("hours_exceptions") or ()
    if not periods and not exceptions:
        return None
    formats = language_format(language)
    return HoursView(
        tuple(OpeningPeriodView(**describe_period(period, formats)) for period in periods),
        tuple(HoursExceptionView(**describe_exception(exception, formats)) for exception in exceptions),
    )
