"""Open data: the whole directory as Open Referral HSDS 3.0 compatible JSON, one file per language.

Other directories and helplines can reuse the verified data without scraping pages. Identifiers
are UUIDs derived from the site address and the entry's id, so they stay the same from build to
build. `data/hsds-3.0.schema.json` (written for this project from the HSDS 3.0 reference) lists
what is exported, and the tests validate every export against it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .. import urls
from ..model import Entry, LocalEntry, Site

HSDS_VERSION = "3.0"
OPEN_DATA_FOLDER = "open-data"
Text = Callable[[Entry, str], Any]  # a text field of an entry in the export's language


def export_path(site: Site, language: str) -> str:
    return f"{OPEN_DATA_FOLDER}/hsds.{language}.json"


def hsds_files(site: Site, localised: Mapping[tuple[str, str, str], LocalEntry]) -> dict[str, bytes]:
    """One HSDS document per language, as deterministic UTF-8 JSON."""
    files = {}
    ids = Identifiers(site.config.base_url)  # every language's export names the same things by the same ids
    for language in site.config.tags:
        document = hsds_document(site, localised, language, ids)
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
        files[export_path(site, language)] = (text + "\n").encode("utf-8")
    return files


class Identifiers:
    """UUIDs derived from the site's address and a path of names, each worked out once per export."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self._made: dict[str, str] = {}

    def of(self, *parts: str) -> str:
        name = self.base_url + "/".join(parts)
        found = self._made.get(name)
        if found is None:
            found = self._made[name] = str(uuid.uuid5(uuid.NAMESPACE_URL, name))
        return found


def hsds_document(
    site: Site, localised: Mapping[tuple[str, str, str], LocalEntry], language: str, ids: Identifiers | None = None
) -> dict[str, Any]:
    ids = ids or Identifiers(site.config.base_url)

    def text(entry: Entry, name: str) -> Any:
        return _text(localised[(entry.kind, entry.id, language)], name)

    organizations = [_organization(site, ids, entry, text, language) for entry in site.of_kind("organisations")]
    services = [_service(site, ids, entry, text, language) for entry in site.of_kind("services")]
    locations = [_location(ids, entry, text) for entry in site.of_kind("municipalities")]
    locations += [_service_location(ids, entry, text) for entry in site.of_kind("services") if entry.facts.get("coordinates")]
    document = {
        "hsds_version": HSDS_VERSION,
        "language": language,
        "publisher": site.config.base_url,
        "organizations": organizations,
        "services": services,
        "locations": locations,
    }
    pathways = [_pathway(site, ids, entry, text, language) for entry in site.of_kind("pathways")]
    if pathways:  # portal's extension: HSDS has no object for a pathway (README, "Maps and open data")
        document["x_pathways"] = pathways
    return document


def _text(local: LocalEntry, name: str) -> str | None:
    if name == "body":
        return local.body.text.strip() if local.body else None
    value = local.fields.get(name)
    return value.text if value is not None else None


def _phones(ids: Identifiers, entry: Entry) -> list[dict[str, Any]]:
    return [
        {"id": ids.of(entry.kind, entry.id, "phone", str(n)), "number": phone.e164, "type": "cell" if phone.mobile else "voice"}
        for n, phone in enumerate(entry.facts.get("phone", ()))
    ]


def _organization(site: Site, ids: Identifiers, entry: Entry, text: Text, language: str) -> dict[str, Any]:
    organization = {
        "id": ids.of("organisations", entry.id),
        "name": text(entry, "title"),
        "description": text(entry, "summary") or text(entry, "body") or text(entry, "title"),
        "uri": urls.absolute(site.config, urls.entry_url(site.config, language, "organisations", entry.id)),
        "phones": _phones(ids, entry),
    }
    if entry.facts.get("email"):
        organization["email"] = entry.facts["email"][0]
    if entry.facts.get("website"):
        organization["website"] = entry.facts["website"]
    return organization


def _service(site: Site, ids: Identifiers, entry: Entry, text: Text, language: str) -> dict[str, Any]:
    facts = entry.facts
    service = {
        "id": ids.of("services", entry.id),
        "name": text(entry, "title"),
        "description": text(entry, "body") or text(entry, "summary") or text(entry, "title"),
        "status": "active",
        "url": urls.absolute(site.config, urls.entry_url(site.config, language, "services", entry.id)),
        "assured_date": entry.last_verified.isoformat() if entry.last_verified else None,
        "phones": _phones(ids, entry),
        "languages": [{"id": ids.of("services", entry.id, "language", tag), "code": tag} for tag in facts.get("languages", ())],
        "service_areas": [
            {"id": ids.of("services", entry.id, "area", place.id), "name": text(place, "title")}
            for place in _existing(site, "municipalities", facts.get("municipalities", ()))
        ],
        "attributes": [
            {
                "id": ids.of("services", entry.id, "category", category.id),
                "taxonomy_term_id": category.id,
                "label": text(category, "title"),
            }
            for category in _existing(site, "categories", facts.get("categories", ()))
        ],
    }
    schedules = _schedules(ids, entry)
    if schedules:
        service["schedules"] = schedules
    if facts.get("coordinates"):
        service["service_at_locations"] = [
            {"id": ids.of("services", entry.id, "at"), "location_id": ids.of("services", entry.id, "location")}
        ]
    if facts.get("provider"):
        service["organization_id"] = ids.of("organisations", facts["provider"])
    if facts.get("email"):
        service["email"] = facts["email"][0]
    if facts.get("cost") == "free":
        service["fees_description"] = "free"
    bring = localised_list(text, entry, "bring")
    if bring:
        service["required_documents"] = [
            {"id": ids.of("services", entry.id, "document", str(n)), "document": item} for n, item in enumerate(bring)
        ]
    if entry.example:
        service["alert"] = "example data, not a real service"
    return {key: value for key, value in service.items() if value is not None}


def _pathway(site: Site, ids: Identifiers, entry: Entry, text: Text, language: str) -> dict[str, Any]:
    """A pathway, in portal's extension `x_pathways`: its requirements, its steps in order, its laws, who helps."""
    facts = entry.facts
    steps = []
    for position, step in enumerate(facts["steps"], 1):
        described = {
            "position": position,
            "step_id": step["id"],
            "description": text(entry, f"steps.{step['id']}"),
            "service_ids": [ids.of("services", s.id) for s in _existing(site, "services", step.get("services", ()))],
            "office": step.get("office"),
            "required_documents": list(step.get("bring", ())) or None,
            "cost": step.get("cost"),
            "days": step.get("takes_days"),
        }
        steps.append({key: value for key, value in described.items() if value is not None})
    helpers = []
    for helper_id in facts.get("if_refused", ()):
        if site.get("organisations", helper_id):
            helpers.append({"organization_id": ids.of("organisations", helper_id)})
        elif site.get("services", helper_id):
            helpers.append({"service_id": ids.of("services", helper_id)})
    laws = [
        {key: value.isoformat() if key == "checked" else value for key, value in law.items()}
        for law in facts.get("legal_basis", ())
    ]
    pathway = {
        "id": ids.of("pathways", entry.id),
        "name": text(entry, "title"),
        "description": text(entry, "summary") or text(entry, "body"),
        "url": urls.absolute(site.config, urls.entry_url(site.config, language, "pathways", entry.id)),
        "assured_date": entry.last_verified.isoformat() if entry.last_verified else None,
        "requires": [ids.of("pathways", p.id) for p in _existing(site, "pathways", facts.get("requires", ()))],
        "steps": steps,
        "legal_basis": laws,
        "if_refused": helpers,
        "categories": list(facts.get("categories", ())),
        "example": entry.example,
    }
    return {key: value for key, value in pathway.items() if value is not None}


def _existing(site: Site, kind: str, ids: Iterable[str]) -> list[Entry]:
    """The entries of these ids that passed validation (the others have their own errors)."""
    found = [site.get(kind, entry_id) for entry_id in ids]
    return [entry for entry in found if entry is not None]


def localised_list(text: Text, entry: Entry, name: str) -> list[str]:
    value = text(entry, name)
    return list(value) if value else []


def _location(ids: Identifiers, entry: Entry, text: Text) -> dict[str, Any]:
    point = entry.facts["coordinates"]
    return {
        "id": ids.of("municipalities", entry.id),
        "location_type": "physical",
        "name": text(entry, "title"),
        "latitude": point.latitude,
        "longitude": point.longitude,
        "addresses": [
            {
                "id": ids.of("municipalities", entry.id, "address"),
                "address_1": "",
                "city": text(entry, "title"),
                "region": "",
                "state_province": "",
                "postal_code": "",
                "country": entry.facts["country"],
                "address_type": "physical",
            }
        ],
    }


HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _schedules(ids: Identifiers, entry: Entry) -> list[dict[str, Any]]:
    """Weekly opening hours as HSDS schedules (RFC 5545 style BYDAY), one per period."""
    return [
        {
            "id": ids.of("services", entry.id, "hours", str(n)),
            "freq": "WEEKLY",
            "byday": ",".join(HSDS_DAYS[day] for day in period.days),
            "opens_at": str(period.opens),
            "closes_at": str(period.closes),  # "24:00" at the end of the day; earlier than opens_at: the next day
        }
        for n, period in enumerate(entry.facts.get("hours") or ())
    ]


def _service_location(ids: Identifiers, entry: Entry, text: Text) -> dict[str, Any]:
    point = entry.facts["coordinates"]
    location = {
        "id": ids.of("services", entry.id, "location"),
        "location_type": "physical",
        "name": text(entry, "title"),
        "latitude": point.latitude,
        "longitude": point.longitude,
    }
    schedules = _schedules(ids, entry)
    if schedules:
        location["schedules"] = [
            {**schedule, "id": ids.of("services", entry.id, "location-hours", str(n))} for n, schedule in enumerate(schedules)
        ]
    return location
