"""Search (portal.outputs.search, portal.i18n.fold): folding as people type, the plural rule handed to search.js,
the records, and a real Pagefind index built by `portal build` for every language variant."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import REPO, run_portal, write
from portal.build import build
from portal.config import read_config
from portal.i18n.catalogs import load_translations
from portal.i18n.fold import FOLD_TABLE, WordFolder, fold_text
from portal.i18n.locales import language_format
from portal.i18n.plurals import plural_category, plural_rule_data, plural_samples
from portal.i18n.stem import index_language
from portal.i18n.translit import to_cyrillic
from portal.load import load_site
from portal.localise import localise
from portal.outputs.search import index as search_index_module
from portal.outputs.search.bundle import SIGNATURE
from portal.outputs.search.index import index_records, record_html
from portal.outputs.search.records import page_records
from portal.plan import plan_site
from portal.schema import KINDS
from portal.validate import validate

# ------------------------------------------------------------------------------------------ folding

FOLDER = WordFolder()  # one for the whole module, as a build context keeps one for all its builds


def fold(text, second_spelling=False):
    return FOLDER.fold(text, second_spelling)


def second_spellings(text):
    return FOLDER.second_spellings(text)


def search_records(plan, site):
    return page_records(plan.pages, site)


def search_index(plan, site):
    return index_records(search_records(plan, site), site.config)


@pytest.mark.parametrize(
    "typed, written",
    [
        ("skola", "škola"),
        ("zdravstvena zastita", "Zdravstvena zaštita"),
        ("resocializacni", "resocializační"),  # Czech
        ("shendetesi", "shëndetësi"),  # Albanian
        ("socijalni centar nis", "Socijalni centar Niš"),
        ("dokumenta za dete", "Dokumenta za dete"),
        ("unterstutzung strasse", "Unterstützung Straße"),
    ],
)
def test_typing_without_diacritics_folds_to_the_same_words(typed, written):
    assert fold(typed) == fold(written) == typed


def test_dj_is_how_people_type_dj_and_the_index_also_has_d():
    assert fold("Đorđević, đak") == "djordjevic djak"
    assert fold("Ђорђевић") == "djordjevic"
    assert second_spellings("Đorđević i đak") == ["dak", "dordevic"]
    assert second_spellings("vrtić") == []
    assert second_spellings("помош, škola") == ["pomosh", "shkola"]  # as Macedonian is often typed in Latin


def test_serbian_cyrillic_and_latin_fold_to_the_same_words():
    assert fold("социјални центар Ниш") == fold("socijalni centar Niš") == "socijalni centar nis"
    assert fold("ЉУБАВ, Њива, џеп, ћерка, жена, чаша, шума") == "ljubav njiva dzep cerka zena casa suma"


def test_macedonian_letters_fold_as_macedonians_type_them_in_latin():
    assert fold("Ѓорѓи, ќе, ѕвезда, социјална заштита") == "gjorgji kje dzvezda socijalna zastita"


def test_folding_keeps_only_words():
    assert fold("„Posílení“ – kontakt-osobe (2026).") == "posileni kontakt osobe 2026"


SERBIAN_LATIN = st.text(alphabet="abcčćddžđefghijklljmnnjoprsštuvzž ABCČĆDĐŠŽ", max_size=40)


@given(SERBIAN_LATIN)
def test_any_serbian_text_folds_the_same_in_both_scripts(text):
    assert fold(to_cyrillic(text)) == fold(text)


def test_the_fold_table_is_plain_lower_case_latin():
    """search.js applies the same table; its values need no further folding, so both sides agree."""
    for letter, folded in FOLD_TABLE.items():
        assert letter == letter.lower() and len(letter) == 1
        assert re.fullmatch("[a-z]*", folded), (letter, folded)


# ---------------------------------------------------------------------------- the plural rule as data


@pytest.mark.parametrize("tag", ["sr-Latn", "sr-Cyrl", "mk", "cs", "rom", "sq", "de", "en", "ru", "pl", "ar", "cy", "fr", "sl"])
def test_the_plural_rule_data_gives_babels_category_for_any_count(tag):
    rule = language_format(tag).plural_rule
    data = plural_rule_data(rule)
    for n in [*range(2000), 10**5, 10**6, 10**6 + 1, 2 * 10**6, 10**9 + 21]:
        assert plural_category(data, n) == rule(n), (tag, n)


def test_plural_samples_name_the_smallest_count_of_each_category():
    assert plural_samples(language_format("sr-Latn").plural_rule) == [
        {"category": "other", "n": 0},
        {"category": "one", "n": 1},
        {"category": "few", "n": 2},
    ]
    assert [s["category"] for s in plural_samples(language_format("cs").plural_rule)] == ["other", "one", "few"]
    assert [s["category"] for s in plural_samples(language_format("rom").plural_rule)] == ["other", "one"]


# ------------------------------------------------------------------------------------------ records


def planned(site_dir):
    loaded = load_site(site_dir, tuple(KINDS))
    config, _ = read_config(loaded.config)
    site, _ = validate(loaded, config, datetime.date.today())
    return plan_site(site, localise(site)), site


def test_records_cover_every_entry_page_and_the_start_page_in_every_language(site):
    plan, model = planned(site)
    records = search_records(plan, model)
    outputs = {record.output for record in records}
    assert "sr-cyrl/services/pravna-pomoc/index.html" in outputs
    assert "en/index.html" in outputs
    assert not [
        o for o in outputs if "404" in o or "/search/" in o or o.endswith(("organisations/index.html", "services/index.html"))
    ]
    assert len(records) == 4 * len(model.entries)  # every entry (the start page is an entry) in four variants


def test_a_record_holds_folded_words_and_the_page_s_own_title_and_filters(site):
    plan, model = planned(site)
    record = next(r for r in search_records(plan, model) if r.output == "sr-cyrl/services/pravna-pomoc/index.html")
    assert record.title == "Бесплатна правна помоћ" and record.language == "sr-Cyrl"
    assert record.title_words == "besplatna pravna pomoc"
    assert "licna karta" in f"{record.words} {record.fields}" and "pravnik" in record.words
    assert "neostart" in record.related and "novi sad" in record.related
    assert {name: record.filters[name] for name in ("kind", "place", "need")} == {
        "kind": ["service"],
        "place": ["novi-sad"],
        "need": ["legal-aid"],
    }
    html = record_html(record)
    assert '<html lang="x-sr-cyrl">' in html  # a language Pagefind does not stem: portal stems Serbian (portal.i18n.stem)
    assert '<meta data-pagefind-meta="title[content]" content="Бесплатна правна помоћ">' in html
    assert '<meta data-pagefind-filter="place[content]" content="novi-sad">' in html


def test_an_organisation_is_found_where_and_for_what_its_services_are(site):
    plan, model = planned(site)
    record = next(r for r in search_records(plan, model) if r.output == "en/organisations/neostart/index.html")
    assert record.filters == {"kind": ["organisation"], "place": ["novi-sad"], "need": ["legal-aid"]}


def test_fallback_text_carries_its_language(site):
    plan, model = planned(site)
    record = next(r for r in search_records(plan, model) if r.output == "cs/about/index.html")
    assert record.lang == "sr-Latn" and record.title == "O nama"


# ------------------------------------------------------------------------------------- the real index


@pytest.mark.slow
def test_build_writes_a_pagefind_index_for_every_language_variant(site, capsys):
    status, _, err = run_portal(capsys, "--site", str(site), "build")
    assert status == 0, err
    folders = {"cs": "cs", "en": "en", "sr-cyrl": "sr-cyrl", "sr-latn": "sr-latn"}  # the site's URL prefixes
    assert sorted(path.name for path in (site / "public" / "pagefind").iterdir()) == sorted(folders.values())
    for language, folder in folders.items():
        bundle = site / "public" / "pagefind" / folder
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed = index_language(language).lower()  # Serbian as x-sr-latn, x-sr-cyrl: Pagefind leaves it unstemmed
        assert list(entry["languages"]) == [indexed]  # each bundle holds its own language only
        index = entry["languages"][indexed]
        assert index["page_count"] == 7, language  # the entries of the fixture, and its start page
        assert (bundle / f"pagefind.{index['hash']}.pf_meta").is_file()
        assert list(bundle.glob(f"index/{indexed}_*.pf_index"))
        assert len(list(bundle.glob(f"fragment/{indexed}_*.pf_fragment"))) == 7
        assert len(list(bundle.glob(f"filter/{indexed}_*.pf_filter"))) in (3, 4)  # kind, place, need (cost)
        assert index["wasm"] == ("en" if language == "en" else None)  # Pagefind's stemmer for English only
        assert (bundle / f"wasm.{index['wasm'] or 'unknown'}.pagefind").is_file()
    assert (bundle / "pagefind.js").is_file()
    # Only what search.js uses: no ready-made interface, no worker, no playground.
    assert not [
        p
        for p in bundle.iterdir()
        if p.name.startswith(
            ("pagefind-ui", "pagefind-component", "pagefind-modular", "pagefind-highlight", "pagefind-worker", "playground")
        )
    ]


@pytest.mark.slow
def test_the_indexed_words_are_folded(site, capsys):
    run_portal(capsys, "--site", str(site), "build")
    bundle = site / "public" / "pagefind" / "sr-cyrl"
    fragments = [gzip.decompress(p.read_bytes()) for p in bundle.glob("fragment/*.pf_fragment")]
    service = next(json.loads(f[len(SIGNATURE) :]) for f in fragments if b"pravna-pomoc" in f)
    assert service["url"] == "/sr-cyrl/services/pravna-pomoc/"
    assert service["meta"]["title"] == "Бесплатна правна помоћ"
    assert "besplatna pravna pomoc" in service["content"]
    assert not re.search("[а-я]", service["content"])


@pytest.mark.slow
def test_two_index_builds_are_byte_identical(site):
    plan, model = planned(site)
    first, second = search_index(plan, model), search_index(plan, model)
    assert first == second
    # a bundle per language, so that a reader downloads only their language's index
    assert {"pagefind/sr-latn/pagefind-entry.json", "pagefind/sr-cyrl/pagefind-entry.json", "pagefind/en/pagefind.js"} <= set(
        first
    )


@pytest.mark.slow
def test_the_index_is_made_in_memory_when_there_is_room_and_on_disk_when_not(site, monkeypatch, tmp_path):
    """Pagefind's scratch files go to /dev/shm when it has room, else to the temporary folder. Both give the same
    pages; Pagefind numbers them in the order it finds their files, which on disk is the file system's own."""
    plan, model = planned(site)
    where = []
    real_folder = search_index_module.scratch_folder
    monkeypatch.setattr(search_index_module, "scratch_folder", lambda needed: where.append(real_folder(needed)) or where[-1])
    in_memory = search_index(plan, model)
    assert search_index(plan, model) == in_memory
    full = tmp_path / "full"
    full.mkdir()
    monkeypatch.setattr(search_index_module, "MEMORY_FOLDER", full)
    monkeypatch.setattr(
        search_index_module.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**6, 10**6, 100)
    )  # 100 bytes free
    on_disk = search_index(plan, model)
    assert where[-1] is None  # no room: the system's temporary folder
    fragments = lambda files: {name: data for name, data in files.items() if "/fragment/" in name}  # noqa: E731
    assert fragments(on_disk) == fragments(in_memory) and len(fragments(in_memory)) == 4 * 7

    def counts(files):
        return {
            name: {language: index["page_count"] for language, index in json.loads(data)["languages"].items()}
            for name, data in files.items()
            if name.endswith("pagefind-entry.json")
        }

    assert counts(on_disk) == counts(in_memory)
    if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
        assert where[0] == "/dev/shm"
    else:
        print("no writable /dev/shm here: the first index was made in the temporary folder too")


def test_a_missing_pagefind_binary_is_a_clear_error(site, monkeypatch):
    plan, model = planned(site)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(site / "no-such-pagefind"))
    with pytest.raises(RuntimeError, match="Pagefind"):
        search_index(plan, model)


# ------------------------------------------------------------------------------------ the search page


def test_every_variant_has_a_search_page_linked_from_the_header(site):
    files = build(site).files
    for prefix in ("sr-latn", "sr-cyrl", "cs", "en"):
        assert f"{prefix}/search/index.html" in files
        assert f'<a class="search-link" href="/{prefix}/search/">' in files[f"{prefix}/index.html"].decode("utf-8")


@pytest.mark.parametrize(
    "tag, search, results",
    [
        ("sr-Latn", "Pretraga", ["1 rezultat", "3 rezultata", "5 rezultata", "21 rezultat"]),
        ("sr-Cyrl", "Претрага", ["1 резултат", "3 резултата", "5 резултата", "21 резултат"]),
        ("mk", "Пребарување", ["1 резултат", "3 резултати", "5 резултати", "21 резултат"]),
        ("cs", "Hledání", ["1 výsledek", "3 výsledky", "5 výsledků", "21 výsledků"]),
        ("rom", "Rodipe", ["1 patrin arakhli", "3 patrina arakhle", "5 patrina arakhle", "21 patrina arakhle"]),
        ("sq", "Kërkim", ["1 rezultat", "3 rezultate", "5 rezultate", "21 rezultate"]),
        ("de", "Suche", ["1 Ergebnis", "3 Ergebnisse", "5 Ergebnisse", "21 Ergebnisse"]),
    ],
)
def test_the_search_words_are_translated_with_each_language_s_plural(tag, search, results):
    translations = load_translations(REPO / "src/portal/themes/default/locales", tag, "sr-Latn" if tag == "sr-Cyrl" else None)
    assert translations.gettext("Search") == search
    counts = [translations.ngettext("%(number)s result", "%(number)s results", n) % {"number": n} for n in (1, 3, 5, 21)]
    assert counts == results


def test_only_the_search_page_allows_webassembly_and_loads_the_search_script(site):
    for path, html in build(site).files.items():
        if not path.endswith(".html"):
            continue
        text = html.decode("utf-8")
        if path.endswith("/search/index.html"):
            assert "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self';" in text
            assert re.search(r'<script src="/static/search\.[0-9a-f]{8}\.js" defer></script>', text)
        else:
            assert "wasm-unsafe-eval" not in text and "/static/search." not in text, path


def test_without_javascript_the_search_page_offers_needs_and_places(site):
    html = build(site).files["en/search/index.html"].decode("utf-8")
    assert '<form class="search" id="search" role="search" action="/en/search/" hidden>' in html
    assert '<a href="/en/needs/legal-aid/">' in html and '<a href="/en/municipalities/novi-sad/">' in html


def test_the_search_page_hands_search_js_its_words_plural_rule_and_fold_table(site):
    html = build(site).files["cs/search/index.html"].decode("utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="search-data">(.*?)</script>', html).group(1))
    assert data["bundle"] == "/pagefind/cs/" and data["base"] == "/"
    assert data["fold"] == FOLD_TABLE
    assert set(data["counts"]) == set(data["plural"]) | {"other"}
    assert all("{n}" in words for words in data["counts"].values())
    assert data["plural"] == plural_rule_data(language_format("cs").plural_rule)


@pytest.mark.slow
def test_a_site_served_from_a_sub_folder_finds_its_index_there(site, capsys):
    config = (site / "site.yml").read_text(encoding="utf-8").replace("https://help.example.org/", "https://example.org/help/")
    write(site / "site.yml", config)
    run_portal(capsys, "--site", str(site), "build")
    html = (site / "public/en/search/index.html").read_text(encoding="utf-8")
    assert '"base":"/help/","bundle":"/help/pagefind/en/"' in html
    assert (site / "public/pagefind/en/pagefind.js").is_file()


def test_folding_word_by_word_gives_what_folding_the_whole_text_gives():
    """fold() remembers each written word; no step of the fold may reach across white space."""
    samples = [
        "„Đak“ Škole, Ниш",
        "ΟΔΟΣ ΣΟΦΟΣ σοφός",
        "a\u00a0b\u2007c\u202fd\u3000e",
        "e\u0301 ﬁle ① ² ½",
        "x\u0308\u0301y Ǆungla džungla İstanbul",
        "tab\tnew\nline -- (zagrada) [x](@services/a)",
        "Социјална помош, ќе се јави; Ђорђевић",
        "Romani: čhavo, šukar, ćhib",
    ]
    for text in samples:
        for second in (False, True):
            assert fold(text, second) == fold_text(text, second), text
    assert fold("„Đak“ Škole, Ниш") == "djak skole nis"


@given(st.text(max_size=60))
def test_folding_any_text_word_by_word_gives_what_folding_it_whole_gives(text):
    assert fold(text) == fold_text(text) and fold(text, True) == fold_text(text, True)


@example("s\u030ckola, Z\u030cena, к\u0301е, Ђорђе")  # letters written as a base and a combining mark
@given(
    st.text(alphabet=st.one_of(st.sampled_from("šŠčČžŽđĐђЂшШчЧжЖќЌѓЃкКгГsScCzZ\u030c\u0301Ǆǅǆ -"), st.characters()), max_size=40)
)
def test_second_spellings_found_in_one_pass_are_those_of_folding_the_whole_text_twice(text):
    """fold_with_second() skips words without a letter of a second spelling: it must miss none."""
    folded, second = FOLDER.fold_with_second(text)
    assert folded == fold_text(text)
    assert sorted(second - set(folded.split())) == sorted(set(fold_text(text, True).split()) - set(fold_text(text).split()))
    assert second_spellings(text) == sorted(set(fold_text(text, True).split()) - set(fold_text(text).split()))


def test_the_remembered_words_are_forgotten_at_their_limit_without_losing_the_text_being_folded(monkeypatch):
    """A long preview session folds more distinct words than are kept: the words are let go, never a text's own."""
    folder = WordFolder()
    monkeypatch.setattr(folder, "KEPT", 5)
    text = "Đorđe šeta sa Živkom do škole u Nišu, pa kući"
    for _ in range(2):
        folded, second = folder.fold_with_second(text)
        assert folded == fold_text(text)
        assert second - set(folded.split()) == set(fold_text(text, True).split()) - set(folded.split())
        assert len(folder._folded) <= folder.KEPT + 1  # what is kept stays bounded
    assert folder.fold(text, True) == fold_text(text, True)
