"""`portal new KIND ID`: the files of a new entry, with every line still to fill in left empty.

Nothing in them is a placeholder that passes: a required field is written without a value, under a
comment that says what to write, so `portal check` fails and names each line still to fill in
until someone has (a guessed `type`, coordinates at [0, 0] or today as `last_verified` would pass
and reach readers). Optional fields are comments to uncomment. Only the text in the source
language is written: translators add theirs, and until then readers see this one, marked as such.
Comments are in the editor's language (`--lang`). The fields come from `schema.KINDS`, so a new
field appears here without touching this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import ID, SiteConfig
from ..errors import Problem, Translations, _, error, translate
from ..load import FACTS_NAME, TEXT_SUFFIX
from ..schema import KINDS, RESERVED_IDS, FieldSpec, KindSpec
from .report import load_config, report

SHOWN_IDS = 12  # ids of other entries named in a comment, at most
NOT_SCAFFOLDED_TEXTS = ("lang", "translated_from")  # written later, by a translator or `portal status --stamp`


@dataclass
class Scaffold:
    files: dict[Path, str] = field(default_factory=dict)  # by path relative to the site folder
    problems: list[Problem] = field(default_factory=list)


def scaffold_entry(
    site_dir: Path, config: SiteConfig, kind: str, entry_id: str, translations: Translations | None = None
) -> Scaffold:
    """The files of a new entry `kind/entry_id`, or the problems that stop it (bad id, existing entry)."""
    result = Scaffold(problems=_refusals(site_dir, config, kind, entry_id))
    if result.problems:
        return result
    folder = Path("content") / kind / entry_id
    spec = KINDS[kind]
    if spec.has_facts_file:
        facts, problems = facts_file(site_dir, config, spec, entry_id, translations)
        result.files[folder / FACTS_NAME] = facts
        result.problems += problems
    result.files[folder / f"{config.default_language}{TEXT_SUFFIX}"] = text_file(spec, translations)
    return result


def _refusals(site_dir: Path, config: SiteConfig, kind: str, entry_id: str) -> list[Problem]:
    folder = Path("content") / kind / entry_id
    if not ID.match(entry_id):
        return [
            error(
                folder,
                0,
                _("`{entry_id}` cannot be used as an id", entry_id=entry_id),
                _("name the folder with small latin letters, digits and - only, e.g. novi-sad"),
            )
        ]
    if kind == "pages" and entry_id in RESERVED_IDS - {"home"}:
        return [
            error(
                folder,
                0,
                _("a page cannot be called `{entry_id}`: that address belongs to a section", entry_id=entry_id),
                _("choose another folder name"),
            )
        ]
    if (site_dir / folder).exists():
        return [
            error(
                folder,
                0,
                _("`{entry_id}` already exists", entry_id=entry_id),
                _("choose another id, or edit the files in {folder}", folder=folder.as_posix()),
            )
        ]
    if kind == "categories" and entry_id not in config.categories:
        return [
            error(
                "site.yml",
                0,
                _("category `{entry_id}` is not listed in site.yml", entry_id=entry_id),
                _("add `- {entry_id}` under categories in site.yml, then run this again", entry_id=entry_id),
            )
        ]
    return []


def facts_file(
    site_dir: Path, config: SiteConfig, spec: KindSpec, entry_id: str, translations: Translations | None = None
) -> tuple[str, list[Problem]]:
    """The facts file: each required field empty under a comment saying what to write, then the optional ones as comments."""

    def said(message: str) -> str:
        return translate(message, translations)

    problems: list[Problem] = []
    lines = [
        "# "
        + said(
            _("The facts of {kind}/{id}, the same in every language. Every field: docs/content.md", kind=spec.name, id=entry_id)
        ),
        "# " + said(_("Fill in each line that ends with a colon; `portal check` names every one still empty.")),
        "",
    ]
    for field_spec in (spec for spec in spec.facts if spec.required or spec.scaffold):
        choices = _choices(site_dir, config, field_spec)
        if field_spec.type in ("ref", "ref_list") and not choices:
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
        lines += [f"# {said(_(field_spec.doc))}{_choices_note(choices, field_spec, said)}", f"{field_spec.name}:"]
    optional = [spec for spec in spec.facts if not spec.required and not spec.scaffold]
    if optional:
        lines += ["", "# " + said(_("Optional: remove the # at the start of a line to use it."))]
        lines += [
            f"# {spec.name}:  # {said(_(spec.doc))}{_choices_note(_choices(site_dir, config, spec), spec, said)}"
            for spec in optional
        ]
    return "\n".join(lines) + "\n", problems


def _choices(site_dir: Path, config: SiteConfig, spec: FieldSpec) -> list[str]:
    """What a field may name: its allowed values, or the ids of the entries of the kind it refers to."""
    if spec.choices:
        return list(spec.choices)
    if spec.type in ("ref", "ref_list"):
        if spec.ref_kind == "categories":
            return list(config.categories)
        return [entry_id for kind in spec.ref_kind.split("|") for entry_id in _entry_ids(site_dir, kind)]
    return []


def _choices_note(choices: list[str], spec: FieldSpec, said: Callable[[str], str]) -> str:
    if not choices:
        return ""
    shown = ", ".join(choices[:SHOWN_IDS]) + (", ..." if len(choices) > SHOWN_IDS else "")
    if spec.type in ("enum_list", "ref_list"):
        return " " + said(_("One or more of: {choices}.", choices=shown))
    return " " + said(_("One of: {choices}.", choices=shown))


def _entry_ids(site_dir: Path, kind: str) -> list[str]:
    folder = site_dir / "content" / kind
    return sorted(path.name for path in folder.iterdir() if path.is_dir() and ID.match(path.name)) if folder.is_dir() else []


def text_file(spec: KindSpec, translations: Translations | None = None) -> str:
    """The text in the source language: an empty title to fill in, the optional fields as comments, and a note
    (never shown to readers) where the text goes."""

    def said(message: str) -> str:
        return translate(message, translations)

    lines = ["---"]
    for field_spec in spec.texts:
        if field_spec.name in NOT_SCAFFOLDED_TEXTS:
            continue
        if field_spec.required:
            lines += [f"# {said(_(field_spec.doc))}", f"{field_spec.name}:"]
        else:
            lines.append(f"# {field_spec.name}:  # {said(_(field_spec.doc))}")
    note = said(_("A note for editors, never shown: write the text for readers below this line, in Markdown."))
    lines += ["---", f"<!-- {note} -->", ""]
    return "\n".join(lines)


def command_new(site_dir: Path, kind: str, entry_id: str, translations: Translations | None = None) -> int:
    """`portal new KIND ID`: write the files of a new entry, or say why not."""
    _loaded, config = load_config(site_dir)
    if config is None:
        return 1
    scaffold = scaffold_entry(site_dir, config, kind, entry_id, translations)
    if report(scaffold.problems, "text", False, translations):
        return 1
    for relative, text in scaffold.files.items():
        (site_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / relative).write_text(text, encoding="utf-8")
        print(f"Created {relative.as_posix()}")
    print(
        translate(
            _(
                "Fill in the empty lines; `portal check` names each one still to fill in. Translators add the other"
                " languages; until then readers see this text, marked as such."
            ),
            translations,
        )
    )
    return 0
