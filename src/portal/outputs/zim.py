"""ZIM files for Kiwix, the offline reader many libraries and prisons' learning systems use: the files of an offline
edition (portal.outputs.offline) written with openZIM's libzim, with Kiwix's own full-text index, so that search
works there too. Optional: `pip install 'portal[zim]'` (a manylinux wheel, nothing to compile) and
`portal build --zim`. A ZIM carries a random UUID, so unlike the ZIPs it is not the same bytes twice; it is made
again only when its ZIP's content changed.
"""

from __future__ import annotations

import datetime
import importlib.util
import mimetypes
import re
import tempfile
from collections.abc import Mapping
from html import unescape
from pathlib import Path
from typing import Any

# ZIM's metadata names languages in ISO 639-3; the site's tags are BCP 47.
ISO_639_3 = {"sr": "srp", "mk": "mkd", "cs": "ces", "rom": "rom", "sq": "sqi", "de": "deu", "en": "eng", "hu": "hun"}
_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
_COMPRESSED = (".pdf", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff2")


def zim_available() -> bool:
    """Whether libzim is installed (`pip install 'portal[zim]'`)."""
    return importlib.util.find_spec("libzim") is not None


def zim_language(tags: tuple[str, ...]) -> str:
    """ZIM's `Language`: ISO 639-3 codes, comma-separated (`srp,eng`), each once."""
    codes = [ISO_639_3.get(tag.split("-")[0].lower(), tag.split("-")[0].lower()) for tag in tags]
    return ",".join(dict.fromkeys(codes))


def zim_bytes(
    files: Mapping[str, bytes], title: str, description: str, tags: tuple[str, ...], day: datetime.date, icon: bytes
) -> bytes:
    """A ZIM of `files` (paths as in the ZIP, links relative), opening `index.html`, indexed for Kiwix's search."""
    from libzim.writer import Creator  # an optional dependency: imported only when asked for

    language = zim_language(tags)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "edition.zim"
        with Creator(str(path)).config_indexing(True, language.split(",")[0]) as creator:
            creator.set_mainpath("index.html")
            creator.add_illustration(48, icon)
            metadata = {
                "Name": re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "portal",
                "Title": title[:30],
                "Description": description[:80],
                "Language": language,
                "Creator": title,
                "Publisher": title,
                "Date": day.isoformat(),
            }
            for name, value in metadata.items():
                creator.add_metadata(name, value)
            for name in sorted(files):
                creator.add_item(_item(name, files[name]))
        return path.read_bytes()


def _item(path: str, data: bytes) -> Any:
    from libzim.writer import Hint, Item, StringProvider

    page = path.endswith(".html")
    found = _TITLE.search(data) if page else None
    title = unescape(found.group(1).decode("utf-8")).strip() if found else ""
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"

    class Entry(Item):  # type: ignore[misc]  # libzim's classes carry no types
        def get_path(self) -> str:
            return path

        def get_title(self) -> str:
            return title

        def get_mimetype(self) -> str:
            return "text/html" if page else mimetype

        def get_contentprovider(self) -> Any:
            return StringProvider(data)

        def get_hints(self) -> dict[Any, bool]:
            return {Hint.FRONT_ARTICLE: page, Hint.COMPRESS: not path.lower().endswith(_COMPRESSED)}

    return Entry()
