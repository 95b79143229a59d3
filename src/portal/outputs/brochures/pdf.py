"""Brochures laid out as PDF by WeasyPrint, with the theme's own fonts, on every core a build may use.

WeasyPrint takes about half a second per brochure. Each worker process parses the print stylesheet
and unpacks its fonts once (a third of a brochure's time) and then lays out brochure after brochure;
it gets the HTML and the stylesheet as strings (WeasyPrint's objects do not pickle). The same
inputs give the same bytes: the PDF's /ID is the hash of its inputs, its dates are in the HTML.

The PDF is tagged for screen readers, and each part written in another language than the document's
(the second language of a bilingual brochure, a text shown in its fallback language) says so in its
tag (/Lang), as its `lang` attribute does in the HTML: WeasyPrint's tags leave that out.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import multiprocessing
import queue
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from types import TracebackType
from typing import Any

import segno

from ...theme import Theme

FORMAT = "2"  # raise when brochures change in a way their inputs' hash does not show
PDF_OPTIONS = {"pdf_tags": True}  # a tagged PDF: headings, lists and reading order for screen readers


@dataclass(frozen=True)
class PrintTheme:
    """The print templates and stylesheet: the site's `print/` folder first, then the theme's."""

    template_dirs: tuple[Path, ...]  # print templates, then the web templates for the shared macros and words
    locales_dirs: tuple[Path, ...]  # the same interface words as the pages
    css: str
    map_css: str  # placed inside each map's SVG: WeasyPrint styles an inline SVG only from its own <style>
    css_base: str  # file URL of the stylesheet's folder: its url()s (the fonts) are relative to it
    digest: str  # of the stylesheet, every file it loads, and the WeasyPrint version

    @classmethod
    def load(cls, web: Theme) -> PrintTheme:
        print_dirs = web.print_dirs
        css_file = next(folder / "print.css" for folder in print_dirs if (folder / "print.css").is_file())
        css = css_file.read_text(encoding="utf-8")
        map_css = next(folder / "map.css" for folder in print_dirs if (folder / "map.css").is_file()).read_text(encoding="utf-8")
        map_css = re.sub(r"/\*.*?\*/", "", map_css, flags=re.DOTALL).strip()  # inside SVG, a comment's `<` would be markup
        digest = hashlib.sha256(f"{FORMAT}\0{version('weasyprint')}\0{PDF_OPTIONS}\0{css}".encode())
        for reference in sorted(set(re.findall(r"""url\(\s*["']?([^"')]+)""", css))):
            path = css_file.parent / reference
            digest.update(reference.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"missing"))
        return cls(
            print_dirs + web.template_dirs,
            web.locales_dirs,
            css,
            map_css,
            css_file.parent.resolve().as_uri() + "/",
            digest.hexdigest(),
        )

    def web_theme(self) -> Theme:
        """The print templates as a theme for Jinja: the same lookup and interface words as the pages."""
        return Theme(template_dirs=self.template_dirs, static_dirs=(), css="", css_hash="", locales_dirs=self.locales_dirs)


# Error correction for paper that is photocopied, folded and carried: level Q restores a quarter of the code
# (a fold, a streak of toner, a stain); H, which restores 30 %, is taken only where it needs no more modules,
# as smaller modules at the same printed size are what a blurred copy loses first.
ERROR_CORRECTION = "q"


class QrCodes:
    """QR codes as inline SVG, each drawn once per build (a code appears in several sizes and brochures).

    `drawn=False`, for `portal check`: a blank code of the same element instead. The check makes the
    brochures' HTML only to find the templates' mistakes and lays out no PDF; encoding a code for every
    page of every language took two thirds of its time.
    """

    def __init__(self, drawn: bool = True) -> None:
        self._drawn: dict[str, str] = {}
        self.drawn = drawn

    def svg(self, data: str) -> str:
        """A QR code holding `data` (a short address, a `tel:` number), its symbol sized by the stylesheet.

        Always a full QR code (`make_qr`): `segno.make` may choose a Micro QR code, which many phone
        cameras cannot read. The quiet zone is the stylesheet's white margin around the drawing, so the
        drawing's size is the symbol's. Its title says what it holds, for screen readers.
        """
        if not self.drawn:
            return '<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 29 29"></svg>'
        found = self._drawn.get(data)
        if found is None:
            code = segno.make_qr(data, error=ERROR_CORRECTION, boost_error=True)
            buffer = io.BytesIO()
            code.save(
                buffer,
                kind="svg",
                xmldecl=False,
                svgns=True,
                nl=False,
                omitsize=True,
                border=0,
                svgclass="qr",
                lineclass=None,
                dark="#000",
                light="#fff",
                title=data,
            )
            found = self._drawn[data] = buffer.getvalue().decode("utf-8")
        return found


def styled_map(svg: str, css: str) -> str:
    """A map of portal.maps with the print theme's map styles inside it."""
    opening = svg.index(">") + 1
    return f"{svg[:opening]}<style>{css}</style>{svg[opening:]}"


@dataclass(frozen=True)
class PdfJob:
    html: str
    identifier: str  # the hash of its inputs: the PDF's /ID


def render_pdfs(jobs: list[PdfJob], theme: PrintTheme, base_url: str, workers: int = 1, progress: bool = True) -> list[bytes]:
    """Each brochure laid out by WeasyPrint, in the order of `jobs`, in up to `workers` processes, with a
    progress bar on a terminal."""
    if not jobs:
        return []
    workers = min(workers, len(jobs))
    with _progress_bar(len(jobs), progress) as advance:
        if workers < 2:  # one brochure, or one core: starting a worker would only add its start-up
            stylesheet = PrintStylesheet(theme.css, theme.css_base)
            done = []
            for job in jobs:
                done.append(stylesheet.render(job.html, base_url, job.identifier))
                advance()
            return done
        return _in_processes(jobs, theme, base_url, workers, advance)


def _in_processes(jobs: list[PdfJob], theme: PrintTheme, base_url: str, workers: int, advance: Callable[[], None]) -> list[bytes]:
    # spawn, not fork: the parent may run threads (the progress bar, `portal serve`'s watcher)
    context = multiprocessing.get_context("spawn")
    tasks, results = context.Queue(), context.Queue()
    for index, job in enumerate(jobs):
        tasks.put((index, job.html, job.identifier))
    processes = [
        context.Process(target=_pdf_worker, args=(tasks, results, theme.css, theme.css_base, base_url), daemon=True)
        for _ in range(workers)
    ]
    for process in processes:
        tasks.put(None)  # one stop sign per worker, after the brochures
        process.start()
    done: dict[int, bytes] = {}
    try:
        while len(done) < len(jobs):
            try:
                index, pdf = results.get(timeout=1)
            except queue.Empty:
                if not any(process.is_alive() for process in processes):
                    raise RuntimeError("the brochure workers stopped before every brochure was made") from None
                continue
            if isinstance(pdf, BaseException):
                raise pdf
            done[index] = pdf
            advance()
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    return [done[index] for index in range(len(jobs))]


def _pdf_worker(tasks: Any, results: Any, css: str, css_base: str, base_url: str) -> None:
    """A worker process: the stylesheet parsed once, then brochure after brochure until the stop sign."""
    stylesheet = PrintStylesheet(css, css_base)
    while (task := tasks.get()) is not None:
        index, html, identifier = task
        try:
            results.put((index, stylesheet.render(html, base_url, identifier)))
        except Exception as problem:  # handed to the parent, which raises it (as a RuntimeError: any error pickles)
            results.put((index, RuntimeError(f"a brochure could not be laid out: {type(problem).__name__}: {problem}")))


class PrintStylesheet:
    """The print stylesheet and its fonts, parsed once for many brochures."""

    def __init__(self, css: str, css_base: str):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher

        self.fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)  # a brochure loads nothing from the network
        self.fonts = FontConfiguration()  # the stylesheet's @font-face rules reach the layout only through this shared object
        self.css = CSS(string=css, base_url=css_base, url_fetcher=self.fetcher, font_config=self.fonts)

    def render(self, html: str, base_url: str, identifier: str) -> bytes:
        """One brochure as PDF bytes. Links resolve against the site's address; only local files (the fonts) are read."""
        from weasyprint import HTML

        document = HTML(string=html, base_url=base_url, url_fetcher=self.fetcher).render(
            stylesheets=[self.css], font_config=self.fonts
        )
        with languages_tagged():
            pdf: bytes = document.write_pdf(pdf_identifier=identifier[:32].encode("ascii"), **PDF_OPTIONS)
        return pdf


@contextlib.contextmanager
def languages_tagged() -> Iterator[None]:
    """While a PDF is written, each tag of an element with its own `lang` carries it as /Lang.

    WeasyPrint makes the tags in `weasyprint.pdf.tags._build_box_tree`, one call per box, and writes the
    document's language only; this wraps that function for the length of one `write_pdf` (in the process
    that lays out the brochure) and puts it back after. The tests read the tags of a bilingual brochure,
    so a WeasyPrint that works otherwise is noticed.
    """
    import pydyf
    from weasyprint.pdf import tags

    build = tags._build_box_tree

    def with_language(box: Any, *arguments: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        own = element.get("lang") if element is not None and getattr(box, "element_tag", None) not in ("html", "body") else None
        for made in build(box, *arguments):
            if own and "Lang" not in made:
                made["Lang"] = pydyf.String(own)
            yield made

    tags._build_box_tree = with_language
    try:
        yield
    finally:
        tags._build_box_tree = build


class _progress_bar:
    """`with _progress_bar(n, shown) as advance:` a rich progress bar on a terminal, nothing elsewhere."""

    def __init__(self, total: int, shown: bool):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("Brochures"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not (shown and console.is_terminal),
            transient=False,
        )
        self.total = total

    def __enter__(self) -> Callable[[], None]:
        self.progress.__enter__()
        task = self.progress.add_task("brochures", total=self.total)
        return lambda: self.progress.advance(task)

    def __exit__(self, kind: type[BaseException] | None, problem: BaseException | None, trace: TracebackType | None) -> None:
        self.progress.__exit__(kind, problem, trace)
