"""Words folded as people really type them, for the search index and for search.js alike.

Readers type on phone keyboards, often without diacritics (`skola` for `škola`, `dj` for `đ`)
and sometimes in the other script (`социјални` on a Latin page). A text is *folded*: lower case;
Cyrillic written in Latin letters; `đ` as `dj`; accents and other marks dropped. Beside that,
the words people also type another way are kept as *second spellings* (`đ` as `d`, `š` as `sh`,
...). search.js folds the reader's query with the same table (`FOLD_TABLE`), in the same steps.
The same fold serves every language, so a language added later needs nothing here.
"""

from __future__ import annotations

import re
import unicodedata

from .translit import to_latin

_SERBIAN_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш"
# Letters no Unicode decomposition reduces to plain Latin, as people type them without the mark.
_LATIN_LETTERS = {"đ": "dj", "ð": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "ı": "i", "ħ": "h"}
# Cyrillic letters beyond Serbian: Macedonian first, then the common Russian, Ukrainian and Bulgarian ones.
_OTHER_CYRILLIC = {
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
    "й": "j",
    "щ": "sht",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "ju",
    "я": "ja",
    "ё": "e",
    "є": "je",
    "і": "i",
    "ї": "ji",
    "ў": "u",
    "ґ": "g",
}
# A second spelling indexed beside the first, for letters people type in two ways: `đ` as `dj` and
# as `d` (Djordjevic, Dordevic); `š`, `č`, `ž` as `s`, `c`, `z` and, as Macedonian is often typed,
# as `sh`, `ch`, `zh` (pomosh); `ќ`, `ѓ` as `kj`, `gj` and as `k`, `g`.
_SECOND_SPELLING = {"đ": "d", "ђ": "d", "š": "sh", "ш": "sh", "č": "ch", "ч": "ch", "ž": "zh", "ж": "zh", "ќ": "k", "ѓ": "g"}
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _strip_character(match: re.Match[str]) -> str:
    character = match.group()
    return "" if unicodedata.category(character).startswith("M") else character


def _without_marks(text: str) -> str:
    """NFKD without combining marks; ASCII text as it is."""
    if text.isascii():
        return text
    return _NOT_ASCII.sub(_strip_character, unicodedata.normalize("NFKD", text))


def _fold_table() -> dict[str, str]:
    table = {letter: to_latin(letter) for letter in _SERBIAN_CYRILLIC}
    table.update(_OTHER_CYRILLIC)
    table = {letter: "".join(_LATIN_LETTERS.get(c, c) for c in latin) for letter, latin in table.items()}
    table.update(_LATIN_LETTERS)
    return {letter: _without_marks(latin) for letter, latin in sorted(table.items())}


FOLD_TABLE: dict[str, str] = _fold_table()  # lower-case letter -> its folded form; search.js gets the same table
_TRANSLATE = str.maketrans(FOLD_TABLE)
_NOT_A_WORD = re.compile(r"[\W_]+")
_TRANSLATE_SECOND = str.maketrans({**FOLD_TABLE, **_SECOND_SPELLING})
# A word without any of these folds alike with and without the second spellings: the letters of
# _SECOND_SPELLING in both cases, and the combining marks that compose them (s + ˇ = š, к + ´ = ќ).
_SECOND_LETTERS = re.compile(
    "[" + "".join(sorted({*_SECOND_SPELLING, *(letter.upper() for letter in _SECOND_SPELLING)})) + "\u030c\u0301]"
)


def fold_text(text: str, second_spelling: bool = False) -> str:
    """Text as the index and the query see it, words only: `„Đak“ Škole, Ниш` -> `djak skole nis`.

    The steps are the ones search.js takes, in the same order (NFC, lower case, the table,
    NFKD without marks, lower case, anything but letters and digits as a space), so a query
    folds to the words of the index.
    """
    text = unicodedata.normalize("NFC", text).lower().translate(_TRANSLATE_SECOND if second_spelling else _TRANSLATE)
    return " ".join(_NOT_A_WORD.sub(" ", _without_marks(text).lower()).split())


class WordFolder:
    """`fold_text`, word by word, remembering each written word's folded forms.

    No step of the fold reaches across white space, so each word written on the pages is folded
    once: folding whole pages was a third of the time of a large build, and its vocabulary is
    small. A build context keeps one for its whole life (portal serve: the session).
    """

    KEPT = 500_000  # words remembered at most; past that, the memory starts again

    def __init__(self) -> None:
        self._folded: dict[str, tuple[str, str]] = {}  # written word -> (its folded words, with the second spellings)

    def fold(self, text: str, second_spelling: bool = False) -> str:
        """`fold_text(text, second_spelling)`."""
        side, words = (1 if second_spelling else 0), []
        for written in text.split():
            folded = (self._folded.get(written) or self._fold_word(written))[side]
            if folded:
                words.append(folded)
        return " ".join(words)

    def fold_with_second(self, text: str) -> tuple[str, set[str]]:
        """`fold(text)`, and the words the second spellings add to it, in one pass over the text."""
        first, second = [], set()
        for written in text.split():
            folded, other = self._folded.get(written) or self._fold_word(written)
            if folded:
                first.append(folded)
            if other != folded:
                second.update(other.split())
        return " ".join(first), second

    def second_spellings(self, text: str) -> list[str]:
        """Folded words that people also type another way (`đak` -> `dak`, `помош` -> `pomosh`), beside `fold(text)`'s."""
        folded, second = self.fold_with_second(text)
        return sorted(second - set(folded.split()))

    def _fold_word(self, written: str) -> tuple[str, str]:
        if len(self._folded) > self.KEPT:
            self._folded.clear()
        first = fold_text(written)
        second = fold_text(written, second_spelling=True) if _SECOND_LETTERS.search(written) else first
        self._folded[written] = (first, second)
        return first, second
