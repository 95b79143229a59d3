"""Stage 8, write: the rendered files go to a staging folder beside the output, which is then swapped in.

A build that fails never gets here, and a write that fails half-way leaves the previous
output where it was: readers never see a half-written site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path


class Staging:
    """The new output folder, beside `out`: filled while the build goes on, swapped in at the end, or discarded.

    Worker processes write the pages they render straight into it (incremental/workers.py), each its share:
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


@dataclass(frozen=True)
class Written:
    hashes: dict[str, str]  # every file of the output, with the sha256 of its bytes (what the next build compares)
    changed: int  # files written or removed


def write_output(
    out: Path,
    files: dict[str, bytes],
    later: Callable[[], dict[str, bytes]],
    already: Mapping[str, str],
    previous: Mapping[str, str] | None,
    staging: Staging | None = None,
    before: Callable[[], None] = lambda: None,
) -> Written:
    """Write `files`, then those `later` returns (made meanwhile, such as the search index).

    Without the hashes of a `previous` output, the files go into a new folder swapped in at the end
    (`staging`, which may already hold files: `already` lists them). With them, the output is changed
    in place: only the files whose bytes changed are replaced, and those no longer made removed
    (`already` then lists the unchanged files taken over). `before` is called before anything changes.
    """
    if previous is None:
        staging = staging or Staging(out)
        before()
        staging.write(files)
        found = later()
        staging.write(found)
        staging.swap()
        return Written({**already, **file_hashes(files), **file_hashes(found)}, len(already) + len(files) + len(found))
    files = {**files, **later()}
    hashes = {**already, **file_hashes(files)}
    changed = {path: data for path, data in files.items() if previous.get(path) != hashes[path]}
    removed = sorted(path for path in previous if path not in hashes)
    if changed or removed:  # nothing to change: the output, and what was said of it, stay as they are
        before()
        update_site(changed, removed, out)
    return Written(hashes, len(changed) + len(removed))


def file_hashes(files: dict[str, bytes]) -> dict[str, str]:
    """The sha256 of each file's bytes, by path: what the next build compares (incremental/state.py)."""
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
