"""`portal new KIND ID`: the files of a new entry, ready to fill in, that already pass `portal check`.

The facts file has every required field with a value that passes (today as `last_verified`,
the first allowed value of a list of choices, with the others named in a comment), and every
optional field as a comment to uncomment. There is one text file per language that is written
by hand (not Serbian Cyrillic, which is made from Serbian Latin). The fields come from
`schema.KINDS`, so a new field appears here without touching this module.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..config import ID, SiteConfig
from ..errors import Problem, Translations, _, error
from ..load import FACTS_NAME, TEXT_SUFFIX
from ..schema import KINDS, RESERVED_IDS, FieldSpec, KindSpec
from .report import load_config, report

# Placeholders for required fields of types that need no knowledge of the site.
PLACEHOLDERS = {
    "text": "TODO",
    "text_list": "[TODO]",
    "int": "0",
    "bool": "false",
    "country": "RS",
    "coordinates": "[0.0, 0.0]",
    "url": "https://example.org/",
    "phone_list": '["+381 11 000 0000"]',
    "email_list": "[info@example.org]",
    "language": "en",
    "language_list": "[en]",
    "month_or_date": "2026-01",
    "country_list": "[RS]",
    "time": '"08:00"',
    "hours": '[{days: [mo, tu, we, th, fr], opens: "08:00", closes: "15:00"}]',
    "hours_exceptions": '[{date: "2026-12-31", closed: true}]',
}


@dataclass
class Scaffold:
    files: dict[Path, str] = field(default_factory=dict)  # by path relative to the site folder
    problems: list[Problem] = field(default_factory=list)


def scaffold_entry(site_dir: Path, config: SiteConfig, kind: str, entry_id: str, today: datetime.date) -> Scaffold:
    """The files of a new entry `kind/entry_id`, or the problems that stop it (bad id, existing entry)."""
    result = Scaffold()
    folder = Path("content") / kind / entry_id
    spec = KINDS[kind]
    if not ID.match(entry_id):
        result.problems.append(
            error(
                folder,
                0,
                _("`{entry_id}` cannot be used as an id", entry_id=entry_id),
                _("name the folder with small latin letters, digits and - only, e.g. novi-sad"),
            )
        )
    elif kind == "pages" and entry_id in RESERVED_IDS - {"home"}:
        result.problems.append(
            error(
                folder,
                0,
                _("a page cannot be called `{entry_id}`: that address belongs to a section", entry_id=entry_id),
                _("choose another folder name"),
            )
        )
    elif (site_dir / folder).exists():
        result.problems.append(
            error(
                folder,
                0,
                _("`{entry_id}` already exists", entry_id=entry_id),
                _("choose another id, or edit the files in {folder}", folder=folder.as_posix()),
            )
        )
    elif kind == "categories" and entry_id not in config.categories:
        result.problems.append(
            error(
                "site.yml",
                0,
                _("category `{entry_id}` is not listed in site.yml", entry_id=entry_id),
                _("add `- {entry_id}` under categories in site.yml, then run this again", entry_id=entry_id),
            )
        )
    if result.problems:
        return result
    if spec.has_facts_file:
        facts, problems = facts_file(site_dir, config, spec, entry_id, today)
        result.files[folder / FACTS_NAME] = facts
        result.problems += problems
    for language in config.languages:
        if not language.transliterate_from:
            result.files[folder / f"{language.tag}{TEXT_SUFFIX}"] = text_file(entry_id, language.tag, config.default_language)
    return result


def facts_file(
    site_dir: Path, config: SiteConfig, spec: KindSpec, entry_id: str, today: datetime.date
) -> tuple[str, list[Problem]]:
    """The facts file: required fields with values that pass, then the optional ones as comments."""
    problems: list[Problem] = []
    lines = [f"# The facts of {spec.name}/{entry_id}, the same in every language. Every field: docs/content.md", "# Required:"]
    for field_spec in (spec for spec in spec.facts if spec.required):
        value, note = _placeholder(site_dir, config, field_spec, today)
        if value is None:
            problems.append(
                error(
                    f"content/{field_spec.ref_kind}",
                    0,
                    _(
                        "`{field}` must name an entry in content/{kind}/, and there is none yet",
                        field=field_spec.name,
                        kind=field_spec.ref_kind,
                    ),
                    _("create one first with `portal new {kind} ID`", kind=field_spec.ref_kind),
                )
            )
            continue
        lines.append(f"{field_spec.name}: {value}  # {field_spec.doc}{note}")
    optional = [spec for spec in spec.facts if not spec.required]
    if optional:
        lines.append("# Optional: remove the # at the start of a line to use it.")
        lines += [f"# {spec.name}:  # {spec.doc}{_choices_note(spec)}" for spec in optional]
    return "\n".join(lines) + "\n", problems


def _placeholder(site_dir: Path, config: SiteConfig, spec: FieldSpec, today: datetime.date) -> tuple[str | None, str]:
    """A value of the field's type that `portal check` accepts, and a note for the comment."""
    if spec.type == "date":
        return today.isoformat(), ""
    if spec.type in ("enum", "enum_list"):
        first = spec.choices[0]
        return (first if spec.type == "enum" else f"[{first}]"), _choices_note(spec)
    if spec.type in ("ref", "ref_list"):
        ids = list(config.categories) if spec.ref_kind == "categories" else _entry_ids(site_dir, spec.ref_kind)
        if not ids:
            return None, ""
        value = ids[0] if spec.type == "ref" else f"[{ids[0]}]"
        return value, f" Replace {ids[0]} by the right id."
    if spec.type == "coordinates":
        return PLACEHOLDERS["coordinates"], " Replace by [latitude, longitude]."
    return PLACEHOLDERS[spec.type], " Replace this placeholder."


def _choices_note(spec: FieldSpec) -> str:
    return f" One of: {', '.join(spec.choices)}." if spec.choices else ""


def _entry_ids(site_dir: Path, kind: str) -> list[str]:
    folder = site_dir / "content" / kind
    return sorted(path.name for path in folder.iterdir() if path.is_dir() and ID.match(path.name)) if folder.is_dir() else []


def text_file(entry_id: str, language: str, source_language: str) -> str:
    """A text file with a placeholder title; a translation says it may be deleted until it is written."""
    title = entry_id.replace("-", " ").capitalize()
    lines = ["---", f"title: {title}", "# summary: One sentence shown in lists."]
    if language != source_language:
        lines.insert(
            1,
            f"# {language}: translate the title and the text, or delete this file; until it exists,"
            " readers see the text in the next language of the fallback chain.",
        )
    lines += ["---", ""]
    return "\n".join(lines)


def command_new(site_dir: Path, kind: str, entry_id: str, today: datetime.date, translations: Translations | None = None) -> int:
    """`portal new KIND ID`: write the files of a new entry, or say why not."""
    _loaded, config = load_config(site_dir)
    if config is None:
        return 1
    scaffold = scaffold_entry(site_dir, config, kind, entry_id, today)
    if report(scaffold.problems, "text", False, translations):
        return 1
    for relative, text in scaffold.files.items():
        (site_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / relative).write_text(text, encoding="utf-8")
        print(f"Created {relative.as_posix()}")
    return 0
