"""Pagefind's bundle, made reproducible: the same pages give the same bytes and the same file names.

Pagefind (1.5) writes its filter files from hash maps, so the order of the filters and of their
values, and with it the names of the filter and metadata files, changes from run to run while
the content stays the same. Here the filter files are re-encoded in sorted order and renamed by
their content, and the metadata file and `pagefind-entry.json` are updated to name them. All
three are small CBOR or JSON documents; the word index and the page fragments are already
reproducible and are left as Pagefind wrote them. Pagefind numbers the pages in the order it finds
their files, which is the file system's: portal writes them in one order into a folder in memory
(search.scratch_folder), so that a machine builds the same bytes each time. If a later Pagefind
writes something this does not recognise, the bundle is returned unchanged (tests/test_search_bundle.py
then reports it).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct
from typing import Any

SIGNATURE = b"pagefind_dcd"  # before the CBOR of every compressed Pagefind file
_META = re.compile(r"^pagefind\.(.+)\.pf_meta$")


def reproducible(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle's files (relative names) with the filter order fixed and the renamed files named by their content."""
    try:
        return _reproducible(files)
    except (ValueError, KeyError, IndexError, TypeError, OSError):
        return files


def _reproducible(files: dict[str, bytes]) -> dict[str, bytes]:
    result = dict(files)
    renamed: dict[str, str] = {}  # old hash -> new hash, of filter files
    for name in sorted(n for n in files if n.startswith("filter/") and n.endswith(".pf_filter")):
        language, old = _language_and_hash(name[len("filter/") : -len(".pf_filter")])
        filter_name, values = _read(files[name])
        data = _write([filter_name, sorted(values, key=lambda value: value[0])])
        new = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
        renamed[old] = new
        del result[name]
        result[f"filter/{new}.pf_filter"] = data
    entry = json.loads(files["pagefind-entry.json"])
    for name in sorted(n for n in files if _META.match(n)):
        meta = _read(files[name])
        meta[3] = sorted([[filter_name, renamed.get(old, old)] for filter_name, old in meta[3]])
        data = _write(meta)
        old = name[len("pagefind.") : -len(".pf_meta")]  # as _META matched it
        language = next(tag for tag, index in entry["languages"].items() if index["hash"] == old)
        new = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        entry["languages"][language]["hash"] = new
        del result[name]
        result[f"pagefind.{new}.pf_meta"] = data
    entry["languages"] = dict(sorted(entry["languages"].items()))
    result["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return dict(sorted(result.items()))


def _language_and_hash(stem: str) -> tuple[str, str]:
    language, _, _digest = stem.rpartition("_")
    if not language:
        raise ValueError(f"unexpected Pagefind file name {stem}")
    return language, stem


def _read(data: bytes) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError("trailing bytes in a Pagefind file")
    return value


def _write(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)


# CBOR (RFC 8949), the part Pagefind's metadata and filter files use: whole numbers, text, bytes, lists, maps.


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    initial = data[at]
    major, info = initial >> 5, initial & 31
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError(f"unsupported CBOR item {initial:#x}")
    if major == 0:
        return argument, at
    if major in (2, 3):
        chunk = data[at : at + argument]
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise ValueError(f"unsupported CBOR item {initial:#x}")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise TypeError("no booleans or nulls in Pagefind's metadata")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(f"cannot encode {type(value).__name__}")


def _head(major: int, argument: int) -> bytes:
    if argument < 0:
        raise ValueError("negative numbers are not used")
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if argument < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, argument)
    raise ValueError("number too large")
