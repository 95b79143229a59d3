"""Pictures and documents in an entry's own folder: published beside its page, chosen per language, checked by line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import run_portal, write

SERVICE = "content/services/pravna-pomoc"
TEXT = f"{SERVICE}/sr-Latn.md"
HEAD = "---\ntitle: Besplatna pravna pomoć\nsummary: Savet o pravima posle izlaska iz zatvora.\n---\n"
ORIENTATION = 0x0112
GPS = 0x8825


def photo(width: int, height: int, orientation: int = 1, fmt: str = "JPEG") -> bytes:
    """A test picture as a phone writes it: with EXIF metadata (where it was taken, how the phone was held)."""
    image = Image.new("RGB", (width, height), (30, 120, 60))
    for x in range(0, width, 7):  # some detail, so that compression has something to do
        image.putpixel((x, (x * 3) % height), (250, 250, 250))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[GPS] = {1: "N", 2: (44.0, 49.0, 0.0)}
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def build(capsys, site: Path, out: Path) -> tuple[int, str]:
    status, _, err = run_portal(capsys, "--site", str(site), "build", "--out", str(out))
    return status, err


def page(out: Path, language: str) -> str:
    return (out / language / "services/pravna-pomoc/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("size", "orientation", "shown"),
    [
        ((1600, 1200), 1, (720, 540)),  # wider than a phone's column: made smaller, proportions kept
        ((400, 300), 1, (400, 300)),  # small already: its own size
        ((1600, 1200), 6, (720, 960)),  # taken with the phone upright: turned as the camera said, then made smaller
    ],
)
def test_a_picture_beside_an_entry_is_published_small_and_shown_with_its_size_and_words(
    site, tmp_path, capsys, size, orientation, shown
):
    write(site / SERVICE / "ulaz.jpg", photo(*size, orientation=orientation))
    write(site / TEXT, HEAD + "Pravnik odgovara na pitanja.\n\n![Ulaz, zelena vrata](ulaz.jpg)\n")
    status, err = build(capsys, site, tmp_path / "out")
    assert status == 0, err
    for language in ("sr-latn", "sr-cyrl", "cs", "en"):  # the same file name in every language's page folder
        html = page(tmp_path / "out", language)
        url = f"/{language}/services/pravna-pomoc/ulaz.jpg"
        alt = "Улаз, зелена врата" if language == "sr-cyrl" else "Ulaz, zelena vrata"  # the words, as the text, in Cyrillic
        assert f'<img src="{url}" alt="{alt}" width="{shown[0]}" height="{shown[1]}" loading="lazy" decoding="async"' in html
        published = (tmp_path / "out" / url.lstrip("/")).read_bytes()
        with Image.open(io.BytesIO(published)) as image:
            assert image.format == "JPEG"
            assert image.size == shown  # what the page says is what the reader gets
            assert not image.getexif()  # where the photo was taken is not published
        assert len(published) < len((site / SERVICE / "ulaz.jpg").read_bytes()) or size[0] <= 720


def test_pictures_are_published_to_the_same_bytes_on_every_build(site, tmp_path, capsys):
    write(site / SERVICE / "ulaz.jpg", photo(1600, 1200))
    write(site / SERVICE / "plan.png", photo(900, 900, fmt="PNG"))
    write(site / TEXT, HEAD + "![Ulaz](ulaz.jpg) ![Plan zgrade](plan.png)\n")
    outputs = [tmp_path / "first", tmp_path / "second"]
    for out in outputs:
        assert build(capsys, site, out)[0] == 0
    for name in ("ulaz.jpg", "plan.png"):
        first, second = (out / "en/services/pravna-pomoc" / name for out in outputs)
        assert first.read_bytes() == second.read_bytes()


def test_a_missing_picture_or_document_is_reported_on_its_line_with_what_to_do(site, tmp_path, capsys):
    write(site / SERVICE / "ulaz.jpg", photo(200, 100))
    write(
        site / TEXT,
        HEAD
        + "Pravnik odgovara na pitanja.\n\nDonesite\npopunjen [obrazac](obrazac.pdf)\ni ličnu kartu.\n\n![Ulaz](ulazz.jpg)\n",
    )
    status, err = build(capsys, site, tmp_path / "out")
    assert status == 1
    assert (
        f"{TEXT}:8: error: there is no file `obrazac.pdf` in {SERVICE}/; "
        f"put the file obrazac.pdf in the folder {SERVICE}/, beside this text, or correct its name here"
    ) in err
    assert f"{TEXT}:11: error: there is no file `ulazz.jpg` in {SERVICE}/" in err
    assert not (tmp_path / "out").exists()  # nothing is published with a broken picture


@pytest.mark.parametrize(
    ("line", "markdown"),
    [
        ("![](ulaz.jpg)", "a file of the entry"),
        ("![](/static/logo.png)", "a file of the site"),
        ("Tekst ![ ](ulaz.jpg) u redu.", "only a space for words"),
    ],
)
def test_a_picture_without_words_for_who_cannot_see_it_is_an_error_on_its_line(site, tmp_path, capsys, line, markdown):
    write(site / SERVICE / "ulaz.jpg", photo(200, 100))
    write(site / TEXT, HEAD + "Pravnik odgovara.\n\n" + line + "\n")
    status, err = build(capsys, site, tmp_path / "out")
    assert status == 1, markdown
    assert re.search(rf"{re.escape(TEXT)}:7: error: the picture `[^`]+` has no words for readers who cannot see it", err)


# Which form each language's page links: its own, the one its text falls back to, or the default.
VARIANTS = {"obrazac.pdf": b"%PDF default", "obrazac.cs.pdf": b"%PDF cesky", "obrazac.sr-Latn.pdf": b"%PDF srpski"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("cs", b"%PDF cesky"),  # its own variant
        ("sr-latn", b"%PDF srpski"),  # its own variant
        ("sr-cyrl", b"%PDF srpski"),  # no Cyrillic form: the one its text is transliterated from
        ("en", b"%PDF srpski"),  # no English form: as its text, it falls back to sr-Latn (site.yml)
    ],
)
def test_each_language_links_its_variant_of_a_document_with_fallback(site, tmp_path, capsys, language, expected):
    for name, data in VARIANTS.items():
        write(site / SERVICE / name, data)
    write(site / TEXT, HEAD + "Popunite [obrazac](obrazac.pdf).\n")
    assert build(capsys, site, tmp_path / "out")[0] == 0
    html = page(tmp_path / "out", language)
    assert f'<a href="/{language}/services/pravna-pomoc/obrazac.pdf" type="application/pdf">' in html
    assert (tmp_path / "out" / language / "services/pravna-pomoc/obrazac.pdf").read_bytes() == expected


def test_without_a_variant_for_the_language_the_default_is_linked(site, tmp_path, capsys):
    write(site / SERVICE / "obrazac.pdf", b"%PDF default")
    write(site / SERVICE / "obrazac.cs.pdf", b"%PDF cesky")
    write(site / TEXT, HEAD + "Popunite [obrazac](obrazac.pdf).\n")
    assert build(capsys, site, tmp_path / "out")[0] == 0
    for language in ("sr-latn", "sr-cyrl", "en"):
        assert (tmp_path / "out" / language / "services/pravna-pomoc/obrazac.pdf").read_bytes() == b"%PDF default"


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "(PDF, 1,465 KB)"),  # the reader's own way of writing numbers
        ("sr-latn", "(PDF, 1.465 KB)"),
        ("cs", "(PDF, 1\N{NO-BREAK SPACE}465 KB)"),
    ],
)
def test_a_document_link_tells_its_type_and_size_in_the_readers_way(site, tmp_path, capsys, language, label):
    write(site / SERVICE / "obrazac.pdf", b"%PDF" + b"x" * 1_500_000)
    write(site / SERVICE / "uputstvo.docx", b"PK" + b"x" * 20_000)
    write(site / TEXT, HEAD + "Popunite [obrazac](obrazac.pdf) i pročitajte [uputstvo](uputstvo.docx).\n")
    assert build(capsys, site, tmp_path / "out")[0] == 0
    html = page(tmp_path / "out", language)
    assert f'obrazac <span class="file-size">{label}</span></a>' in html
    assert 'uputstvo <span class="file-size">(Word, 20 KB)</span></a>' in html


def test_a_picture_that_cannot_be_read_is_reported(site, tmp_path, capsys):
    write(site / SERVICE / "ulaz.jpg", b"this is not a picture")
    status, err = build(capsys, site, tmp_path / "out")
    assert status == 1
    assert f"{SERVICE}/ulaz.jpg: error: this picture cannot be read" in err


def test_a_brochure_shows_a_picture_of_the_entry_from_its_folder(site, tmp_path, capsys):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the brochure")
    # the partners' edition prints the texts of the about page and of the networks, pictures included
    about = "content/pages/about"
    write(site / about / "zgrada.jpg", photo(800, 600))
    text = (site / about / "sr-Latn.md").read_text(encoding="utf-8")
    write(site / about / "sr-Latn.md", text + "\n![Zgrada mreže](zgrada.jpg)\n")
    status, _, err = run_portal(capsys, "--site", str(site), "brochures", "--out", str(tmp_path / "out"))
    assert status == 0, err
    pdfs = sorted((tmp_path / "out").rglob("partners-*.pdf"))
    assert pdfs
    images = [image for pdf in pdfs for pg in pypdf.PdfReader(pdf).pages for image in pg.images]
    assert images, "the picture is in the brochure"
