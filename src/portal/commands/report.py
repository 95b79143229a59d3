"""How the commands tell the editor: every problem as `path:line: what is wrong; what to write instead`,
in the editor's language when asked, as text or as GitHub annotations."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from ..config import SiteConfig, read_config
from ..errors import ERROR, Problem, Translations, _, n_, translate
from ..i18n import problem_messages
from ..load import LoadedSite, load_site
from ..model import Site
from ..schema import KINDS
from ..validate import validate


def translations(tag: str | None) -> tuple[Translations | None, str]:
    """The catalog of portal's own messages in the editor's language (`--lang`), or None for English; and, for a
    TAG portal cannot write in, why (then nothing is run)."""
    if tag is None:
        return None, ""
    choice = problem_messages.choose(tag)
    if choice.tag is None:
        return None, choice.refusal
    if choice.note:
        print(choice.note, file=sys.stderr)
    return (problem_messages.translations(choice.tag) if choice.tag != problem_messages.ENGLISH else None), ""


def report(
    problems: list[Problem],
    output_format: str,
    strict: bool,
    translations: Translations | None = None,
    summary: Path | None = None,
) -> bool:
    """Print every problem, in the editor's language if given; return True when the run must fail.
    With `summary` (GitHub's $GITHUB_STEP_SUMMARY), every problem is also added to that file as a Markdown table:
    GitHub shows only ten annotations per step, the summary shows them all."""
    if summary is not None:
        with summary.open("a", encoding="utf-8") as file:
            file.write(summary_markdown(problems, translations))
    for problem in problems:
        print(
            problem.github_annotation(translations) if output_format == "github" else problem.format(translations),
            file=sys.stderr,
        )
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    if problems:
        print(
            translate(
                _(
                    "{errors}, {warnings}",
                    errors=n_("{count} error", "{count} errors", "count", count=errors),
                    warnings=n_("{count} warning", "{count} warnings", "count", count=warnings),
                ),
                translations,
            ),
            file=sys.stderr,
        )
    return errors > 0 or (strict and warnings > 0)


def summary_markdown(problems: list[Problem], translations: Translations | None = None) -> str:
    """The problems as a Markdown table for a job's summary page: file and line, error or warning, what to do."""
    if not problems:
        return "### portal check\n\n" + translate(_("No errors found."), translations) + "\n"

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["### portal check", "", "| file | | problem |", "| --- | --- | --- |"]
    for problem in problems:
        shown = problem.translated(translations)
        severity = translate(_("error") if shown.severity == ERROR else _("warning"), translations)
        text = f"{shown.message}; {shown.hint}" if shown.hint else shown.message
        lines.append(f"| `{cell(str(shown.source))}` | {severity} | {cell(text)} |")
    return "\n".join(lines) + "\n\n"


def load_config(site_dir: Path) -> tuple[LoadedSite, SiteConfig | None]:
    """The loaded content and the checked site.yml (None, after reporting why, when it is unusable)."""
    loaded = load_site(site_dir, tuple(KINDS))
    config, problems = read_config(loaded.config) if loaded.config else (None, loaded.problems)
    if config is None:
        report(problems, "text", False)
    return loaded, config


def validated_site(site_dir: Path, today: datetime.date) -> Site | None:
    """The model of every valid entry (problems are `portal check`'s business), or None without a usable site.yml."""
    loaded, config = load_config(site_dir)
    if config is None:
        return None
    site, _problems = validate(loaded, config, today)
    return site
