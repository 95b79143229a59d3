"""Every Romani text the portal shows follows one variety and one spelling (docs/romani.md).

The rules are read from the spelling described in docs/romani.md, as patterns of what breaks them,
and checked over every Romani text file of the sample, every message of the theme's Romani catalog
and the Romani data of portal.i18n.locales: a word of the other spelling anywhere is named with its
file and line. The patterns are tested on words of both spellings first, so that a pattern that
matches nothing cannot pass unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.i18n.locales import FALLBACKS

REPO = Path(__file__).resolve().parent.parent
CATALOG = REPO / "src/portal/themes/default/locales/rom.po"

# (rule of docs/romani.md, what breaks it)
RULES = (
    ("1. letters of Serbian Latin and čh kh ph th only", re.compile(r"[çθǎśźʒ]")),
    ("2. instrumental written -sa / -enca, not -ça / -çar / -encar", re.compile(r"\w(?:ça|çar|encar)\b")),
    ("3. masculine loan plurals in -ja, not -ura", re.compile(r"\b(?:dokument|klub|centr|prazník|praznik|servis)ura\b", re.I)),
    ("3. loan plurals in -ja / -je, not -ia / -ie", re.compile(r"\b\w+(?:cia|cie|sia|kia)\b", re.I)),
    ("5. `vaj` for or, not `ja`", re.compile(r"\bja\b")),
    ("5. `ando / andi` for in the, not `ano / ani`", re.compile(r"\ban[oi]\b")),
    ("6. `sigo`, not the Serbian `odmah`", re.compile(r"\bodmah\b", re.I)),
    ("6. `putardo / putardol` for open, not `phundlo / phundravel`", re.compile(r"\bphund(?:lo|ravel)\b", re.I)),
    ("7. the reader in the 2nd person plural", re.compile(r"\b(?:Rode|Dikh|Zumav|Sikav)\b(?! ?\w*en\b)")),
    ("8. one word for German", re.compile(r"\bnemc\w*", re.I)),
    ("8. `Evropaka`", re.compile(r"\bEvropak[io]\b")),
    (
        "11. months in -o, as the dates portal writes (januaro, marto, decembro)",
        re.compile(
            r"\b(?:januar|februar|mart|april|avgust|septemb(?:a?r|ri)|oktob(?:a?r|ri)|novemb(?:a?r|ri)|decemb(?:a?r|ri))i?\b"
        ),
    ),
)


@pytest.mark.parametrize(
    "rule, wrong, right",
    [
        (RULES[0], "ažutipnaça", "ažutipnasa"),
        (RULES[1], "e servisencar", "e servisjenca"),
        (RULES[2], "e dokumentura", "e dokumentja"),
        (RULES[3], "e servisia thaj e organizacie", "e servisja thaj e organizacije"),
        (RULES[4], "dokumentja ja love", "dokumentja vaj love"),
        (RULES[5], "ano foro", "ando foro"),
        (RULES[6], "akharen odmah", "akharen sigo"),
        (RULES[7], "Kana si phundlo", "Kana si putardo"),
        (RULES[8], "Rode ažutipe", "Roden ažutipe"),
        (RULES[9], "pe nemcko čhib", "pe germanikani čhib"),
        (RULES[10], "e Evropaki Unijaki", "e Evropaka Unijaki"),
        (RULES[11], "andar o januari 2019 dži ko decembri 2020", "andar o januaro 2019 dži ko decembro 2020"),
        (RULES[11], "ando 19. mart 2019.", "ando 19. marto 2019."),
        (RULES[11], "ando novembar", "ando novembro"),
    ],
)
def test_each_rule_tells_the_two_spellings_apart(rule, wrong, right):
    _name, pattern = rule
    assert pattern.search(wrong) and not pattern.search(right)


def romani_texts() -> list[tuple[str, int, str]]:
    """(where, line, text) of every Romani text: the sample's rom.md files, the catalog's messages, locales' data."""
    texts = []
    for path in sorted((REPO / "content").rglob("rom.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # link targets and {lat} spans are not Romani
            text = re.sub(r"\]\([^)]*\)|\{lat\}.*?\{/lat\}", "", line)
            texts.append((str(path.relative_to(REPO)), number, text))
    with CATALOG.open("rb") as file:
        for message in read_po(file):
            if message.id:
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                texts += [(str(CATALOG.relative_to(REPO)), message.lineno, string) for string in strings]
    romani = FALLBACKS["rom"]
    texts += [("portal/i18n/locales.py", 0, " ".join(romani.day_names))]
    texts += [("portal/i18n/locales.py", 0, " ".join(romani.month_names))]
    texts += [("portal/i18n/locales.py", 0, name) for _code, name in romani.language_names]
    return texts


def test_the_romani_texts_are_many_so_the_check_reads_them_all():
    files = {where for where, _line, _text in romani_texts()}
    assert len(files) >= 50 and str(CATALOG.relative_to(REPO)) in files


@pytest.mark.parametrize("rule, pattern", RULES, ids=[name for name, _ in RULES])
def test_every_romani_text_follows_the_rule(rule, pattern):
    broken = [f"{where}:{line}: {match.group()!r}" for where, line, text in romani_texts() for match in pattern.finditer(text)]
    assert broken == [], f"rule {rule} (docs/romani.md) is broken at:\n" + "\n".join(broken)


def test_every_romani_title_is_romani_not_a_name_in_another_language():
    """A title left in Serbian, Czech or English: words of those languages that Romani does not use."""
    foreign = re.compile(r"\b(?:za|povratnika|podrška|Strategy|Association|for|the|program)\b")
    titles = [
        (str(path.relative_to(REPO)), line)
        for path in (REPO / "content").rglob("rom.md")
        for line in path.read_text(encoding="utf-8").splitlines()[1:2]
        if foreign.search(line)
    ]
    # an organisation known only by its own name keeps it (Zavod za socijalni dejnosti is its official name)
    assert [where for where, line in titles if "Zavod za socijalni dejnosti" not in line] == []
