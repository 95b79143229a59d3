"""Outputs beside the pages, each made from the plan and the site: the sitemap, the search index, the open data,
the translators' dashboard, the link-preview cards and web app manifests, the feeds, the contact cards, the short
addresses the brochures print (and, before the pages, the printable brochures: portal.outputs.brochures).

`make_outputs` makes those a build asks for; the incremental layer (portal.incremental.carry) asks
only for those whose inputs changed and takes the others over from the previous build. The search
index is made by Pagefind, a child process: it runs in the background while the rest is made and
the pages are written, and the write stage waits for it last.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from ..errors import Problem
from ..model import LocalEntry, Site
from ..plan import Plan
from ..render import Renderer, template_problems
from .feeds import feed_files
from .opendata import hsds_files
from .pictures import PictureMemo
from .previews import preview_files
from .search.index import index_records
from .search.records import SearchRecord
from .short import short_files
from .sitemap import SITEMAP, sitemap_xml
from .status import status_files
from .vcards import vcard_files


@dataclass(frozen=True)
class OutputRequest:
    """Which outputs to make (the others are taken over from the previous build, or not made at all)."""

    sitemap: bool = True
    status: bool = True
    open_data: bool = True
    search: tuple[str, ...] = ()  # the languages whose search bundles to make
    short: bool = True  # the short addresses (/s/<language>/<code>/)


@dataclass
class Outputs:
    files: dict[str, bytes] = field(default_factory=dict)
    search: Future[dict[str, bytes]] | None = None  # the search bundles, made in the background

    def search_files(self) -> dict[str, bytes]:
        """The search bundles, once Pagefind is done (none if none were asked for)."""
        return self.search.result() if self.search is not None else {}


def make_outputs(
    plan: Plan,
    site: Site,
    localised: Mapping[tuple[str, str, str], LocalEntry],
    records: Mapping[str, tuple[SearchRecord, ...]],
    renderer: Renderer,
    request: OutputRequest,
    pictures: PictureMemo | None = None,
) -> tuple[Outputs, list[Problem]]:
    """The outputs asked for; the search bundles of `request.search` (from `records`, by language) in the background.
    The small ones (cards, manifests, feeds, contact cards) are made on every build: the pictures come from `pictures`."""
    outputs, problems = Outputs(), []
    if request.search:
        background = ThreadPoolExecutor(max_workers=1)
        outputs.search = background.submit(
            index_records, [r for language in request.search for r in records.get(language, ())], site.config
        )
        background.shutdown(wait=False)  # the thread ends with its one task
    if request.sitemap:
        outputs.files[SITEMAP] = sitemap_xml(plan, site.config)
    if request.status:
        rendered = status_files(site, renderer)
        outputs.files.update(rendered.files)
        problems += template_problems(rendered.failures)
    if request.short:
        rendered, shared = short_files(site, localised, renderer)
        outputs.files.update(rendered.files)
        problems += [*template_problems(rendered.failures), *shared]
    if request.open_data:
        outputs.files.update(hsds_files(site, localised))  # Pagefind runs meanwhile: it is a child process
    outputs.files.update(preview_files(site.config, renderer, pictures or PictureMemo()))
    outputs.files.update(feed_files(site, localised))
    outputs.files.update(vcard_files(site, localised))
    return outputs, problems
