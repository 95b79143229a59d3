"""`portal new KIND ID`: files that pass `portal check` at once, and clear refusals."""

from __future__ import annotations

import pytest

from conftest import run_portal, write
from portal.schema import KINDS

FACT_KINDS = [kind for kind, spec in KINDS.items() if spec.has_facts_file]


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_a_new_entry_passes_the_check(site, capsys, monkeypatch, kind):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    status, out, err = run_portal(capsys, "--site", str(site), "new", kind, "novi-unos")
    assert status == 0, err
    folder = site / "content" / kind / "novi-unos"
    assert sorted(path.name for path in folder.iterdir()) == ["cs.md", "en.md", "facts.yml", "sr-Latn.md"]  # no sr-Cyrl.md
    assert "last_verified: 2026-11-18" in (folder / "facts.yml").read_text(encoding="utf-8")
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 0, err
    assert "novi-unos" not in err  # not even a warning: every language has its file


def test_choices_are_set_to_the_first_and_the_others_named(site, capsys):
    assert run_portal(capsys, "--site", str(site), "new", "organisations", "nova")[0] == 0
    facts = (site / "content/organisations/nova/facts.yml").read_text(encoding="utf-8")
    assert "type: network  # Kind of organisation. One of: network, primary-support, peer-support," in facts
    assert "# city:  # The city, as written in the default language." in facts


def test_a_translation_file_says_it_may_be_deleted(site, capsys):
    assert run_portal(capsys, "--site", str(site), "new", "pages", "kontakt")[0] == 0
    assert "translate the title and the text, or delete this file" in (site / "content/pages/kontakt/en.md").read_text(
        encoding="utf-8"
    )
    assert "delete" not in (site / "content/pages/kontakt/sr-Latn.md").read_text(encoding="utf-8")


def test_a_category_listed_in_site_yml_gets_its_text_files(site, capsys):
    config = site / "site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - legal-aid", "  - legal-aid\n  - housing"), encoding="utf-8")
    assert run_portal(capsys, "--site", str(site), "new", "categories", "housing")[0] == 0
    assert not (site / "content/categories/housing/facts.yml").exists()
    assert run_portal(capsys, "--site", str(site), "check")[0] == 0


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


def test_every_field_type_has_a_placeholder_that_passes(site):
    """A required field of any type can be scaffolded: a new type needs its placeholder in scaffold.py."""
    import datetime

    import yaml

    from portal.commands.new import _placeholder
    from portal.commands.report import load_config
    from portal.commands.schemas import field_schema
    from portal.schema import FIELD_TYPES, FieldSpec

    jsonschema = pytest.importorskip("jsonschema")
    config = load_config(site)[1]
    for field_type in set(FIELD_TYPES) - {"memberships"}:  # a list of blocks is never a required field
        spec = FieldSpec("x", field_type, "doc", choices=("a",), ref_kind="organisations")
        value, _note = _placeholder(site, config, spec, datetime.date(2026, 11, 18))
        parsed = yaml.safe_load(f"x: {value}")["x"]
        parsed = parsed.isoformat() if isinstance(parsed, datetime.date) else parsed
        jsonschema.Draft7Validator(field_schema(spec)).validate(parsed)
