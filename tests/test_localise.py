"""Stage 4, localise (portal.localise): each entry in each language, field by field. A missing field comes from
the next language of the fallback chain and keeps the tag of the language it is written in; Serbian Cyrillic
written from Serbian Latin is Serbian, not a fallback."""

from __future__ import annotations

import pytest

from conftest import copy_of_minimal, run_stages, write
from portal.localise import localise, localise_entry
from portal.model import LocalText

NEOSTART = ("organisations", "neostart")
LEGAL_AID_SERVICE = ("services", "pravna-pomoc")


@pytest.fixture(scope="module")
def minimal(tmp_path_factory):
    """The minimal fixture taken through the stages once, for the tests that change nothing in it."""
    return run_stages(copy_of_minimal(tmp_path_factory.mktemp("localise")))


def localised_in(site_dir):
    """Each entry in each language, by (kind, id, language tag), after the stages before it."""
    return run_stages(site_dir).localised


# ---------------------------------------------------------------- fallback, field by field


def test_a_translation_with_only_a_title_takes_the_other_fields_from_the_next_language(site):
    write(site / "content/organisations/neostart/cs.md", "---\ntitle: Neostart (CZ)\n---\n")
    czech = localised_in(site)[(*NEOSTART, "cs")]
    assert czech.fields["title"] == LocalText("Neostart (CZ)", "cs")
    assert czech.fields["summary"] == LocalText("A citizens' association.", "en", is_fallback=True)
    assert czech.body == LocalText("Neostart helps people after prison.\n", "en", is_fallback=True)
    assert czech.body_source.language == "en"  # Markdown links and lines are read from the English file
    assert czech.fallback_language == "en"  # the main text is English: the page says so, in Czech


def test_a_language_without_a_text_follows_its_chain_to_the_end(minimal):
    # cs falls back on en, which has no "about" text and falls back on sr-Latn
    czech = minimal.localised[("pages", "about", "cs")]
    assert czech.fields["title"] == LocalText("O nama", "sr-Latn", is_fallback=True)
    assert czech.body.lang == "sr-Latn" and czech.body.is_fallback
    assert czech.fallback_language == "sr-Latn"


def test_a_text_in_the_page_s_own_language_is_no_fallback(minimal):
    english = minimal.localised[(*NEOSTART, "en")]
    assert english.fields["title"] == LocalText("Neostart", "en")
    assert english.fallback_language is None


def test_an_entry_written_only_outside_every_chain_still_shows_its_source_text(site):
    """A page never shows nothing: when no language of the chain has the text, the entry's source language gives it."""
    write(
        site / "content/organisations/lokalna/facts.yml", "type: civil-society\nsource_language: cs\nlast_verified: 2026-11-01\n"
    )
    write(site / "content/organisations/lokalna/cs.md", "---\ntitle: Místní spolek\n---\nText.\n")
    english = localised_in(site)[("organisations", "lokalna", "en")]  # en → sr-Latn → (en): neither has it
    assert english.fields["title"] == LocalText("Místní spolek", "cs", is_fallback=True)


# ---------------------------------------------------------------- Serbian in two scripts


def test_serbian_cyrillic_is_written_from_latin_and_is_not_a_fallback(minimal):
    cyrillic = minimal.localised[(*LEGAL_AID_SERVICE, "sr-Cyrl")]
    assert cyrillic.fields["title"] == LocalText("Бесплатна правна помоћ", "sr-Cyrl")
    assert cyrillic.fields["bring"] == LocalText(("лична карта",), "sr-Cyrl")  # a list, item by item
    assert cyrillic.body == LocalText("Правник одговара на питања.\n", "sr-Cyrl")
    assert cyrillic.fallback_language is None
    assert cyrillic.body_source.language == "sr-Latn"  # its lines are those of the Latin file


def test_a_cyrillic_file_of_its_own_wins_and_its_missing_fields_are_still_transliterated(site):
    write(site / "content/services/pravna-pomoc/sr-Cyrl.md", "---\ntitle: Правна помоћ без плаћања\n---\n")
    cyrillic = localised_in(site)[(*LEGAL_AID_SERVICE, "sr-Cyrl")]
    assert cyrillic.fields["title"] == LocalText("Правна помоћ без плаћања", "sr-Cyrl")
    assert cyrillic.fields["summary"] == LocalText("Савет о правима после изласка из затвора.", "sr-Cyrl")


def test_english_shown_on_a_cyrillic_page_stays_english(site):
    write(
        site / "content/organisations/open-door/facts.yml",
        "type: civil-society\nsource_language: en\nlast_verified: 2026-11-01\n",
    )
    write(site / "content/organisations/open-door/en.md", "---\ntitle: Open Door\n---\n")
    cyrillic = localised_in(site)[("organisations", "open-door", "sr-Cyrl")]
    assert cyrillic.fields["title"] == LocalText("Open Door", "en", is_fallback=True)  # not "Опен Доор"


def test_words_marked_latin_stay_latin_in_cyrillic_and_lose_their_marks_in_latin(site):
    write(
        site / "content/organisations/neostart/sr-Latn.md",
        "---\ntitle: Udruženje {lat}Neostart{/lat}\nsummary: Udruženje građana.\n---\nTekst.\n",
    )
    localised = localised_in(site)
    assert localised[(*NEOSTART, "sr-Latn")].fields["title"].text == "Udruženje Neostart"
    assert localised[(*NEOSTART, "sr-Cyrl")].fields["title"].text == "Удружење Neostart"


# ---------------------------------------------------------------- a narrower tag


def test_a_text_that_declares_a_narrower_language_is_marked_with_it_wherever_it_is_shown(site):
    write(
        site / "content/organisations/neostart/en.md",
        "---\ntitle: Neostart\nsummary: A citizens' association.\nlang: en-GB\n---\nNeostart helps people after prison.\n",
    )
    localised = localised_in(site)
    assert localised[(*NEOSTART, "en")].fields["title"] == LocalText("Neostart", "en-GB")
    assert localised[(*NEOSTART, "cs")].fields["title"] == LocalText("Neostart", "en-GB", is_fallback=True)
    assert "lang" not in localised[(*NEOSTART, "en")].fields  # the tag is about the text, not a text to show


def test_romani_written_in_a_regional_variety_carries_its_own_tag(site):
    config = (site / "site.yml").read_text(encoding="utf-8")
    write(
        site / "site.yml",
        config.replace(
            "categories:", "  - tag: rom\n    name: Romani čhib\n    prefix: rom\n    fallback: [sr-Latn, en]\ncategories:"
        ),
    )
    write(site / "content/organisations/neostart/rom.md", "---\ntitle: Neostart\nsummary: Amaro khetanipe.\nlang: rmy\n---\n")
    romani = localised_in(site)[(*NEOSTART, "rom")]
    assert romani.fields["summary"] == LocalText("Amaro khetanipe.", "rmy")
    assert romani.body == LocalText("Neostart pomaže ljudima posle zatvora.\n", "sr-Latn", is_fallback=True)


# ---------------------------------------------------------------- made when asked, and reused


def test_each_entry_is_localised_when_first_asked_for(minimal):
    stages = minimal
    localised = localise(stages.site)
    assert localised.made == {}
    assert len(localised) == len(stages.site.entries) * 4 == len(list(localised))
    localised[(*NEOSTART, "cs")]
    assert list(localised.made) == [(*NEOSTART, "cs")]


def test_an_unknown_entry_or_language_is_no_key(minimal):
    stages = minimal
    for key in [("organisations", "nobody", "en"), (*NEOSTART, "de")]:
        assert key not in stages.localised
        with pytest.raises(KeyError):
            stages.localised[key]


def test_entries_localised_by_an_earlier_build_give_the_same_result_as_localising_again(minimal):
    stages = minimal
    fresh = {key: localise_entry(stages.site.entries[key[:2]], key[2], stages.site.config) for key in stages.localised}
    earlier = {key: fresh[key] for key in list(fresh)[::2]}  # half of them, as after an edit
    words: dict[str, str] = {}
    again = localise(stages.site, earlier, words)
    assert {key: again[key] for key in again} == fresh
    assert all(again[key] is found for key, found in earlier.items())  # taken over, not made again
    assert words  # the Cyrillic of each word, remembered for the next build
    assert {key: localise(stages.site, words=words)[key] for key in fresh} == fresh
