"""Pictures and documents kept in an entry's own folder, beside its texts: a photo of the entrance, a form to fill in.

A text names them by file name (`![The entrance, a green door](entrance.jpg)`, `[Form](form.pdf)`). A file
`form.rom.pdf` beside `form.pdf` is its Romani variant: the Romani page links it, the other pages the default,
along the same fallback chain as the texts. Each is published inside the entry's page folder of every language,
under the name the text wrote (`/rom/usluge/<id>/form.pdf`), so the name is the same in every language.
Pictures are made smaller (at most MAX_WIDTH pixels wide) and compressed, without their metadata (a phone's
photo holds where it was taken), and always to the same bytes; their width and height are known before, from
the file's header, so that a page reserves their room while they load.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from PIL import Image, ImageOps, UnidentifiedImageError

from .config import SiteConfig
from .model import IMAGE_SUFFIXES, EntryFile

DOCUMENT_SUFFIXES = (".pdf", ".odt", ".doc", ".docx", ".rtf", ".ods", ".xls", ".xlsx")
MAX_WIDTH = 720  # pixels: the width of a phone's screen at twice its density, and of the page's column
JPEG_QUALITY = 78  # fixed, so that the same picture always gives the same bytes
# How a reader knows a document before opening it; the type of any other suffix is the suffix itself (ODT, RTF).
DOCUMENT_TYPES = {".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel"}
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".rtf": "application/rtf",
}


def is_attachment_name(name: str) -> bool:
    """A file name an entry may hold beside its texts, or a text may link: `entrance.jpg`, `form.rom.pdf`."""
    lowered = name.lower()
    return "/" not in name and lowered.endswith(IMAGE_SUFFIXES + DOCUMENT_SUFFIXES) and not lowered.startswith(".")


@dataclass(frozen=True)
class FileLink:
    """What a text's link to a file becomes on a page of one language."""

    url: str
    width: int | None = None  # pictures only
    height: int | None = None
    label: str | None = None  # documents only: "PDF, 120 KB", in the reader's language
    media_type: str | None = None


def reference_of(name: str, languages: tuple[str, ...]) -> tuple[str, str]:
    """`form.rom.pdf` → ("form.pdf", "rom") when rom is one of the site's languages; else (name, "")."""
    stem, dot, suffix = name.rpartition(".")
    base, _dot, tag = stem.rpartition(".")
    if dot and base and tag in languages:
        return f"{base}.{suffix}", tag
    return name, ""


def published_size(width: int, height: int) -> tuple[int, int]:
    """A picture's size once at most MAX_WIDTH wide (a smaller one keeps its size)."""
    if width <= MAX_WIDTH:
        return width, height
    return MAX_WIDTH, max(1, round(height * MAX_WIDTH / width))


def image_size(data: bytes) -> tuple[int, int] | None:
    """The published width and height of a picture, read from its header (turned as the camera said); None if unreadable."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)  # EXIF Orientation: 5 to 8 are turned a quarter
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return published_size(width, height)


def entry_file(name: str, path: str, data: bytes, languages: tuple[str, ...]) -> EntryFile | None:
    """The file as a text names it; None for a picture that cannot be read."""
    reference, language = reference_of(name, languages)
    digest = hashlib.sha256(data).hexdigest()
    if not name.lower().endswith(IMAGE_SUFFIXES):
        return EntryFile(name, reference, language, path, len(data), digest)
    size = image_size(data)
    if size is None:
        return None
    return EntryFile(name, reference, language, path, len(data), digest, size[0], size[1])


def chosen(files: tuple[EntryFile, ...], reference: str, chain: tuple[str, ...]) -> EntryFile | None:
    """The file a page in the first language of `chain` shows for `reference`: its own variant, the next language's,
    ... then the default (the file without a language in its name); a name written with its language is that file."""
    by_language = {file.language: file for file in files if file.reference == reference}
    for language in (*chain, ""):
        if language in by_language:
            return by_language[language]
    return next((file for file in files if file.name == reference), None)


def file_languages(config: SiteConfig, language: str, source_language: str) -> tuple[str, ...]:
    """The languages whose variant of a file a page in `language` shows, in order: as for its texts, its own, the one
    it is transliterated from, its fallbacks, then the entry's source language (then the default, see `chosen`)."""
    setup = config.language(language)
    found = [language, *([setup.transliterate_from] if setup.transliterate_from else []), *setup.fallback, source_language]
    return tuple(dict.fromkeys(tag for tag in found if tag))


def document_type(file: EntryFile) -> str:
    return DOCUMENT_TYPES.get(file.suffix, file.suffix[1:].upper())


def kilobytes(size: int) -> int:
    return max(1, round(size / 1024))


@dataclass
class PublishedFiles:
    """Pictures already made smaller, by the digest of their bytes: kept by a build context, so that a preview
    does not compress every photo again after each edit."""

    made: dict[str, bytes] = field(default_factory=dict)


def published_bytes(file: EntryFile, data: bytes, memo: PublishedFiles | None = None) -> bytes:
    """What is published of `file`: a document as it is; a picture turned upright, at most MAX_WIDTH wide,
    compressed with fixed settings and without its metadata (so the same picture always gives the same bytes)."""
    if not file.is_image:
        return data
    memo = memo if memo is not None else PublishedFiles()
    if file.digest not in memo.made:
        memo.made[file.digest] = _smaller(data, file.suffix)
    return memo.made[file.digest]


def _smaller(data: bytes, suffix: str) -> bytes:
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)
        size = published_size(*image.size)
        if size != image.size:
            image = image.resize(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if suffix in (".jpg", ".jpeg"):
            image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        elif suffix == ".webp":
            image.save(out, "WEBP", quality=JPEG_QUALITY, method=6)
        else:
            image.save(out, "PNG", optimize=True)
        return out.getvalue()


def files_by_reference(files: tuple[EntryFile, ...]) -> Mapping[str, tuple[EntryFile, ...]]:
    found: dict[str, list[EntryFile]] = {}
    for file in files:
        found.setdefault(file.reference, []).append(file)
    return {reference: tuple(group) for reference, group in sorted(found.items())}
