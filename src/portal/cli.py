"""The `portal` command: one function per subcommand, exit status 1 on any content error."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ERROR, Problem
from .pipeline import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description="Build a multilingual information portal from YAML and Markdown.")
    parser.add_argument("--site", type=Path, default=Path("."), help="the site folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="check the content and build the site")
    build_cmd.add_argument("--out", type=Path, default=None, help="output folder (default: public/ in the site folder)")
    _add_report_options(build_cmd)
    check_cmd = commands.add_parser("check", help="check the content without writing anything")
    _add_report_options(check_cmd)

    i18n_cmd = commands.add_parser("i18n", help="interface translations: extract, update, compile")
    i18n_cmd.add_argument("action", choices=("extract", "update", "compile"))

    args = parser.parse_args(argv)
    site_dir = args.site.resolve()
    if args.command == "build":
        return command_build(site_dir, args.out or site_dir / "public", args.strict, args.format)
    if args.command == "check":
        return command_check(site_dir, args.strict, args.format)
    return command_i18n(site_dir, args.action)


def _add_report_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--strict", action="store_true", help="treat warnings (missing translations, old entries) as errors")
    command.add_argument("--format", choices=("text", "github"), default="text",
                         help="github: report problems as GitHub Actions annotations on the changed lines")


def report(problems: list[Problem], output_format: str, strict: bool) -> bool:
    """Print every problem; return True when the run must fail."""
    for problem in problems:
        print(problem.github_annotation() if output_format == "github" else problem.format(), file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    if problems:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return errors > 0 or (strict and warnings > 0)


def command_build(site_dir: Path, out: Path, strict: bool, output_format: str) -> int:
    result = build(site_dir, out, strict)
    failed = report(result.problems, output_format, strict)
    if failed:
        print(f"Nothing was written; {out} is as it was.", file=sys.stderr)
        return 1
    print(f"Built {len(result.files)} files into {out}")
    return 0


def command_check(site_dir: Path, strict: bool, output_format: str) -> int:
    result = build(site_dir, None, strict)
    failed = report(result.problems, output_format, strict)
    if not failed:
        print("No errors found.")
    return 1 if failed else 0


def command_i18n(site_dir: Path, action: str) -> int:
    from .config import read_config
    from .i18n import catalogs
    from .load import load_site
    from .pipeline import catalog_languages, check_catalogs
    from .render import DEFAULT_THEME
    from .schema import KINDS

    locales = site_dir / "locales"
    pot = locales / "messages.pot"
    if action == "extract":
        count = catalogs.extract([site_dir / "templates", DEFAULT_THEME / "templates"], pot)
        print(f"Extracted {count} messages into {pot}")
        return 0
    loaded = load_site(site_dir, tuple(KINDS))
    config, problems = read_config(loaded.config) if loaded.config else (None, loaded.problems)
    if config is None:
        report(problems, "text", False)
        return 1
    if action == "update":
        for path in catalogs.update(pot, locales, catalog_languages(config)):
            print(f"Updated {path}")
        return 0
    failed = report(check_catalogs(site_dir, config), "text", False)
    for language in config.languages:
        try:
            catalogs.load_translations(locales, language.tag, language.transliterate_from)
        except ValueError:
            failed = True  # already reported by the check, with its line
    if not failed:
        print("All catalogs compile.")
    return 1 if failed else 0
