"""Open data: the HSDS export of the sample portal validates against the schema the project ships."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest

from conftest import REPO
from portal.config import read_config
from portal.load import load_site
from portal.localise import localise
from portal.outputs.opendata import hsds_files
from portal.schema import KINDS
from portal.validate import validate

SCHEMA = json.loads((REPO / "src/portal/data/hsds-3.0.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_exports() -> dict[str, dict]:
    loaded = load_site(REPO, tuple(KINDS))
    config, _ = read_config(loaded.config)
    site, _ = validate(loaded, config, datetime.date.today())
    return {path: json.loads(data) for path, data in hsds_files(site, localise(site)).items()}


def test_one_export_per_language(sample_exports):
    assert sorted(sample_exports) == sorted(
        f"open-data/hsds.{tag}.json" for tag in ("sr-Latn", "sr-Cyrl", "mk", "cs", "rom", "sq", "de", "en")
    )


def test_every_export_validates_against_the_shipped_hsds_schema(sample_exports):
    checker = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for path, document in sample_exports.items():
        errors = sorted(checker.iter_errors(document), key=str)
        assert errors == [], f"{path}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_the_schema_rejects_what_hsds_forbids(sample_exports):
    checker = jsonschema.Draft202012Validator(SCHEMA)
    broken = json.loads(json.dumps(sample_exports["open-data/hsds.en.json"]))
    broken["services"][0]["status"] = "open"
    del broken["organizations"][0]["name"]
    assert len(list(checker.iter_errors(broken))) == 2


def test_export_carries_the_real_phone_and_stable_ids(sample_exports):
    document = sample_exports["open-data/hsds.mk.json"]
    institute = next(o for o in document["organizations"] if "+38923230401" in [p["number"] for p in o["phones"]])
    assert institute["email"] == "juzsd-sk@mtsp.gov.mk"
    english = sample_exports["open-data/hsds.en.json"]
    assert institute["id"] in {o["id"] for o in english["organizations"]}


def test_example_services_are_flagged_as_such(sample_exports):
    services = sample_exports["open-data/hsds.en.json"]["services"]
    example = next(s for s in services if s["url"].endswith("/example-housing-nis/"))
    assert example["alert"] == "example data, not a real service"
    assert example.get("assured_date") is None  # an example: nobody checked it, so no date is claimed


def test_opening_hours_become_weekly_schedules(sample_exports):
    services = sample_exports["open-data/hsds.en.json"]["services"]
    legal_aid = next(s for s in services if s["url"].endswith("/example-free-legal-aid-novi-sad/"))
    assert legal_aid["schedules"][0] | {"id": None} == {
        "id": None,
        "freq": "WEEKLY",
        "byday": "MO,TU,WE,TH,FR",
        "opens_at": "09:00",
        "closes_at": "13:00",
    }
    location_ids = {location["id"] for location in sample_exports["open-data/hsds.en.json"]["locations"]}
    assert legal_aid["service_at_locations"][0]["location_id"] in location_ids
