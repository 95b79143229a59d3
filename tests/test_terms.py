"""The review's corrected terms stay corrected (../shared/reviews/content-and-languages.md, sections 3.1-3.7).

A table per language of what the review found wrong and what it asked for instead, checked over the theme's
catalogs and the sample's texts, so that a later edit cannot bring an error back unnoticed. Each pattern is
first tried on the review's own wrong and right wording, so that a pattern that matches nothing cannot pass.
Romani has its own, fuller check (tests/test_romani.py, section 3.6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "src/portal/themes/default/locales"
CATALOG, CONTENT = "catalog", "content"


@dataclass(frozen=True)
class Term:
    review: str  # the review's item
    wrong: re.Pattern[str]
    instead: str  # what to write, as the review asks
    where: tuple[str, ...]  # the catalog, the texts of the sample, or both
    example_wrong: str  # the review's wrong wording, which the pattern must find
    example_right: str  # and its correction, which it must not


def term(review: str, wrong: str, instead: str, where: tuple[str, ...], example_wrong: str, example_right: str) -> Term:
    return Term(review, re.compile(wrong), instead, where, example_wrong, example_right)


BOTH = (CATALOG, CONTENT)
# A web page is "stranica"; "strana" stays right for a side ("sa druge strane") and "strani" for foreign.
PAGE_AS_STRANA = (
    r"\b(?:ov\w*|tih|tim|takv\w*|svak\w*|početn\w*|sledeć\w*|prethodn\w*|Izaberite|Otvorite|vidi\w*) stran(?:a|e|i|u|ama)\b"
)
TERMS: dict[str, tuple[Term, ...]] = {
    "sr-Latn": (
        term("3.1 one word for a web page", PAGE_AS_STRANA, "stranica", BOTH, "Adresa ove strane:", "Adresa ove stranice:"),
        term(
            "3.1 one word for a web page",
            r"^(?:Strana|Sledeća strana|Prethodna strana)\b",
            "Stranica",
            (CATALOG,),
            "Sledeća strana",
            "Sledeća stranica",
        ),
        term("3.1 members are organisations", r"\bČlan(?: osnivač)?$", "Članica", (CATALOG,), "Član osnivač", "Članica osnivač"),
        term(
            "3.1 standard wording",
            r"služili kaznu",
            "izdržali kaznu",
            BOTH,
            "ljudi koji su služili kaznu",
            "ljudi koji su izdržali kaznu",
        ),
        term("3.1 no first person", r"^Tražim…", "Pretraga u toku…", (CATALOG,), "Tražim…", "Pretraga u toku…"),
        term(
            "3.1 formal address",
            r"^(?:Traži|vidi stran\w*)$",
            "Tražite, vidite stranicu",
            (CATALOG,),
            "vidi stranu",
            "vidite stranicu",
        ),
        term(
            "3.1 custody, not guardianship",
            r"starateljstv\w* nad decom",
            "roditeljsko pravo",
            (CONTENT,),
            "o starateljstvu nad decom",
            "kome će deca živeti (roditeljsko pravo)",
        ),
        term(
            "3.1 health insurance card",
            r"zdravstven\w* knjižic\w*",
            "zdravstvena kartica",
            BOTH,
            "zdravstvene knjižice dece",
            "zdravstvene kartice dece",
        ),
        term(
            "3.1 agreement",
            r"Cilj je bila",
            "Cilj je bio",
            (CONTENT,),
            "Cilj je bila bolja podrška",
            "Cilj je bio da podrška bude bolja",
        ),
        term(
            "3.1 agreement",
            r"\buključilo (?:2[2-4]|[2-4]) ",
            "su se uključila",
            (CONTENT,),
            "U program se uključilo 24 klijenta",
            "U program su se uključila 24 klijenta",
        ),
        term(
            "3.1 one name",
            r"Probacione i medijacione",
            "Službe za probaciju i medijaciju",
            (CONTENT,),
            "Probacione i medijacione službe",
            "Službe za probaciju i medijaciju",
        ),
        term(
            "3.1 one name",
            r"probacion\w* službenik",
            "službenici za probaciju",
            (CONTENT,),
            "probacione službenike",
            "službenike za probaciju",
        ),
        term(
            "3.1 the need's name",
            r"^title: (?:Psihološka podrška|Posao i zaposlenje)$",
            "Psihosocijalna podrška, Posao",
            (CONTENT,),
            "title: Posao i zaposlenje",
            "title: Posao",
        ),
    ),
    "mk": (
        term(
            "1.1 F4 staff, not prisoners",
            r"луѓе од затворите",
            "претставници на секторите за ресоцијализација",
            (CONTENT,),
            "луѓе од затворите",
            "претставници на секторите за ресоцијализација во затворите",
        ),
        term(
            "3.2 full members",
            r"рамноправни членови",
            "полноправни членови",
            (CONTENT,),
            "рамноправни членови",
            "полноправни членови",
        ),
        term(
            "3.2 tautology",
            r"работат друга работа",
            "се занимаваат со друга дејност",
            (CONTENT,),
            "главно работат друга работа",
            "главно се занимаваат со друга дејност",
        ),
        term(
            "3.2 a past event",
            r"од Германија се вратени",
            "што биле вратени од Германија",
            (CONTENT,),
            "семејствата што од Германија се вратени",
            "семејствата што биле вратени од Германија",
        ),
        term(
            "3.2 the Macedonian name",
            r"Мрежа организација за постпеналну",
            "Мрежа на организации за постпенална поддршка",
            (CONTENT,),
            "Мрежа организација за постпеналну подршку Србије",
            "Мрежа на организации за постпенална поддршка на Србија",
        ),
        term(
            "3.1 F10 no legal form for a type",
            r"^Здружение на граѓани$",
            "Организација на граѓанското општество",
            (CATALOG,),
            "Здружение на граѓани",
            "Организација на граѓанското општество",
        ),
        term("3.0 quotation marks „…“", r"„[^“”\n]*”", "„…“", BOTH, "„Неостарт”", "„Неостарт“"),
    ),
    "cs": (
        term(
            "3.3 the established term",
            r"postpenální",
            "postpenitenciární",
            BOTH,
            "postpenální podpora",
            "postpenitenciární podpora",
        ),
        term(
            "3.3 good-neighbourly",
            r"Sousedské kluby",
            "Kluby dobrého sousedství",
            (CONTENT,),
            "Sousedské kluby",
            "Kluby dobrého sousedství",
        ),
        term(
            "3.3 the official name",
            r"Podunajský region",
            "Strategie EU pro Podunají",
            (CONTENT,),
            "Strategie EU pro Podunajský region",
            "Strategie EU pro Podunají",
        ),
        term(
            "3.3 reach",
            r"došly k",
            "dostaly k",
            (CONTENT,),
            "aby sociální služby došly k nejohroženějším",
            "aby se sociální služby dostaly k nejohroženějším",
        ),
        term(
            "3.3 the members are organisations",
            r"členové určili",
            "členské organizace určily",
            (CONTENT,),
            "Cíle si členové určili",
            "Cíle si členské organizace určily",
        ),
        term(
            "3.3 reflexive possessive",
            r"jejich plný potenciál",
            "svůj potenciál",
            (CONTENT,),
            "naplnit jejich plný potenciál",
            "naplno rozvinout svůj potenciál",
        ),
        term(
            "3.3 released",
            r"vyšli z vězení",
            "byli propuštěni z vězení",
            (CONTENT,),
            "nedávno vyšli z vězení",
            "byli nedávno propuštěni z vězení",
        ),
        term("3.3 no first person", r"^Hledám…", "Hledá se…", (CATALOG,), "Hledám…", "Hledá se…"),
        term("3.0 quotation marks „…“", r"„[^“”\n]*”", "„…“", BOTH, "„Neostart”", "„Neostart“"),
    ),
    "de": (
        term(
            "3.4 social welfare, not social security",
            r"soziale[nr]? Sicherung",
            "Sozialwesen, soziale Dienste",
            (CONTENT,),
            "Einrichtungen der sozialen Sicherung",
            "Einrichtungen der Sozialhilfe",
        ),
        term("3.4 one word", r"Soziale Hilfe", "Sozialhilfe", BOTH, "title: Soziale Hilfe", "title: Sozialhilfe"),
        term(
            "3.4 complete",
            r"schwer fällt$|schwer fällt\.",
            "wenn es Ihnen schlecht geht",
            (CONTENT,),
            "wenn es Ihnen schwer fällt.",
            "wenn es Ihnen schlecht geht.",
        ),
        term(
            "3.4 no anglicism",
            r"ersten Hälfte von",
            "Im ersten Halbjahr",
            (CONTENT,),
            "In der ersten Hälfte von 2018",
            "Im ersten Halbjahr 2018",
        ),
        term(
            "3.4 under the agreement",
            r"nach dem Rückübernahmeabkommen",
            "aufgrund des Rückübernahmeabkommens",
            (CONTENT,),
            "die nach dem Rückübernahmeabkommen zurückgeschickt wurden",
            "die aufgrund des Rückübernahmeabkommens zurückgeschickt wurden",
        ),
        term(
            "3.4 training",
            r"lernten auch über",
            "bildeten sich fort",
            (CONTENT,),
            "lernten auch über restorative Justiz",
            "bildeten sich auch zur restaurativen Justiz fort",
        ),
        term(
            "3.4 one spelling",
            r"Nachbarschaftsklub",
            "Nachbarschaftsclubs",
            (CONTENT,),
            "Nachbarschaftsklubs",
            "Nachbarschaftsclubs",
        ),
        term(
            "3.4 complete",
            r"noch nicht in Ihrer Sprache\.",
            "noch nicht in Ihre Sprache übersetzt",
            (CATALOG,),
            "Dieser Text ist noch nicht in Ihrer Sprache.",
            "Dieser Text ist noch nicht in Ihre Sprache übersetzt.",
        ),
        term("3.0 quotation marks „…“", r"„[^“”\n]*”", "„…“", BOTH, "„Neostart”", "„Neostart“"),
    ),
    "sq": (
        term(
            "3.5 idiomatic",
            r"Tregohet në gjuhën",
            "Shfaqet në gjuhën",
            (CATALOG,),
            "Tregohet në gjuhën: %(language)s.",
            "Shfaqet në gjuhën: %(language)s.",
        ),
        term("3.5 formal address", r"^(?:Kërko|shih faqen)$", "Kërkoni, shihni faqen", (CATALOG,), "shih faqen", "shihni faqen"),
        term("3.5 one name", r"Opavë", "Opava", (CONTENT,), "në Opavë", "në Opava"),
    ),
    "en": (
        term(
            "3.7 not a calque",
            r"post-penal acceptance",
            "reception and support after release",
            (CONTENT,),
            "post-penal acceptance",
            "reception and support after release",
        ),
        term(
            "3.7 an English title",
            r"^title: Mreža organizacija",
            "Network of Organisations for Post-Penal Support",
            (CONTENT,),
            "title: Mreža organizacija za postpenalnu podršku Srbije (MOPPS)",
            "title: Network of Organisations for Post-Penal Support of Serbia (MOPPS)",
        ),
    ),
}
# Interface words whose right translation the review names: the whole message, as it must read.
CATALOG_WORDS = {
    "sr-Latn": {
        "Civil society organisation": "Organizacija civilnog društva",
        "Founding member": "Članica osnivač",
        "Member": "Članica",
    },
    "mk": {"Civil society organisation": "Организација на граѓанското општество"},
}


def _texts(language: str, where: tuple[str, ...]) -> list[tuple[str, str]]:
    """(file:line, text) of the language's catalog messages and of the sample's texts in that language."""
    found: list[tuple[str, str]] = []
    if CATALOG in where:
        with (LOCALES / f"{language}.po").open("rb") as file:
            for message in read_po(file):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                found += [(f"locales/{language}.po:{message.lineno}", text) for text in strings if message.id and text]
    if CONTENT in where:
        for path in sorted((REPO / "content").rglob(f"{language}.md")):
            lines = path.read_text(encoding="utf-8").splitlines()
            found += [(f"{path.relative_to(REPO)}:{number}", line) for number, line in enumerate(lines, 1)]
    return found


CASES = [(language, rule) for language, rules in TERMS.items() for rule in rules]
IDS = [f"{language}: {rule.review}: {rule.wrong.pattern[:30]}" for language, rule in CASES]


@pytest.mark.parametrize(("language", "rule"), CASES, ids=IDS)
def test_each_pattern_finds_the_reviews_wrong_wording_and_not_its_correction(language, rule):
    assert rule.wrong.search(rule.example_wrong), rule.example_wrong
    assert not rule.wrong.search(rule.example_right), rule.example_right


@pytest.mark.parametrize(("language", "rule"), CASES, ids=IDS)
def test_the_catalogs_and_texts_keep_the_reviews_corrections(language, rule):
    texts = _texts(language, rule.where)
    assert len(texts) > 50  # the catalog and the texts were really read
    broken = [f"{where}: {found.group()!r}" for where, text in texts for found in [rule.wrong.search(text)] if found]
    assert broken == [], f"{rule.review}: write {rule.instead!r} instead:\n" + "\n".join(broken)


@pytest.mark.parametrize("language", CATALOG_WORDS)
def test_the_words_the_review_gave_are_the_catalogs(language):
    with (LOCALES / f"{language}.po").open("rb") as file:
        catalog = {message.id: message.string for message in read_po(file) if isinstance(message.id, str)}
    for message, translation in CATALOG_WORDS[language].items():
        assert catalog[message] == translation, message
