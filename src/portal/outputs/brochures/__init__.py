"""Printable brochures: for each language variant, one about the network and one per municipality, as PDF.

Made from the same localised entries and with the same view makers as the pages (portal.plan):
each brochure is an HTML document made from the theme's print templates (`themes/default/print/`;
a site overrides any of them in its own `print/` folder, and the theme's parents come after it, as
for every theme folder), laid out into pages by WeasyPrint (pdf.py) in every paper size
`brochures: sizes:` in site.yml names. They are made before the pages are rendered, because the
pages link each brochure with its file size.

- Without `render` (a plain `portal build`), none is made: the up-to-date ones found in the
  previous output are kept and linked, the others are left out.
- A brochure whose inputs did not change is not made again: `brochures/manifest.json` in the
  output maps each PDF to a hash of its HTML, stylesheet, fonts and WeasyPrint version, and to
  the PDF's own hash, so a file that was lost or altered is made again.
- The same inputs give the same bytes: the dates in the PDF are the newest `last_verified` of
  the brochure's entries (or SOURCE_DATE_EPOCH's day), and its /ID is the input hash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ... import urls
from ...errors import Problem, error
from ...model import LocalEntry, Site
from ...render import RenderMemo, explained, make_environment, template_location
from ...theme import Theme
from ...views import BrochureLink
from .pdf import FORMAT, PdfJob, PrintTheme, QrCodes, render_pdfs, styled_map
from .views import NETWORK, BrochureView, BrochureViews


@dataclass(frozen=True)
class Brochure:
    """One PDF to make: where it goes, the web page that links to it, and the HTML it is made from."""

    output: str  # path under the output folder
    url: str
    language: str
    size: str  # "A4" or "A5"
    page_key: tuple  # the page that links to it: ("home",) or ("entry", "municipalities", id)
    html: str
    digest: str  # of everything the PDF is made from


@dataclass(frozen=True)
class BrochureRequest:
    """How a build asks for the brochures."""

    previous: Path | None  # the output folder whose unchanged brochures are kept (None: nothing is kept)
    render: bool  # make the brochures that changed; without, those not up to date are left out
    check: bool = False  # make their HTML, to find the templates' mistakes, but lay out no PDF (`portal check`)
    workers: int = 1  # processes for WeasyPrint
    epoch_date: str | None = None  # SOURCE_DATE_EPOCH's day: a brochure's date when none of its entries has one
    progress: bool = True  # a progress bar on a terminal


@dataclass
class Brochures:
    files: dict[str, bytes] = field(default_factory=dict)  # output path -> bytes, the manifest included
    links: dict[tuple, tuple[BrochureLink, ...]] = field(default_factory=dict)  # (language, page key) -> its brochures
    rendered: list[str] = field(default_factory=list)  # made in this run
    kept: list[str] = field(default_factory=list)  # unchanged, taken from the previous output
    left_out: list[str] = field(default_factory=list)  # out of date and not made (a build without --brochures)
    manifest: str = ""  # its output path


def make_brochures(
    site: Site,
    localised: Mapping[tuple[str, str, str], LocalEntry],
    site_dir: Path,
    web: Theme,
    request: BrochureRequest,
    memo: RenderMemo | None = None,
    qr_codes: QrCodes | None = None,
) -> tuple[Brochures, list[Problem]]:
    """The brochures' files and the links to them (see the module's description), and the problems found."""
    found = Brochures(manifest=urls.output_path(site.config, urls.brochure_manifest_url(site.config)))
    manifest = _read_manifest(request.previous, found.manifest)
    if not request.render and not request.check and not manifest:
        return found, []  # the usual build of a site that never made brochures: nothing to look at
    theme = PrintTheme.load(web)
    problems: list[Problem] = []
    codes = QrCodes(drawn=False) if request.check else (qr_codes or QrCodes())
    jobs = plan_brochures(site, localised, site_dir, theme, problems, request.epoch_date, memo, codes)
    todo = []
    for job in jobs:
        kept = _unchanged(request.previous, manifest, job)
        if kept is not None:
            found.files[job.output] = kept
            found.kept.append(job.output)
        elif request.render:
            todo.append(job)
        else:
            found.left_out.append(job.output)
    pdfs = render_pdfs(
        [PdfJob(job.html, job.digest) for job in todo], theme, site.config.base_url, request.workers, request.progress
    )
    for job, pdf in zip(todo, pdfs, strict=True):
        found.files[job.output] = pdf
        found.rendered.append(job.output)
    made = [job for job in jobs if job.output in found.files]
    links: dict[tuple, list[BrochureLink]] = {}
    for job in made:
        links.setdefault((job.language, job.page_key), []).append(
            BrochureLink(job.url, job.size, max(1, round(len(found.files[job.output]) / 1024)))
        )
    found.links = {key: tuple(found_links) for key, found_links in links.items()}
    if made:
        found.files[found.manifest] = _manifest(made, found.files)
    return found, problems


def plan_brochures(
    site: Site,
    localised: Mapping[tuple[str, str, str], LocalEntry],
    site_dir: Path,
    theme: PrintTheme,
    problems: list[Problem],
    epoch_date: str | None = None,
    memo: RenderMemo | None = None,
    qr_codes: QrCodes | None = None,
) -> list[Brochure]:
    """Every brochure of every language variant and size, with its HTML, in a fixed order."""
    config = site.config
    qr_codes = qr_codes or QrCodes()
    jobs = []
    failures: dict[tuple[str, int, str], list[str]] = {}
    for language in config.tags:
        env = make_environment(theme.web_theme(), config, site_dir, language, memo=memo)
        env.globals["qr_code"] = qr_codes.svg
        env.filters["styled_map"] = lambda svg: styled_map(svg, theme.map_css)
        views = BrochureViews(site, localised, language, epoch_date)
        documents: list[tuple[str, tuple, str, BrochureView]] = [(NETWORK, ("home",), "brochure-network.html", views.network())]
        if config.brochures.municipalities:
            for municipality in site.of_kind("municipalities"):
                place = views.municipality(municipality)
                if place.groups:  # a place with nothing listed gets no brochure
                    documents.append(
                        (municipality.id, ("entry", "municipalities", municipality.id), "brochure-municipality.html", place)
                    )
        for name, page_key, template, view in documents:
            for size in config.brochures.sizes:
                url = urls.brochure_url(config, language, name, size)
                output = urls.output_path(config, url)
                try:
                    html = env.get_template(template).render(brochure=dataclasses.replace(view, size=size))
                except jinja2.TemplateError as err:
                    where = template_location(err, template, site_dir)
                    failures.setdefault((*where, err.message or str(err)), []).append(output)
                    continue
                digest = hashlib.sha256(f"{theme.digest}\0{config.base_url}\0{html}".encode()).hexdigest()
                jobs.append(Brochure(output, url, language, size, page_key, html, digest))
    for (path, line, message), outputs in failures.items():
        more = f" and {len(outputs) - 1} more" if len(outputs) > 1 else ""
        message, hint = explained(message)
        problems.append(error(path, line, f"the brochure template failed on {outputs[0]}{more}: {message}", hint))
    return jobs


# ---------------------------------------------------------------- manifest


def _read_manifest(previous: Path | None, path: str) -> dict[str, Any]:
    if previous is None:
        return {}
    try:
        found = json.loads((previous / path).read_text(encoding="utf-8"))["brochures"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # none yet, or unreadable: every brochure is made again
    return found if isinstance(found, dict) else {}


def _unchanged(previous: Path | None, manifest: dict[str, Any], job: Brochure) -> bytes | None:
    """The previous PDF of `job` when it was made from the same inputs and is still the file it was."""
    known = manifest.get(job.output)
    if previous is None or not isinstance(known, dict) or known.get("input") != job.digest:
        return None
    try:
        data = (previous / job.output).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == known.get("pdf") else None


def _manifest(jobs: list[Brochure], files: dict[str, bytes]) -> bytes:
    brochures = {
        job.output: {"input": job.digest, "pdf": hashlib.sha256(files[job.output]).hexdigest()}
        for job in sorted(jobs, key=lambda job: job.output)
    }
    return (json.dumps({"format": FORMAT, "brochures": brochures}, indent=1, sort_keys=True) + "\n").encode("utf-8")


def write_brochures(brochures: Brochures, out: Path) -> list[str]:
    """`portal brochures`: write the brochures into `out` in place, leaving every other file as it is.

    Unchanged PDFs are not touched; a changed one replaces the old in one rename; brochures
    that are no longer made (a municipality removed, a size dropped) are deleted.
    """
    written = []
    for relative, data in sorted(brochures.files.items()):
        target = out / relative
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        partial.replace(target)
        written.append(relative)
    folder = out / Path(brochures.manifest).parent
    for path in sorted(folder.rglob("*.pdf")) if folder.is_dir() else []:
        if path.relative_to(out).as_posix() not in brochures.files:
            path.unlink()
    return written
