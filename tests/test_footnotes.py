"""Footnotes in the reader's language: the "↩" back to the text and the notes' section are named by the page's
own words, never by the Markdown parser's English ("Back to reference 1"), on the pages of every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_portal, write

# Every language of the theme, as the sample site configures them (sr-Cyrl written from sr-Latn).
LANGUAGES = """\
languages:
  - {tag: sr-Latn, name: Srpski, prefix: sr-latn, fallback: [en]}
  - {tag: sr-Cyrl, name: Српски, prefix: sr-cyrl, transliterate_from: sr-Latn, fallback: [en]}
  - {tag: mk, name: Македонски, prefix: mk, fallback: [sr-Cyrl, en]}
  - {tag: cs, name: Čeština, prefix: cs, fallback: [en]}
  - {tag: rom, name: Romani čhib, prefix: rom, fallback: [sr-Latn, en]}
  - {tag: sq, name: Shqip, prefix: sq, fallback: [en, sr-Latn]}
  - {tag: de, name: Deutsch, prefix: de, fallback: [en]}
  - {tag: en, name: English, prefix: en, fallback: [sr-Latn]}
"""
# What a screen reader says for the first back link and for the section, in each language.
WORDS = {
    "sr-latn": ("Nazad na tekst, napomena", "Napomene"),
    "sr-cyrl": ("Назад на текст, напомена", "Напомене"),
    "mk": ("Назад кон текстот, забелешка", "Забелешки"),
    "cs": ("Zpět do textu, poznámka", "Poznámky"),
    "rom": ("Palpale ko teksto, napomena", "Napomene"),
    "sq": ("Kthehu te teksti, shënimi", "Shënime"),
    "de": ("Zurück zum Text, Anmerkung", "Anmerkungen"),
    "en": ("Back to the text, note", "Notes"),
}
# One text with notes for the cmark path, one that markdown-it-py renders (it links a document of the entry's folder).
TEXTS = {
    "cmark": "Neostart pomaže[^1] ljudima posle zatvora[^drugi].\n\n[^1]: Prva napomena.\n[^drugi]: Druga napomena.\n",
    "markdown-it": "Neostart pomaže[^1] ljudima ([obrazac](obrazac.pdf))[^drugi].\n\n[^1]: Prva napomena.\n[^drugi]: Druga.\n",
}


def _sites_pages(site: Path, text: str, out: Path, capsys) -> dict[str, str]:
    config = (site / "site.yml").read_text(encoding="utf-8")
    start, end = config.index("languages:"), config.index("categories:")
    write(site / "site.yml", config[:start] + LANGUAGES + config[end:])
    write(site / "content/organisations/neostart/sr-Latn.md", f"---\ntitle: Neostart\nsummary: Udruženje građana.\n---\n{text}")
    write(site / "content/organisations/neostart/obrazac.pdf", b"%PDF-1.4 a form")
    (site / "content/organisations/neostart/en.md").unlink()
    status, _, err = run_portal(capsys, "--site", str(site), "build", "--out", str(out))
    assert status == 0, err
    return {
        prefix: (out / prefix / "organisations/neostart/index.html").read_text(encoding="utf-8")
        for prefix in WORDS
        if (out / prefix / "organisations/neostart/index.html").exists()
    }


def _name_of(page: str, ids: str) -> str:
    """The accessible name of an element labelled by `ids`: the texts of those elements, joined by spaces."""
    names = []
    for element_id in ids.split():
        found = re.search(rf'<(\w+)[^>]* id="{re.escape(element_id)}"[^>]*>(.*?)</\1>', page, re.S)
        assert found, f"nothing on the page has id {element_id}"
        names.append(re.sub(r"<[^>]+>", "", found.group(2)).strip())
    return " ".join(names)


@pytest.mark.parametrize("parser", TEXTS)
def test_footnotes_are_named_in_the_readers_language(site, tmp_path, capsys, parser):
    pages = _sites_pages(site, TEXTS[parser], tmp_path / "out", capsys)
    assert set(pages) == set(WORDS)
    for prefix, page in pages.items():
        back, title = WORDS[prefix]
        assert "Back to reference" not in page and "Back to content" not in page
        backlinks = re.findall(r'class="footnote-backref"[^>]*aria-labelledby="([^"]+)"', page)
        assert len(backlinks) == 2, prefix
        assert re.fullmatch(rf"{re.escape(back)} \[?1\]?", _name_of(page, backlinks[0])), (prefix, _name_of(page, backlinks[0]))
        assert re.fullmatch(rf"{re.escape(back)} \[?2\]?", _name_of(page, backlinks[1])), prefix
        section = re.search(r'<section class="footnotes" aria-labelledby="([^"]+)"', page)
        assert section and _name_of(page, section.group(1)) == title, prefix
        assert len(re.findall(r'id="footnote-back"', page)) == 1  # one name for every back link of the page
        assert ("data-footnote-backref" in page) == (parser == "cmark")  # each parser really wrote the notes


def test_a_page_without_footnotes_carries_no_words_for_them(site, tmp_path, capsys):
    pages = _sites_pages(site, "Neostart pomaže ljudima posle zatvora.\n", tmp_path / "out", capsys)
    assert pages and all('id="footnote-back"' not in page and 'id="footnotes-title"' not in page for page in pages.values())


@pytest.mark.slow
def test_chromium_names_the_back_links_and_the_notes_in_the_readers_language(site, tmp_path, capsys):
    """What a screen reader is given: the names Chromium computes from the page's own words."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
    from browser_support import launched_chromium, new_page
    from conftest import serve_folder

    _sites_pages(site, TEXTS["cmark"], tmp_path / "out", capsys)
    with serve_folder(tmp_path / "out") as url, launched_chromium(sync_api) as browser:
        page = new_page(browser, url)
        for prefix in ("sr-cyrl", "rom", "de"):
            page.goto(f"/{prefix}/organisations/neostart/")
            back, title = WORDS[prefix]
            for number in (1, 2):
                assert page.get_by_role("link", name=f"{back} {number}", exact=True).count() == 1, (prefix, number)
            assert page.get_by_role("region", name=title, exact=True).count() == 1, prefix
            assert page.get_by_role("link", name=re.compile("Back to")).count() == 0
        page.context.close()
