"""`portal build`, `portal check` and `portal brochures`: the site checked, and written only when nothing is wrong."""

from __future__ import annotations

import sys
from pathlib import Path

from ..build import BuildOptions, BuildResult, build
from ..errors import Translations, _, translate
from ..incremental.context import BuildContext
from ..outputs.brochures import Brochures, write_brochures
from ..outputs.zim import zim_available
from .preview import make_links_relative
from .report import report


def command_build(
    site_dir: Path,
    out: Path,
    context: BuildContext,
    strict: bool,
    output_format: str,
    translations: Translations | None = None,
    brochures: bool = False,
    timings: bool = False,
    relative_links: bool = False,
    summary: Path | None = None,
    zim: bool = False,
) -> int:
    """Build into `out`. An edit since the last build rebuilds only what depends on it (the context's state).
    With `relative_links`, the pages are then made to work opened from disk (portal.commands.preview); with `zim`,
    the offline editions are also written as ZIM files for Kiwix."""
    if zim and not zim_available():
        print("portal: --zim needs openZIM's libzim: pip install 'portal[zim]' (or: pip install libzim)", file=sys.stderr)
        return 2
    result = build(site_dir, BuildOptions(out=out, strict=strict, brochures=brochures, zim=zim), context)
    failed = report(result.problems, output_format, strict, translations, summary)
    if timings:
        print_timings(result)
    if failed:
        print(translate(_("Nothing was written; {out} is as it was.", out=out), translations), file=sys.stderr)
        return 1
    print(f"Built {out}: {result.rendered} pages rendered, {result.changed_files} files written or removed")
    if relative_links and result.config is not None:
        print(f"Links made relative in {make_links_relative(out, result.config)} pages: open {out / 'index.html'} from disk")
    report_brochures(result.brochures)
    return 0


def command_check(
    site_dir: Path,
    context: BuildContext,
    strict: bool,
    output_format: str,
    translations: Translations | None = None,
    timings: bool = False,
    summary: Path | None = None,
) -> int:
    """Every check of a build, writing nothing."""
    result = build(site_dir, BuildOptions(strict=strict), context)
    failed = report(result.problems, output_format, strict, translations, summary)
    if timings:
        print_timings(result)
    if not failed:
        print(translate(_("No errors found."), translations))
    return 1 if failed else 0


def command_brochures(
    site_dir: Path, out: Path, context: BuildContext, strict: bool, output_format: str, translations: Translations | None = None
) -> int:
    """The printable brochures alone, written into OUT/brochures/ in place; `portal build` then links them."""
    result = build(site_dir, BuildOptions(strict=strict, brochures=True, brochures_from=out), context)
    if report(result.problems, output_format, strict, translations):
        print(translate(_("Nothing was written; {out} is as it was.", out=out), translations), file=sys.stderr)
        return 1
    written = write_brochures(result.brochures, out)
    report_brochures(result.brochures)
    print(f"Wrote {len(written)} files into {out}")
    return 0


def report_brochures(brochures: Brochures) -> None:
    if brochures.rendered or brochures.kept:
        print(f"Brochures: {len(brochures.rendered)} made, {len(brochures.kept)} unchanged")
    if brochures.left_out:
        print(
            f"{len(brochures.left_out)} {'brochure is' if len(brochures.left_out) == 1 else 'brochures are'} out of date and "
            "were left out; make them with `portal build --brochures`",
            file=sys.stderr,
        )


def print_timings(result: BuildResult) -> None:
    """The seconds each stage took; the indented steps ran inside "plan and render", summed over its processes."""
    print("Stage times (seconds):", file=sys.stderr)
    for stage, seconds in result.timings.items():
        print(f"  {stage:<20} {seconds:7.2f}", file=sys.stderr)
