"""Stage 6, write: the rendered files go to a staging folder beside the output, which is then swapped in.

A build that fails never gets here, and a write that fails half-way leaves the previous
output where it was: readers never see a half-written site.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable


def write_site(files: dict[str, bytes], out: Path, then: Callable[[], dict[str, bytes]] = dict) -> None:
    """Write `files`, then those `then` returns (made meanwhile, such as the search index), and swap them in."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        _write_all(files, staging)
        _write_all(then(), staging)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_all(files: dict[str, bytes], folder: Path) -> None:
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
