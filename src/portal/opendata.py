"""Open data: the whole directory as Open Referral HSDS 3.0 compatible JSON, one file per language.

Other directories and helplines can reuse the verified data without scraping pages. Identifiers
are UUIDs derived from the site address and the entry's id, so they stay the same from build to
build. `data/hsds-3.0.schema.json` (written for this project from the HSDS 3.0 reference) lists
what is exported, and the tests validate every export against it.
"""
from __future__ import annotations

import functools
import json
import uuid
from typing import Any

from . import urls
from .model import Entry, LocalEntry, Site

HSDS_VERSION = "3.0"


OPEN_DATA_FOLDER = "open-data"


def export_path(site: Site, language: str) -> str:
    return f"{OPEN_DATA_FOLDER}/hsds.{language}.json"


def hsds_files(site: Site, localised: dict[tuple[str, str, str], LocalEntry]) -> dict[str, bytes]:
    """One HSDS document per language, as deterministic UTF-8 JSON."""
    files = {}
    try:
        for language in site.config.tags:
            document = hsds_document(site, localised, language)
            text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
            files[export_path(site, language)] = (text + "\n").encode("utf-8")
    finally:
        _name_uuid.cache_clear()  # the ids served this export: a long preview session would keep every one ever made
    return files


def entity_id(site: Site, *parts: str) -> str:
    return _name_uuid(site.config.base_url + "/".join(parts))


@functools.lru_cache(maxsize=None)
def _name_uuid(name: str) -> str:
    """Every language's export names the same things by the same ids: each id is worked out once per export."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def hsds_document(site: Site, localised, language: str) -> dict[str, Any]:
    text = lambda entry, name: _text(localised[(entry.kind, entry.id, language)], name)
    organizations = [_organization(site, entry, text, language) for entry in site.of_kind("organisations")]
    services = [_service(site, entry, text, language) for entry in site.of_kind("services")]
    locations = [_location(site, entry, text) for entry in site.of_kind("municipalities")]
    locations += [_service_location(site, entry, text) for entry in site.of_kind("services") if entry.facts.get("coordinates")]
    return {
        "hsds_version": HSDS_VERSION,
        "language": language,
        "publisher": site.config.base_url,
        "organizations": organizations,
        "services": services,
        "locations": locations,
    }


def _text(local: LocalEntry, name: str) -> str | None:
    if name == "body":
        return local.body.text.strip() if local.body else None
    value = local.fields.get(name)
    return value.text if value is not None else None


def _phones(site: Site, entry: Entry) -> list[dict[str, Any]]:
    return [{"id": entity_id(site, entry.kind, entry.id, "phone", str(n)), "number": phone.e164,
             "type": "cell" if phone.mobile else "voice"} for n, phone in enumerate(entry.facts.get("phone", ()))]


def _organization(site: Site, entry: Entry, text, language: str) -> dict[str, Any]:
    organization = {
        "id": entity_id(site, "organisations", entry.id),
        "name": text(entry, "title"),
        "description": text(entry, "summary") or text(entry, "body") or text(entry, "title"),
        "uri": urls.absolute(site.config, urls.entry_url(site.config, language, "organisations", entry.id)),
        "phones": _phones(site, entry),
    }
    if entry.facts.get("email"):
        organization["email"] = entry.facts["email"][0]
    if entry.facts.get("website"):
        organization["website"] = entry.facts["website"]
    return organization


def _service(site: Site, entry: Entry, text, language: str) -> dict[str, Any]:
    facts = entry.facts
    service = {
        "id": entity_id(site, "services", entry.id),
        "name": text(entry, "title"),
        "description": text(entry, "body") or text(entry, "summary") or text(entry, "title"),
        "status": "active",
        "url": urls.absolute(site.config, urls.entry_url(site.config, language, "services", entry.id)),
        "assured_date": entry.last_verified.isoformat() if entry.last_verified else None,
        "phones": _phones(site, entry),
        "languages": [{"id": entity_id(site, "services", entry.id, "language", tag), "code": tag}
                      for tag in facts.get("languages", ())],
        "service_areas": [{"id": entity_id(site, "services", entry.id, "area", place),
                           "name": text(site.get("municipalities", place), "title")}
                          for place in facts.get("municipalities", ()) if site.get("municipalities", place)],
        "attributes": [{"id": entity_id(site, "services", entry.id, "category", category), "taxonomy_term_id": category,
                        "label": text(site.get("categories", category), "title")}
                       for category in facts.get("categories", ()) if site.get("categories", category)],
    }
    schedules = _schedules(site, entry)
    if schedules:
        service["schedules"] = schedules
    if facts.get("coordinates"):
        service["service_at_locations"] = [{"id": entity_id(site, "services", entry.id, "at"),
                                            "location_id": entity_id(site, "services", entry.id, "location")}]
    if facts.get("provider"):
        service["organization_id"] = entity_id(site, "organisations", facts["provider"])
    if facts.get("email"):
        service["email"] = facts["email"][0]
    if facts.get("cost") == "free":
        service["fees_description"] = "free"
    bring = localised_list(text, entry, "bring")
    if bring:
        service["required_documents"] = [{"id": entity_id(site, "services", entry.id, "document", str(n)), "document": item}
                                          for n, item in enumerate(bring)]
    if entry.example:
        service["alert"] = "example data, not a real service"
    return {key: value for key, value in service.items() if value is not None}


def localised_list(text, entry: Entry, name: str) -> list[str]:
    value = text(entry, name)
    return list(value) if value else []


def _location(site: Site, entry: Entry, text) -> dict[str, Any]:
    point = entry.facts["coordinates"]
    return {
        "id": entity_id(site, "municipalities", entry.id),
        "location_type": "physical",
        "name": text(entry, "title"),
        "latitude": point.latitude,
        "longitude": point.longitude,
        "addresses": [{"id": entity_id(site, "municipalities", entry.id, "address"), "address_1": "",
                       "city": text(entry, "title"), "region": "", "state_province": "", "postal_code": "",
                       "country": entry.facts["country"], "address_type": "physical"}],
    }


HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _schedules(site: Site, entry: Entry) -> list[dict[str, Any]]:
    """Weekly opening hours as HSDS schedules (RFC 5545 style BYDAY), one per period."""
    return [{"id": entity_id(site, "services", entry.id, "hours", str(n)), "freq": "WEEKLY",
             "byday": ",".join(HSDS_DAYS[day] for day in period.days),
             "opens_at": period.opens.strftime("%H:%M"), "closes_at": period.closes.strftime("%H:%M")}
            for n, period in enumerate(entry.facts.get("hours") or ())]


def _service_location(site: Site, entry: Entry, text) -> dict[str, Any]:
    point = entry.facts["coordinates"]
    location = {"id": entity_id(site, "services", entry.id, "location"), "location_type": "physical",
                "name": text(entry, "title"), "latitude": point.latitude, "longitude": point.longitude}
    schedules = _schedules(site, entry)
    if schedules:
        location["schedules"] = [{**schedule, "id": entity_id(site, "services", entry.id, "location-hours", str(n))}
                                 for n, schedule in enumerate(schedules)]
    return location
