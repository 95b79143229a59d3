"""Views of where help is, for one language: numbered lists with their maps, and opening hours.

The list is the primary content; each map repeats the list's numbers, so a reader who cannot
use the map loses nothing, and one who can sees which number is where.
"""
from __future__ import annotations

from typing import Any

from .config import SiteConfig
from .hours import describe_exception, describe_period
from .i18n.locales import language_format
from .maps import MapPoint, area_map, country_map, load_outlines
from .model import Entry


def number_groups(groups: list[dict[str, Any]]) -> dict[str, int]:
    """Give each listed entry a number, in reading order; an entry listed twice keeps its first number."""
    numbers: dict[str, int] = {}
    for group in groups:
        for item in group["services"]:
            item["number"] = numbers.setdefault(item["id"], len(numbers) + 1)
    return numbers


def resources_map(municipality: Entry, services: list[Entry], numbers: dict[str, int], links: dict[str, dict],
                  config: SiteConfig) -> str:
    """The services of a municipality that have coordinates, numbered as in the list.

    Without any such service, the map shows where the municipality lies in its country instead.
    """
    points = [MapPoint(numbers[s.id], s.facts["coordinates"].latitude, s.facts["coordinates"].longitude,
                       links[s.id]["title"].text, links[s.id]["url"])
              for s in services if s.facts.get("coordinates") and s.id in numbers]
    if points:
        return area_map(sorted(points, key=lambda p: p.number), "")
    centre = municipality.facts["coordinates"]
    here = MapPoint(1, centre.latitude, centre.longitude, "", None)
    return country_map(_countries_drawn(municipality.facts["country"]), [here], "", config.disputed_boundary)


def overview_maps(municipalities: list[dict[str, Any]], entries: dict[str, Entry], config: SiteConfig) -> list[dict[str, Any]]:
    """One map per country of the listed municipalities, each marked with its number and linked to its page."""
    by_country: dict[str, list[MapPoint]] = {}
    for number, item in enumerate(municipalities, start=1):
        item["number"] = number
        entry = entries[item["id"]]
        point = entry.facts["coordinates"]
        by_country.setdefault(entry.facts["country"], []).append(
            MapPoint(number, point.latitude, point.longitude, item["title"].text, item["url"]))
    known = load_outlines()["countries"]
    return [{"country": country, "svg": country_map(_countries_drawn(country), points, "", config.disputed_boundary)}
            for country, points in sorted(by_country.items()) if country in known]


def _countries_drawn(country: str) -> list[str]:
    """The outline(s) a country's map shows: for Serbia also Kosovo, drawn as the site configures."""
    disputed = [pair for pair in load_outlines().get("disputed", []) if country in pair]
    return [country, *[code for pair in disputed for code in pair if code != country]]


def hours_view(entry: Entry, language: str) -> dict[str, Any] | None:
    """Opening hours and exceptions, written in the reader's language; None when the entry has none."""
    periods, exceptions = entry.facts.get("hours") or (), entry.facts.get("hours_exceptions") or ()
    if not periods and not exceptions:
        return None
    formats = language_format(language)
    return {"periods": [describe_period(period, formats) for period in periods],
            "exceptions": [describe_exception(exception, formats) for exception in exceptions]}
