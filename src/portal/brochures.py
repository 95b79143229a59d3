"""Printable brochures: for each language variant, one about the network and one per municipality, as PDF.

Beside render, from the same localised entries: each brochure is an HTML document made from the
theme's print templates (`themes/default/print/`; a site overrides any of them in its own
`print/` folder, and the theme's parents come after it, as for every theme folder), laid out
into pages by WeasyPrint with the theme's own fonts, in every paper size `brochures: sizes:` in
site.yml names.

- WeasyPrint takes about half a second per brochure, so brochures are made in worker processes, one
  per core; a worker gets the HTML and the stylesheet as strings (WeasyPrint's objects do not
  pickle). Without `render` (a plain `portal build`), none is made: the up-to-date ones found in
  the previous output are kept and linked, the others are left out.
- A brochure whose inputs did not change is not made again: `brochures/manifest.json` in the
  output maps each PDF to a hash of its HTML, stylesheet, fonts and WeasyPrint version, and to
  the PDF's own hash, so a file that was lost or altered is made again.
- The same inputs give the same bytes: the dates in the PDF are the newest `last_verified` of
  the brochure's entries (or SOURCE_DATE_EPOCH), and its /ID is the input hash.
"""
from __future__ import annotations

import concurrent.futures
import datetime
import hashlib
import io
import json
import multiprocessing
import multiprocessing.util
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import jinja2
import segno

from . import urls
from .errors import Problem, error
from .model import Entry, LocalEntry, Site
from .plan import Plan, _LanguagePlanner, _site_title
from .render import Theme, _template_location, make_environment
from .schema import KINDS

FORMAT = "1"  # raise when brochures change in a way their inputs' hash does not show
NETWORK = "network"  # the name of the network brochure's file; a municipality's is its id
PDF_OPTIONS = {"pdf_tags": True}  # a tagged PDF: headings, lists and reading order for screen readers


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


@dataclass
class Brochures:
    files: dict[str, bytes] = field(default_factory=dict)  # output path -> bytes, the manifest included
    links: dict[tuple, list[dict[str, Any]]] = field(default_factory=dict)  # (language, page key) -> links
    rendered: list[str] = field(default_factory=list)  # made in this run
    kept: list[str] = field(default_factory=list)  # unchanged, taken from the previous output
    left_out: list[str] = field(default_factory=list)  # out of date and not made (a build without --brochures)
    problems: list[Problem] = field(default_factory=list)
    manifest: str = ""  # its output path


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
    def load(cls, web: Theme) -> "PrintTheme":
        print_dirs = web.print_dirs
        css_file = next(folder / "print.css" for folder in print_dirs if (folder / "print.css").is_file())
        css = css_file.read_text(encoding="utf-8")
        map_css = next(folder / "map.css" for folder in print_dirs if (folder / "map.css").is_file()).read_text(encoding="utf-8")
        map_css = re.sub(r"/\*.*?\*/", "", map_css, flags=re.DOTALL).strip()  # inside SVG, a comment's `<` would be markup
        digest = hashlib.sha256(f"{FORMAT}\0{version('weasyprint')}\0{PDF_OPTIONS}\0{css}".encode())
        for reference in sorted(set(re.findall(r"""url\(\s*["']?([^"')]+)""", css))):
            path = css_file.parent / reference
            digest.update(reference.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"missing"))
        return cls(print_dirs + web.template_dirs, web.locales_dirs, css, map_css, css_file.parent.resolve().as_uri() + "/",
                   digest.hexdigest())


def make_brochures(site: Site, localised: dict[tuple[str, str, str], LocalEntry], site_dir: Path, web: Theme,
                   previous: Path | None, render: bool, progress: bool = True) -> Brochures:
    """The brochures' files and the links to them, for the output folder `previous` (None: nothing is written).

    With `render`, a brochure that changed (or is new) is made; without, only unchanged ones are kept.
    """
    found = Brochures(manifest=_manifest_path(site))
    manifest = _read_manifest(previous, found.manifest)
    if not render and not manifest:
        return found  # the usual build of a site that never made brochures: nothing to look at
    theme = PrintTheme.load(web)
    jobs = plan_brochures(site, localised, site_dir, theme, found.problems)
    todo = []
    for job in jobs:
        kept = _unchanged(previous, manifest, job)
        if kept is not None:
            found.files[job.output] = kept
            found.kept.append(job.output)
        elif render:
            todo.append(job)
        else:
            found.left_out.append(job.output)
    for job, pdf in render_pdfs(todo, theme, site.config.base_url, progress).items():
        found.files[job.output] = pdf
        found.rendered.append(job.output)
    made = [job for job in jobs if job.output in found.files]
    for job in made:
        link = {"url": job.url, "size": job.size, "kilobytes": max(1, round(len(found.files[job.output]) / 1024))}
        found.links.setdefault((job.language, job.page_key), []).append(link)
    if made:
        found.files[found.manifest] = _manifest(made, found.files)
    return found


def link_pages(plan: Plan, brochures: Brochures) -> None:
    """Give the start page and each municipality's page the links to their brochures (`page.brochures`)."""
    for page in plan.pages:
        links = brochures.links.get((page.language, page.key))
        if links:
            page.view["brochures"] = links


# ---------------------------------------------------------------- what each brochure says


def plan_brochures(site: Site, localised, site_dir: Path, theme: PrintTheme, problems: list[Problem]) -> list[Brochure]:
    """Every brochure of every language variant and size, with its HTML, in a fixed order."""
    config = site.config
    web = Theme(template_dirs=theme.template_dirs, static_dirs=(), css="", css_hash="", locales_dirs=theme.locales_dirs)
    jobs = []
    failures: dict[tuple[str, int, str], list[str]] = {}
    for language in config.tags:
        env = make_environment(web, site, site_dir, language)
        env.globals["qr_code"] = qr_svg
        env.filters["styled_map"] = lambda svg: _styled_map(svg, theme.map_css)
        views = _BrochureViews(site, localised, language)
        documents = [(NETWORK, ("home",), "brochure-network.html", views.network())]
        if config.brochures.municipalities:
            for municipality in site.of_kind("municipalities"):
                view = views.municipality(municipality)
                if view["groups"]:  # a place with nothing listed gets no brochure
                    documents.append((municipality.id, ("entry", "municipalities", municipality.id), "brochure-municipality.html", view))
        for name, page_key, template, view in documents:
            for size in config.brochures.sizes:
                url = urls.brochure_url(config, language, name, size)
                output = urls.output_path(config, url)
                try:
                    html = env.get_template(template).render(brochure={**view, "size": size})
                except jinja2.TemplateError as err:
                    where = _template_location(err, SimpleNamespace(template=template, url=url), site_dir)
                    failures.setdefault((*where, err.message or str(err)), []).append(output)
                    continue
                digest = hashlib.sha256(f"{theme.digest}\0{config.base_url}\0{html}".encode()).hexdigest()
                jobs.append(Brochure(output, url, language, size, page_key, html, digest))
    for (path, line, message), outputs in failures.items():
        more = f" and {len(outputs) - 1} more" if len(outputs) > 1 else ""
        problems.append(error(path, line, f"the brochure template failed on {outputs[0]}{more}: {message}",
                              "fix the template; a variable it uses may be misspelt or missing from the brochure's view"))
    return jobs


class _BrochureViews:
    """The views of one language's brochures, made with the same planner as its pages, so both agree."""

    def __init__(self, site: Site, localised, language: str):
        self.site, self.language, self.config = site, language, site.config
        self.planner = _LanguagePlanner(site, localised, language)  # its problems are reported by the plan

    def common(self, page: Entry | None, entries: list[Entry]) -> dict[str, Any]:
        """What every brochure has: its language, the site's title, the page on the site it stands for, its dates."""
        config, language = self.config, self.language
        dates = [entry.last_verified for entry in entries if entry.last_verified]
        return {"lang": language, "dir": config.language(language).direction,
                "site_title": _site_title(self.site, self.planner.localised, language),
                "page": self.address(page),
                "created": max(dates).isoformat() if dates else _epoch_date(),
                "oldest_check": min(dates) if dates else None}

    def network(self) -> dict[str, Any]:
        """Who the network is (the `about` page, each network organisation and its members) and the services by need."""
        site, planner = self.site, self.planner
        about = site.get("pages", "about")
        networks = [o for o in site.of_kind("organisations") if o.facts.get("type") == "network"]
        chapters, member_entries = [], []
        for network in networks:
            members = [o for o in site.of_kind("organisations")
                       if any(m["network"] == network.id for m in o.facts.get("memberships", ()))]
            member_entries += members
            chapters.append({"entry": planner.entry_view(network), "card": self.card(network),
                             "members": sorted((self.card(m) for m in members), key=_by_title)})
        needs, services = [], {}
        for category in site.of_kind("categories"):
            helping = planner.services_in(category)
            if helping:
                cards = sorted((self.card(s) for s in helping), key=_by_title)
                for card in cards:  # a service that helps with two needs is described once, under the first
                    card["repeated"] = card["id"] in services
                needs.append({"category": planner.link(category), "services": cards})
            services.update((s.id, s) for s in helping)
        listed = [*([about] if about else []), *networks, *member_entries, *services.values()]
        title = planner.local(about).fields["title"] if about else None
        return {**self.common(None, listed), "kind": NETWORK, "title": title,
                "about": {**planner.entry_view(about), "page": self.address(about)} if about else None,
                "networks": chapters, "needs": needs}

    def municipality(self, municipality: Entry) -> dict[str, Any]:
        """A place's resources grouped by need, numbered as on its map, each with everything needed to go there."""
        planner = self.planner
        related = planner.related(municipality)  # numbered groups and the map, as on the municipality's page
        services = planner.services_in(municipality)
        seen: set[str] = set()
        groups = []
        for group in related["groups"]:
            cards = []
            for item in group["services"]:
                entry = self.site.get("services", item["id"])
                cards.append({**self.card(entry), "number": item["number"], "repeated": item["id"] in seen})
                seen.add(item["id"])
            groups.append({"category": group["category"], "services": cards})
        return {**self.common(municipality, [municipality, *services]), "kind": "municipality",
                "title": planner.local(municipality).fields["title"], "entry": planner.entry_view(municipality),
                "map": related["map"], "groups": groups,
                # without any coordinates the map shows where the place is, not the numbered resources
                "map_numbered": any(service.facts.get("coordinates") for service in services)}

    def address(self, entry: Entry | None) -> dict[str, str]:
        """An entry's page on the site (the start page for None): the full address, and as printed to type it."""
        config = self.config
        url = urls.absolute(config, urls.entry_url(config, self.language, entry.kind, entry.id) if entry
                            else urls.home_url(config, self.language))
        return {"url": url, "text": _shown(url)}

    def card(self, entry: Entry) -> dict[str, Any]:
        """One organisation or service as a contact block: the facts to call or go there, and a QR code to its page."""
        planner = self.planner
        local = planner.local(entry)
        url = self.address(entry)["url"]
        card = {"id": entry.id, "kind": entry.kind, "title": local.fields["title"], "summary": local.fields.get("summary"),
                "fields": {spec.name: local.fields.get(spec.name) for spec in KINDS[entry.kind].texts},
                "facts": {spec.name: entry.facts.get(spec.name) for spec in KINDS[entry.kind].facts},
                "fallback": planner._fallback_view(local), "example": entry.example, "last_verified": entry.last_verified,
                "url": url, "url_text": _shown(url), "number": None, "repeated": False, "place": None, "hours": None, "provider": None,
                "languages_spoken": [], "municipalities": []}
        if entry.kind == "services":
            related = planner.related(entry)
            card.update(place=planner.place_view(entry), hours=related["hours"], provider=related["provider"],
                        languages_spoken=related["languages_spoken"], municipalities=related["municipalities"])
        return card


def _styled_map(svg: str, css: str) -> str:
    """A map of portal.maps with the print theme's map styles inside it."""
    opening = svg.index(">") + 1
    return f"{svg[:opening]}<style>{css}</style>{svg[opening:]}"


def _by_title(card: dict[str, Any]) -> tuple[str, str]:
    return (card["title"].text.casefold(), card["id"])


def _shown(url: str) -> str:
    """An address as printed for someone to type: without `https://`."""
    return re.sub(r"^https?://", "", url)


def _epoch_date() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    return None


@lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """A QR code of `url` as inline SVG, sized by the stylesheet.

    Always a full QR code (`make_qr`): `segno.make` may choose a Micro QR code, which many phone
    cameras cannot read. The quiet zone of four modules is part of the drawing.
    """
    code = segno.make_qr(url, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, border=4,
              svgclass="qr", lineclass=None, dark="#000", light="#fff")
    return buffer.getvalue().decode("ascii")


# ---------------------------------------------------------------- PDF


def render_pdfs(jobs: list[Brochure], theme: PrintTheme, base_url: str, progress: bool = True) -> dict[Brochure, bytes]:
    """Lay out each brochure with WeasyPrint, on every core, with a progress bar on a terminal."""
    if not jobs:
        return {}
    tasks = {job: (job.html, base_url, theme.css, theme.css_base, job.digest) for job in jobs}
    workers = min(len(jobs), os.cpu_count() or 1)
    done: dict[Brochure, bytes] = {}
    with _progress_bar(len(jobs), progress) as advance:
        if workers == 1:  # one brochure, or one core: starting a worker would only add its start-up
            for job, task in tasks.items():
                done[job] = render_pdf(*task)
                advance()
        else:
            # spawn, not fork: the parent may run threads (the progress bar, `portal serve`'s watcher)
            context = multiprocessing.get_context("spawn")
            with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
                futures = {pool.submit(render_pdf, *task): job for job, task in tasks.items()}
                for future in concurrent.futures.as_completed(futures):
                    done[futures[future]] = future.result()
                    advance()
    return {job: done[job] for job in jobs}


def render_pdf(html: str, base_url: str, css: str, css_base: str, identifier: str) -> bytes:
    """One brochure as PDF bytes. Links resolve against the site's address; only local files (the fonts) are read."""
    from weasyprint import HTML

    fetcher, fonts, stylesheet = _print_stylesheet(css, css_base)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(stylesheets=[stylesheet], font_config=fonts)
    return document.write_pdf(pdf_identifier=identifier[:32].encode("ascii"), **PDF_OPTIONS)


@lru_cache(maxsize=2)
def _print_stylesheet(css: str, css_base: str):
    """The stylesheet and its fonts, parsed once per process: unpacking the fonts takes a third of a brochure's time."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)  # a brochure never loads anything from the network
    fonts = FontConfiguration()  # the stylesheet's @font-face rules reach the layout only through this shared object
    return fetcher, fonts, CSS(string=css, base_url=css_base, url_fetcher=fetcher, font_config=fonts)


# WeasyPrint unpacks the fonts into a temporary folder that goes with its FontConfiguration: let go
# of it while this process (the command, or a worker) still runs, so the folder is removed.
multiprocessing.util.Finalize(None, _print_stylesheet.cache_clear, exitpriority=10)


class _progress_bar:
    """`with _progress_bar(n, shown) as advance:` a rich progress bar on a terminal, nothing elsewhere."""

    def __init__(self, total: int, shown: bool):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self.progress = Progress(TextColumn("Brochures"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=console, disable=not (shown and console.is_terminal), transient=False)
        self.total = total

    def __enter__(self) -> Callable[[], None]:
        self.progress.__enter__()
        task = self.progress.add_task("brochures", total=self.total)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)


# ---------------------------------------------------------------- manifest


def _manifest_path(site: Site) -> str:
    return urls.output_path(site.config, urls.brochure_manifest_url(site.config))


def _read_manifest(previous: Path | None, path: str) -> dict[str, dict[str, str]]:
    if previous is None:
        return {}
    try:
        return json.loads((previous / path).read_text(encoding="utf-8"))["brochures"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # none yet, or unreadable: every brochure is made again


def _unchanged(previous: Path | None, manifest: dict[str, dict[str, str]], job: Brochure) -> bytes | None:
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
    brochures = {job.output: {"input": job.digest, "pdf": hashlib.sha256(files[job.output]).hexdigest()}
                 for job in sorted(jobs, key=lambda job: job.output)}
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

