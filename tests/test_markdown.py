"""Markdown from pull requests: no raw HTML, no script links, no outside images, links to entries checked."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from portal.markdown import render_markdown

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
    assert problems == ["content/pages/about/en.md:7: error: the link `@organisations/nobody` names no entry; "
                        "write @kind/id of an existing entry, e.g. @organisations/neostart"]


def test_raw_html_is_reported_and_shown_as_text_never_as_markup():
    html, problems = render("Hello\n\n<script>alert(1)</script>\n")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert problems == ["content/pages/about/en.md:7: error: HTML (`<script>alert(1)</script>`) is not allowed in the text; "
                        "write it with Markdown: **bold**, [link](https://...), a blank line for a new paragraph"]


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
