"""The build in one function: the stages in order, each taking plain data and returning plain data."""
from __future__ import annotations

import contextlib
import datetime
import gc
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .assets import collect_assets
from .brochures import Brochures, make_brochures
from .config import SiteConfig, read_config
from .errors import ERROR, Problem, SourceRef, _, error, has_errors
from .i18n import catalogs
from .load import LoadedSite, load_site
from .localise import localise
from .maps import OUTLINES
from .model import Site
from .opendata import OPEN_DATA_FOLDER, hsds_files
from .plan import Plan
from .render import Theme, template_problems
from .schema import KINDS
from .search import bundle_folder, index_records, records_by_language
from .state import BuildState, entry_fingerprints, inputs_fingerprint, without_views
from .sitemap import sitemap_xml
from .status import status_pages
from .theme import ThemeManifest, display_path, site_themes
from .validate import validate
from .workers import RenderJob, plan_and_render
from .write import Staging, file_hashes, update_site, write_site


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    # What this build made (an incremental one: only that), but for the pages that worker processes wrote
    # straight into a new output folder.
    files: dict[str, bytes] = field(default_factory=dict)
    written: bool = False
    brochures: Brochures = field(default_factory=Brochures)
    loaded: LoadedSite | None = None  # the content as read, for `portal serve` to update file by file
    state: BuildState | None = None  # for the next build: what depends on what, and what was written
    rendered: int = 0  # pages rendered (an incremental build renders only those an edit touched)
    changed_files: int = 0  # files written or removed in the output folder

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


def build_date() -> datetime.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that warnings about old entries are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def build(site_dir: Path, out: Path | None = None, strict: bool = False, brochures: bool = False,
          previous: Path | None = None, state: BuildState | None = None, loaded: LoadedSite | None = None,
          indexes: bool = True, before_write: Callable[[], None] = lambda: None) -> BuildResult:
    """Check and render the whole site; write it to `out` only if there is no error (nor warning, if strict).

    With `brochures`, the printable brochures that changed are made too; without, those unchanged
    since the last build in `previous` (default: `out`) are kept and linked, and no other.
    With the `state` of the previous build into the same `out`, only the pages an edit touched are
    planned and rendered, and only changed files are written (see state.py); the result is the same.
    Without `indexes`, the search index and the open data, which show every entry, are left as the
    previous build wrote them (the preview brings them up to date in a second step).
    """
    result = BuildResult()
    with collector_paused():
        result.loaded = loaded = loaded or load_site(site_dir, tuple(KINDS))
    result.problems += loaded.problems
    if loaded.config is None:
        return _finish(result)
    config, problems = read_config(loaded.config)
    result.problems += problems
    if config is None:
        return _finish(result)
    themes, problems = site_themes(site_dir, config.theme, loaded.config.values.line_of("theme"))
    result.problems += problems
    if has_errors(problems):
        return _finish(result)  # without its templates, every page would fail with the same cause
    result.problems += check_catalogs(site_dir, config, themes)
    with collector_paused():
        site, problems = validate(loaded, config, build_date())
    result.problems += problems
    theme = Theme.load(site_dir, themes)
    # What the previous build left can be used only for the same output and the same everything-but-content.
    fingerprint = inputs_fingerprint(site_dir, (*theme.template_dirs, *theme.static_dirs, *theme.locales_dirs, OUTLINES.parent),
                                     f"{build_date()} {sorted(config.tags)}")
    entries = entry_fingerprints(site)
    same_inputs = state is not None and state.fingerprint == fingerprint
    localised = localise(site, state.localised if same_inputs else None,
                         frozenset(key for key, found in entries.items() if same_inputs and state.entries.get(key) == found))
    result.brochures = make_brochures(site, localised, site_dir, theme, previous or out,
                                      render=(brochures or config.brochures.with_every_build)
                                      and not has_errors(result.problems, strict))
    result.problems += result.brochures.problems

    usable = (same_inputs and out is not None
              and state.out == str(out.resolve()) and state.brochure_links == result.brochures.links
              and not state.missing_outputs(out.resolve()))
    changed = state.changed_reads(entries) if usable else frozenset()
    # The translators' dashboard shows every entry: like the indexes, it may wait for the second step.
    reported = state.reported if usable else None
    if indexes and reported != entries:
        changed, reported = changed | {STATUS_READ}, entries
    previous_plan = state.plan if usable else None

    assets = collect_assets(theme.static_dirs, config)
    # A build that will write a new output folder begins it now: worker processes write their pages into it.
    staging = Staging(out) if out is not None and not usable and not has_errors(result.problems, strict) else None
    try:
        made = plan_and_render(RenderJob(site, localised, previous_plan, changed, [(("status",), _status_maker(site))],
                                         site_dir, theme, assets, result.brochures, records=out is not None,
                                         staging=staging.folder if staging else None))
        plan, files = made.plan, made.files
        result.problems += plan.problems + _url_collisions(plan) + template_problems(made.failures)
        result.rendered = made.rendered
        files.update(assets.files)
        carried: dict[str, str] = {}  # files kept from the previous build, with their hashes
        if usable:
            carried.update({page.output: state.outputs[page.output]
                            for group in plan.groups.values() if not group.fresh for page in group.pages})
        sitemap_pages = tuple((page.output, page.last_modified) for page in plan.pages if page.indexable)
        if usable and state.sitemap_pages == sitemap_pages:
            carried[SITEMAP] = state.outputs[SITEMAP]
        else:
            files[SITEMAP] = sitemap_xml(plan, config)
        exported = state.exported if usable else None
        export = indexes and exported != entries  # the directory as open data, for other directories and helplines
        if export:
            exported = entries
        elif usable:
            carried.update(_outputs_under(state.outputs, OPEN_DATA_FOLDER))
        files.update(result.brochures.files)
        result.files = files
        _finish(result)
        if out is None or has_errors(result.problems, strict):
            return result

        records = _search_records(plan, made.records, state.records if usable else {})
        open_data = (lambda: hsds_files(site, localised)) if export else dict
        outputs, indexed, result.changed_files = _index_and_write(files, made.written, carried, records, open_data, config, out,
                                                                  state if usable else None, indexes, before_write, staging)
    finally:
        if staging is not None:
            staging.discard()  # unless it was swapped in: a build that failed leaves the output as it was
    result.written = True
    result.state = BuildState(fingerprint, str(out.resolve()), entries, without_views(plan), outputs,
                              {record.output: record for record in records}, indexed, result.brochures.links,
                              exported, sitemap_pages, reported, localised)
    return result


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's garbage collector held back while a stage makes objects that all live on (the loaded and the
    validated site): it would walk them again and again, a fifth of those stages' time, and free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _index_and_write(files: dict[str, bytes], written: dict[str, str], carried: dict[str, str], records: tuple,
                     open_data: Callable[[], dict[str, bytes]], config: SiteConfig, out: Path, state: BuildState | None,
                     indexes: bool, before_write: Callable[[], None], staging: Staging | None) -> tuple[dict, dict, int]:
    """Index the search records of the languages whose records changed (while the open data is made and the
    pages are written), and write: into the new folder (`staging`, which holds the files `written` already) swapped
    in, or, from a usable `state`, only the changed files in place.
    Returns every file's hash, the records each language's bundle was made from, and the files written."""
    indexed = dict(state.indexed or {}) if state is not None else {}
    by_language = records_by_language(records)
    stale = [language for language in config.tags if indexed.get(language) != by_language.get(language, ())] if indexes else []
    if state is not None:
        kept = [bundle_folder(config, language) for language in config.tags if language not in stale]
        carried.update(_outputs_under(_outputs_under(state.outputs, bundle_folder(config)), *kept))
    with ThreadPoolExecutor(max_workers=1) as background:
        search = background.submit(index_records, [r for language in stale for r in by_language.get(language, ())], config) \
            if stale else None
        indexed.update({language: by_language.get(language, ()) for language in stale})
        files.update(open_data())  # Pagefind runs meanwhile: it is a child process

        def search_files() -> dict[str, bytes]:
            found = search.result() if search is not None else {}
            files.update(found)
            return found

        if state is None:
            before_write()
            write_site(files, out, then=search_files, staging=staging)
            return {**written, **file_hashes(files)}, indexed, len(written) + len(files)
        search_files()
        outputs = {**carried, **file_hashes(files)}
        changed = {path: data for path, data in files.items() if state.outputs.get(path) != outputs[path]}
        removed = sorted(path for path in state.outputs if path not in outputs)
        if changed or removed:  # nothing to change: the output, and what was said of it, stay as they are
            before_write()
            update_site(changed, removed, out)
        return outputs, indexed, len(changed) + len(removed)


SITEMAP = "sitemap.xml"


STATUS_READ = ("status",)


def _status_maker(site: Site):
    """The translators' dashboard, which shows every entry, as a part of the plan."""
    def make(reading) -> list:
        reading.reads.add(STATUS_READ)
        return status_pages(site)
    return make


def _search_records(plan: Plan, made: dict, kept: dict) -> tuple:
    """The search records of every page in plan order: those made for fresh pages, else those taken over."""
    records = []
    for group in plan.groups.values():
        for page in group.pages:
            record = (made if group.fresh else kept).get(page.output)
            if record is not None:
                records.append(record)
    return tuple(records)


def _outputs_under(outputs: dict[str, str], *folders: str) -> dict[str, str]:
    prefixes = tuple(f"{folder}/" for folder in folders)
    return {path: digest for path, digest in outputs.items() if path.startswith(prefixes)}


def check_catalogs(site_dir: Path, config: SiteConfig, themes: tuple[ThemeManifest, ...]) -> list[Problem]:
    """Problems of the interface catalogs, the site's locales/ and then each theme's, as content problems with their lines.

    A word is missing only when no catalog of the chain translates it: a site's catalog may hold
    just the few words it changes.
    """
    folders, tags = catalog_folders(site_dir, themes), catalog_languages(config)
    # The preview checks again only when a catalog changed (the same files give the same problems).
    key = (str(site_dir), tuple(tags), tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size)
                                            for folder in folders if folder.locales_dir.is_dir()
                                            for path in sorted(folder.locales_dir.iterdir()) if path.is_file()))
    if key not in _CHECKED_CATALOGS:
        _CHECKED_CATALOGS.clear()
        _CHECKED_CATALOGS[key] = catalog_problems(catalogs.check_chain(folders, tags), site_dir)
    return list(_CHECKED_CATALOGS[key])


_CHECKED_CATALOGS: dict[tuple, list[Problem]] = {}


def catalog_folders(site_dir: Path, themes: tuple[ThemeManifest, ...]) -> list[catalogs.CatalogFolder]:
    """The catalog folders in the order the pages consult them: the site's, then each theme's."""
    site = site_dir / "locales"
    return [catalogs.CatalogFolder(site, site / "messages.pot"), *theme_catalog_folders(themes)]


def theme_catalog_folders(themes: tuple[ThemeManifest, ...]) -> list[catalogs.CatalogFolder]:
    return [catalogs.CatalogFolder(theme.folder / "locales", theme.folder / "locales" / "messages.pot", " --theme")
            for theme in themes]


def catalog_problems(found: list[catalogs.CatalogProblem], site_dir: Path) -> list[Problem]:
    """Catalog problems as content problems, each file named from the site folder or its theme's."""
    return [Problem(SourceRef(display_path(p.path, site_dir), p.line), p.message, p.hint, p.severity) for p in found]


def catalog_languages(config: SiteConfig) -> list[str]:
    """Languages that need a catalog: not the templates' own language, nor one written by transliteration."""
    return [language.tag for language in config.languages
            if not language.transliterate_from and language.tag != catalogs.TEMPLATE_LANGUAGE]


def _url_collisions(plan: Plan) -> list[Problem]:
    """Two pages that would be written to the same file (case-insensitive, as on many disks)."""
    seen: dict[str, tuple[str, ...]] = {}
    problems = []
    for page in plan.pages:
        key = page.output.casefold()
        if key in seen:
            first = seen[key][0] if seen[key] else "the theme"
            where = page.sources[0] if page.sources else "the theme"
            problems.append(error(where, 0, _("this entry would be written to {url}, like {first}", url=page.url, first=first),
                                  _("rename one of the two folders")))
        seen[key] = page.sources
    return problems


def _finish(result: BuildResult) -> BuildResult:
    result.problems = sorted(set(result.problems), key=lambda p: (p.severity != ERROR, p.source.path, p.source.line, p.message))
    return result
