#!/usr/bin/env python3
"""Time the printable brochures of the sample portal: cold, and again with nothing changed.

    .venv/bin/python bench/brochures.py             # 3 repeats, medians
    .venv/bin/python bench/brochures.py --repeat 1  # a quick look

Measured, each build as its own child process (`portal build`), wall time and CPU time (user +
sys of the child and its worker processes):

* plain: `portal build` without brochures, for reference (the brochures' cost is the difference);
* cold: `portal build --brochures` into an empty output folder: every PDF is made;
* unchanged: the same again with the output kept: no PDF is made, all are taken over.

Then the number of PDFs and their median and total size. Prints Markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed_build(out: Path, *flags: str) -> tuple[float, float]:
    """Wall and CPU seconds of one `portal build` of the sample into `out`."""
    command = [sys.executable, "-m", "portal", "--site", str(REPO), "build", "--out", str(out), *flags]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0]  # other work on the machine slows every figure; say how busy it was
    results: dict[str, list[tuple[float, float]]] = {"plain": [], "cold": [], "unchanged": []}
    with tempfile.TemporaryDirectory(prefix="portal-brochures-bench-") as work:
        out = Path(work) / "public"
        for _ in range(args.repeat):
            shutil.rmtree(out, ignore_errors=True)
            results["plain"].append(timed_build(out))
            shutil.rmtree(out, ignore_errors=True)
            results["cold"].append(timed_build(out, "--brochures"))
            results["unchanged"].append(timed_build(out, "--brochures"))
        sizes = sorted(path.stat().st_size for path in (out / "brochures").rglob("*.pdf"))
    print(
        f"Sample portal, {len(sizes)} brochures; {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"medians of {args.repeat} (load average at the start: {load:.2f})\n"
    )
    print("| build | wall s | CPU s |\n| --- | ---: | ---: |")
    for name, runs in results.items():
        print(f"| {name} | {statistics.median(w for w, _ in runs):.1f} | {statistics.median(c for _, c in runs):.1f} |")
    print(
        f"\nPDF size: median {statistics.median(sizes) / 1024:.0f} KB, smallest {sizes[0] / 1024:.0f} KB, "
        f"largest {sizes[-1] / 1024:.0f} KB, all together {sum(sizes) / 1024 / 1024:.1f} MB"
    )


if __name__ == "__main__":
    main()
