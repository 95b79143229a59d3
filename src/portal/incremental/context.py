"""The build context: everything a build keeps beside its input, in one object.

It owns the previous build's state, every memo and cache the stages accept, the policy for worker
processes and the one for Python's garbage collector. `portal build` makes one per run (with the
state `.portal-cache/` holds), `portal serve` keeps one for its whole session (the state in memory,
and the content as last read), and a test or a library call makes a fresh one: stages keep nothing
between calls themselves. Settings that come from the environment (SOURCE_DATE_EPOCH,
PORTAL_WORKERS) are read here once, by `from_environment`, and nowhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..attachments import PublishedFiles
from ..basemap import MAPS_FOLDER
from ..configure import CatalogChecks, SiteSetup
from ..i18n.fold import WordFolder
from ..i18n.translit import WordMemo
from ..load import LoadedSite
from ..maps import OUTLINES
from ..model import LocalEntry, Site
from ..outputs.brochures.pdf import QrCodes
from ..outputs.pictures import PictureMemo
from ..outputs.search.records import SearchRecord
from ..plan import Plan
from ..render import RenderMemo
from ..validate import ValidationMemo
from .memory import CollectorPolicy
from .state import BuildState, EntryPrinter, EntryPrints, StateStore, inputs_fingerprint, without_views
from .workers import WorkerPolicy


@dataclass
class Memos:
    """What the stages remember from build to build; each is only about speed: without it, the same result."""

    validation: ValidationMemo = field(default_factory=ValidationMemo)
    catalog_checks: CatalogChecks = field(default_factory=CatalogChecks)
    printer: EntryPrinter = field(default_factory=EntryPrinter)
    words: WordMemo = field(default_factory=dict)  # the Cyrillic form of each Serbian Latin word
    folder: WordFolder = field(default_factory=WordFolder)  # how each word folds for search
    render: RenderMemo = field(default_factory=RenderMemo)  # compiled templates and catalogs
    qr_codes: QrCodes = field(default_factory=QrCodes)  # each address's QR code, drawn once
    published: PublishedFiles = field(default_factory=PublishedFiles)  # each picture made smaller, once
    pictures: PictureMemo = field(default_factory=PictureMemo)  # link-preview cards and icons, each drawn once


class BuildContext:
    """The previous state, the memos, and the worker and collector policies of one or more builds of a site."""

    def __init__(
        self,
        source_date: datetime.datetime | None = None,
        workers: WorkerPolicy | None = None,
        collector: CollectorPolicy | None = None,
        store: StateStore | None = None,
    ):
        # SOURCE_DATE_EPOCH: "now" for reproducible output. It is "today" for staleness warnings, and
        # the date of what has none of its own (a brochure without dated entries, a catalog template).
        self.source_date = source_date
        self.today = source_date.date() if source_date else datetime.date.today()
        self.epoch_date = source_date.date().isoformat() if source_date else None
        self.workers = workers or WorkerPolicy()
        self.collector = collector or CollectorPolicy()
        self.store = store  # where the state is kept between runs (None: in memory only)
        self.state: BuildState | None = store.read() if store is not None else None
        # Only a caller that hears of every changed file (portal serve, `watching`) may have the next build read
        # only those: it keeps the content as the last build read it, and the files changed since then.
        self.watching = False
        self.loaded: LoadedSite | None = None
        self.changed: frozenset[str] = frozenset()  # relative to the site folder
        self.memos = Memos()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], site_dir: Path | None = None, managed: bool = True) -> BuildContext:
        """A context for a command: SOURCE_DATE_EPOCH fixes "today" (reproducible warnings and dates),
        PORTAL_WORKERS the number of processes; with `site_dir`, the state is kept in its .portal-cache/."""
        epoch = environ.get("SOURCE_DATE_EPOCH", "")
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch.isdigit() else None
        workers = environ.get("PORTAL_WORKERS", "")
        collector = CollectorPolicy(managed=managed)
        collector.configure()
        return cls(
            moment,
            WorkerPolicy(int(workers)) if workers.isdigit() else WorkerPolicy(),
            collector,
            StateStore(site_dir) if site_dir is not None else None,
        )

    def forget_state(self) -> None:
        """Start the next build from nothing (`portal build --clean`)."""
        self.state = None

    def earlier(self, site_dir: Path, site: Site, setup: SiteSetup) -> Earlier:
        """What the previous build left that may still hold for this one."""
        theme = setup.theme
        fingerprint = inputs_fingerprint(
            site_dir,
            (*theme.template_dirs, *theme.static_dirs, *theme.locales_dirs, OUTLINES.parent, site_dir / MAPS_FOLDER),
            f"{self.today} {sorted(setup.config.tags)}",
        )
        state = self.state if self.state is not None and self.state.fingerprint == fingerprint else None
        return Earlier(fingerprint, self.memos.printer.prints(site), state)

    def before_write(self) -> None:
        """The saved state is dropped before the output changes, so that a build stopped half-way is followed by a full one."""
        if self.store is not None:
            self.store.forget()

    def remember(self, loaded: LoadedSite | None, state: BuildState | None, nothing_changed: bool) -> None:
        """After a build: the content as read, and the state of what was written (saved when it describes something new)."""
        if self.watching:
            self.loaded, self.changed = loaded, frozenset()
        if state is None:
            return
        unchanged = (
            nothing_changed
            and self.state is not None
            and state.entries == self.state.entries
            and state.fingerprint == self.state.fingerprint
        )
        self.state = state
        # Saving the same state again would cost more than the rest of such a build on a large site.
        if self.store is not None and not unchanged:
            self.store.save(state)


@dataclass(frozen=True)
class Earlier:
    """The previous build's state, when it was made from the same everything-but-content, and this build's entries."""

    fingerprint: str
    entries: EntryPrints
    state: BuildState | None  # None: made from other templates, settings or code, or there was none

    def localised(self) -> dict[tuple[str, str, str], LocalEntry]:
        """The entries it localised that did not change since."""
        made = getattr(self.state.localised, "made", None) if self.state is not None else None
        if not made:
            return {}
        unchanged = {
            key for key, found in self.entries.items() if self.state is not None and self.state.entries.get(key) == found
        }
        return {key: found for key, found in made.items() if (key[0], key[1]) in unchanged}

    def state_after(
        self,
        out: Path,
        plan: Plan,
        records: list[SearchRecord],
        hashes: dict[str, str],
        made_from: dict[str, Any],
        brochure_links: Mapping[tuple, Any],
        localised: Any,
    ) -> BuildState:
        """The state a build leaves for the next: what it planned (without views), wrote and made each output from."""
        return BuildState(
            self.fingerprint,
            str(out.resolve()),
            self.entries,
            without_views(plan),
            hashes,
            {record.output: record for record in records},
            made_from,
            dict(brochure_links),
            localised,
        )

    def reusable(self, out: Path | None, brochure_links: Mapping[tuple, Any]) -> Reuse | None:
        """What can be taken over when writing into `out`: only the same folder, untouched; the pages whose brochure
        links changed (another file size, a brochure added or left out) are planned again, as after an edit."""
        state = self.state
        if state is None or out is None or state.out != str(out.resolve()) or state.missing_outputs(out.resolve()):
            return None
        relinked = {
            ("brochures", *key)
            for key in state.brochure_links.keys() | brochure_links.keys()
            if state.brochure_links.get(key) != brochure_links.get(key)
        }
        return Reuse(state, state.changed_reads(self.entries) | relinked)


@dataclass(frozen=True)
class Reuse:
    """The previous build into the same output folder, and the reads (portal.plan) the edits since then affect."""

    state: BuildState
    changed: frozenset[tuple]

    def made_from(self, output: str) -> Any:
        return self.state.made_from.get(output)
