"""Problems found in content: values with the file and line they come from, collected, never raised.

Exceptions are for bugs. A content mistake becomes a `Problem` that names the file, the line,
what is wrong and what to write instead; every stage adds its problems to one list and the
command line prints them all at the end of the run.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class SourceRef:
    """Where a value was written: a path relative to the site folder and a 1-based line (0: the whole file)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, order=True)
class Problem:
    source: SourceRef
    message: str
    hint: str = ""
    severity: str = ERROR

    def format(self) -> str:
        """`path:line: message; hint` as an editor sees it in the terminal."""
        text = f"{self.source}: {self.severity}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the changed line."""
        command = "error" if self.severity == ERROR else "warning"
        where = f"file={self.source.path}"
        if self.source.line:
            where += f",line={self.source.line}"
        text = f"{self.message}; {self.hint}" if self.hint else self.message
        escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{command} {where}::{escaped}"


def error(path: str | Path, line: int, message: str, hint: str = "") -> Problem:
    return Problem(SourceRef(str(path), line), message, hint, ERROR)


def warning(path: str | Path, line: int, message: str, hint: str = "") -> Problem:
    return Problem(SourceRef(str(path), line), message, hint, WARNING)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a misspelt key or value, or a list of the allowed ones."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    shown = ", ".join(f"`{option}`" for option in options[:12])
    more = ", ..." if len(options) > 12 else ""
    return f"write one of: {shown}{more}"


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    return any(p.severity == ERROR or strict for p in problems)
