"""The golden site (tests/fixtures/golden/) built as `portal build` builds it, compared with its expected output
(tests/golden/) file by file and byte for byte: every file, and no file more or less.

One whole build, Pagefind included, of a site small enough for the quick run; what it checks no other test
does: everything portal writes, together. Pagefind's own files are left out of the comparison but for each
language's pagefind-entry.json (see update_golden.kept). After an intended change: `python tests/update_golden.py`.
"""

from __future__ import annotations

import difflib

import pytest

from conftest import tree
from update_golden import GOLDEN_TREE, golden_build, kept

UPDATE = "if the change is intended, run `python tests/update_golden.py` and review `git diff tests/golden/`"


def first_difference(name: str, made: bytes, expected: bytes) -> str:
    """The first lines that differ in a text file, as a reviewer would read them."""
    diff = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        made.decode("utf-8", "replace").splitlines(),
        f"tests/golden/{name}",
        f"built/{name}",
        n=1,
        lineterm="",
    )
    return "\n".join(list(diff)[:12])


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    """The golden site built once: the build's result, and the files the comparison reads."""
    return golden_build(tmp_path_factory.mktemp("golden") / "public")


def test_the_golden_site_builds_to_the_committed_output_byte_for_byte(golden):
    _result, made = golden
    expected = tree(GOLDEN_TREE)
    assert sorted(made) == sorted(expected), f"files made and files expected differ; {UPDATE}"
    changed = [name for name in made if made[name] != expected[name]]
    assert changed == [], "\n".join(
        [f"{len(changed)} file(s) differ; {UPDATE}", first_difference(changed[0], made[changed[0]], expected[changed[0]])]
    )


def test_the_golden_build_warns_of_its_one_untranslated_text_and_of_nothing_else(golden):
    result, _made = golden
    assert [problem.format() for problem in result.problems] == [
        "content/services/pravna-pomoc/en.md: warning: not translated into en yet; "
        "readers see the text of the fallback language, marked as such"
    ]


def test_the_golden_tree_holds_only_what_the_comparison_reads_and_stays_small():
    files = tree(GOLDEN_TREE)
    assert all(kept(name) for name in files)
    assert sorted(name for name in files if name.startswith("pagefind/")) == [
        "pagefind/en/pagefind-entry.json",
        "pagefind/sr-cyrl/pagefind-entry.json",
        "pagefind/sr-latn/pagefind-entry.json",
    ]
    # about 40 pages, each with the stylesheet inlined (some 8.5 KB since the pages became cards, tiles and chips),
    # and since issue 22 each language's "Saved" page, feed, manifest and contact cards
    assert sum(map(len, files.values())) < 1_100_000
