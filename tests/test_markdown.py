"""Markdown from pull requests: no raw HTML, no script links, no outside images, links to entries checked."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal import markdown
from portal.load import load_site
from portal.markdown import render_markdown
from portal.schema import KINDS

SAMPLE = Path(__file__).resolve().parents[1]

ENTRIES = {"organisations/neostart": "/en/organisations/neostart/"}


def render(text: str, first_line: int = 5):
    html, problems = render_markdown(text, "content/pages/about/en.md", first_line, ENTRIES.get)
    return html, [p.format() for p in problems]


def test_reference_links_become_the_entry_url_in_the_page_language():
    html, problems = render("See [Neostart](@organisations/neostart).")
    assert problems == []
    assert '<a href="/en/organisations/neostart/">Neostart</a>' in html


def test_reference_to_a_missing_entry_names_the_line_of_the_file():
    html, problems = render("First paragraph.\n\nSee [them](@organisations/nobody).")
    assert problems == [
        "content/pages/about/en.md:7: error: the link `@organisations/nobody` names no entry; "
        "write @kind/id of an existing entry, e.g. @organisations/neostart"
    ]


def test_raw_html_is_reported_and_shown_as_text_never_as_markup():
    html, problems = render("Hello\n\n<script>alert(1)</script>\n")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert problems == [
        "content/pages/about/en.md:7: error: HTML (`<script>alert(1)</script>`) is not allowed in the text; "
        "write it with Markdown: **bold**, [link](https://...), a blank line for a new paragraph"
    ]


def test_inline_html_event_handler_never_reaches_the_page():
    html, problems = render('Click <img src=x onerror="alert(1)"> here')
    assert "<img" not in html and len(problems) == 1


def test_javascript_and_data_links_are_refused():
    html, problems = render("[a](javascript:alert(1)) [b](DATA:text/html;base64,xx) [c](vbscript:x)")
    assert "javascript:" not in html.lower() and "data:" not in html.lower()
    assert [p.split(": error: ")[1].split(";")[0] for p in problems] == [
        "links starting with `javascript:` are not allowed",
        "links starting with `data:` are not allowed",
        "links starting with `vbscript:` are not allowed",
    ]


def test_external_links_are_marked_as_leaving_the_site():
    html, _ = render("[OSM](https://www.openstreetmap.org/)")
    assert 'rel="external noopener noreferrer"' in html and 'class="external"' in html


def test_images_from_other_sites_are_refused():
    html, problems = render("![map](https://tracker.example/pixel.png) ![up](../../secret.png)")
    assert "tracker.example" not in html
    assert len(problems) == 2 and "is not on this site" in problems[0]


def test_phone_and_mail_links_are_allowed():
    html, problems = render("[Call](tel:+38923230401) [Mail](mailto:juzsd-sk@mtsp.gov.mk)")
    assert problems == []
    assert 'href="tel:+38923230401"' in html and 'href="mailto:juzsd-sk@mtsp.gov.mk"' in html


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_renders_or_gives_clean_problems_never_an_exception(text):
    html, problems = render_markdown(text, "x.md", 1, ENTRIES.get)
    assert isinstance(html, str)
    assert "<script" not in html.lower()
    assert all(p.source.path == "x.md" and p.source.line >= 1 for p in problems)


# Pieces editors type, and the corners of CommonMark: URL encoding, entities, titles, nesting, raw HTML.
MARKDOWN_PIECES = [
    "[",
    "]",
    "(",
    ")",
    "[a](",
    "![i](",
    ")",
    "<",
    ">",
    "![",
    "*",
    "**",
    "_",
    "`",
    "\\",
    "# ",
    "- ",
    "1. ",
    "> ",
    "\n",
    "\n\n",
    " ",
    "    ",
    "\t",
    "text",
    "&amp;",
    "&",
    "&#39;",
    '"',
    "'",
    "é",
    "č",
    "шћ",
    "%20",
    "%",
    ' "title"',
    "@organisations/neostart",
    "@organisations/nobody",
    "@x",
    "https://example.org/a?b=1&c=2",
    "HTTP://ex.org",
    "https://példa.hu/ä",
    "tel:+381 11",
    "mailto:a@b.c",
    "javascript:alert(1)",
    "data:x",
    "ftp://x",
    "/images/a.png",
    "../a.png",
    "//cdn.example/a.png",
    "<b>",
    "<!-- c -->",
    "<https://ex.org>",
    "<a@b.c>",
    "[ref]: /x",
    "[ref]",
    "{",
    "|",
    "^",
    "~",
    "\x00",
    "\u00a0",
    "\r\n",
]
URL_PIECES = [
    "@organisations/neostart",
    "@organisations/nobody",
    "@",
    "https://",
    "HTTP://",
    "ex.org",
    "/a",
    "?b=1&c=2",
    "tel:",
    "mailto:",
    "javascript:",
    "JavaScript:",
    "data:",
    "ftp:",
    "sms:",
    "geo:",
    "//",
    "..",
    "/images/a.png",
    "é",
    "%20",
    "'",
    "&",
    "#x",
    ":",
]
LINKS = st.tuples(
    st.sampled_from(["[a](", "![i](", "<", "[ref]: "]),
    st.lists(st.sampled_from(URL_PIECES), min_size=1, max_size=4),
    st.sampled_from([")", ' "t")', ">", "\n\n[ref]"]),
).map(lambda parts: parts[0] + "".join(parts[1]) + parts[2])
CMARK_TAGS = {
    "p",
    "a",
    "img",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    # GitHub's extensions: tables, ~~struck~~ text, footnotes
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
    "sup",
    "section",
}


@pytest.mark.slow  # 1,500 examples; the properties above run in the quick run too
@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), LINKS), max_size=30).map("".join), st.text(max_size=200)))
def test_what_cmark_renders_has_no_raw_html_and_only_checked_links(text):
    page = markdown._cmark_html(text, ENTRIES.get)
    if page is None:
        return  # left to markdown-it-py, which the tests above hold to the same rules
    assert set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", page)) <= CMARK_TAGS
    for tag, url in re.findall(r'<(a href|img src)="([^"]*)"', page):
        url = html.unescape(url)
        scheme = url.split(":")[0].lower() if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url) else ""
        assert url
        if tag == "img src":
            assert not scheme and not url.startswith("//") and ".." not in url.split("/")
        else:
            assert scheme in ("", *markdown.SAFE_SCHEMES) and not url.startswith("@")
    assert page.count('rel="external noopener noreferrer"') == len(re.findall(r'<a href="https?:', page, re.I))


def test_cmark_renders_texts_with_nothing_to_report_and_leaves_the_others():
    text = (
        '**Neostart** helps.\n\n- [Call](tel:+38111) or [write](mailto:a@b.c)\n- [Site](https://neostart.org "its site")\n'
        "\n![logo](/images/logo.png) and [them](@organisations/neostart)\n"
    )
    page = markdown._cmark_html(text, ENTRIES.get)
    assert page == markdown._markdown_it_html(text, "x.md", 1, ENTRIES.get)[0]
    assert '<a href="https://neostart.org" title="its site" rel="external noopener noreferrer" class="external"' in page
    assert '<a href="/en/organisations/neostart/">them</a>' in page
    for with_problem in (
        "a <b>b</b>",
        "<div>\nx\n</div>",
        "[x](@organisations/nobody)",
        "[x](javascript:x)",
        "[x](ftp://x)",
        "![x](https://t.example/p.png)",
        "![x](../../a.png)",
    ):
        assert markdown._cmark_html(with_problem, ENTRIES.get) is None
        assert markdown._markdown_it_html(with_problem, "x.md", 1, ENTRIES.get)[1]


def test_both_parsers_render_every_text_of_the_sample_site_to_the_same_bytes():
    loaded = load_site(SAMPLE, tuple(KINDS))
    bodies = [text.body for text in loaded.texts if text.body.strip()]
    assert len(bodies) > 50
    resolve = lambda reference: f"/en/{reference}/"  # noqa: E731
    for body in bodies:
        assert markdown._cmark_html(body, resolve) == markdown._markdown_it_html(body, "x.md", 1, resolve)[0]


# ---------------------------------------------------------------- the line of a problem inside a paragraph


@pytest.mark.parametrize(
    "text, line",
    [
        ("One line\ntwo line\nthree [x](@organisations/nobody) end", 7),  # the third line of a paragraph
        ("Intro.\n\n- first\n- second, see\n  [x](@organisations/nobody)", 9),  # continued list item
        ("Line with a hard break  \nnext\\\nthen [x](@organisations/nobody)", 7),  # both kinds of hard break
        ("A **bold\nword** and\n[a link\nover lines](@organisations/nobody)", 7),  # where the link starts
        ("> quoted\n> lines\n> [x](@organisations/nobody)", 7),
    ],
)
def test_a_problem_in_a_paragraph_is_reported_on_its_own_line(text, line):
    _html, problems = render(text)
    assert [problem.split(": error: ")[0] for problem in problems] == [f"content/pages/about/en.md:{line}"]


def test_each_problem_of_a_paragraph_gets_its_line():
    _html, problems = render("[a](javascript:x) first\nsecond <b>x</b>\nthird ![i](https://t.example/p.png)")
    assert [problem.split(": error: ")[0].rsplit(":", 1)[1] for problem in problems] == ["5", "6", "6", "7"]  # <b>, </b>


# ---------------------------------------------------------------- links written without their scheme


@pytest.mark.parametrize(
    "href, hint",
    [
        ("www.neostart.org", "write `https://www.neostart.org`"),
        ("neostart.org/o-nama", "write `https://neostart.org/o-nama`"),
        ("info@neostart.org", "write `mailto:info@neostart.org`"),
        ("+381111234567", "write `tel:+381111234567`"),
        (
            "kontakt",
            "link to another site with https://..., or to an entry of this one with @kind/id, e.g. @organisations/neostart",
        ),
    ],
)
def test_a_link_without_its_scheme_is_refused_with_the_one_it_needs(href, hint):
    html, problems = render(f"See [this]({href}).")
    assert problems == [
        f"content/pages/about/en.md:5: error: the link `{href}` has no https://, mailto: or tel: in front, so it leads nowhere; {hint}"
    ]
    assert markdown._cmark_html(f"See [this]({href}).", ENTRIES.get) is None


@pytest.mark.parametrize("href", ["/static/leaflet.pdf", "#hours", "?page=2", "@organisations/neostart", "mailto:a@b.org"])
def test_links_within_the_site_need_no_scheme(href):
    assert render(f"See [this]({href}).")[1] == []


@pytest.mark.parametrize(
    ("reference", "hint"),
    [
        ("@organisation/neostart", "write `@organisations/neostart`"),
        ("@needs/health", "write `@categories/health`"),
        ("@places/nis", "write `@municipalities/nis`"),
        ("@servces/legal-aid", "write `@services/legal-aid`"),
        ("@organisations/neostar", "write @kind/id of an existing entry, e.g. @organisations/neostart"),
    ],
)
def test_a_link_to_an_entry_of_a_misnamed_kind_gets_the_kind(reference, hint):
    assert render(f"See [this]({reference}).")[1] == [
        f"content/pages/about/en.md:5: error: the link `{reference}` names no entry; {hint}"
    ]


@pytest.mark.parametrize("href", ["../health/", "./", "..", "../../organisations/neostart/"])
def test_a_link_counted_from_the_page_is_refused_for_an_entry_link(href):
    html, problems = render(f"Intro.\n\nSee [this]({href}).")
    assert problems == [
        f"content/pages/about/en.md:7: error: the link `{href}` leads to a place counted from this page, which is "
        "another page in each language; link to the entry with @kind/id, e.g. @categories/health or @organisations/neostart"
    ]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("##Documents", 5, "`##Documents` is shown as text, not as a heading; write `## Documents`: a space after ##"),
        ("Intro.\n\n###Where", 7, "`###Where` is shown as text, not as a heading; write `### Where`: a space after ###"),
        (
            "Call [the office] (tel:+381111234567) today.",
            5,
            "a space between `]` and `(` shows the link as text; write `[the office](tel:+381111234567)`",
        ),
        (
            "See\n[Neostart]  (@organisations/neostart).",
            6,
            "a space between `]` and `(` shows the link as text; write `[Neostart](@organisations/neostart)`",
        ),
        (
            "Go to [the site](https://neo start.org).",
            5,
            "the address `https://neo start.org` has a space in it, so the link is shown as text; "
            "write the address without spaces",
        ),
    ],
)
def test_markup_a_slip_shows_as_text_is_reported_with_what_to_write(text, line, problem):
    html, problems = render(text)
    assert problems == [f"content/pages/about/en.md:{line}: error: {problem}"]


@pytest.mark.parametrize(
    "text",
    [
        "#1 in the region",
        "## Documents",
        "```\n##not a heading in code\n[a] (https://example.org)\n```",
        "    ##indented code",
        "Prices [in euro] (about 100) are approximate.",
        "`[a] (https://example.org)` is how not to write a link.",
    ],
)
def test_text_that_only_looks_like_a_slip_is_not_reported(text):
    assert render(text)[1] == []


# ---------------------------------------------------------------- notes for editors


@pytest.mark.parametrize(
    "text, kept, moved",
    [
        ("Open daily. <!-- ask Ana --> Call us.", "Open daily.  Call us.", ()),
        ("Open daily. <!-- ask Ana\nabout Fridays --> Call us.", "Open daily. \n Call us.", ()),  # the paragraph stays one
        ("Para one.\n<!-- call her\nback on Monday -->\nPara two.", "Para one.\nPara two.", (0, 3)),
        ("- one <!-- a -->\n- two\n  <!-- b\n  c -->\n- three", "- one \n- two\n- three", (0, 1, 4)),
        ("Code `<!-- stays -->` here", "Code `<!-- stays -->` here", ()),
        ("```\n<!-- stays -->\n```\nafter <!-- goes -->", "```\n<!-- stays -->\n```\nafter ", ()),
        ("a<!---->b<!-->c<!--->d", "abcd", ()),  # CommonMark's shortest comments
        ("No note here.", "No note here.", ()),
    ],
)
def test_notes_are_taken_out_and_code_keeps_what_it_shows(text, kept, moved):
    assert markdown.without_notes(text) == (kept, moved, None)


def test_a_note_never_closed_is_found_on_the_line_it_opens_and_hides_nothing_else():
    assert markdown.without_notes("Open.\nDaily <!-- ask\nAna\n") == ("Open.\nDaily \n\n", (), 1)


def test_a_list_with_a_note_on_a_line_of_its_own_stays_a_tight_list():
    text, _moved, _ = markdown.without_notes("- one\n  <!-- check\n  this -->\n- two\n")
    assert render_markdown(text, "x.md", 1, ENTRIES.get)[0] == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"


def test_a_problem_after_a_note_keeps_the_line_it_was_written_on():
    written = "Intro.\n<!-- a note\nover\nthree lines -->\nSee [x](@organisations/nobody)."
    text, moved, _ = markdown.without_notes(written)
    _html, problems = render_markdown(text, "x.md", 5, ENTRIES.get, moved)
    assert [problem.source.line for problem in problems] == [9]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["text", "\n", "\n\n", "<!--", "-->", "`", "```\n", "- ", "  ", "<!-- x -->"]), max_size=25))
def test_taking_notes_out_keeps_every_other_line_in_its_place(pieces):
    written = "".join(pieces)
    text, moved, _unclosed = markdown.without_notes(written)
    lines = written.split("\n")
    for index, line in enumerate(text.split("\n")):
        original = moved[index] if moved else index
        assert line == lines[original] or "<!--" in "\n".join(lines[: original + 1])  # or what is left of a noted line


NOTE = "PRIVATE"  # in every note below; it must reach no output, in either script
NOTED_BODY = (
    f"Pomažemo ljudima posle zatvora. <!-- {NOTE} within a line -->\n\n"
    f"<!-- {NOTE} spanning\nthree\nlines -->\n"
    f"- Lična karta <!-- {NOTE} in a list item -->\n- Izvod\n  <!-- {NOTE} on lines of its own\n  in a list item -->\n"
    "- Prijava boravišta\n\nKraj.\n"
)


@pytest.mark.slow
def test_a_note_reaches_no_page_search_record_open_data_or_brochure(tmp_path):
    """Each output that shows a text's body: the about page is printed in the partners' brochure, a network's body
    too (and, without a summary, it is its open-data description), a service's body is its open-data description."""
    import json
    import shutil

    from conftest import FIXTURES, run_stages, write
    from portal.build import BuildOptions, build
    from portal.outputs.search.records import page_records
    from test_brochures import text_of

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", site)
    write(site / "content/pages/about/sr-Latn.md", "---\ntitle: O nama\n---\n" + NOTED_BODY)
    write(site / "content/organisations/mreza/sr-Latn.md", "---\ntitle: Mreža\n---\n" + NOTED_BODY)
    write(site / "content/services/pravna-pomoc/sr-Latn.md", "---\ntitle: Besplatna pravna pomoć\n---\n" + NOTED_BODY)
    result = build(site, BuildOptions(out=tmp_path / "public", brochures=True))
    assert result.written, result.errors
    out = tmp_path / "public"

    def noted(text: str) -> bool:
        return NOTE.lower() in text.lower() or "приват" in text.lower()

    page = (out / "sr-latn/about/index.html").read_text(encoding="utf-8")
    assert "<li>Lična karta</li>\n<li>Izvod</li>\n<li>Prijava boravišta</li>" in page  # the text around the notes, whole
    assert [path for path in out.rglob("*.html") if noted(path.read_text(encoding="utf-8"))] == []
    stages = run_stages(site)
    records = page_records(stages.plan.pages, stages.site)
    about = [record for record in records if record.output == "sr-latn/about/index.html"]
    assert about and "licna karta" in about[0].words
    assert [record.output for record in records if noted(record.words + record.second + record.summary)] == []
    exports = {path.name: path.read_text(encoding="utf-8") for path in (out / "open-data").glob("hsds.*.json")}
    assert "Pomažemo ljudima posle zatvora." in json.loads(exports["hsds.sr-Latn.json"])["services"][0]["description"]
    assert [name for name, exported in exports.items() if noted(exported)] == []
    brochures = {path.relative_to(out).as_posix(): text_of(path.read_bytes()) for path in (out / "brochures").rglob("*.pdf")}
    assert "Prijava boravišta" in brochures["brochures/sr-latn/partners-a5.pdf"]  # the noted body is printed there
    assert [name for name, text in brochures.items() if noted(text)] == []


# ---------------------------------------------------------------- as GitHub's preview shows it (issue 21)
# Each case is rendered twice: as it is (cmark-gfm) and with a refused HTML tag after it, which sends the text
# through markdown-it-py: an editor's table or link must not depend on whether the text has a mistake elsewhere.
from portal.markdown import render_markdown as _render  # noqa: E402


def _both(text: str) -> list[str]:
    fast = _render(text, "x.md", 5, lambda reference: None)[0]
    slow, problems = _render(text + "\n\n<b>x</b>\n", "x.md", 5, lambda reference: None)
    assert problems  # the second really went the other way
    return [fast, slow]


@pytest.mark.parametrize(
    "table, cells",
    [
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", ["<th>a</th>", "<th>b</th>", "<td>1</td>", "<td>2</td>"]),
        ("a | b\n--- | ---\n1 | 2\n", ["<th>a</th>", "<td>2</td>"]),  # without outer pipes
        ("| Dan | Od | Do |\n|:--|:-:|--:|\n| pon | 8 | 15 |\n| uto | 9 | 13 |\n", ["<th", "Dan", "<td", "uto", "13"]),
        ("| jedna |\n|---|\n| kolona |\n", ["<th>jedna</th>", "<td>kolona</td>"]),
        ("| a | b |\n|---|---|\n| [link](https://x.org) | `kod` |\n", ['<td><a href="https://x.org"', "<code>kod</code>"]),
    ],
)
def test_a_pipe_table_renders_as_a_table(table, cells):
    for rendered in _both("Pre tabele.\n\n" + table):
        assert "<table>" in rendered and "|" not in rendered.split("<table>")[1].split("</table>")[0]
        assert all(cell in rendered for cell in cells), rendered


@pytest.mark.parametrize(
    "written, href",
    [
        ("https://neostart.org/pomoc", "https://neostart.org/pomoc"),
        ("http://x.org", "http://x.org"),
        ("www.neostart.org", "http://www.neostart.org"),
        ("https://primer.ngo/a?b=1", "https://primer.ngo/a?b=1"),
    ],
)
def test_a_bare_address_becomes_a_link_that_says_it_leaves_the_site(written, href):
    for rendered in _both(f"Vidite {written} danas."):
        assert f'<a href="{href}" rel="external noopener noreferrer" class="external"' in rendered, rendered


def test_a_bare_email_address_becomes_a_mail_link():
    for rendered in _both("Pišite na info@neostart.org danas."):
        assert 'href="mailto:info@neostart.org"' in rendered


@pytest.mark.parametrize(
    "text, levels",
    [
        ("# A\n\n## B\n\n### C\n", [2, 3, 4]),  # starts at #: all one level down, never a second h1
        ("## A\n\n### B\n", [2, 3]),  # starts below the title already: as written
        ("# A\n\n###### F\n", [2, 6]),  # never below h6
        ("A\n===\n\nB\n---\n", [2, 3]),  # the underlined forms too
    ],
)
def test_a_heading_in_a_text_never_gives_the_page_a_second_h1(text, levels):
    for rendered in _both(text):
        assert "<h1" not in rendered
        assert [int(level) for level in re.findall(r"<h([1-6])>", rendered)] == levels


def test_footnotes_link_to_their_note_and_back():
    for rendered in _both("Tekst[^1] i još[^druga].\n\n[^1]: Prva.\n[^druga]: Druga.\n"):
        refs = re.findall(r'<sup class="footnote-ref"><a href="#(fn-?[\w-]+)" id="(fnref-?[\w-]+)"', rendered)
        assert len(refs) == 2
        for note, back in refs:
            assert f'id="{note}"' in rendered and f'href="#{back}"' in rendered
