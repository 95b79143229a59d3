#!/usr/bin/env python3
"""Wall seconds spent in each stage of one `portal build`, to see what dominates at scale.

    .venv/bin/python bench/stages.py SITE OUT

The build times its own stages (`portal build --timings` prints the same); this adds the time of
the Pagefind child processes inside "outputs" and "write", and each stage's share of the whole.
cProfile gives more detail but inflates Python time several-fold; this keeps real seconds.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import time
from pathlib import Path

from portal.build import BuildOptions, build
from portal.incremental.context import BuildContext


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    pagefind = [0.0]
    run = subprocess.run

    @functools.wraps(run)
    def timed_run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return run(*args, **kwargs)
        finally:
            pagefind[0] += time.perf_counter() - start

    subprocess.run = timed_run  # Pagefind is the only child process a build runs this way
    start = time.perf_counter()
    result = build(Path(argv[0]), BuildOptions(out=Path(argv[1])), BuildContext.from_environment(os.environ))
    total = time.perf_counter() - start
    for label, seconds in [*result.timings.items(), ("  of which Pagefind (child processes)", pagefind[0])]:
        print(f"{label:38s} {seconds:7.2f} s {100 * seconds / total:5.1f} %")
    print(f"{'total':38s} {total:7.2f} s   ({len(result.files)} files, {len(result.errors)} errors)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
