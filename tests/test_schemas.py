"""JSON Schemas for editors: generated from schema.py, committed, and agreeing with `portal check`."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO, run_portal
from portal.commands.schemas import all_schemas
from portal.load import parse_text_file

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency: pip install -e '.[test]'")


def as_the_yaml_server_sees_it(value):
    """YAML 1.2, as the editors' language server reads it: dates are strings; keys are strings."""
    if isinstance(value, dict):
        return {str(key): as_the_yaml_server_sees_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_the_yaml_server_sees_it(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def schema_problems(schema_name: str, document) -> list[str]:
    validator = jsonschema.Draft7Validator(all_schemas()[schema_name])
    return sorted(error.message for error in validator.iter_errors(as_the_yaml_server_sees_it(document)))


def content_files() -> list[Path]:
    return [
        path
        for root in (REPO, FIXTURES / "minimal", FIXTURES / "translations")
        for path in sorted((root / "content").rglob("*"))
        if path.name == "facts.yml" or path.suffix == ".md"
    ]


def test_every_sample_content_file_is_valid():
    invalid = {}
    for path in content_files():
        kind = path.parent.parent.name
        if path.name == "facts.yml":
            problems = schema_problems(f"{kind}.facts.json", yaml.safe_load(path.read_text(encoding="utf-8")))
        else:
            front_matter, _body, _line, problems = parse_text_file(path.read_text(encoding="utf-8"), path.name)
            problems = problems or schema_problems(f"{kind}.text.json", dict(front_matter))
        if problems:
            invalid[str(path.relative_to(REPO))] = problems
    assert len(content_files()) > 300
    assert invalid == {}


GOOD_ORGANISATION = {
    "type": "civil-society",
    "country": "RS",
    "last_verified": datetime.date(2026, 11, 1),
    "memberships": [{"network": "mreza", "role": "founder", "since": datetime.date(2019, 3, 19)}],
}


def test_a_good_facts_file_passes():
    assert schema_problems("organisations.facts.json", GOOD_ORGANISATION) == []


def test_an_unknown_field_is_refused():
    assert schema_problems("organisations.facts.json", {**GOOD_ORGANISATION, "phnoe": ["+381 11 123 4567"]}) == [
        "Additional properties are not allowed ('phnoe' was unexpected)"
    ]


def test_a_value_outside_the_choices_is_refused():
    assert schema_problems("organisations.facts.json", {**GOOD_ORGANISATION, "type": "civil-sociaty"})[0].startswith(
        "'civil-sociaty' is not one of ['network', 'primary-support'"
    )


def test_a_missing_required_field_is_refused():
    facts = {key: value for key, value in GOOD_ORGANISATION.items() if key != "type"}
    assert schema_problems("organisations.facts.json", facts) == ["'type' is a required property"]


def test_nobody_s_check_is_required_a_source_date_may_stand_instead():
    facts = {key: value for key, value in GOOD_ORGANISATION.items() if key != "last_verified"}
    assert schema_problems("organisations.facts.json", {**facts, "source_date": 2020}) == []
    assert schema_problems("organisations.facts.json", {**facts, "source_date": "2020-05"}) == []
    assert schema_problems("organisations.facts.json", {**facts, "source_date": "2020-13"}) != []
    assert schema_problems("organisations.facts.json", {**facts, "source_date": "May 2020"}) != []


@pytest.mark.parametrize(
    "field, value",
    [
        ("last_verified", "1. 11. 2026."),
        ("country", "Serbia"),
        ("website", "www.example.org"),
        ("email", ["info@@example"]),
        ("memberships", [{"network": "mreza", "role": "boss"}]),
    ],
)
def test_values_of_the_wrong_form_are_refused(field, value):
    assert schema_problems("organisations.facts.json", {**GOOD_ORGANISATION, field: value}) != []


def test_a_text_file_needs_a_title_and_knows_its_fields():
    assert (
        schema_problems("services.text.json", {"title": "Pravna pomoć", "bring": ["lična karta"], "translated_from": "8f49a6d9"})
        == []
    )
    assert schema_problems("pages.text.json", {"summary": "…"}) == ["'title' is a required property"]
    assert schema_problems("pages.text.json", {"title": "O nama", "bring": ["x"]}) == [
        "Additional properties are not allowed ('bring' was unexpected)"
    ]


def test_portal_schemas_writes_them_for_a_site(site, capsys):
    (site / ".vscode").mkdir()
    (site / ".vscode/settings.json").write_text('{"editor.wordWrap": "on"}', encoding="utf-8")
    status, out, _ = run_portal(capsys, "--site", str(site), "schemas")
    assert status == 0 and "Wrote schemas/services.facts.json" in out
    settings = json.loads((site / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["editor.wordWrap"] == "on"  # the team's own settings stay
    assert "./schemas/services.facts.json" in settings["yaml.schemas"]
    assert run_portal(capsys, "--site", str(site), "schemas")[1] == "The schemas are up to date.\n"


def test_patterns_are_valid_javascript_regular_expressions():
    """The YAML language server runs the patterns as JavaScript (unicode) regular expressions, not Python's."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the patterns are checked as JavaScript only where node runs")
    patterns = sorted({value for schema in all_schemas().values() for value in _patterns(schema)})
    script = "const p = JSON.parse(require('fs').readFileSync(0, 'utf8')); for (const s of p) new RegExp(s, 'u');"
    result = subprocess.run([node, "-e", script], input=json.dumps(patterns), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _patterns(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "pattern":
                yield item
            else:
                yield from _patterns(item)
    elif isinstance(value, list):
        for item in value:
            yield from _patterns(item)


def test_every_field_type_has_a_schema():
    """A new type in schema.FIELD_TYPES needs its JSON Schema in schemas.py, or editors lose its check."""
    from portal.commands.schemas import field_schema
    from portal.schema import FIELD_TYPES, FieldSpec

    for field_type in FIELD_TYPES:
        assert field_schema(FieldSpec("x", field_type, "doc", choices=("a",), ref_kind="organisations"))["description"]
