"""Plan and render: each language variant on a core of its own when there is enough to do.

Planning and rendering one language reads the site and nothing of the other languages, so the
languages are spread over worker processes started with fork (they share the loaded site and
compiled code; nothing is sent to them). Each returns its parts of the plan without the views
(only rendering needs those), its rendered files and its search records; the parent puts them
together in the order a single process would have made them, so the output is the same bytes.
When the build writes a new output folder, each worker writes its pages into it itself and
returns only their hashes.
A small site, or a small edit, is done in this process: starting workers would cost more.
"""
from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .assets import Assets
from .brochures import Brochures, link_pages
from .model import Site
from .plan import Plan, PageGroup, made_groups, plan_groups, plan_of
from .render import TemplateFailure, Theme, prepare_templates, render_site
from .search import SearchRecord, page_records
from .write import file_hashes, write_files

# Entries a site must have for its languages to be worth a worker each (starting one costs ~0.1 s).
ENTRIES_FOR_WORKERS = 300


@dataclass
class RenderJob:
    """Everything planning and rendering read, set before the workers are forked."""

    site: Site
    localised: Any
    previous: Plan | None
    changed: frozenset[tuple]
    also: list
    site_dir: Path
    theme: Theme
    assets: Assets
    brochures: Brochures
    records: bool  # make the search records of the fresh pages too
    staging: Path | None = None  # the new output folder: workers write their pages straight into it


@dataclass
class Made:
    plan: Plan
    files: dict[str, bytes] = field(default_factory=dict)
    failures: list[TemplateFailure] = field(default_factory=list)
    records: dict[str, SearchRecord] = field(default_factory=dict)  # by page output, fresh pages only
    rendered: int = 0
    written: dict[str, str] = field(default_factory=dict)  # files already written into the staging folder, with their hashes


_JOB: RenderJob | None = None  # read by the forked workers: fork shares it, nothing is pickled


def plan_and_render(job: RenderJob) -> Made:
    """The plan, the files of its fresh pages and their search records; in parallel where worth it."""
    global _JOB
    languages = list(job.site.config.tags)
    workers = worker_count(job, languages)
    # The garbage collector leaves alone what was there before (the loaded site and everything made from
    # it): walking all of it on every collection took time for nothing, and in the workers touched the
    # memory pages they share with this process.
    gc.freeze()
    try:
        if workers < 2:
            made = [_made_here(job, part) for part in (None, *languages, "also")]
        else:
            _JOB = job
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                in_workers = pool.map(_language_in_worker, languages)
                # Meanwhile this process does the parts that are not a language's, and readies the templates.
                outside, also = _made_here(job, None), _made_here(job, "also")
                prepare_templates(job.theme, job.site, job.site_dir, languages)
                made = [outside, *in_workers, also]
    finally:
        _JOB = None
        gc.unfreeze()
    groups: dict[tuple, PageGroup] = {}
    result = Made(Plan())
    for part in made:
        groups.update(part.plan.groups)
        result.files.update(part.files)
        result.failures += part.failures
        result.records.update(part.records)
        result.rendered += part.rendered
        result.written.update(part.written)
    result.plan = plan_of(groups)
    return result


def worker_count(job: RenderJob, languages: list[str]) -> int:
    """How many processes to use: PORTAL_WORKERS if set, else one per core when each has enough pages."""
    configured = os.environ.get("PORTAL_WORKERS", "")
    if configured.isdigit():
        return min(int(configured), len(languages))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if job.previous is not None:
        return 1  # an edit re-plans a few parts: not worth a process
    return min(cores, len(languages)) if len(job.site.entries) >= ENTRIES_FOR_WORKERS else 1


def _language_in_worker(language: str) -> Made:
    made = _made_here(_JOB, language)
    if _JOB.staging is not None:
        # Written here, the pages need not be sent to the parent (copied through a pipe): it needs only their hashes.
        write_files(made.files, _JOB.staging)
        made.written, made.files = file_hashes(made.files), {}
    # The views stay here: the parent needs the pages' addresses and reads, not what was rendered from them.
    made.plan = Plan(groups={key: dataclasses.replace(group, pages=tuple(dataclasses.replace(page, view={})
                                                                            for page in group.pages))
                             for key, group in made.plan.groups.items()})
    return made


def _made_here(job: RenderJob, part: str | None) -> Made:
    """One part planned and rendered in this process: a language, None (the chooser and shared 404) or "also"."""
    if part == "also":
        groups = made_groups(job.also, job.previous, job.changed)
    else:
        groups = plan_groups(job.site, job.localised, part, job.previous, job.changed)
    plan = plan_of(groups)
    link_pages(plan, job.brochures)  # the start page and the municipality pages link their PDFs
    fresh = [page for group in groups.values() if group.fresh for page in group.pages]
    files, failures = render_site(plan, job.site, job.site_dir, job.theme, job.assets, pages=fresh)
    records = {record.output: record for record in page_records(fresh, job.site)} if job.records else {}
    return Made(plan, files, failures, records, len(fresh))
