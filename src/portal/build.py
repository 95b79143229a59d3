"""The build: the stages in order, each timed, each taking plain data and returning plain data.

    load → config → validate → localise → brochures → plan → render → outputs → write

Brochures come before the pages because each page links its brochures with their file size; the
other outputs (sitemap, search index, open data, translators' dashboard) come after. Speed is a
layer the stages accept, not part of them: the build context (portal.incremental.context) holds
what earlier builds left and hands each stage its memo; the previous build's state says which
parts of the plan and which outputs can be taken over (portal.incremental.carry); worker
processes plan and render the languages side by side (portal.incremental.workers).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import SiteConfig
from .configure import SiteSetup, configure
from .errors import ERROR, Problem, _, error, has_errors
from .history import History
from .incremental.carry import carried_outputs
from .incremental.context import BuildContext, Reuse
from .incremental.workers import LanguagePart, each_language, merged
from .load import load_site
from .localise import localise
from .model import Site
from .outputs import make_outputs
from .outputs.brochures import BrochureRequest, Brochures, make_brochures
from .outputs.entry_files import entry_files
from .outputs.offline import OfflineEdition, OfflineRequest, SiteFiles, offline_edition
from .outputs.search.index import records_by_language
from .outputs.search.records import SearchRecord, page_records
from .plan import Plan, plan_language
from .render import Renderer, render_pages, template_problems
from .schema import KINDS
from .translations import with_source_changes
from .validate import validate
from .write import Staging, file_hashes, write_output


@dataclass(frozen=True)
class BuildOptions:
    out: Path | None = None  # where to write the site; None: check only
    strict: bool = False  # a warning fails the build too
    brochures: bool = False  # make the printable brochures that changed (site.yml may ask for it on every build)
    brochures_from: Path | None = None  # the output whose up-to-date brochures are kept (default: out)
    pages: bool = True  # False: stop after the brochures (the preview's background brochures)
    indexes: bool = True  # False: the search index, open data, dashboard and short addresses stay as the last build made them
    # False (the preview): site.yml's `with_every_build` is not followed; a PDF takes seconds to lay out, and an
    # edit's pages must not wait for them. Brochures still up to date are kept and linked, the others left out.
    every_build_brochures: bool = True
    offline: bool = True  # make the offline editions (ZIPs) that changed; False (the preview): their page offers none
    zim: bool = False  # also each offline edition as a ZIM for Kiwix (needs libzim: pip install 'portal[zim]')


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # what was made, but for pages workers wrote straight to the output
    written: bool = False
    brochures: Brochures = field(default_factory=Brochures)
    rendered: int = 0  # pages rendered (an incremental build renders only those an edit touched)
    changed_files: int = 0  # files written or removed in the output folder
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    config: SiteConfig | None = None  # the site's settings, when they could be read
    offline: OfflineEdition = field(default_factory=OfflineEdition)  # the ZIPs made and those taken over

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


def build(site_dir: Path, options: BuildOptions = BuildOptions(), context: BuildContext | None = None) -> BuildResult:
    """Check and render the whole site; write it to `options.out` only if nothing is wrong (nor, if strict, a warning)."""
    context = context or BuildContext()
    run, out = _Run(), options.out
    with context.collector.paused():  # what loading and validating make lives on: no collection meanwhile
        loaded = run.step("load", load_site, site_dir, tuple(KINDS), context.loaded, context.changed)
        run.report(loaded.problems)
        setup = run.stage("config", configure, site_dir, loaded, context.memos.catalog_checks)
        if setup is None:
            return run.result()
        site = run.stage(
            "validate", validate, loaded, setup.config, context.today, context.memos.validation, setup.base_maps, setup.synonyms
        )
    site = run.step("history", with_source_changes, site, History(site_dir))
    earlier = context.earlier(site_dir, site, setup)
    localised = run.step("localise", localise, site, earlier.localised(), context.memos.words)
    request = _brochure_request(options, setup, context, failed=run.failed(options.strict))
    brochures = run.stage(
        "brochures", make_brochures, site, localised, site_dir, setup.theme, request, context.memos.render, context.memos.qr_codes
    )
    if not options.pages:
        return run.result(dict(brochures.files), brochures)
    reuse = earlier.reusable(out, brochures.links)
    renderer = Renderer(setup.theme, setup.config, site_dir, setup.assets, context.memos.render)
    staging = Staging(out) if out is not None and reuse is None and not run.failed(options.strict) else None
    try:
        job = PageJob(site, localised, brochures.links, renderer, reuse, staging, with_records=out is not None)
        pages = run.stage("plan and render", plan_and_render, job, context)
        run.timings.update(pages.timings)
        records, writing = pages.records_by_language, out is not None and not run.failed(options.strict)
        carried = carried_outputs(reuse, pages.plan, earlier.entries, records, setup.config, options.indexes, writing)
        outputs = run.stage(
            "outputs", make_outputs, pages.plan, site, localised, records, renderer, carried.request, context.memos.pictures
        )
        attached = run.stage("entry files", entry_files, site, site_dir, context.memos.published)
        files = {**pages.files, **setup.assets.files, **outputs.files, **brochures.files, **attached}
        if out is None or not writing:
            return run.result(files, brochures, pages.rendered)
        already, previous = {**pages.written, **carried.files}, reuse.state.outputs if reuse else None
        output = SiteFiles(files, {**already, **file_hashes(files)}, staging.folder if staging is not None else out)
        wanted = OfflineRequest(options.offline, out, context.today, options.zim)
        offline = run.stage("offline", offline_edition, site, localised, brochures.links, renderer, output, records, wanted)
        files.update(offline.files)
        written = run.step(
            "write", write_output, out, files, outputs.search_files, already, previous, staging, context.before_write
        )
        files.update(outputs.search_files())  # written already; the result tells of them too
    finally:
        if staging is not None:
            staging.discard()  # unless it was swapped in: a build that failed leaves the output as it was
    state = earlier.state_after(out, pages.plan, pages.records, written.hashes, carried.made_from, brochures.links, localised)
    context.remember(loaded, state, nothing_changed=pages.rendered == 0 and written.changed == 0)
    result = run.result(files, brochures, pages.rendered, written.changed, written=True)
    return dataclasses.replace(result, config=setup.config, offline=offline)


def _brochure_request(options: BuildOptions, setup: SiteSetup, context: BuildContext, failed: bool) -> BrochureRequest:
    """PDFs are made when asked for (or by site.yml on every build that writes), and only if nothing failed."""
    every_build = setup.config.brochures.with_every_build and options.every_build_brochures
    make_pdfs = (options.brochures or (every_build and options.out is not None)) and not failed
    return BrochureRequest(
        options.brochures_from or options.out,
        make_pdfs,
        check=every_build and options.out is None and not options.brochures,  # `portal check`: HTML only
        workers=context.workers.for_brochures(),
        epoch_date=context.epoch_date,
    )


@dataclass(frozen=True)
class PageJob:
    """What planning and rendering the pages read; set before worker processes are forked (they share it)."""

    site: Site
    localised: Any
    brochure_links: Mapping[tuple, Any]
    renderer: Renderer
    reuse: Reuse | None  # the previous build into the same folder, and what changed since
    staging: Staging | None  # the new output folder, which worker processes write their pages into
    with_records: bool  # make the search records of the fresh pages too


@dataclass(frozen=True)
class Pages:
    """Every language's pages planned and rendered."""

    plan: Plan
    records: list[SearchRecord]  # of every page worth finding, in plan order (taken over for pages not rendered again)
    files: dict[str, bytes]  # rendered in this process
    written: dict[str, str]  # written by worker processes into the new output folder, with their hashes
    rendered: int  # pages rendered in this build
    timings: dict[str, float]  # seconds per step, summed over the processes

    @property
    def records_by_language(self) -> dict[str, tuple[SearchRecord, ...]]:
        return records_by_language(self.records)


def plan_and_render(job: PageJob, context: BuildContext) -> tuple[Pages, list[Problem]]:
    """Every language planned and rendered, in worker processes when worth it, with the search records of its
    fresh pages; each part of the plan that read nothing changed since the `reuse`d build is taken over."""
    site, reuse, renderer = job.site, job.reuse, job.renderer
    previous, changed = (reuse.state.plan, reuse.changed) if reuse is not None else (None, frozenset[tuple]())

    def language_pages(language: str | None) -> LanguagePart:
        """One language's pages (None: those outside any language), each step timed."""
        timings: dict[str, float] = {}
        groups = _timed(timings, "  plan", plan_language, site, job.localised, language, job.brochure_links, previous, changed)
        fresh = [page for group in groups.values() if group.fresh for page in group.pages]
        rendered = _timed(timings, "  render", render_pages, fresh, renderer)
        records = _timed(timings, "  search records", page_records, fresh, site, context.memos.folder) if job.with_records else []
        return LanguagePart(groups, rendered, records, timings)

    languages = site.config.tags
    workers = context.workers.for_pages(len(site.entries), len(languages), incremental=reuse is not None)
    folder = job.staging.folder if job.staging is not None else None
    with context.collector.frozen():
        parts = each_language((None, *languages), language_pages, workers, folder, meanwhile=lambda: renderer.prepare(languages))
    groups, rendered, records, written, timings = merged(parts)
    plan = Plan.of(groups)
    made, kept = {record.output: record for record in records}, (reuse.state.records if reuse is not None else {})
    in_order = [
        record
        for group in plan.groups.values()
        for page in group.pages
        for record in ((made if group.fresh else kept).get(page.output),)
        if record is not None
    ]
    problems = [*plan.problems, *url_collisions(plan), *template_problems(rendered.failures)]
    return Pages(plan, in_order, rendered.files, written, len(plan.fresh_pages), dict(timings)), problems


def url_collisions(plan: Plan) -> list[Problem]:
    """Two pages that would be written to the same file (case-insensitive, as on many disks)."""
    seen: dict[str, tuple[str, ...]] = {}
    problems = []
    for page in plan.pages:
        key = page.output.casefold()
        if key in seen:
            first = seen[key][0] if seen[key] else "the theme"
            where = page.sources[0] if page.sources else "the theme"
            problems.append(
                error(
                    where,
                    0,
                    _("this entry would be written to {url}, like {first}", url=page.url, first=first),
                    _("rename one of the two folders"),
                )
            )
        seen[key] = page.sources
    return problems


class _Run:
    """One build's problems and the seconds each stage took."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.timings: dict[str, float] = {}

    def step(self, name: str, stage: Callable[..., Any], *arguments: Any) -> Any:
        return _timed(self.timings, name, stage, *arguments)

    def stage(self, name: str, stage: Callable[..., tuple[Any, list[Problem]]], *arguments: Any) -> Any:
        """A stage that returns its result and the problems it found."""
        result, problems = self.step(name, stage, *arguments)
        self.report(problems)
        return result

    def report(self, problems: list[Problem]) -> None:
        self.problems += problems

    def failed(self, strict: bool) -> bool:
        return has_errors(self.problems, strict)

    def result(
        self,
        files: dict[str, bytes] | None = None,
        brochures: Brochures | None = None,
        rendered: int = 0,
        changed_files: int = 0,
        written: bool = False,
    ) -> BuildResult:
        problems = sorted(set(self.problems), key=lambda p: (p.severity != ERROR, p.source.path, p.source.line, p.message))
        return BuildResult(problems, files or {}, written, brochures or Brochures(), rendered, changed_files, self.timings)


def _timed(timings: dict[str, float], name: str, stage: Callable[..., Any], *arguments: Any) -> Any:
    start = time.perf_counter()
    try:
        return stage(*arguments)
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
