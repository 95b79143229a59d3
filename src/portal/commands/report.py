"""How the commands tell the editor: every problem as `path:line: what is wrong; what to write instead`,
in the editor's language when asked, as text or as GitHub annotations."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from ..config import SiteConfig, read_config
from ..errors import ERROR, Problem, Translations, _, translate
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


def report(problems: list[Problem], output_format: str, strict: bool, translations: Translations | None = None) -> bool:
    """Print every problem, in the editor's language if given; return True when the run must fail."""
    for problem in problems:
        print(
            problem.github_annotation(translations) if output_format == "github" else problem.format(translations),
            file=sys.stderr,
        )
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    if problems:
        print(
            translate(_("{errors} error(s), {warnings} warning(s)", errors=errors, warnings=warnings), translations),
            file=sys.stderr,
        )
    return errors > 0 or (strict and warnings > 0)


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
