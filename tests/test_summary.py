"""`--summary FILE`: every problem of a check or build also in a Markdown table, for a workflow run's summary page."""

from __future__ import annotations

from conftest import run_portal, write
from portal.commands.report import summary_markdown

ORG = "content/organisations/neostart"


def test_every_problem_is_in_the_summary_not_only_the_first_ten(site, tmp_path, capsys):
    for number in range(12):  # GitHub shows ten annotations per step: the summary must hold all twelve
        write(
            site / f"content/organisations/broken-{number}/facts.yml", "type: charity\ncountry: RS\nlast_verified: 2026-11-01\n"
        )
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step\n", encoding="utf-8")  # GitHub's file holds what earlier steps wrote
    status, _, err = run_portal(capsys, "--site", str(site), "check", "--format", "github", "--summary", str(summary))
    assert status == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Earlier step\n### portal check\n")
    rows = [line for line in text.splitlines() if line.startswith("| `content/organisations/broken-")]
    assert len(rows) == err.count("::error file=content/organisations/broken-") >= 12
    assert "| `content/organisations/broken-0/facts.yml:1` | error | `charity` is not an allowed value" in text


def test_the_summary_speaks_the_editors_language_and_escapes_table_bars(site, tmp_path, capsys):
    write(site / f"{ORG}/en.md", "---\ntitle: A\n---\n[x](javascript:alert)\n")
    facts = site / f"{ORG}/facts.yml"
    write(facts, facts.read_text(encoding="utf-8") + "pho|ne: x\n")  # a bar inside a message: kept as text, not a column
    summary = tmp_path / "summary.md"
    run_portal(
        capsys, "--site", str(site), "build", "--out", str(tmp_path / "out"), "--lang", "sr-Latn", "--summary", str(summary)
    )
    text = summary.read_text(encoding="utf-8")
    assert f"| `{ORG}/en.md:4` | greška | veze koje počinju sa `javascript:` nisu dozvoljene" in text
    assert "`pho\\|ne`" in text
    assert all(line.count(" | ") == 2 for line in text.splitlines() if line.startswith("| `"))


def test_a_run_without_problems_says_so():
    assert summary_markdown([]) == "### portal check\n\nNo errors found.\n"
