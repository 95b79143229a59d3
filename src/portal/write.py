"""Stage 6, write: the rendered files go to a staging folder beside the output, which is then swapped in.

A build that fails never gets here, and a write that fails half-way leaves the previous
output where it was: readers never see a half-written site.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable


class Staging:
    """The new output folder, beside `out`: filled while the build goes on, swapped in at the end, or discarded.

    Worker processes write the pages they render straight into it (workers.py), each its share:
    the pages need not travel back through a pipe to be written by one process."""

    def __init__(self, out: Path):
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))

    def write(self, files: dict[str, bytes]) -> None:
        write_files(files, self.folder)

    def swap(self) -> None:
        _swap(self.folder, self.out)

    def discard(self) -> None:
        """Remove what was written, unless it has been swapped in."""
        if self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)


def write_site(files: dict[str, bytes], out: Path, then: Callable[[], dict[str, bytes]] = dict,
               staging: Staging | None = None) -> None:
    """Write `files`, then those `then` returns (made meanwhile, such as the search index), and swap them in
    (into `staging`, when the build has begun to fill one)."""
    staging = staging or Staging(out)
    try:
        staging.write(files)
        staging.write(then())
        staging.swap()
    except BaseException:
        staging.discard()
        raise


def file_hashes(files: dict[str, bytes]) -> dict[str, str]:
    """The sha256 of each file's bytes, by path: what the next build compares (state.py)."""
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


def write_files(files: dict[str, bytes], folder: Path) -> None:
    for parent in sorted({(folder / relative).parent for relative in files}):
        parent.mkdir(parents=True, exist_ok=True)  # each folder once, not once per file
    for relative, data in sorted(files.items()):
        (folder / relative).write_bytes(data)


def update_site(files: dict[str, bytes], removed: list[str], out: Path) -> None:
    """Change an existing output in place: each changed file replaced whole (never seen half-written),
    removed files deleted with the folders they leave empty. Used when only a few files changed."""
    out = out.resolve()
    for relative, data in sorted(files.items()):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.new")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    for relative in removed:
        target = out / relative
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _swap(staging: Path, out: Path) -> None:
    """Put the new tree in place of the old one with two renames; the old one is removed after."""
    os.chmod(staging, 0o755)  # mkdtemp makes it private; the site is meant to be served
    if not out.exists():
        staging.rename(out)
        return
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    out.rename(retired)
    try:
        staging.rename(out)
    except BaseException:
        retired.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
