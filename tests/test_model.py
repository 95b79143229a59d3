"""The data model (portal.model): which entries name which, found without a scan, as the plan asks for them
("the services of this place", "the members of this network"); and the language a page's main text is in."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from portal.config import Language, SiteConfig
from portal.errors import SourceRef
from portal.model import Coordinates, Entry, LocalEntry, LocalText, Phone, Site, link_keys

CONFIG = SiteConfig(
    title={"en": "Help"},
    base_url="https://help.example.org/",
    default_language="en",
    languages=(Language("en", "English", "en", ()),),
    categories=("legal-aid", "housing"),
)


def entry(kind: str, entry_id: str, **facts) -> Entry:
    return Entry(kind, entry_id, SourceRef(f"content/{kind}/{entry_id}/facts.yml"), facts, {})


NEOSTART = entry(
    "organisations",
    "neostart",
    type="civil-society",
    phone=(Phone("+381111234567", "+381 11 123 4567"),),
    memberships=({"network": "mreza", "role": "founder", "since": datetime.date(2019, 3, 19)},),
)
MREZA = entry("organisations", "mreza", type="network")
LEGAL_AID = entry(
    "services",
    "pravna-pomoc",
    provider="neostart",
    categories=("legal-aid", "housing"),
    municipalities=("novi-sad",),
    coordinates=Coordinates(45.25, 19.84),
)
SHELTER = entry("services", "prenociste", provider="mreza", categories=("housing",), municipalities=("novi-sad", "nis"))
NOVI_SAD = entry("municipalities", "novi-sad", country="RS", coordinates=Coordinates(45.2671, 19.8335))
SITE = Site(CONFIG, {e.key: e for e in sorted((NEOSTART, MREZA, LEGAL_AID, SHELTER, NOVI_SAD), key=lambda e: e.key)})


def test_link_keys_name_every_id_an_entry_points_to_once():
    assert link_keys(LEGAL_AID) == [
        ("provider", "neostart"),
        ("categories", "legal-aid"),
        ("categories", "housing"),
        ("municipalities", "novi-sad"),
    ]  # coordinates point at nothing


def test_a_list_of_blocks_names_its_ids_by_block_and_field():
    assert ("memberships.network", "mreza") in link_keys(NEOSTART)
    assert not [key for key in link_keys(NEOSTART) if key[0] in ("phone", "memberships.since")]


def test_the_same_id_named_twice_is_one_link():
    twice = entry("services", "x", categories=("housing", "housing"), provider="housing")
    assert link_keys(twice) == [("categories", "housing"), ("provider", "housing")]


def test_linking_finds_the_entries_of_a_kind_that_name_an_id():
    assert SITE.linking("services", "municipalities", "novi-sad") == [LEGAL_AID, SHELTER]  # in the site's order
    assert SITE.linking("services", "municipalities", "nis") == [SHELTER]
    assert SITE.linking("services", "provider", "neostart") == [LEGAL_AID]
    assert SITE.linking("organisations", "memberships.network", "mreza") == [NEOSTART]


def test_linking_is_empty_for_an_id_no_one_names_or_a_field_of_another_kind():
    assert SITE.linking("services", "municipalities", "beograd") == []
    assert SITE.linking("organisations", "municipalities", "novi-sad") == []  # services name places, not organisations


def test_of_kind_lists_a_kind_s_entries_in_order_and_nothing_for_a_kind_without_any():
    assert SITE.of_kind("services") == [LEGAL_AID, SHELTER]
    assert SITE.of_kind("projects") == []


def test_what_the_site_hands_out_cannot_change_the_site():
    SITE.of_kind("services").clear()
    SITE.linking("services", "provider", "neostart").append(MREZA)
    assert SITE.of_kind("services") == [LEGAL_AID, SHELTER]
    assert SITE.linking("services", "provider", "neostart") == [LEGAL_AID]


def test_get_finds_an_entry_by_kind_and_id():
    assert SITE.get("organisations", "neostart") is NEOSTART and SITE.get("organisations", "nobody") is None


def test_entries_are_frozen_values():
    with pytest.raises(dataclasses.FrozenInstanceError):
        NEOSTART.id = "renamed"  # type: ignore[misc]


# ---------------------------------------------------------------- the language of a page's main text


def local(title: LocalText, body: LocalText | None) -> LocalEntry:
    return LocalEntry(NEOSTART, "cs", {"title": title}, body)


@pytest.mark.parametrize(
    "title, body, fallback",
    [
        (LocalText("Neostart", "cs"), LocalText("Text.", "cs"), None),
        (LocalText("Neostart", "cs"), LocalText("Text.", "en", is_fallback=True), "en"),  # the body is what is read
        (LocalText("Neostart", "en", is_fallback=True), LocalText("Text.", "cs"), None),
        (LocalText("Neostart", "en", is_fallback=True), None, "en"),  # no body: the title says
        (LocalText("Neostart", "en", is_fallback=True), LocalText("  \n", "cs"), "en"),  # nor an empty one
    ],
)
def test_the_main_text_s_language_is_the_body_s_or_without_a_body_the_title_s(title, body, fallback):
    assert local(title, body).fallback_language == fallback
