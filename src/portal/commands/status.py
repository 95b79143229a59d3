"""`portal status`: the translators' dashboard on the terminal or as Markdown, and `--stamp`, which records
that translations match the current source text (see portal.outputs.status for how that is known)."""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, _, error
from ..model import Site

if TYPE_CHECKING:
    from rich.console import Console
from ..outputs.status import MISSING, OUTDATED, STATE_LABELS, STATES, UNSTAMPED, LanguageStatus, translation_status
from ..translations import STAMP_FIELD
from .report import report, validated_site


def command_status(site_dir: Path, output_format: str, stamp_language: str | None, ids: list[str], today: datetime.date) -> int:
    site = validated_site(site_dir, today)
    if site is None:
        return 1
    if stamp_language is not None:
        if stamp_language not in site.config.tags or not ids:
            print(f"usage: portal status --stamp LANG kind/id ...  (LANG: one of {', '.join(site.config.tags)})", file=sys.stderr)
            return 2
        written, problems = stamp(site_dir, site, stamp_language, ids)
        for path in written:
            print(f"Stamped {path}")
        return 1 if report(problems, "text", False) else 0
    if output_format == "markdown":
        sys.stdout.write(markdown_report(translation_status(site)))
    else:
        from rich.console import Console

        print_report(translation_status(site), Console())
    return 0


def stamp(site_dir: Path, site: Site, language: str, names: list[str]) -> tuple[list[str], list[Problem]]:
    """Write the current source hash into the `language` translations of the named entries.

    A name is `kind/id`, or an id alone when only one kind has it. Returns the files written.
    """
    by_name = {
        translation.name: translation
        for status in translation_status(site)
        if status.tag == language
        for translation in status.translations
    }
    written, problems = [], []
    for name in names:
        matches = [t for key, t in by_name.items() if key == name or key.split("/", 1)[1] == name]
        if len(matches) != 1:
            hint = (
                _("write it as kind/id, e.g. organisations/neostart")
                if matches
                else _("name an entry that has a source text in another language")
            )
            problems.append(
                error(name, 0, _("no single translation into {language} is called `{name}`", language=language, name=name), hint)
            )
        elif matches[0].state == MISSING:
            problems.append(
                error(matches[0].path, 0, _("there is no translation to stamp yet"), _("write the file first, then stamp it"))
            )
        else:
            _write_stamp(site_dir / matches[0].path, matches[0].source_hash)
            written.append(matches[0].path)
    return written, problems


_STAMP_LINE = re.compile(rf"^{STAMP_FIELD}\s*:.*$")
_FENCE = re.compile(r"^---[ \t]*$")


def _write_stamp(path: Path, value: str) -> None:
    """Set `translated_from:` in the front matter, keeping every other line as it was."""
    raw = path.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    text = raw[len(bom) :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    end = next(index for index in range(1, len(lines)) if _FENCE.match(lines[index]))  # validated: it is there
    line = f'{STAMP_FIELD}: "{value}"'  # quoted: YAML would read a hash such as 01234567 as a number
    found = next((index for index in range(1, end) if _STAMP_LINE.match(lines[index])), None)
    if found is None:
        lines.insert(end, line)
    else:
        lines[found] = line
    path.write_bytes(bom + newline.join(lines).encode("utf-8"))


def markdown_report(report: list[LanguageStatus]) -> str:
    """The report as GitHub Markdown: a table, then the outdated and missing texts of each language."""
    lines = [
        "## Translations",
        "",
        "| language | " + " | ".join(STATE_LABELS[state] for state in STATES) + " |",
        "| --- |" + " ---: |" * len(STATES),
    ]
    for status in report:
        lines.append(f"| {status.name} (`{status.tag}`) | " + " | ".join(str(status.count(state)) for state in STATES) + " |")
    for status in report:
        for state in (MISSING, OUTDATED, UNSTAMPED):
            items = status.having(state)
            if items:
                lines += ["", f"<details><summary>{status.tag}: {len(items)} {STATE_LABELS[state]}</summary>", ""]
                lines += [
                    f"- `{item.path}`" + (f" (source now `{item.source_hash}`)" if state != MISSING else "") for item in items
                ]
                lines += ["", "</details>"]
    lines += ["", _how_to_stamp()]
    return "\n".join(lines) + "\n"


def _how_to_stamp() -> str:
    return (
        f'When you have brought a translation up to date, write `{STAMP_FIELD}: "<source>"` in the `---` block '
        "at its top (the hash shown here), or run `portal status --stamp LANGUAGE kind/id`."
    )


def print_report(report: list[LanguageStatus], console: Console) -> None:
    """The report as a table on the terminal (a rich Console), then what each language has to do."""
    from rich.table import Table

    table = Table(title="Translations")
    table.add_column("language")
    for state in STATES:
        table.add_column(STATE_LABELS[state], justify="right")
    for status in report:
        table.add_row(f"{status.name} ({status.tag})", *(str(status.count(state)) for state in STATES))
    console.print(table)
    # Texts not stamped yet are only counted: listed, they would bury what changed.
    for status in report:
        for state in (MISSING, OUTDATED):
            names = [item.name for item in status.having(state)]
            if names:
                console.print(f"[bold]{status.tag}[/bold] {STATE_LABELS[state]}: {', '.join(names)}", highlight=False)
    console.print(_how_to_stamp(), highlight=False)
