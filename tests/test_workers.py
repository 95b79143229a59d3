"""Planning and rendering the languages in worker processes gives the same files as one process."""

from __future__ import annotations

import pytest

from conftest import tree
from portal.build import BuildOptions, build
from portal.incremental.context import BuildContext
from portal.incremental.memory import CollectorPolicy
from portal.incremental.workers import WorkerPolicy
from test_state import grow


def in_workers(count: int) -> BuildContext:
    """A context that plans and renders in `count` processes (PORTAL_WORKERS), handling the collector as `portal build` does."""
    return BuildContext(workers=WorkerPolicy(count), collector=CollectorPolicy(managed=True))


@pytest.mark.slow
def test_languages_rendered_in_workers_give_the_same_site_as_one_process(site, tmp_path):
    grow(site)
    alone = build(site, BuildOptions(out=tmp_path / "alone"), in_workers(1))
    shared = build(site, BuildOptions(out=tmp_path / "shared"), in_workers(2))
    assert alone.written and shared.written
    assert shared.rendered == alone.rendered
    assert tree(tmp_path / "shared") == tree(tmp_path / "alone")
    assert sorted(map(str, shared.problems)) == sorted(map(str, alone.problems))  # the warnings too, once each


@pytest.mark.slow
def test_an_incremental_build_after_a_build_in_workers_equals_a_clean_one(site, tmp_path):
    grow(site)
    context = in_workers(2)
    first = build(site, BuildOptions(out=tmp_path / "out"), context)
    text = site / "content/services/usluga-1/sr-Latn.md"
    text.write_text(text.read_text(encoding="utf-8") + "Još.\n", encoding="utf-8")
    again = build(site, BuildOptions(out=tmp_path / "out"), context)
    assert 0 < again.rendered < first.rendered
    assert build(site, BuildOptions(out=tmp_path / "clean")).written
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


@pytest.mark.slow
def test_a_template_that_does_not_compile_is_reported_from_a_build_in_workers_too(site, tmp_path):
    """While the workers render, this process compiles the templates for later builds: a broken one must still
    be reported with its line, as a build in one process reports it, and break nothing else."""
    from conftest import write

    grow(site)
    write(site / "templates/pages.html", "{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}")
    alone = [p.format() for p in build(site, BuildOptions(out=tmp_path / "alone"), in_workers(1)).errors]
    shared = [p.format() for p in build(site, BuildOptions(out=tmp_path / "shared"), in_workers(2)).errors]
    assert shared == alone and len(alone) == 1 and "templates/pages.html:3" in alone[0]


@pytest.mark.slow
def test_a_build_leaves_python_s_garbage_collector_as_it_found_it(site, tmp_path):
    """The build holds the collector back while it loads and freezes what it loaded while it renders; the preview
    server and any program that builds in its own process must get it back on, with nothing left frozen."""
    import gc

    grow(site)
    for workers in (1, 2):
        context = in_workers(workers)
        assert build(site, BuildOptions(out=tmp_path / f"out-{workers}"), context).written
        assert gc.isenabled() and gc.get_freeze_count() == 0
    (site / "site.yml").unlink()
    assert build(site, BuildOptions(out=tmp_path / "broken"), in_workers(2)).errors  # a build that stops early
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.slow
def test_a_build_in_workers_that_fails_leaves_the_output_as_it_was_and_nothing_beside_it(site, tmp_path):
    """The workers write their pages straight into the new output folder; a mistake found while rendering
    (here, in a template) must leave the previous output untouched and the half-made folder removed."""
    from conftest import write

    grow(site)
    out = tmp_path / "served" / "public"
    assert build(site, BuildOptions(out=out), in_workers(2)).written
    before = tree(out)
    write(
        site / "templates/pages.html", "{% extends 'base.html' %}\n{% block main %}{{ page.no_such_thing.title }}{% endblock %}"
    )
    failed = build(site, BuildOptions(out=out), in_workers(2))
    assert not failed.written and failed.errors
    assert tree(out) == before
    assert sorted(path.name for path in out.parent.iterdir()) == ["public"]
