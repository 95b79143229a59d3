#!/usr/bin/env python3
"""Wall seconds spent in each stage of one `portal build`, to see what dominates at scale.

    .venv/bin/python bench/stages.py SITE OUT

Wraps the stage functions that `portal.pipeline` calls (whichever of STAGES it has), plus the
Pagefind child process of the search index, runs one build and prints a table.
cProfile gives more detail but inflates Python time several-fold; this keeps real seconds.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

import portal.pipeline as pipeline

STAGES = (
    "load_site",
    "check_catalogs",
    "validate",
    "localise",
    "make_brochures",
    "entry_fingerprints",
    "plan_and_render",
    "sitemap_xml",
    "hsds_files",
    "index_records",
    "write_site",
)


def wrap(module, name: str, label: str, times: dict[str, float]) -> None:
    """Replace module.name by a version that adds its wall time to times[label]."""
    original = getattr(module, name)

    @functools.wraps(original)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times[label] = times.get(label, 0.0) + time.perf_counter() - start

    setattr(module, name, timed)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    times: dict[str, float] = {}
    for name in STAGES:
        if hasattr(pipeline, name):
            wrap(pipeline, name, name, times)
    try:
        import portal.search as search

        wrap(search.subprocess, "run", "  of which Pagefind (child process)", times)
    except (ImportError, AttributeError):
        pass
    start = time.perf_counter()
    result = pipeline.build(Path(argv[0]), Path(argv[1]))
    total = time.perf_counter() - start
    for label, seconds in times.items():
        print(f"{label:32s} {seconds:7.2f} s {100 * seconds / total:5.1f} %")
    print(f"{'total':32s} {total:7.2f} s   ({len(result.files)} files, {len(result.errors)} errors)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
