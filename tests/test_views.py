"""The views templates read (portal.views): frozen once planned, complete for their kind, and naming the entries
each page is about (`related`, which search weighs lower than the page's own words)."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from conftest import FIXTURES, copy_of_minimal, run_stages, write
from portal.schema import KINDS
from portal.views import HomePage, Link, OrganisationPage, PlacePage, ProjectPage, SectionPage, ServicePage


@pytest.fixture(scope="module")
def stages(tmp_path_factory):
    """The minimal fixture with a project, planned (once: the tests only read it)."""
    site = copy_of_minimal(tmp_path_factory.mktemp("views"))
    write(site / "content/projects/povratak/facts.yml", "lead: neostart\npartners: [mreza]\nlast_verified: 2026-11-01\n")
    write(site / "content/projects/povratak/sr-Latn.md", "---\ntitle: Povratak\n---\n")
    return run_stages(site)


def view(stages, output: str):
    return stages.page(output).view


def related_urls(page_view) -> list[str]:
    return [link.url for link in page_view.related]


# ---------------------------------------------------------------- frozen


def test_every_view_of_every_page_is_frozen(stages):
    for page in stages.plan.pages:
        assert dataclasses.is_dataclass(page.view) and page.view.__dataclass_params__.frozen, page.output
        with pytest.raises(dataclasses.FrozenInstanceError):
            page.view.lang = "de"


def test_the_parts_of_a_view_are_frozen_too(stages):
    service = view(stages, "en/services/pravna-pomoc/index.html")
    with pytest.raises(dataclasses.FrozenInstanceError):
        service.provider.url = "/elsewhere/"
    with pytest.raises(dataclasses.FrozenInstanceError):
        service.entry.title = None
    assert isinstance(service.categories, tuple)  # no list a template could append to


# ---------------------------------------------------------------- complete for its kind


def test_an_entry_s_view_has_every_declared_field_so_a_misspelt_name_fails_instead_of_showing_nothing(stages):
    service = view(stages, "en/services/pravna-pomoc/index.html").entry
    assert set(service.facts) == {spec.name for spec in KINDS["services"].facts}
    assert service.facts["website"] is None and service.facts["provider"] == "neostart"
    assert set(service.fields) == {spec.name for spec in KINDS["services"].texts}
    assert service.fields["cost_note"] is None


# ---------------------------------------------------------------- related, per kind of page


def test_a_service_is_about_its_provider_its_needs_and_its_places(stages):
    service = view(stages, "en/services/pravna-pomoc/index.html")
    assert isinstance(service, ServicePage)
    assert related_urls(service) == ["/en/organisations/neostart/", "/en/needs/legal-aid/", "/en/municipalities/novi-sad/"]
    assert [link.title.text for link in service.related] == ["Neostart", "Legal aid", "Novi Sad"]


def test_a_service_without_a_provider_is_about_its_needs_and_places_only(site):
    facts = site / "content/services/pravna-pomoc/facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("provider: neostart\n", ""), encoding="utf-8")
    service = view(run_stages(site), "sr-latn/services/pravna-pomoc/index.html")
    assert service.provider is None
    assert related_urls(service) == ["/sr-latn/needs/legal-aid/", "/sr-latn/municipalities/novi-sad/"]


def test_an_organisation_is_about_its_services_its_members_and_its_networks_not_its_projects(stages):
    neostart = view(stages, "en/organisations/neostart/index.html")
    assert isinstance(neostart, OrganisationPage)
    assert [link.url for link in neostart.projects] == ["/en/projects/povratak/"]
    assert related_urls(neostart) == ["/en/services/pravna-pomoc/", "/en/organisations/mreza/"]  # a service, its network
    network = view(stages, "en/organisations/mreza/index.html")
    assert related_urls(network) == ["/en/organisations/neostart/"]  # its member


def test_a_project_is_about_its_lead_partners_and_funders(stages):
    project = view(stages, "sr-cyrl/projects/povratak/index.html")
    assert isinstance(project, ProjectPage)
    assert related_urls(project) == ["/sr-cyrl/organisations/neostart/", "/sr-cyrl/organisations/mreza/"]
    assert project.funders == ()


def test_the_start_page_is_about_the_needs_and_the_places(stages):
    home = view(stages, "cs/index.html")
    assert isinstance(home, HomePage)
    assert related_urls(home) == ["/cs/needs/legal-aid/", "/cs/municipalities/novi-sad/"]


@pytest.mark.parametrize(
    "output, kind",
    [
        ("en/organisations/index.html", SectionPage),  # a list is about every entry equally: none is weighed lower
        ("en/municipalities/novi-sad/index.html", PlacePage),
        ("en/about/index.html", None),
        ("en/404.html", None),
    ],
)
def test_lists_places_and_plain_pages_name_no_related_entries(stages, output, kind):
    page_view = view(stages, output)
    assert kind is None or isinstance(page_view, kind)
    assert page_view.related == ()


def test_a_link_shows_what_a_list_needs_and_nothing_it_would_have_to_look_up(stages):
    [item] = [link for link in view(stages, "cs/services/index.html").items if link.id == "pravna-pomoc"]
    assert isinstance(item, Link)
    assert (item.title.text, item.title.lang, item.title.is_fallback) == ("Besplatna pravna pomoć", "sr-Latn", True)
    assert item.url == "/cs/services/pravna-pomoc/" and str(item.last_verified) == "2026-11-01"


# ---------------------------------------------------------------- reader first: where, what, how to reach it

CONTACT_FIXTURE = FIXTURES / "contact"  # "Primer mreža": fictional, every entry an example, with a network contact


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    """The fixture network planned once (the tests only read it): two countries, a place with nothing listed, a need
    with nothing listed, a service tied to no place and one only for professionals."""
    folder = tmp_path_factory.mktemp("network") / "site"
    shutil.copytree(CONTACT_FIXTURE, folder)
    return run_stages(folder)


def ids(links) -> list[str]:
    return [link.id for link in links]


def test_the_start_page_offers_the_places_by_country_the_site_s_own_country_first(network):
    home = view(network, "en/index.html")
    assert [(country.country, country.name) for country in home.countries] == [("RS", "Serbia"), ("CZ", "Czechia")]
    assert ids(home.countries[0].places) == ["prazno-selo", "primerovo", "testovac"]
    assert [country.name for country in view(network, "sr-cyrl/index.html").countries] == ["Србија", "Чешка"]
    assert home.example_places  # the fixture's places are all examples: the page says how they are marked


@pytest.mark.parametrize("country, expected", [("CZ", ["CZ", "RS"]), (None, ["CZ", "RS"])])
def test_another_main_country_comes_first_and_without_one_the_countries_go_by_name(tmp_path, country, expected):
    folder = tmp_path / "site"
    shutil.copytree(CONTACT_FIXTURE, folder)
    config = folder / "site.yml"
    text = config.read_text(encoding="utf-8").replace("country: RS\n", f"country: {country}\n" if country else "")
    config.write_text(text, encoding="utf-8")
    # Without a main country, English names decide: Czechia before Serbia.
    assert [c.country for c in view(run_stages(folder), "en/index.html").countries] == expected


def test_a_need_lists_its_services_under_each_country_and_place_then_those_tied_to_no_place(network):
    need = view(network, "en/needs/legal-aid/index.html")
    assert [(c.country, [(p.place.id, ids(p.services)) for p in c.places]) for c in need.countries] == [
        ("RS", [("primerovo", ["primer-pravni-savet"])]),
        ("CZ", [("prikladov", ["primer-pomoc-prikladov"])]),
    ]
    assert ids(need.anywhere) == ["primer-savetovanje-telefonom"]
    assert ids(need.places) == ["primerovo", "prikladov"]  # what the place filter offers, in the order listed


def test_a_service_in_two_places_is_listed_under_each(network):
    need = view(network, "en/needs/health/index.html")
    [serbia] = need.countries
    assert [(p.place.id, ids(p.services)) for p in serbia.places] == [
        ("primerovo", ["primer-dom-zdravlja"]),
        ("testovac", ["primer-dom-zdravlja"]),
    ]


def family_services(page_view) -> set[str]:
    """Every service a need's or a place's page lists for families."""
    if hasattr(page_view, "countries"):
        grouped = [s for c in page_view.countries for p in c.places for s in p.services]
        return set(ids([*grouped, *page_view.anywhere]))
    return set(ids(s for group in page_view.groups if not group.professionals for s in group.services))


@pytest.mark.parametrize(
    "output", ["en/needs/legal-aid/index.html", "rom/needs/legal-aid/index.html", "en/municipalities/primerovo/index.html"]
)
def test_a_service_only_for_professionals_is_listed_apart_never_among_the_services_for_families(network, output):
    page_view = view(network, output)
    apart = (
        page_view.professionals
        if hasattr(page_view, "professionals")
        else [s for group in page_view.groups if group.professionals for s in group.services]
    )
    assert ids(apart) == ["primer-obuka-za-strucnjake"]
    assert "primer-obuka-za-strucnjake" not in family_services(page_view)
    assert "primer-pravni-savet" in family_services(page_view)  # a service for families and professionals alike stays


def test_a_place_lists_its_services_by_need_and_those_only_for_professionals_last(network):
    place = view(network, "en/municipalities/primerovo/index.html")
    groups = [(group.category.id if group.category else None, group.professionals, ids(group.services)) for group in place.groups]
    assert groups == [
        ("legal-aid", False, ["primer-pravni-savet"]),
        ("health", False, ["primer-dom-zdravlja"]),
        (None, True, ["primer-obuka-za-strucnjake"]),
    ]
    assert [s.number for group in place.groups for s in group.services] == [1, 2, 3]  # numbered in reading order, as on the map


def test_a_card_shows_where_the_service_is_its_phone_and_its_cost_where_known(network):
    need = view(network, "en/needs/health/index.html")
    card = need.countries[0].places[0].services[0].card
    assert [town.text for town in card.towns] == ["Primerovo", "Testovac"]
    assert (card.phone.e164, card.cost) == ("+381110000002", "fee")
    assert card.place is None and card.hours is None  # the way there and the hours are for the place's own page
    [anywhere] = view(network, "en/needs/legal-aid/index.html").anywhere
    assert (anywhere.card.towns, anywhere.card.cost, anywhere.card.phone.e164) == ((), "free", "+381110000004")
    [expert] = view(network, "en/needs/legal-aid/index.html").professionals
    assert expert.card.cost is None  # `cost: unknown` is not said on a card


def test_a_card_on_a_place_s_page_also_shows_the_way_there_the_address_and_the_hours(network):
    place = view(network, "sr-latn/municipalities/primerovo/index.html")
    card = place.groups[0].services[0].card
    assert card.place.geo == "geo:44.801,20.462" and card.place.address == "Primer ulica 1"
    weekdays, weekend = card.hours.week  # weekdays written out, as on the service's own page
    assert weekdays.days == "Ponedeljak – petak" and [(t.opens, t.closes) for t in weekdays.times] == [("09:00", "15:00")]
    assert weekend.days == "Subota – nedelja" and weekend.times == ()
    without_coordinates = place.groups[1].services[0].card
    assert without_coordinates.place.geo == "geo:0,0?q=Izmi%C5%A1ljena%205%2C%20Primerovo"  # found by its address


def test_an_organisation_s_card_shows_its_city_and_phone(network):
    [organisation] = view(network, "sr-cyrl/organisations/index.html").items
    # the city is written in Serbian Latin; the Cyrillic page shows it in Cyrillic, as Serbian, not as a fallback
    [town] = organisation.card.towns
    assert (town.text, town.lang, town.is_fallback) == ("Примерово", "sr-Cyrl", False)
    [town] = view(network, "en/organisations/index.html").items[0].card.towns
    assert (town.text, town.lang, town.is_fallback) == ("Primerovo", "sr-Latn", True)
    assert organisation.card.phone.e164 == "+381110000000" and organisation.card.cost is None


@pytest.mark.parametrize(
    "output, way_on",
    [
        ("en/municipalities/prazno-selo/index.html", ["legal-aid", "health", "housing"]),  # every need, to look elsewhere
        ("en/needs/housing/index.html", ["legal-aid", "health"]),  # the other needs
        ("en/needs/legal-aid/index.html", []),  # something is listed: no way on is needed
    ],
)
def test_a_place_or_need_with_nothing_listed_offers_a_way_on(network, output, way_on):
    assert ids(view(network, output).way_on) == way_on


def test_the_network_s_contact_is_on_every_page_of_every_language(network):
    for page in network.plan.pages:
        if page.language is not None:
            contact = page.view.contact
            assert contact.phone == "tel:+381110000000", page.output
            assert contact.whatsapp == "https://wa.me/381110000000" and contact.viber == "viber://chat?number=%2B381110000000"
            assert contact.email == "pomoc@primer.example"


def test_a_site_without_a_contact_shows_none(stages):
    assert all(page.view.contact is None for page in stages.plan.pages if page.language is not None)
