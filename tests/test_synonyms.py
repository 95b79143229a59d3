"""Everyday words for search (portal.synonyms, locales/synonyms/<language>.yml) and what search indexes of a page
besides its words (portal.outputs.search.records): the everyday words it answers, other names, facts as people
write them, stems, and the lower weight of pages about the site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, run_stages, write
from portal.configure import configure
from portal.i18n.fold import fold_text
from portal.i18n.stem import stemmer_for
from portal.load import load_site
from portal.outputs.search.index import record_html, vocabulary
from portal.outputs.search.records import ABOUT_THE_SITE, page_records
from portal.schema import KINDS

THEME_SYNONYMS = REPO / "src/portal/themes/default/locales/synonyms"


def synonyms_of(site: Path):
    """The everyday words of each language, as the config stage reads them, and the problems of their files."""
    setup, problems = configure(site, load_site(site, tuple(KINDS)))
    assert setup is not None, problems
    return setup.synonyms, [problem for problem in problems if problem.source.path.startswith("locales/synonyms")]


def sample_config():
    setup, problems = configure(REPO, load_site(REPO, tuple(KINDS)))
    assert setup is not None, problems
    return setup.config


def records_of(site: Path):
    stages = run_stages(site)
    return {record.output: record for record in page_records(stages.plan.pages, stages.site)}


# ------------------------------------------------------------------------ the theme's everyday words


def test_the_theme_s_files_read_without_a_problem_for_every_language_of_the_sample():
    found, problems = synonyms_of(REPO)
    assert problems == []
    config = sample_config()
    assert sorted(found) == sorted(config.tags)  # Serbian Cyrillic through Serbian Latin


def test_every_need_of_the_sample_has_everyday_words_in_every_language():
    """Each language's file names, for every need, words whose terms are in the need's own title there."""
    found, _ = synonyms_of(REPO)
    config = sample_config()
    for language in config.languages:
        source = language.transliterate_from or language.tag
        stemmer = stemmer_for(source)
        for need in config.categories:
            title = next(
                line.partition(":")[2].strip().strip('"')
                for line in (REPO / "content/categories" / need / f"{source}.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("title:")
            )
            title_stems = {stemmer.stem(word) if stemmer else word for word in fold_text(title).split()}
            answering = [
                synonym.words
                for synonym in found[language.tag]
                for term in synonym.terms
                if {stemmer.stem(word) if stemmer else word for word in fold_text(term).split()} <= title_stems
            ]
            assert len(answering) >= 3, (language.tag, need, title, answering)


# ------------------------------------------------------------------------ a site's own words


def test_a_site_s_file_adds_words_and_terms_to_the_theme_s(site):
    write(site / "locales/synonyms/sr-Latn.yml", "advokat: [branilac po službenoj dužnosti]\nfiškal: pravna pomoć\n")
    found, problems = synonyms_of(site)
    assert problems == []
    words = {synonym.words: synonym for synonym in found["sr-Latn"]}
    assert words["advokat"].terms[:2] == ("pravna pomoć", "pravnik")  # the theme's terms first
    assert "branilac po službenoj dužnosti" in words["advokat"].terms
    assert words["fiškal"].terms == ("pravna pomoć",) and words["fiškal"].source.path == "locales/synonyms/sr-Latn.yml"
    assert "fiškal" in {synonym.words for synonym in found["sr-Cyrl"]}  # Cyrillic readers find it too


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("advokat:\n", 1, "after the colon, write the word the pages use for it"),
        ("advokat: [pravna pomoć, {a: b}]\n", 1, "after the colon, write the word the pages use for it"),
        ("ok: pravna pomoć\n'...': pravna pomoć\n", 2, "has no letters or digits to search for"),
        ("advokat: [pravna pomoć\n", 0, ""),  # YAML that cannot be read: reported by the parser
    ],
)
def test_a_mistake_in_a_site_s_file_is_reported_with_its_line(site, text, line, message):
    write(site / "locales/synonyms/sr-Latn.yml", text)
    _found, problems = synonyms_of(site)
    assert problems, text
    assert all(problem.source.path == "locales/synonyms/sr-Latn.yml" for problem in problems)
    if message:
        assert [(problem.source.line, message in problem.format()) for problem in problems] == [(line, True)]


def test_a_file_for_no_language_of_the_site_is_named_as_such(site):
    write(site / "locales/synonyms/sr.yml", "advokat: pravna pomoć\n")
    _found, problems = synonyms_of(site)
    assert [problem.source.path for problem in problems] == ["locales/synonyms/sr.yml"]
    assert "sr-Latn" in problems[0].format()  # the closest language tag is suggested


# ------------------------------------------------------------------------ what a record holds


def test_a_page_answers_the_everyday_words_whose_terms_it_uses_weighted_by_where(site):
    records = records_of(site)
    need, service = records["sr-latn/needs/legal-aid/index.html"], records["sr-latn/services/pravna-pomoc/index.html"]
    in_title = dict(need.everyday)
    assert max(in_title) == 5.0 and "advokat" in in_title[5.0].split()  # the need's title is "Pravna pomoć"
    assert any("advokat" in words.split() for _weight, words in service.everyday)
    cyrillic = records["sr-cyrl/needs/legal-aid/index.html"]
    assert any("advokat" in words.split() for _weight, words in cyrillic.everyday)
    english = records["en/needs/legal-aid/index.html"]
    assert any("lawyer" in words.split() for _weight, words in english.everyday)
    assert not any("lawyer" in words.split() for _weight, words in need.everyday)  # each language its own words


def test_phone_numbers_are_indexed_in_every_common_written_form(site):
    record = records_of(site)["en/services/pravna-pomoc/index.html"]  # +381 21 123 456
    forms = set(record.facts.split())
    assert {"38121123456", "021123456", "21123456", "123456"} <= forms
    assert record.phone == "+381 21 123456" or record.phone.startswith("+381") or record.phone.startswith("021")
    assert record.tel == "+38121123456"


def test_other_names_and_e_mail_addresses_are_found_in_every_language(site):
    facts = site / "content/organisations/neostart/facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8") + "aliases: [NSTRT, НСТРТ]\n")
    records = records_of(site)
    for prefix in ("sr-latn", "sr-cyrl", "cs", "en"):
        record = records[f"{prefix}/organisations/neostart/index.html"]
        assert record.names.split() == ["nstrt", "nstrt"]  # as typed in either script
        assert {"info", "example", "org"} <= set(record.facts.split())  # info@example.org, and `info` alone
        assert '<p data-pagefind-weight="5">nstrt nstrt</p>' in record_html(record)


def test_pages_about_the_site_weigh_less_than_the_entries_readers_look_for(site):
    records = records_of(site)
    about, service = records["en/about/index.html"], records["en/services/pravna-pomoc/index.html"]
    assert about.weight == ABOUT_THE_SITE < 1 == service.weight
    assert "<h1>" not in record_html(about) and f'data-pagefind-weight="{7 * ABOUT_THE_SITE:g}"' in record_html(about)
    assert record_html(service).count("<h1>") == 1


def test_the_vocabulary_holds_each_word_once_as_written(site):
    records = records_of(site)
    words = vocabulary(record for record in records.values() if record.language == "sr-Latn")
    listed = json.loads(words)
    assert "pomoć" in listed and "pomoc" not in listed  # as written, with its marks
    assert len({fold_text(word) for word in listed}) == len(listed)
    assert not [word for word in listed if word.isdigit() or len(word) < 3]
