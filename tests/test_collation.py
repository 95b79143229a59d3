"""Each language's alphabetical order (portal.i18n.collation), checked against the rules of each alphabet.

The word lists are written in the order a reader of the language expects, from the alphabet itself;
each puts words side by side where ordering by code points, or by base letters with the marks
ignored, gets that language wrong (the last test shows that every list does catch one of the two).
"""

from __future__ import annotations

import dataclasses
import json
import random
import subprocess
import sys
import unicodedata

import pytest

from portal.i18n.collation import ROOT, Collation, collation_locale
from portal.i18n.locales import FALLBACKS

# Serbian Latin: c č ć d dž đ … l lj … n nj … s š … z ž, each a letter after the one before it.
SERBIAN_LATIN = [
    "Cvet",
    "Čačak",  # c < č (ignoring the mark would put "ča" before "cv")
    "čvor",
    "ćaća",  # č < ć (by code points ć comes first)
    "Ćuprija",
    "Dunav",
    "Dzeta",  # d z, two letters
    "džak",  # d < dž
    "DŽAMIJA",
    "Džep",
    "Đakovo",  # dž < đ, and đ before e (by code points đ comes after z)
    "Đurđevo",
    "Konoba",
    "Konj",  # n < nj in the middle of a word
    "Kragujevac",
    "Luka",
    "Lužnica",
    "Ljig",  # l < lj
    "ljiljan",  # lj in the middle of a word: g < lj
    "Ljubovija",
    "Nova",
    "Njegoš",  # n < nj
    "NJEGOŠEVA",
    "Poluga",
    "Polje",  # l < lj in the middle of a word
    "Pomoć",
    "Smederevo",
    "Subotica",
    "Šabac",  # s < š: every š after every s
    "ŠID",
    "Tutin",
    "Vranje",
    "Zrenjanin",
    "Žabalj",  # z < ž
    "Žitište",
]

# Serbian Cyrillic, the azbuka: а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш.
SERBIAN_CYRILLIC = [
    "Ада",
    "Бор",
    "Врање",
    "Горњи Милановац",
    "Дечани",
    "Ђаково",  # д < ђ < е (by code points ђ comes after ш)
    "Ечка",
    "Жабаљ",
    "Зрењанин",
    "Ивањица",
    "Јагодина",  # и < ј < к
    "Кикинда",
    "Лозница",
    "Љиг",  # л < љ < м
    "Мионица",
    "Ниш",
    "Његошева",  # н < њ < о
    "Обреновац",
    "Пожаревац",
    "Рашка",
    "Смедерево",
    "Тутин",
    "Ћуприја",  # т < ћ < у
    "Ужице",
    "Футог",
    "Хоргош",
    "Црна Трава",
    "Чачак",
    "Џеп",  # ч < џ < ш
    "Шабац",
]

# Macedonian: а б в г д ѓ е ж з ѕ и ј к л љ м н њ о п р с т ќ у ф х ц ч џ ш.
MACEDONIAN = [
    "Арачиново",
    "Битола",
    "Велес",
    "Гостивар",
    "Дебар",
    "Ѓорче Петров",  # д < ѓ < е
    "Егри",
    "Жировница",
    "Зајас",
    "Ѕвезда",  # з < ѕ < и
    "Илинден",
    "Јегуновце",
    "Кичево",
    "Лозово",
    "Љубојно",
    "Маврово",
    "Неготино",
    "Њивиште",
    "Охрид",
    "Пехчево",
    "Радовиш",
    "Струга",
    "Тетово",
    "Ќафа",  # т < ќ < у
    "Угри",
    "Фалиш",
    "Хаџи",
    "Центар Жупа",
    "Чашка",
    "Џепчиште",
    "Штип",
]

# Czech: c < č, h < ch < i, r < ř, s < š, z < ž; ě is e with a mark (Bělehrad before Brno).
CZECH = [
    "Bělehrad",  # by code points ě comes after r
    "Brno",
    "Bruntál",
    "Cesta",
    "Čáslav",  # c < č
    "Dolany",
    "Hradec",
    "Cheb",  # h < ch: Cheb is not among the C
    "Chrudim",
    "Ihlava",  # ch < i
    "Madla",
    "Mahulena",
    "Machov",  # ch in the middle of a word: d < h < ch
    "Opava",
    "Rybník",
    "Řeka",  # r < ř
    "Svitavy",
    "Šumperk",  # s < š
    "Tábor",
    "Zlín",
    "Žatec",  # z < ž
]

# Albanian: a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh.
ALBANIAN = [
    "Cuka",
    "Çair",  # c < ç
    "Durrës",
    "Dhërmi",  # d < dh
    "Erseka",
    "Ëndërr",  # e < ë < f
    "Fier",
    "Gostivar",
    "Gjakova",  # g < gj
    "Kukës",
    "Lushnja",
    "Llapi",  # l < ll
    "Nora",
    "Njeri",  # n < nj
    "Pulu",
    "Pulla",  # l < ll in the middle of a word
    "Rushaj",
    "Rrasa",  # r < rr
    "Sukth",
    "Shkodër",  # s < sh
    "Tropojë",
    "Thana",  # t < th
    "Vlorë",
    "Xoxa",
    "Xhafa",  # x < xh
    "Zvërnec",
    "Zhur",  # z < zh
]

# German and English: a letter with a mark sorts with its base letter (Ä with A, Č with C), ß as ss.
GERMAN = [
    "Apfel",
    "Äpfel",
    "Ärger",
    "Arm",
    "Bach",
    "Čačak",
    "Celle",
    "Masse",
    "Maße",  # ß as ss (by code points ß comes after t)
    "Mast",
    "Ofen",
    "Öl",
    "Ost",
    "Šabac",
    "Smederevo",
    "Zug",
    "Zürich",
    "Zwickau",
]
ENGLISH = [
    "Belgrade",
    "Čačak",
    "Celle",
    "Cologne",
    "Dakar",
    "Đakovo",
    "Dover",
    "Niš",
    "Novi Sad",
    "Šabac",
    "Smederevo",
    "Straße",
    "Strasser",
    "Vranje",
    "Žabalj",
    "Zrenjanin",
]

ALPHABETS = {
    "sr-Latn": SERBIAN_LATIN,
    "sr-Cyrl": SERBIAN_CYRILLIC,
    "mk": MACEDONIAN,
    "cs": CZECH,
    "sq": ALBANIAN,
    "de": GERMAN,
    "en": ENGLISH,
    "rom": SERBIAN_LATIN,  # Romani in Serbia: written close to Serbian Latin, sorted as it
}


def shuffled(words: list[str]) -> list[list[str]]:
    """The words reversed and in a few fixed random orders."""
    orders = [list(reversed(words))]
    for seed in range(3):
        order = list(words)
        random.Random(seed).shuffle(order)
        orders.append(order)
    return orders


@pytest.mark.parametrize("tag", ALPHABETS)
def test_each_language_sorts_its_words_in_the_order_of_its_alphabet(tag):
    collation = Collation(tag)
    for order in shuffled(ALPHABETS[tag]):
        assert collation.sorted(order) == ALPHABETS[tag]


@pytest.mark.parametrize("tag", ALPHABETS)
def test_the_word_lists_catch_code_point_order_and_ignored_marks(tag):
    """Every list is out of order for a sort by code points; those of alphabets with letters of their own made with a
    mark (č, ѓ, ř, ç) or of two (lj, ch, dh) also for ICU's root order, which takes them as their base letters."""
    words = ALPHABETS[tag]
    assert sorted(words, key=str.casefold) != words
    root = Collation("tlh")  # a language ICU does not know: the root order
    if tag in ("sr-Latn", "rom", "cs", "sq", "mk"):
        assert root.sorted(words) != words
    else:
        assert (
            root.sorted(words) == words
        )  # the default Cyrillic order is the azbuka; German and English have no rules of their own


def test_the_same_titles_sort_differently_in_each_language():
    towns = ["Šabac", "Smederevo", "Ljig", "Lučani", "Chrudim", "Cuka", "Hradec"]
    assert Collation("sr-Latn").sorted(towns) == ["Chrudim", "Cuka", "Hradec", "Lučani", "Ljig", "Smederevo", "Šabac"]
    assert Collation("cs").sorted(towns) == ["Cuka", "Hradec", "Chrudim", "Ljig", "Lučani", "Smederevo", "Šabac"]
    assert Collation("en").sorted(towns) == ["Chrudim", "Cuka", "Hradec", "Ljig", "Lučani", "Šabac", "Smederevo"]


def test_a_title_typed_with_combining_marks_sorts_as_the_same_title_typed_whole():
    for tag in ("sr-Latn", "cs", "sq", "de"):
        collation = Collation(tag)
        for word in ("Čačak", "Šabac", "Žatec", "Řeka", "Ëndërr", "Öl"):
            decomposed = unicodedata.normalize("NFD", word)
            assert decomposed != word
            assert collation.key(decomposed) == collation.key(word), (tag, word)


def test_numbers_in_titles_sort_by_their_value():
    collation = Collation("sr-Latn")
    assert collation.sorted(["Dom 10", "Dom 2", "Dom 1", "Čačak 3"]) == ["Čačak 3", "Dom 1", "Dom 2", "Dom 10"]


@pytest.mark.parametrize(
    "tag, locale",
    [
        ("sr-Latn", "sr_Latn"),
        ("sr-Cyrl", "sr"),  # Serbian's rules are the Cyrillic azbuka
        ("mk", "mk"),
        ("cs", "cs"),
        ("sq", "sq"),
        ("de", ROOT),  # German and English have no rules of their own
        ("en", ROOT),
        ("rom", "sr_Latn"),  # FALLBACKS: ICU has no Romani
        ("rmn", "sr_Latn"),
        ("rmy", "sr_Latn"),
        ("rom-RS", "sr_Latn"),
        ("sr-Latn-RS", "sr_Latn"),  # ICU's shorter form of the tag
        ("cs-CZ", "cs"),
        ("mk-Latn", "mk"),  # the primary subtag
        ("tlh", ROOT),  # a language ICU does not know
    ],
)
def test_each_tag_gets_the_collation_of_its_language_or_falls_back(tag, locale):
    assert collation_locale(tag) == locale
    assert Collation(tag).locale == locale


def test_the_romani_row_of_the_fallback_table_decides_romani_s_order(monkeypatch):
    without = dataclasses.replace(FALLBACKS["rom"], collation=None)
    monkeypatch.setitem(FALLBACKS, "rom", without)
    assert collation_locale("rom") == ROOT
    assert Collation("rom").sorted(["Šabac", "Smederevo"]) == ["Šabac", "Smederevo"]  # marks ignored, as in English
    assert collation_locale("rmn") == "sr_Latn"


def test_an_unknown_language_sorts_by_base_letters():
    assert Collation("tlh").sorted(list(reversed(ENGLISH))) == ENGLISH


def test_sort_keys_are_bytes_and_the_same_in_another_process():
    words = SERBIAN_LATIN + CZECH + SERBIAN_CYRILLIC
    here = [Collation(tag).key(word).hex() for tag in ("sr-Latn", "cs", "sr-Cyrl") for word in words]
    assert here == [Collation(tag).key(word).hex() for tag in ("sr-Latn", "cs", "sr-Cyrl") for word in words]
    program = (
        "import sys, json\nfrom portal.i18n.collation import Collation\n"
        "words = json.load(sys.stdin)\n"
        "print(json.dumps([Collation(t).key(w).hex() for t in ('sr-Latn', 'cs', 'sr-Cyrl') for w in words]))"
    )
    result = subprocess.run([sys.executable, "-c", program], input=json.dumps(words), capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == here
