"""Printable brochures: the PDFs a reader holds, their fonts, QR codes and metadata, and rebuilding only what changed."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import segno
from pypdf import PdfReader

from conftest import FIXTURES, REPO, run_portal, run_stages, tree, write
from portal.build import BuildOptions, build
from portal.config import read_config
from portal.load import load_site
from portal.localise import localise
from portal.outputs.brochures import plan_brochures
from portal.outputs.brochures.pdf import PdfJob, PrintStylesheet, PrintTheme, QrCodes, render_pdfs
from portal.outputs.brochures.views import BrochureViews
from portal.schema import KINDS
from portal.theme import Theme
from portal.validate import validate

SAMPLE_BROCHURES = (
    "brochures/sr-cyrl/nis-a5.pdf",
    "brochures/mk/nis-a5.pdf",
    "brochures/cs/opava-a5.pdf",
    "brochures/sq/novi-sad-a5.pdf",
    "brochures/rom/nis-a4.pdf",
    "brochures/sr-cyrl/network-a5.pdf",
)
A5 = (419.53, 595.28)  # points
A4 = (595.28, 841.89)


# ---------------------------------------------------------------- the sample portal's brochures


def _sample_jobs():
    loaded = load_site(REPO, tuple(KINDS))
    config, problems = read_config(loaded.config)
    assert config is not None, problems
    site, _problems = validate(loaded, config, datetime.date.today())
    theme = PrintTheme.load(Theme.load(REPO))
    problems = []
    jobs = {job.output: job for job in plan_brochures(site, localise(site), REPO, theme, problems)}
    assert problems == []
    return jobs, theme, config


@pytest.fixture(scope="module")
def sample():
    """A few brochures of the sample portal, made in worker processes as a build makes them."""
    jobs, theme, config = _sample_jobs()
    chosen = [jobs[name] for name in SAMPLE_BROCHURES]
    pdfs = render_pdfs([PdfJob(job.html, job.digest) for job in chosen], theme, config.base_url, workers=2, progress=False)
    return {job.output: data for job, data in zip(chosen, pdfs, strict=False)}, jobs, theme, config


def text_of(data: bytes) -> str:
    """The words of a PDF, with every line break and run of spaces as one space."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", " ".join(page.extract_text() for page in reader.pages)))


@pytest.mark.slow
def test_the_sample_makes_a_network_brochure_and_one_per_municipality_with_services_in_each_language_and_size():
    jobs, _theme, _config = _sample_jobs()
    for prefix in ("sr-latn", "sr-cyrl", "mk", "cs", "rom", "sq", "de", "en"):
        for size in ("a4", "a5"):
            assert f"brochures/{prefix}/network-{size}.pdf" in jobs
            assert f"brochures/{prefix}/novi-sad-{size}.pdf" in jobs
        assert f"brochures/{prefix}/kragujevac-a5.pdf" not in jobs  # nothing is listed there: no brochure


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "expected", "not_expected"),
    [
        (
            "brochures/sr-cyrl/nis-a5.pdf",
            ["Ниш", "Помоћ око смештаја", "Стан и смештај", "Шта да понесете", "Садржај"],
            ["Pomoć oko smeštaja", "What to bring"],
        ),
        (
            "brochures/mk/nis-a5.pdf",
            ["Ниш", "Помош околу сместување", "Место за живеење", "Што да понесете", "Содржина"],
            ["Помоћ око смештаја"],
        ),
        ("brochures/cs/opava-a5.pdf", ["Opava", "Resocializační program", "Obsah"], ["Contents"]),
        (
            "brochures/sq/novi-sad-a5.pdf",
            # opening hours: weekdays written out, on the 24-hour clock Albanian writes them with
            [
                "Novi Sadi",
                "Ndihmë juridike falas",
                "Ndihma juridike",
                "Çfarë të merrni me vete",
                "E hënë – e premte: 09:00 – 13:00",
            ],
            ["Besplatna pravna pomoć", "p.d.", "e hën –"],
        ),
        ("brochures/rom/nis-a4.pdf", ["Niš", "Ažutipe vaš o kher", "Kher thaj stano", "So te anen tumenca"], ["Ниш"]),
    ],
)
def test_each_brochure_speaks_its_language_in_its_own_script(sample, name, expected, not_expected):
    text = text_of(sample[0][name])
    for words in expected:
        assert words in text, (name, words)
    for words in not_expected:
        assert words not in text, (name, words)


def _fonts(reader: PdfReader) -> list:
    """Every font a page or a drawing (form XObject, as the maps and QR codes may be) uses."""
    fonts, seen = [], set()

    def visit(resources):
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            if font.idnum not in seen:
                seen.add(font.idnum)
                fonts.append(font.get_object())
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return fonts


@pytest.mark.slow
def test_every_font_is_the_themes_noto_sans_embedded_as_a_subset(sample):
    for name, data in sample[0].items():
        fonts = _fonts(PdfReader(io.BytesIO(data)))
        assert fonts, name
        for font in fonts:
            descriptor_owner = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
            descriptor = descriptor_owner["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (name, font["/BaseFont"])
            # a subset (six letters and +) of the theme's font, named by its @font-face family; never a
            # system font that fallback found for a letter the theme's font lacks (DejaVu, Liberation)
            assert re.fullmatch(r"/[A-Z]{6}\+Portal-Print-Sans(-Bold)?", font["/BaseFont"]), (name, font["/BaseFont"])


def test_the_print_stylesheet_loads_its_fonts_from_the_theme_only():
    css = (REPO / "src/portal/themes/default/print/print.css").read_text(encoding="utf-8")
    sources = re.findall(r"src:\s*([^;]+);", css)
    assert sources == [
        'url("../fonts/NotoSans-Regular.woff2") format("woff2")',
        'url("../fonts/NotoSans-Bold.woff2") format("woff2")',
    ]
    assert "local(" not in css
    # one family, with a name no installed font has, so nothing else can be picked by name
    assert set(re.findall(r"font-family:\s*([^;]+);", css)) == {'"Portal Print Sans"'}
    assert (REPO / "src/portal/themes/default/fonts/OFL.txt").is_file()


@pytest.mark.slow
def test_pages_are_the_configured_size_and_their_number_is_sane(sample):
    for name, data in sample[0].items():
        reader = PdfReader(io.BytesIO(data))
        width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
        assert (round(width, 1), round(height, 1)) == tuple(round(v, 1) for v in (A4 if name.endswith("-a4.pdf") else A5))
        limit = 16 if "network" in name else 6
        assert 2 <= len(reader.pages) <= limit, (name, len(reader.pages))


@pytest.mark.slow
def test_metadata_title_language_dates_bookmarks_and_tags(sample):
    reader = PdfReader(io.BytesIO(sample[0]["brochures/sr-cyrl/nis-a5.pdf"]))
    info = reader.metadata
    assert info["/Title"] == "Ниш: Подршка после повратка и после затвора"
    # the newest check of the entries in it, not the day it was made: the same content gives the same file; Niš's
    # entries are all examples that nobody checked, so the file claims no date at all
    assert "/CreationDate" not in info and "/ModDate" not in info
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sr-Cyrl"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root  # a tagged PDF
    outline = reader.outline
    assert outline[0].title == "Ниш"
    # the needs in the order site.yml lists them, as on the place's page
    assert [item.title for item in outline[1]] == ["Здравље и лекари", "Школа и вртић", "Посао", "Стан и смештај"]


@pytest.mark.slow
def test_the_network_brochure_has_the_about_text_the_network_and_the_services_by_need(sample):
    text = text_of(sample[0]["brochures/sr-cyrl/network-a5.pdf"])
    for words in (
        "Мреже подршке",
        "Мрежа организација за постпеналну подршку Србије (МОППС)",
        "Садржај",
        "Стан и смештај",
        "Помоћ око смештаја",
        "Бесплатна правна помоћ",
    ):
        assert words in text, words


@pytest.mark.slow
def test_the_same_html_gives_the_same_bytes(sample):
    pdfs, jobs, theme, config = sample
    job = jobs["brochures/mk/nis-a5.pdf"]
    again = PrintStylesheet(theme.css, theme.css_base).render(job.html, config.base_url, job.digest)
    assert again == pdfs[job.output]  # made in this process, the first in a worker


def test_brochures_list_members_and_services_in_the_alphabetical_order_of_their_language(site):
    """As the pages do: č after c and š after s in Serbian Latin and Cyrillic, beside their base letters in English."""
    for entry_id, title in {"cuvari": "Čuvari (primer)", "svetionik": "Svetionik (primer)", "sansa": "Šansa (primer)"}.items():
        write(
            site / f"content/organisations/{entry_id}/facts.yml",
            "type: civil-society\ncountry: RS\nmemberships:\n  - network: mreza\n    role: member\nlast_verified: 2026-11-01\n",
        )
        write(site / f"content/organisations/{entry_id}/sr-Latn.md", f"---\ntitle: {title}\n---\n")
    services = {"citaonica": "Čitaonica (primer)", "centar": "Centar (primer)", "salter": "Šalter (primer)"}
    services["savetovaliste"] = "Savetovalište (primer)"
    for entry_id, title in services.items():
        write(
            site / f"content/services/{entry_id}/facts.yml",
            "provider: neostart\naudiences: [families]\ncategories: [legal-aid]\nmunicipalities: [novi-sad]\n"
            "last_verified: 2026-11-01\n",
        )
        write(site / f"content/services/{entry_id}/sr-Latn.md", f"---\ntitle: {title}\n---\nTekst.\n")
    stages = run_stages(site)

    def order(language: str) -> tuple[list[str], list[str], list[str]]:
        views = BrochureViews(stages.site, stages.localised, language)
        network = views.network()
        place = views.municipality(stages.site.get("municipalities", "novi-sad"))
        return (
            [card.title.text for card in network.networks[0].members],
            [card.title.text for card in network.needs[0].services],
            [card.title.text for card in place.groups[0].services],
        )

    members, listed, here = order("sr-Latn")
    assert members == ["Čuvari (primer)", "Neostart", "Svetionik (primer)", "Šansa (primer)"]
    serbian = ["Besplatna pravna pomoć", "Centar (primer)", "Čitaonica (primer)", "Savetovalište (primer)", "Šalter (primer)"]
    assert listed == here == serbian
    members, listed, here = order("en")  # the Serbian titles, as the English texts are missing
    assert members == ["Čuvari (primer)", "Neostart", "Šansa (primer)", "Svetionik (primer)"]
    english = ["Besplatna pravna pomoć", "Centar (primer)", "Čitaonica (primer)", "Šalter (primer)", "Savetovalište (primer)"]
    assert listed == here == english
    members, listed, here = order("sr-Cyrl")
    assert members == ["Неостарт", "Светионик (пример)", "Чувари (пример)", "Шанса (пример)"]
    cyrillic = ["Бесплатна правна помоћ", "Саветовалиште (пример)", "Центар (пример)", "Читаоница (пример)", "Шалтер (пример)"]
    assert listed == here == cyrillic


def test_qr_codes_are_full_qr_codes_of_the_entries_addresses():
    url = "https://portal.example.org/sr-cyrl/services/example-housing-nis/"
    svg = QrCodes().svg(url)
    code = segno.make_qr(url, error="m")
    assert code.is_micro is False
    # the drawing is that code: its size is the code's plus the quiet zone of four modules on each side
    assert f'viewBox="0 0 {code.symbol_size(scale=1, border=4)[0]} {code.symbol_size(scale=1, border=4)[1]}"' in svg
    assert code.designator.startswith(str(code.version))


@pytest.mark.slow
def test_qr_codes_in_the_pdf_decode_to_the_entries_pages(sample, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp", reason="no QR decoder installed (zxing-cpp, in the test extra)")
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian's poppler-utils) is not installed")
    pdf = tmp_path / "nis.pdf"
    pdf.write_bytes(sample[0]["brochures/sr-cyrl/nis-a5.pdf"])
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(pdf), str(tmp_path / "page")], check=True)
    found = set()
    for image in sorted(tmp_path.glob("page-*.png")):
        found |= {result.text for result in zxingcpp.read_barcodes(Image.open(image))}
    base = "https://portal.example.org/sr-cyrl/"
    assert {
        f"{base}services/example-housing-nis/",
        f"{base}services/example-school-enrolment-nis/",
        f"{base}municipalities/nis/",
    } <= found  # the resources, and on the cover the place's own page


# ---------------------------------------------------------------- a whole build: files, links, rebuilding only what changed


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The minimal fixture site, built once with its brochures (A5, the default)."""
    root = tmp_path_factory.mktemp("brochures")
    site = root / "site"
    shutil.copytree(FIXTURES / "minimal", site)
    result = build(site, BuildOptions(out=root / "public", brochures=True))
    assert result.written, result.errors
    return site, root / "public", result


@pytest.fixture
def copy_of_built(built, tmp_path):
    site, out, _result = built
    shutil.copytree(site, tmp_path / "site")
    shutil.copytree(out, tmp_path / "public")
    return tmp_path / "site", tmp_path / "public"


@pytest.mark.slow
def test_build_with_brochures_writes_one_per_language_and_links_them(built):
    _site, out, result = built
    assert sorted(result.brochures.rendered) == sorted(
        f"brochures/{prefix}/{name}-a5.pdf" for prefix in ("sr-latn", "sr-cyrl", "cs", "en") for name in ("network", "novi-sad")
    )
    home = (out / "sr-latn/index.html").read_text(encoding="utf-8")
    kilobytes = round((out / "brochures/sr-latn/network-a5.pdf").stat().st_size / 1024)
    assert f'<a href="/brochures/sr-latn/network-a5.pdf" type="application/pdf">PDF, A5, {kilobytes} KB</a>' in home
    place = (out / "sr-cyrl/municipalities/novi-sad/index.html").read_text(encoding="utf-8")
    assert 'href="/brochures/sr-cyrl/novi-sad-a5.pdf"' in place
    text = text_of((out / "brochures/sr-latn/network-a5.pdf").read_bytes())
    assert "Neostart" in text and "Besplatna pravna pomoć" in text  # the network's member, the services by need


@pytest.mark.slow
def test_an_unchanged_site_renders_no_brochure_and_leaves_the_files_as_they_were(copy_of_built):
    site, out = copy_of_built
    before = tree(out / "brochures")
    result = build(site, BuildOptions(out=out, brochures=True))
    assert result.brochures.rendered == []
    assert len(result.brochures.kept) == 8
    assert tree(out / "brochures") == before


@pytest.mark.slow
def test_a_change_renders_only_the_brochures_it_touches(copy_of_built):
    site, out = copy_of_built
    before = tree(out / "brochures")
    write(site / "content/municipalities/novi-sad/cs.md", "---\ntitle: Nový Sad (Novi Sad)\n---\n")
    result = build(site, BuildOptions(out=out, brochures=True))
    assert result.brochures.rendered == ["brochures/cs/novi-sad-a5.pdf"]
    after = tree(out / "brochures")
    assert {name for name in after if after[name] != before.get(name)} == {"cs/novi-sad-a5.pdf", "manifest.json"}
    assert "Nový Sad (Novi Sad)" in text_of(after["cs/novi-sad-a5.pdf"])


@pytest.mark.slow
def test_a_build_without_the_flag_keeps_unchanged_brochures_and_drops_outdated_ones(copy_of_built, capsys):
    site, out = copy_of_built
    write(site / "content/municipalities/novi-sad/cs.md", "---\ntitle: Nový Sad (Novi Sad)\n---\n")
    status, stdout, stderr = run_portal(capsys, "--site", str(site), "build", "--out", str(out))
    assert status == 0
    assert "1 brochure(s) are out of date and were left out" in stderr
    assert not (out / "brochures/cs/novi-sad-a5.pdf").exists()  # never hand out a leaflet with old facts
    assert "/brochures/cs/novi-sad-a5.pdf" not in (out / "cs/municipalities/novi-sad/index.html").read_text(encoding="utf-8")
    assert (out / "brochures/cs/network-a5.pdf").is_file()
    assert 'href="/brochures/cs/network-a5.pdf"' in (out / "cs/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_site_that_never_made_brochures_builds_without_them(site, capsys):
    assert run_portal(capsys, "--site", str(site), "build")[0] == 0
    assert not (site / "public/brochures").exists()
    assert "brochures/" not in (site / "public/sr-latn/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_portal_brochures_writes_only_the_brochures_and_portal_build_then_links_them(site, capsys):
    out = site / "public"
    write(out / "keep.txt", "not a brochure")
    status, stdout, _ = run_portal(capsys, "--site", str(site), "brochures")
    assert status == 0, stdout
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(
        ["keep.txt", "brochures/manifest.json"]
        + [
            f"brochures/{prefix}/{name}-a5.pdf"
            for prefix in ("sr-latn", "sr-cyrl", "cs", "en")
            for name in ("network", "novi-sad")
        ]
    )
    before = tree(out / "brochures")
    assert run_portal(capsys, "--site", str(site), "brochures")[1].splitlines()[-1] == f"Wrote 0 files into {out}"
    assert run_portal(capsys, "--site", str(site), "build")[0] == 0
    assert tree(out / "brochures") == before
    assert 'href="/brochures/en/network-a5.pdf"' in (out / "en/index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- configuration and themes


def _errors(site: Path, capsys) -> list[str]:
    _status, _out, err = run_portal(capsys, "--site", str(site), "check")
    return [line for line in err.splitlines() if ": error: " in line]


def test_brochure_settings_are_checked_with_the_fix(site, capsys):
    write(site / "site.yml", (site / "site.yml").read_text() + "brochures:\n  size: [A5]\n  municipalities: yes please\n")
    assert _errors(site, capsys) == [
        "site.yml:27: error: unknown brochure setting `size`; did you mean `sizes`?",
        "site.yml:28: error: municipalities must be true or false; write `municipalities: true` for a brochure per municipality",
    ]
    write(site / "site.yml", (FIXTURES / "minimal/site.yml").read_text() + "brochures:\n  sizes: [A3, a5, A5]\n")
    assert _errors(site, capsys) == [
        "site.yml:27: error: `A3` is not a paper size for brochures; write one of: `A4`, `A5`",
        "site.yml:27: error: paper size `A5` is listed twice; remove one",
    ]
    write(site / "site.yml", (FIXTURES / "minimal/site.yml").read_text() + "brochure:\n  sizes: [A4]\n")
    assert _errors(site, capsys) == ["site.yml:26: error: unknown setting `brochure`; did you mean `brochures`?"]


def test_the_configured_sizes_and_no_municipality_brochures(site):
    write(site / "site.yml", (site / "site.yml").read_text() + "brochures:\n  sizes: [A4]\n  municipalities: false\n")
    loaded = load_site(site, tuple(KINDS))
    config, problems = read_config(loaded.config)
    assert problems == [] and config.brochures.sizes == ("A4",) and config.brochures.municipalities is False
    site_model, _ = validate(loaded, config, datetime.date.today())
    jobs = plan_brochures(site_model, localise(site_model), site, PrintTheme.load(Theme.load(site)), [])
    assert [job.output for job in jobs] == [f"brochures/{prefix}/network-a4.pdf" for prefix in ("sr-latn", "sr-cyrl", "cs", "en")]


@pytest.mark.slow
def test_a_sites_own_print_template_replaces_the_themes_and_its_mistakes_name_its_line(site, capsys):
    write(
        site / "print/brochure-municipality.html",
        '{% extends "_brochure.html" %}\n{% block heading %}{{ brochure.titel }}{% endblock %}\n',
    )
    status, _out, err = run_portal(capsys, "--site", str(site), "brochures")
    assert status == 1
    assert (
        "print/brochure-municipality.html:2: error: the brochure template failed on brochures/sr-latn/novi-sad-a5.pdf "
        "and 3 more: `titel` is not part of the view PlaceBrochure; did you mean `title`?"
    ) in err
