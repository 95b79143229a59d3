"""Static assets of the theme and the site: found by the same lookup as templates, written under content-hashed names.

A file in the site's own `static/` folder replaces the theme's file of the same relative name.
Each asset is written as `static/<name>.<hash>.<ext>`, so a browser may keep it forever: a new
version has a new name. Two kinds of file are exceptions:

- `style.css` is inlined in every page by render (one round trip), so it is not written;
- root assets (the service worker `sw.js`) need a URL that never changes and whose folder
  covers the whole site, so they are written at the site root under their own name, with
  `__PORTAL_VERSION__` inside replaced by a hash of every asset, so a new build is a new worker.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .config import SiteConfig

INLINED = frozenset({"style.css"})
ROOT_ASSETS = frozenset({"sw.js"})
VERSION_MARK = b"__PORTAL_VERSION__"
HASH_LENGTH = 8  # hex digits: enough to tell the versions of one file apart


@dataclass(frozen=True)
class Assets:
    files: dict[str, bytes] = field(default_factory=dict)  # output path -> bytes
    urls: dict[str, str] = field(default_factory=dict)  # asset name ("offline.js") -> root-relative URL


def find_assets(static_dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Every asset by relative name; the first folder that has a name wins (the site's, then the theme's)."""
    found: dict[str, Path] = {}
    for folder in static_dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in found and not _hidden(name):
                found[name] = path
    return dict(sorted(found.items()))


def collect_assets(static_dirs: tuple[Path, ...], config: SiteConfig) -> Assets:
    """The files to write and the URL of each asset; the same inputs always give the same bytes and names."""
    assets = Assets()
    sources = {name: path.read_bytes() for name, path in find_assets(static_dirs).items() if name not in INLINED}
    for name, data in sources.items():
        if name not in ROOT_ASSETS:
            output = hashed_name(name, data)
            assets.files[output] = data
            assets.urls[name] = f"{config.base_path}{output}"
    version = _digest(b"".join(name.encode() + b"\0" + data for name, data in sources.items()))
    for name in sorted(ROOT_ASSETS & sources.keys()):
        assets.files[name] = sources[name].replace(VERSION_MARK, version.encode("ascii"))
        assets.urls[name] = f"{config.base_path}{name}"
    return assets


def hashed_name(name: str, data: bytes) -> str:
    """`js/offline.js` → `static/js/offline.3f2a9c1b.js`."""
    path = PurePosixPath("static") / name
    return path.with_name(f"{path.stem}.{_digest(data)}{path.suffix}").as_posix()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def _hidden(name: str) -> bool:
    """Editor backups and dot-files are never published."""
    return any(part.startswith(".") for part in name.split("/")) or name.endswith("~")
