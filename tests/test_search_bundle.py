"""Pagefind's bundle made reproducible (portal.outputs.search.bundle): the CBOR it is written in read and written
back exactly, the filters put in one order and named by their content, so that the same pages give the same
bytes on every run; anything this Pagefind version did not write is handed back untouched."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_stages
from portal.outputs.search.bundle import SIGNATURE, _decode, _encode, reproducible
from portal.outputs.search.index import index_records
from portal.outputs.search.records import page_records

# ---------------------------------------------------------------- CBOR, as RFC 8949 writes it (Appendix A)


@pytest.mark.parametrize(
    "value, encoded",
    [
        (0, "00"),
        (23, "17"),
        (24, "1818"),
        (100, "1864"),
        (1000, "1903e8"),
        (1000000, "1a000f4240"),
        (1000000000000, "1b000000e8d4a51000"),
        (18446744073709551615, "1bffffffffffffffff"),
        (b"", "40"),
        (b"\x01\x02\x03\x04", "4401020304"),
        ("", "60"),
        ("a", "6161"),
        ("IETF", "6449455446"),
        ("\u00fc", "62c3bc"),
        ("\u6c34", "63e6b0b4"),
        ([], "80"),
        ([1, 2, 3], "83010203"),
        ([1, [2, 3], [4, 5]], "8301820203820405"),
        ({}, "a0"),
        ({"a": 1, "b": [2, 3]}, "a26161016162820203"),
        (list(range(1, 26)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
    ],
)
def test_cbor_is_written_and_read_as_the_standard_s_examples(value, encoded):
    assert _encode(value).hex() == encoded
    assert _decode(bytes.fromhex(encoded), 0) == (value, len(encoded) // 2)


CBOR_VALUES = st.recursive(
    st.integers(min_value=0, max_value=2**64 - 1) | st.binary() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
)


@settings(max_examples=50)  # fifty examples already reach nested values of every kind
@given(CBOR_VALUES)
def test_any_value_pagefind_could_write_reads_back_as_it_was(value):
    data = _encode(value)
    assert _decode(data, 0) == (value, len(data))


@pytest.mark.parametrize("value", [-1, 2**64, True, None, 1.5])
def test_what_pagefind_s_files_never_hold_is_refused_not_written_wrongly(value):
    with pytest.raises((TypeError, ValueError)):
        _encode(value)


# ---------------------------------------------------------------- a bundle, as two runs of Pagefind write it


def pagefind_file(value) -> bytes:
    # Pagefind's gzip header carries no fixed date; the content is what matters
    return gzip.compress(SIGNATURE + _encode(value), mtime=1_700_000_000)


PAGES = [["en_ab56781", 22], ["en_384b3bc", 35], ["en_8256ca3", 19]]
FILTERS = {"kind": [["organisation", [2]], ["page", [0]], ["service", [1]]], "place": [["nis", [1]], ["novi-sad", [1, 2]]]}


def bundle(filter_order: list[str], value_order: int, hashes: dict[str, str], meta_hash: str) -> dict[str, bytes]:
    """Files of one language's bundle with the filters, and their values, in the order one run happened to write them."""
    files = {
        "fragment/en_ab56781.pf_fragment": b"a page fragment, already reproducible",
        "index/en_4f4c679.pf_index": b"a word index, already reproducible",
        "pagefind.js": b"// Pagefind's script",
    }
    for name in filter_order:
        values = FILTERS[name][::value_order]
        files[f"filter/{hashes[name]}.pf_filter"] = pagefind_file([name, values])
    files[f"pagefind.{meta_hash}.pf_meta"] = pagefind_file(
        ["1.5.2", PAGES, [["a", "zatvora", "en_4f4c679"]], [[name, hashes[name]] for name in filter_order], [], ["title"]]
    )
    entry = {"version": "1.5.2", "languages": {"en": {"hash": meta_hash, "wasm": "en", "page_count": 3}}}
    files["pagefind-entry.json"] = json.dumps(entry, indent=2).encode()
    return files


FIRST_RUN = bundle(["kind", "place"], 1, {"kind": "en_1111111", "place": "en_2222222"}, "en_aaaaaaaaaa")
SECOND_RUN = bundle(["place", "kind"], -1, {"kind": "en_3333333", "place": "en_4444444"}, "en_bbbbbbbbbb")


def test_two_runs_that_ordered_the_filters_differently_give_the_same_files():
    assert FIRST_RUN != SECOND_RUN
    assert reproducible(FIRST_RUN) == reproducible(SECOND_RUN)


def test_filters_and_their_values_are_sorted_and_named_by_their_content():
    files = reproducible(SECOND_RUN)
    filters = {name: files[name] for name in files if name.startswith("filter/")}
    assert all(re.fullmatch(r"filter/en_[0-9a-f]{7}\.pf_filter", name) for name in filters)
    read = {
        _decode(gzip.decompress(data), len(SIGNATURE))[0][0]: _decode(gzip.decompress(data), len(SIGNATURE))[0][1]
        for data in filters.values()
    }
    assert read == {"kind": FILTERS["kind"], "place": FILTERS["place"]}  # values in order, whatever the run wrote


def test_the_metadata_and_the_entry_file_name_the_renamed_files():
    files = reproducible(FIRST_RUN)
    entry = json.loads(files["pagefind-entry.json"])
    meta_name = f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    assert meta_name in files and re.fullmatch(r"pagefind\.en_[0-9a-f]{10}\.pf_meta", meta_name)
    meta, _end = _decode(gzip.decompress(files[meta_name]), len(SIGNATURE))
    assert [name for name, _hash in meta[3]] == ["kind", "place"]
    assert {f"filter/{digest}.pf_filter" for _name, digest in meta[3]} == {name for name in files if name.startswith("filter/")}
    assert meta[1] == PAGES and meta[0] == "1.5.2"  # the rest as Pagefind wrote it


def test_the_files_already_reproducible_are_left_as_they_were_and_nothing_else_is_added():
    files = reproducible(FIRST_RUN)
    for name in ("fragment/en_ab56781.pf_fragment", "index/en_4f4c679.pf_index", "pagefind.js"):
        assert files[name] == FIRST_RUN[name]
    assert len(files) == len(FIRST_RUN)
    assert reproducible(files) == files  # once is enough


def filter_of(files: dict[str, bytes]) -> str:
    return next(name for name in files if name.startswith("filter/"))


@pytest.mark.parametrize(
    "what, change",
    [
        ("a filter file that is not gzip", lambda files: files.update({filter_of(files): b"plain bytes"})),
        (
            "without the signature",
            lambda files: files.update({filter_of(files): gzip.compress(b"other" + _encode(["kind", []]))}),
        ),
        (
            "with a CBOR float",
            lambda files: files.update({filter_of(files): gzip.compress(SIGNATURE + bytes.fromhex("fb3ff8000000000000"))}),
        ),
        (
            "with bytes after the value",
            lambda files: files.update({filter_of(files): gzip.compress(SIGNATURE + _encode(["kind", []]) + b"\x00")}),
        ),
        (
            "a metadata file without the filter list",
            lambda files: files.update({"pagefind.en_aaaaaaaaaa.pf_meta": pagefind_file(["1.6.0"])}),
        ),
        ("without pagefind-entry.json", lambda files: files.pop("pagefind-entry.json")),
        ("a file name without a language", lambda files: files.update({"filter/nohash.pf_filter": files[filter_of(files)]})),
    ],
)
def test_a_bundle_this_pagefind_did_not_write_is_returned_unchanged(what, change):
    files = dict(FIRST_RUN)
    change(files)
    assert reproducible(files) == files, what


# ---------------------------------------------------------------- the real Pagefind


@pytest.mark.slow
def test_pagefind_s_own_bundle_is_read_and_written_back_byte_for_byte(site):
    stages = run_stages(site)
    prefix = "pagefind/cs/"
    indexed = index_records(page_records(stages.plan.pages, stages.site), stages.site.config)
    files = {name[len(prefix) :]: data for name, data in indexed.items() if name.startswith(prefix)}
    assert reproducible(files) == files  # already canonical: nothing changes
    meta_name = next(name for name in files if name.endswith(".pf_meta"))
    raw = gzip.decompress(files[meta_name])
    value, end = _decode(raw, len(SIGNATURE))
    assert end == len(raw) and value[0].count(".") == 2  # Pagefind's version first
    assert _encode(value) == raw[len(SIGNATURE) :]
    filter_names = [name for name, _hash in value[3]]
    assert filter_names == sorted(filter_names) == ["cost", "kind", "need", "place"]
