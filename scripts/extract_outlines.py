"""Extract country outlines from Natural Earth 1:50m (as packed in the npm package world-atlas) into data/outlines.json.

Run once when the outlines should change:
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/extract_outlines.py package/countries-50m.json data/outlines.json
Natural Earth is in the public domain; world-atlas is under the ISC licence (see data/README.md).
"""

from __future__ import annotations

import json
import sys

# Natural Earth names → ISO 3166 codes (XK: Kosovo, a user-assigned code in common use).
COUNTRIES = {
    "Serbia": "RS",
    "Kosovo": "XK",
    "Macedonia": "MK",
    "Czechia": "CZ",
    "Bosnia and Herz.": "BA",
    "Montenegro": "ME",
    "Croatia": "HR",
    "Hungary": "HU",
    "Romania": "RO",
    "Bulgaria": "BG",
    "Albania": "AL",
}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        arcs.append(points)
    return arcs


def main(source: str, target: str) -> None:
    topology = json.load(open(source, encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries: dict[str, list[list[int]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = COUNTRIES.get(geometry.get("properties", {}).get("name"))
        if code:
            polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
            countries[code] = [polygon[0] for polygon in polygons]  # outer rings only
    # Keep only the arcs these countries use, renumbered; a negative id (~i) means "reversed", as in TopoJSON.
    used = sorted({i if i >= 0 else ~i for rings in countries.values() for r in rings for i in r})
    new_id = {old: new for new, old in enumerate(used)}

    def renumber(i):
        return new_id[i] if i >= 0 else ~new_id[~i]

    document = {
        "source": "Natural Earth 1:50m Admin 0 countries, via the npm package world-atlas 2.0.2 (countries-50m.json)",
        "licence": "Natural Earth: public domain. world-atlas: ISC licence, Copyright 2013-2019 Michael Bostock.",
        "format": "arcs: lists of [longitude, latitude]; countries: outer rings as lists of arc ids, ~id = reversed",
        "disputed": [["RS", "XK"]],
        "arcs": [arcs[old] for old in used],
        "countries": {code: [[renumber(i) for i in r] for r in rings] for code, rings in sorted(countries.items())},
    }
    with open(target, "w", encoding="utf-8") as out:
        json.dump(document, out, separators=(",", ":"), ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
