"""Stage 8, write (portal.write): readers never see a half-written site. A new output is filled beside the old
one and swapped in; a failure leaves the old one; an update in place replaces only the files that changed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conftest import tree, write
from portal.write import Staging, file_hashes, update_site, write_output

OLD = {"index.html": b"old home", "en/index.html": b"old english", "en/about/index.html": b"old about"}
NEW = {"index.html": b"new home", "en/index.html": b"new english", "sr-latn/index.html": b"srpski"}


def published(out: Path, files: dict[str, bytes]) -> Path:
    for relative, data in files.items():
        write(out / relative, data)
    return out


def beside(out: Path) -> list[str]:
    """What is in the output's parent folder: the output alone, once a write is over."""
    return sorted(path.name for path in out.parent.iterdir())


def nothing_after() -> dict[str, bytes]:
    return {}


# ---------------------------------------------------------------- a new output, swapped in


def test_a_new_output_replaces_the_old_one_whole_and_leaves_nothing_beside_it(tmp_path):
    out = published(tmp_path / "public", OLD)
    written = write_output(out, NEW, nothing_after, {}, None)
    assert tree(out) == NEW  # en/about/ of the old output is gone: it is not made any more
    assert beside(out) == ["public"]
    assert written.changed == 3 and written.hashes == file_hashes(NEW)


def test_while_the_new_output_is_written_readers_still_get_the_old_one(tmp_path):
    out = published(tmp_path / "public", OLD)
    seen_meanwhile = []

    def search_index() -> dict[str, bytes]:
        # made while the pages are written: by now every page is in the staging folder, none in the output
        seen_meanwhile.append(tree(out))
        return {"pagefind/en/pagefind-entry.json": b"{}"}

    write_output(out, NEW, search_index, {}, None)
    assert seen_meanwhile == [OLD]
    assert tree(out) == {**NEW, "pagefind/en/pagefind-entry.json": b"{}"}


def test_a_write_that_fails_half_way_leaves_the_previous_output_and_no_half_made_folder(tmp_path):
    out = published(tmp_path / "public", OLD)
    staging = Staging(out)

    def failing_index() -> dict[str, bytes]:
        raise RuntimeError("Pagefind stopped")

    with pytest.raises(RuntimeError, match="Pagefind stopped"):
        write_output(out, NEW, failing_index, {}, None, staging)
    staging.discard()  # as the build does in its `finally`
    assert tree(out) == OLD
    assert beside(out) == ["public"]


def test_the_first_output_is_created_and_readable_by_the_web_server(tmp_path):
    out = tmp_path / "site" / "public"  # neither it nor its parent exists yet
    write_output(out, NEW, nothing_after, {}, None)
    assert tree(out) == NEW
    assert stat.S_IMODE(out.stat().st_mode) == 0o755  # the staging folder is made private; the site is not


def test_files_worker_processes_put_in_the_staging_folder_are_part_of_the_output_and_its_hashes(tmp_path):
    out = tmp_path / "public"
    staging = Staging(out)
    by_workers = {"cs/index.html": b"cesky"}
    staging.write(by_workers)
    written = write_output(out, NEW, nothing_after, file_hashes(by_workers), None, staging)
    assert tree(out) == {**NEW, **by_workers}
    assert written.hashes == file_hashes({**NEW, **by_workers}) and written.changed == 4


def test_nothing_is_changed_before_the_build_says_so(tmp_path):
    out = published(tmp_path / "public", OLD)
    calls = []
    write_output(out, NEW, nothing_after, {}, None, before=lambda: calls.append(tree(out)))
    assert calls == [OLD]


# ---------------------------------------------------------------- an update in place


def test_an_update_in_place_writes_only_the_files_whose_bytes_changed(tmp_path):
    out = published(tmp_path / "public", OLD)
    untouched = (out / "index.html").stat()
    files = {**OLD, "en/index.html": b"new english"}
    written = write_output(out, files, nothing_after, {}, file_hashes(OLD))
    assert written.changed == 1 and written.hashes == file_hashes(files)
    assert tree(out) == files
    again = (out / "index.html").stat()
    assert (again.st_ino, again.st_mtime_ns) == (untouched.st_ino, untouched.st_mtime_ns)  # not even rewritten


def test_an_update_in_place_removes_what_is_no_longer_made_and_the_folders_it_empties(tmp_path):
    out = published(tmp_path / "public", {**OLD, "en/about/team/index.html": b"team", "en/about/photo.jpg": b"jpg"})
    previous = file_hashes(tree(out))
    kept = {"index.html": OLD["index.html"], "en/index.html": OLD["en/index.html"]}
    written = write_output(out, kept, nothing_after, {}, previous)
    assert written.changed == 3
    assert tree(out) == kept
    assert not (out / "en/about").exists()  # emptied, with its sub-folder
    assert (out / "en").is_dir()  # still holds a page


def test_an_update_with_nothing_changed_touches_nothing_and_says_so(tmp_path):
    out = published(tmp_path / "public", OLD)
    calls = []
    written = write_output(out, dict(OLD), nothing_after, {}, file_hashes(OLD), before=lambda: calls.append("before"))
    assert (written.changed, calls) == (0, [])
    assert written.hashes == file_hashes(OLD)


def test_files_taken_over_unchanged_count_as_part_of_the_output(tmp_path):
    """An incremental build renders only some pages; the others are `already` there, named with their hashes."""
    out = published(tmp_path / "public", OLD)
    rendered = {"en/index.html": b"new english"}
    taken_over = {path: digest for path, digest in file_hashes(OLD).items() if path != "en/index.html"}
    written = write_output(out, rendered, nothing_after, taken_over, file_hashes(OLD))
    assert written.changed == 1
    assert written.hashes == file_hashes({**OLD, **rendered})
    assert tree(out) == {**OLD, **rendered}


def test_an_update_replaces_each_file_whole_and_leaves_no_temporary_file(tmp_path):
    out = published(tmp_path / "public", OLD)
    update_site({"en/index.html": b"x" * 100_000, "de/index.html": b"deutsch"}, ["en/about/index.html"], out)
    assert tree(out) == {"index.html": b"old home", "en/index.html": b"x" * 100_000, "de/index.html": b"deutsch"}
    assert not [name for name in os.listdir(out / "en") if name.endswith(".new")]
