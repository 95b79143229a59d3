#!/usr/bin/env python3
"""portal's editing path, timed inside one process as `portal serve` runs it.

    .venv/bin/python bench/preview.py SITE OUT EDITED_FILE RESULT_JSON

1. the first build of the preview, pages only (no state yet: everything is planned and rendered);
2. its second step: the search index (Pagefind), the open data and the translators' dashboard;
3. one more sentence appended to EDITED_FILE (relative to SITE), then the preview's rebuild of
   what depends on it, pages only: this is the time until the open page is told to reload;
4. the second step after that edit;
5. the whole way as `portal serve` goes it: the preview's watcher running, a sentence appended,
   until the open page is told to reload (the operating system's notice of the change included).

Each step's wall and CPU seconds (this process plus its finished children, i.e. Pagefind) go
to RESULT_JSON. bench/run.py runs this as a child process and reports the steps as measures.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

from portal.commands.serve import Preview, watch
from portal.incremental.context import BuildContext


def cpu_seconds() -> float:
    own = os.times()
    return own.user + own.system + own.children_user + own.children_system


def timed(step) -> tuple[dict[str, float], object]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = step()
    return {"wall": time.perf_counter() - wall, "cpu": cpu_seconds() - cpu}, result


def append_sentence(path: Path) -> None:
    with path.open("a", encoding="utf-8") as text:
        text.write("\nJoš jedna rečenica u ovom tekstu.\n")


def saved_until_reload(preview: Preview, path: Path) -> dict[str, float]:
    """With the watcher of `portal serve` running: save an edit, and time it until open pages are told to reload."""
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), daemon=True)
    watcher.start()
    time.sleep(2)  # the watcher's start is not part of an edit
    generation = preview.generation
    wall, cpu = time.perf_counter(), cpu_seconds()
    append_sentence(path)
    reloaded = preview.wait_for_build(generation, timeout=60)
    step = {"wall": time.perf_counter() - wall, "cpu": cpu_seconds() - cpu}
    stop.set()
    watcher.join(timeout=120)
    if reloaded == generation:
        raise SystemExit("the watcher did not rebuild within a minute")
    return step


def main(site: Path, out: Path, edited: str, result_file: Path) -> int:
    preview = Preview(site, out, context=BuildContext.from_environment(os.environ))  # as `portal serve` makes it
    steps = {}
    steps["cold pages"], first = timed(lambda: preview.rebuild(indexes=False))
    steps["cold indexes"], _ = timed(preview.update_indexes)
    append_sentence(site / edited)
    steps["edit pages"], edited_result = timed(lambda: preview.rebuild(frozenset({edited}), indexes=False))
    steps["edit indexes"], _ = timed(preview.update_indexes)
    if not (first.written and edited_result.written):
        print("a build failed", file=sys.stderr)
        return 1
    steps["save to reload"] = saved_until_reload(preview, site / edited)
    steps["edit pages"]["rendered"] = edited_result.rendered
    steps["cold pages"]["rendered"] = first.rendered
    result_file.write_text(json.dumps(steps, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])))
