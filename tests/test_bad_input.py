"""The catalogue of bad input from pull requests: each case, the message an editor gets, and nothing written.

The table in docs/bad-input.md is generated from CASES (`python tests/test_bad_input.py`), and a
test checks it is current, so the documentation cannot drift from what the tool says.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import FIXTURES, REPO, run_portal, tree, write
from portal.build import build
from portal.cli import main

ORG = "content/organisations/neostart"
GOOD_FACTS = "type: civil-society\ncountry: RS\nlast_verified: 2026-11-01\n"
SERVICE = "content/services/pravna-pomoc"
SERVICE_FACTS = (FIXTURES / "minimal" / SERVICE / "facts.yml").read_text(encoding="utf-8")
PLACE = "content/municipalities/novi-sad"
PLACE_FACTS = (FIXTURES / "minimal" / PLACE / "facts.yml").read_text(encoding="utf-8")
TODAY_EPOCH = "1795000000"  # 2026-11-18: "today" for these builds (SOURCE_DATE_EPOCH), after the fixture's dates

# (what the editor did, {file: content}, the first error line printed)
CASES = [
    (
        "indented with a tab",
        {f"{ORG}/facts.yml": "type: civil-society\n\tcountry: RS\n"},
        f"{ORG}/facts.yml:2: error: this line is indented with a tab; indent with spaces, not tabs",
    ),
    (
        "bad indentation",
        {f"{ORG}/facts.yml": "type: civil-society\n  country: RS\nlast_verified: 2026-11-01\n"},
        f"{ORG}/facts.yml:2: error: `country:` is indented more than the line above; start `country:` at the same place as the line above",
    ),
    (
        "a colon in an unquoted title",
        {f"{ORG}/en.md": "---\ntitle: Help: documents\n---\n"},
        f'{ORG}/en.md:2: error: the value on this line contains `: `; put the value in quotes: `title: "Help: documents"`',
    ),
    (
        "unclosed quote",
        {f"{ORG}/en.md": '---\ntitle: "Neostart\nsummary: x\n---\n'},
        f"{ORG}/en.md:2: error: a quote opened on this line is never closed; close the quote at the end of the value",
    ),
    (
        "duplicate key",
        {f"{ORG}/facts.yml": GOOD_FACTS + "type: network\n"},
        f"{ORG}/facts.yml:4: error: `type` is written twice (first on line 1); keep one of them; the second would silently replace the first",
    ),
    (
        'YAML aliases (a "billion laughs" file)',
        {f"{ORG}/facts.yml": "a: &a [x, x]\nb: [*a, *a]\n"},
        f"{ORG}/facts.yml:2: error: anchors and aliases (`*name`) are not allowed; write the value out in full",
    ),
    (
        "a YAML tag that would run code",
        {f"{ORG}/facts.yml": 'type: !!python/object/apply:os.system ["id"]\n'},
        f"{ORG}/facts.yml:1: error: the tag `!!python/object/apply:os.system` is not allowed; "
        "remove the `!!...` tag and write a plain value",
    ),
    (
        "wrong type",
        {f"{ORG}/facts.yml": GOOD_FACTS + "email: 42\n"},
        f"{ORG}/facts.yml:4: error: `42` is not an e-mail address; write it like name@example.org",
    ),
    (
        "unknown field",
        {f"{ORG}/facts.yml": GOOD_FACTS + "phnoe: ['+381 11 123 4567']\n"},
        f"{ORG}/facts.yml:4: error: unknown field `phnoe` in a facts file; did you mean `phone`?",
    ),
    (
        "missing required field",
        {f"{ORG}/facts.yml": "country: RS\nlast_verified: 2026-11-01\n"},
        f"{ORG}/facts.yml:1: error: the required field `type` is missing; add a line `type: ...` (Kind of organisation.)",
    ),
    (
        "text for a language that is not configured",
        {f"{ORG}/fr.md": "---\ntitle: Neostart\n---\n"},
        f"{ORG}/fr.md: error: `fr` is not a language of this site; rename the file to one of the configured languages: "
        "write one of: `cs`, `en`, `sr-Cyrl`, `sr-Latn`",
    ),
    (
        "translation whose facts file is missing",
        {"content/organisations/caritas/en.md": "---\ntitle: Caritas\n---\n"},
        "content/organisations/caritas/en.md: error: this text has no facts file beside it; "
        "add content/organisations/caritas/facts.yml with at least `source_date:` or `last_verified:`",
    ),
    (
        "not UTF-8",
        {f"{ORG}/en.md": "---\ntitle: Čačak\n---\n".encode("cp1250")},
        f"{ORG}/en.md:2: error: the file is not UTF-8 text; save it again as UTF-8 (GitHub's editor does this)",
    ),
    (
        "empty file",
        {f"{ORG}/en.md": ""},
        f"{ORG}/en.md:1: error: the file is empty; start it with `---`, a line `title: ...`, and `---`",
    ),
    (
        "huge file",
        {f"{ORG}/en.md": "---\ntitle: x\n---\n" + "word " * 210_000},
        f"{ORG}/en.md: error: the file is 1,050,017 bytes, more than the 1,000,000 allowed; split it into several entries or shorten it",
    ),
    (
        "invisible control character",
        {f"{ORG}/en.md": '---\ntitle: "Neo\\u202Estart"\n---\n'},
        f"{ORG}/en.md:2: error: `title` contains an invisible control character; retype the text without it",
    ),
    (
        "id with capitals, spaces or dots",
        {
            "content/organisations/Neo..Start/facts.yml": GOOD_FACTS,
            "content/organisations/Neo..Start/en.md": "---\ntitle: x\n---\n",
        },
        "content/organisations/Neo..Start/en.md: error: `Neo..Start` cannot be used as an id; "
        "rename the folder `neo-start`: small latin letters, digits and - only",
    ),
    (
        "id with a control character",
        {"content/organisations/neo\x07start/facts.yml": GOOD_FACTS},
        "content/organisations/neo\x07start/facts.yml: error: `neo\x07start` cannot be used as an id; "
        "rename the folder `neostart`: small latin letters, digits and - only",
    ),
    (
        "page that would take a section's address",
        {"content/pages/needs/facts.yml": "last_verified: 2026-11-01\n", "content/pages/needs/en.md": "---\ntitle: Needs\n---\n"},
        "content/pages/needs/en.md: error: a page cannot be called `needs`: that address belongs to a section; choose another folder name",
    ),
    (
        "link to an entry that does not exist",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nSee [MOPPS](@organisations/mops).\n"},
        f"{ORG}/en.md:4: error: the link `@organisations/mops` names no entry; write @kind/id of an existing entry, e.g. @organisations/neostart",
    ),
    (
        "raw HTML such as <script> in Markdown",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n<script>alert(1)</script>\n"},
        f"{ORG}/en.md:4: error: HTML (`<script>alert(1)</script>`) is not allowed in the text; "
        "write it with Markdown: **bold**, [link](https://...), a blank line for a new paragraph",
    ),
    (
        "javascript: link",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n[click](javascript:alert(1))\n"},
        f"{ORG}/en.md:4: error: links starting with `javascript:` are not allowed; "
        "link to a web page (https://...), an e-mail (mailto:) or a phone number (tel:)",
    ),
    (
        "data: link",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n[click](data:text/html,hi)\n"},
        f"{ORG}/en.md:4: error: links starting with `data:` are not allowed; "
        "link to a web page (https://...), an e-mail (mailto:) or a phone number (tel:)",
    ),
    (
        "image from another site",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n![x](https://tracker.example/p.gif)\n"},
        f"{ORG}/en.md:4: error: the image `https://tracker.example/p.gif` is not on this site; "
        "images are loaded from this site only: put the file in the entry's folder, beside this text, "
        "and write its name, e.g. ![The entrance, a green door](entrance.jpg)",
    ),
    (
        "a picture missing from the entry's folder",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nOur door:\n\n![The entrance, a green door](entrance.jpg)\n"},
        f"{ORG}/en.md:6: error: there is no file `entrance.jpg` in {ORG}/; "
        f"put the file entrance.jpg in the folder {ORG}/, beside this text, or correct its name here",
    ),
    (
        "a picture without words for who cannot see it",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n![](/static/logo.png)\n"},
        f"{ORG}/en.md:4: error: the picture `/static/logo.png` has no words for readers who cannot see it; "
        "write what it shows between the brackets, e.g. ![The entrance, a green door](/static/logo.png)",
    ),
    (
        "`yes` where one of a few words is expected",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS.replace("cost: free", "cost: yes")},
        f"{SERVICE}/facts.yml:7: error: YAML reads `yes` as true; write one of: free, fee, unknown",
    ),
    (
        "a country code YAML reads as false (Norway)",
        {f"{ORG}/facts.yml": GOOD_FACTS.replace("country: RS", "country: NO")},
        f'{ORG}/facts.yml:2: error: YAML reads `NO` as false; put it in quotes: `country: "NO"`',
    ),
    (
        "curly quotes from a word processor around a value",
        {f"{ORG}/en.md": "---\ntitle: “Neostart”\n---\n"},
        f"{ORG}/en.md:2: error: `“Neostart”` is in curly quotes “ ”, which would be shown as part of it; "
        'write it without them: `title: Neostart` (straight quotes " " if it contains `: `)',
    ),
    (
        "curly quotes around a title with a colon",
        {f"{ORG}/sr-Latn.md": "---\ntitle: „Pomoć: dokumenti“\n---\n"},
        f"{ORG}/sr-Latn.md:2: error: the quotes „ “ on this line are curly quotes, which do not count as quotes here; "
        'type straight quotes instead: `title: "Pomoć: dokumenti"`',
    ),
    (
        "a day written in the editor's language (Serbian `sub`, Saturday)",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS + "hours:\n  - days: [pon, sub]\n    opens: '08:00'\n    closes: '12:00'\n"},
        f"{SERVICE}/facts.yml:10: error: `sub` is not an allowed value of `days`; `sub` is subota (sr-Latn): write `sa`",
    ),
    (
        "a required field left empty (as `portal new` leaves it)",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS.replace("audiences: [leaving-prison, families]", "audiences:")},
        f"{SERVICE}/facts.yml:2: error: `audiences` is not filled in yet; "
        "fill in one or more of: returnees, leaving-prison, prisoners, families, young-people, professionals",
    ),
    (
        "latitude and longitude swapped",
        {f"{PLACE}/facts.yml": PLACE_FACTS.replace("[45.2671, 19.8335]", "[19.8335, 45.2671]")},
        f"{PLACE}/facts.yml:2: error: latitude and longitude are swapped: [19.8335, 45.2671] is not in RS, but "
        "[45.2671, 19.8335] is; write `coordinates: [45.2671, 19.8335]`: latitude (north) first, then longitude (east)",
    ),
    (
        "coordinates in another country than the place's",
        {f"{PLACE}/facts.yml": PLACE_FACTS.replace("[45.2671, 19.8335]", "[47.4979, 19.0402]")},
        f"{PLACE}/facts.yml:2: error: `coordinates` [47.4979, 19.0402] lie in HU, not in RS; "
        "copy them again from a map: latitude (north) first, then longitude (east), e.g. [45.2671, 19.8335]",
    ),
    (
        "coordinates left at [0, 0]",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS + "coordinates: [0.0, 0.0]\n"},
        f"{SERVICE}/facts.yml:9: error: `coordinates` [0, 0] lie outside RS; "
        "copy them again from a map: latitude (north) first, then longitude (east), e.g. [45.2671, 19.8335]",
    ),
    (
        "`last_verified` after today",
        {f"{ORG}/facts.yml": GOOD_FACTS.replace("2026-11-01", "2026-12-24")},
        f"{ORG}/facts.yml:3: error: `last_verified` is 2026-12-24, later than today (2026-11-18); "
        "write the day someone really checked these facts: today at the latest",
    ),
    (
        "HTML in a `---` block value",
        {f"{ORG}/en.md": "---\ntitle: Neostart\nsummary: <b>Free</b> legal aid\n---\n"},
        f"{ORG}/en.md:3: error: HTML (`<b>`) is not allowed in `summary`; write plain text: the page would show the tags as they are written",
    ),
    (
        "a link without https://",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nSee [our site](www.neostart.org).\n"},
        f"{ORG}/en.md:4: error: the link `www.neostart.org` has no https://, mailto: or tel: in front, so it leads nowhere; "
        "write `https://www.neostart.org`",
    ),
    (
        "an e-mail link without mailto:",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nWrite to [us](info@neostart.org).\n"},
        f"{ORG}/en.md:4: error: the link `info@neostart.org` has no https://, mailto: or tel: in front, so it leads nowhere; "
        "write `mailto:info@neostart.org`",
    ),
    (
        "a link on the third line of a paragraph",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nNeostart helps\npeople after prison;\nsee [MOPPS](@organisations/mops).\n"},
        f"{ORG}/en.md:6: error: the link `@organisations/mops` names no entry; write @kind/id of an existing entry, e.g. @organisations/neostart",
    ),
    (
        "a note for editors that is never closed",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nOpen daily. <!-- call them\nabout Fridays\n"},
        f"{ORG}/en.md:4: error: a note `<!--` opened on this line is never closed; "
        "end the note with `-->`: everything after `<!--` is hidden from readers",
    ),
    (
        "a mistake in the facts and a broken link in the text of the same entry (both, in one run)",
        {
            f"{ORG}/facts.yml": GOOD_FACTS.replace("civil-society", "civil-sociaty"),
            f"{ORG}/en.md": "---\ntitle: Neostart\n---\nSee [MOPPS](@organisations/mops).\n",
        },
        f"{ORG}/en.md:4: error: the link `@organisations/mops` names no entry; write @kind/id of an existing entry, e.g. @organisations/neostart",
    ),
    (
        "a date written day first, as in the region",
        {f"{ORG}/facts.yml": GOOD_FACTS.replace("2026-11-01", "1.11.2026.")},
        f"{ORG}/facts.yml:3: error: `last_verified` is not a date: `1.11.2026.`; write `last_verified: 2026-11-01` (year, month, day)",
    ),
    (
        "several values in a list without brackets",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS.replace("languages: [sr-Latn, rom]", "languages: sr-Latn, rom")},
        f"{SERVICE}/facts.yml:6: error: `languages` names several values without brackets: `sr-Latn, rom`; "
        "write `languages: [sr-Latn, rom]`",
    ),
    (
        "a wrong fact and a wrong need in the same file (both, in one run)",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS.replace("cost: free", "cost: gratis").replace("[legal-aid]", "[legal]")},
        f"{SERVICE}/facts.yml:3: error: `categories` names `legal`, which does not exist in site.yml under categories; "
        "did you mean `legal-aid`?",
    ),
    (
        "opening days written as a range",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS + "hours:\n  - days: pon-pet\n    opens: '08:00'\n    closes: '16:00'\n"},
        f"{SERVICE}/facts.yml:10: error: `pon-pet` is not an allowed value of `days`; write the days one by one: `[mo, tu, we, th, fr]`",
    ),
    (
        "an opening time without minutes",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS + "hours:\n  - days: [mo]\n    opens: 8\n    closes: 16h\n"},
        f'{SERVICE}/facts.yml:11: error: `8` is not a time of day; write `opens: "08:00"`',
    ),
    (
        "a heading without a space after ##",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\n##Documents\n"},
        f"{ORG}/en.md:4: error: `##Documents` is shown as text, not as a heading; write `## Documents`: a space after ##",
    ),
    (
        "a space between ] and ( of a link",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nCall [the office] (tel:+381111234567).\n"},
        f"{ORG}/en.md:4: error: a space between `]` and `(` shows the link as text; write `[the office](tel:+381111234567)`",
    ),
    (
        "a link to another page counted from this one (../)",
        {f"{ORG}/en.md": "---\ntitle: Neostart\n---\nSee [health](../../needs/health/).\n"},
        f"{ORG}/en.md:4: error: the link `../../needs/health/` leads to a place counted from this page, which is another "
        "page in each language; link to the entry with @kind/id, e.g. @categories/health or @organisations/neostart",
    ),
    (
        "a translation that is the source text copied unchanged",
        {
            f"{ORG}/sr-Latn.md": "---\ntitle: Neostart\n---\nNeostart pomaže ljudima posle zatvora da nađu posao i stan.\n",
            f"{ORG}/en.md": "---\ntitle: Neostart\n---\nNeostart pomaže ljudima posle zatvora da nađu posao i stan.\n",
        },
        f"{ORG}/en.md:4: error: the text is a copy of sr-Latn.md: it would be shown as a en text, without the notice that "
        "it is not translated; translate it, or delete en.md: readers then see the sr-Latn text with that notice",
    ),
    (
        "a phone number with a leading 0 and no quotes (YAML would read an octal number)",
        {f"{ORG}/facts.yml": GOOD_FACTS + "phone: [0113230401]\n"},
        f"{ORG}/facts.yml:4: error: `0113230401` is not a phone number in international format; "
        "write it in international format: `+381 11 3230401`",
    ),
    (
        "symlink out of content/",
        {"@symlink": f"{ORG}/de.md"},
        f"{ORG}/de.md: error: this link leads out of content/; replace the link by the file itself",
    ),
    (
        "template with an undefined variable",
        {"templates/pages.html": "{% extends 'base.html' %}\n{% block main %}{{ page.nothing }}{% endblock %}\n"},
        "templates/pages.html:2: error: the template failed on /sr-latn/about/ and 3 more pages: `nothing` is not part of the "
        "view EntryPage; write one of: `absolute_url`, `alternates`, `brochures`, `checked`, `contact`, `contact_card`, "
        "`dir`, `entry`, `home_url`, `lang`, `language_name`, `languages`, ...",
    ),
]

# (what the editor did, {file: content}, the warning printed): published as it is, but said, and failed with --strict
WARNED = [
    (
        "Cyrillic in a Serbian Latin text (sr-Latn.md)",
        {f"{ORG}/sr-Latn.md": "---\ntitle: Neostart\n---\nNeostart pomaže ljudima\nпосле затвора.\n"},
        f"{ORG}/sr-Latn.md:5: warning: `после` is written in Cyrillic letters, but sr-Latn.md is a text in Latin letters; "
        "retype it in Latin letters: the Cyrillic pages are made from this text",
    ),
    (
        "a text mostly in Latin letters in a Cyrillic file (sr-Cyrl.md)",
        {f"{ORG}/sr-Cyrl.md": "---\ntitle: Неостарт\n---\nNeostart pomaže ljudima posle zatvora.\n"},
        f"{ORG}/sr-Cyrl.md:4: warning: `pomaže` is written in Latin letters, but sr-Cyrl.md is a text in Cyrillic letters; "
        "retype it in Cyrillic letters; a name that stays in Latin letters is marked {lat}Name{/lat}",
    ),
    (
        "a title longer than a phone shows in a list",
        {f"{ORG}/en.md": "---\ntitle: " + "Support " * 12 + "\n---\n"},
        f"{ORG}/en.md:2: warning: the title is 95 characters long; on a phone, a list shows 90 in about three lines; "
        "shorten it to at most 90 characters and say the rest in `summary`",
    ),
    (
        "a service for the public that no one can reach",
        {f"{SERVICE}/facts.yml": SERVICE_FACTS.replace("provider: neostart\n", "").replace('phone: ["+381 21 123 456"]\n', "")},
        f"{SERVICE}/facts.yml:1: warning: readers have no way to reach this service: neither it nor its provider has a phone, "
        "email, website or address; add at least one of `phone`, `email`, `website` or `address`",
    ),
]

ACCEPTED = [
    ("byte-order mark", "\ufeff---\ntitle: Neostart\n---\nHelps.\n".encode("utf-8")),
    ("Windows line ends (CRLF)", b"---\r\ntitle: Neostart\r\n---\r\nHelps.\r\n"),
]


def prepare(site: Path, files: dict) -> None:
    for path, content in files.items():
        if path == "@symlink":
            outside = write(site.parent / "outside.md", "---\ntitle: secret\n---\n")
            os.symlink(outside, site / content)
        else:
            write(site / path, content)


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory) -> Path:
    """The fixture site built once with `portal build`: the output each failed build must leave as it was."""
    root = tmp_path_factory.mktemp("previous")
    shutil.copytree(FIXTURES / "minimal", root / "site")
    assert main(["--site", str(root / "site"), "build", "--out", str(root / "public")]) == 0
    return root / "public"


# Cases whose message a test of its own module asserts too (test_load, test_validate, test_markdown): their whole
# build runs in the full suite only, so that the quick run (`pytest -m "not slow"`) stays within a minute.
ALSO_CHECKED_BY_THEIR_MODULE = {
    'YAML aliases (a "billion laughs" file)',
    "not UTF-8",
    "empty file",
    "symlink out of content/",
    "unknown field",
    "translation whose facts file is missing",
    "invisible control character",
    "page that would take a section's address",
    "link to an entry that does not exist",
    "raw HTML such as <script> in Markdown",
    "javascript: link",
    "data: link",
    "`yes` where one of a few words is expected",
    "curly quotes from a word processor around a value",
    "curly quotes around a title with a colon",
    "a day written in the editor's language (Serbian `sub`, Saturday)",
    "latitude and longitude swapped",
    "`last_verified` after today",
    "a link on the third line of a paragraph",
    "a mistake in the facts and a broken link in the text of the same entry (both, in one run)",
}


@pytest.mark.parametrize(
    "what, files, expected",
    [pytest.param(*case, id=case[0], marks=[pytest.mark.slow] * (case[0] in ALSO_CHECKED_BY_THEIR_MODULE)) for case in CASES],
)
def test_bad_input_is_reported_and_nothing_is_written(site, capsys, monkeypatch, previous_output, what, files, expected):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    shutil.copytree(previous_output, site / "public")
    before = tree(site / "public")
    prepare(site, files)
    status, _, err = run_portal(capsys, "--site", str(site), "build")
    assert status == 1
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert expected in errors, "\n".join(errors)
    assert "Traceback" not in err
    assert tree(site / "public") == before


@pytest.mark.parametrize("what, files, expected", WARNED, ids=[case[0] for case in WARNED])
def test_doubtful_input_is_published_with_a_warning_and_fails_when_strict(site, capsys, what, files, expected):
    prepare(site, files)
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 0 and expected in err.splitlines(), err
    assert run_portal(capsys, "--site", str(site), "check", "--strict")[0] == 1


@pytest.mark.parametrize("what, content", ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_harmless_encodings_are_accepted(site, what, content):
    write(site / f"{ORG}/en.md", content)
    result = build(site)
    assert not result.errors, result.errors
    assert "Helps." in result.files["en/organisations/neostart/index.html"].decode("utf-8")


def catalogue_markdown() -> str:
    rows = [
        "# Bad input and what the editor is told",
        "",
        "Generated from `tests/test_bad_input.py` (`python tests/test_bad_input.py`); every row is tested.",
        "In each case `portal check` and `portal build` exit with status 1, print every problem of the run,",
        "and the previous `public/` stays untouched. The rows with a warning are published as they are, and said;",
        "`--strict` makes them fail too.",
        "",
        "| input | message |",
        "| --- | --- |",
    ]
    for what, _, expected in CASES:
        shown = expected.replace("|", "\\|").replace("\x07", "\\x07")
        rows.append(f"| {what} | `{shown}` |" if "`" not in shown else f"| {what} | {shown} |")
    for what, _, expected in WARNED:
        shown = expected.replace("|", "\\|")
        rows.append(f"| {what} | {shown} (published; `--strict` fails) |")
    for what, _ in ACCEPTED:
        rows.append(f"| {what} | accepted: removed or normalised while reading |")
    return "\n".join(rows) + "\n"


def test_docs_table_lists_every_case():
    assert (REPO / "docs/bad-input.md").read_text(encoding="utf-8") == catalogue_markdown()


if __name__ == "__main__":
    (REPO / "docs/bad-input.md").write_text(catalogue_markdown(), encoding="utf-8")


def test_content_cannot_inject_markup_into_pages(site):
    write(site / f"{ORG}/en.md", '---\ntitle: "<script>alert(1)</script>"\n---\n')
    assert [problem.format() for problem in build(site).errors] == [
        f"{ORG}/en.md:2: error: HTML (`<script>`) is not allowed in `title`; write plain text: the page would show the tags as they are written"
    ]
    # What is not a tag passes, and is escaped wherever it is shown
    write(site / f"{ORG}/en.md", '---\ntitle: "1 < 2 & 3 > 2 </script"\nsummary: "\\" onmouseover=\\"x"\n---\n')
    result = build(site)
    assert not result.errors, result.errors
    html = result.files["en/organisations/neostart/index.html"].decode("utf-8")
    assert "<h1>1 &lt; 2 &amp; 3 &gt; 2 &lt;/script</h1>" in html
    assert 'onmouseover="x"' not in html


def test_a_javascript_website_is_refused(site, capsys):
    write(site / f"{ORG}/facts.yml", GOOD_FACTS + "website: javascript:alert(1)\n")
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 1
    assert (
        f"{ORG}/facts.yml:4: error: `javascript:alert(1)` is not a web address; write it in full, starting with https://" in err
    )
