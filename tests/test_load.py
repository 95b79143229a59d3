"""Loading: what an editor saved is either read with its lines, or reported with file and line."""

from __future__ import annotations

import os

import pytest

from conftest import write
from portal.build import build
from portal.load import load_site, parse_text_file, parse_yaml
from portal.schema import KINDS


def messages(site) -> list[str]:
    return [p.format() for p in build(site).problems if p.severity == "error"]


def test_values_remember_their_lines():
    values, problems = parse_yaml("a: 1\nlist:\n  - x\n  - y\nnested:\n  key: z\n", "f.yml")
    assert problems == []
    assert values.line_of("a") == 1
    assert values["list"].line_of(1) == 4
    assert values["nested"].line_of("key") == 6


def test_front_matter_lines_are_lines_of_the_file():
    values, body, body_line, problems = parse_text_file("---\ntitle: T\nsummary: S\n---\nBody\n", "x.md")
    assert problems == []
    assert values.line_of("summary") == 3
    assert body == "Body\n" and body_line == 5


def test_tab_indentation_names_the_line_and_says_use_spaces(site):
    write(site / "content/organisations/neostart/facts.yml", "type: civil-society\ncountry: RS\n\tlast_verified: 2026-11-01\n")
    assert messages(site) == [
        "content/organisations/neostart/facts.yml:3: error: this line is indented with a tab; indent with spaces, not tabs"
    ]


def test_unclosed_quote_is_reported_with_a_line(site):
    write(site / "content/organisations/neostart/sr-Latn.md", '---\ntitle: "Neostart\nsummary: x\n---\nText\n')
    assert messages(site) == [  # the line the quote opened on, not the end of the file where YAML notices
        "content/organisations/neostart/sr-Latn.md:2: error: a quote opened on this line is never closed; "
        "close the quote at the end of the value"
    ]


def test_colon_in_unquoted_text_suggests_quotes(site):
    write(site / "content/organisations/neostart/en.md", "---\ntitle: Help: documents\n---\n")
    assert messages(site) == [
        "content/organisations/neostart/en.md:2: error: the value on this line contains `: `; "
        'put the value in quotes: `title: "Help: documents"`'
    ]


def test_duplicate_keys_are_an_error_not_silently_the_last(site):
    write(
        site / "content/organisations/neostart/facts.yml",
        "type: civil-society\ncountry: RS\nlast_verified: 2026-11-01\ncountry: MK\n",
    )
    assert messages(site) == [
        "content/organisations/neostart/facts.yml:4: error: `country` is written twice (first on line 2); "
        "keep one of them; the second would silently replace the first"
    ]


def test_aliases_are_refused_so_a_file_cannot_explode_in_memory(site):
    bomb = (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    )
    write(site / "content/organisations/neostart/facts.yml", bomb)
    assert messages(site) == [
        "content/organisations/neostart/facts.yml:2: error: anchors and aliases (`*name`) are not allowed; write the value out in full"
    ]


def test_not_utf8_names_the_line_of_the_first_bad_byte(site):
    write(site / "content/organisations/neostart/en.md", b"---\ntitle: Neostart\n---\nLine\n" + "Čačak\n".encode("cp1250"))
    assert messages(site) == [
        "content/organisations/neostart/en.md:5: error: the file is not UTF-8 text; "
        "save it again as UTF-8 (GitHub's editor does this)"
    ]


def test_byte_order_mark_and_crlf_are_accepted(site):
    write(site / "content/organisations/neostart/en.md", "\ufeff---\r\ntitle: Neostart\r\n---\r\nHelps.\r\n".encode("utf-8"))
    result = build(site)
    assert result.errors == []
    assert "Helps." in result.files["en/organisations/neostart/index.html"].decode()


def test_empty_text_file(site):
    write(site / "content/organisations/neostart/en.md", "")
    assert "content/organisations/neostart/en.md:1: error: the file is empty" in messages(site)[0]


def test_text_file_without_front_matter(site):
    write(site / "content/organisations/neostart/en.md", "Neostart helps.\n")
    assert messages(site)[0].startswith("content/organisations/neostart/en.md:1: error: a text file must start with a line `---`")


def test_huge_file_is_refused_before_reading(site):
    write(site / "content/organisations/neostart/en.md", "---\ntitle: x\n---\n" + "a" * 1_100_000)
    assert "more than the 1,000,000 allowed" in messages(site)[0]


def test_symlink_out_of_content_is_refused(site, tmp_path):
    secret = write(tmp_path / "secret.md", "---\ntitle: secret\n---\nprivate\n")
    os.symlink(secret, site / "content/organisations/neostart/de.md")
    assert messages(site) == [
        "content/organisations/neostart/de.md: error: this link leads out of content/; replace the link by the file itself"
    ]


def test_unexpected_file_in_an_entry(site):
    write(site / "content/organisations/neostart/notes.txt", "x")
    assert messages(site) == [
        "content/organisations/neostart/notes.txt: error: unexpected file in an entry; "
        "name it facts.yml, or <language>.md such as en.md"
    ]


def test_a_readme_in_content_or_in_a_kind_is_a_note_for_editors_not_content(site):
    write(site / "content/README.md", "# What goes here\n")
    write(site / "content/organisations/README.md", "One folder per organisation.\n")
    assert messages(site) == []
    write(site / "content/organisations/neostart/README.md", "x")  # inside an entry, every .md is a text
    assert any(m.startswith("content/organisations/neostart/README.md") for m in messages(site))


def test_unknown_kind_of_content_gets_did_you_mean(site):
    write(site / "content/organisation/x/facts.yml", "last_verified: 2026-11-01\n")
    assert messages(site) == [
        "content/organisation: error: unknown kind of content `organisation`; did you mean `organisations`?"
    ]


def test_loading_never_raises_on_arbitrary_bytes(tmp_path):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.binary(max_size=300))
    def load_any(data):
        folder = tmp_path / "any"
        write(folder / "site.yml", data)
        write(folder / "content/pages/home/facts.yml", data)
        write(folder / "content/pages/home/en.md", data)
        loaded = load_site(folder, tuple(KINDS))
        assert all(p.source.path for p in loaded.problems)

    load_any()


# What editors type that YAML cannot read: each said in portal's words, with the line and what to type.
UNREADABLE = [
    ("title: Help: documents\n", 2, 'the value on this line contains `: `; put the value in quotes: `title: "Help: documents"`'),
    (
        "title: “Help: documents”\n",
        2,
        "the quotes “ ” on this line are curly quotes, which do not count as quotes here; "
        'type straight quotes instead: `title: "Help: documents"`',
    ),
    (
        "title: „Pomoć: dokumenti“\n",
        2,
        "the quotes „ “ on this line are curly quotes, which do not count as quotes here; "
        'type straight quotes instead: `title: "Pomoć: dokumenti"`',
    ),
    (
        "title: ‘Help: documents’\n",
        2,
        "the quotes ‘ ’ on this line are curly quotes, which do not count as quotes here; "
        'type straight quotes instead: `title: "Help: documents"`',
    ),
    ("title: x\n\tsummary: y\n", 3, "this line is indented with a tab; indent with spaces, not tabs"),
    (
        "title: x\n  summary: y\n",
        3,
        "`summary:` is indented more than the line above; start `summary:` at the same place as the line above",
    ),
    ("title: 'x\nsummary: y\n", 2, "a quote opened on this line is never closed; close the quote at the end of the value"),
    (
        "title: x\nbring: [a, b\nsummary: y\n",
        3,
        "a list in brackets [ ] or { } opened on this line is not closed; close it on the same line: [first, second]",
    ),
    (
        'title: "C:\\path"\n',
        2,
        "a backslash \\ in double quotes starts a special character; write \\\\ for a backslash, or put the value in single quotes '...'",
    ),
    ("title: @neostart\n", 2, 'a value cannot start with the sign @; put the value in quotes: `title: "@neostart"`'),
    (
        "title: 'It's'\n",
        2,
        "the line goes on after a closing quote; put the whole value in quotes; inside '...', write an apostrophe as ''",
    ),
    (
        "title: x\nsummary\nlang: rmy\n",
        3,
        "this line has no colon after its field name; write the field name, a colon and a space, then the value",
    ),
]


@pytest.mark.parametrize("front, line, message", UNREADABLE, ids=[case[0] for case in UNREADABLE])
def test_what_yaml_cannot_read_is_said_in_portals_words(front, line, message):
    _values, _body, _line, problems = parse_text_file(f"---\n{front}---\nText.\n", "x.md")
    assert [problem.format() for problem in problems] == [f"x.md:{line}: error: {message}"]


# PyYAML's own words, which an editor reading Serbian would meet in English inside a Serbian sentence.
PYYAML_WORDS = ("mapping values", "could not find", "expected", "found character", "while scanning", "token", "stream")


@pytest.mark.parametrize("front, line, message", UNREADABLE, ids=[case[0] for case in UNREADABLE])
def test_in_serbian_no_word_of_the_yaml_parser_is_left_in_english(front, line, message):
    from portal.i18n import problem_messages

    serbian = problem_messages.translations("sr-Latn")
    _values, _body, _line, [problem] = parse_text_file(f"---\n{front}---\nText.\n", "x.md")
    said = problem.format(serbian)
    assert said.startswith(f"x.md:{line}: greška: ")
    assert problem.translated(serbian).message != problem.message and problem.translated(serbian).hint != problem.hint
    assert not [word for word in PYYAML_WORDS if word in said.lower()], said


def test_a_text_file_that_cannot_be_read_is_still_known_to_be_there(site):
    from portal.load import reload_site

    write(site / "content/organisations/neostart/sr-Latn.md", "---\ntitle: Neostart: pomoć\n---\n")
    loaded = load_site(site, tuple(KINDS))
    assert ("organisations", "neostart", "sr-Latn") in loaded.texts_on_disk
    assert not [text for text in loaded.texts if text.path.endswith("neostart/sr-Latn.md")]
    reloaded = reload_site(loaded, ["content/organisations/neostart/sr-Latn.md"], tuple(KINDS))
    assert reloaded.texts_on_disk == loaded.texts_on_disk
    (site / "content/organisations/neostart/sr-Latn.md").unlink()
    reloaded = reload_site(reloaded, ["content/organisations/neostart/sr-Latn.md"], tuple(KINDS))
    assert ("organisations", "neostart", "sr-Latn") not in reloaded.texts_on_disk
    assert ("organisations", "neostart", "en") in reloaded.texts_on_disk
