"""`portal new`: a new entry cannot reach readers unfinished; `portal check` names each line still to fill in."""

from __future__ import annotations

import re

import pytest

from conftest import run_portal, write
from portal.schema import KINDS

FACT_KINDS = [kind for kind, spec in KINDS.items() if spec.has_facts_file]


def still_to_fill(err: str) -> list[str]:
    """`path:line: field` of every "not filled in yet" error, as the editor reads them."""
    return [
        f"{path}:{line}: {field}"
        for path, line, field in re.findall(r"^(\S+):(\d+): error: `(\w+)` is not filled in yet", err, re.M)
    ]


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_a_new_entry_fails_the_check_naming_each_line_to_fill_in(site, capsys, kind):
    status, out, err = run_portal(capsys, "--site", str(site), "new", kind, "novi-unos")
    assert status == 0, err
    folder = site / "content" / kind / "novi-unos"
    assert sorted(path.name for path in folder.iterdir()) == ["facts.yml", "sr-Latn.md"]  # the source language only
    facts = (folder / "facts.yml").read_text(encoding="utf-8")
    text = (folder / "sr-Latn.md").read_text(encoding="utf-8")
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 1
    path = f"content/{kind}/novi-unos"
    # required, and `last_verified`: written empty so that no one publishes facts without saying how current they are
    required = [spec.name for spec in KINDS[kind].facts if spec.required or spec.scaffold]
    assert still_to_fill(err) == [f"{path}/facts.yml:{line_of(facts, name + ':')}: {name}" for name in required] + [
        f"{path}/sr-Latn.md:{line_of(text, 'title:')}: title"
    ]
    assert [line for line in err.splitlines() if ": error: " in line and "novi-unos" in line] == [
        line for line in err.splitlines() if "is not filled in yet; fill in" in line
    ]  # nothing else: no "has no text", no parse error, no cascade


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_once_filled_in_the_new_entry_passes(site, capsys, kind):
    run_portal(capsys, "--site", str(site), "new", kind, "novi-unos")
    folder = site / "content" / kind / "novi-unos"
    filled = {
        "last_verified": "2026-11-01",
        "type": "civil-society",
        "audiences": "[families]",
        "categories": "[legal-aid]",
        "country": "RS",
        "coordinates": "[44.0128, 20.9114]",  # a place in Serbia, as the entry's country asks
        "steps": "[{id: prvi-korak}]",  # a pathway's step, whose text the text file gives below
    }
    facts = (folder / "facts.yml").read_text(encoding="utf-8")
    for name, value in filled.items():
        facts = re.sub(rf"^{name}:$", f"{name}: {value}", facts, flags=re.M)
    write(folder / "facts.yml", facts)
    title = "title: Novi unos\n" + ("steps:\n  prvi-korak: Uradite ovo.\n" if "steps:" in facts else "")
    write(folder / "sr-Latn.md", (folder / "sr-Latn.md").read_text(encoding="utf-8").replace("title:\n", title))
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 0, err
    assert run_portal(capsys, "--site", str(site), "build")[0] == 0
    pages = [path for path in (site / "public").rglob("*.html") if "novi-unos" in path.as_posix()]
    assert pages and not [
        page for page in pages if "never shown" in page.read_text(encoding="utf-8")
    ]  # the note stays in the file


# What a placeholder that passes would publish: none of these may appear in a new entry's files.
PASSING_PLACEHOLDERS = ("type: network", "categories: [", "coordinates: [0", "last_verified: 20", "title: Novi", "TODO")


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_nothing_is_filled_in_for_the_editor(site, capsys, kind):
    run_portal(capsys, "--site", str(site), "new", kind, "novi-unos")
    for file in (site / "content" / kind / "novi-unos").iterdir():
        written = file.read_text(encoding="utf-8")
        assert not [placeholder for placeholder in PASSING_PLACEHOLDERS if placeholder in written], file.name


def test_each_field_to_fill_in_says_what_to_write(site, capsys):
    assert run_portal(capsys, "--site", str(site), "new", "organisations", "nova")[0] == 0
    facts = (site / "content/organisations/nova/facts.yml").read_text(encoding="utf-8").splitlines()
    at = facts.index("type:")
    assert facts[at - 1] == "# Kind of organisation. One of: network, primary-support, peer-support, youth-justice, " + (
        "service-provider, human-rights, public-institution, international-organisation, funder, strategy, civil-society."
    )
    assert "# city:  # The city, as written in the default language." in facts
    assert "# memberships:  # Networks this organisation belongs to: network, role, since." in facts


def test_a_reference_lists_the_ids_it_may_name(site, capsys):
    assert run_portal(capsys, "--site", str(site), "new", "services", "nova")[0] == 0
    facts = (site / "content/services/nova/facts.yml").read_text(encoding="utf-8")
    assert "# Needs it helps with (ids from site.yml). One or more of: legal-aid.\ncategories:\n" in facts
    assert "# provider:  # The organisation that provides it. One of: mreza, neostart." in facts


def test_the_comments_are_in_the_editors_language(site, capsys):
    status, out, _err = run_portal(capsys, "--site", str(site), "new", "services", "nova", "--lang", "sr-Latn")
    assert status == 0
    facts = (site / "content/services/nova/facts.yml").read_text(encoding="utf-8")
    assert "# Popunite svaki red koji se završava dvotačkom; `portal check` navodi svaki koji je još prazan." in facts
    assert (
        "# Dan kada je neko proverio ove podatke sa organizacijom (GGGG-MM-DD); izostavite ga ako to niko nije uradio.\nlast_verified:\n"
        in facts
    )
    text = (site / "content/services/nova/sr-Latn.md").read_text(encoding="utf-8")
    assert "# Naziv ili naslov, onako kako ga čitaoci vide.\ntitle:\n" in text
    assert "Beleška za urednike, nikad se ne prikazuje" in text
    assert "Popunite prazne redove" in out
    _status, _, err = run_portal(capsys, "--site", str(site), "check", "--lang", "sr-Latn")
    assert (
        "content/services/nova/facts.yml:5: greška: polje `last_verified` još nije popunjeno; "
        "upišite dan kada ste ove podatke proverili sa organizacijom, kao GGGG-MM-DD; ako ih niko nije proverio, "
        "obrišite red i upišite datum dokumenta iz kog su uzeti, kao `source_date: GGGG`"
    ) in err.splitlines()


def test_a_category_listed_in_site_yml_gets_its_text_to_fill_in(site, capsys):
    config = site / "site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - legal-aid", "  - legal-aid\n  - housing"), encoding="utf-8")
    assert run_portal(capsys, "--site", str(site), "new", "categories", "housing")[0] == 0
    assert sorted(path.name for path in (site / "content/categories/housing").iterdir()) == ["sr-Latn.md"]
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 1
    assert still_to_fill(err) == ["content/categories/housing/sr-Latn.md:3: title"]
    assert "has no text" not in err  # the text is there, with a line to fill in


@pytest.mark.parametrize(
    "kind, entry_id, message",
    [
        (
            "organisations",
            "neostart",
            "content/organisations/neostart: error: `neostart` already exists; "
            "choose another id, or edit the files in content/organisations/neostart",
        ),
        (
            "organisations",
            "Novi_Sad",
            "content/organisations/Novi_Sad: error: `Novi_Sad` cannot be used as an id; "
            "name the folder with small latin letters, digits and - only, e.g. novi-sad",
        ),
        ("pages", "status", "content/pages/status: error: a page cannot be called `status`: that address belongs to a section"),
        (
            "categories",
            "housing",
            "site.yml: error: category `housing` is not listed in site.yml; "
            "add `- housing` under categories in site.yml, then run this again",
        ),
    ],
)
def test_refusals_say_what_to_do(site, capsys, kind, entry_id, message):
    before = sorted(site.rglob("*"))
    status, _, err = run_portal(capsys, "--site", str(site), "new", kind, entry_id)
    assert status == 1
    assert message in err
    assert sorted(site.rglob("*")) == before


def test_refusals_in_the_editors_language(site, capsys):
    status, _, err = run_portal(capsys, "--site", str(site), "new", "organisations", "neostart", "--lang", "sr-Latn")
    assert status == 1
    assert "greška: `neostart` već postoji" in err


def test_a_required_reference_needs_an_entry_to_name(site, capsys):
    write(
        site / "site.yml",
        (site / "site.yml").read_text(encoding="utf-8").replace("categories:\n  - legal-aid\n", "categories: []\n"),
    )
    status, _, err = run_portal(capsys, "--site", str(site), "new", "services", "nova")
    assert status == 1
    assert "`categories` must name an entry in content/categories/, and there is none yet" in err
