"""`portal build --relative-links`: the built site made to work opened from disk, as a pull request's preview is.

A preview is downloaded as a zip and opened by double-clicking index.html: the browser then reads files, so a
link to `/sr-latn/` would lead to the disk's root, and a folder's address to a folder listing. Every page's links
are rewritten, after the build, relative to its own file and to each folder's index.html (portal.urls.relative_html).
Search needs a server (Pagefind fetches its index) and says so; everything else works as published.
"""

from __future__ import annotations

from pathlib import Path

from ..config import SiteConfig
from ..urls import relative_html


def make_links_relative(out: Path, config: SiteConfig) -> int:
    """Rewrite every HTML file under `out` in place; returns how many changed."""
    changed = 0
    for page in sorted(out.rglob("*.html")):
        output = page.relative_to(out).as_posix()
        html = page.read_text(encoding="utf-8")
        relative = relative_html(html, output, config)
        if relative != html:
            page.write_text(relative, encoding="utf-8")
            changed += 1
    return changed
