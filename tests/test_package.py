"""The wheel: built from this repository, it carries every file of the package (the theme, the map data,
the message catalogs, the files of `portal init`), and, installed into a new virtual environment, it
builds the sample site from a folder that holds only site.yml, content/ and locales/.

Slow (about a minute and a half): it builds the wheel, installs it and its dependencies from the
package index, and builds the sample with its brochures. `pytest -m "not slow"` leaves it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

# What building the wheel reads: pyproject.toml names README.md as the long description.
BUILD_INPUTS = ("pyproject.toml", "README.md")
SAMPLE = ("site.yml", "content", "locales")
PREFIXES = ("sr-latn", "sr-cyrl", "mk", "cs", "rom", "sq", "de", "en")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources, so that a build/ folder left by an earlier build cannot
    slip stale files into it. pip builds it in an isolated environment with setuptools from the index."""
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    [built] = out.glob("portal-*.whl")
    return built


def package_files() -> list[str]:
    """Every file of the package in the sources, as the wheel names it (portal/...)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "src/portal"], cwd=REPO, capture_output=True, text=True
    )
    if listed.returncode == 0 and listed.stdout:
        paths = listed.stdout.split()
    else:  # not a git checkout: every file but Python's caches
        paths = [
            path.relative_to(REPO).as_posix()
            for path in (REPO / "src/portal").rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        ]
    return sorted(path.removeprefix("src/") for path in paths)


def test_the_wheel_holds_every_file_of_the_package(wheel):
    with zipfile.ZipFile(wheel) as archive:
        inside = sorted(name for name in archive.namelist() if not name.startswith("portal-"))
    assert inside == package_files()
    for needed in (
        "portal/themes/default/theme.yml",
        "portal/themes/default/templates/base.html",
        "portal/themes/default/print/print.css",
        "portal/themes/default/static/style.css",
        "portal/themes/default/locales/messages.pot",
        "portal/themes/default/locales/sr-Latn.po",
        "portal/themes/default/fonts/NotoSans-Regular.woff2",
        "portal/themes/default/fonts/OFL.txt",
        "portal/data/outlines.json",
        "portal/data/README.md",
        "portal/i18n/messages/messages.pot",
        "portal/i18n/messages/sr-Latn.po",
        "portal/data/init/workflows/pages.yml",
        "portal/data/init/categories.yml",
    ):
        assert needed in inside


def test_the_installed_wheel_builds_the_sample_and_starts_a_new_site(wheel, tmp_path):
    venv = tmp_path / "venv"
    # A clean environment: portal and its dependencies come from the wheel and the index, nothing from here.
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    environment = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    install = subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=900,
        env=environment,
    )
    assert install.returncode == 0, install.stderr
    site = tmp_path / "site"
    site.mkdir()
    for name in SAMPLE:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, site / name)

    def portal(*args: str, cwd: Path = site) -> subprocess.CompletedProcess:
        return subprocess.run(
            [venv / "bin" / "portal", *args], cwd=cwd, capture_output=True, text=True, timeout=900, env=environment
        )

    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import portal; print(portal.__file__)"],
        cwd=site,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout  # the wheel's portal, not the sources'

    built = portal("build", "--out", str(tmp_path / "public"))  # the sample asks for its brochures with every build
    assert built.returncode == 0, built.stderr
    for prefix in PREFIXES:
        assert (tmp_path / "public" / prefix / "index.html").is_file(), prefix
    assert (tmp_path / "public/brochures/sr-cyrl/network-a5.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "public/sr-latn/municipalities/nis/index.html").read_text(encoding="utf-8").count("<svg") >= 1  # a map

    started = portal("init", "new-site", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    checked = portal("check", cwd=tmp_path / "new-site")
    assert checked.returncode == 0, checked.stderr
