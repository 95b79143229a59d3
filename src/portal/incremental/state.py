"""What a build leaves for the next one, so that an edit rebuilds only what depends on it.

The state names, for the output folder it describes: a fingerprint of everything that is not
content (site.yml, templates, static files, catalogs, portal's own code), a fingerprint of each
entry with the ids it names, the plan with what each part of it read (views left out: a page
taken over is not rendered again), the hash of every file written, the search records, and what
each other output (sitemap, open data, search bundles, translators' dashboard) was made from.

A build compares the entries with the state's: an added, changed or removed entry affects the
reads listed by `reads_of_change`, and only the parts of the plan that read one of them are
planned and rendered again. Anything else that changed (a template, site.yml, portal itself)
makes the state unusable and the build a full one. `portal build` keeps the state in
`.portal-cache/` in the site folder; `portal serve` keeps it in memory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Entry, Site, link_keys
from ..outputs.search.records import SearchRecord
from ..plan import PageGroup, Plan

CACHE_FOLDER = ".portal-cache"
STATE_FILE = "build-state.pickle"
FORMAT = 4
PORTAL_CODE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class EntryPrint:
    """An entry as the state remembers it."""

    whole: str  # fingerprint of its facts and texts, as validated
    link: str  # fingerprint of what a link to it shows in lists (link_data)
    facts: str  # fingerprint of all but its texts' bodies (facts_data)
    link_keys: tuple[tuple[str, str], ...]  # the (fact, id) it names


EntryPrints = dict[tuple[str, str], EntryPrint]


@dataclass
class BuildState:
    fingerprint: str
    out: str  # the output folder, resolved
    entries: EntryPrints
    plan: Plan  # without views
    outputs: dict[str, str]  # every file written -> sha256 of its bytes
    records: dict[str, SearchRecord] = field(default_factory=dict)  # page output -> its search record
    made_from: dict[str, Any] = field(default_factory=dict)  # output name -> what its written files were made from
    brochure_links: dict = field(default_factory=dict)
    localised: Any = None  # the entries localised by that build, for the next one in the same process (not saved)
    from_disk: bool = False  # read from .portal-cache/, not left in memory by a build of this process

    def __getstate__(self) -> dict:
        # localised: on disk it would cost more to read than to make again
        return {**self.__dict__, "localised": None, "from_disk": True}

    def changed_reads(self, entries: EntryPrints) -> frozenset[tuple]:
        """The reads affected by the entries added, changed or removed since this state."""
        changed: set[tuple] = set()
        for key in self.entries.keys() | entries.keys():
            before, now = self.entries.get(key), entries.get(key)
            if before is None or now is None or before.whole != now.whole:
                # Which entries name an id changes only with the ids an entry names (an added or removed entry: all of them).
                names = set(before.link_keys if before else ()) ^ set(now.link_keys if now else ())
                changed |= reads_of_change(
                    key[0],
                    key[1],
                    names,
                    link_changed=before is None or now is None or before.link != now.link,
                    added_or_removed=before is None or now is None,
                    facts_changed=before is None or now is None or before.facts != now.facts,
                )
        return frozenset(changed)

    def missing_outputs(self, out: Path) -> bool:
        """True if a file this state says was written is not there any more (the folder was touched).

        A state read from disk is checked file by file: anything may have happened since. A state
        this process left in memory (the preview's) is checked by the files of the folder's first two
        levels, which a cleaned or deleted output folder loses: every file would cost a tenth of a
        second after each edit on a large site."""
        paths = self.outputs if self.from_disk else [path for path in self.outputs if path.count("/") <= 1]
        prefix = f"{out}{os.sep}"  # strings, not Path objects: this runs for thousands of files
        return not all(os.path.isfile(prefix + path) for path in paths)

    def outputs_under(self, *folders: str) -> dict[str, str]:
        """The files written under some folders of the output, with their hashes."""
        prefixes = tuple(f"{folder}/" for folder in folders)
        return {path: digest for path, digest in self.outputs.items() if path.startswith(prefixes)}


def reads_of_change(
    kind: str,
    entry_id: str,
    link_keys: Iterable[tuple[str, str]],
    link_changed: bool = True,
    added_or_removed: bool = False,
    facts_changed: bool = True,
) -> set[tuple]:
    """The reads (of portal.plan.PageGroup) an added, changed or removed entry affects: link_keys are the
    (field, id) it names before or after but not both (those it names still, it still names); link_changed
    says whether what a link to it shows changed, facts_changed whether anything but its texts' bodies did
    (neither is so for an edit of a body)."""
    reads = {("entry", kind, entry_id), ("kind", kind), *(("linking", kind, name, target) for name, target in link_keys)}
    if link_changed or added_or_removed:
        reads.add(("link", kind, entry_id))
    if facts_changed or link_changed or added_or_removed:
        reads.add(("facts", kind, entry_id))
    if added_or_removed:
        reads.add(("members", kind))
    return reads


def link_data(entry: Entry) -> tuple:
    """What plan's links show of an entry in any language: titles, summaries, check date, example mark, order."""
    texts = tuple((tag, text.fields.get("title"), text.fields.get("summary")) for tag, text in sorted(entry.texts.items()))
    return (entry.last_verified, entry.source_date, entry.example, entry.facts.get("order"), entry.source_language, texts)


def facts_data(entry: Entry) -> tuple:
    """All of an entry but the bodies of its texts: what a page that groups, maps or links it may show."""
    texts = tuple((tag, sorted(text.fields.items())) for tag, text in sorted(entry.texts.items()))
    return (sorted(entry.facts.items()), entry.last_verified, entry.source_date, entry.example, entry.source_language, texts)


class EntryPrinter:
    """Fingerprints entries, remembering them by entry object: validation hands back the same objects for
    the files the preview did not read again, and hashing every entry after each edit would cost more than
    the rest of the preview's rebuild. A build context keeps one."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[Entry, EntryPrint]] = {}

    def prints(self, site: Site) -> EntryPrints:
        """Each entry's fingerprints and the ids it names."""

        def digest(value: object) -> str:
            return hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()

        made: dict[int, tuple[Entry, EntryPrint]] = {}
        for entry in site.entries.values():
            found = self._last.get(id(entry))
            if found is None or found[0] is not entry:
                found = (
                    entry,
                    EntryPrint(digest(entry), digest(link_data(entry)), digest(facts_data(entry)), tuple(link_keys(entry))),
                )
            made[id(entry)] = found  # holding the entry keeps its id from being reused
        self._last = made
        return {key: made[id(entry)][1] for key, entry in site.entries.items()}


def inputs_fingerprint(site_dir: Path, folders: Iterable[Path], extra: str) -> str:
    """One hash of site.yml, every file in `folders` (templates, static files, catalogs, data) and portal's code."""
    digest = hashlib.sha256(extra.encode("utf-8"))
    files = [site_dir / "site.yml", *sorted(PORTAL_CODE.rglob("*.py"))]
    for folder in folders:
        if folder.is_dir():
            files += sorted(path for path in folder.rglob("*") if path.is_file())
    for path in files:
        digest.update(str(path).encode("utf-8") + b"\0")
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def without_views(plan: Plan) -> Plan:
    """The plan as kept between builds: pages without their views, which only rendering needs."""
    return Plan.of(
        {
            key: PageGroup(
                tuple(dataclasses.replace(page, view=None) for page in group.pages), group.reads, group.problems, fresh=False
            )
            if group.fresh
            else group  # a group taken over has no views
            for key, group in plan.groups.items()
        }
    )


class StateStore:
    """Where `portal build` keeps the state between runs: `.portal-cache/` in the site folder."""

    def __init__(self, site_dir: Path):
        self.path = site_dir / CACHE_FOLDER / STATE_FILE

    def read(self) -> BuildState | None:
        """The state the last `portal build` left, or None when there is none that can be used."""
        try:
            with self.path.open("rb") as file:
                found = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(found, tuple) or len(found) != 2 or found[0] != FORMAT:
            return None
        return found[1] if isinstance(found[1], BuildState) else None

    def forget(self) -> None:
        """Remove the state before the output is changed, so that a build stopped half-way is followed by a full one."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def save(self, state: BuildState) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        (self.path.parent / ".gitignore").write_text("*\n", encoding="utf-8")  # never committed by accident
        temporary = self.path.with_suffix(".new")
        with temporary.open("wb") as file:
            pickle.dump((FORMAT, state), file, protocol=5)
        os.replace(temporary, self.path)
