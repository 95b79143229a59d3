"""Markdown to HTML, made in exactly this one place.

Markdown arrives in pull requests from many hands, so raw HTML is not passed through, links
with `javascript:`, `data:` and similar schemes are refused, and images must live on the site.
Links to other entries are written `@kind/id` and become the URL of that entry in the page's
language; a link to an entry that does not exist is a content error with its line.
"""
from __future__ import annotations

from typing import Callable
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from .errors import Problem, _, error

SAFE_SCHEMES = ("http", "https", "mailto", "tel", "sms", "geo")
REFERENCE_PREFIX = "@"
EXTERNAL_NOTE_ID = "leaves-site"  # the id of the page's hidden "leaves this site" note

# HTML is parsed (so that it can be reported with its line) but rendered as escaped text.
_parser = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
# Let every link through the parser's own check so that we can report the refused ones with a line.
_parser.validateLink = lambda url: True


def render_markdown(text: str, path: str, first_line: int,
                    resolve_reference: Callable[[str], str | None]) -> tuple[str, list[Problem]]:
    """Render Markdown `text` from file `path` whose first line is `first_line`; refs go through resolve_reference."""
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


def _refuse_html(token, path: str, line: int, problems: list[Problem]) -> None:
    tag = token.content.strip().split(maxsplit=1)[0] if token.content.strip() else "<>"
    problems.append(error(path, line, _("HTML (`{tag}`) is not allowed in the text", tag=tag[:40]),
                          _("write it with Markdown: **bold**, [link](https://...), a blank line for a new paragraph")))
    token.type = "text"  # shown escaped, never as markup


def _check_link(token, attr: str, path: str, line: int, resolve_reference, problems: list[Problem]) -> None:
    href = str(token.attrs.get(attr, ""))
    if href.startswith(REFERENCE_PREFIX):
        url = resolve_reference(href[len(REFERENCE_PREFIX):])
        if url is None:
            problems.append(error(path, line, _("the link `{href}` names no entry", href=href),
                                  _("write @kind/id of an existing entry, e.g. @organisations/neostart")))
            token.attrs[attr] = "#"
        else:
            token.attrs[attr] = url
        return
    scheme = urlsplit(href).scheme.lower() if ":" in href else ""
    if scheme and scheme not in SAFE_SCHEMES:
        problems.append(error(path, line, _("links starting with `{scheme}:` are not allowed", scheme=scheme),
                              _("link to a web page (https://...), an e-mail (mailto:) or a phone number (tel:)")))
        token.attrs[attr] = "#"
    elif scheme in ("http", "https"):
        # The reader is told that the link leaves the site, and the other site learns nothing of where they came from.
        token.attrs["rel"] = "external noopener noreferrer"
        token.attrs["class"] = "external"
        # Screen readers say so too: every page has this note, in its language (themes/default/templates/base.html).
        token.attrs["aria-describedby"] = EXTERNAL_NOTE_ID


def _check_image(token, path: str, line: int, problems: list[Problem]) -> None:
    src = str(token.attrs.get("src", ""))
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//") or ".." in parts.path.split("/"):
        problems.append(error(path, line, _("the image `{src}` is not on this site", src=src),
                              _("images are loaded from this site only: put the file under static/ and write its path")))
        token.attrs["src"] = ""
