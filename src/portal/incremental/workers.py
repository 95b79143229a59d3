"""Worker processes: each language variant planned and rendered on a core of its own when there is enough to do.

Planning and rendering one language reads the site and nothing of the other languages, so the
languages are spread over worker processes started with fork: they share the loaded site and the
compiled code, and nothing is sent to them but a language's tag. Each returns its part of the
plan without the views (only rendering needs those), its rendered files and its search records;
the parent puts the parts together in the order one process would have made them, so the output
is the same bytes. When the build writes a new output folder, each worker writes its pages into it
itself and returns only their hashes. A small site, or a small edit, is done in this process:
starting workers would cost more.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import queue
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..plan import PageGroup
from ..render import Rendered
from ..write import write_files

# Entries a site must have for its languages to be worth a worker each (starting one costs ~0.1 s).
ENTRIES_FOR_WORKERS = 300


@dataclass(frozen=True)
class WorkerPolicy:
    """How many processes a build uses; `configured` is PORTAL_WORKERS, read by the command that makes the context."""

    configured: int | None = None
    cores: int = dataclasses.field(
        default_factory=lambda: len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )

    def for_pages(self, entries: int, languages: int, incremental: bool) -> int:
        """Processes for planning and rendering: one per core when each has enough pages, one for an edit."""
        if self.configured is not None:
            return min(self.configured, languages)
        if incremental:
            return 1  # an edit re-plans a few parts: not worth a process
        return min(self.cores, languages) if entries >= ENTRIES_FOR_WORKERS else 1

    def for_brochures(self) -> int:
        """Processes for WeasyPrint: every core (a brochure takes half a second), or as many as configured."""
        return self.configured or os.cpu_count() or 1


@dataclass
class LanguagePart:
    """One language's share of the pages: its part of the plan, its rendered files, its search records, its stage times."""

    groups: dict[tuple, PageGroup]
    rendered: Rendered
    records: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # files already written into the new output folder, with their hashes


MakePart = Callable[[str | None], LanguagePart]


def each_language(
    parts: Sequence[str | None],
    make: MakePart,
    workers: int,
    staging: Path | None = None,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[LanguagePart]:
    """`make(part)` for every part (a language's tag, or None: the pages outside any language), in order.

    With two workers or more, the languages are made in forked processes (which write their pages into
    `staging` when it is given) while this process makes the other parts and then calls `meanwhile`.
    """
    languages = [part for part in parts if part is not None]
    if workers < 2 or not languages:
        return [make(part) for part in parts]
    context = multiprocessing.get_context("fork")
    tasks, results = context.Queue(), context.Queue()
    for index, language in enumerate(languages):
        tasks.put((index, language))
    processes = [
        context.Process(target=_worker, args=(tasks, results, make, staging), daemon=True)
        for _ in range(min(workers, len(languages)))
    ]
    for process in processes:
        tasks.put(None)  # one stop sign per worker, after the languages
        process.start()
    try:
        here = {part: make(part) for part in parts if part is None}
        meanwhile()
        made = _collect(results, processes, len(languages))
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    by_language = dict(zip(languages, made, strict=True))
    return [here[part] if part is None else by_language[part] for part in parts]


def _collect(results: Any, processes: list[Any], count: int) -> list[LanguagePart]:
    """The parts the workers send, in the order of the languages; a worker's failure is raised here."""
    made: dict[int, LanguagePart] = {}
    while len(made) < count:
        try:
            index, part = results.get(timeout=1)
        except queue.Empty:
            if not any(process.is_alive() for process in processes):
                raise RuntimeError("the worker processes stopped before every language was rendered") from None
            continue
        if isinstance(part, str):
            raise RuntimeError(f"a worker process failed:\n{part}")
        made[index] = part
    return [made[index] for index in range(count)]


def _worker(tasks: Any, results: Any, make: MakePart, staging: Path | None) -> None:
    """A forked worker: language after language until the stop sign."""
    while (task := tasks.get()) is not None:
        index, language = task
        try:
            results.put((index, _shareable(make(language), staging)))
        except Exception:  # handed to the parent as text (it pickles), which raises it
            results.put((index, traceback.format_exc()))


def _shareable(part: LanguagePart, staging: Path | None) -> LanguagePart:
    """The part as sent to the parent: pages written here when there is a new folder, and the plan without views."""
    if staging is not None:
        # Written here, the pages need not be sent to the parent (copied through a pipe): it needs only their hashes.
        write_files(part.rendered.files, staging)
        part.written = {path: hashlib.sha256(data).hexdigest() for path, data in part.rendered.files.items()}
        part.rendered = Rendered({}, part.rendered.failures)
    # The views stay here: the parent needs the pages' addresses and reads, not what was rendered from them.
    part.groups = {
        key: dataclasses.replace(group, pages=tuple(dataclasses.replace(page, view=None) for page in group.pages))
        for key, group in part.groups.items()
    }
    return part


def merged(
    parts: Sequence[LanguagePart],
) -> tuple[dict[tuple, PageGroup], Rendered, list[Any], dict[str, str], Mapping[str, float]]:
    """The parts put together in order: the plan's groups, the rendered files, the records, the written files, the times."""
    groups: dict[tuple, PageGroup] = {}
    rendered, records, written = Rendered(), [], {}
    timings: dict[str, float] = {}
    for part in parts:
        groups.update(part.groups)
        rendered.files.update(part.rendered.files)
        rendered.failures += part.rendered.failures
        records += part.records
        written.update(part.written)
        for stage, seconds in part.timings.items():
            timings[stage] = timings.get(stage, 0.0) + seconds
    return groups, rendered, records, written, timings
