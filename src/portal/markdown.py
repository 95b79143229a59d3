"""Markdown to HTML, made in exactly this one place.

Markdown arrives in pull requests from many hands, so raw HTML is not passed through, links
with `javascript:`, `data:` and similar schemes are refused, and images must live on the site.
Links to other entries are written `@kind/id` and become the URL of that entry in the page's
language; a link to an entry that does not exist is a content error with its line.

Two CommonMark parsers are used. cmark, GitHub's C implementation of the reference parser, renders
every text with nothing to report, ten times faster than markdown-it-py; the links it wrote are then
checked and rewritten. A text with something to report (raw HTML, a refused link or image, a link to
no entry) goes through markdown-it-py, whose tokens carry the line to report, and which shows the
refused parts as text. Both render the sample site's texts to the same bytes (tests/test_markdown.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import cmarkgfm
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from .errors import Problem, _, error

SAFE_SCHEMES = ("http", "https", "mailto", "tel", "sms", "geo")
REFERENCE_PREFIX = "@"
EXTERNAL_NOTE_ID = "leaves-site"  # the id of the page's hidden "leaves this site" note
# The reader is told that the link leaves the site, and the other site learns nothing of where they came from;
# screen readers say so too: every page has this note, in its language (themes/default/templates/base.html).
EXTERNAL_ATTRS = {"rel": "external noopener noreferrer", "class": "external", "aria-describedby": EXTERNAL_NOTE_ID}

# HTML is parsed (so that it can be reported with its line) but rendered as escaped text.
_parser = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
# Let every link through the parser's own check so that we can report the refused ones with a line.
_parser.validateLink = lambda url: True  # type: ignore[method-assign]

# cmark's safe mode writes this in place of raw HTML, and an empty URL for a script link: both are reported.
_CMARK_RAW_HTML = "<!-- raw HTML omitted -->"
# With raw HTML left out and all text escaped, these are exactly the links and images cmark wrote.
_CMARK_URL = re.compile(r'<(a href|img src)="([^"]*)"')


def render_markdown(
    text: str, path: str, first_line: int, resolve_reference: Callable[[str], str | None]
) -> tuple[str, list[Problem]]:
    """Render Markdown `text` from file `path` whose first line is `first_line`; refs go through resolve_reference."""
    rendered = _cmark_html(text, resolve_reference)
    if rendered is not None:
        return rendered, []
    return _markdown_it_html(text, path, first_line, resolve_reference)


def _markdown_it_html(
    text: str, path: str, first_line: int, resolve_reference: Callable[[str], str | None]
) -> tuple[str, list[Problem]]:
    """Any text, with the problems found in it and their lines."""
    problems: list[Problem] = []
    tokens = _parser.parse(text)
    line = first_line
    for token in tokens:
        if token.map:
            line = first_line + token.map[0]
        if token.type == "html_block":
            _refuse_html(token, path, line, problems)
        for child in token.children or ():
            if child.type == "html_inline":
                _refuse_html(child, path, line, problems)
            elif child.type == "link_open":
                _check_link(child, "href", path, line, resolve_reference, problems)
            elif child.type == "image":
                _check_image(child, path, line, problems)
    return _parser.renderer.render(tokens, _parser.options, {}), problems


def _cmark_html(text: str, resolve_reference: Callable[[str], str | None]) -> str | None:
    """The HTML of a text with nothing to report; None for a text with something to report."""
    try:
        rendered: str = cmarkgfm.markdown_to_html(text)
    except UnicodeError:  # a lone surrogate: markdown-it-py replaces it
        return None
    if _CMARK_RAW_HTML in rendered:
        return None
    pieces, done = [], 0
    for found in _CMARK_URL.finditer(rendered):
        written = found.group(2)
        if not written:  # a script link, blanked by cmark: reported by markdown-it-py
            return None
        url = html.unescape(written)
        if found.group(1) == "img src":
            if not _image_on_site(url):
                return None
            continue
        if url.startswith(REFERENCE_PREFIX):
            resolved = resolve_reference(url[len(REFERENCE_PREFIX) :])
            if resolved is None:
                return None
            pieces += [rendered[done : found.start(2)], escapeHtml(resolved)]
            done = found.end(2)
            continue
        scheme = _scheme(url)
        if scheme and scheme not in SAFE_SCHEMES:
            return None
        if scheme in ("http", "https"):
            end = rendered.index(">", found.end())  # after the title, if any: attribute values have no ">"
            pieces += [rendered[done:end], "".join(f' {name}="{value}"' for name, value in EXTERNAL_ATTRS.items())]
            done = end
    return "".join(pieces) + rendered[done:] if pieces else rendered


def _scheme(url: str) -> str:
    return urlsplit(url).scheme.lower() if ":" in url else ""


def _image_on_site(src: str) -> bool:
    parts = urlsplit(src)
    return not (parts.scheme or parts.netloc or src.startswith("//") or ".." in parts.path.split("/"))


def _refuse_html(token: Token, path: str, line: int, problems: list[Problem]) -> None:
    tag = token.content.strip().split(maxsplit=1)[0] if token.content.strip() else "<>"
    problems.append(
        error(
            path,
            line,
            _("HTML (`{tag}`) is not allowed in the text", tag=tag[:40]),
            _("write it with Markdown: **bold**, [link](https://...), a blank line for a new paragraph"),
        )
    )
    token.type = "text"  # shown escaped, never as markup


def _check_link(
    token: Token, attr: str, path: str, line: int, resolve_reference: Callable[[str], str | None], problems: list[Problem]
) -> None:
    href = str(token.attrs.get(attr, ""))
    if href.startswith(REFERENCE_PREFIX):
        url = resolve_reference(href[len(REFERENCE_PREFIX) :])
        if url is None:
            problems.append(
                error(
                    path,
                    line,
                    _("the link `{href}` names no entry", href=href),
                    _("write @kind/id of an existing entry, e.g. @organisations/neostart"),
                )
            )
            token.attrs[attr] = "#"
        else:
            token.attrs[attr] = url
        return
    scheme = _scheme(href)
    if scheme and scheme not in SAFE_SCHEMES:
        problems.append(
            error(
                path,
                line,
                _("links starting with `{scheme}:` are not allowed", scheme=scheme),
                _("link to a web page (https://...), an e-mail (mailto:) or a phone number (tel:)"),
            )
        )
        token.attrs[attr] = "#"
    elif scheme in ("http", "https"):
        token.attrs.update(EXTERNAL_ATTRS)


def _check_image(token: Token, path: str, line: int, problems: list[Problem]) -> None:
    src = str(token.attrs.get("src", ""))
    if not _image_on_site(src):
        problems.append(
            error(
                path,
                line,
                _("the image `{src}` is not on this site", src=src),
                _("images are loaded from this site only: put the file under static/ and write its path"),
            )
        )
        token.attrs["src"] = ""
