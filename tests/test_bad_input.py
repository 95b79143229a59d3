"""The catalogue of bad input from pull requests: each case, the message an editor gets, and nothing written.

The table in docs/bad-input.md is generated from CASES (`python tests/test_bad_input.py`), and a
test checks it is current, so the documentation cannot drift from what the tool says.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import FIXTURES, REPO, run_portal, tree, write
from portal.build import build
from portal.cli import main

ORG = "content/organisations/neostart"
GOOD_FACTS = "type: civil-society\ncountry: RS\nlast_verified: 2026-11-01\n"

# (what the editor did, {file: content}, the first error line printed)
CASES = [
    (
        "indented with a tab",
        {f"{ORG}/facts.yml": "type: civil-society\n\tcountry: RS\n"},
        f"{ORG}/facts.yml:2: error: not valid YAML: found character '\\t' that cannot start any token; indent with spaces, not tabs",
    ),
    (
        "bad indentation",
        {f"{ORG}/facts.yml": "type: civil-society\n  country: RS\nlast_verified: 2026-11-01\n"},
        f"{ORG}/facts.yml:2: error: not valid YAML: mapping values are not allowed here; put text that contains `: ` in quotes, "
        'e.g. title: "Help: documents"',
    ),
    (
        "unclosed quote",
        {f"{ORG}/en.md": '---\ntitle: "Neostart\nsummary: x\n---\n'},
        f"{ORG}/en.md:2: error: not valid YAML: a quote opened on this line is never closed; close the quote or bracket that was opened on this line",
    ),
    (
        "duplicate key",
        {f"{ORG}/facts.yml": GOOD_FACTS + "type: network\n"},
        f"{ORG}/facts.yml:4: error: `type` is written twice (first on line 1); keep one of them; the second would silently replace the first",
    ),
    (
        'YAML aliases (a "billion laughs" file)',
        {f"{ORG}/facts.yml": "a: &a [x, x]\nb: [*a, *a]\n"},
        f"{ORG}/facts.yml:2: error: not valid YAML: anchors and aliases (`*name`) are not allowed; write the value out in full",
    ),
    (
        "a YAML tag that would run code",
        {f"{ORG}/facts.yml": 'type: !!python/object/apply:os.system ["id"]\n'},
        f"{ORG}/facts.yml:1: error: not valid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'; remove the `!!...` tag and write a plain value",
    ),
    (
        "wrong type",
        {f"{ORG}/facts.yml": GOOD_FACTS + "email: 42\n"},
        f"{ORG}/facts.yml:4: error: `42` is not an e-mail address; write it like name@example.org",
    ),
    (
        "unknown field",
        {f"{ORG}/facts.yml": GOOD_FACTS + "phnoe: ['+381 11 123 4567']\n"},
        f"{ORG}/facts.yml:4: error: unknown field `phnoe` in a facts file; did you mean `phone`?",
    ),
    (
        "missing required field",
        {f"{ORG}/facts.yml": "type: civil-society\n"},
        f"{ORG}/facts.yml:1: error: the required field `last_verified` is missing; add a line `last_verified: ...` "
        "(The day someone last checked these facts (YYYY-MM-DD).)",
    ),
    (
        "text for a language that is not configured",
        {f"{ORG}/fr.md": "---\ntitle: Neostart\n---\n"},
        f"{ORG}/fr.md: error: `fr` is not a language of this site; rename the file to one of the configured languages: "
        "write one of: `cs`, `en`, `sr-Cyrl`, `sr-Latn`",
    ),
    (
        "translation whose facts file is missing",
        {"content/organisations/caritas/en.md": "---\ntitle: Caritas\n---\n"},
        "content/organisations/caritas/en.md: error: this text has no facts file beside it; "
        "add content/organisations/caritas/facts.yml with at least `last_verified:`",
    ),
    (
        "not UTF-8",
        {f"{ORG}/en.md": "---\ntitle: Čačak\n---\n".encode("cp1250")},
        f"{ORG}/en.md:2: error: the file is not UTF-8 text; save it again as UTF-8 (GitHub's editor does this)",
    ),
    (
        "empty file",
        {f"{ORG}/en.md": ""},
        f"{ORG}/en.md:1: error: the file is empty; start it with `---`, a line `title: ...`, and `---`",
    ),
    (
        "huge file",
        {f"{ORG}/en.md": "---\ntitle: x\n---\n" + "word " * 210_000},
        f"{ORG}/en.md: error: the file is 1,050,017 bytes, more than the 1,000,000 allowed; split it into several entries or shorten it",
    ),
    (
        "invisible control character",
        {f"{ORG}/en.md": '---\ntitle: "Neo\\u202Estart"\n---\n'},
        f"{ORG}/en.md:2: error: `title` contains an invisible control character; retype the text without it",
    ),
    (
        "id with capitals, spaces or dots",
        {
            "content/organisations/Neo..Start/facts.yml": GOOD_FACTS,
            "content/organisations/Neo..Start/en.md": "---\ntitle: x\n---\n",
        },
        "content/organisations/Neo..Start/en.md: error: `Neo..Start` cannot be used as an id; "
        "name the folder with small latin letters, digits and - only, e.g. novi-sad",
    ),
    (
        "id with a control character",
        {"content/organisations/neo\x07start/facts.yml": GOOD_FACTS},
        "content/organisations/neo\x07start/facts.yml: error: `neo\x07start` cannot be used as an id; "
        "name the folder with small latin letters, digits and - only, e.g. novi-sad",
    ),
    (
        "page that would take a section's address",
        {"content/pages/needs/facts.yml": "last_verified: 2026-11-01\n", "content/pages/needs/en.md": "---\ntitle: Needs\n---\n"},
        "content/pages/needs/en.md: error: a page cannot be called `needs`: that address belongs to a section; choose another folder name",
    ),
    (
        "link to an entry that does not exist",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nSee [MOPPS](@organisations/mops).\n"},
        f"{ORG}/en.md:4: error: the link `@organisations/mops` names no entry; write @kind/id of an existing entry, e.g. @organisations/neostart",
    ),
    (
        "raw HTML such as <script> in Markdown",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n<script>alert(1)</script>\n"},
        f"{ORG}/en.md:4: error: HTML (`<script>alert(1)</script>`) is not allowed in the text; "
        "write it with Markdown: **bold**, [link](https://...), a blank line for a new paragraph",
    ),
    (
        "javascript: link",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n[click](javascript:alert(1))\n"},
        f"{ORG}/en.md:4: error: links starting with `javascript:` are not allowed; "
        "link to a web page (https://...), an e-mail (mailto:) or a phone number (tel:)",
    ),
    (
        "data: link",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n[click](data:text/html,hi)\n"},
        f"{ORG}/en.md:4: error: links starting with `data:` are not allowed; "
        "link to a web page (https://...), an e-mail (mailto:) or a phone number (tel:)",
    ),
    (
        "image from another site",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n![x](https://tracker.example/p.gif)\n"},
        f"{ORG}/en.md:4: error: the image `https://tracker.example/p.gif` is not on this site; "
        "images are loaded from this site only: put the file under static/ and write its path",
    ),
    (
        "symlink out of content/",
        {"@symlink": f"{ORG}/de.md"},
        f"{ORG}/de.md: error: this link leads out of content/; replace the link by the file itself",
    ),
    (
        "template with an undefined variable",
        {"templates/pages.html": "{% extends 'base.html' %}\n{% block main %}{{ page.nothing }}{% endblock %}\n"},
        "templates/pages.html:2: error: the template failed on /sr-latn/about/ and 3 more page(s): `nothing` is not part of the "
        "view EntryPage; write one of: `absolute_url`, `alternates`, `brochures`, `checked`, `contact`, `dir`, `entry`, "
        "`home_url`, `lang`, `language_name`, `languages`, `menu_pages`, ...",
    ),
]

ACCEPTED = [
    ("byte-order mark", "\ufeff---\ntitle: Neostart\n---\nHelps.\n".encode("utf-8")),
    ("Windows line ends (CRLF)", b"---\r\ntitle: Neostart\r\n---\r\nHelps.\r\n"),
]


def prepare(site: Path, files: dict) -> None:
    for path, content in files.items():
        if path == "@symlink":
            outside = write(site.parent / "outside.md", "---\ntitle: secret\n---\n")
            os.symlink(outside, site / content)
        else:
            write(site / path, content)


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory) -> Path:
    """The fixture site built once with `portal build`: the output each failed build must leave as it was."""
    root = tmp_path_factory.mktemp("previous")
    shutil.copytree(FIXTURES / "minimal", root / "site")
    assert main(["--site", str(root / "site"), "build", "--out", str(root / "public")]) == 0
    return root / "public"


# Cases whose message a test of its own module asserts too (test_load, test_validate, test_markdown): their whole
# build runs in the full suite only, so that the quick run (`pytest -m "not slow"`) stays within a minute.
ALSO_CHECKED_BY_THEIR_MODULE = {
    'YAML aliases (a "billion laughs" file)',
    "not UTF-8",
    "empty file",
    "symlink out of content/",
    "unknown field",
    "translation whose facts file is missing",
    "invisible control character",
    "page that would take a section's address",
    "link to an entry that does not exist",
    "raw HTML such as <script> in Markdown",
    "javascript: link",
    "data: link",
}


@pytest.mark.parametrize(
    "what, files, expected",
    [pytest.param(*case, id=case[0], marks=[pytest.mark.slow] * (case[0] in ALSO_CHECKED_BY_THEIR_MODULE)) for case in CASES],
)
def test_bad_input_is_reported_and_nothing_is_written(site, capsys, previous_output, what, files, expected):
    shutil.copytree(previous_output, site / "public")
    before = tree(site / "public")
    prepare(site, files)
    status, _, err = run_portal(capsys, "--site", str(site), "build")
    assert status == 1
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert expected in errors, "\n".join(errors)
    assert "Traceback" not in err
    assert tree(site / "public") == before


@pytest.mark.parametrize("what, content", ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_harmless_encodings_are_accepted(site, what, content):
    write(site / f"{ORG}/en.md", content)
    result = build(site)
    assert not result.errors, result.errors
    assert "Helps." in result.files["en/organisations/neostart/index.html"].decode("utf-8")


def catalogue_markdown() -> str:
    rows = [
        "# Bad input and what the editor is told",
        "",
        "Generated from `tests/test_bad_input.py` (`python tests/test_bad_input.py`); every row is tested.",
        "In each case `portal check` and `portal build` exit with status 1, print every problem of the run,",
        "and the previous `public/` stays untouched.",
        "",
        "| input | message |",
        "| --- | --- |",
    ]
    for what, _, expected in CASES:
        shown = expected.replace("|", "\\|").replace("\x07", "\\x07")
        rows.append(f"| {what} | `{shown}` |" if "`" not in shown else f"| {what} | {shown} |")
    for what, _ in ACCEPTED:
        rows.append(f"| {what} | accepted: removed or normalised while reading |")
    return "\n".join(rows) + "\n"


def test_docs_table_lists_every_case():
    assert (REPO / "docs/bad-input.md").read_text(encoding="utf-8") == catalogue_markdown()


if __name__ == "__main__":
    (REPO / "docs/bad-input.md").write_text(catalogue_markdown(), encoding="utf-8")


def test_content_cannot_inject_markup_into_pages(site):
    write(site / f"{ORG}/en.md", '---\ntitle: "<script>alert(1)</script>"\nsummary: "\\" onmouseover=\\"x"\n---\n')
    result = build(site)
    assert not result.errors, result.errors
    html = result.files["en/organisations/neostart/index.html"].decode("utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'onmouseover="x"' not in html


def test_a_javascript_website_is_refused(site, capsys):
    write(site / f"{ORG}/facts.yml", GOOD_FACTS + "website: javascript:alert(1)\n")
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 1
    assert (
        f"{ORG}/facts.yml:4: error: `javascript:alert(1)` is not a web address; write it in full, starting with https://" in err
    )
