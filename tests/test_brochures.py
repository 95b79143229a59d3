"""Printable brochures: the PDFs a reader holds, their fonts, QR codes and metadata, and rebuilding only what changed."""

from __future__ import annotations

import datetime
import io
import math
import re
import shutil
import statistics
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
    "brochures/sr-cyrl/partners-a5.pdf",
    "brochures/de_rom/nis-a4.pdf",
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
            ["Ниш", "Помоћ око смештаја", "Стан и смештај", "Шта да понесете", "Шта вам треба?", "Чувајте овај папир"],
            ["Pomoć oko smeštaja", "What to bring"],
        ),
        (
            "brochures/mk/nis-a5.pdf",
            ["Ниш", "Помош околу сместување", "Место за живеење", "Што да понесете", "Што ви треба?", "Ваше лице за контакт:"],
            ["Помоћ око смештаја"],
        ),
        ("brochures/cs/opava-a5.pdf", ["Opava", "Resocializační program", "Co potřebujete?"], ["What do you need?"]),
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
        limit = 16 if "network" in name else 8  # large type: a service to a page on A5
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
def test_the_families_brochure_opens_with_keep_this_paper_and_the_services_and_leaves_the_history_to_partners(sample):
    text = text_of(sample[0]["brochures/sr-cyrl/network-a5.pdf"])
    first_page = re.sub(r"\s+", " ", PdfReader(io.BytesIO(sample[0]["brochures/sr-cyrl/network-a5.pdf"])).pages[0].extract_text())
    for words in ("Чувајте овај папир", "Ваша контакт особа:", "Телефон:", "Шта вам треба?", "Стан и смештај"):
        assert words in first_page, words  # the cover: keep it, the staff's box, the needs
    for words in ("Стан и смештај", "Помоћ око смештаја", "Бесплатна правна помоћ", "Нови Сад", "Ниш"):
        assert words in text, words  # the services by need, each with its town
    assert "Мрежа организација за постпеналну подршку Србије (МОППС)" not in text  # the network's history: partners'
    partners = text_of(sample[0]["brochures/sr-cyrl/partners-a5.pdf"])
    assert "Мреже подршке" in partners and "Мрежа организација за постпеналну подршку Србије (МОППС)" in partners


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
        network, partners = views.network(), views.partners()
        place = views.municipality(stages.site.get("municipalities", "novi-sad"))
        return (
            [card.title.text for card in partners.networks[0].members],
            [card.title.text for card in network.needs[0].services],
            [card.title.text for card in place.needs[0].services],
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


def test_qr_codes_are_full_qr_codes_at_level_q_or_better_and_the_drawing_is_the_symbol():
    """Error correction Q (a quarter of the code restored: a fold, a toner streak); H where it costs no module."""
    for data in ("https://portal.example.org/s/sr-cyrl/4tqtb/", "https://help.example.org/s/sr-latn/4tqtb/", "tel:+381211234567"):
        svg = QrCodes().svg(data)
        code = segno.make_qr(data, error="q", boost_error=True)
        assert code.is_micro is False and code.error in ("Q", "H"), data
        side = code.symbol_size(scale=1, border=0)[0]
        # no quiet zone in the drawing: the stylesheet's white padding is it, so the drawing's size is the symbol's
        assert f'viewBox="0 0 {side} {side}"' in svg and f"<title>{data}</title>" in svg
        # a short address needs at most version 4 (33 modules): modules of 0.8 mm in a code of 27 mm
        assert side <= 33, (data, side)


# ---------------------------------------------------------------- the paper: type size and codes, measured in every brochure

DPI = 150  # the resolution the pages are rendered at to find the codes: a phone camera sees about as much


def letter_sizes(pdf: bytes) -> list[float]:
    """The size in points of every letter of a PDF, as it is printed: the font size scaled by the text and
    transformation matrices (pypdf's visitor), each letter counted once."""
    sizes: list[float] = []

    def visit(text, cm, tm, _font, size):
        letters = len(text.strip())
        if letters:
            sizes.extend([round(size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), 2)] * letters)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def scanned_codes(pdf: Path, folder: Path) -> list[tuple[str, float]]:
    """Each QR code zxing-cpp finds on the pages rendered at DPI: what it holds and the side of its symbol in mm."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="no QR decoder installed (zxing-cpp, in the test extra)")
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian's poppler-utils) is not installed")
    stem = folder / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(stem)], check=True)
    found = []
    for image in sorted(folder.glob(f"{pdf.stem}-*.png")):
        for result in zxingcpp.read_barcodes(Image.open(image), formats=zxingcpp.BarcodeFormat.QRCode):
            corners = result.position
            side = math.dist((corners.top_left.x, corners.top_left.y), (corners.top_right.x, corners.top_right.y))
            found.append((result.text, side / DPI * 25.4))
        image.unlink()
    return found


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    """The minimal fixture site with every kind of brochure: both sizes, a pair of languages, the network's phone."""
    root = tmp_path_factory.mktemp("paper")
    site = root / "site"
    shutil.copytree(FIXTURES / "minimal", site)
    settings = 'contact:\n  phone: "+381 11 234 5678"\nbrochures:\n  sizes: [A5, A4]\n  pairs: [[cs, sr-Latn]]\n'
    write(site / "site.yml", (site / "site.yml").read_text(encoding="utf-8") + settings)
    result = build(site, BuildOptions(out=root / "public", brochures=True))
    assert result.written and not result.errors, result.errors
    return site, root / "public", result


@pytest.mark.slow
def test_every_kind_of_brochure_is_made_in_every_size(paper):
    _site, out, _result = paper
    made = sorted(path.relative_to(out / "brochures").as_posix() for path in (out / "brochures").rglob("*.pdf"))
    single = [
        f"{prefix}/{name}-{size}.pdf"
        for prefix in ("cs", "en", "sr-cyrl", "sr-latn")
        for name in ("network", "novi-sad", "partners")
        for size in ("a4", "a5")
    ]
    pair = [f"cs_sr-latn/{name}-{size}.pdf" for name in ("network", "novi-sad") for size in ("a4", "a5")]
    assert made == sorted(single + pair)


@pytest.mark.slow
def test_every_brochure_has_body_text_of_at_least_12_pt_and_nothing_below_10_pt(paper):
    _site, out, _result = paper
    for pdf in sorted((out / "brochures").rglob("*.pdf")):
        sizes = letter_sizes(pdf.read_bytes())
        assert statistics.median(sizes) >= 12, (pdf.name, statistics.median(sizes))
        assert min(sizes) >= 10, (pdf.name, min(sizes))  # the running headers: 10 pt
        # headings clearly larger than the text
        assert max(sizes) >= 1.5 * statistics.median(sizes), pdf.name


@pytest.mark.slow
def test_every_qr_code_in_every_brochure_scans_is_at_least_25_mm_and_holds_a_short_address_or_a_number(paper, tmp_path):
    site, out, _result = paper
    config = read_config(load_site(site, tuple(KINDS)).config)[0]
    for pdf in sorted((out / "brochures").rglob("*.pdf")):
        codes = scanned_codes(pdf, tmp_path)
        assert codes, pdf
        for data, side in codes:
            assert side >= 25, (pdf, data, round(side, 1))
            assert re.fullmatch(r"https://help\.example\.org/(s/[a-z-]+/[2-9a-hjkmnp-z]{5}/|[a-z-]+/)|tel:\+\d+", data), data
        texts = {data for data, _side in codes}
        if pdf.stem.startswith(("network", "novi-sad")):  # the families' brochures
            assert "tel:+381112345678" in texts, pdf  # the network's phone, on the cover
            language = pdf.parent.name.split("_")[0]
            assert f"https://help.example.org/s/{language}/4tqtb/" in texts, pdf  # the legal aid service's page
            assert "tel:+38121123456" in texts, pdf  # and its phone
    assert config is not None


@pytest.mark.slow
def test_the_short_addresses_lead_to_the_entries_pages(paper):
    site, out, _result = paper
    # pinned (test_urls): the legal aid service's code; its short address in each language leads to its page there
    for prefix in ("sr-latn", "sr-cyrl", "cs", "en"):
        page = (out / f"s/{prefix}/4tqtb/index.html").read_text(encoding="utf-8")
        target = f"/{prefix}/services/pravna-pomoc/"
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
        assert f'<a href="{target}">' in page and (out / target.strip("/") / "index.html").is_file()
        assert "<script" not in page and "style=" not in page and "<style" not in page
        assert 'name="robots" content="noindex"' in page
    # every short address printed in any brochure is a page that sends the reader on to an entry's page that exists
    printed = set()
    for pdf in (out / "brochures").rglob("*.pdf"):
        printed |= set(re.findall(r"help\.example\.org/s/[a-z-]+/[a-z0-9]+", text_of(pdf.read_bytes())))
    assert len(printed) >= 8
    for address in printed:
        page = (out / address.removeprefix("help.example.org/") / "index.html").read_text(encoding="utf-8")
        target = re.search(r'<meta http-equiv="refresh" content="0; url=(/[^"]+)">', page)
        assert target and (out / target.group(1).strip("/") / "index.html").is_file(), address
        assert target.group(1).split("/")[1] == address.split("/")[2]  # in the language of the brochure
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/s/" not in sitemap


def tagged_languages(node, found: set[str] | None = None) -> set[str]:
    """The languages (/Lang) the tags of a PDF's structure tree name."""
    found = set() if found is None else found
    node = node.get_object()
    if "/Lang" in node:
        found.add(str(node["/Lang"]))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
            tagged_languages(kid, found)
    return found


@pytest.mark.slow
def test_a_brochure_in_two_languages_says_each_entry_in_both_and_tags_each_part_with_its_language(paper):
    _site, out, _result = paper
    for size in ("a4", "a5"):
        reader = PdfReader(out / f"brochures/cs_sr-latn/novi-sad-{size}.pdf")
        assert reader.trailer["/Root"]["/Lang"] == "cs"
        text = text_of((out / f"brochures/cs_sr-latn/novi-sad-{size}.pdf").read_bytes())
        assert "Besplatna pravna pomoć" in text and "Co potřebujete?" in text and "Šta vam treba?" in text
        languages = tagged_languages(reader.trailer["/Root"]["/StructTreeRoot"])
        assert "sr-Latn" in languages, languages  # the second language's parts say so in the PDF's tags


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
        f"brochures/{prefix}/{name}-a5.pdf"
        for prefix in ("sr-latn", "sr-cyrl", "cs", "en")
        for name in ("network", "partners", "novi-sad")
    )
    home = (out / "sr-latn/index.html").read_text(encoding="utf-8")
    kilobytes = round((out / "brochures/sr-latn/network-a5.pdf").stat().st_size / 1024)
    assert f'<a href="/brochures/sr-latn/network-a5.pdf" type="application/pdf">PDF, A5, {kilobytes} KB</a>' in home
    partners = round((out / "brochures/sr-latn/partners-a5.pdf").stat().st_size / 1024)
    assert f'<a href="/brochures/sr-latn/partners-a5.pdf" type="application/pdf">PDF, A5, za partnere, {partners} KB</a>' in home
    place = (out / "sr-cyrl/municipalities/novi-sad/index.html").read_text(encoding="utf-8")
    assert 'href="/brochures/sr-cyrl/novi-sad-a5.pdf"' in place
    text = text_of((out / "brochures/sr-latn/network-a5.pdf").read_bytes())
    assert "Besplatna pravna pomoć" in text and "+381 21 123456" in text  # the services by need, their phones
    assert "Neostart" in text_of((out / "brochures/sr-latn/partners-a5.pdf").read_bytes())  # the network's member


@pytest.mark.slow
def test_an_unchanged_site_renders_no_brochure_and_leaves_the_files_as_they_were(copy_of_built):
    site, out = copy_of_built
    before = tree(out / "brochures")
    result = build(site, BuildOptions(out=out, brochures=True))
    assert result.brochures.rendered == []
    assert len(result.brochures.kept) == 12
    assert tree(out / "brochures") == before


@pytest.mark.slow
def test_a_change_renders_only_the_brochures_it_touches(copy_of_built):
    site, out = copy_of_built
    before = tree(out / "brochures")
    write(site / "content/municipalities/novi-sad/cs.md", "---\ntitle: Nový Sad (Novi Sad)\n---\n")
    result = build(site, BuildOptions(out=out, brochures=True))
    # the place's own, and the network's, which says in which town each service is
    assert result.brochures.rendered == ["brochures/cs/network-a5.pdf", "brochures/cs/novi-sad-a5.pdf"]
    after = tree(out / "brochures")
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"cs/network-a5.pdf", "cs/novi-sad-a5.pdf", "manifest.json"}
    assert "Nový Sad (Novi Sad)" in text_of(after["cs/novi-sad-a5.pdf"])


@pytest.mark.slow
def test_a_build_without_the_flag_keeps_unchanged_brochures_and_drops_outdated_ones(copy_of_built, capsys):
    site, out = copy_of_built
    write(site / "content/municipalities/novi-sad/cs.md", "---\ntitle: Nový Sad (Novi Sad)\n---\n")
    status, stdout, stderr = run_portal(capsys, "--site", str(site), "build", "--out", str(out))
    assert status == 0
    assert "2 brochures are out of date and were left out" in stderr
    assert not (out / "brochures/cs/novi-sad-a5.pdf").exists()  # never hand out a leaflet with old facts
    assert "/brochures/cs/novi-sad-a5.pdf" not in (out / "cs/municipalities/novi-sad/index.html").read_text(encoding="utf-8")
    assert (out / "brochures/cs/partners-a5.pdf").is_file()  # it names no town: up to date
    assert 'href="/brochures/cs/partners-a5.pdf"' in (out / "cs/index.html").read_text(encoding="utf-8")


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
            for name in ("network", "partners", "novi-sad")
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


def test_pairs_of_languages_are_checked_with_their_lines(site, capsys):
    base = (FIXTURES / "minimal/site.yml").read_text()
    write(
        site / "site.yml",
        base + "brochures:\n  pairs:\n    - [cs, sr-latin]\n    - [cs, cs]\n    - [cs]\n    - [en, cs]\n    - [en, cs]\n",
    )
    assert _errors(site, capsys) == [
        "site.yml:28: error: `sr-latin` in a pair is not a configured language; did you mean `sr-Latn`?",
        "site.yml:29: error: a pair must name two different languages; write e.g. `pairs: [[de, rom], [sr-Latn, rom]]`: "
        "two language tags in each pair",
        "site.yml:30: error: each pair must name two languages; write e.g. `pairs: [[de, rom], [sr-Latn, rom]]`: "
        "two language tags in each pair",
        "site.yml:32: error: the pair `en`, `cs` is listed twice; remove one",
    ]
    write(site / "site.yml", base + "brochures:\n  pairs: [cs, en]\n")
    assert [line.split(": error: ")[0] for line in _errors(site, capsys)] == ["site.yml:27"]  # no pair of two
    write(site / "site.yml", base + "brochures:\n  pairs: [[en, cs]]\n")
    assert _errors(site, capsys) == []
    config, problems = read_config(load_site(site, tuple(KINDS)).config)
    assert problems == [] and config is not None and config.brochures.pairs == (("en", "cs"),)


@pytest.mark.slow
def test_portal_check_renders_no_pdf_even_when_site_yml_asks_for_brochures_with_every_build(site, capsys, monkeypatch, tmp_path):
    """The check reads and checks; laying out a PDF takes seconds, and it makes no file."""
    import portal.outputs.brochures as brochures

    def refuse(jobs, *_args, **_kwargs):
        assert jobs == [], "portal check laid out a PDF"
        return []

    monkeypatch.setattr(brochures, "render_pdfs", refuse)
    write(site / "site.yml", (site / "site.yml").read_text() + "brochures:\n  with_every_build: true\n  pairs: [[en, cs]]\n")
    status, _out, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 0, err
    assert not (site / "public").exists()
    # `portal brochures`, which writes no page either, lays them out with their codes drawn
    monkeypatch.undo()
    assert run_portal(capsys, "--site", str(site), "brochures")[0] == 0
    codes = {data for data, _side in scanned_codes(site / "public/brochures/en/network-a5.pdf", tmp_path)}
    assert "https://help.example.org/s/en/4tqtb/" in codes
    # and a mistake in a print template is still found by the check
    write(
        site / "print/brochure-network.html",
        '{% extends "_brochure.html" %}\n{% block cover %}{{ brochure.nedds }}{% endblock %}\n',
    )
    status, _out, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 1 and "print/brochure-network.html:2: error:" in err


def test_the_configured_sizes_and_no_municipality_brochures(site):
    write(site / "site.yml", (site / "site.yml").read_text() + "brochures:\n  sizes: [A4]\n  municipalities: false\n")
    loaded = load_site(site, tuple(KINDS))
    config, problems = read_config(loaded.config)
    assert problems == [] and config.brochures.sizes == ("A4",) and config.brochures.municipalities is False
    site_model, _ = validate(loaded, config, datetime.date.today())
    jobs = plan_brochures(site_model, localise(site_model), site, PrintTheme.load(Theme.load(site)), [])
    assert [job.output for job in jobs] == [
        f"brochures/{prefix}/{name}-a4.pdf" for prefix in ("sr-latn", "sr-cyrl", "cs", "en") for name in ("network", "partners")
    ]


@pytest.mark.slow
def test_a_sites_own_print_template_replaces_the_themes_and_its_mistakes_name_its_line(site, capsys):
    write(
        site / "print/brochure-municipality.html",
        '{% extends "_brochure.html" %}\n{% block cover %}{{ brochure.titel }}{% endblock %}\n',
    )
    status, _out, err = run_portal(capsys, "--site", str(site), "brochures")
    assert status == 1
    assert (
        "print/brochure-municipality.html:2: error: the brochure template failed on brochures/sr-latn/novi-sad-a5.pdf "
        "and 3 more: `titel` is not part of the view PlaceBrochure; did you mean `title`?"
    ) in err


# What a brochure says of a text shown in another language: the language named in the reader's language, marked
# with the lang of that name (the reader's own, or, for a name only the site's settings give, the language's tag).
FALLBACK_NAMES = {
    "en": ("Serbian", "en"),  # the service is written in Serbian only, and English falls back to it
    "cs": ("srbština", "cs"),
    "rom": ("srbikani čhib", "rom"),  # Babel has no Romani: the name from portal's Romani table
    "de": ("Serbisch", "de"),
    "sr-Cyrl": None,  # written from the Serbian text: no notice
}


def test_a_brochure_names_the_language_of_an_untranslated_text_in_the_readers_language_with_its_lang(site):
    config = (site / "site.yml").read_text(encoding="utf-8")
    more = "  - {tag: rom, name: Romani čhib, prefix: rom, fallback: [sr-Latn]}\n  - {tag: de, name: Deutsch, prefix: de, fallback: [sr-Latn]}\n"
    write(site / "site.yml", config.replace("categories:", more + "categories:"))
    stages = run_stages(site)
    theme = PrintTheme.load(Theme.load(site))
    problems: list = []
    jobs = plan_brochures(stages.site, stages.localised, site, theme, problems)
    assert problems == []
    for language, expected in FALLBACK_NAMES.items():
        folder = language.lower()
        htmls = [job.html for job in jobs if job.output.startswith(f"brochures/{folder}/")]
        assert htmls, language
        notices = [
            found for html in htmls for found in re.findall(r'<p class="notice">[^<]*(?:<span[^>]*>[^<]*</span>)?[^<]*</p>', html)
        ]
        notices = [
            notice
            for notice in notices
            if "not translated" in notice or "Dieser Text" in notice or "přeložen" in notice or notice.count("<span")
        ]
        if expected is None:
            assert not any("<span lang=" in notice for notice in notices), language
            continue
        name, lang = expected
        assert f'<span lang="{lang}">{name}</span>' in "".join(notices), (language, notices[:2])
        assert not re.search(r":\s*(?:sr-Latn|sr|en)\.\s*</p>", "".join(notices)), "a language named by its code"
