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


# Serbian month names in any case form (januar, januara, januaru); the Romani ones of docs/romani.md.
SERBIAN_MONTHS = [rf"{stem}\w*" for stem in "januar februar mart april maj jun jul avgust septemb oktob novemb decemb".split()]
ROMANI_MONTHS = "januaro februaro marto aprilo majo juno julo avgusto septembro oktobro novembro decembro".split()


def _visible_text(page: Path) -> str:
    """What a reader sees of a page: its text without scripts, styles, data and markup."""
    html = page.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _dates_in_words(text: str, months: list[str]) -> list[str]:
    names = "|".join(months)
    return re.findall(rf"(?:\b\d{{1,2}}\. )?\b(?:{names}) \d{{4}}\b", text)


@pytest.mark.slow
def test_romani_pages_write_dates_in_words_wherever_serbian_pages_do(sample):
    """No Romani page shows an ISO or a numeric date (2019-01, 1. 11. 2026.) where the Serbian page of the same
    entry shows one in words ("januar 2019.", "1. novembar 2026."): as many dates, in Romani words."""
    compared = 0
    for serbian_page in sorted((sample / "sr-latn").rglob("index.html")):
        romani_page = sample / "rom" / serbian_page.relative_to(sample / "sr-latn")
        if not romani_page.exists():
            continue
        serbian, romani = _visible_text(serbian_page), _visible_text(romani_page)
        where = romani_page.relative_to(sample)
        assert not re.search(r"\b\d{4}-\d{2}(?:-\d{2})?\b", romani), f"{where}: an ISO date"
        assert not re.search(r"\b\d{1,2}\. ?\d{1,2}\. ?\d{4}\.", romani), f"{where}: a numeric date"
        in_serbian = _dates_in_words(serbian, SERBIAN_MONTHS)
        in_romani = _dates_in_words(romani, ROMANI_MONTHS)
        assert len(in_romani) >= len(in_serbian), (str(where), in_serbian, in_romani)
        compared += bool(in_serbian)
    assert compared >= 5  # pages with dates in words: project periods, holidays, dates in the texts
