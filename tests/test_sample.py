"""The sample portal in this repository: it builds, passes the independent audit, and states only real facts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHARED_AUDIT, tree

MATERIAL = REPO.parent / "shared" / "material"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "public"
    from portal.cli import main

    assert main(["--site", str(REPO), "build", "--out", str(out)]) == 0
    return out


@pytest.mark.slow
def test_sample_has_all_eight_variants(sample):
    for prefix in ("sr-latn", "sr-cyrl", "mk", "cs", "rom", "sq", "de", "en"):
        assert (sample / prefix / "index.html").is_file()
        assert (sample / prefix / "municipalities/novi-sad/index.html").is_file()


@pytest.mark.slow
def test_sample_passes_the_independent_audit(sample):
    if not SHARED_AUDIT.is_file():
        pytest.skip(f"the shared audit script is not beside this checkout ({SHARED_AUDIT.relative_to(REPO.parent)} missing)")
    result = subprocess.run([sys.executable, str(SHARED_AUDIT), str(sample), "--json"], capture_output=True, text=True)
    figures = json.loads(result.stdout)
    assert figures["failed_checks"] == [], result.stdout
    assert set(figures["langs"]) == {"sr-Latn", "sr-Cyrl", "mk", "cs", "rom", "sq", "de", "en"}


@pytest.mark.slow
def test_build_of_the_sample_is_reproducible(sample, tmp_path):
    from portal.cli import main

    assert main(["--site", str(REPO), "build", "--out", str(tmp_path / "again")]) == 0
    assert tree(tmp_path / "again") == tree(sample)


def test_every_phone_number_in_the_sample_comes_from_the_source_material():
    if not MATERIAL.is_dir():
        pytest.skip("the source material is not beside this checkout")
    material_digits = re.sub(r"\D", "", " ".join(p.read_text(encoding="utf-8") for p in MATERIAL.glob("*.txt")))
    for facts in (REPO / "content").rglob("facts.yml"):
        for number in re.findall(r"\+[\d ()-]{6,}", facts.read_text(encoding="utf-8")):
            national = re.sub(r"\D", "", number)[3:]  # without the country code
            assert national in material_digits, f"{facts}: {number} is not in the source material"


@pytest.mark.slow
def test_example_entries_say_so_on_the_page(sample):
    html = (sample / "en/services/example-housing-nis/index.html").read_text(encoding="utf-8")
    assert "Example data" in html
    html = (sample / "sr-cyrl/services/example-housing-nis/index.html").read_text(encoding="utf-8")
    assert 'class="notice example"' in html


def place_names(sample: Path, prefix: str) -> list[str]:
    """The places the overview lists, in the order a reader meets them."""
    html = (sample / prefix / "municipalities/index.html").read_text(encoding="utf-8")
    cards = re.search(r'<ul class="cards">(.*?)</ul>', html, flags=re.S).group(1)
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(rf'<a href="/{prefix}/municipalities/[^"]+/">(.*?)</a>', cards)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "prefix, in_order",
    [
        # Serbian Latin and Romani: č after c, š after s (a letter of its own: after every s)
        ("sr-latn", ["Beograd", "Čačak", "Kragujevac", "Smederevo", "Subotica", "Šabac", "Vranje"]),
        ("rom", ["Beograd", "Čačak", "Kragujevac", "Smederevo", "Subotica", "Šabac", "Vranje"]),
        # German and English: Č and Š beside C and S
        ("de", ["Belgrad", "Bruntál", "Čačak", "Kragujevac", "Šabac", "Smederevo", "Vranje"]),
        ("en", ["Belgrade", "Bruntál", "Čačak", "Kragujevac", "Šabac", "Smederevo", "Vranje"]),
        # Czech: ě is e with a mark, so Bělehrad before Bruntál; č and š after c and s
        ("cs", ["Bělehrad", "Bruntál", "Čačak", "Kragujevac", "Smederevo", "Šabac", "Vranje"]),
        # Serbian Cyrillic and Macedonian: the azbuka and the Macedonian alphabet
        ("sr-cyrl", ["Београд", "Врање", "Крагујевац", "Смедерево", "Чачак", "Шабац"]),
        ("mk", ["Белград", "Врање", "Крагуевац", "Смедерево", "Чачак", "Шабац"]),
        # Albanian: sh after s, ç after c
        ("sq", ["Beogradi", "Çaçaku", "Kragujevci", "Smederevo", "Shabaci", "Vranja"]),
    ],
)
def test_the_places_of_the_sample_are_listed_in_each_language_s_alphabetical_order(sample, prefix, in_order):
    names = place_names(sample, prefix)
    assert [name for name in names if name in in_order] == in_order, names
