"""A town's base map from the site's data/maps/<id>.geojson: what is kept, and each broken file reported
with its path, the line of the fault and what to write instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, write
from portal.basemap import read_base_map, read_base_maps
from portal.build import build

TOWN = FIXTURES / "town-map"
MAP = "data/maps/izmisljeno-polje.geojson"
FEATURE = '{"type":"Feature","properties":{"highway":"residential","name":"Ulica Test"},"geometry":GEOMETRY}'
LINE = '{"type":"LineString","coordinates":[[20.5,44.5],[20.501,44.5]]}'


@pytest.fixture
def town(site: Path) -> Path:
    """The minimal site with the made-up town of fixtures/town-map laid over it."""
    shutil.copytree(TOWN, site, dirs_exist_ok=True)
    (site / "README.md").unlink()
    return site


def _collection(*features: str) -> str:
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"


def test_the_fixture_keeps_streets_water_railway_and_districts_but_not_footways_or_buildings():
    base, problems = read_base_map(TOWN / MAP, MAP, "izmisljeno-polje")
    assert problems == [] and base is not None
    kinds = {(feature.kind, feature.name) for feature in base.features}
    assert {("major", "Bulevar Primera"), ("minor", "Ulica Test"), ("river", "Reka Primer"), ("rail", None)} <= kinds
    assert ("water", "Bara") in kinds and ("district", "Naselje Primer") in kinds
    assert all(name != "Staza (ne crta se)" for _, name in kinds) and len(base.features) == 10


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '{"type":"FeatureCollection","features":[\n' + FEATURE.replace("GEOMETRY", LINE) + "\n" + FEATURE,
            3,
            "this is not valid JSON: Expecting ',' delimiter (column 1)",
        ),
        ('{"type":"Feature"}\n', 1, "this is not a GeoJSON FeatureCollection"),
        (
            _collection(
                FEATURE.replace("GEOMETRY", LINE), FEATURE.replace("GEOMETRY", '{"type":"LineString","coordinates":[[44.5,"x"]]}')
            ),
            3,
            "the coordinates of this LineString are not [longitude, latitude] pairs",
        ),
        (
            _collection(
                FEATURE.replace("GEOMETRY", LINE),
                FEATURE.replace("GEOMETRY", '{"type":"LineString","coordinates":[[20.5,144.5],[20.5,44.5]]}'),
            ),
            3,
            "the coordinates of this LineString are not [longitude, latitude] pairs",
        ),
        (_collection(FEATURE.replace("GEOMETRY", "null")), 2, "this feature has no geometry portal can draw"),
        # pretty-printed: the line is where the broken feature starts
        (
            '{\n "type": "FeatureCollection",\n "features": [\n  '
            + FEATURE.replace("GEOMETRY", LINE)
            + ',\n  {\n   "type": "Feature",\n   "properties": {"waterway": "river"},\n   "geometry": {"type": "LineString", "coordinates": [[20.5]]}\n  }\n ]\n}\n',
            5,
            "the coordinates of this LineString are not [longitude, latitude] pairs",
        ),
    ],
)
def test_a_broken_map_file_is_reported_with_its_path_and_line(site, text, line, message):
    write(site / MAP, text)
    maps, problems = read_base_maps(site)
    assert maps == {}
    assert [(p.source.path, p.source.line, p.message) for p in problems] == [(MAP, line, message)]
    assert problems[0].hint  # says what to write instead


def test_a_broken_map_file_fails_the_build_with_its_path(site):
    write(site / MAP, '{"type": "FeatureCollection", "features": [}\n')
    messages = [p.format() for p in build(site).errors]
    assert messages == [
        f"{MAP}:1: error: this is not valid JSON: Expecting value (column 44); export it again with `osmium export -f geojson`"
    ]


def test_a_map_of_no_municipality_and_a_map_far_from_its_town_are_warned_about(town):
    write(town / "data/maps/izmisljeno-poljee.geojson", (town / MAP).read_text())
    far = _collection(FEATURE.replace("GEOMETRY", '{"type":"LineString","coordinates":[[44.5,20.5],[44.501,20.5]]}'))  # swapped
    write(town / "data/maps/novi-sad.geojson", far)
    result = build(town)
    warnings = [p.format() for p in result.problems if p.source.path.startswith("data/")]
    assert warnings == [
        "data/maps/izmisljeno-poljee.geojson: warning: there is no municipality `izmisljeno-poljee` for this map; did you mean `izmisljeno-polje`?",
        "data/maps/novi-sad.geojson: warning: this map shows nothing within 5 km of the municipality's coordinates; "
        "GeoJSON writes [longitude, latitude]: export the area around 19.8335, 45.2671",
    ]


def test_a_file_that_is_not_geojson_by_name_is_reported(site):
    write(site / "data/maps/novi-sad.json", "{}")
    _, problems = read_base_maps(site)
    assert [(p.source.path, p.message) for p in problems] == [("data/maps/novi-sad.json", "a map file must end in `.geojson`")]
