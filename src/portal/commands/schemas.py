"""JSON Schemas of the content files, generated from the one declaration in `schema.py`.

Editors' tools read them: the YAML language server (VS Code, github.dev) completes field
names, lists the allowed values and underlines mistakes in facts files while they type.
`portal schemas` writes one schema per kind for its facts files (`<kind>.facts.json`) and one
for the front matter of its text files (`<kind>.text.json`), and maps the facts files to their
schema in `.vscode/settings.json`. The patterns come from the same regular expressions the
checks use, so the schema and `portal check` agree on the form of a value;
what needs the whole site (does this id exist? is this a real phone number?) is left to
`portal check`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..config import EMAIL, ID, LANGUAGE_TAG
from ..schema import (
    HOURS_EXCEPTION_FIELDS,
    HOURS_FIELDS,
    KINDS,
    LEGAL_BASIS_FIELDS,
    MEMBERSHIP_FIELDS,
    STEP_FIELDS,
    FieldSpec,
    KindSpec,
)

BLOCK_FIELDS = {
    "memberships": MEMBERSHIP_FIELDS,
    "hours": HOURS_FIELDS,
    "hours_exceptions": HOURS_EXCEPTION_FIELDS,
    "steps": STEP_FIELDS,
    "legal_basis": LEGAL_BASIS_FIELDS,
}
DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft every YAML language server supports
SCHEMA_DIR = "schemas"
VSCODE_SETTINGS = ".vscode/settings.json"
# YAML reads 2026-1-5 as a date too; the language server sees the same text as a string.
DATE = r"^\d{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$"
MONTH_OR_DATE = r"^\d{4}-((0[1-9]|1[0-2])|(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01]))$"  # 2019-01, or a date
YEAR_OR_MONTH = r"^\d{4}(-(0[1-9]|1[0-2]))?$"  # 2020, or 2020-05 (YAML reads 2020 as a number)
COUNTRY = r"^[A-Z]{2}$"
URL = r"^https?://[^\s/]+\S*$"
PHONE = r"^\+"  # the number itself is checked by `portal check`, which knows every country's plan


def _pattern(pattern: str) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern}


def _one_or_list(item: dict[str, Any]) -> dict[str, Any]:
    """A list of items; a single item is accepted too, as `portal check` accepts it."""
    return {"anyOf": [{"type": "array", "items": item}, item]}


def _scalar(spec: FieldSpec) -> dict[str, Any]:
    """The schema of one value of the field's type (one item, for list types)."""
    base = "text" if spec.type == "text_map" else spec.type.removesuffix("_list")
    if base in ("enum",):
        return {"type": "string", "enum": list(spec.choices)}
    schemas: dict[str, dict[str, Any]] = {
        "text": {"type": ["string", "number"]},
        "int": {"type": "integer"},
        "bool": {"type": "boolean"},
        "date": _pattern(DATE),
        "month_or_date": _pattern(MONTH_OR_DATE),
        "year_or_month": {"anyOf": [_pattern(YEAR_OR_MONTH), {"type": "integer", "minimum": 1900, "maximum": 2999}]},
        "ref": _pattern(ID.pattern),
        "id": _pattern(ID.pattern),
        "url": _pattern(URL),
        "country": _pattern(COUNTRY),
        "phone": _pattern(PHONE),
        "email": _pattern(EMAIL.pattern),
        "language": _pattern(LANGUAGE_TAG.pattern),
        # YAML reads an unquoted 15:00 as a number (base 60); `portal check` accepts both, so does the schema
        "time": {"anyOf": [_pattern(r"^([01]?\d|2[0-3]):[0-5]\d$|^24:00$"), {"type": "integer"}]},
    }
    return schemas[base]


def field_schema(spec: FieldSpec) -> dict[str, Any]:
    """The JSON Schema of one declared field, with its description for the editor's tooltip."""
    if spec.type == "coordinates":
        value = {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "items": [{"type": "number", "minimum": -90, "maximum": 90}, {"type": "number", "minimum": -180, "maximum": 180}],
        }
    elif spec.type == "text_map":  # `id: text` lines, e.g. a pathway's step texts by step id
        value = {"type": "object", "propertyNames": _pattern(ID.pattern), "additionalProperties": _scalar(spec)}
    elif spec.type in BLOCK_FIELDS:
        value = {"type": "array", "items": object_schema(BLOCK_FIELDS[spec.type])}
    elif spec.type.endswith("_list"):
        value = _one_or_list(_scalar(spec))
    else:
        value = _scalar(spec)
    described = spec.doc
    if spec.type in ("ref", "ref_list") and spec.ref_kind != "categories":
        folders = " or ".join(f"content/{kind}/" for kind in spec.ref_kind.split("|"))
        described += f" Write the folder name of an entry in {folders}."
    return {"description": described, **value}


def object_schema(specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
    """A mapping of the declared fields; any other key is an error, as in `portal check`."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {spec.name: field_schema(spec) for spec in specs},
        "additionalProperties": False,
    }
    required = [spec.name for spec in specs if spec.required]
    if required:
        schema["required"] = required
    return schema


def kind_schemas(kind: KindSpec) -> dict[str, dict[str, Any]]:
    """The schemas of one kind, by file name: `<kind>.facts.json` (if it has facts files) and `<kind>.text.json`."""
    schemas = {}
    if kind.has_facts_file:
        schemas[f"{kind.name}.facts.json"] = {
            "$schema": DRAFT,
            "title": f"content/{kind.name}/<id>/facts.yml",
            "description": "The facts of one entry, the same in every language. Written by hand; see docs/content.md.",
            **object_schema(kind.facts),
        }
    schemas[f"{kind.name}.text.json"] = {
        "$schema": DRAFT,
        "title": f"content/{kind.name}/<id>/<language>.md (front matter)",
        "description": "The --- block at the top of a text file in one language; the Markdown text follows it.",
        **object_schema(kind.texts),
    }
    return schemas


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by file name under schemas/."""
    schemas: dict[str, dict[str, Any]] = {}
    for kind in KINDS.values():
        schemas.update(kind_schemas(kind))
    return schemas


def yaml_schema_mapping() -> dict[str, list[str]]:
    """`yaml.schemas` for VS Code: each facts schema and the files it checks.

    Text files are Markdown, which the YAML language server does not read, so their schemas
    are not mapped here.
    """
    return {
        f"./{SCHEMA_DIR}/{kind.name}.facts.json": [f"content/{kind.name}/*/facts.yml"]
        for kind in KINDS.values()
        if kind.has_facts_file
    }


def render_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def generated_files(site_dir: Path) -> dict[Path, str]:
    """Every file `portal schemas` writes, with its text: the schemas and the editor settings."""
    files = {site_dir / SCHEMA_DIR / name: render_json(schema) for name, schema in all_schemas().items()}
    settings_path = site_dir / VSCODE_SETTINGS
    settings = json.loads(settings_path.read_text(encoding="utf-8")) if settings_path.is_file() else {}
    settings["yaml.schemas"] = yaml_schema_mapping()  # the other settings are the team's own
    files[settings_path] = render_json(settings)
    return files


def write_schemas(site_dir: Path) -> list[Path]:
    """Write the generated files that differ from what is on disk; return those written."""
    written = []
    for path, text in generated_files(site_dir).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def command_schemas(site_dir: Path) -> int:
    """`portal schemas`: write the JSON Schemas and the editor settings that use them."""
    written = write_schemas(site_dir)
    for path in written:
        print(f"Wrote {path.relative_to(site_dir)}")
    if not written:
        print("The schemas are up to date.")
    return 0
