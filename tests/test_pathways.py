"""Pathways (content/pathways/): papers step by step. What an editor is told when a pathway is wrong, and what a
reader finds on its page: what comes first, the steps in order with where to go, the law, and who helps when refused.

The pathways here are fictional (a made-up law at laws.example.org), written into a copy of the minimal site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import write
from portal.build import build

A = "content/pathways/papers-a/facts.yml"
B = "content/pathways/papers-b/facts.yml"
C = "content/pathways/papers-c/facts.yml"

FACTS_A = """\
last_verified: 2026-11-01
example: true
audiences: [returnees, families]
categories: [legal-aid]
steps:
  - id: first-office
    office: registry-office
    services: [pravna-pomoc]
    bring: [return-papers, photo]
    cost: free
    takes_days: 3
  - id: second-office
    office: police-station
    cost: fee
    takes_days: 0
legal_basis:
  - law: Zakon o izmišljenim papirima
    article: "7"
    link: https://laws.example.org/papers
    checked: 2026-10-01
if_refused: [neostart, pravna-pomoc]
"""
TEXT_A = """\
---
title: Izmišljeni papiri
summary: Primer puta do papira.
steps:
  first-office: Idite u prvu kancelariju.
  second-office: Zatim idite u drugu kancelariju.
---
"""
TEXT_A_EN = """\
---
title: Made-up papers
steps:
  first-office: Go to the first office.
---
"""


def facts_with(requires: str = "", steps: str = "  - id: only-step\n") -> str:
    return f"last_verified: 2026-11-01\naudiences: [returnees]\ncategories: [legal-aid]\n{requires}steps:\n{steps}"


def text_with(title: str, steps: str = "  only-step: Uradite ovo.\n") -> str:
    return f"---\ntitle: {title}\nsteps:\n{steps}---\n"


def add_pathways(site: Path) -> None:
    write(site / A, FACTS_A)
    write(site / "content/pathways/papers-a/sr-Latn.md", TEXT_A)
    write(site / "content/pathways/papers-a/en.md", TEXT_A_EN)
    write(site / B, facts_with("requires: [papers-a]\n"))
    write(site / "content/pathways/papers-b/sr-Latn.md", text_with("Drugi papiri"))


def errors(site: Path) -> list[str]:
    return [p.format() for p in build(site).problems if p.severity == "error"]


def test_valid_pathways_build_without_errors(site):
    add_pathways(site)
    assert errors(site) == []


# ---------------------------------------------------------------- what an editor is told


def test_a_requirement_cycle_of_two_is_refused_naming_both_files(site):
    add_pathways(site)
    write(site / A, FACTS_A.replace("example: true\n", "example: true\nrequires: [papers-b]\n"))
    found = errors(site)
    # papers-a requires papers-b on its line 3; papers-b requires papers-a on its line 4
    both = f"remove one of these requirements: {A}:3, {B}:4"
    assert found == [
        f"{A}:3: error: `papers-a` requires `papers-b`, which leads back to it: papers-a → papers-b → papers-a; "
        f"a pathway cannot come before itself; {both}",
        f"{B}:4: error: `papers-b` requires `papers-a`, which leads back to it: papers-a → papers-b → papers-a; "
        f"a pathway cannot come before itself; {both}",
    ]


def test_a_longer_cycle_and_a_pathway_requiring_itself_are_refused(site):
    add_pathways(site)
    # a → b → c → a, with another requirement beside it that is not in the circle
    write(site / A, FACTS_A.replace("example: true\n", "example: true\nrequires: [papers-c]\n"))
    write(site / C, facts_with("requires: [papers-b]\n"))
    write(site / "content/pathways/papers-c/sr-Latn.md", text_with("Treći papiri"))
    found = errors(site)
    circle = "papers-a → papers-c → papers-b → papers-a"
    assert [line.split(": error: ")[0] for line in found] == [f"{A}:3", f"{B}:4", f"{C}:4"]
    assert all(circle in line and f"{A}:3, {C}:4, {B}:4" in line for line in found)
    write(site / B, facts_with("requires: [papers-a, papers-b]\n"))
    write(site / A, FACTS_A)
    write(site / C, facts_with())
    assert errors(site) == [
        f"{B}:4: error: `papers-b` requires `papers-b`, which leads back to it: papers-b → papers-b; "
        f"a pathway cannot come before itself; remove one of these requirements: {B}:4"
    ]


def test_a_chain_without_a_circle_is_not_a_cycle(site):
    """Two pathways requiring the same one (a diamond) is not a circle."""
    add_pathways(site)
    write(site / C, facts_with("requires: [papers-a, papers-b]\n"))
    write(site / "content/pathways/papers-c/sr-Latn.md", text_with("Treći papiri"))
    assert errors(site) == []


@pytest.mark.parametrize(
    ("replace", "by", "line", "message"),
    [
        (
            "if_refused: [neostart, pravna-pomoc]",
            "if_refused: [neostrat]",
            21,
            "`if_refused` names `neostrat`, which does not"
            " exist in content/organisations/ or content/services/; did you mean `neostart`?",
        ),
        (
            "services: [pravna-pomoc]",
            "services: [pravna-pomod]",
            8,
            "`services` names `pravna-pomod`, which does not exist in content/services/; did you mean `pravna-pomoc`?",
        ),
        (
            "example: true\n",
            "example: true\nrequires: [papers-x]\n",
            3,
            "`requires` names `papers-x`, which does not exist in content/pathways/; did you mean `papers-b`?",
        ),
    ],
)
def test_a_missing_pathway_service_or_organisation(site, replace, by, line, message):
    add_pathways(site)
    write(site / A, FACTS_A.replace(replace, by))
    assert errors(site) == [f"{A}:{line}: error: {message}"]


def test_a_step_without_a_text_in_the_source_language(site):
    add_pathways(site)
    # the English text lacks second-office too, but English is not the source language: it falls back
    write(
        site / "content/pathways/papers-a/sr-Latn.md", TEXT_A.replace("  second-office: Zatim idite u drugu kancelariju.\n", "")
    )
    assert errors(site) == [
        f"{A}:12: error: step `second-office` has no text in sr-Latn.md; add a line `  second-office: what to do` "
        "under `steps:` in content/pathways/papers-a/sr-Latn.md"
    ]


def test_a_text_for_a_step_that_does_not_exist(site):
    add_pathways(site)
    write(site / "content/pathways/papers-a/en.md", TEXT_A_EN.replace("first-office:", "frist-office:"))
    assert errors(site) == [
        "content/pathways/papers-a/en.md:4: error: there is no step `frist-office` in facts.yml; did you mean `first-office`?"
    ]


@pytest.mark.parametrize(
    ("link", "hint"),
    [
        ("www.example.org/papers", "write it in full: `https://www.example.org/papers`"),
        ("laws.example.org", "write it in full: `https://laws.example.org`"),
        ("ftp://laws.example.org/papers", "write it in full, starting with https://"),
        ("zakon 7", "write it in full, starting with https://"),
    ],
)
def test_a_legal_basis_link_that_is_not_a_web_address(site, link, hint):
    add_pathways(site)
    write(site / A, FACTS_A.replace("https://laws.example.org/papers", link))
    assert errors(site) == [f"{A}:19: error: `{link}` is not a web address; {hint}"]


def test_duplicate_step_ids(site):
    add_pathways(site)
    write(site / A, FACTS_A.replace("id: second-office", "id: first-office"))
    assert errors(site) == [
        f"{A}:12: error: the step id `first-office` is used twice, also on line 6; "
        "give each step an id of its own: its text in each language is found by it"
    ]


def test_a_pathway_without_steps_and_a_step_id_that_cannot_be_one(site):
    add_pathways(site)
    write(site / B, facts_with(steps="  - id: Prvi korak\n"))
    write(site / C, facts_with(steps="  []\n").replace("steps:\n  []", "steps: []"))
    write(site / "content/pathways/papers-c/sr-Latn.md", text_with("Treći papiri", steps="  x: y\n"))
    found = errors(site)
    assert (
        f"{B}:5: error: `Prvi korak` cannot be used as an id; write small latin letters, digits and - only, e.g. id-card" in found
    )
    assert any(line.startswith(f"{C}:4: error: `steps` has no steps") for line in found)


# ---------------------------------------------------------------- what a reader finds


@pytest.fixture
def built(site):
    add_pathways(site)
    result = build(site)
    assert not [p for p in result.problems if p.severity == "error"]
    return {name: content.decode() for name, content in result.files.items() if name.endswith((".html", ".json"))}


def main_of(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_the_page_is_a_checklist_in_order(built):
    page = main_of(built["sr-latn/pathways/papers-a/index.html"])
    # the steps in the order of facts.yml, each with its text, where to go, cost and time
    first, second = page.index('id="step-first-office"'), page.index('id="step-second-office"')
    assert first < second
    assert page.index("Idite u prvu kancelariju.") < page.index("Zatim idite u drugu kancelariju.")
    step = page[first:second]
    assert "tel:+38121123456" in step  # the service of the step, with its Call button
    assert 'href="/sr-latn/services/pravna-pomoc/"' in step
    assert 'type="checkbox" value="first-office"' in step and "hidden" in step  # the tick: shown by pathway.js only
    # the law with its check date, marked example as the pathway is; then who helps when refused
    law = page.index("Zakon o izmišljenim papirima")
    refused = page.index('href="/sr-latn/organisations/neostart/"', law)
    assert 'href="https://laws.example.org/papers"' in page[law:refused]
    assert "1. oktobar 2026." in page[law:refused]
    assert 'class="notice example"' in page


def test_prerequisites_come_first_as_links_and_the_way_on_last(built):
    b = main_of(built["sr-latn/pathways/papers-b/index.html"])
    link = b.index('href="/sr-latn/pathways/papers-a/"')
    assert link < b.index('id="step-only-step"')
    a = main_of(built["sr-latn/pathways/papers-a/index.html"])
    assert a.index('href="/sr-latn/pathways/papers-b/"') > a.index('id="step-second-office"')


def test_a_step_text_falls_back_on_its_own(built):
    page = main_of(built["en/pathways/papers-a/index.html"])
    assert "Go to the first office." in page
    # second-office has no English text: the Serbian one, marked with its language
    assert re.search(r'<span lang="sr-Latn">Zatim idite u drugu kancelariju.</span>', page)


def test_pathways_are_linked_from_their_need_and_the_places_of_their_services(built):
    need = main_of(built["sr-latn/needs/legal-aid/index.html"])
    place = main_of(built["sr-latn/municipalities/novi-sad/index.html"])
    # in the order of the chain: papers-a ("Izmišljeni papiri") before papers-b ("Drugi papiri"), which requires it
    assert 0 < need.index('href="/sr-latn/pathways/papers-a/"') < need.index('href="/sr-latn/pathways/papers-b/"')
    assert 'href="/sr-latn/pathways/papers-a/"' in place  # its first step is at pravna-pomoc, in Novi Sad
    assert 'href="/sr-latn/pathways/papers-b/"' not in place  # papers-b names no service there
    listing = main_of(built["sr-latn/pathways/index.html"])
    assert 0 < listing.index('href="/sr-latn/pathways/papers-a/"') < listing.index('href="/sr-latn/pathways/papers-b/"')


def test_the_page_describes_itself_as_a_schema_org_howto(built):
    page = built["en/pathways/papers-a/index.html"]
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@type"] == "HowTo"
    assert [(step["@type"], step["position"], step["text"]) for step in data["step"]] == [
        ("HowToStep", 1, "Go to the first office."),
        ("HowToStep", 2, "Zatim idite u drugu kancelariju."),
    ]
    assert data["step"][0]["url"].endswith("/en/pathways/papers-a/#step-first-office")
    assert data["citation"] == ["https://laws.example.org/papers"]


def test_a_long_pathway_page_stays_within_the_first_round_trip(site):
    """Twelve steps, each at a service with a phone, bringing three papers, with texts of a normal length: still one
    round trip (14.6 KB gzip, the page with its inline stylesheet)."""
    import gzip

    add_pathways(site)
    steps = "".join(
        f"  - id: step-{n}\n    office: police-station\n    services: [pravna-pomoc]\n"
        f"    bring: [birth-certificate, id-card, proof-of-address]\n    cost: fee\n    takes_days: {n}\n"
        for n in range(1, 13)
    )
    texts = "".join(
        f"  step-{n}: Idite u kancelariju broj {n} i predajte zahtev sa svim papirima koje imate.\n" for n in range(1, 13)
    )
    write(site / C, facts_with("requires: [papers-a, papers-b]\n", steps) + FACTS_A[FACTS_A.index("legal_basis:") :])
    write(site / "content/pathways/papers-c/sr-Latn.md", text_with("Dugi put do papira", texts))
    result = build(site)
    assert not [p.format() for p in result.problems if p.severity == "error"]
    for language in ("sr-latn", "sr-cyrl", "cs", "en"):
        page = result.files[f"{language}/pathways/papers-c/index.html"]
        assert page.count(b'class="step"') == 12
        assert len(gzip.compress(page, 9)) <= 14_600, language


def test_the_open_data_carries_pathways_as_a_documented_extension(site):
    import datetime

    import jsonschema

    from portal.config import read_config
    from portal.load import load_site
    from portal.localise import localise
    from portal.outputs.opendata import Identifiers, hsds_files
    from portal.schema import KINDS
    from portal.validate import validate

    add_pathways(site)
    loaded = load_site(site, tuple(KINDS))
    config, _ = read_config(loaded.config)
    model, _ = validate(loaded, config, datetime.date(2026, 11, 20))
    document = json.loads(hsds_files(model, localise(model))["open-data/hsds.en.json"])
    schema = json.loads((Path(__file__).parents[1] / "src/portal/data/hsds-3.0.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    by_name = {pathway["name"]: pathway for pathway in document["x_pathways"]}
    made_up, second = by_name["Made-up papers"], by_name["Drugi papiri"]
    ids = Identifiers("https://help.example.org/")
    assert second["requires"] == [made_up["id"]] == [ids.of("pathways", "papers-a")]
    assert [step["step_id"] for step in made_up["steps"]] == ["first-office", "second-office"]
    service_ids = {service["id"] for service in document["services"]}
    assert set(made_up["steps"][0]["service_ids"]) <= service_ids and made_up["steps"][0]["service_ids"]
    assert made_up["if_refused"] == [
        {"organization_id": ids.of("organisations", "neostart")},
        {"service_id": ids.of("services", "pravna-pomoc")},
    ]
    assert made_up["legal_basis"][0]["checked"] == "2026-10-01" and made_up["example"] is True


def test_a_pathway_is_found_by_search_as_an_entry_with_its_steps(site):
    """Its record: kind `pathway`, its needs, the places of its steps' services, and the words of its steps."""
    from conftest import run_stages
    from portal.outputs.search.records import page_records

    add_pathways(site)
    stages = run_stages(site)
    records = {record.output: record for record in page_records(stages.plan.pages, stages.site)}
    record = records["en/pathways/papers-a/index.html"]
    assert record.title == "Made-up papers"
    assert record.filters == {"kind": ["pathway"], "need": ["legal-aid"], "place": ["novi-sad"]}
    indexed = f"{record.words} {record.fields}"  # the steps are text fields of the pathway, indexed like `bring`
    assert "first office" in indexed and "drugu kancelariju" in indexed  # a step's fallback text is found too
    assert records["en/pathways/papers-b/index.html"].filters == {"kind": ["pathway"], "need": ["legal-aid"]}
    assert "en/pathways/index.html" not in records  # the list is browsed, not found
