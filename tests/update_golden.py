"""Write the golden site's expected output again, after a change meant to change what portal writes:

    python tests/update_golden.py

(from the repository root; it builds with this checkout's src/, whatever portal is installed). Then read
`git diff tests/golden/` before committing it: every changed byte there is something readers will see.

tests/fixtures/golden/ is a small site (Serbian in Latin and, by transliteration, Cyrillic, and English with
a fallback; a municipality whose service has opening hours and coordinates). tests/test_golden.py builds it
and compares the result with tests/golden/, file by file and byte for byte.
"""

from __future__ import annotations

import datetime
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from portal.build import BuildOptions, BuildResult, build  # noqa: E402
from portal.incremental.context import BuildContext  # noqa: E402

GOLDEN_SITE = REPO / "tests" / "fixtures" / "golden"
GOLDEN_TREE = REPO / "tests" / "golden"
# "Now" for the golden build: the day its warnings are counted from and the date of what has none of its own.
SOURCE_DATE = datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)


def kept(path: str) -> bool:
    """Whether a file of the output is part of the golden tree.

    Pagefind's script, WebAssembly and binary index (some 300 KB a language) are its own; each language's
    pagefind-entry.json stays, since it names the index by a hash of its content. The link-preview cards and the
    icons are pictures (some 150 KB): the pages name them, tests/test_reach.py checks them. The offline editions'
    ZIPs (some 500 KB) are the pages again: offline/manifest.json stays, which names each by the hash of its bytes."""
    if path.startswith(("previews/", "icons/")) or (path.startswith("offline/") and path.endswith(".zip")):
        return False
    return not path.startswith("pagefind/") or path.endswith("/pagefind-entry.json")


def golden_build(out: Path) -> tuple[BuildResult, dict[str, bytes]]:
    """Build the golden site into `out` as `portal build` does; the result, and the files of the golden tree by path."""
    result = build(GOLDEN_SITE, BuildOptions(out=out), BuildContext(source_date=SOURCE_DATE))
    assert result.written, [problem.format() for problem in result.errors]
    files = {path.relative_to(out).as_posix(): path for path in sorted(out.rglob("*")) if path.is_file()}
    return result, {name: path.read_bytes() for name, path in files.items() if kept(name)}


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        _result, files = golden_build(Path(scratch) / "public")
    shutil.rmtree(GOLDEN_TREE, ignore_errors=True)
    for name, data in files.items():
        target = GOLDEN_TREE / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    size = sum(map(len, files.values()))
    print(f"Wrote {len(files)} files ({size / 1024:.0f} KB) into {GOLDEN_TREE.relative_to(REPO)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
