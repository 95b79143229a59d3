"""A town's base map: streets, water and railways from an OpenStreetMap extract, as GeoJSON.

A site may keep `data/maps/<municipality-id>.geojson` beside site.yml (README, "Maps and open
data", says how to make one with osmium). The config stage reads each file once per build; a
problem names the file and the line of the feature at fault, and says what to write instead.
Only what a reader needs to find a door is kept: streets (major ones apart), rivers and water,
railways, and the names of districts. portal.maps clips it to the town map's box when drawing.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import Problem, _, error, n_
from .model import BaseMap, MapFeature

MAPS_FOLDER = "data/maps"  # in the site folder: one file per municipality, named by its id
SUFFIX = ".geojson"
MAX_MAP_BYTES = 8_000_000  # a town's extract filtered as the README says is well under 1 MB

MAJOR = frozenset(
    ("motorway", "trunk", "primary", "secondary", "tertiary", "motorway_link", "trunk_link", "primary_link", "secondary_link")
)
MINOR = frozenset(("residential", "unclassified", "living_street", "pedestrian", "road", "tertiary_link"))
RAIL = frozenset(("rail", "light_rail", "narrow_gauge"))
DISTRICTS = frozenset(("suburb", "quarter", "neighbourhood", "village", "hamlet", "locality"))
LINES = ("LineString", "MultiLineString")
AREAS = ("Polygon", "MultiPolygon")
GEOMETRIES = {
    "major": LINES,
    "minor": LINES,
    "river": LINES,
    "stream": LINES,
    "rail": LINES,
    "water": AREAS,
    "district": ("Point",),
}


def kind_of(properties: Mapping[str, Any]) -> str | None:
    """What a feature is on the map, from its OpenStreetMap tags; None for what the map leaves out."""
    highway, waterway = properties.get("highway"), properties.get("waterway")
    if highway in MAJOR:
        return "major"
    if highway in MINOR:
        return "minor"
    if waterway in ("river", "canal"):
        return "river"
    if waterway in ("stream", "drain", "ditch"):
        return "stream"
    if properties.get("railway") in RAIL:
        return "rail"
    if properties.get("natural") == "water" or waterway == "riverbank" or properties.get("landuse") == "reservoir":
        return "water"
    if properties.get("place") in DISTRICTS:
        return "district"
    return None


def read_base_maps(site_dir: Path) -> tuple[dict[str, BaseMap], list[Problem]]:
    """Every `data/maps/<id>.geojson` of the site, by municipality id; files that cannot be drawn are reported."""
    folder = site_dir / MAPS_FOLDER
    if not folder.is_dir():
        return {}, []
    maps: dict[str, BaseMap] = {}
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name == "README.md" or not path.is_file():
            continue
        shown = f"{MAPS_FOLDER}/{path.name}"
        if path.suffix != SUFFIX:
            hint = _("name it after its municipality, e.g. `{folder}/novi-sad.geojson`", folder=MAPS_FOLDER)
            problems.append(error(shown, 0, _("a map file must end in `.geojson`"), hint))
            continue
        base, found = read_base_map(path, shown, path.stem)
        problems += found
        if base is not None:
            maps[path.stem] = base
    return maps, problems


def read_base_map(file: Path, shown: str, municipality: str) -> tuple[BaseMap | None, list[Problem]]:
    """One GeoJSON file as a base map; None, with the reason and its line, when it cannot be read."""
    if file.stat().st_size > MAX_MAP_BYTES:
        message = n_(
            "the map file is {size} byte, more than the {limit} allowed",
            "the map file is {size} bytes, more than the {limit} allowed",
            "size",
            size=file.stat().st_size,
            limit=MAX_MAP_BYTES,
        )
        return None, [error(shown, 0, message, _("export only streets, water and railways, as the README says"))]
    try:
        text = file.read_bytes().decode("utf-8-sig")
        document = json.loads(text)
    except UnicodeDecodeError:
        return None, [error(shown, 0, _("the file is not UTF-8 text"), _("export it again with `osmium export -f geojson`"))]
    except json.JSONDecodeError as broken:
        message = _("this is not valid JSON: {reason} (column {column})", reason=broken.msg, column=broken.colno)
        return None, [error(shown, broken.lineno, message, _("export it again with `osmium export -f geojson`"))]
    if (
        not isinstance(document, dict)
        or document.get("type") != "FeatureCollection"
        or not isinstance(document.get("features"), list)
    ):
        hint = _('the file must hold `{{"type": "FeatureCollection", "features": [...]}}`')
        return None, [error(shown, 1, _("this is not a GeoJSON FeatureCollection"), hint)]
    features, faults = _features(document["features"])
    if faults:
        lines = _feature_lines(text)
        hint = _("write each feature's `geometry` as a LineString, Polygon or Point of [longitude, latitude] pairs")
        return None, [error(shown, lines[index] if index < len(lines) else 1, message, hint) for index, message in faults]
    return BaseMap(municipality, shown, tuple(features)), []


def _features(items: list[Any]) -> tuple[list[MapFeature], list[tuple[int, str]]]:
    """The features worth drawing, and (index, message) of each such feature whose geometry is broken."""
    features: list[MapFeature] = []
    faults: list[tuple[int, str]] = []
    for index, item in enumerate(items):
        properties = item.get("properties") if isinstance(item, dict) else None
        if not isinstance(properties, dict):
            continue
        kind = kind_of(properties)
        if kind is None:
            continue  # a footpath, a building, a shop: not on this map
        geometry = item.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in (*LINES, *AREAS, "Point"):
            faults.append((index, _("this feature has no geometry portal can draw")))
            continue
        if geometry["type"] not in GEOMETRIES[kind]:
            continue  # e.g. a pedestrian square drawn as an area: the streets around it are enough
        lines = _lines(geometry["type"], geometry.get("coordinates"))
        if lines is None:
            faults.append((index, _("the coordinates of this {type} are not [longitude, latitude] pairs", type=geometry["type"])))
            continue
        names = tuple(
            (key.removeprefix("name").removeprefix(":"), value.strip())
            for key, value in sorted(properties.items())
            if (key == "name" or key.startswith("name:")) and isinstance(value, str) and value.strip()
        )
        features.append(MapFeature(kind, dict(names).get(""), lines, names))
    return features, faults


def _lines(geometry: str, coordinates: Any) -> tuple[tuple[tuple[float, float], ...], ...] | None:
    """The geometry as lines of (longitude, latitude): a line string, each ring of an area, a point as a line of one."""
    runs: Any
    if geometry == "Point":
        runs = [[coordinates]]
    elif geometry == "LineString":
        runs = [coordinates]
    elif geometry in ("MultiLineString", "Polygon"):
        runs = coordinates
    else:
        runs = [ring for polygon in coordinates for ring in polygon] if _all_lists(coordinates) else None
    if not _all_lists(runs) or not runs:
        return None
    lines = []
    for run in runs:
        points = [_position(point) for point in run]
        if len(points) < (1 if geometry == "Point" else 2) or None in points:
            return None
        lines.append(tuple(point for point in points if point is not None))
    return tuple(lines)


def _all_lists(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(item, list) for item in items)


def _position(point: Any) -> tuple[float, float] | None:
    if not isinstance(point, list) or len(point) < 2:
        return None
    longitude, latitude = point[0], point[1]
    if not all(isinstance(value, int | float) and not isinstance(value, bool) for value in (longitude, latitude)):
        return None
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        return None
    return float(longitude), float(latitude)


class _LinedObject(dict[str, Any]):
    """A JSON object that remembers the line it starts on."""

    line = 1


def _feature_lines(text: str) -> list[int]:
    """The line each feature of a FeatureCollection starts on (read again only when one is at fault)."""
    starts = [0] + [match.end() for match in re.finditer("\n", text)]

    decoding: Any = json.decoder  # JSONObject and py_make_scanner are public in CPython, if not in typeshed

    def parse_object(s_and_end: tuple[str, int], *rest: Any) -> tuple[dict[str, Any], int]:
        found, end = decoding.JSONObject(s_and_end, *rest)
        lined = _LinedObject(found)
        lined.line = bisect.bisect_right(starts, s_and_end[1] - 1)
        return lined, end

    decoder: Any = json.JSONDecoder()
    decoder.parse_object = parse_object
    decoder.scan_once = decoding.scanner.py_make_scanner(decoder)  # the C scanner knows no positions
    document = decoder.decode(text)
    return [getattr(item, "line", 1) for item in document["features"]]
