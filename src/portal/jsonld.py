"""schema.org JSON-LD of the pages about organisations, services, places and pathways, as JSON text.

Search engines and other directories read it to know what a page is about. The same thing has
the same `@id` on every page that names it, so the graph links up across pages and languages.
It is data, not script: the pages' Content-Security-Policy allows no inline script.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import urls
from .config import SiteConfig
from .i18n.translit import strip_marks
from .model import Entry

# schema.org types of organisations; every other type is a non-governmental organisation (NGO).
ORGANISATION_SCHEMA_TYPES = {
    "public-institution": "GovernmentOrganization",
    "international-organisation": "Organization",
    "funder": "Organization",
}
Named = tuple[Entry, str]  # an entry and its name in the page's language


def entry_data(
    config: SiteConfig,
    language: str,
    entry: Entry,
    name: str,
    description: str | None,
    provider: list[Named] | None = None,
    places: list[Named] | None = None,
) -> str:
    """The JSON-LD of an organisation, service or municipality, safe to place inside a <script> element.

    A service names its `provider` and the `places` where it is offered.
    """
    page = _page(config, language, entry)
    # url is the thing's own website where it has one; this page is then only the page about it.
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@id": _schema_id(config, language, entry),
        "name": name,
        "url": entry.facts.get("website") or page,
        "mainEntityOfPage": page,
    }
    if description:
        data["description"] = description
    if entry.kind == "organisations":
        data.update(_organisation(entry.facts))
    elif entry.kind == "services":
        data.update(_service(config, language, entry.facts, provider or [], places or []))
    else:
        data.update(_place(entry.facts))
    return json_for_script(data)


def pathway_data(
    config: SiteConfig, language: str, entry: Entry, name: str, description: str | None, steps: list[tuple[str, str]]
) -> str:
    """A pathway as a schema.org HowTo: its steps in order, each a HowToStep with its text and its place on the page;
    the laws it rests on as `citation` (HowTo is a CreativeWork)."""
    page = _page(config, language, entry)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "@id": f"{page}#pathway",
        "name": name,
        "url": page,
        "inLanguage": language,
        "step": [
            {"@type": "HowToStep", "position": n, "text": text, "url": f"{page}#step-{step_id}"}
            for n, (step_id, text) in enumerate(steps, 1)
        ],
    }
    if description:
        data["description"] = description
    if entry.last_verified:
        data["dateModified"] = entry.last_verified.isoformat()
    citations = [law["link"] for law in entry.facts.get("legal_basis", ()) if law.get("link")]
    if citations:
        data["citation"] = citations
    return json_for_script(data)


def json_for_script(value: Any) -> str:
    """JSON to place inside a <script> element: `<`, `>` and `&` escaped, so no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(character, escaped)
    return text


def _page(config: SiteConfig, language: str, entry: Entry) -> str:
    return urls.absolute(config, urls.entry_url(config, language, entry.kind, entry.id))


def _schema_id(config: SiteConfig, language: str, entry: Entry) -> str:
    """The same thing has the same @id on every page that names it, so the graph links up."""
    return f"{_page(config, language, entry)}#{'place' if entry.kind == 'municipalities' else entry.kind[:-1]}"


def _organisation(facts: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": ORGANISATION_SCHEMA_TYPES.get(facts["type"], "NGO"), **_contact(facts)}
    city = strip_marks(facts["city"]) if facts.get("city") else None  # {lat} marks only matter for transliteration
    address = {"@type": "PostalAddress", "addressCountry": facts.get("country"), "addressLocality": city}
    if facts.get("country") or facts.get("city"):
        data["address"] = {k: v for k, v in address.items() if v}
    return data


def _service(
    config: SiteConfig, language: str, facts: Mapping[str, Any], provider: list[Named], places: list[Named]
) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Service", **_contact(facts)}
    for organisation, name in provider:
        data["provider"] = {
            "@type": ORGANISATION_SCHEMA_TYPES.get(organisation.facts["type"], "NGO"),
            "@id": _schema_id(config, language, organisation),
            "name": name,
        }
    if places:
        data["areaServed"] = [
            {"@type": "Place", "@id": _schema_id(config, language, place), "name": name} for place, name in places
        ]
    if facts.get("languages"):
        data["availableLanguage"] = list(facts["languages"])
    if facts.get("address"):
        data["availableChannel"] = {
            "@type": "ServiceChannel",
            "serviceLocation": {"@type": "Place", "address": strip_marks(facts["address"])},
        }
    return data


def _place(facts: Mapping[str, Any]) -> dict[str, Any]:
    point = facts["coordinates"]
    return {
        "@type": "Place",
        "geo": {"@type": "GeoCoordinates", "latitude": point.latitude, "longitude": point.longitude},
        "address": {"@type": "PostalAddress", "addressCountry": facts["country"]},
        "hasMap": urls.osm_url(point.latitude, point.longitude),
    }


def _contact(facts: Mapping[str, Any]) -> dict[str, Any]:
    """schema.org telephone and email: one value as itself, several as a list."""
    data: dict[str, Any] = {}
    phones = [phone.e164 for phone in facts.get("phone") or ()]
    emails = list(facts.get("email") or ())
    for name, values in (("telephone", phones), ("email", emails)):
        if values:
            data[name] = values[0] if len(values) == 1 else values
    return data
