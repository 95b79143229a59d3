"""The `portal` command: one function per subcommand, exit status 1 on any content error."""
from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .errors import ERROR, Problem, Translations, _, translate
from .pipeline import build
from .schema import KINDS
from .state import forget_state, read_state, save_state


def main(argv: list[str] | None = None) -> int:
    # A build holds the whole site in memory and makes few reference cycles: with Python's default
    # thresholds the collector walks all of it again and again (a quarter of a warm build's time).
    gc.set_threshold(100_000, 50, 1_000)
    args = _parser().parse_args(argv)
    site_dir = args.site.resolve()
    translations = _translations(getattr(args, "lang", None))
    if args.command == "build":
        return command_build(site_dir, args.out or site_dir / "public", args.strict, args.format, translations, args.brochures,
                             args.clean)
    if args.command == "brochures":
        return command_brochures(site_dir, args.out or site_dir / "public", args.strict, args.format, translations)
    if args.command == "check":
        return command_check(site_dir, args.strict, args.format, translations)
    if args.command == "schemas":
        return command_schemas(site_dir)
    if args.command == "new":
        return command_new(site_dir, args.kind, args.id, translations)
    if args.command == "status":
        return command_status(site_dir, args.format, args.stamp, args.ids)
    if args.command == "serve":
        return command_serve(site_dir, args.out or site_dir / "public", args.port, translations)
    return command_i18n(site_dir, args.action, args.tool, args.theme)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description="Build a multilingual information portal from YAML and Markdown.")
    parser.add_argument("--site", type=Path, default=Path("."), help="the site folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="check the content and build the site")
    build_cmd.add_argument("--out", type=Path, default=None, help="output folder (default: public/ in the site folder)")
    build_cmd.add_argument("--brochures", action="store_true",
                           help="also make the printable brochures (PDF) that changed; without it, unchanged ones are kept")
    build_cmd.add_argument("--clean", action="store_true",
                           help="build everything anew, without what the last build left in .portal-cache/")
    _add_report_options(build_cmd)
    brochures_cmd = commands.add_parser("brochures", help="make the printable brochures (PDF) into OUT/brochures/, nothing else")
    brochures_cmd.add_argument("--out", type=Path, default=None, help="output folder (default: public/ in the site folder)")
    _add_report_options(brochures_cmd)
    _add_report_options(commands.add_parser("check", help="check the content without writing anything"))
    i18n_cmd = commands.add_parser("i18n", help="interface translations: extract, update, compile")
    i18n_cmd.add_argument("action", choices=("extract", "update", "compile"))
    i18n_target = i18n_cmd.add_mutually_exclusive_group()
    i18n_target.add_argument("--theme", action="store_true",
                             help="work on the catalogs of the site's theme (themes/<theme>/locales/) instead of the site's own")
    i18n_target.add_argument("--tool", action="store_true",
                             help="work on portal's own problem messages (src/portal/locales/) instead of the site's interface")
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


def _add_report_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--strict", action="store_true", help="treat warnings (missing translations, old entries) as errors")
    command.add_argument("--format", choices=("text", "github"), default="text",
                         help="github: report problems as GitHub Actions annotations on the changed lines")
    _add_language_option(command)


def _add_language_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--lang", metavar="TAG", default=None,
                         help="write the problems in this language, e.g. sr-Latn (default: English)")


def _translations(tag: str | None) -> Translations | None:
    if tag is None:
        return None
    from .i18n import problem_messages
    return problem_messages.translations(tag)


def report(problems: list[Problem], output_format: str, strict: bool, translations: Translations | None = None) -> bool:
    """Print every problem, in the editor's language if given; return True when the run must fail."""
    for problem in problems:
        print(problem.github_annotation(translations) if output_format == "github" else problem.format(translations),
              file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    if problems:
        print(translate(_("{errors} error(s), {warnings} warning(s)", errors=errors, warnings=warnings), translations),
              file=sys.stderr)
    return errors > 0 or (strict and warnings > 0)


def command_build(site_dir: Path, out: Path, strict: bool, output_format: str, translations: Translations | None = None,
                  brochures: bool = False, clean: bool = False) -> int:
    # An edit since the last build rebuilds only what depends on it; the state is dropped before the
    # output changes, so that a build stopped half-way is followed by a full one.
    previous = None if clean else read_state(site_dir)
    result = build(site_dir, out, strict, brochures, state=previous, before_write=lambda: forget_state(site_dir))
    failed = report(result.problems, output_format, strict, translations)
    if failed:
        print(translate(_("Nothing was written; {out} is as it was.", out=out), translations), file=sys.stderr)
        return 1
    if result.state is not None and not _same_state(previous, result):
        save_state(site_dir, result.state)
    print(f"Built {out}: {result.rendered} pages rendered, {result.changed_files} files written or removed")
    _report_brochures(result.brochures)
    return 0


def _same_state(previous, result) -> bool:
    """Whether the saved state still describes the output: nothing was rendered or written and no entry changed.
    Saving it again would cost more than the rest of such a build on a large site."""
    return (previous is not None and result.rendered == 0 and result.changed_files == 0
            and result.state.entries == previous.entries and result.state.fingerprint == previous.fingerprint)


def command_brochures(site_dir: Path, out: Path, strict: bool, output_format: str, translations: Translations | None = None) -> int:
    """The printable brochures alone, written into OUT/brochures/ in place; `portal build` then links them."""
    from .brochures import write_brochures

    result = build(site_dir, None, strict, brochures=True, previous=out)
    if report(result.problems, output_format, strict, translations):
        print(translate(_("Nothing was written; {out} is as it was.", out=out), translations), file=sys.stderr)
        return 1
    written = write_brochures(result.brochures, out)
    _report_brochures(result.brochures)
    print(f"Wrote {len(written)} files into {out}")
    return 0


def _report_brochures(brochures) -> None:
    if brochures.rendered or brochures.kept:
        print(f"Brochures: {len(brochures.rendered)} made, {len(brochures.kept)} unchanged")
    if brochures.left_out:
        print(f"{len(brochures.left_out)} brochure(s) are out of date and were left out; "
              "make them with `portal build --brochures`", file=sys.stderr)


def command_check(site_dir: Path, strict: bool, output_format: str, translations: Translations | None = None) -> int:
    result = build(site_dir, None, strict)
    failed = report(result.problems, output_format, strict, translations)
    if not failed:
        print(translate(_("No errors found."), translations))
    return 1 if failed else 0


def _load(site_dir: Path):
    """The loaded content and the checked site.yml (None, after reporting why, when it is unusable)."""
    from .config import read_config
    from .load import load_site

    loaded = load_site(site_dir, tuple(KINDS))
    config, problems = read_config(loaded.config) if loaded.config else (None, loaded.problems)
    if config is None:
        report(problems, "text", False)
    return loaded, config


def command_i18n(site_dir: Path, action: str, tool: bool = False, theme: bool = False) -> int:
    """extract, update or compile the interface catalogs: the site's own (default), its theme's, or portal's (--tool).

    A site's locales/ holds only the words it changes or adds; the theme's hold all of them.
    """
    from .i18n import catalogs
    from .pipeline import catalog_folders, catalog_languages, check_catalogs, theme_catalog_folders
    from .theme import display_path, site_themes

    if tool:
        return command_i18n_tool(action)
    loaded, config = _load(site_dir)
    if config is None:
        return 1
    themes, problems = site_themes(site_dir, config.theme, loaded.config.values.line_of("theme"))
    if report(problems, "text", False):
        return 1
    if theme:
        return command_i18n_theme(site_dir, action, themes)
    locales = site_dir / "locales"
    pot = locales / "messages.pot"
    theme_words = display_path(themes[0].folder / "locales", site_dir)
    if action == "extract":
        # the print templates of the brochures (portal.brochures) use the same catalogs as the pages
        own = [folder for folder in (site_dir / "templates", site_dir / "print") if folder.is_dir()]
        if not own:
            print(f"The site has no templates of its own (templates/, print/), so nothing to extract; "
                  f"the interface words are the theme's, in {theme_words}/.")
            return 0
        return _extract(own, pot, site_dir, catalogs.SITE_TEMPLATE_HEADER)
    if action == "update":
        theme_templates = [folder.template for folder in theme_catalog_folders(themes)]
        written = catalogs.update_overrides(pot, theme_templates, locales, catalog_languages(config))
        for path in written:
            print(f"Updated {display_path(path, site_dir)}")
        if not written:
            print(f"The site has no catalogs of its own; the interface words are the theme's, in {theme_words}/.")
        return 0
    failed = report(check_catalogs(site_dir, config, themes), "text", False)
    languages = [(language.tag, language.transliterate_from) for language in config.languages]
    if not _compiles(catalog_folders(site_dir, themes), languages):
        failed = True
    if not failed:
        print("All catalogs compile.")
    return 1 if failed else 0


def command_i18n_theme(site_dir: Path, action: str, themes: tuple) -> int:
    """The same three actions for the catalogs of the site's theme, in the languages its theme.yml lists."""
    from .i18n import catalogs
    from .pipeline import catalog_problems, theme_catalog_folders
    from .theme import MANIFEST, display_path

    theme = themes[0]
    locales = theme.folder / "locales"
    pot = locales / "messages.pot"
    if action == "extract":
        return _extract([folder for folder in (theme.folder / "templates", theme.folder / "print") if folder.is_dir()],
                        pot, site_dir, catalogs.TEMPLATE_HEADER)
    if not theme.languages:
        print(f"{display_path(theme.folder / MANIFEST, site_dir)} lists no `languages:`, so the theme has no catalogs to "
              "work on; add the tags of the languages to translate into", file=sys.stderr)
        return 1
    if action == "update":
        if not pot.exists():
            print(f"{display_path(pot, site_dir)} does not exist yet; run `portal i18n extract --theme` first", file=sys.stderr)
            return 1
        # A theme that extends another keeps only the parent's words it says differently, as a site does.
        parents = [folder.template for folder in theme_catalog_folders(themes)[1:]]
        for path in catalogs.update_overrides(pot, parents, locales, list(theme.languages), catalogs.CATALOG_HEADER):
            print(f"Updated {display_path(path, site_dir)}")
        return 0
    # Checked with its parents, as a site using it sees it, but with no site catalog before it.
    folders = theme_catalog_folders(themes)
    failed = report(catalog_problems(catalogs.check_chain(folders, list(theme.languages)), site_dir), "text", False)
    if not _compiles(folders, [(tag, None) for tag in theme.languages]):
        failed = True
    if not failed:
        print(f"All catalogs of the theme `{theme.name}` compile.")
    return 1 if failed else 0


def _extract(template_dirs: list[Path], pot: Path, site_dir: Path, header: str) -> int:
    """Write the template of these template folders' messages, or report the line Jinja cannot read."""
    from .i18n import catalogs
    from .theme import display_path

    try:
        count = catalogs.extract(template_dirs, pot, header)
    except ValueError as exc:  # a template Jinja cannot parse: "path:line: what"
        print(f"{exc}; nothing was extracted", file=sys.stderr)
        return 1
    print(f"Extracted {count} messages into {display_path(pot, site_dir)}")
    return 0


def _compiles(folders: list, languages: list[tuple[str, str | None]]) -> bool:
    """Whether every catalog of these folders compiles (a problem was already reported, with its line, by the check)."""
    from .i18n import catalogs

    for folder in folders:
        for tag, transliterate_from in languages:
            try:
                catalogs.load_translations(folder.locales_dir, tag, transliterate_from)
            except ValueError:
                return False
    return True


def command_i18n_tool(action: str) -> int:
    """The same three actions for portal's own problem messages, in src/portal/locales/."""
    from .i18n import problem_messages

    if action == "extract":
        print(f"Extracted {problem_messages.extract()} messages into {problem_messages.TEMPLATE}")
        return 0
    if action == "update":
        for path in problem_messages.update([path.stem for path in sorted(problem_messages.LOCALES.glob("*.po"))]):
            print(f"Updated {path}")
        return 0
    found = problem_messages.check()
    for problem in found:
        print(f"{problem.path}:{problem.line}: {problem.severity}: {problem.message}; {problem.hint}", file=sys.stderr)
    if any(problem.severity == ERROR for problem in found):
        return 1
    print("All catalogs of portal's messages compile.")
    return 0


def command_schemas(site_dir: Path) -> int:
    from .schemas import write_schemas

    written = write_schemas(site_dir)
    for path in written:
        print(f"Wrote {path.relative_to(site_dir)}")
    if not written:
        print("The schemas are up to date.")
    return 0


def command_new(site_dir: Path, kind: str, entry_id: str, translations: Translations | None = None) -> int:
    from .pipeline import build_date
    from .scaffold import scaffold_entry

    _loaded, config = _load(site_dir)
    if config is None:
        return 1
    scaffold = scaffold_entry(site_dir, config, kind, entry_id, build_date())
    if report(scaffold.problems, "text", False, translations):
        return 1
    for relative, text in scaffold.files.items():
        (site_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / relative).write_text(text, encoding="utf-8")
        print(f"Created {relative.as_posix()}")
    return 0


def command_status(site_dir: Path, output_format: str, stamp_language: str | None, ids: list[str]) -> int:
    from .status import markdown_report, print_report, stamp, translation_status

    site = _validated_site(site_dir)
    if site is None:
        return 1
    if stamp_language is not None:
        if stamp_language not in site.config.tags or not ids:
            print("usage: portal status --stamp LANG kind/id ...  (LANG: one of "
                  f"{', '.join(site.config.tags)})", file=sys.stderr)
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


def _validated_site(site_dir: Path):
    """The model of every valid entry (problems are `portal check`'s business), or None without a usable site.yml."""
    from .pipeline import build_date
    from .validate import validate

    loaded, config = _load(site_dir)
    if config is None:
        return None
    site, _problems = validate(loaded, config, build_date())
    return site


def command_serve(site_dir: Path, out: Path, port: int, translations: Translations | None = None) -> int:
    from .serve import serve

    def report_build(result) -> None:
        if not report(result.problems, "text", False, translations):
            print(f"Built: {result.rendered} pages rendered, {result.changed_files} files written or removed.", file=sys.stderr)
        elif not result.written:
            print("The preview still shows the last build without errors.", file=sys.stderr)

    return serve(site_dir, out, port, report_build)
