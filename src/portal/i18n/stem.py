"""Light stemmers: a word's ending taken off, so that a query in one grammatical form finds a page written in another.

Pagefind stems the words of the languages Snowball has a stemmer for (`PAGEFIND_STEMS`: Serbian,
German, English among ours); portal lets it stem German and English. For the others (Czech,
Macedonian, Albanian, Romani, and Serbian: see below) portal stems itself, with the lists below: the index gets each word's stem beside the word
(portal.outputs.search.records), and search.js takes the same endings off the reader's query with
the same rules, handed to it as data (`Stemmer.as_data`), so both sides agree by construction.
The synonyms' terms are matched to the pages with these stemmers in every language.

A stemmer works on *folded* words (portal.i18n.fold: lower case, Latin letters, no diacritics),
as the index and the query are. Each pass takes off at most one ending, the longest that leaves
at least `keep` letters; then `rewrites` change the end of what is left (Czech `c` -> `k`, so that
`ruce` and `ruka` meet). Light on purpose: a wrong cut costs a little precision, never a page.
tests/test_stem.py holds, per language, tables of real inflected forms that must meet.

- Czech: the case endings of Dolamic and Savoy's light stemmer ("Indexing and stemming approaches
  for the Czech language", 2009), and its palatalisation rules (`č`, `c` -> `k`; `ž`, `z` -> `h`;
  `št` -> `sk`; `čt` -> `ck`), and the `e` that drops (`dávek`, `dávka` -> `davk`).
- Macedonian: nouns have no cases but take the article at their end (`лекарот`, `работата`,
  `училиштето`): the article first, then the plural or final vowel; the `е` that drops from an
  adjective (`социјален`, `социјална`) is dropped first.
- Albanian: the definite and case endings of nouns (`mjeku`, `mjekun`, `mjekut`, `shkollën`,
  `shkollës`, `kopshtit`) and the plural `-et`, `-ët`, `-ve`.
- Romani (as written in Serbia, Latin letters): the case endings of nouns (dative `-eske`, `-ake`,
  `-enge`; locative `-este`, `-ate`; ablative `-estar`, `-atar`; instrumental `-esa`, `-asa`, `-enca`;
  genitive `-esko`, `-ako`, `-engo`) after the oblique stem, and a final `-j` of `butja-`, `familija-`.
- Serbian: the common noun and adjective endings, the present tense's (`nemam`, `nema`, `nemaju`), and
  `posao`/`posla` (a vowel that drops). Pagefind
  has Snowball's Serbian stemmer, but portal stems Serbian alone (`STEMMED_BY_PORTAL_ONLY`): Snowball
  misses the dropped vowel, and its WebAssembly would cost a Serbian reader 27 KB more on the first search.
- German, English (for the synonyms only; Pagefind stems their pages): the common endings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Primary language subtags Pagefind 1.5 stems itself (its pagefind_stem crate: Snowball's algorithms).
# Pagefind writes a language-specific wasm.<language>.pagefind only for these; tests/test_stem.py checks
# the languages of the sample against the bundles it writes.
PAGEFIND_STEMS = frozenset("ar hy eu ca da nl en fi fr de el hi hu id ga it lt ne no pt ro ru sr es sv ta tr yi".split())


@dataclass(frozen=True)
class Stemmer:
    """Endings taken off in passes, at most one a pass, the longest that leaves `keep` letters; then a rewrite."""

    passes: tuple[tuple[str, ...], ...]
    keep: int = 3
    rewrites: tuple[tuple[str, str], ...] = ()  # (end of the stem, written instead), the first that fits
    before: tuple[tuple[str, str], ...] = ()  # the same, on the whole word before the passes
    whole: frozenset[str] = frozenset()  # words left whole: a small word whose stem would be a content word's

    def stem(self, word: str) -> str:
        """The stem of a folded word; a word of digits, too short to cut, or left whole, is itself."""
        if len(word) <= self.keep or word.isdigit() or word in self.whole:
            return word
        word = self._rewritten(word, self.before)
        for endings in self.passes:
            for ending in endings:  # longest first (see _longest_first)
                if word.endswith(ending) and len(word) - len(ending) >= self.keep:
                    word = word[: -len(ending)]
                    break
        return self._rewritten(word, self.rewrites)

    def _rewritten(self, word: str, rewrites: tuple[tuple[str, str], ...]) -> str:
        for end, instead in rewrites:
            if word.endswith(end) and len(word) - len(end) + len(instead) >= self.keep:
                return word[: len(word) - len(end)] + instead
        return word

    def as_data(self) -> dict[str, Any]:
        """The rules as search.js reads them (`stem` in search.js applies them the same way)."""
        return {
            "before": [list(rewrite) for rewrite in self.before],
            "passes": [list(endings) for endings in self.passes],
            "keep": self.keep,
            "rewrites": [list(rewrite) for rewrite in self.rewrites],
            "whole": sorted(self.whole),
        }


def _longest_first(endings: str) -> tuple[str, ...]:
    return tuple(sorted(set(endings.split()), key=lambda ending: (-len(ending), ending)))


STEMMERS: Mapping[str, Stemmer] = {
    "cs": Stemmer(
        (
            _longest_first(
                "atech etem atum ech ich eho emi emu ete eti iho imu ach ata aty ych ama ami ove ovi ymi "
                "em es im um at am os us ym mi ou a e i o u y"
            ),
        ),
        keep=3,
        rewrites=(("ek", "k"), ("ct", "ck"), ("st", "sk"), ("c", "k"), ("z", "h")),
    ),
    "mk": Stemmer(
        (_longest_first("ovite ite eto ata oto iot ot"), _longest_first("ovi evi inja i a e o")), keep=3, before=(("en", "n"),)
    ),
    "sq": Stemmer((_longest_first("ave eve ise ive ret ete it ut in un es en et se ve ra ri ni e i a u"),), keep=3),
    "rom": Stemmer(
        (
            _longest_first(
                "engere engoro engo engi enge endar ende enca eske esko eski este estar eja esa "
                "aske asko aski aste astar asa ake ako aki ate atar jake jasa jako "
                "en es ja e a i o"
            ),
        ),
        keep=3,
        rewrites=(("j", ""),),
    ),
    "sr": Stemmer(
        (
            _longest_first(
                "ovima evima ijeg ijem ijih ijim ima ama ega emu oga omu ih im om em og eg oj ej ov ev a e i o u "
                "amo emo imo ate ete ite aju eju uju am"  # the present tense: nemam, tražimo, spavaju
            ),
        ),
        keep=3,
        before=(("ao", "l"), ("eo", "l")),
        whole=frozenset({"posle"}),  # after: not posao (work)
    ),
    "de": Stemmer((_longest_first("ern em en er es e s n"),), keep=4),
    "en": Stemmer((_longest_first("ies es s ing ed e y"),), keep=3),
}


def stemmer_for(tag: str) -> Stemmer | None:
    """The light stemmer of a language tag (`sr-Latn` uses `sr`'s), None for a language without one."""
    return STEMMERS.get(tag.split("-")[0].lower())


# Languages Pagefind could stem that portal stems alone. Pagefind's WebAssembly with Snowball's Serbian stemmer is
# 27 KB (gzip) larger than the one without a stemmer, a fifth of a first search (issue 19's budget: 150 KB); and
# Snowball keeps `posao` and `posla` (work: the vowel that drops) and `lekar`, `lekara` apart, which portal's rules join.
STEMMED_BY_PORTAL_ONLY = frozenset({"sr"})


def own_stemmer(tag: str) -> Stemmer | None:
    """The stemmer portal applies to a language's index and queries: none where Pagefind stems the language."""
    return None if pagefind_stems(tag) else stemmer_for(tag)


def pagefind_stems(tag: str) -> bool:
    """Whether Pagefind stems the language: then a word it matches may share only its stem with the query's."""
    language = tag.split("-")[0].lower()
    return language in PAGEFIND_STEMS and language not in STEMMED_BY_PORTAL_ONLY


def index_language(tag: str) -> str:
    """The language Pagefind is told a language's pages are in: a private-use tag (`x-sr-latn`) where portal stems a
    language Pagefind would stem, so that Pagefind neither stems it nor ships its stemming WebAssembly."""
    return f"x-{tag.lower()}" if tag.split("-")[0].lower() in STEMMED_BY_PORTAL_ONLY else tag
