"""The `portal` command: argument parsing and dispatch; each verb is a module of portal.commands.

Exit status: 0 when fine, 1 when the content has an error. Settings from the environment
(SOURCE_DATE_EPOCH, PORTAL_WORKERS) are read here, at the edge, and handed down.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .commands.build import command_brochures, command_build, command_check
from .commands.i18n import command_i18n
from .commands.init import DEFAULT_LANGUAGES, command_init
from .commands.new import command_new
from .commands.report import translations as problem_translations
from .commands.schemas import command_schemas
from .commands.serve import command_serve
from .commands.status import command_status
from .i18n.catalogs import UNIX_EPOCH
from .incremental.context import BuildContext
from .incremental.state import StateStore
from .schema import KINDS


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    site_dir = args.site.resolve()
    translations, refusal = problem_translations(getattr(args, "lang", None))
    if refusal:
        print(f"portal: {refusal}", file=sys.stderr)
        return 2  # as for any other option that cannot be used
    out = getattr(args, "out", None) or site_dir / "public"
    # The one place the environment is read: SOURCE_DATE_EPOCH ("today", reproducible dates), PORTAL_WORKERS.
    # A build keeps its state in .portal-cache/, but one made to be opened from disk: its pages differ from what the
    # state would record, and the next ordinary build must not take them over.
    keeps_state = args.command == "build" and not args.relative_links
    context = BuildContext.from_environment(os.environ, site_dir if keeps_state else None)
    if args.command == "build":
        if args.clean:
            context.forget_state()
        if args.relative_links:
            StateStore(site_dir).forget()
        return command_build(
            site_dir,
            out,
            context,
            args.strict,
            args.format,
            translations,
            args.brochures,
            args.timings,
            args.relative_links,
            args.summary,
            args.zim,
        )
    if args.command == "brochures":
        return command_brochures(site_dir, out, context, args.strict, args.format, translations)
    if args.command == "check":
        return command_check(site_dir, context, args.strict, args.format, translations, args.timings, args.summary)
    if args.command == "serve":
        return command_serve(site_dir, out, args.port, context, translations)
    if args.command == "schemas":
        return command_schemas(site_dir)
    if args.command == "init":
        return command_init(args.folder, args.languages, args.title, args.base_url, args.portal_from, context.today)
    if args.command == "new":
        return command_new(site_dir, args.kind, args.id, translations)
    if args.command == "status":
        return command_status(site_dir, args.format, args.stamp, args.ids, context.today)
    return command_i18n(site_dir, args.action, args.tool, args.theme, context.source_date or UNIX_EPOCH)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description="Build a multilingual information portal from YAML and Markdown.")
    parser.add_argument("--site", type=Path, default=Path("."), help="the site folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    _add_build_commands(commands)
    _add_i18n_command(commands)
    _add_init_command(commands)
    commands.add_parser("schemas", help="write the JSON Schemas of the content files to schemas/ and .vscode/settings.json")
    new_cmd = commands.add_parser("new", help="create the files of a new entry, ready to fill in")
    new_cmd.add_argument("kind", choices=tuple(KINDS))
    new_cmd.add_argument("id", help="the folder name: small latin letters, digits and -")
    _add_language_option(new_cmd)
    status_cmd = commands.add_parser("status", help="which translations are missing or outdated")
    status_cmd.add_argument("--format", choices=("table", "markdown"), default="table")
    status_cmd.add_argument("--stamp", metavar="LANG", help="record that these translations into LANG match the current source")
    status_cmd.add_argument("ids", nargs="*", metavar="ID", help="with --stamp: entries as kind/id (or id)")
    serve_cmd = commands.add_parser("serve", help="preview the site locally, rebuilt and reloaded on every change")
    serve_cmd.add_argument("--out", type=Path, default=None, help="output folder (default: public/ in the site folder)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0: any free port)")
    _add_language_option(serve_cmd)
    return parser


Commands = argparse._SubParsersAction  # the object argparse hands out for adding subcommands


def _add_build_commands(commands: Commands) -> None:
    """build, brochures and check: the site checked, and written only when nothing is wrong."""
    build_cmd = commands.add_parser("build", help="check the content and build the site")
    build_cmd.add_argument("--out", type=Path, default=None, help="output folder (default: public/ in the site folder)")
    build_cmd.add_argument(
        "--brochures",
        action="store_true",
        help="also make the printable brochures (PDF) that changed; without it, unchanged ones are kept",
    )
    build_cmd.add_argument(
        "--clean", action="store_true", help="build everything anew, without what the last build left in .portal-cache/"
    )
    build_cmd.add_argument("--timings", action="store_true", help="print the seconds each stage took")
    build_cmd.add_argument(
        "--relative-links",
        action="store_true",
        help="make every link relative, so that the built site works opened from disk (a pull request's preview)",
    )
    build_cmd.add_argument(
        "--zim", action="store_true", help="also write each offline edition as a ZIM file for Kiwix (needs portal[zim])"
    )
    _add_report_options(build_cmd)
    brochures_cmd = commands.add_parser("brochures", help="make the printable brochures (PDF) into OUT/brochures/, nothing else")
    brochures_cmd.add_argument("--out", type=Path, default=None, help="output folder (default: public/ in the site folder)")
    _add_report_options(brochures_cmd)
    check_cmd = commands.add_parser("check", help="check the content without writing anything")
    check_cmd.add_argument("--timings", action="store_true", help="print the seconds each stage took")
    _add_report_options(check_cmd)


def _add_i18n_command(commands: Commands) -> None:
    i18n_cmd = commands.add_parser("i18n", help="interface translations: extract, update, compile")
    i18n_cmd.add_argument("action", choices=("extract", "update", "compile"))
    i18n_target = i18n_cmd.add_mutually_exclusive_group()
    i18n_target.add_argument(
        "--theme",
        action="store_true",
        help="work on the catalogs of the site's theme (themes/<theme>/locales/) instead of the site's own",
    )
    i18n_target.add_argument(
        "--tool",
        action="store_true",
        help="work on portal's own problem messages (src/portal/i18n/messages/) instead of the site's interface",
    )


def _add_init_command(commands: Commands) -> None:
    init_cmd = commands.add_parser("init", help="start a new portal in a new folder, ready to publish from GitHub")
    init_cmd.add_argument("folder", type=Path, metavar="DIR", help="the new site's folder; must not exist, or be empty")
    init_cmd.add_argument(
        "--languages",
        metavar="TAGS",
        default=None,
        help=f"the site's languages, the first one the source of the texts (default: {','.join(DEFAULT_LANGUAGES)})",
    )
    init_cmd.add_argument(
        "--title", default=None, help="the portal's name in its first language (default: an example to replace)"
    )
    init_cmd.add_argument(
        "--base-url", default=None, help="the address it is published at, e.g. https://OWNER.github.io/REPOSITORY/"
    )
    init_cmd.add_argument(
        "--portal-from",
        metavar="REQUIREMENT",
        default=None,
        help="what its GitHub workflows install (default: this version of portal from the package index, portal==VERSION)",
    )


def _add_report_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--strict", action="store_true", help="treat warnings (missing translations, old entries) as errors")
    command.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: report problems as GitHub Actions annotations on the changed lines",
    )
    command.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help='also add every problem to FILE as a Markdown table (in a workflow: --summary "$GITHUB_STEP_SUMMARY")',
    )
    _add_language_option(command)


def _add_language_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lang", metavar="TAG", default=None, help="write the problems in this language, e.g. sr-Latn (default: English)"
    )
