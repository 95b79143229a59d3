"""Incremental builds: after every kind of edit, a build from the previous build's state writes exactly
what a clean build writes, and (for a content edit) renders only the pages that depend on the edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_portal, tree, write
from portal.build import BuildOptions, build
from portal.incremental.context import BuildContext
from portal.incremental.state import StateStore


def grow(site: Path) -> None:
    """A few more entries than the minimal fixture, so that an edit has pages it must not touch."""
    for number in range(6):
        folder = site / f"content/services/usluga-{number}"
        write(
            folder / "facts.yml",
            f"provider: {'neostart' if number % 2 else 'mreza'}\naudiences: [families]\n"
            "categories: [legal-aid]\nmunicipalities: [novi-sad]\nlast_verified: 2026-10-01\n",
        )
        write(
            folder / "sr-Latn.md",
            f"---\ntitle: Usluga {number}\nsummary: Opis {number}.\n---\nTekst usluge {number}, "
            "vidi [Neostart](@organisations/neostart).\n",
        )


def clean_build(site: Path, out: Path) -> dict[str, bytes]:
    result = build(site, BuildOptions(out=out))
    assert result.written, result.errors
    return tree(out)


def edit_and_compare(site: Path, tmp_path: Path, edit) -> int:
    """Build, edit, build again from the state; the output must equal a clean build's. Returns pages rendered."""
    out, context = tmp_path / "public", BuildContext()
    first = build(site, BuildOptions(out=out), context)
    assert first.written and context.state is not None
    edit(site)
    again = build(site, BuildOptions(out=out), context)
    assert again.written, again.errors
    assert tree(out) == clean_build(site, tmp_path / "clean")
    # and a third build from that state, with nothing changed, renders and writes nothing
    unchanged = build(site, BuildOptions(out=out), context)
    assert (unchanged.rendered, unchanged.changed_files) == (0, 0)
    assert tree(out) == tree(tmp_path / "clean")
    return again.rendered


@pytest.fixture
def grown(site: Path) -> Path:
    grow(site)
    return site


def total_pages(site: Path) -> int:
    return build(site).rendered


def change_text(site: Path) -> None:
    path = site / "content/services/usluga-1/sr-Latn.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Usluga 1", "Usluga jedan"), encoding="utf-8")


def change_body(site: Path) -> None:
    path = site / "content/services/usluga-1/sr-Latn.md"
    path.write_text(path.read_text(encoding="utf-8") + "Još jedna rečenica.\n", encoding="utf-8")


def change_fact(site: Path) -> None:
    path = site / "content/services/usluga-2/facts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("provider: mreza", "provider: neostart"), encoding="utf-8")


def give_a_phone(site: Path) -> None:
    """A fact no link shows but every card does: the service's phone, on its need's, its place's and the services' lists."""
    path = site / "content/services/usluga-2/facts.yml"
    path.write_text(path.read_text(encoding="utf-8") + 'phone: ["+381 11 000 0009"]\n', encoding="utf-8")


def move_service(site: Path) -> None:
    """A fact no link shows but the place's map does: the service's point on the map of its municipality."""
    path = site / "content/services/usluga-2/facts.yml"
    path.write_text(path.read_text(encoding="utf-8") + "coordinates: [45.2551, 19.8449]\n", encoding="utf-8")


def add_entry(site: Path) -> None:
    write(
        site / "content/services/nova/facts.yml",
        "provider: mreza\naudiences: [families]\ncategories: [legal-aid]\n"
        "municipalities: [novi-sad]\nlast_verified: 2026-09-01\n",
    )
    write(site / "content/services/nova/sr-Latn.md", "---\ntitle: Nova usluga\n---\nNovo.\n")


def delete_entry(site: Path) -> None:
    shutil.rmtree(site / "content/services/usluga-3")


def rename_entry(site: Path) -> None:
    (site / "content/services/usluga-4").rename(site / "content/services/usluga-cetiri")


def add_translation(site: Path) -> None:
    write(site / "content/services/usluga-5/cs.md", "---\ntitle: Služba 5\n---\nText služby.\n")


def change_membership(site: Path) -> None:
    path = site / "content/organisations/neostart/facts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("role: founder", "role: member"), encoding="utf-8")


def test_the_preview_s_first_step_after_an_edit_renders_only_what_it_touches_and_equals_a_clean_build(grown, tmp_path):
    """As `portal serve` builds right after an edit: without the search index, open data and dashboard (so without
    Pagefind), which its next step brings up to date."""
    context, out = BuildContext(), tmp_path / "public"
    first = build(grown, BuildOptions(out=out, indexes=False), context)
    assert first.written and not (out / "pagefind").exists()
    change_body(grown)
    again = build(grown, BuildOptions(out=out, indexes=False), context)
    assert 0 < again.rendered < first.rendered
    assert build(grown, BuildOptions(out=tmp_path / "clean", indexes=False)).written
    assert tree(out) == tree(tmp_path / "clean")


@pytest.mark.slow
@pytest.mark.parametrize(
    "edit",
    [
        change_text,
        change_body,
        change_fact,
        give_a_phone,
        move_service,
        add_entry,
        delete_entry,
        rename_entry,
        add_translation,
        change_membership,
    ],
)
def test_a_content_edit_rebuilds_only_what_depends_on_it_and_equals_a_clean_build(grown, tmp_path, edit):
    rendered = edit_and_compare(grown, tmp_path, edit)
    assert 0 < rendered < total_pages(grown)


def override_template(site: Path) -> None:
    theme_home = Path(__file__).resolve().parents[1] / "src/portal/themes/default/templates/home.html"
    write(
        site / "templates/home.html",
        theme_home.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}<p>Nova verzija</p>", 1),
    )


def change_configuration(site: Path) -> None:
    path = site / "site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Help", "en: Help and advice"), encoding="utf-8")


def change_interface_words(site: Path) -> None:
    path = site / "locales/cs.po"
    text = path.read_text(encoding="utf-8")
    write(
        path,
        text + '\nmsgid "Skip to content"\nmsgstr "Přejít na obsah stránky"\n'
        if 'msgid "Skip to content"' not in text
        else text.replace('msgid "Skip to content"\nmsgstr "', 'msgid "Skip to content"\nmsgstr "Nově: '),
    )


@pytest.mark.slow
@pytest.mark.parametrize("edit", [override_template, change_configuration, change_interface_words])
def test_a_template_configuration_or_catalog_change_rebuilds_everything(grown, tmp_path, edit):
    assert edit_and_compare(grown, tmp_path, edit) == total_pages(grown)


def pages_rendered_after(site: Path, tmp_path: Path, edit) -> set[str]:
    """Build, edit, build again from the state: the HTML files the second build rendered."""
    out, context = tmp_path / "public", BuildContext()
    build(site, BuildOptions(out=out), context)
    edit(site)
    return {path for path in build(site, BuildOptions(out=out), context).files if path.endswith(".html")}


@pytest.mark.slow
def test_an_edit_of_a_body_leaves_the_lists_that_only_link_the_entry(grown, tmp_path):
    rendered = pages_rendered_after(grown, tmp_path, change_body)
    assert "sr-latn/services/usluga-1/index.html" in rendered and "en/services/usluga-1/index.html" in rendered
    assert "sr-latn/services/index.html" not in rendered  # the list shows titles and summaries only
    # nor the pages that group, map or link it: its place, its provider (the organisation it links to in its body), its need
    for page in (
        "sr-latn/municipalities/novi-sad/index.html",
        "sr-latn/organisations/neostart/index.html",
        "sr-latn/categories/legal-aid/index.html",
        "sr-latn/index.html",
    ):
        assert page not in rendered, page


@pytest.mark.slow
def test_a_fact_shown_on_a_card_renders_the_lists_that_show_the_card_again(grown, tmp_path):
    rendered = pages_rendered_after(grown, tmp_path, give_a_phone)
    for page in (
        "sr-latn/services/usluga-2/index.html",
        "sr-latn/services/index.html",
        "sr-latn/needs/legal-aid/index.html",
        "sr-latn/municipalities/novi-sad/index.html",
        "sr-latn/organisations/mreza/index.html",  # its provider lists its services as cards
    ):
        assert page in rendered, page
    assert "sr-latn/index.html" not in rendered and "sr-latn/organisations/neostart/index.html" not in rendered


@pytest.mark.slow
def test_a_fact_shown_on_a_map_renders_the_map_s_page_again(grown, tmp_path):
    rendered = pages_rendered_after(grown, tmp_path, move_service)
    assert "sr-latn/municipalities/novi-sad/index.html" in rendered
    assert "sr-latn/categories/legal-aid/index.html" not in rendered  # a need lists its services by name only


@pytest.mark.slow
def test_an_edited_page_shows_the_edit(grown, tmp_path):
    out, context = tmp_path / "public", BuildContext()
    build(grown, BuildOptions(out=out), context)
    change_text(grown)
    build(grown, BuildOptions(out=out), context)
    assert "Usluga jedan" in (out / "sr-latn/services/usluga-1/index.html").read_text(encoding="utf-8")
    assert "Usluga jedan" in (out / "sr-cyrl/services/usluga-1/index.html").read_text(encoding="utf-8") or "Услуга један" in (
        out / "sr-cyrl/services/usluga-1/index.html"
    ).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_touched_output_folder_gets_a_full_build(grown, tmp_path):
    out, context = tmp_path / "public", BuildContext()
    build(grown, BuildOptions(out=out), context)
    (out / "en/index.html").unlink()
    again = build(grown, BuildOptions(out=out), context)
    assert again.rendered == total_pages(grown)
    assert tree(out) == clean_build(grown, tmp_path / "clean")


@pytest.mark.slow
def test_after_a_page_deep_in_the_output_is_deleted_the_next_command_line_build_is_a_full_one(grown, tmp_path, capsys):
    out = tmp_path / "public"
    run_portal(capsys, "--site", str(grown), "build", "--out", str(out))
    (out / "sr-latn/services/usluga-1/index.html").unlink()
    status, printed, _ = run_portal(capsys, "--site", str(grown), "build", "--out", str(out))
    assert status == 0 and f"{total_pages(grown)} pages rendered" in printed
    assert tree(out) == clean_build(grown, tmp_path / "clean")


@pytest.mark.slow
def test_a_failed_build_keeps_the_output_and_the_state_usable(grown, tmp_path, capsys):
    out = tmp_path / "public"
    assert run_portal(capsys, "--site", str(grown), "build", "--out", str(out))[0] == 0
    before = tree(out)
    write(grown / "content/services/usluga-1/facts.yml", "provider: nobody\nlast_verified: 2026-13-01\n")
    assert run_portal(capsys, "--site", str(grown), "build", "--out", str(out))[0] == 1
    assert tree(out) == before and StateStore(grown).read() is not None
    change_text(grown)
    shutil.copy(grown / "content/services/usluga-2/facts.yml", grown / "content/services/usluga-1/facts.yml")
    status, printed, _ = run_portal(capsys, "--site", str(grown), "build", "--out", str(out))
    assert status == 0 and f"{total_pages(grown)} pages rendered" not in printed
    assert tree(out) == clean_build(grown, tmp_path / "clean")


@pytest.mark.slow
def test_the_command_line_keeps_its_state_in_the_site_folder_and_clean_ignores_it(grown, tmp_path, capsys):
    out = tmp_path / "public"
    run_portal(capsys, "--site", str(grown), "build", "--out", str(out))
    assert (grown / ".portal-cache/.gitignore").read_text() == "*\n"
    status, printed, _ = run_portal(capsys, "--site", str(grown), "build", "--out", str(out))
    assert status == 0 and "0 pages rendered, 0 files written or removed" in printed
    status, printed, _ = run_portal(capsys, "--site", str(grown), "build", "--clean", "--out", str(out))
    assert f"{total_pages(grown)} pages rendered" in printed


@pytest.mark.slow
def test_a_command_line_build_with_nothing_to_do_leaves_the_output_and_the_saved_state_alone(grown, tmp_path, capsys):
    out = tmp_path / "public"
    run_portal(capsys, "--site", str(grown), "build", "--out", str(out))
    saved = grown / ".portal-cache/build-state.pickle"
    before = saved.stat().st_mtime_ns, saved.read_bytes()
    status, printed, _ = run_portal(capsys, "--site", str(grown), "build", "--out", str(out))
    assert status == 0 and "0 pages rendered, 0 files written or removed" in printed
    assert (saved.stat().st_mtime_ns, saved.read_bytes()) == before
    change_body(grown)  # and the state left as it was still leads the next build
    status, printed, _ = run_portal(capsys, "--site", str(grown), "build", "--out", str(out))
    assert status == 0 and "0 pages rendered" not in printed and f"{total_pages(grown)} pages rendered" not in printed
    assert tree(out) == clean_build(grown, tmp_path / "clean")


@pytest.mark.slow
def test_a_translation_added_indexes_only_its_language_again(grown, tmp_path):
    out, context = tmp_path / "public", BuildContext()
    build(grown, BuildOptions(out=out), context)
    add_translation(grown)  # a Czech text: the other languages' records stay as they were
    again = build(grown, BuildOptions(out=out), context)
    bundles = {path.split("/")[1] for path in again.files if path.startswith("pagefind/")}
    assert bundles == {"cs"}
    assert tree(out) == clean_build(grown, tmp_path / "clean")
