"""`portal serve`: a local preview that rebuilds when content changes and reloads the open pages.

The site is built into the output folder and served on 127.0.0.1 only. A watcher notices
changes to content/, site.yml, data/maps/, the site's locales/, templates/, print/ and static/ and the
folders of its theme and the theme's parents, and builds again; a build with errors is
reported on the terminal and the previous output stays served. Each HTML page is given, only
as it is served, a small script that waits at /__reload (long polling) for the next successful
build and then reloads the page. The files in the output folder never contain it.

An edit takes the same incremental path as `portal build` (portal.incremental), with one build
context kept for the whole session: the state in memory, and only the changed entries read again: the pages that depend on the edit are written
and the open pages reloaded first; the search index and the open data follow in a second step,
once the editor pauses for INDEX_AFTER_SECONDS.

Brochures never stand between a save and the reloaded page: the preview's own build lays out no PDF (even
when site.yml asks for them with every build; a facts edit that touched the network brochure in every
language kept the page waiting for half a minute): it links the brochures still up to date and leaves out
the others. Then a process of its own (at a lower priority, on one core) makes the changed ones, in a folder
of the preview's, when site.yml asks for them with every build; once it is done, the pages take them over
and link them with their new size.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import watchfiles
import yaml

from ..basemap import MAPS_FOLDER
from ..build import BuildOptions, BuildResult, build
from ..errors import Translations
from ..incremental.context import BuildContext
from ..incremental.workers import WorkerPolicy
from ..outputs.brochures import write_brochures
from ..theme import DEFAULT_THEME_NAME, FOLDERS, THEMES, find_theme, read_themes
from .report import report

HOST = "127.0.0.1"  # a preview of unpublished content is for this computer only
RELOAD_PATH = "/__reload"
RELOAD_SCRIPT_PATH = "/__reload.js"
LONG_POLL_SECONDS = 25
INDEX_AFTER_SECONDS = 1.5  # without a new change for this long, the preview brings search and open data up to date
RELOAD_SCRIPT = b"""// portal serve only: reloads this page after the next successful build. Never part of the built site.
(function () {
  "use strict";
  var generation = document.currentScript.getAttribute("data-generation");
  function wait() {
    fetch("/__reload?since=" + generation, { cache: "no-store" }).then(function (response) {
      return response.text();
    }).then(function (latest) {
      if (latest !== generation) { location.reload(); } else { wait(); }
    }).catch(function () { setTimeout(wait, 2000); });
  }
  wait();
})();
"""
_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.IGNORECASE)


class Preview:
    """The site being previewed: where it is built, and how many successful builds there were."""

    def __init__(
        self,
        site_dir: Path,
        out: Path,
        report: Callable[[BuildResult], None] = lambda result: None,
        context: BuildContext | None = None,
    ):
        self.site_dir, self.out, self.report = site_dir, out, report
        self.generation = 0
        self.changed = threading.Condition()
        self.base_path = _base_path(site_dir)
        # One context for the session: the content as last read, the state of the last build written, the memos.
        self.context = context or BuildContext()
        self.context.watching = True  # the watcher tells it every changed file: an edit reads only those again
        self.brochures = BackgroundBrochures(site_dir, out, self.context.source_date)

    def options(self, indexes: bool) -> BuildOptions:
        """The preview's build: the brochures linked as the preview has them (made in the background, after the pages)."""
        return BuildOptions(
            out=self.out, indexes=indexes, brochures_from=self.brochures.folder, every_build_brochures=False, offline=False
        )

    def rebuild(self, changed: frozenset[str] = frozenset(), indexes: bool = True, brochures: bool = True) -> BuildResult:
        """Build again after `changed` (paths relative to the site folder): only what depends on them.

        The pages come first and the open pages are reloaded; then, with `indexes`, the search index
        and the open data are brought up to date in a second build that renders nothing; with `brochures`,
        the brochures are made in the background (when site.yml asks for them with every build).
        """
        self.context.changed = self.context.changed | changed
        result = build(self.site_dir, self.options(indexes=False), self.context)
        self.report(result)
        if result.written:
            with self.changed:
                self.generation += 1
                self.changed.notify_all()
            if brochures:
                self.brochures.start()
            if indexes:
                self.update_indexes()
        return result

    def update_indexes(self) -> None:
        """The second step: the search index and the open data made from the last pages written."""
        build(self.site_dir, self.options(indexes=True), self.context)
        self.context.collector.settle()

    def take_brochures(self) -> BuildResult | None:
        """Once the background brochures are done: the pages rebuilt with them (only those linking one that
        changed), and open pages reloaded. None while they are being made, or when nothing was made."""
        if not self.brochures.finished():
            return None
        return self.rebuild(brochures=False, indexes=False)

    def close(self) -> None:
        self.brochures.stop()

    def wait_for_build(self, since: int, timeout: float = LONG_POLL_SECONDS) -> int:
        """The build number once it differs from `since`, or the same number after `timeout` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation != since, timeout)
            return self.generation


class BackgroundBrochures:
    """The preview's brochures, made after the pages by a process of its own, into a folder of the preview's.

    The pages link what this folder holds (a copy of the output's brochures at first); each run makes the
    brochures whose content changed, as `portal brochures` does, and the next build of the pages takes
    them over. An edit during a run is made by one more run after it. A site whose site.yml does not ask
    for brochures with every build gets none made (`portal build --brochures` makes them).
    """

    def __init__(self, site_dir: Path, out: Path, source_date: datetime.datetime | None):
        self.site_dir, self.source_date = site_dir, source_date
        self.folder = Path(tempfile.mkdtemp(prefix="portal-preview-brochures-"))
        if (out / "brochures").is_dir():
            shutil.copytree(out / "brochures", self.folder / "brochures")
        self.process: multiprocessing.process.BaseProcess | None = None
        self.again = False

    def start(self) -> None:
        """Make the changed brochures in the background; if a run is under way, once more after it."""
        if not _setting_true(self.site_dir, "brochures", "with_every_build"):
            return  # `portal build --brochures` makes them; the preview's pages link those still up to date
        if self.process is not None:
            self.again = True
            return
        # spawn, not fork: the preview runs threads (the server, the watcher)
        process = multiprocessing.get_context("spawn").Process(
            target=make_preview_brochures, args=(self.site_dir, self.folder, self.source_date), name="portal-brochures"
        )
        process.start()
        if hasattr(os, "setpriority") and process.pid is not None:
            os.setpriority(os.PRIO_PROCESS, process.pid, 10)  # the pages of the next save come first
        self.process = process

    def finished(self) -> bool:
        """True once after a run ended well: its brochures are ready to be taken over. Starts the next run if one is due."""
        process = self.process
        if process is None or process.is_alive():
            return False
        process.join()
        self.process = None
        if self.again:
            self.again = False
            self.start()
        return process.exitcode == 0

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def make_preview_brochures(site_dir: Path, folder: Path, source_date: datetime.datetime | None) -> None:
    """In the background process: the changed brochures made into `folder` (one core: the other is the preview's)."""
    context = BuildContext(source_date, WorkerPolicy(1))
    options = BuildOptions(brochures=True, brochures_from=folder, pages=False)
    result = build(site_dir, options, context)
    if result.errors:
        sys.exit(1)  # the preview's own build reports them
    made = write_brochures(result.brochures, folder)
    print(f"Brochures: {len(result.brochures.rendered)} made, {len(made)} files changed.", file=sys.stderr)


def _setting(site_dir: Path, key: str, default: str) -> str:
    """One setting of site.yml, read leniently: an unreadable file is the build's to report, not the preview's."""
    try:
        config = yaml.safe_load((site_dir / "site.yml").read_text(encoding="utf-8")) or {}
        return str(config.get(key, default))
    except (OSError, yaml.YAMLError, AttributeError):
        return default


def _setting_true(site_dir: Path, block: str, key: str) -> bool:
    """Whether site.yml says `block: key: true`, read leniently (the build reports a broken file)."""
    try:
        config = yaml.safe_load((site_dir / "site.yml").read_text(encoding="utf-8")) or {}
        return config.get(block, {}).get(key) is True
    except (OSError, yaml.YAMLError, AttributeError):
        return False


def _base_path(site_dir: Path) -> str:
    """The URL path the site lives under (from base_url), so that its links work in the preview too."""
    path = urlsplit(_setting(site_dir, "base_url", "/")).path or "/"
    return path if path.endswith("/") else f"{path}/"


def watched_paths(site_dir: Path) -> list[Path]:
    """What an edit can change the site through: content, configuration, catalogs, templates and styles, the theme's too."""
    candidates = [site_dir / name for name in ("content", "site.yml", MAPS_FOLDER, *FOLDERS)]
    folder = find_theme(_setting(site_dir, "theme", DEFAULT_THEME_NAME), site_dir) or THEMES / DEFAULT_THEME_NAME
    themes, _problems = read_themes(folder, site_dir)  # its problems are reported by each build
    return [path for path in (*candidates, *(theme.folder for theme in themes)) if path.exists()]


def watch(preview: Preview, stop: threading.Event) -> None:
    """Rebuild after every batch of changes until `stop` is set.

    The operating system reports changes (inotify and its kind): an edit is seen within about
    20 ms (the files one save writes within that time make one rebuild), and an idle preview
    costs nothing, where polling a large site took a seventh of a core and up to a quarter of a
    second. Folders are watched with everything in them; a file such as site.yml is watched
    through its folder, since editors that save by renaming a new file over the old one (VS Code,
    vim) would silence a watch on the file itself after the first save.
    """
    paths = watched_paths(preview.site_dir)
    folders = [path for path in paths if path.is_dir()]
    files = {path.resolve() for path in paths if not path.is_dir()}
    batches: queue.Queue[set[str]] = queue.Queue()
    watchers = [threading.Thread(target=_report_changes, args=(batches, stop, folders, True, None), daemon=True)]
    if files:

        def only_files(_change: watchfiles.Change, path: str) -> bool:
            return Path(path).resolve() in files

        watchers.append(
            threading.Thread(
                target=_report_changes, args=(batches, stop, sorted({f.parent for f in files}), False, only_files), daemon=True
            )
        )
    for watcher in watchers:
        watcher.start()
    indexes_behind = False
    while not stop.is_set():
        try:
            # The search index and the open data wait until the editor pauses: they take seconds on a
            # large site, and the next save's pages come first.
            changed = batches.get(timeout=INDEX_AFTER_SECONDS if indexes_behind else 0.2)
        except queue.Empty:
            if indexes_behind:
                preview.update_indexes()
                indexes_behind = False
            elif (taken := preview.take_brochures()) is not None:
                indexes_behind = taken.written
            continue
        while not batches.empty():  # what arrived during the last build goes into one rebuild
            changed |= batches.get_nowait()
        result = preview.rebuild(frozenset(_relative(path, preview.site_dir) for path in changed), indexes=False)
        indexes_behind = indexes_behind or result.written
    for watcher in watchers:
        watcher.join(timeout=5)


def _report_changes(
    batches: queue.Queue[set[str]],
    stop: threading.Event,
    paths: list[Path],
    recursive: bool,
    only: Callable[[watchfiles.Change, str], bool] | None,
) -> None:
    """Put each batch of changed paths under `paths` into `batches` until `stop` is set."""
    options: dict[str, Any] = {"stop_event": stop, "debounce": 300, "step": 20, "raise_interrupt": False, "recursive": recursive}
    if only is not None:
        options["watch_filter"] = only
    try:
        for changes in watchfiles.watch(*paths, **options):
            batches.put({path for _change, path in changes})
    except (OSError, RuntimeError) as problem:
        # No change notification here (a network drive, a container, too many folders): look every 200 ms instead.
        print(f"portal serve: watching by polling ({problem})", file=sys.stderr)
        for changes in watchfiles.watch(*paths, **options, force_polling=True, poll_delay_ms=200):
            batches.put({path for _change, path in changes})


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()  # the theme, outside the site folder


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder under the site's base path, plus the reload endpoint and script."""

    preview: Preview

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any) -> None:  # the request, address and server
        self.preview = preview
        super().__init__(*args, directory=str(preview.out), **kwargs)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # always the latest build
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for build problems, not for every request

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            since = parse_qs(url.query).get("since", ["-1"])[0]
            self._send(
                str(self.preview.wait_for_build(int(since) if since.lstrip("-").isdigit() else -1)).encode(),
                "text/plain; charset=utf-8",
            )
        elif url.path == RELOAD_SCRIPT_PATH:
            self._send(RELOAD_SCRIPT, "text/javascript; charset=utf-8")
        elif not url.path.startswith(self.preview.base_path):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.preview.base_path)
            self.end_headers()
        else:
            self._serve_site_file(url.path)

    def _serve_site_file(self, path: str) -> None:
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix != ".html" or not file.is_file():
            if not file.exists() and (self.preview.out / "404.html").is_file():
                self._send(
                    with_reload_script((self.preview.out / "404.html").read_bytes(), self.preview.generation),
                    "text/html; charset=utf-8",
                    HTTPStatus.NOT_FOUND,
                )
                return
            super().do_GET()  # other files, and the redirect from /en to /en/
            return
        self._send(with_reload_script(file.read_bytes(), self.preview.generation), "text/html; charset=utf-8")

    def translate_path(self, path: str) -> str:
        # The site's own links start with its base path; the output folder is that path's root.
        path = unquote(urlsplit(path).path)
        relative = path[len(self.preview.base_path) :] if path.startswith(self.preview.base_path) else path
        return super().translate_path("/" + relative)

    def _send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def with_reload_script(html: bytes, generation: int) -> bytes:
    """The page as served in preview: the reload script added, and allowed by its security policy."""
    text = _CSP.sub(lambda match: match.group(1) + _allow_reload(match.group(2)) + match.group(3), html.decode("utf-8"))
    tag = f'<script src="{RELOAD_SCRIPT_PATH}" data-generation="{generation}"></script>'
    text = text.replace("</body>", f"{tag}\n</body>", 1) if "</body>" in text else text + tag
    return text.encode("utf-8")


def _allow_reload(policy: str) -> str:
    """The Content-Security-Policy with the same-origin script and its requests allowed."""
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]
    for name in ("script-src", "connect-src"):
        index = next((i for i, directive in enumerate(directives) if directive.split()[0] == name), None)
        if index is None:
            directives.append(f"{name} 'self'")
        elif "'self'" not in directives[index].split():
            # 'none' cannot stand beside another source; hashes and other sources stay.
            directives[index] = " ".join([part for part in directives[index].split() if part != "'none'"] + ["'self'"])
    return "; ".join(directives)


def make_server(preview: Preview, port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for the preview on 127.0.0.1 (port 0: any free port)."""
    server = ThreadingHTTPServer((HOST, port), partial(PreviewHandler, preview=preview))
    server.daemon_threads = True  # waiting /__reload requests must not keep the process alive
    return server


def command_serve(site_dir: Path, out: Path, port: int, context: BuildContext, translations: Translations | None = None) -> int:
    """`portal serve`: build, serve and rebuild on every change until interrupted (Ctrl-C)."""

    def report_build(result: BuildResult) -> None:
        if not report(result.problems, "text", False, translations):
            print(f"Built: {result.rendered} pages rendered, {result.changed_files} files written or removed.", file=sys.stderr)
        elif not result.written:
            print("The preview still shows the last build without errors.", file=sys.stderr)

    preview = Preview(site_dir, out, report_build, context)
    preview.rebuild()
    server = make_server(preview, port)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), daemon=True)
    watcher.start()
    host, port = str(server.server_address[0]), server.server_address[1]
    print(
        f"Serving {out} at http://{host}:{port}{preview.base_path} ; rebuilding when content changes. Ctrl-C stops.",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        preview.close()
    return 0
