"""Printable brochures, as PDF: for each language variant, the families' brochure of the network (every
service by need), the partners' edition (the network's history and members), and one per municipality;
and for each pair of languages `brochures: pairs:` names, the network's and each municipality's in both.

Made from the same localised entries and with the same view makers as the pages (portal.plan):
each brochure is an HTML document made from the theme's print templates (`themes/default/print/`;
a site overrides any of them in its own `print/` folder, and the theme's parents come after it, as
for every theme folder), laid out into pages by WeasyPrint (pdf.py) in every paper size
`brochures: sizes:` in site.yml names. They are made before the pages are rendered, because the
pages link each brochure with its file size.

- Without `render` (a plain `portal build`), none is made: the up-to-date ones found in the
  previous output are kept and linked, the others are left out.
- `check` (`portal check`) makes their HTML, to find the templates' mistakes, but no PDF and no QR code.
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
from ...errors import Problem, _, error
from ...model import Entry, LocalEntry, Site
from ...render import RenderMemo, explained, make_environment, template_location
from ...theme import Theme
from ...views import BrochureLink, SpokenLanguage
from .pdf import FORMAT, PdfJob, PrintTheme, QrCodes, render_pdfs, styled_map
from .views import NETWORK, PARTNERS, BrochureView, BrochureViews, NetworkBrochure, PlaceBrochure, bilingual

MACROS = "_brochure_macros.html"  # a bilingual brochure calls these in its second language too


@dataclass(frozen=True)
class Brochure:
    """One PDF to make: where it goes, the web pages that link to it, and the HTML it is made from."""

    output: str  # path under the output folder
    url: str
    languages: tuple[str, ...]  # one, or two for a brochure in two languages
    size: str  # "A4" or "A5"
    pages: tuple[
        tuple[str, tuple], ...
    ]  # (language, page key) of each page that links it: ("home",), ("entry", "municipalities", id)
    partners: bool  # the partners' edition
    html: str
    digest: str  # of everything the PDF is made from


@dataclass(frozen=True)
class Document:
    """One brochure before its paper size is chosen: its name, languages, template and view, and the pages linking it."""

    name: str  # `network`, `partners` or a municipality's id
    languages: tuple[str, ...]
    template: str
    view: BrochureView
    pages: tuple[tuple[str, tuple], ...]
    partners: bool = False


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
    codes = QrCodes(drawn=False) if request.check and not request.render else (qr_codes or QrCodes())
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
    found.links = _links(site, [(job.output, _described(job)) for job in made], found.files)
    if made:
        found.files[found.manifest] = _manifest(made, found.files)
    return found, problems


def brochure_documents(
    site: Site, localised: Mapping[tuple[str, str, str], LocalEntry], problems: list[Problem], epoch_date: str | None = None
) -> list[Document]:
    """Every brochure of every language variant, then those of each pair of languages, in a fixed order."""
    config = site.config
    places = site.of_kind("municipalities") if config.brochures.municipalities else []
    for place in places:
        if place.id in (NETWORK, PARTNERS):
            message = _("this municipality's brochure would be written where the {name} brochure is", name=place.id)
            problems.append(error(place.source.path, 0, message, _("rename the municipality's folder")))
    places = [place for place in places if place.id not in (NETWORK, PARTNERS)]
    documents: list[Document] = []
    made: dict[tuple[str, str], NetworkBrochure | PlaceBrochure] = {}
    for language in config.tags:
        views = BrochureViews(site, localised, language, epoch_date)
        home = ((language, ("home",)),)
        made[(language, NETWORK)] = network = views.network()
        documents.append(Document(NETWORK, (language,), "brochure-network.html", network, home))
        partners = views.partners()
        if partners.about or partners.networks:
            documents.append(Document(PARTNERS, (language,), "brochure-partners.html", partners, home, partners=True))
        for place in places:
            view = views.municipality(place)
            if view.needs:  # a place with nothing listed gets no brochure
                made[(language, place.id)] = view
                documents.append(
                    Document(place.id, (language,), "brochure-municipality.html", view, _place_page(language, place))
                )
    for first, second in config.brochures.pairs:
        for name in [NETWORK, *(place.id for place in places)]:
            one, other = made.get((first, name)), made.get((second, name))
            if one is not None and other is not None:
                key = ("home",) if name == NETWORK else ("entry", "municipalities", name)
                pages = ((first, key), (second, key))
                documents.append(Document(name, (first, second), "brochure-bilingual.html", bilingual(one, other), pages))
    return documents


def _place_page(language: str, place: Entry) -> tuple[tuple[str, tuple], ...]:
    return ((language, ("entry", "municipalities", place.id)),)


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
    """Every brochure of every language variant, pair of languages and size, with its HTML, in a fixed order."""
    config = site.config
    qr_codes = qr_codes or QrCodes()
    environments: dict[str, jinja2.Environment] = {}

    def environment(language: str) -> jinja2.Environment:
        if language not in environments:
            env = environments[language] = make_environment(theme.web_theme(), config, site_dir, language, memo=memo)
            env.globals["qr_code"] = qr_codes.svg
            env.filters["styled_map"] = lambda svg: styled_map(svg, theme.map_css)
        return environments[language]

    jobs = []
    failures: dict[tuple[str, int, str], list[str]] = {}
    for document in brochure_documents(site, localised, problems, epoch_date):
        for size in config.brochures.sizes:
            url = urls.brochure_url(config, document.languages, document.name, size)
            output = urls.output_path(config, url)
            try:
                html = _html(environment, document, size)
            except jinja2.TemplateError as err:
                where = template_location(err, document.template, site_dir)
                failures.setdefault((*where, err.message or str(err)), []).append(output)
                continue
            digest = hashlib.sha256(f"{theme.digest}\0{config.base_url}\0{html}".encode()).hexdigest()
            jobs.append(Brochure(output, url, document.languages, size, document.pages, document.partners, html, digest))
    for (path, line, message), outputs in failures.items():
        more = f" and {len(outputs) - 1} more" if len(outputs) > 1 else ""
        message, hint = explained(message)
        problems.append(error(path, line, f"the brochure template failed on {outputs[0]}{more}: {message}", hint))
    return jobs


def _html(environment: Any, document: Document, size: str) -> str:
    """A document's HTML in one paper size; a bilingual one also gets the macros in its second language."""
    template = environment(document.languages[0]).get_template(document.template)
    second = {"second": environment(document.languages[1]).get_template(MACROS).module} if len(document.languages) > 1 else {}
    html: str = template.render(brochure=dataclasses.replace(document.view, size=size), **second)
    return html


def _described(job: Brochure) -> dict[str, Any]:
    """What the manifest says of a brochure besides its hashes: what a page needs to link it."""
    return {
        "url": job.url,
        "size": job.size,
        "languages": list(job.languages),
        "partners": job.partners,
        "pages": [[language, list(key)] for language, key in job.pages],
    }


def _links(
    site: Site, described: list[tuple[str, dict[str, Any]]], files: Mapping[str, bytes]
) -> dict[tuple, tuple[BrochureLink, ...]]:
    """The links to the brochures by (language, page key), in the order of `described`."""
    config, links = site.config, dict[tuple, list[BrochureLink]]()
    for output, about in described:
        languages = (
            tuple(SpokenLanguage(tag, config.language(tag).name, tag) for tag in about["languages"])
            if len(about["languages"]) > 1
            else ()
        )
        link = BrochureLink(about["url"], about["size"], max(1, round(len(files[output]) / 1024)), about["partners"], languages)
        for language, key in about["pages"]:
            links.setdefault((language, tuple(key)), []).append(link)
    return {key: tuple(found) for key, found in links.items()}


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
        job.output: {"input": job.digest, "pdf": hashlib.sha256(files[job.output]).hexdigest(), "order": order, **_described(job)}
        for order, job in enumerate(jobs)
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
