"""Markdown to HTML, made in exactly this one place.

Markdown arrives in pull requests from many hands, so raw HTML is not passed through, links
with `javascript:`, `data:` and similar schemes are refused, and images must live on the site.
Links to other entries are written `@kind/id` and become the URL of that entry in the page's
language; a link to an entry that does not exist is a content error with its line. Pictures and documents
of the entry's own folder are named by file name (`![The entrance](entrance.jpg)`, `[Form](form.pdf)`): the
page links the file of its language (portal.attachments), a picture with its size, loaded lazily, a document
with its type and size; a missing file, or a picture without words for who cannot see it, is an error.

Two CommonMark parsers are used. cmark, GitHub's C implementation of the reference parser, renders
every text with nothing to report, ten times faster than markdown-it-py; the links it wrote are then
checked and rewritten. A text with something to report (raw HTML, a refused link or image, a link to
no entry) or naming a file of its folder goes through markdown-it-py, whose tokens carry the line to report, and which shows the
refused parts as text. Both render the sample site's texts to the same bytes (tests/test_markdown.py).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import cmarkgfm
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from .attachments import FileLink, is_attachment_name
from .errors import Problem, _, error
from .schema import KINDS

SAFE_SCHEMES = ("http", "https", "mailto", "tel", "sms", "geo")
REFERENCE_PREFIX = "@"
EXTERNAL_NOTE_ID = "leaves-site"  # the id of the page's hidden "leaves this site" note
# The reader is told that the link leaves the site, and the other site learns nothing of where they came from;
# screen readers say so too: every page has this note, in its language (themes/default/templates/base.html).
EXTERNAL_ATTRS = {"rel": "external noopener noreferrer", "class": "external", "aria-describedby": EXTERNAL_NOTE_ID}

# HTML is parsed (so that it can be reported with its line) but rendered as escaped text. What GitHub's preview
# shows, editors expect to see (GITHUB_EXTENSIONS): pipe tables, bare addresses as links, ~~struck~~, footnotes.
_parser = (
    MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": False})
    .enable(["table", "strikethrough", "linkify"])
    .use(footnote_plugin)
)
# Let every link through the parser's own check so that we can report the refused ones with a line.
_parser.validateLink = lambda url: True  # type: ignore[method-assign]

# Footnotes: the back link "↩" and the notes' section are named in the reader's language by words the page itself
# holds (templates/_entry_body.html, from the theme's catalog), not by the parser's English "Back to reference 1".
FOOTNOTE_BACK_ID = "footnote-back"
FOOTNOTES_TITLE_ID = "footnotes-title"
_FOOTNOTE_BACKREF = re.compile(r'<a href="#(fnref[^"]*)" class="footnote-backref"([^>]*)>')
_FOOTNOTES_SECTION = re.compile(r'<section class="footnotes"')
_ARIA_LABEL = re.compile(r' aria-label="[^"]*"')

# An editor's note to other editors, never shown (CommonMark's HTML comment, `<!-->` and `<!--->` included);
# a code span is matched first so that a note written inside backticks stays text.
NOTE_OPEN = "<!--"
_TAKEN = "\x00"  # marks a line a note took up; no content file holds a NUL (load refuses it)
_NOTE_OR_CODE = re.compile(r"(?P<code>(?P<ticks>`+)[\s\S]*?(?<!`)(?P=ticks)(?!`))|<!--(?:-?>|[\s\S]*?-->|[\s\S]*$)")

# A link written without its scheme, and what it probably is.
_EMAIL_LIKE = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")
_PHONE_LIKE = re.compile(r"^\+?[\d ()/.-]{6,}$")
_DOMAIN_LIKE = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(:\d+)?([/?#].*)?$", re.IGNORECASE)

# cmark's safe mode writes this in place of raw HTML, and an empty URL for a script link: both are reported.
_CMARK_RAW_HTML = "<!-- raw HTML omitted -->"
# With raw HTML left out and all text escaped, these are exactly the links and images cmark wrote.
_CMARK_URL = re.compile(r'<(a href|img src)="([^"]*)"')


def without_notes(text: str) -> tuple[str, tuple[int, ...], int | None]:
    """The text without the editors' notes to each other (HTML comments `<!-- ... -->`).

    A note never reaches a reader: it is taken out here, before any output reads the text. A note
    on lines of its own takes those lines out (a list or a paragraph around it stays as it was);
    a note within a line leaves the line breaks it held. Code (fenced or in backticks) is left as
    written. Returns the text; the 0-based line of the original of each of its lines when whole
    lines were taken out (else empty: line i is line i); and the 0-based line of a note that is
    never closed (everything after its `<!--` is dropped), or None.
    """
    if NOTE_OPEN not in text:
        return text, (), None
    lines = text.split("\n")
    code = _code_lines(text)
    kept: list[str] = []
    unclosed: int | None = None
    start = 0
    while start < len(lines):
        end = start + 1  # a run of lines outside code, taken together: a note may span them
        while end < len(lines) and (start in code) == (end in code):
            end += 1
        chunk = "\n".join(lines[start:end])
        if start not in code:
            chunk, opened = _notes_removed(chunk)
            if opened is not None and unclosed is None:
                unclosed = start + opened
        kept.append(chunk)
        start = end
    numbered = [(number, line) for number, line in enumerate("\n".join(kept).split("\n")) if line.strip(" \t") != _TAKEN]
    if len(numbered) == len(lines):
        return "\n".join(line for _number, line in numbered), (), unclosed
    return "\n".join(line for _number, line in numbered), tuple(number for number, _line in numbered), unclosed


def _code_lines(text: str) -> set[int]:
    """The 0-based lines inside fenced or indented code blocks, where `<!--` is text to show."""
    return {
        number
        for token in _parser.parse(text)
        if token.type in ("fence", "code_block") and token.map
        for number in range(token.map[0], token.map[1])
    }


def _notes_removed(chunk: str) -> tuple[str, int | None]:
    """`chunk` without its notes (code spans kept), and the 0-based line of a note never closed.

    The lines of a note alone on them become _TAKEN, for without_notes to take out."""
    pieces, done = [], 0
    for found in _NOTE_OR_CODE.finditer(chunk):
        if found.group("code"):
            continue
        note = found.group(0)
        before = chunk[chunk.rfind("\n", 0, found.start()) + 1 : found.start()]
        after_end = chunk.find("\n", found.end())
        after = chunk[found.end() : after_end if after_end >= 0 else len(chunk)]
        alone = not before.strip(" \t") and not after.strip(" \t")
        pieces += [
            chunk[done : found.start()],
            "\n".join([_TAKEN] * (note.count("\n") + 1)) if alone else "\n" * note.count("\n"),
        ]
        done = found.end()
        if not note.endswith(">"):  # opened, never closed: the rest is dropped, and reported
            return "".join(pieces), chunk[: found.start()].count("\n")
    return "".join(pieces) + chunk[done:], None


# The files of the entry's folder (portal.attachments): a file name gives what its link becomes, or None for no such file.
FileResolver = Callable[[str], FileLink | None]


def render_markdown(
    text: str,
    path: str,
    first_line: int,
    resolve_reference: Callable[[str], str | None],
    moved: Sequence[int] = (),
    resolve_file: FileResolver | None = None,
    as_written: bool = True,
) -> tuple[str, list[Problem]]:
    """Render Markdown `text` from file `path` whose first line is `first_line`; refs go through resolve_reference,
    file names (`entrance.jpg`, `form.pdf`) through `resolve_file` (None: left as written, unchecked).

    `moved`: where notes took whole lines out, the original 0-based line of each line of `text` (without_notes).
    `as_written`: False for a text made from the file (the Cyrillic from the Latin), whose slips the file's own
    rendering reports in the editor's letters."""
    slips = _markup_slips(text, path, first_line, moved) if as_written else []
    rendered = _cmark_html(text, resolve_reference)
    if rendered is not None:
        return _footnotes_named(below_page_title(rendered)), slips
    html_text, problems = _markdown_it_html(text, path, first_line, resolve_reference, moved, resolve_file)
    return _footnotes_named(below_page_title(html_text)), problems + slips


# Markup a slip of the keyboard turns into text that readers see as written: `##Heading`, `[link] (https://...)`,
# `[link](https://exa mple.org)`. GitHub's preview shows them as text too, so editors miss them.
_HEADING_WITHOUT_SPACE = re.compile(r"^ {0,3}(#{2,6})(?=[^\s#])(.*)$")
_LINK_WITH_SPACE = re.compile(r"\[([^\]\n]+)\][ \t]+\(((?:https?://|mailto:|tel:|@)[^)\s]*)\)")
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
_ADDRESS_WITH_SPACE = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|www\.)[^)\n]*?\s[^)\n]*)\)")


def _markup_slips(text: str, path: str, first_line: int, moved: Sequence[int]) -> list[Problem]:
    """Headings and links that would be shown as plain text, each with what to write instead."""
    lines = text.split("\n")
    found: list[tuple[int, str, str]] = []  # (0-based line, message, hint)
    for number, line in enumerate(lines):
        if heading := _HEADING_WITHOUT_SPACE.match(line):
            marks, words = heading.groups()
            found.append(
                (
                    number,
                    _("`{line}` is shown as text, not as a heading", line=line.strip()),
                    _("write `{marks} {words}`: a space after {marks}", marks=marks, words=words.strip()),
                )
            )
        line = _CODE_SPAN.sub(lambda span: " " * len(span.group()), line)  # `[a] (b)` in backticks is shown as written
        for link in _LINK_WITH_SPACE.finditer(line):
            found.append(
                (
                    number,
                    _("a space between `]` and `(` shows the link as text"),
                    _("write `[{label}]({url})`", label=link.group(1), url=link.group(2)),
                )
            )
        for link in _ADDRESS_WITH_SPACE.finditer(line):
            found.append(
                (
                    number,
                    _("the address `{url}` has a space in it, so the link is shown as text", url=link.group(2)),
                    _("write the address without spaces"),
                )
            )
    if not found:
        return []
    in_code = _code_lines(text)
    return [
        error(path, _original(first_line + number, first_line, moved), message, hint)
        for number, message, hint in found
        if number not in in_code
    ]


def has_footnotes(rendered: str) -> bool:
    """Whether a rendered text has footnotes, whose names (FOOTNOTE_BACK_ID, FOOTNOTES_TITLE_ID) its page must hold."""
    return _FOOTNOTES_SECTION.search(rendered) is not None


def _footnotes_named(rendered: str) -> str:
    """Footnotes named by the page's words: each back link by "Back to the text" and its note's number, the
    notes' section by "Notes", both held by the page in its language; the parsers' English labels left out."""
    if not has_footnotes(rendered):
        return rendered
    rendered = _FOOTNOTES_SECTION.sub(f'<section class="footnotes" aria-labelledby="{FOOTNOTES_TITLE_ID}"', rendered)
    return _FOOTNOTE_BACKREF.sub(
        lambda found: (
            f'<a href="#{found.group(1)}" class="footnote-backref"{_ARIA_LABEL.sub("", found.group(2))}'
            f' aria-labelledby="{FOOTNOTE_BACK_ID} {found.group(1)}">'
        ),
        rendered,
    )


# ---------------------------------------------------------------- as GitHub shows it (tables, links, footnotes)

# cmark-gfm's extensions that GitHub's preview uses for a Markdown file (tagfilter is moot: raw HTML is refused).
GITHUB_EXTENSIONS = ["table", "autolink", "strikethrough"]
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def _github_html(text: str) -> str:
    """cmark-gfm's HTML of a text, with GitHub's tables, bare links, strikethrough and footnotes; raw HTML left out."""
    rendered: str = cmarkgfm.markdown_to_html_with_extensions(
        text, options=cmarkgfm.cmark.Options.CMARK_OPT_FOOTNOTES, extensions=GITHUB_EXTENSIONS
    )
    return rendered


def below_page_title(rendered: str) -> str:
    """The headings of a text one level below the page's title: the page's `h1` is its title, so a text that
    starts its headings at `#` has each moved down one level (`#` to h2, `##` to h3, at most h6); a text whose
    headings start at `##` is left as it is. A page never has a second h1."""
    if "<h1" not in rendered:
        return rendered
    return _HEADING_TAG.sub(lambda found: f"<{found.group(1)}h{min(int(found.group(2)) + 1, 6)}", rendered)


def _markdown_it_html(
    text: str,
    path: str,
    first_line: int,
    resolve_reference: Callable[[str], str | None],
    moved: Sequence[int] = (),
    resolve_file: FileResolver | None = None,
) -> tuple[str, list[Problem]]:
    """Any text, with the problems found in it and their lines."""
    problems: list[Problem] = []
    files = _FileLinks(path, resolve_file, problems)
    tokens = _parser.parse(text)
    line = first_line
    for token in tokens:
        if token.map:
            line = first_line + token.map[0]
        if token.type == "html_block":
            _refuse_html(token, path, _original(line, first_line, moved), problems)
        inline_line = line  # a paragraph spans lines: each break moves on to the next
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                inline_line += 1
            elif child.type == "html_inline":
                _refuse_html(child, path, _original(inline_line, first_line, moved), problems)
                inline_line += child.content.count("\n")
            elif child.type == "link_open" and is_attachment_name(str(child.attrs.get("href", ""))):
                files.link(child, _original(inline_line, first_line, moved))
            elif child.type == "link_open":
                _check_link(child, "href", path, _original(inline_line, first_line, moved), resolve_reference, problems)
            elif child.type == "image":
                _check_image(child, path, _original(inline_line, first_line, moved), problems, files)
        if token.children:
            token.children = files.labelled(token.children)
    return _parser.renderer.render(tokens, _parser.options, {}), problems


class _FileLinks:
    """Links and pictures naming a file of the entry's folder: each made the file's URL, or reported as missing."""

    def __init__(self, path: str, resolve_file: FileResolver | None, problems: list[Problem]):
        self.path, self.resolve_file, self.problems = path, resolve_file, problems
        self.labels: dict[int, str] = {}  # a document link's "PDF, 120 KB", by the id of its link_open token

    def found(self, name: str, line: int) -> FileLink | None:
        if self.resolve_file is None:
            return None
        link = self.resolve_file(name)
        if link is None:
            folder = self.path.rsplit("/", 1)[0]
            self.problems.append(
                error(
                    self.path,
                    line,
                    _("there is no file `{name}` in {folder}/", name=name, folder=folder),
                    _(
                        "put the file {name} in the folder {folder}/, beside this text, or correct its name here",
                        name=name,
                        folder=folder,
                    ),
                )
            )
        return link

    def link(self, token: Token, line: int) -> None:
        link = self.found(str(token.attrs["href"]), line)
        if link is not None:
            token.attrs["href"] = link.url
            if link.media_type:
                token.attrs["type"] = link.media_type
            if link.label:
                self.labels[id(token)] = link.label

    def image(self, token: Token, line: int) -> None:
        link = self.found(str(token.attrs["src"]), line)
        if link is not None:
            token.attrs["src"] = link.url
            if link.width and link.height:
                token.attrs.update({"width": str(link.width), "height": str(link.height)})
            token.attrs.update({"loading": "lazy", "decoding": "async"})

    def labelled(self, children: list[Token]) -> list[Token]:
        """`children` with each document link's type and size written after its words, inside the link."""
        if not self.labels:
            return children
        result, open_labels = [], []
        for child in children:
            if child.type == "link_open":
                open_labels.append(self.labels.get(id(child)))
            elif child.type == "link_close" and open_labels:
                label = open_labels.pop()
                if label:
                    note = Token("html_inline", "", 0)
                    note.content = f' <span class="file-size">({escapeHtml(label)})</span>'
                    result.append(note)
            result.append(child)
        return result


def _original(line: int, first_line: int, moved: Sequence[int]) -> int:
    """The line of the file that `line` of the text (counted from first_line) was written on."""
    index = line - first_line
    return first_line + moved[index] if 0 <= index < len(moved) else line


def _cmark_html(text: str, resolve_reference: Callable[[str], str | None]) -> str | None:
    """The HTML of a text with nothing to report; None for a text with something to report."""
    try:
        rendered: str = _github_html(text)
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
        if is_attachment_name(url):
            return None  # a file of the entry's folder: markdown-it-py links it, or reports it missing
        if found.group(1) == "img src":
            if not _image_on_site(url) or rendered.startswith(' alt=""', found.end()):
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
        if (scheme and scheme not in SAFE_SCHEMES) or (not scheme and (_leads_nowhere(url) or _relative(url))):
            return None
        if scheme in ("http", "https"):
            end = rendered.index(">", found.end())  # after the title, if any: attribute values have no ">"
            pieces += [rendered[done:end], "".join(f' {name}="{value}"' for name, value in EXTERNAL_ATTRS.items())]
            done = end
    return "".join(pieces) + rendered[done:] if pieces else rendered


def _scheme(url: str) -> str:
    return urlsplit(url).scheme.lower() if ":" in url else ""


def _leads_nowhere(href: str) -> bool:
    """A link without a scheme that is not an address on this site: `www.example.org` becomes a broken relative link.

    Texts link to entries with @kind/id and to the files of their entry's folder by name (form.pdf)."""
    return bool(href) and not href.startswith(("/", "#", "?", ".", REFERENCE_PREFIX))


# The kinds by the words editors see on the site (/needs/ in its addresses, "Places" in its menu).
_KIND_BY_ADDRESS = {"needs": "categories", "need": "categories", "places": "municipalities", "place": "municipalities"}


def _reference_hint(reference: str) -> str:
    """`@organisation/neostart`: the kind it meant; a wrong id gets the general form."""
    kind, _slash, entry_id = reference.partition("/")
    meant = (
        [_KIND_BY_ADDRESS[kind]]
        if kind in _KIND_BY_ADDRESS
        else difflib.get_close_matches(kind, sorted(KINDS), n=1, cutoff=0.6)
        if kind not in KINDS
        else []
    )
    if meant and entry_id:
        return _("write `@{kind}/{entry_id}`", kind=meant[0], entry_id=entry_id)
    return _("write @kind/id of an existing entry, e.g. @organisations/neostart")


def _relative(href: str) -> bool:
    """`../health/`: where it leads depends on the page's address (another in each language, none in print)."""
    return href in (".", "..") or href.startswith(("./", "../"))


def _scheme_hint(href: str) -> str:
    """What the editor meant: an e-mail address, a phone number or another site."""
    if _EMAIL_LIKE.match(href):
        return _("write `mailto:{href}`", href=href)
    if _PHONE_LIKE.match(href):
        return _("write `tel:{number}`", number=re.sub(r"[^\d+]", "", href))
    if _DOMAIN_LIKE.match(href):
        return _("write `https://{href}`", href=href)
    return _("link to another site with https://..., or to an entry of this one with @kind/id, e.g. @organisations/neostart")


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
                    path, line, _("the link `{href}` names no entry", href=href), _reference_hint(href[len(REFERENCE_PREFIX) :])
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
    elif not scheme and _relative(href):
        problems.append(
            error(
                path,
                line,
                _("the link `{href}` leads to a place counted from this page, which is another page in each language", href=href),
                _("link to the entry with @kind/id, e.g. @categories/health or @organisations/neostart"),
            )
        )
    elif not scheme and _leads_nowhere(href):
        problems.append(
            error(
                path,
                line,
                _("the link `{href}` has no https://, mailto: or tel: in front, so it leads nowhere", href=href),
                _scheme_hint(href),
            )
        )


def _check_image(token: Token, path: str, line: int, problems: list[Problem], files: _FileLinks) -> None:
    src = str(token.attrs.get("src", ""))
    if not token.content.strip():
        problems.append(
            error(
                path,
                line,
                _("the picture `{src}` has no words for readers who cannot see it", src=src),
                _("write what it shows between the brackets, e.g. ![The entrance, a green door]({src})", src=src),
            )
        )
    if is_attachment_name(src):
        files.image(token, line)
    elif not _image_on_site(src):
        problems.append(
            error(
                path,
                line,
                _("the image `{src}` is not on this site", src=src),
                _(
                    "images are loaded from this site only: put the file in the entry's folder, beside this text, "
                    "and write its name, e.g. ![The entrance, a green door](entrance.jpg)"
                ),
            )
        )
        token.attrs["src"] = ""
