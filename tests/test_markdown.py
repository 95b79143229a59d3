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
