"""Shared test helpers: fixture sites copied to a temporary folder, and the command line run in-process."""

from __future__ import annotations

import contextlib
import datetime
import functools
import shutil
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import settings

from portal.cli import main
from portal.configure import SiteSetup, configure
from portal.errors import has_errors
from portal.load import load_site
from portal.localise import Localised, localise
from portal.model import Site
from portal.plan import Plan, plan_site
from portal.render import Renderer
from portal.schema import KINDS
from portal.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"

# Property tests check what portal does, not how fast: on a busy machine Hypothesis's 200 ms deadline fails
# correct code at random (speed is measured by bench/, not by tests).
settings.register_profile("portal", deadline=None)
settings.load_profile("portal")
REPO = Path(__file__).resolve().parents[1]
SHARED_AUDIT = REPO.parent / "shared" / "audit" / "site_audit.py"
# "Today" for the stages run in memory: after the fixtures' last_verified dates, before they go stale.
TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid fixture site."""
    return copy_of_minimal(tmp_path)


def copy_of_minimal(folder: Path) -> Path:
    """A copy of the minimal valid fixture site in `folder` (for a module's fixture: tests that only read share one)."""
    target = folder / "site"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run_portal(capsys, *args: str) -> tuple[int, str, str]:
    """Run `portal ARGS` in this process; return (exit status, stdout, stderr)."""
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve a built site on a free port of 127.0.0.1 for the browser tests; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Stages:
    """A site folder taken in memory through the stages a build runs before rendering."""

    folder: Path
    setup: SiteSetup
    site: Site
    localised: Localised
    plan: Plan

    def renderer(self) -> Renderer:
        return Renderer(self.setup.theme, self.setup.config, self.folder, self.setup.assets)

    def page(self, output: str):
        """The planned page written to `output` (e.g. "en/index.html")."""
        return next(page for page in self.plan.pages if page.output == output)


def run_stages(folder: Path, today: datetime.date = TODAY) -> Stages:
    """Load, configure, validate, localise and plan `folder` as `portal build` does; any error fails the test."""
    loaded = load_site(folder, tuple(KINDS))
    setup, problems = configure(folder, loaded)
    assert setup is not None, problems
    site, found = validate(loaded, setup.config, today, synonyms=setup.synonyms)
    problems = [*loaded.problems, *problems, *found]
    assert not has_errors(problems), [p.format() for p in problems]
    localised = localise(site)
    return Stages(folder, setup, site, localised, plan_site(site, localised))
