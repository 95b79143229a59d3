"""Checks that a valid value is also a plausible one: mistakes that every field's own check lets through.

`validate` makes sure each value is well written; this module reads what it made and looks for what
would still mislead a reader: coordinates outside the entry's country, or with latitude and longitude
swapped; a `last_verified` after today; a service for the public that no one can reach; a title too
long for a list on a phone; words in the other script than the file's language is written in.
Each problem names the line to look at.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Mapping

from babel.core import get_global

from .errors import Problem, _, error, n_, warning
from .i18n.translit import prose_spans
from .maps import load_outlines
from .model import Entry, TextSource

# A title is read in lists, search results and the browser's tab. At 17 px on a 360 px phone a list
# line holds about 30 to 35 characters: 90 characters is three lines, beyond which a list stops being
# one a reader can scan.
TITLE_LIMIT = 90
# Natural Earth's 1:50m outlines are simplified by a kilometre or two; a town on a border river must
# not be reported. 0.05 degrees is 5.5 km north to south (a little less east to west in Serbia).
MARGIN_DEGREES = 0.05
# Ways to reach a service; one of them is enough.
CONTACT_FIELDS = ("phone", "email", "website", "address")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LATIN_LETTERS = re.compile(r"[a-zà-ž]{2}")  # where a _LOWER_LATIN_WORD may start
_LOWER_LATIN_WORD = re.compile(r"[a-zà-ž]{2,}")  # small letters of the Latin alphabets portal's languages use


Ring = list[tuple[float, float]]  # (longitude, latitude) points, closed


class CountryShapes:
    """The country outlines portal ships (data/outlines.json), as rings to test points against.

    A build context keeps one (ValidationMemo.places), so that rings are assembled once and a point
    already tested is not tested again while editors save."""

    def __init__(self) -> None:
        self._rings: dict[str, list[Ring]] | None = None
        self._inside: dict[tuple[str, float, float], bool] = {}
        self._together: dict[str, set[str]] = {}

    def rings(self) -> dict[str, list[Ring]]:
        if self._rings is None:
            outlines = load_outlines()
            arcs = outlines["arcs"]
            self._rings = {}
            for code, country_rings in outlines["countries"].items():
                self._rings[code] = []
                for ring in country_rings:
                    points: Ring = []
                    for index in ring:
                        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                        points += [(lon, lat) for lon, lat in (arc if not points else arc[1:])]
                    self._rings[code].append(points)
            # Natural Earth draws Kosovo apart from Serbia; whether a place there is written RS or XK is the
            # site's editorial choice, so a point in either counts for both (data/README.md).
            for pair in outlines.get("disputed", []):
                for code in pair:
                    self._together.setdefault(code, {code}).update(pair)
        return self._rings

    def known(self, code: str) -> bool:
        return code in self.rings()

    def codes(self) -> list[str]:
        return sorted(self.rings())

    def contains(self, code: str, latitude: float, longitude: float) -> bool:
        """Whether the point lies in country `code` (or one drawn apart from it), or within the margin of it."""
        self.rings()
        return any(self._in_one(member, latitude, longitude) for member in sorted(self._together.get(code, {code})))

    def country_at(self, latitude: float, longitude: float) -> str | None:
        return next((code for code in self.codes() if self._in_one(code, latitude, longitude)), None)

    def _in_one(self, code: str, latitude: float, longitude: float) -> bool:
        key = (code, latitude, longitude)
        if key not in self._inside:
            rings = self.rings().get(code, [])
            self._inside[key] = any(_inside(ring, longitude, latitude) for ring in rings) or any(
                _near(ring, longitude, latitude) for ring in rings
            )
        return self._inside[key]


def _inside(ring: Ring, x: float, y: float) -> bool:
    """Ray casting: a point is inside when a ray from it crosses the ring an odd number of times."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _near(ring: Ring, x: float, y: float) -> bool:
    """Within MARGIN_DEGREES of the ring's outline."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    if not (
        min(xs) - MARGIN_DEGREES <= x <= max(xs) + MARGIN_DEGREES and min(ys) - MARGIN_DEGREES <= y <= max(ys) + MARGIN_DEGREES
    ):
        return False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
        if (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2 <= MARGIN_DEGREES**2:
            return True
        x1, y1 = x2, y2
    return False


# The kinds whose facts a reader acts on (a phone number, an address, who runs what): their pages say how current
# the facts are, from `last_verified` or `source_date`. An example entry is invented: it has no date to show.
DATED_KINDS = ("organisations", "services", "projects")


def _undated(entry: Entry) -> list[Problem]:
    """An entry whose page cannot say how current its facts are: neither checked nor taken from a dated document."""
    if entry.kind not in DATED_KINDS or entry.example or entry.last_verified is not None or entry.source_date is not None:
        return []
    return [
        warning(
            entry.source.path,
            1,
            _("these facts have neither `last_verified:` nor `source_date:`, so readers cannot tell how current they are"),
            _(
                "write `source_date: YYYY` (or YYYY-MM), the date of the document the facts come from, or "
                "`last_verified: YYYY-MM-DD` when someone has checked them with the organisation"
            ),
        )
    ]


def _source_date(entry: Entry, today: datetime.date) -> list[Problem]:
    """A document's date after today, or a check before the document it checked was written."""
    if entry.source_date is None:
        return []
    line = entry.fact_lines.get("source_date", 0)
    if entry.source_date[:7] > today.isoformat()[: len(entry.source_date)]:
        message = _("`source_date` is {date}, later than today ({today})", date=entry.source_date, today=today.isoformat())
        return [error(entry.source.path, line, message, _("write the date of the document the facts come from"))]
    if entry.last_verified is not None and entry.last_verified.isoformat()[: len(entry.source_date)] < entry.source_date:
        message = _(
            "`last_verified` ({checked}) is before the document of `source_date` ({date}) was written",
            checked=entry.last_verified.isoformat(),
            date=entry.source_date,
        )
        return [warning(entry.source.path, line, message, _("check the facts again, or correct one of the two dates"))]
    return []


def entry_problems(entries: Mapping[tuple[str, str], Entry], today: datetime.date, shapes: CountryShapes) -> list[Problem]:
    """Facts that are well written but cannot be right, or leave a reader without a way to go on."""
    problems: list[Problem] = []
    for entry in entries.values():
        if entry.last_verified is not None and entry.last_verified > today:
            problems.append(
                error(
                    entry.source.path,
                    entry.fact_lines.get("last_verified", 0),
                    _(
                        "`last_verified` is {date}, later than today ({today})",
                        date=entry.last_verified.isoformat(),
                        today=today.isoformat(),
                    ),
                    _("write the day someone really checked these facts: today at the latest"),
                )
            )
        problems += _source_date(entry, today) + _undated(entry)
        if "coordinates" in entry.facts:
            problems += _coordinates(entry, _countries_of(entry, entries), shapes)
        if entry.kind == "services":
            problems += _unreachable(entry, entries)
    return problems


def _countries_of(entry: Entry, entries: Mapping[tuple[str, str], Entry]) -> list[str]:
    """The countries an entry's coordinates must lie in: a municipality's own; a service's municipalities'
    (or, without any, its provider's)."""
    if entry.kind == "municipalities":
        return [entry.facts["country"]] if entry.facts.get("country") else []
    places = [entries.get(("municipalities", place)) for place in entry.facts.get("municipalities", ())]
    countries = [place.facts["country"] for place in places if place is not None and place.facts.get("country")]
    provider = entries.get(("organisations", entry.facts.get("provider", "")))
    if not countries and provider is not None and provider.facts.get("country"):
        countries = [provider.facts["country"]]
    return sorted(set(countries))


def _coordinates(entry: Entry, countries: list[str], shapes: CountryShapes) -> list[Problem]:
    point = entry.facts["coordinates"]
    lat, lon = point.latitude, point.longitude
    known = [code for code in countries if shapes.known(code)]
    if any(shapes.contains(code, lat, lon) for code in known):
        return []
    line = entry.fact_lines.get("coordinates", 0)
    written, swapped = f"[{_degrees(lat)}, {_degrees(lon)}]", f"[{_degrees(lon)}, {_degrees(lat)}]"
    swapped_into = [code for code in (known or shapes.codes()) if -90 <= lon <= 90 and shapes.contains(code, lon, lat)]
    if swapped_into and (known or shapes.country_at(lat, lon) is None):
        return [
            error(
                entry.source.path,
                line,
                _(
                    "latitude and longitude are swapped: {written} is not in {country}, but {swapped} is",
                    written=written,
                    country=swapped_into[0],
                    swapped=swapped,
                ),
                _("write `coordinates: {swapped}`: latitude (north) first, then longitude (east)", swapped=swapped),
            )
        ]
    if not known:
        return []  # no outline to test against (a country portal ships none of), and nothing swapped
    where = ", ".join(known)
    other = shapes.country_at(lat, lon)
    message = (
        _("`coordinates` {written} lie in {other}, not in {country}", written=written, other=other, country=where)
        if other
        else _("`coordinates` {written} lie outside {country}", written=written, country=where)
    )
    return [
        error(
            entry.source.path,
            line,
            message,
            _("copy them again from a map: latitude (north) first, then longitude (east), e.g. [45.2671, 19.8335]"),
        )
    ]


def _degrees(value: float) -> str:
    return f"{value:g}"


def _unreachable(service: Entry, entries: Mapping[tuple[str, str], Entry]) -> list[Problem]:
    """A service for the public needs a way to reach it: its own, or its provider's (the page links the provider).

    Example entries are left alone: they must not carry contacts, which would be invented."""
    audiences = service.facts.get("audiences", ())
    if service.example or not audiences or set(audiences) <= {"professionals"}:
        return []
    provider = entries.get(("organisations", service.facts.get("provider", "")))
    if any(service.facts.get(name) for name in CONTACT_FIELDS) or (
        provider is not None and any(provider.facts.get(name) for name in CONTACT_FIELDS)
    ):
        return []
    return [
        warning(
            service.source.path,
            service.fact_lines.get("audiences", 0),
            _("readers have no way to reach this service: neither it nor its provider has a phone, email, website or address"),
            _("add at least one of `phone`, `email`, `website` or `address`"),
        )
    ]


def expected_script(tag: str) -> str | None:
    """The script a language is written in (`Latn`, `Cyrl`): the tag's own, or CLDR's likely one; None if unknown."""
    parts = tag.split("-")
    script = next((part.title() for part in parts[1:] if len(part) == 4 and part.isalpha()), None)
    if script is None:
        likely = get_global("likely_subtags").get(parts[0].lower(), "")
        script = next((part for part in str(likely).split("_")[1:] if len(part) == 4), None)
    return script if script in ("Latn", "Cyrl") else None


def text_problems(text: TextSource, language: str) -> list[Problem]:
    """A title too long for a list on a phone; the first word written in the other script than the file's."""
    problems: list[Problem] = []
    path = text.source.path
    title = text.fields.get("title")
    if isinstance(title, str) and len(title) > TITLE_LIMIT:
        problems.append(
            warning(
                path,
                text.field_lines.get("title", 0),
                n_(
                    "the title is {length} character long; on a phone, a list shows {limit} in about three lines",
                    "the title is {length} characters long; on a phone, a list shows {limit} in about three lines",
                    "length",
                    length=len(title),
                    limit=TITLE_LIMIT,
                ),
                n_(
                    "shorten it to at most {limit} character and say the rest in `summary`",
                    "shorten it to at most {limit} characters and say the rest in `summary`",
                    "limit",
                    limit=TITLE_LIMIT,
                ),
            )
        )
    script = expected_script(language)
    if script is not None:
        found = _first_foreign_word(text, script, strict=language == "sr-Latn")
        if found is not None:
            line, word = found
            problems.append(warning(path, line, *_script_message(word, script, path.rsplit("/", 1)[-1], language)))
    return problems


def _first_foreign_word(text: TextSource, script: str, strict: bool) -> tuple[int, str] | None:
    """The line and the first word of the text's fields, then of its body, written in the other script."""
    for name, value in text.fields.items():
        if name in ("translated_from", "lang"):
            continue
        for item in value if isinstance(value, tuple) else (value,):
            found = _foreign_word(item, script, strict) if isinstance(item, str) else None
            if found is not None:
                return text.field_lines.get(name, 0), found[1]
    found = _foreign_word(text.body, script, strict)
    if found is None:
        return None
    index = text.body.count("\n", 0, found[0])
    return text.body_line + (text.body_moved[index] if index < len(text.body_moved) else index), found[1]


def _foreign_word(written: str, script: str, strict: bool) -> tuple[int, str] | None:
    """The offset and first word of the other script in the first paragraph mostly written in it.

    A name from another country may stay in its own letters within a paragraph (a Czech office in a
    Macedonian text); a paragraph mostly in the other script was typed in the wrong one. `strict`: any
    word of the other script counts (Serbian Latin, from which the Cyrillic pages are made)."""
    if script == "Latn" and not _CYRILLIC.search(written):  # the usual case, found in one scan
        return None
    if script == "Cyrl" and not _LATIN_LETTERS.search(written):
        return None
    breaks = [found.start() for found in _PARAGRAPH_BREAK.finditer(written)]
    foreign: dict[int, list[tuple[int, str]]] = {}  # paragraph -> (offset, word) in the other script
    own: dict[int, int] = {}  # paragraph -> how many words in the file's own script
    for offset, prose in prose_spans(written):
        for word in _WORD.finditer(prose):
            at, text = offset + word.start(), word.group()
            paragraph = bisect.bisect(breaks, at)
            cyrillic = bool(_CYRILLIC.search(text))
            if (script == "Latn" and cyrillic) or (script == "Cyrl" and _LOWER_LATIN_WORD.fullmatch(text)):
                foreign.setdefault(paragraph, []).append((at, text))
            elif cyrillic == (script == "Cyrl"):
                own[paragraph] = own.get(paragraph, 0) + 1
    for paragraph, words in sorted(foreign.items()):
        if strict or len(words) >= own.get(paragraph, 0):
            return words[0]
    return None


def _script_message(word: str, script: str, file: str, language: str) -> tuple[str, str]:
    if script == "Latn":
        hint = (
            _("retype it in Latin letters: the Cyrillic pages are made from this text")
            if language == "sr-Latn"
            else _("retype it in Latin letters, or move the text to the file of its language")
        )
        return _("`{word}` is written in Cyrillic letters, but {file} is a text in Latin letters", word=word, file=file), hint
    return (
        _("`{word}` is written in Latin letters, but {file} is a text in Cyrillic letters", word=word, file=file),
        _("retype it in Cyrillic letters; a name that stays in Latin letters is marked {lat}Name{/lat}"),
    )
