"""`portal check` warns when a reader cannot tell how current an entry's facts are: neither `last_verified`
(someone checked them) nor `source_date` (the document they come from) is written. A warning, not an error:
the page is still built; with the facts file's path and line, in the editor's language."""

from __future__ import annotations

import pytest

from conftest import run_portal, write

ORG = "content/organisations/neostart/facts.yml"
SERVICE = "content/services/pravna-pomoc/facts.yml"
UNDATED = "these facts have neither `last_verified:` nor `source_date:`, so readers cannot tell how current they are"


def _without_dates(site, path: str) -> None:
    facts = (site / path).read_text(encoding="utf-8")
    write(
        site / path, "".join(line for line in facts.splitlines(True) if not line.startswith(("last_verified:", "source_date:")))
    )


@pytest.mark.parametrize("path", [ORG, SERVICE])
def test_an_entry_without_either_date_is_a_warning_with_its_path_and_line(site, capsys, path):
    _without_dates(site, path)
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 0, err  # a warning: the site is still built
    assert f"{path}:1: warning: {UNDATED}; write `source_date: YYYY`" in err
    assert err.count(UNDATED) == 1  # only this entry: every other one has a date
    strict, _, _ = run_portal(capsys, "--site", str(site), "check", "--strict")
    assert strict == 1


@pytest.mark.parametrize(
    "dates",
    ["last_verified: 2026-11-01\n", "source_date: 2020\n", "source_date: 2019-03\n", "example: true\n"],
    ids=["checked", "from a document of a year", "from a document of a month", "an example, which has no date to show"],
)
def test_either_date_or_being_an_example_is_enough(site, capsys, dates):
    _without_dates(site, ORG)
    write(site / ORG, (site / ORG).read_text(encoding="utf-8") + dates)
    _, _, err = run_portal(capsys, "--site", str(site), "check")
    assert UNDATED not in err


def test_kinds_whose_pages_show_no_date_are_not_asked_for_one(site, capsys):
    # A place (municipality) and a page have no facts a reader acts on: no warning for them.
    write(site / "content/municipalities/novi-sad/facts.yml", "country: RS\ncoordinates: [45.25, 19.84]\n")
    _, _, err = run_portal(capsys, "--site", str(site), "check")
    assert UNDATED not in err


def test_the_warning_in_serbian(site, capsys):
    _without_dates(site, SERVICE)
    _, _, err = run_portal(capsys, "--site", str(site), "check", "--lang", "sr-Latn")
    assert (
        f"{SERVICE}:1: upozorenje: ovi podaci nemaju ni `last_verified:` ni `source_date:`, "
        "pa čitaoci ne mogu da znaju koliko su novi; napišite `source_date: YYYY`"
    ) in err


def test_an_empty_facts_file_asks_for_either_date(site, capsys):
    write(site / ORG, "")
    _, _, err = run_portal(capsys, "--site", str(site), "check")
    assert f"{ORG}:1: error: the facts file is empty; write at least `source_date: YYYY` or `last_verified: YYYY-MM-DD`" in err
