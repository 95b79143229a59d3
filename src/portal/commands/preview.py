"""`portal build --relative-links`: the built site made to work opened from disk, as a pull request's preview is.

A preview is downloaded as a zip and opened by double-clicking index.html: the browser then reads files, so a
link to `/sr-latn/` would lead to the disk's root, and a folder's address to a folder listing. Every page's links
are rewritten, after the build, relative to its own file and to each folder's index.html, by the function that
makes the offline editions (portal.outputs.offline.opened_from_disk). Search needs a server (Pagefind fetches its
index) and says so; everything else works as published.
"""

from __future__ import annotations

from pathlib import Path

from ..config import SiteConfig
from ..outputs.offline import opened_from_disk


def make_links_relative(out: Path, config: SiteConfig) -> int:
    """Rewrite every HTML file under `out` in place; returns how many changed."""
    pages = {page.relative_to(out).as_posix(): page.read_bytes() for page in sorted(out.rglob("*.html"))}
    changed = {path: data for path, data in opened_from_disk(pages, config).items() if data != pages[path]}
    for path, data in changed.items():
        (out / path).write_bytes(data)
    return len(changed)
