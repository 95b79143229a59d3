#!/usr/bin/env python3
"""Benchmark portal against Hugo and MkDocs (mkdocs-static-i18n) on the same generated corpus.

    .venv/bin/python bench/run.py                      # sizes 100,1000 (800 and 8,000 pages), 3 repeats
    .venv/bin/python bench/run.py --sizes 100 --repeat 1   # a quick check
    .venv/bin/python bench/run.py --sizes 5000 --repeat 1 --without MkDocs --results bench/results-40000.md

For each size (pages per language) the corpus is generated once (corpus.py) in a temporary
folder, converted for the peers (peers.py), and then each tool is measured:

* cold: output (and the tool's cache, if any) deleted, then a full build;
* warm: the same build again, output and cache left in place;
* edit: one service's Serbian Latin text changed, then a build;
* for portal also the editing path of `portal serve`, timed step by step in one process (preview.py).

Every build runs as its own child process; its wall time, CPU time (user + sys) and peak
memory (max RSS) come from os.wait4 for that child alone. Each measure is repeated and the
median is reported. Results are printed as Markdown and written to bench/results.md.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import peers  # noqa: E402

PEER_VENV = Path("/tmp/bench-venv")
SNAPSHOT_DIRS = ("src",)  # portal's code, with its theme and map data as package data
EDITED_SERVICE = "service-0001"
LANGUAGE_DIRS = ("sr-latn", "sr-cyrl", "mk", "cs", "rom", "sq", "de", "en")


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + sys seconds of the child
    rss_mb: float  # peak resident memory of the child


@dataclass
class Measure:
    """The samples of one tool, size and measure, and the output it produced."""

    tool: str
    size: int
    name: str
    samples: list[Sample] = field(default_factory=list)
    pages: int = 0  # HTML files written
    files: int = 0
    bytes: int = 0
    note: str = ""

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(s, attribute) for s in self.samples)

    @property
    def ok(self) -> bool:
        return bool(self.samples)


class ToolFailed(Exception):
    pass


# ---------------------------------------------------------------------------
# Measuring one command
# ---------------------------------------------------------------------------


def measure(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Sample:
    """Run `command` as a child process; its own wall, CPU and peak RSS (from wait4, not a delta).

    wait4 reports the child together with the processes it waited for itself (a tool's helper
    binaries), so their time and memory count as the tool's.
    """
    with log.open("ab") as output:
        output.write(f"\n$ {' '.join(command)}\n".encode())
        output.flush()
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=output, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise ToolFailed(f"`{' '.join(command)}` exited with {child.returncode}; see {log}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def output_size(out: Path) -> tuple[int, int, int]:
    """(HTML pages, files, bytes) under `out`."""
    pages = files = size = 0
    for path in out.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, files, size


def pages_per_language(out: Path, prefixes) -> dict[str, int]:
    return {prefix: sum(1 for _ in (out / prefix).rglob("*.html")) for prefix in prefixes if (out / prefix).is_dir()}


def edit(path: Path, round_number: int) -> None:
    """A small, real change to one text file: one more sentence at the end."""
    with path.open("a", encoding="utf-8") as text:
        text.write(f"\nIzmena broj {round_number} u ovom tekstu.\n")


# ---------------------------------------------------------------------------
# The tools
# ---------------------------------------------------------------------------


@dataclass
class Tool:
    """How to build one site with one tool, and what its cold and warm states are."""

    name: str
    command: list[str]
    cwd: Path
    out: Path
    edit_path: Path
    caches: tuple[Path, ...] = ()
    measures: tuple[str, ...] = ("cold", "warm", "edit")
    notes: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] | None = None
    preview: list[str] | None = None  # portal only: bench/preview.py, the editing path timed in one process

    def build(self, log: Path) -> Sample:
        return measure(self.command, self.cwd, log, self.env)

    def reset(self) -> None:
        for path in (self.out, *self.caches):
            shutil.rmtree(path, ignore_errors=True)


def snapshot_portal(work: Path) -> tuple[Path, str]:
    """A frozen copy of portal's code, so that every round measures the same code while others edit the tree."""
    root = work / "portal-snapshot"
    for name in SNAPSHOT_DIRS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return root, digest.hexdigest()[:12]


def portal_tool(site: Path, work: Path, snapshot: Path) -> Tool:
    """portal from the snapshot (PYTHONPATH comes before the venv's editable install of the live tree)."""
    out = work / "portal-out"
    command = [str(REPO / ".venv" / "bin" / "python"), "-m", "portal", "--site", str(site), "build", "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(snapshot / "src")}
    edited = site / "content" / "services" / EDITED_SERVICE / "sr-Latn.md"
    preview = [
        str(REPO / ".venv" / "bin" / "python"),
        str(BENCH / "preview.py"),
        str(site),
        str(work / "portal-preview-out"),
        edited.relative_to(site).as_posix(),
    ]
    return Tool(
        "portal",
        command,
        REPO,
        out,
        edited,
        caches=(site / ".portal-cache",),
        measures=("cold", "warm", "edit", *PREVIEW_MEASURES),
        notes={
            "warm": "state of the last build in .portal-cache/: nothing changed, nothing rendered",
            "edit": "renders what depends on the edited file; search index and open data made again",
            **PREVIEW_NOTES,
        },
        env=env,
        preview=preview,
    )


# The steps bench/preview.py times, as measures: (measure, step in its JSON).
PREVIEW_MEASURES = (
    "cold, pages only",
    "cold, search + open data",
    "edit, preview",
    "edit, preview: search + open data",
    "edit, preview: save to reload",
)
PREVIEW_STEPS = dict(
    zip(PREVIEW_MEASURES, ("cold pages", "cold indexes", "edit pages", "edit indexes", "save to reload"), strict=False)
)
PREVIEW_NOTES = {
    "cold, pages only": "in-process, no state: every page planned and rendered; no search index, no open data",
    "cold, search + open data": "the step after: Pagefind index, open data, translators' dashboard",
    "edit, preview": "`portal serve`'s rebuild after the edit until the open page reloads (in-process state)",
    "edit, preview: search + open data": "the preview's second step after the edit, once the editor pauses",
    "edit, preview: save to reload": "`portal serve` running: from saving the file until the open page is told to reload",
}


def hugo_tool(work: Path, data: peers.Corpus) -> Tool:
    site, out = work / "hugo-site", work / "hugo-out"
    peers.write_hugo(data, site)
    return Tool(
        "Hugo",
        ["hugo", "--quiet", "-d", str(out)],
        site,
        out,
        peers.hugo_edit_path(site, data, EDITED_SERVICE),
        caches=(site / "resources",),
        notes={
            "warm": "resources/ kept; Hugo caches only processed assets there",
            "edit": "`hugo` (not `hugo server`) always rebuilds everything",
        },
    )


def mkdocs_tool(work: Path, data: peers.Corpus) -> Tool:
    site, out = work / "mkdocs-site", work / "mkdocs-out"
    peers.write_mkdocs(data, site)
    return Tool(
        "MkDocs",
        [str(PEER_VENV / "bin" / "mkdocs"), "build", "-q", "-d", str(out)],
        site,
        out,
        peers.mkdocs_edit_path(site, EDITED_SERVICE),
        measures=("cold", "edit"),
        notes={"edit": "MkDocs has no incremental build: a full build"},
    )


def ensure_mkdocs() -> str | None:
    """Create the peers' venv from bench/requirements-peers.txt if needed; None when ready, else why not."""
    mkdocs = PEER_VENV / "bin" / "mkdocs"
    if mkdocs.exists():
        return None
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True, capture_output=True)
        subprocess.run(
            [str(PEER_VENV / "bin" / "pip"), "install", "-q", "-r", str(BENCH / "requirements-peers.txt")],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as err:
        return f"could not install MkDocs: {err.stderr.decode(errors='replace').strip()[-300:]}"
    return None if mkdocs.exists() else "could not install MkDocs"


# ---------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------


def run_round(tool: Tool, results: dict[str, Measure], round_number: int, log: Path) -> None:
    """One cold, warm (if the tool has one) and one-file-edit build of `tool`."""
    tool.reset()
    results["cold"].samples.append(tool.build(log))
    if round_number == 1:
        pages, files, size_bytes = output_size(tool.out)
        for item in results.values():
            item.pages, item.files, item.bytes = pages, files, size_bytes
    if "warm" in results:
        results["warm"].samples.append(tool.build(log))
    edit(tool.edit_path, round_number)
    results["edit"].samples.append(tool.build(log))
    if tool.preview:
        run_preview(tool, results, log)
    print(
        f"  round {round_number} {tool.name}: "
        + ", ".join(f"{name} {item.samples[-1].wall:.2f}s" for name, item in results.items()),
        flush=True,
    )


def run_preview(tool: Tool, results: dict[str, Measure], log: Path) -> None:
    """bench/preview.py in a child process: each step's own seconds, and the child's peak memory."""
    shutil.rmtree(tool.preview[3], ignore_errors=True)
    with tempfile.NamedTemporaryFile(suffix=".json") as steps_file:
        whole = measure([*tool.preview, steps_file.name], tool.cwd, log, tool.env)
        steps = json.loads(Path(steps_file.name).read_text(encoding="utf-8"))
    for name, step in PREVIEW_STEPS.items():
        results[name].samples.append(Sample(steps[step]["wall"], steps[step]["cpu"], whole.rss_mb))


def run_tools(tools: list[Tool], size: int, repeat: int, log: Path) -> list[Measure]:
    """Rounds of every tool in turn, so that a busy moment of the machine does not fall on one tool only."""
    results = {
        tool.name: {name: Measure(tool.name, size, name, note=tool.notes.get(name, "")) for name in tool.measures}
        for tool in tools
    }
    failed: set[str] = set()
    for round_number in range(1, repeat + 1):
        for tool in tools:
            if tool.name in failed:
                continue
            try:
                run_round(tool, results[tool.name], round_number, log)
            except (ToolFailed, OSError) as err:
                failed.add(tool.name)
                for item in results[tool.name].values():
                    item.samples.clear()
                    item.note = f"failed: {err}"
                print(f"  {tool.name} failed: {err}", flush=True)
    return [item for by_name in results.values() for item in by_name.values()]


def run_size(size: int, repeat: int, work_root: Path, skip: dict[str, str], snapshot: Path) -> tuple[list[Measure], dict]:
    work = work_root / f"n{size}"
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    summary = corpus.generate(site, size)
    print(f"N={size}: corpus {summary}", flush=True)
    data = peers.read_corpus(site)
    tools = [portal_tool(site, work, snapshot)]
    if "Hugo" not in skip:
        tools.append(hugo_tool(work, data))
    if "MkDocs" not in skip:
        tools.append(mkdocs_tool(work, data))
    measures = run_tools(tools, size, repeat, work / "build.log")
    for tool in tools:
        if tool.out.is_dir():
            summary[f"{tool.name} pages per language"] = pages_per_language(tool.out, _language_dirs(tool.name))
    if tools[0].out.is_dir():
        summary["portal output folders"] = sorted(
            p.name for p in tools[0].out.iterdir() if p.is_dir() and p.name not in LANGUAGE_DIRS
        )
    for name, reason in skip.items():
        measures.append(Measure(name, size, "cold", note=reason))
    summary["load average after"] = " ".join(f"{load:.1f}" for load in os.getloadavg())
    return measures, summary


def _language_dirs(tool: str) -> tuple[str, ...]:
    if tool == "MkDocs":  # the default language sits at the root, the others under their stand-in codes
        return tuple(peers.MKDOCS_LOCALES[tag] for tag in ("sr-Cyrl", "mk", "cs", "rom", "sq", "de", "en"))
    return LANGUAGE_DIRS


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def machine_info() -> list[str]:
    return [
        f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "- Load average (1, 5, 15 min) at the end: "
        + " ".join(f"{load:.1f}" for load in os.getloadavg())
        + " (the machine is shared; CPU seconds are steadier than wall seconds)",
        f"- Machine: {os.cpu_count()} cores ({_cpu_model()}), {_memory()}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; portal {_package_version(REPO / '.venv/bin/python', 'portal')}",
        f"- Hugo: {_version(['hugo', 'version'])}",
        f"- MkDocs: {_version([str(PEER_VENV / 'bin/mkdocs'), '--version'])}; "
        f"mkdocs-static-i18n {_package_version(PEER_VENV / 'bin/python', 'mkdocs-static-i18n')}",
    ]


def _cpu_model() -> str:
    try:
        return next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        return platform.processor() or "unknown CPU"


def _package_version(python: Path, package: str) -> str:
    return _version([str(python), "-c", f"import importlib.metadata as m; print(m.version('{package}'))"])


def _memory() -> str:
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
        return f"{kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        return "RAM unknown"


def _version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "not available"


def results_table(measures: list[Measure]) -> list[str]:
    lines = [
        "| pages | tool | measure | wall s | CPU s | peak RSS MB | pages/s | files | output MB | note |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in measures:
        if m.ok:
            wall = m.median("wall")
            lines.append(
                f"| {m.size * 8:,} | {m.tool} | {m.name} | {wall:.2f} | {m.median('cpu'):.2f} | {m.median('rss_mb'):.0f} | "
                f"{m.pages / wall:,.0f} | {m.files:,} | {m.bytes / 1e6:.1f} | {m.note} |"
            )
        else:
            lines.append(f"| {m.size * 8:,} | {m.tool} | {m.name} | – | – | – | – | – | – | {m.note or 'not run'} |")
    return lines


def _find(measures: list[Measure], tool: str, size: int, name: str) -> Measure | None:
    return next((m for m in measures if (m.tool, m.size, m.name) == (tool, size, name) and m.ok), None)


# portal's measure against the peers' measure it is compared with.
COMPARED = (
    ("cold", "cold"),
    ("cold, pages only", "cold"),
    ("warm", "warm"),
    ("edit", "edit"),
    ("edit, preview", "edit"),
    ("edit, preview: save to reload", "edit"),
)


def ratio_table(measures: list[Measure], sizes: list[int]) -> list[str]:
    lines = [
        "| pages | portal measure | against | portal wall s | portal / Hugo (wall) | portal / Hugo (CPU) | portal / MkDocs (wall) | portal / MkDocs (CPU) |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        for name, peer_name in COMPARED:
            own = _find(measures, "portal", size, name)
            if own is None:
                continue
            cells = []
            for peer in ("Hugo", "MkDocs"):
                other = _find(measures, peer, size, peer_name)
                for attribute in ("wall", "cpu"):
                    cells.append(f"{own.median(attribute) / other.median(attribute):.2f}×" if other else "–")
            lines.append(f"| {size * 8:,} | {name} | {peer_name} | {own.median('wall'):.2f} | " + " | ".join(cells) + " |")
    return lines


def growth_table(measures: list[Measure], sizes: list[int]) -> list[str]:
    if len(sizes) < 2:
        return ["(one size only: no growth to show)"]
    small, large = sizes[0], sizes[-1]
    lines = [
        f"| tool | measure | {small * 8:,} pages s | {large * 8:,} pages s | time × | pages × | peak RSS MB {small * 8:,} → {large * 8:,} |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for tool in ("portal", "Hugo", "MkDocs"):
        for name in ("cold", "warm", "edit", *PREVIEW_MEASURES):
            a, b = _find(measures, tool, small, name), _find(measures, tool, large, name)
            if a and b:
                lines.append(
                    f"| {tool} | {name} | {a.median('wall'):.2f} | {b.median('wall'):.2f} | "
                    f"{b.median('wall') / a.median('wall'):.1f} | {b.pages / a.pages:.1f} | "
                    f"{a.median('rss_mb'):.0f} → {b.median('rss_mb'):.0f} |"
                )
    return lines


def report(measures: list[Measure], sizes: list[int], repeat: int, summaries: dict[int, dict], source: str) -> str:
    portal_memory = [
        f"- {size * 8:,} pages: {m.median('rss_mb'):.0f} MB" for size in sizes if (m := _find(measures, "portal", size, "cold"))
    ]
    corpora = [corpus_line(size, summary) for size, summary in summaries.items()]
    parts = [
        "# Build benchmark: portal, Hugo, MkDocs",
        "",
        f'Generated by `bench/run.py`; medians of {repeat} run(s) each. "pages" is N pages per language × 8 languages.',
        "",
        *machine_info(),
        f"- {source}",
        "",
        "## Results",
        "",
        *results_table(measures),
        "",
        "## Ratios (portal time ÷ peer time; above 1× means portal is slower)",
        "",
        *ratio_table(measures, sizes),
        "",
        "## Growth",
        "",
        *growth_table(measures, sizes),
        "",
        "## portal's peak memory (cold build)",
        "",
        *portal_memory,
        "",
        "## Corpora",
        "",
        *corpora,
        "",
        "## How the peers were set up",
        "",
        *PEER_NOTES,
    ]
    return "\n".join(parts) + "\n"


def corpus_line(size: int, summary: dict) -> str:
    kinds = ", ".join(
        f"{summary[kind]} {kind}" for kind in ("municipalities", "organisations", "services", "projects", "pages", "categories")
    )
    per_language = "; ".join(
        f"{tool} {'/'.join(str(n) for n in sorted(set(summary[f'{tool} pages per language'].values())))}"
        for tool in ("portal", "Hugo", "MkDocs")
        if summary.get(f"{tool} pages per language")
    )
    return (
        f"- N={size}: {kinds}; {summary['text_files']:,} text files ({summary['missing_translations']} translations "
        f"missing); HTML pages per language: {per_language}; portal also writes {', '.join(summary.get('portal output folders', ()))}/; "
        f"load average (1, 5, 15 min) after: {summary['load average after']}"
    )


PEER_NOTES = [
    "- portal's numbers are for its whole `portal build` as of the snapshot, including what it writes beyond the pages",
    '  (see "portal also writes" under Corpora) and the helper processes it runs (the Pagefind binary for the search',
    "  index): wait4 counts their CPU time and peak memory as portal's. The peers build no search index.",
    "- All three build the same entries and texts (bench/corpus.py, converted by bench/peers.py). portal reads the corpus as is;",
    "  for the peers, Serbian Cyrillic is transliterated and missing translations are filled from the fallback chain *before*",
    "  timing, so they write the same pages per language without doing that work.",
    "- Hugo: one contentDir per language, taxonomies for categories and municipalities (term pages carry the texts),",
    "  templates in bench/hugo/layouts compute provider, members, services and projects lists like portal's views,",
    "  the portal stylesheet inlined through Hugo Pipes (minify), RSS disabled (portal writes none). Interface words in English.",
    "- MkDocs (default `mkdocs` theme, automatic navigation) with mkdocs-static-i18n, suffix structure. The automatic navigation",
    "  lists every page of a section in every page (at 8,000 pages a service page is ~140 KB, the output ~1.2 GB), so its time",
    "  grows with the square of the page count; a hand-written short `nav` would avoid that. It has no data model:",
    "  related lists and listing pages are written into the Markdown by the generator. Locale stand-ins: sr-Latn → `sr`,",
    "  sr-Cyrl → `sr_RS`, rom → `rm` (MkDocs's theme locale accepts only `xx` or `xx_XX`; Romani has no two-letter code).",
    "  Its section pages are `index.md` files and it writes no per-language 404, hence 99 rather than 100 pages per language.",
    "- cold: output and caches deleted; warm: run again as is; edit: one line appended to one service's Serbian Latin file.",
    "  portal keeps what depends on what in .portal-cache/ and rebuilds only that (deleted for cold); Hugo's and MkDocs's",
    "  command-line builds have no incremental mode, so their edit ≈ cold. The OS file cache is warm throughout.",
    "- portal's preview measures come from bench/preview.py, run as one child process per round: the first build of",
    '  `portal serve` without the search index and the open data ("cold, pages only": the work comparable to the peers\',',
    "  which build no search index), then that second step, then an edit and the preview's rebuild of what depends on it,",
    "  its second step, and last an edit saved with the preview's file watcher running, timed until the open page is told",
    "  to reload. Each step's wall and CPU seconds are its own (CPU includes Pagefind); peak RSS is the whole child's.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="pages per language, comma-separated (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the median is reported (default 3)")
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora and outputs (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--results", type=Path, default=BENCH / "results.md", help="where to write the Markdown report")
    parser.add_argument(
        "--without", default="", help="peers to leave out, comma-separated (Hugo, MkDocs), e.g. for a very large size"
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    skip = {}
    if shutil.which("hugo") is None:
        skip["Hugo"] = "not installed (apt-get install hugo)"
    for peer in filter(None, args.without.split(",")):
        skip[peer.strip()] = "left out of this run (--without)"
    if "MkDocs" not in skip and (reason := ensure_mkdocs()) is not None:
        skip["MkDocs"] = reason
    measures, summaries = [], {}
    try:
        snapshot, digest = snapshot_portal(work)
        source = (
            f"portal measured from a copy of {', '.join(d + '/' for d in SNAPSHOT_DIRS)} taken at "
            f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC (sha256 of the copy: {digest})"
        )
        for size in sizes:
            found, summaries[size] = run_size(size, args.repeat, work, skip, snapshot)
            measures += found
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    text = report(measures, sizes, args.repeat, summaries, source)
    print(text)
    args.results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
