"""Which outputs an incremental build makes again, and which files it takes over from the previous one.

A page is taken over when its part of the plan was (it read nothing that changed). The sitemap is
made again when the pages it lists or their dates changed; the open data, the translators'
dashboard and the short addresses, which show every entry, when an entry changed; a language's search bundle when its
records did. Without `indexes` (the preview's first step after an edit), the whole-site outputs are
taken over as they were and brought up to date by the next build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..config import SiteConfig
from ..outputs import OutputRequest
from ..outputs.opendata import OPEN_DATA_FOLDER
from ..outputs.search.index import bundle_folder
from ..outputs.search.records import SearchRecord
from ..outputs.sitemap import SITEMAP
from ..plan import Plan
from .context import Reuse
from .state import EntryPrints

STATUS_FOLDER = "status"


@dataclass(frozen=True)
class Carried:
    request: OutputRequest  # what to make in this build
    files: dict[str, str]  # files taken over from the previous output, with their hashes
    made_from: dict[str, Any]  # for each output of the new output folder, what it was made from


def carried_outputs(
    reuse: Reuse | None,
    plan: Plan,
    entries: EntryPrints,
    records: Mapping[str, tuple[SearchRecord, ...]],
    config: SiteConfig,
    indexes: bool,
    writing: bool,
) -> Carried:
    """What to make, and what to take over from the previous build into the same folder (`reuse`).

    `writing`: the build writes an output (`portal check` makes no search index and no open data).
    """
    previous = reuse.state if reuse is not None else None
    made_from = dict(previous.made_from) if previous is not None else {}
    files: dict[str, str] = {}
    if previous is not None:
        files.update(
            {
                page.output: previous.outputs[page.output]
                for group in plan.groups.values()
                if not group.fresh
                for page in group.pages
            }
        )

    def fresh(output: str, key: Any, wanted: bool = True) -> bool:
        """Whether to make `output` from `key`; else its files, if any, are taken over."""
        if previous is not None and (made_from.get(output) == key or not wanted):
            return False
        if wanted:
            made_from[output] = key
        return wanted

    sitemap = fresh("sitemap", tuple((page.output, page.last_modified) for page in plan.pages if page.indexable))
    status = fresh("status", entries, indexes)
    open_data = fresh("open-data", entries, indexes and writing)
    short = fresh("short", entries, indexes)
    search = tuple(
        language for language in config.tags if fresh(f"search:{language}", records.get(language, ()), indexes and writing)
    )
    if previous is not None:
        folders = [OPEN_DATA_FOLDER] * (not open_data) + [STATUS_FOLDER] * (not status) + [urls.SHORT_FOLDER] * (not short)
        folders += [bundle_folder(config, language) for language in config.tags if language not in search]
        files.update(previous.outputs_under(*folders))
        if not sitemap:
            files[SITEMAP] = previous.outputs[SITEMAP]
    return Carried(OutputRequest(sitemap, status, open_data, search, short), files, made_from)
