"""portal's light stemmers (portal.i18n.stem): real inflected forms of each language meet on one stem, words that
only look alike stay apart, and search.js cuts a query's words exactly as the index's were cut (run in Node)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import REPO
from portal.i18n.fold import fold_text
from portal.i18n.stem import PAGEFIND_STEMS, STEMMERS, index_language, own_stemmer, pagefind_stems, stemmer_for

# Forms a reader types and forms the pages use: each group must meet on one stem.
MEET = {
    "cs": [
        "škola školy škole školu školou školách",
        "lékař lékaře lékaři lékařem lékařů",
        "práce práci prací",
        "doklad doklady dokladů dokladech",
        "ruka ruce ruku",
        "Opava Opavě Opavu",
        "služba službě službu služby",
        "dávka dávky dávek",
    ],
    "mk": [
        "лекар лекарот лекари лекарите",
        "училиште училиштето училишта",
        "работа работата работи",
        "градинка градинката градинки",
        "социјален социјална социјално социјални",
        "документ документи документите",
    ],
    "sq": [
        "mjek mjeku mjekun mjekut mjekët",
        "shkollë shkolla shkollën shkollës",
        "punë puna punën punës",
        "kopsht kopshti kopshtit",
        "familje familja familjen familjes",
        "dokument dokumente dokumentet",
    ],
    "rom": [
        "sastipe sastipaske sastipasa",
        "buti butjake butjasa butjatar",
        "škola školake školate školatar",
        "kher khere kheresa kheresko",
        "familija familijake familijasa",
        "doktori doktoreske doktoresa",
    ],
    "sr": [
        "posao posla poslu poslom",
        "lekar lekara lekaru lekari lekarima",
        "škola škole školu školom",
        "Niš Nišu Niša",
        "dokument dokumenta dokumentima",
        "nemam nema nemamo nemate nemaju",  # the present tense, as a reader writes of themselves
        "spavam spava spavamo spavaju",
    ],
}
# Words that must not meet: a small word and a content word, different words with a common beginning.
APART = {
    "sr": [("posle", "posao"), ("pravo", "pravnik"), ("sud", "sudbina")],
    "cs": [("škola", "školka"), ("pas", "pasák")],
    "mk": [("лекар", "лекција")],
    "sq": [("punë", "punëtor")],
    "rom": [("kher", "kheral")],
}


def stems(language: str, words: str) -> dict[str, str]:
    stemmer = stemmer_for(language)
    assert stemmer is not None
    return {word: stemmer.stem(fold_text(word)) for word in words.split()}


@pytest.mark.parametrize("language, group", [(language, group) for language in MEET for group in MEET[language]])
def test_inflected_forms_meet_on_one_stem(language, group):
    found = stems(language, group)
    assert len(set(found.values())) == 1, found


@pytest.mark.parametrize("language, pair", [(language, pair) for language in APART for pair in APART[language]])
def test_words_that_only_look_alike_stay_apart(language, pair):
    first, second = (stems(language, word)[word] for word in pair)
    assert first != second, pair


def test_numbers_and_short_words_are_left_whole():
    for language in STEMMERS:
        stemmer = stemmer_for(language)
        assert stemmer is not None
        assert stemmer.stem("023230401") == "023230401" and stemmer.stem("nis") == "nis"


def test_portal_stems_where_pagefind_does_not_and_serbian_alone():
    for tag in ("cs", "mk", "sq", "rom", "sr-Latn", "sr-Cyrl"):
        assert own_stemmer(tag) is not None and not pagefind_stems(tag), tag
    for tag in ("de", "en"):
        assert own_stemmer(tag) is None and pagefind_stems(tag), tag


def test_pagefind_writes_a_stemming_bundle_exactly_for_the_languages_it_stems(tmp_path):
    """Pagefind writes wasm.<language>.pagefind for a language it stems, wasm.unknown.pagefind otherwise; portal
    tells it Serbian's pages are in a language of its own (index_language), so that a Serbian reader downloads
    no Snowball stemmer (27 KB) that portal does not use."""
    from portal.outputs.search.index import pagefind_executable

    site = tmp_path / "site"
    tags = ("sr", "sr-Latn", "sr-Cyrl", "de", "en", "cs", "sq", "mk", "rom")
    for tag in tags:
        (site / tag).mkdir(parents=True)
        page = f'<html lang="{index_language(tag)}"><body><p>word</p></body></html>'
        (site / tag / "index.html").write_text(page, encoding="utf-8")
    run = subprocess.run(
        [str(pagefind_executable()), "--site", str(site), "--output-path", str(tmp_path / "out"), "--silent"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    written = {path.name for path in (tmp_path / "out").glob("wasm.*.pagefind")}
    assert written == {"wasm.unknown.pagefind", "wasm.de.pagefind", "wasm.en.pagefind"}
    for tag in tags:
        assert (f"wasm.{index_language(tag).lower()}.pagefind" in written) == pagefind_stems(tag), (tag, sorted(written))
    assert "sr" in PAGEFIND_STEMS  # Pagefind could stem Serbian: portal chooses not to let it


def test_search_js_cuts_a_query_as_the_index_was_cut():
    """search.js's own `rewritten` and `stem`, run in Node on every word of the tables, give Python's stems."""
    node = shutil.which("node")
    if node is None:
        print("skipping: no Node.js to run search.js's stemmer (apt-get install nodejs)")
        pytest.skip("no Node.js on PATH to run search.js's stemmer")
    script = (REPO / "src/portal/themes/default/static/search.js").read_text(encoding="utf-8")
    functions = re.search(r"  function rewritten\(.*?\n  }\n  function stem\(.*?\n  }\n", script, re.DOTALL)
    assert functions is not None, "search.js no longer has rewritten() and stem()"
    words = {language: sorted({fold_text(word) for group in MEET[language] for word in group.split()}) for language in MEET}
    words = {
        language: [*found, *(fold_text(word) for pair in APART.get(language, ()) for word in pair)]
        for language, found in words.items()
    }
    rules = {language: STEMMERS[language].as_data() for language in words}
    program = functions.group(0) + (
        f"const words = {json.dumps(words)}; const rules = {json.dumps(rules)};\n"
        "const out = {}; for (const l in words) out[l] = words[l].map(w => stem(rules[l], w));\n"
        "console.log(JSON.stringify(out));\n"
    )
    run = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    in_js = json.loads(run.stdout)
    for language, found in words.items():
        stemmer = STEMMERS[language]
        assert in_js[language] == [stemmer.stem(word) for word in found], language
