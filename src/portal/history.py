"""What git remembers of the content files, read at build time where the site folder is a git repository.

Only a site folder that is the top of its repository is asked (a site kept inside another project, such as
a test fixture, would otherwise show that project's history), and only with its whole history (a shallow
clone would give wrong dates: the workflows check out with `fetch-depth: 0`); without git, or outside a
repository, every answer is empty and nothing is printed. The answers depend only on the commits, so a build stays
reproducible: the same commit gives the same pages.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

MAX_CHANGES = 5  # commits listed per outdated translation: the newest; the rest are in git log


@dataclass(frozen=True)
class Change:
    """One commit that changed a file."""

    date: datetime.date
    subject: str
    commit: str  # short hash


class History:
    """Questions to git about the files of one site folder; each answer kept (one build asks few)."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir.resolve()
        self.answers: dict[tuple[str, ...], str | None] = {}

    @property
    def available(self) -> bool:
        """Asked once, at the first question: a build with nothing to ask runs no git at all. A shallow clone (CI's
        default checkout) holds only the last commits: its dates would be wrong, so it is not asked either."""
        top = self._git("rev-parse", "--show-toplevel")
        if top is None or Path(top.strip()).resolve() != self.site_dir:
            return False
        return self._git("rev-parse", "--is-shallow-repository") == "false\n"

    def _git(self, *arguments: str) -> str | None:
        if arguments in self.answers:
            return self.answers[arguments]
        try:
            done = subprocess.run(
                ["git", "-C", str(self.site_dir), *arguments],
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=20,
                check=False,
            )
            answer = done.stdout if done.returncode == 0 else None
        except (OSError, subprocess.SubprocessError):
            answer = None  # no git installed, or it hung: the pages simply say less
        self.answers[arguments] = answer
        return answer

    def changes(self, path: str, after: str | None = None) -> tuple[Change, ...]:
        """The commits that changed `path` (relative to the site folder), newest first; with `after`, only those
        made after the last commit that changed the file `after`."""
        if not self.available:
            return ()
        since: tuple[str, ...] = ()
        if after is not None:
            last = self._git("log", "-1", "--format=%H", "--", after)
            if last and last.strip():
                since = (f"{last.strip()}..HEAD",)
        out = self._git("log", f"-{MAX_CHANGES}", "--format=%h%x09%cs%x09%s", *since, "--", path)
        changes = []
        for line in (out or "").splitlines():
            commit, _tab, rest = line.partition("\t")
            day, _tab, subject = rest.partition("\t")
            try:
                changes.append(Change(datetime.date.fromisoformat(day), subject, commit))
            except ValueError:
                continue
        return tuple(changes)

    def last_change(self, path: str) -> datetime.date | None:
        found = self.changes(path)
        return found[0].date if found else None
