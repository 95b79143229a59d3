"""The views templates read (portal.views): frozen once planned, complete for their kind, and naming the entries
each page is about (`related`, which search weighs lower than the page's own words)."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import copy_of_minimal, run_stages, write
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
