"""What a build leaves for the next one, so that an edit rebuilds only what depends on it.

The state names, for the output folder it describes: a fingerprint of everything that is not
content (site.yml, templates, static files, catalogs, portal's own code), a fingerprint of each
entry with the ids it names, the plan with what each part of it read (views left out: a page
taken over is not rendered again), the hash of every file written, and the search records.

A build compares the entries with the state's: an added, changed or removed entry affects the
reads listed by `plan.reads_of_change`, and only the parts of the plan that read one of them are
planned and rendered again. Anything else that changed (a template, site.yml, portal itself)
makes the state unusable and the build a full one. `portal build` keeps the state in
`.portal-cache/` in the site folder; `portal serve` keeps it in memory.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Entry, Site, link_keys
from .plan import Plan, PageGroup, reads_of_change
from .search import SearchRecord

CACHE_FOLDER = ".portal-cache"
STATE_FILE = "build-state.pickle"
FORMAT = 3
PORTAL_CODE = Path(__file__).resolve().parent


@dataclass
class BuildState:
    fingerprint: str
    out: str  # the output folder, resolved
    entries: dict[tuple[str, str], "EntryPrint"]
    plan: Plan
    outputs: dict[str, str]  # every file written -> sha256 of its bytes
    records: dict[str, SearchRecord] = field(default_factory=dict)  # page output -> its search record
    indexed: dict[str, tuple[SearchRecord, ...]] | None = None  # by language: the records its written search bundle was made from
    brochure_links: dict = field(default_factory=dict)
    exported: dict | None = None  # the entries (as `entries`) the written open data was made from
    sitemap_pages: tuple = ()  # the indexable pages and their dates the written sitemap lists
    reported: dict | None = None  # the entries the written translators' dashboard was made from
    localised: Any = None  # the entries localised by that build, for the next one in the same process (not saved)
    from_disk: bool = False  # read from .portal-cache/, not left in memory by a build of this process

    def __getstate__(self) -> dict:
        # localised: on disk it would cost more to read than to make again
        return {**self.__dict__, "localised": None, "from_disk": True}

    def changed_reads(self, entries: dict[tuple[str, str], "EntryPrint"]) -> frozenset[tuple]:
        """The reads affected by the entries added, changed or removed since this state."""
        changed: set[tuple] = set()
        for key in self.entries.keys() | entries.keys():
            before, now = self.entries.get(key), entries.get(key)
            if before is None or now is None or before.whole != now.whole:
                # Which entries name an id changes only with the ids an entry names (an added or removed entry: all of them).
                names = set(before.link_keys if before else ()) ^ set(now.link_keys if now else ())
                changed |= reads_of_change(key[0], key[1], names, link_changed=before is None or now is None or before.link != now.link,
                                           added_or_removed=before is None or now is None,
                                           facts_changed=before is None or now is None or before.facts != now.facts)
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


@dataclass(frozen=True)
class EntryPrint:
    """An entry as the state remembers it."""

    whole: str  # fingerprint of its facts and texts, as validated
    link: str  # fingerprint of what a link to it shows in lists (link_data)
    facts: str  # fingerprint of all but its texts' bodies (facts_data)
    link_keys: tuple[tuple[str, str], ...]  # the (fact, id) it names


def link_data(entry: Entry) -> tuple:
    """What plan's links show of an entry in any language: titles, summaries, check date, example mark, order."""
    texts = tuple((tag, text.fields.get("title"), text.fields.get("summary")) for tag, text in sorted(entry.texts.items()))
    return (entry.last_verified, entry.example, entry.facts.get("order"), entry.source_language, texts)


def facts_data(entry: Entry) -> tuple:
    """All of an entry but the bodies of its texts: what a page that groups, maps or links it may show."""
    texts = tuple((tag, sorted(text.fields.items())) for tag, text in sorted(entry.texts.items()))
    return (sorted(entry.facts.items()), entry.last_verified, entry.example, entry.source_language, texts)


def entry_fingerprints(site: Site) -> dict[tuple[str, str], EntryPrint]:
    """Each entry's fingerprints and the ids it names.

    An entry that is the same object as in the last call (validate reuses the entries of files the
    preview did not read again) keeps its fingerprints: hashing every entry after each edit costs
    more than the rest of the preview's rebuild."""
    digest = lambda value: hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()
    known, prints = _LAST_PRINTS, {}
    for entry in site.entries.values():
        found = known.get(id(entry))
        if found is None or found[0] is not entry:
            found = (entry, EntryPrint(digest(entry), digest(link_data(entry)), digest(facts_data(entry)), tuple(link_keys(entry))))
        prints[id(entry)] = found  # holding the entry keeps its id from being reused
    _LAST_PRINTS.clear()
    _LAST_PRINTS.update(prints)
    return {key: prints[id(entry)][1] for key, entry in site.entries.items()}


_LAST_PRINTS: dict[int, tuple[Entry, "EntryPrint"]] = {}


def inputs_fingerprint(site_dir: Path, folders: tuple[Path, ...], extra: str) -> str:
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
    groups = {key: PageGroup(tuple(dataclasses.replace(page, view={}) for page in group.pages), group.reads, group.problems,
                             fresh=False) if group.fresh else group  # a group taken over has no views already
              for key, group in plan.groups.items()}
    return Plan([page for group in groups.values() for page in group.pages], list(plan.problems), groups)


def state_path(site_dir: Path) -> Path:
    return site_dir / CACHE_FOLDER / STATE_FILE


def read_state(site_dir: Path) -> BuildState | None:
    """The state the last `portal build` left in the site folder, or None when there is none that can be used."""
    path = state_path(site_dir)
    try:
        with path.open("rb") as file:
            found = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(found, tuple) or len(found) != 2 or found[0] != FORMAT:
        return None
    return found[1]


def forget_state(site_dir: Path) -> None:
    """Remove the state before the output is changed, so that a build stopped half-way is followed by a full one."""
    try:
        state_path(site_dir).unlink()
    except FileNotFoundError:
        pass


def save_state(site_dir: Path, state: BuildState) -> None:
    path = state_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / ".gitignore").write_text("*\n", encoding="utf-8")  # never committed by accident
    temporary = path.with_suffix(".new")
    with temporary.open("wb") as file:
        pickle.dump((FORMAT, state), file, protocol=5)
    os.replace(temporary, path)
