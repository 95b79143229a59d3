"""Serbian Latin <-> Cyrillic transliteration for Markdown and plain text.

``to_cyrillic`` writes the ``sr-Cyrl`` text of a page from its ``sr-Latn`` text.
It converts words letter by letter (``lj``, ``nj``, ``dž`` become one letter) and
leaves untouched everything that is not Serbian prose:

* ``{lat}...{/lat}``: an editor's mark for "keep in Latin"; the marks are
  removed, the content is kept as written (a stray or nested mark is simply
  removed and the text around it converted);
* code: fenced blocks (``` or ~~~), indented blocks (four spaces, as CommonMark reads them) and
  inline ```code``` spans;
* addresses: URLs (``https://...``, ``www....``, bare domains in small letters
  with a common top-level domain such as ``neostart.org``), e-mail addresses,
  ``<autolinks>``, Markdown link and image targets ``](target)`` and reference
  definitions ``[label]: target`` (the link text and the label are converted; a line
  ``[label]: text`` with more than a target and a title is a paragraph, and converted). A bare
  domain is any run of small ASCII letters with a dot and a top-level domain of 2 to 24 letters,
  whatever it is (``primer.ngo``): so a missing space in small letters (``kraj.posle``) stays Latin;
* HTML tags, comments and entities (``<span class="x">``, ``<!-- -->``, ``&nbsp;``);
* placeholders: ``{name}``, ``{0}``, ``{count:d}``, ``%(name)s``, ``%s``, ``%d``;
* foreign words: a word with a letter outside the Serbian Latin alphabet
  (q, w, x, y, ü, é, ...) or with ``ch`` is kept, e.g. ``Hollywood``, ``Württemberg``,
  ``Manchester``; so is a hyphenated word with such a part, whole (``Wi-Fi``, ``check-in``);
  and the words of ``FOREIGN_STEMS`` in any form (``e-mailom``, ``Facebooku``, ``Viber``).
  Other foreign words in Serbian letters (``hip-hop``) need ``{lat}``;
* Roman numerals (heuristic): an upper-case word of 2+ letters in strict
  standard form (``II``, ``IV``, ``XXI``, ``MCM``) is kept, unless a neighbouring
  word on the same line is an upper-case word of 2+ letters that is not a Roman
  numeral, i.e. the text around it is written in capitals: ``MI SMO`` -> ``МИ СМО``
  but ``Poglavlje IV`` -> ``Поглавље IV``.  A single ``I`` is the conjunction "i"
  and is always converted.  Numerals containing X are never converted (X is not a
  Serbian letter).  Known limits: an all-caps heading keeps no numeral
  (``GLAVA IV`` -> ``ГЛАВА ИВ``), and an isolated word that happens to be a
  valid numeral stays Latin (``CD``, ``MI`` alone, ``DI`` ...): mark such text
  with ``{lat}`` or write an ``sr-Cyrl`` file.

Digraphs: ``lj``/``nj``/``dž`` are single letters except at the prefix or
compound boundaries listed in ``DIGRAPH_EXCEPTIONS`` (``injekcija`` -> ``инјекција``),
matched at the start of a word only, and where a prefix ending in d (``D_PREFIXES``) meets a
stem beginning with ž (``ZH_STEMS``): ``podžanrovi`` -> ``поджанрови``, but ``odžak`` -> ``оџак``.  ``dj`` is always д + ј (Serbian writes đ).

``strip_marks`` gives the Latin rendering of the same text (marks removed);
``to_latin`` is the simple inverse table (Cyrillic -> Latin).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from markdown_it import MarkdownIt

__all__ = ["DIGRAPH_EXCEPTIONS", "D_PREFIXES", "ZH_STEMS", "strip_marks", "to_cyrillic", "to_latin"]

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

# One Latin letter -> one Cyrillic letter.  The digraph ligatures (U+01C4..U+01CC)
# appear in text pasted from old converters, so they are accepted too.
_LATIN_TO_CYRILLIC = {
    "a": "а",
    "b": "б",
    "c": "ц",
    "č": "ч",
    "ć": "ћ",
    "d": "д",
    "đ": "ђ",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "и",
    "j": "ј",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "š": "ш",
    "t": "т",
    "u": "у",
    "v": "в",
    "z": "з",
    "ž": "ж",
    "ǆ": "џ",
    "ǉ": "љ",
    "ǌ": "њ",
}
_LATIN_TO_CYRILLIC.update({k.upper(): v.upper() for k, v in _LATIN_TO_CYRILLIC.items()})
_LATIN_TO_CYRILLIC.update({"ǅ": "Џ", "ǈ": "Љ", "ǋ": "Њ"})  # title-case ligatures

# Two Latin letters -> one Cyrillic letter.  Only consistent case counts as a
# digraph: "Lj" and "LJ" are Љ, but "lJ" is л + Ј (it is not a spelling anyone uses).
_DIGRAPHS = {"lj": "љ", "Lj": "Љ", "LJ": "Љ", "nj": "њ", "Nj": "Њ", "NJ": "Њ", "dž": "џ", "Dž": "Џ", "DŽ": "Џ"}

# Word beginnings (lower case) where a digraph is really two letters, because a
# prefix or the first part of a compound ends just before it.  "|" marks that
# boundary.  Add new words here; a stem matches at the start of a word only, so
# it also covers inflections (injekcija, injekcije, injekcijom, ...).
DIGRAPH_EXCEPTIONS = (
    # n + j
    "in|jek",  # injekcija, injektor
    "in|junkc",  # injunkcija
    "kon|jug",  # konjugacija, konjugovati
    "kon|junk",  # konjunkcija, konjunktura, konjunktivitis
    "kon|jektur",  # konjektura
    "tan|jug",  # Tanjug (TANJUG: Telegrafska agencija nova Jugoslavija)
    "van|jezi",  # vanjezički
    "izvan|jezi",  # izvanjezički
    "van|jugoslov",  # vanjugoslovenski
)

# Foreign words written only with letters Serbian has too, kept in Latin letters as Serbian Cyrillic texts
# keep them (no letter gives them away, as w or ü would): the names of services readers use and the loan
# words of contact texts. A stem matches at the start of a word, in any case and any form (Facebooku,
# e-mailom); `ch`, which no Serbian word has, marks any other word as foreign (Manchester, check; not `ck`:
# peckati, Pecković).
FOREIGN_STEMS = (
    "e-mail",
    "email",
    "facebook",
    "gmail",
    "google",
    "messenger",
    "offline",
    "off-line",
    "online",
    "on-line",
    "viber",
)
FOREIGN_LETTERS = ("ch",)

# d + ž is two letters (д + ж) exactly where a prefix that ends in d meets a stem that begins with ž:
# od-, nad-, pod-, pred- (and the same after other prefixes: is|pod-, iz|nad-, is|pred-, ne|od-, ...).
# Everywhere else dž is one letter, џ: in loans (džak, džep, odžak "chimney", nadžak, hodža, udžbenik,
# narudžbina, svedodžba). So the class is a prefix + a stem, not a list of words: each stem below is a
# Serbian word root that begins with ž, and a word is split where any of the prefixes stands before it,
# at the start of the word or after further prefixes, in any of its forms (nadživeti, nadživljavati,
# nadživela, prenadživeti). A root added here serves every prefix at once.
D_PREFIXES = ("od", "nad", "pod", "pred")
# Prefixes that may stand before a d-prefix (ne|od|žaliti, is|pod|..., iz|nad|..., po|od|...).
OUTER_PREFIXES = ("ne", "naj", "is", "iz", "pre", "pri", "po", "za", "samo", "su")
ZH_STEMS = (
    "žal",  # žaliti: odžaliti, neodžaljen
    "žanr",  # žanr: podžanr, podžanrovi
    "žar",  # žariti: podžariti, podžarivati
    "želu",  # želudac, želuca: podželudačna, predželudac, predželuca
    "žet",  # žeti, žetva: predžetva, predžetveni, nadžeti
    "živ",  # živeti/živjeti/život: nadživeti, odživeti, nadživljavati
    "žnje",  # žnjeti: nadžnjeti
    "žnjev",  # žnjevati: nadžnjevati
    "žup",  # župan, župa: nadžupan, podžupan, podžupanija
    "žvak",  # žvakati: odžvakati
    "žmur",  # žmuriti: odžmuriti
    "žder",  # žderati: odžderati
    "žubor",  # žuboriti: odžuboriti
    "žuti",  # žuteti: podžuteti, odžuteti
)

# Cyrillic -> Latin for ``to_latin``.  Љ, Њ, Џ in capitals are handled apart,
# because they become "Lj" or "LJ" depending on their neighbours.
_CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "đ",
    "е": "e",
    "ж": "ž",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "ć",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "č",
    "џ": "dž",
    "ш": "š",
}
_CYRILLIC_TO_LATIN.update({k.upper(): v.upper() for k, v in _CYRILLIC_TO_LATIN.items() if len(v) == 1})

# Spans that are never converted, as one alternation tried left to right at each
# position (so the order matters: a {lat} pair before a lone mark before a
# {placeholder}; a fence before inline code).  The branches deliberately have no
# group around them and most start with a literal character: the regex engine
# then rejects a branch with one comparison, which makes the scan ~4x faster.
_PROTECTED_PARTS = (
    # {lat}...{/lat}: kept as written, marks removed.  The content may not hold
    # another mark, so an unclosed {lat} costs one short look, not a scan to the end.
    r"\{lat\}(?P<lat_text>[^{]*(?:\{(?!/?lat\})[^{]*)*)\{/lat\}",
    # A stray mark: removed.
    r"\{/?lat\}",
    # A fence runs to its closing fence (same character, at least as long) or to
    # the end of the text, as in CommonMark.  Indents and ">" allow lists and quotes.
    r"^[ \t>]*(?P<fence>`{3,}|~{3,})[^\n`]*"
    r"(?:\n[\s\S]*?)??(?:\n[ \t>]*(?P=fence)[`~]*[ \t]*(?=\n|\Z)|\Z)",
    # Inline code: a run of backticks up to a run of the same length, within one
    # paragraph (an unclosed backtick is a literal backtick).
    r"`(?<!``)(?P<ticks>`*)(?!`)(?:[^\n]|\n(?![ \t]*\n))*?(?<!`)`(?P=ticks)(?!`)",
    # HTML comment (unclosed, it runs to the end, as in a browser and CommonMark;
    # it also keeps the scan linear), autolink <https://...> or <a@b.org>, HTML
    # tag, entity.
    r"<!--[\s\S]*?(?:-->|\Z)",
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>",
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",
    # Link/image target; the link text before "](" is ordinary text.  One level
    # of parentheses is allowed inside (Wikipedia addresses).
    r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)",
    # Reference definition "[label]: target": the label is converted (so that it
    # still matches the converted "[text][label]"), the target is not.
    # Only a line that is a definition as CommonMark reads it: after the target, at most a title in
    # quotes or parentheses. "[Napomena]: ovo je tekst" is a paragraph and is converted as text.
    r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(?P<refdef_target><[^>\n]*>|\S+)"
    r"(?=[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\))?[ \t]*(?:\n|\Z))",
    # Addresses, starting where no word, dot or @ goes before: a URL, an e-mail
    # address, or a bare domain with a common top-level domain (neostart.org).
    # The domain must be in small letters: "kraj.Me" is a missing space, and some
    # top-level domains are Serbian words (me, si, de, ba).
    r"(?<![\w.%+@-])(?:"
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|[wW]{3}\.|mailto:)[^\s<>\"`]*"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    # A bare domain, whatever its top-level domain (.ngo, .online, .berlin): labels in small ASCII
    # letters joined by dots, the last one 2 to 24 letters, not followed by a letter.
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?![\w-])"
    r"(?:/[^\s<>\"`]*)?)",
    # Format placeholders: {name}, {0}, {}, {count:d}, {x[0]!r}; %(name)s, %s, %d.
    r"\{[A-Za-z0-9_.]*(?:\[[^\]{}\n]*\])*(?:![rsa])?(?::[^{}\n]*)?\}",
    r"%(?:\([A-Za-z_][A-Za-z0-9_]*\)[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|[-#0+]*\d*(?:\.\d+)?[sdifr%])",
    # A hyphenated word with a foreign part (Wi-Fi, e-Mail, Baden-Württemberg, check-in): kept whole, so that
    # no part of it is converted on its own ("Wi-Фи").
    r"(?<![\w-])(?=[\w-]*(?:[^\W\d_a-pr-vzA-PR-VZčćđšžČĆĐŠŽ\u0400-\u04ff\u0300-\u036f]|[cC][hH]))"
    r"[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])",
    # The hyphenated ones of FOREIGN_STEMS (e-mail, on-line), with a Serbian ending (e-mailom).
    r"(?<![\w-])(?i:e-mail|on-line|off-line)[^\W\d_]*",
)
_PROTECTED = re.compile("|".join(_PROTECTED_PARTS), re.MULTILINE)
_MARKS = ("{lat}", "{/lat}")

# A word: letters, each possibly followed by combining accents (c + U+030C = č).
_WORD = re.compile(r"(?:[^\W\d_][\u0300-\u036f]*)+")
# Words made only of these letters are converted; any other letter makes the word
# foreign and it is kept.  Cyrillic letters pass through unchanged.
_SERBIAN_WORD = re.compile(r"[a-pr-vzA-PR-VZčćđšžČĆĐŠŽǄ-ǌ\u0400-\u04ff]+")
_DIGRAPH = re.compile("|".join(_DIGRAPHS))
_ROMAN = re.compile(r"(?=[MDCLXVI]{2})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# The last word before a position, found by backtracking from the end (fast).
_WORD_BEFORE = re.compile(r"[\s\S]*(?<![^\W\d_])([^\W\d_]+)[^\w\n]*\Z")
_WORD_AFTER = re.compile(r"[^\w\n]*([^\W\d_]+)")
_EXCEPTION_SPLIT = {stem.replace("|", ""): stem.index("|") for stem in DIGRAPH_EXCEPTIONS}
_EXCEPTION = re.compile("|".join(map(re.escape, sorted(_EXCEPTION_SPLIT, key=len, reverse=True))))
# Where a d-prefix meets a ž-stem: the group ends at the d, which is followed by one of the stems.
_D_BOUNDARY = re.compile(
    "(?:{})*(?:{})(?=(?:{}))".format(
        "|".join(OUTER_PREFIXES), "|".join(D_PREFIXES), "|".join(sorted(ZH_STEMS, key=len, reverse=True))
    )
)
_CAPITAL_DIGRAPH = re.compile("[ЉЊЏ]")

_CONTEXT = object()  # memo value: "a Roman numeral, depends on its neighbours"
MEMO_LIMIT = 100_000  # words a memo keeps at most; past that it starts again
WordMemo = dict[str, object]  # word -> its Cyrillic form, or _CONTEXT; a build context keeps one (words repeat a lot)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def to_cyrillic(text: str, memo: WordMemo | None = None) -> str:
    """Serbian Latin -> Cyrillic for Markdown or plain text, leaving protected spans untouched and removing {lat} marks.

    `memo` remembers each word's Cyrillic form from call to call (a build converts the same words many times)."""
    words = memo if memo is not None else {}
    return _render(text, lambda prose: _WORD.sub(lambda match: _convert_word(match, words), prose))


def strip_marks(text: str) -> str:
    """Remove the {lat}...{/lat} marks (keeping their content) for the Latin rendering of the same text."""
    if "{" not in text:
        return text  # no mark: most texts, and the common case at thousands of entries
    return _render(text, _identity)


def prose_spans(text: str) -> Iterator[tuple[int, str]]:
    """The parts of `text` that are prose, with their offsets: what to_cyrillic converts.

    Left out, as to_cyrillic leaves them: code, addresses, link targets, placeholders, and what
    is marked {lat}...{/lat}. A check of which letters a text is written in reads only these."""
    pos = 0
    for m in _PROTECTED.finditer(text):
        if m.start() > pos:
            yield pos, text[pos : m.start()]
        pos = m.end()
    if pos < len(text):
        yield pos, text[pos:]


def to_latin(text: str) -> str:
    """Serbian Cyrillic -> Latin, letter by letter (љ -> lj, њ -> nj, џ -> dž).

    A capital Љ, Њ, Џ becomes ``LJ`` before a capital letter, ``Lj`` before a
    small one; at the end of a word it follows the letter before it (``КОЊ`` ->
    ``KONJ``, ``Њ`` -> ``Nj``).  Nothing is protected: Latin text passes unchanged.
    """
    return _CAPITAL_DIGRAPH.sub(_capital_digraph, text).translate(_TO_LATIN_TABLE)


# ---------------------------------------------------------------------------
# Implementation
# ---------------------------------------------------------------------------

_TO_CYRILLIC_TABLE = str.maketrans(_LATIN_TO_CYRILLIC)
_TO_LATIN_TABLE = str.maketrans(_CYRILLIC_TO_LATIN)


def _identity(text: str) -> str:
    return text


_INDENTED = re.compile(r"(?:^|\n)(?: {4}|\t)")


def _render(text: str, convert: Callable[[str], str]) -> str:
    """Apply ``convert`` to the text outside indented code blocks and protected spans."""
    if not _INDENTED.search(text):
        return _render_spans(text, convert)
    out: list[str] = []
    lines = text.splitlines(keepends=True)
    pos = 0
    for start, end in _indented_code(text):
        out.append(_render_spans("".join(lines[pos:start]), convert))
        out.append("".join(lines[start:end]))  # code, kept as written
        pos = end
    out.append(_render_spans("".join(lines[pos:]), convert))
    return "".join(out)


def _indented_code(text: str) -> list[tuple[int, int]]:
    """The line ranges of indented code blocks, as CommonMark reads them (so not a list's indented paragraph)."""
    tokens = MarkdownIt("commonmark").parse(text)
    return [(token.map[0], token.map[1]) for token in tokens if token.type == "code_block" and token.map]


def _render_spans(text: str, convert: Callable[[str], str]) -> str:
    """Apply ``convert`` to the text between protected spans; handle the spans."""
    out: list[str] = []
    pos = 0
    for m in _PROTECTED.finditer(text):
        start = m.start()
        if start > pos:
            out.append(convert(text[pos:start]))
        lat_text = m.group("lat_text")
        if lat_text is not None:
            out.append(lat_text)
        elif m.group("refdef_target") is not None:
            target = m.start("refdef_target")
            out.append(convert(text[start:target]) + text[target : m.end()])
        elif m.group() not in _MARKS:  # a stray mark is dropped; all else is kept
            out.append(m.group())
        pos = m.end()
    if pos < len(text):
        out.append(convert(text[pos:]))
    return "".join(out)


def _convert_word(m: re.Match[str], memo: WordMemo) -> str:
    word = m.group()
    result = memo.get(word)
    if result is None:
        result = _word_to_cyrillic(word)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[word] = result
    if result is _CONTEXT:
        return _transliterate(word) if _in_capitals(m) else word
    return str(result)


def _word_to_cyrillic(word: str) -> object:  # a str, or _CONTEXT
    """The Cyrillic form of one word, or ``_CONTEXT`` for a Roman numeral."""
    if not word.isascii() and not unicodedata.is_normalized("NFC", word):
        normal = unicodedata.normalize("NFC", word)
        # Keep the word as written if it is foreign even after composing accents.
        return _word_to_cyrillic(normal) if _SERBIAN_WORD.fullmatch(normal) else word
    if not _SERBIAN_WORD.fullmatch(word):
        return word
    if _ROMAN.fullmatch(word):
        return _CONTEXT
    lower = word.lower()
    if lower.startswith(FOREIGN_STEMS) or any(letters in lower for letters in FOREIGN_LETTERS):
        return word
    if len(lower) != len(word):
        return _transliterate(word)
    exception = _EXCEPTION.match(lower)
    if exception:
        cut = _EXCEPTION_SPLIT[exception.group()]
        return _transliterate(word[:cut]) + _transliterate(word[cut:])
    if "dž" in lower:
        prefix = _D_BOUNDARY.match(lower)
        if prefix:
            cut = prefix.end()
            return _transliterate(word[:cut]) + _transliterate(word[cut:])
    return _transliterate(word)


def _transliterate(word: str) -> str:
    if "j" in word or "J" in word or "ž" in word or "Ž" in word:
        word = _DIGRAPH.sub(lambda d: _DIGRAPHS[d.group()], word)
    return word.translate(_TO_CYRILLIC_TABLE)


def _in_capitals(m: re.Match[str]) -> bool:
    """Whether the word next to a Roman-numeral-like word is written in capitals."""
    text, start, end = m.string, m.start(), m.end()
    before = _WORD_BEFORE.match(text, max(0, start - 80), start)
    after = _WORD_AFTER.match(text, end)
    return any(n is not None and _is_capital_word(n.group(1)) for n in (before, after))


def _is_capital_word(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and not _ROMAN.fullmatch(word)


def _capital_digraph(m: re.Match[str]) -> str:
    text, i = m.string, m.start()
    latin = _CYRILLIC_TO_LATIN[m.group().lower()]
    after = text[i + 1] if i + 1 < len(text) else ""
    if after.isalpha():
        capitals = after.isupper()
    else:  # end of a word: a capital letter before means the word is in capitals
        capitals = i > 0 and text[i - 1].isupper()
    return latin.upper() if capitals else latin.capitalize()
