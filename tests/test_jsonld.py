"""schema.org JSON-LD (portal.jsonld): data that cannot break out of its <script> element, contact details in
the form schema.org expects, and the same @id for a thing on every page that names it."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_of_minimal, run_stages, write
from portal.build import build
from portal.config import Language, SiteConfig
from portal.errors import SourceRef
from portal.jsonld import entry_data, json_for_script
from portal.model import Coordinates, Entry, Phone

CONFIG = SiteConfig(
    title={"en": "Help"},
    base_url="https://example.org/help/",
    default_language="en",
    languages=(Language("en", "English", "en", ()),),
    categories=(),
)
PHONES = (Phone("+381111234567", "+381 11 123 4567"), Phone("+381641234567", "+381 64 123 4567", mobile=True))


def organisation(**facts) -> Entry:
    return Entry(
        "organisations", "neostart", SourceRef("content/organisations/neostart/facts.yml"), {"type": "civil-society", **facts}, {}
    )


def data_of(entry: Entry, **related) -> dict:
    return json.loads(entry_data(CONFIG, "en", entry, "Neostart", None, **related))


# ---------------------------------------------------------------- inside <script>


@settings(max_examples=50)  # fifty examples already reach nested values of every kind
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
    )
)
def test_any_value_reads_back_the_same_and_never_holds_a_character_that_ends_a_script(value):
    text = json_for_script(value)
    assert json.loads(text) == value
    assert not set("<>&\u2028\u2029") & set(text)


def test_the_same_data_gives_the_same_text():
    # keys sorted: a page's bytes do not depend on the order facts were written in
    assert json_for_script({"b": 1, "a": 2}) == json_for_script({"a": 2, "b": 1}) == '{"a":2,"b":1}'


# ---------------------------------------------------------------- contact details


def test_one_phone_and_one_email_are_values_several_are_lists():
    one = data_of(organisation(phone=PHONES[:1], email=("info@example.org",)))
    assert (one["telephone"], one["email"]) == ("+381111234567", "info@example.org")
    several = data_of(organisation(phone=PHONES, email=("info@example.org", "help@example.org")))
    assert several["telephone"] == ["+381111234567", "+381641234567"]
    assert several["email"] == ["info@example.org", "help@example.org"]
    assert "telephone" not in data_of(organisation()) and "email" not in data_of(organisation())


def test_the_page_is_the_thing_s_address_unless_it_has_a_website_of_its_own():
    without = data_of(organisation())
    assert without["url"] == without["mainEntityOfPage"] == "https://example.org/help/en/organisations/neostart/"
    with_website = data_of(organisation(website="https://neostart.org/"))
    assert with_website["url"] == "https://neostart.org/"
    assert with_website["mainEntityOfPage"] == "https://example.org/help/en/organisations/neostart/"


def test_an_organisation_s_schema_org_type_follows_its_kind():
    assert data_of(organisation())["@type"] == "NGO"
    assert data_of(organisation(type="public-institution"))["@type"] == "GovernmentOrganization"
    assert data_of(organisation(type="funder"))["@type"] == "Organization"


def test_a_place_has_its_point_its_country_and_a_map():
    place = Entry(
        "municipalities", "novi-sad", SourceRef("x"), {"country": "RS", "coordinates": Coordinates(45.2671, 19.8335)}, {}
    )
    data = json.loads(entry_data(CONFIG, "en", place, "Novi Sad", "A city."))
    assert data["@id"] == "https://example.org/help/en/municipalities/novi-sad/#place"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 45.2671, "longitude": 19.8335}
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "RS"}
    assert data["description"] == "A city." and data["hasMap"].startswith("https://www.openstreetmap.org/?mlat=45.2671")


# ---------------------------------------------------------------- on the pages


def html_of(site, path: str) -> str:
    return build(site).files[path].decode()


def structured_data(html: str) -> dict:
    [found] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return json.loads(found)


def test_organisation_structured_data(site):
    data = structured_data(html_of(site, "en/organisations/neostart/index.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NGO"
    assert data["name"] == "Neostart" and data["telephone"] == "+381111234567" and data["email"] == "info@example.org"
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "RS"}
    assert data["url"] == data["mainEntityOfPage"] == "https://help.example.org/en/organisations/neostart/"


def test_service_and_place_structured_data_link_up(site):
    files = build(site).files
    service = structured_data(files["cs/services/pravna-pomoc/index.html"].decode())
    place = structured_data(files["cs/municipalities/novi-sad/index.html"].decode())
    assert service["@type"] == "Service" and service["availableLanguage"] == ["sr-Latn", "rom"]
    assert service["provider"]["@id"] == "https://help.example.org/cs/organisations/neostart/#organisation"
    assert service["areaServed"][0]["@id"] == place["@id"]
    assert place["@type"] == "Place"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 45.2671, "longitude": 19.8335}


def test_structured_data_cannot_close_its_script_element(site):
    # A tag in a title is refused by validation; what is left of the kind still ends a script element if not escaped
    write(site / "content/organisations/neostart/en.md", "---\ntitle: 1 < 2 & 3 > 2 </script\n---\n")
    html = html_of(site, "en/organisations/neostart/index.html")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    assert structured_data(html)["name"] == "1 < 2 & 3 > 2 </script"


def test_json_for_script_escapes_line_separators_too():
    assert str(json_for_script({"a": "<b>&\u2028"})) == '{"a":"\\u003cb\\u003e\\u0026\\u2028"}'


# ---------------------------------------------------------------- one graph across the pages


def structured(stages, output: str) -> dict:
    return json.loads(stages.page(output).view.structured_data)


@pytest.fixture(scope="module")
def stages(tmp_path_factory):
    """The minimal fixture planned once: the tests only read it."""
    return run_stages(copy_of_minimal(tmp_path_factory.mktemp("jsonld")))


def test_a_service_names_its_provider_and_places_by_the_ids_their_own_pages_give_them(stages):
    for prefix in ("sr-cyrl", "en"):
        service = structured(stages, f"{prefix}/services/pravna-pomoc/index.html")
        provider = structured(stages, f"{prefix}/organisations/neostart/index.html")
        place = structured(stages, f"{prefix}/municipalities/novi-sad/index.html")
        assert (
            service["provider"]["@id"]
            == provider["@id"]
            == f"https://help.example.org/{prefix}/organisations/neostart/#organisation"
        )
        assert [area["@id"] for area in service["areaServed"]] == [place["@id"]]
        assert service["provider"]["name"] == provider["name"] and service["areaServed"][0]["name"] == place["name"]
    assert structured(stages, "sr-cyrl/services/pravna-pomoc/index.html")["name"] == "Бесплатна правна помоћ"


def test_pages_about_no_organisation_service_or_place_have_no_structured_data(stages):
    for output in ("en/index.html", "en/about/index.html", "en/needs/legal-aid/index.html", "en/services/index.html"):
        assert stages.page(output).view.structured_data is None, output
