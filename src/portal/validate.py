"""Stage 3, validate: loaded records become the typed model, and every mistake becomes a Problem.

Each value is checked against its declaration in `schema.KINDS`; references between entries are
checked once all entries are known. Nothing stops at the first problem.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, TypeVar, TypeVarTuple
from urllib.parse import urlsplit

import phonenumbers
from babel.dates import get_day_names

from .attachments import entry_file
from .config import COUNTRIES, EMAIL, ID, LANGUAGE_TAG, SiteConfig, country_hint
from .errors import Problem, SourceRef, _, did_you_mean, error, n_, warning
from .hours import MINUTES_A_DAY, Clock, HoursException, OpeningPeriod, Overlap, overlaps, parse_time
from .i18n.fold import fold_text
from .i18n.locales import is_variety_of, language_format
from .load import FactsFile, LoadedSite, TextFile
from .markdown import render_markdown, without_notes
from .model import BaseMap, Coordinates, Entry, EntryFile, Phone, Site, Synonym, TextSource
from .parse import LineDict, LineList
from .plausibility import CountryShapes, entry_problems, text_problems
from .schema import (
    HOURS_EXCEPTION_FIELDS,
    HOURS_FIELDS,
    KINDS,
    LEGAL_BASIS_FIELDS,
    MEMBERSHIP_FIELDS,
    RESERVED_IDS,
    STEP_FIELDS,
    WEEKDAYS,
    FieldSpec,
)
from .translations import STAMP_FIELD, is_outdated, source_hash

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
HTML_TAG = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]))[^>]*>?")
CURLY_OPENING = "“„‘‚«»"
CURLY_CLOSING = "”“’‘»«"
_YAML_TRUE = dict.fromkeys(("yes", "true", "on"), True) | dict.fromkeys(("no", "false", "off"), False)
LINE_KEY = "_line"  # in a checked block (a pathway's step): the line of its id, until references are checked
DANGEROUS_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


class _Checker:
    """Checks one file's values; remembers the file so that every problem names it."""

    def __init__(
        self,
        path: str,
        values: LineDict,
        problems: list[Problem],
        config: SiteConfig,
        bool_words: Mapping[int, tuple[str, ...]] | None = None,
    ) -> None:
        self.path, self.values, self.problems, self.config = path, values, problems, config
        # The words YAML read as true or false, by line (the file's, also for a block inside it)
        self.bool_words = values.bool_words if bool_words is None else bool_words

    def report(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(error(self.path, line, message, hint))

    def fields(self, specs: tuple[FieldSpec, ...], what: str) -> dict[str, Any]:
        """Check every key against specs; return the typed values of the valid ones."""
        names = [spec.name for spec in specs]
        typed: dict[str, Any] = {}  # each of the type its spec declares
        for key in self.values:
            if key not in names:
                self.report(
                    self.values.line_of(key),
                    _("unknown field `{key}` in {what}", key=key, what=what),
                    did_you_mean(str(key), names),
                )
        for spec in specs:
            if spec.name in self.values and self.values[spec.name] is None and (spec.required or spec.scaffold):
                self.report(
                    self.values.line_of(spec.name), _("`{field}` is not filled in yet", field=spec.name), self._fill_in(spec)
                )
                continue
            if spec.name not in self.values or self.values[spec.name] is None:
                if spec.required:
                    self.report(
                        self.values.line or 1,
                        _("the required field `{field}` is missing", field=spec.name),
                        _("add a line `{field}: ...` ({doc})", field=spec.name, doc=_(spec.doc)),
                    )
                continue
            value = self.value(spec, self.values[spec.name], self.values.line_of(spec.name))
            if value is not None:
                typed[spec.name] = value
        return typed

    def value(self, spec: FieldSpec, raw: Any, line: int) -> object:
        if self._misread(spec, raw, line):
            return None
        check: Callable[[FieldSpec, Any, int], object] = getattr(self, f"_{spec.type}")
        return check(spec, raw, line)

    def _fill_in(self, spec: FieldSpec) -> str:
        """What to write in a required field left empty (as `portal new` leaves them)."""
        choices = self.config.categories if spec.ref_kind == "categories" else spec.choices
        if choices and spec.type.endswith("_list"):
            return _("fill in one or more of: {choices}", choices=", ".join(choices))
        if choices:
            return _("fill in one of: {choices}", choices=", ".join(choices))
        if spec.type in ("ref", "ref_list"):
            return _("fill in the folder name of an entry in content/{kind}/", kind=spec.ref_kind)
        if spec.name == "last_verified":
            return _(
                "fill in the day you checked these facts with the organisation, as YYYY-MM-DD; if nobody has, "
                "remove the line and give the date of the document they come from as `source_date: YYYY`"
            )
        if spec.type == "date":
            return _("fill in the date as YYYY-MM-DD")
        if spec.type == "coordinates":
            return _("fill in [latitude, longitude] from a map, e.g. [45.2671, 19.8335]")
        return _("fill in: {doc}", doc=_(spec.doc))

    def _misread(self, spec: FieldSpec, raw: Any, line: int) -> bool:
        """A value YAML read otherwise than the editor meant: `yes` as true, text in curly quotes."""
        if isinstance(raw, bool) and spec.type != "bool":
            words = [word for word in self.bool_words.get(line, ()) if _YAML_TRUE.get(word.lower()) is raw]
            word = words[0] if words else str(raw).lower()
            message = _("YAML reads `{word}` as true", word=word) if raw else _("YAML reads `{word}` as false", word=word)
            hint = (
                _("write one of: {choices}", choices=", ".join(spec.choices))
                if spec.choices
                else _('put it in quotes: `{field}: "{word}"`', field=spec.name, word=word)
            )
            self.report(line, message, hint)
            return True
        if isinstance(raw, str) and len(raw) > 1 and raw[0] in CURLY_OPENING and raw[-1] in CURLY_CLOSING:
            self.report(
                line,
                _(
                    "`{value}` is in curly quotes {quotes}, which would be shown as part of it",
                    value=raw,
                    quotes=raw[0] + " " + raw[-1],
                ),
                _(
                    'write it without them: `{field}: {inner}` (straight quotes " " if it contains `: `)',
                    field=spec.name,
                    inner=raw[1:-1],
                ),
            )
            return True
        return False

    def _text(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raw = str(raw)
        if not isinstance(raw, str) or not raw.strip():
            self.report(
                line,
                _("`{field}` must be text", field=spec.name),
                _("write `{field}: some words` (quote it if it contains `: `)", field=spec.name),
            )
            return None
        if DANGEROUS_CHARACTERS.search(raw):
            self.report(
                line, _("`{field}` contains an invisible control character", field=spec.name), _("retype the text without it")
            )
            return None
        markup = HTML_TAG.search(raw)
        if markup:
            self.report(
                line,
                _("HTML (`{tag}`) is not allowed in `{field}`", tag=markup.group(0)[:40], field=spec.name),
                _("a note for other editors goes on a line of its own starting with #")
                if markup.group(0).startswith("<!--")
                else _("write plain text: the page would show the tags as they are written"),
            )
            return None
        return raw.strip()

    def _list(self, spec: FieldSpec, raw: Any, line: int, item_check: Callable[[Any, int], T | None]) -> tuple[T, ...] | None:
        if isinstance(raw, str) and "," in raw and spec.type != "text_list":  # `a, b`: no such value has a comma
            written = ", ".join(part.strip() for part in raw.split(",") if part.strip())
            self.report(
                line,
                _("`{field}` names several values without brackets: `{value}`", field=spec.name, value=raw),
                _("write `{field}: [{items}]`", field=spec.name, items=written),
            )
            return None
        if not isinstance(raw, (LineList, LineDict)):  # a single value written without brackets
            raw = LineList([raw])
            raw.line, raw.item_lines = line, [line]
        if not isinstance(raw, LineList):
            self.report(
                line, _("`{field}` must be a list", field=spec.name), _("write `{field}: [first, second]`", field=spec.name)
            )
            return None
        items = [
            None if self._misread(spec, item, raw.line_of(index)) else item_check(item, raw.line_of(index))
            for index, item in enumerate(raw)
        ]
        return tuple(item for item in items if item is not None) if all(i is not None for i in items) else None

    def _text_list(self, spec: FieldSpec, raw: Any, line: int) -> tuple[str, ...] | None:
        return self._list(spec, raw, line, lambda item, item_line: self._text(spec, item, item_line))

    def _int(self, spec: FieldSpec, raw: Any, line: int) -> int | None:
        if not isinstance(raw, int) or isinstance(raw, bool):
            self.report(
                line, _("`{field}` must be a whole number", field=spec.name), _("write e.g. `{field}: 1`", field=spec.name)
            )
            return None
        return raw

    def _bool(self, spec: FieldSpec, raw: Any, line: int) -> bool | None:
        if not isinstance(raw, bool):
            self.report(line, _("`{field}` must be true or false", field=spec.name), _("write `{field}: true`", field=spec.name))
            return None
        return raw

    def _date(self, spec: FieldSpec, raw: Any, line: int) -> datetime.date | None:
        if isinstance(raw, datetime.datetime):
            raw = raw.date()
        if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):  # a date written in quotes
            try:
                raw = datetime.date.fromisoformat(raw)
            except ValueError:
                pass
        if not isinstance(raw, datetime.date):
            meant = _day_first_date(str(raw))
            hint = (
                _("write `{field}: {date}` (year, month, day)", field=spec.name, date=meant.isoformat())
                if meant
                else _("write `{field}: YYYY-MM-DD`, e.g. 2026-11-01", field=spec.name)
            )
            self.report(line, _("`{field}` is not a date: `{value}`", field=spec.name, value=raw), hint)
            return None
        return raw

    def _year_or_month(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        """A year (YAML reads 2020 as a number) or a month, YYYY-MM: a document's date, as exact as it is known."""
        text = str(raw) if isinstance(raw, (int, str)) and not isinstance(raw, bool) else ""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text)
        if match and 1900 <= int(match.group(1)) <= 2999 and (match.group(2) is None or 1 <= int(match.group(2)) <= 12):
            return text
        self.report(
            line,
            _("`{field}` is not a year or a month: `{value}`", field=spec.name, value=raw),
            _("write `{field}: YYYY` or YYYY-MM, e.g. 2020 or 2020-05", field=spec.name),
        )
        return None

    def _month_or_date(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        if isinstance(raw, datetime.date):
            return raw.isoformat()
        if isinstance(raw, str) and MONTH.match(raw):
            return raw
        self.report(
            line,
            _("`{field}` is not a month or date: `{value}`", field=spec.name, value=raw),
            _("write `{field}: YYYY-MM` or YYYY-MM-DD", field=spec.name),
        )
        return None

    def _enum(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        if not isinstance(raw, str) or raw not in spec.choices:
            self.report(
                line,
                _("`{value}` is not an allowed value of `{field}`", value=raw, field=spec.name),
                weekday_hint(str(raw), self.config.tags) if spec.choices == WEEKDAYS else did_you_mean(str(raw), spec.choices),
            )
            return None
        return raw

    def _enum_list(self, spec: FieldSpec, raw: Any, line: int) -> tuple[str, ...] | None:
        return self._list(spec, raw, line, lambda item, item_line: self._enum(spec, item, item_line))

    def _ref(self, spec: FieldSpec, raw: Any, line: int) -> tuple[str, int] | None:
        if not isinstance(raw, str) or not ID.match(raw):
            self.report(
                line,
                _("`{field}` must be the id of an entry in content/{kind}/", field=spec.name, kind=spec.ref_kind),
                _("write the folder name, e.g. neostart"),
            )
            return None
        return (raw, line)  # checked against the other entries once all are known

    def _ref_list(self, spec: FieldSpec, raw: Any, line: int) -> tuple[tuple[str, int], ...] | None:
        return self._list(spec, raw, line, lambda item, item_line: self._ref(spec, item, item_line))

    def _url(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        parts = urlsplit(str(raw))
        if not isinstance(raw, str) or parts.scheme not in ("http", "https") or not parts.netloc or " " in raw:
            meant = (
                f"https://{raw.strip()}" if isinstance(raw, str) and re.fullmatch(r"\s*[\w-]+(\.[\w-]+)+(/\S*)?\s*", raw) else ""
            )
            hint = _("write it in full: `{url}`", url=meant) if meant else _("write it in full, starting with https://")
            self.report(line, _("`{value}` is not a web address", value=raw), hint)
            return None
        return raw

    def _country(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        if not isinstance(raw, str) or raw not in COUNTRIES:
            self.report(line, _("`{value}` is not a country code", value=raw), country_hint(raw))
            return None
        return str(raw)  # one of COUNTRIES, so text already

    def _country_list(self, spec: FieldSpec, raw: Any, line: int) -> tuple[str, ...] | None:
        return self._list(spec, raw, line, lambda item, item_line: self._country(spec, item, item_line))

    def _coordinates(self, spec: FieldSpec, raw: Any, line: int) -> Coordinates | None:
        ok = isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw)
        if not ok or not (-90 <= raw[0] <= 90 and -180 <= raw[1] <= 180):
            self.report(
                line,
                _("`{field}` must be [latitude, longitude] in degrees", field=spec.name),
                _("write e.g. `coordinates: [45.2671, 19.8335]`"),
            )
            return None
        return Coordinates(float(raw[0]), float(raw[1]))

    def _phone(self, spec: FieldSpec, raw: Any, line: int) -> Phone | None:
        text = str(raw)
        try:
            number = phonenumbers.parse(text, None)
            valid = phonenumbers.is_possible_number(number)
        except phonenumbers.NumberParseException:
            number, valid = None, False
        if number is None or not valid:
            hint = _("write it in international format with + and the country code, e.g. +381 11 123 4567")
            country = self.values.get("country")
            if not isinstance(country, str) or country not in COUNTRIES:
                country = self.config.country  # a local number is most likely of the country most readers are in
            if not text.startswith("+") and country in COUNTRIES:
                try:
                    local = _without_plus(text) or phonenumbers.parse(text, country)
                    hint = _(
                        "write it in international format: `{number}`",
                        number=phonenumbers.format_number(local, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                    )
                except phonenumbers.NumberParseException:
                    pass
            self.report(line, _("`{text}` is not a phone number in international format", text=text), hint)
            return None
        kind = phonenumbers.number_type(number)
        return Phone(
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
            mobile=kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE),
        )

    def _phone_list(self, spec: FieldSpec, raw: Any, line: int) -> tuple[Phone, ...] | None:
        return self._list(spec, raw, line, lambda item, item_line: self._phone(spec, item, item_line))

    def _email(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        if not isinstance(raw, str) or not EMAIL.match(raw):
            meant = raw.strip().removeprefix("mailto:").strip() if isinstance(raw, str) else ""
            hint = (
                _("write only the address: `{email}`", email=meant) if EMAIL.match(meant) else _("write it like name@example.org")
            )
            self.report(line, _("`{value}` is not an e-mail address", value=raw), hint)
            return None
        return raw

    def _email_list(self, spec: FieldSpec, raw: Any, line: int) -> tuple[str, ...] | None:
        return self._list(spec, raw, line, lambda item, item_line: self._email(spec, item, item_line))

    def _language(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        if not isinstance(raw, str) or not LANGUAGE_TAG.match(raw):
            self.report(
                line, _("`{value}` is not a language tag", value=raw), _("write a BCP 47 tag such as sr-Latn, rom, rmy, de")
            )
            return None
        return raw

    def _language_list(self, spec: FieldSpec, raw: Any, line: int) -> tuple[str, ...] | None:
        return self._list(spec, raw, line, lambda item, item_line: self._language(spec, item, item_line))

    def _time(self, spec: FieldSpec, raw: Any, line: int) -> Clock | None:
        value = parse_time(raw)
        if value is None:
            meant = _clock_meant(raw)
            hint = (
                _('write `{field}: "{time}"`', field=spec.name, time=meant)
                if meant
                else _('write it as HH:MM in quotes, e.g. "08:30"')
            )
            self.report(line, _("`{value}` is not a time of day", value=raw), hint)
        return value

    def _blocks(
        self, spec: FieldSpec, raw: Any, line: int, fields: tuple[FieldSpec, ...]
    ) -> list[tuple[dict[str, Any], LineDict]] | None:
        """A list of `key: value` blocks, each checked against `fields`."""
        items = self._list(spec, raw, line, lambda item, item_line: item)
        if items is None:
            return None
        blocks = []
        for item in items:
            if not isinstance(item, LineDict):
                self.report(line, _("each item of `{field}` is a block of `key: value` lines", field=spec.name), _(spec.doc))
                continue
            before = len(self.problems)
            checked = _Checker(self.path, item, self.problems, self.config, self.bool_words).fields(
                fields, _("an item of `{field}`", field=spec.name)
            )
            if len(self.problems) == before:
                blocks.append((checked, item))
        return blocks

    def _hours(self, spec: FieldSpec, raw: Any, line: int) -> tuple[OpeningPeriod, ...] | None:
        blocks = self._blocks(spec, raw, line, HOURS_FIELDS)
        if blocks is None:
            return None
        periods: list[OpeningPeriod] = []
        lines: list[int] = []
        for block, item in blocks:
            span = self._span(block["opens"], block["closes"], item)
            days = [WEEKDAYS.index(day) for day in block["days"]]
            twice = next((day for n, day in enumerate(block["days"]) if day in block["days"][:n]), None)
            if twice is not None:
                self.report(
                    item.line_of("days"),
                    _("`{day}` is listed twice in `days`", day=twice),
                    _("write each day once: `days: [{days}]`", days=", ".join(dict.fromkeys(block["days"]))),
                )
            elif span is not None:
                periods.append(OpeningPeriod(tuple(sorted(days)), *span))
                lines.append(item.line)
        for overlap in overlaps(periods):
            self._report_overlap(overlap, periods, lines)
        return tuple(periods)

    def _span(self, opens: Clock, closes: Clock, item: LineDict) -> tuple[Clock, Clock] | None:
        """The opening and closing time of a block, or None (reported) when they cannot be meant."""
        if opens.minutes == MINUTES_A_DAY:
            self.report(item.line_of("opens"), _("`opens` is 24:00, the end of the day"), _('write `opens: "00:00"`'))
            return None
        if closes.minutes == 0 and opens.minutes > 0:
            closes = Clock(MINUTES_A_DAY)  # "00:00" after an opening time is midnight, the end of the day
        if closes == opens:
            self.report(
                item.line_of("closes"),
                _("it opens and closes at the same time, {time}", time=str(opens)),
                _('for a service open around the clock write `opens: "00:00"` and `closes: "24:00"`'),
            )
            return None
        return opens, closes

    def _report_overlap(self, overlap: Overlap, periods: list[OpeningPeriod], lines: list[int]) -> None:
        first, second = periods[overlap.first], periods[overlap.second]
        if overlap.joined is not None:
            opens, closes = overlap.joined
            hint = _(
                'write them as one block, `opens: "{opens}"` and `closes: "{closes}"`, or correct one of the times',
                opens=str(opens),
                closes=str(closes),
            )
        else:
            hint = _("correct the times so that no hour is in two blocks; a closing time before the opening time is the next day")
        times, other = f"{second.opens}–{second.closes}", f"{first.opens}–{first.closes}"
        message = _(
            "on `{day}` these hours ({times}) overlap those on line {line} ({other})",
            day=WEEKDAYS[overlap.day],
            times=times,
            line=lines[overlap.first],
            other=other,
        )
        self.report(lines[overlap.second], message, hint)

    def _hours_exceptions(self, spec: FieldSpec, raw: Any, line: int) -> tuple[HoursException, ...] | None:
        blocks = self._blocks(spec, raw, line, HOURS_EXCEPTION_FIELDS)
        if blocks is None:
            return None
        exceptions: dict[datetime.date, tuple[HoursException, int]] = {}
        for block, item in blocks:
            closed, opens, closes = block.get("closed", False), block.get("opens"), block.get("closes")
            if closed == bool(opens and closes) or (opens is None) != (closes is None):
                self.report(
                    item.line,
                    _("a day with other hours needs either `closed: true` or both `opens` and `closes`"),
                    _('write `closed: true`, or `opens: "10:00"` and `closes: "12:00"`'),
                )
                continue
            if block["date"] in exceptions:
                self.report(
                    item.line_of("date"),
                    _(
                        "{date} is listed twice in `{field}`, also on line {line}",
                        date=block["date"],
                        field=spec.name,
                        line=exceptions[block["date"]][1],
                    ),
                    _("keep one block for each date"),
                )
                continue
            span = None if closed or opens is None or closes is None else self._span(opens, closes, item)
            if closed or span is not None:
                exceptions[block["date"]] = (HoursException(block["date"], closed, *(span or (None, None))), item.line_of("date"))
        return tuple(sorted((exception for exception, _line in exceptions.values()), key=lambda e: e.date))

    def _id(self, spec: FieldSpec, raw: Any, line: int) -> str | None:
        if not isinstance(raw, str) or not ID.match(raw):
            self.report(
                line,
                _("`{value}` cannot be used as an id", value=raw),
                _("write small latin letters, digits and - only, e.g. id-card"),
            )
            return None
        return raw

    def _text_map(self, spec: FieldSpec, raw: Any, line: int) -> tuple[tuple[str, str], ...] | None:
        """A text for each id (a pathway's step texts): `id: text` lines under the field."""
        if not isinstance(raw, LineDict):
            self.report(
                line,
                _("`{field}` must be a list of `id: text` lines", field=spec.name),
                _("write `{field}:` and below it, indented, a line `step-id: what to do` for each step", field=spec.name),
            )
            return None
        texts = []
        for key, value in raw.items():
            key_line = raw.line_of(key)
            if self._id(spec, key, key_line) is None or self._misread(spec, value, key_line):
                continue
            text = self._text(dataclasses.replace(spec, name=f"{spec.name}: {key}"), value, key_line)
            if text is not None:
                texts.append((str(key), text))
        return tuple(texts)

    def _steps(self, spec: FieldSpec, raw: Any, line: int) -> tuple[dict[str, Any], ...] | None:
        """A pathway's steps in order, each with an id of its own."""
        before = len(self.problems)
        blocks = self._blocks(spec, raw, line, STEP_FIELDS)
        if blocks is None:
            return None
        if not blocks and len(self.problems) == before:
            self.report(line, _("`{field}` has no steps", field=spec.name), _(spec.doc))
        steps: list[dict[str, Any]] = []
        first_line: dict[str, int] = {}
        for block, item in blocks:
            step_id, id_line = block["id"], item.line_of("id")
            if step_id in first_line:
                self.report(
                    id_line,
                    _("the step id `{id}` is used twice, also on line {line}", id=step_id, line=first_line[step_id]),
                    _("give each step an id of its own: its text in each language is found by it"),
                )
                continue
            first_line[step_id] = id_line
            steps.append({**block, LINE_KEY: id_line})
        return tuple(steps) if steps else None

    def _legal_basis(self, spec: FieldSpec, raw: Any, line: int) -> tuple[dict[str, Any], ...] | None:
        blocks = self._blocks(spec, raw, line, LEGAL_BASIS_FIELDS)
        return None if blocks is None else tuple(block for block, _item in blocks)

    def _memberships(self, spec: FieldSpec, raw: Any, line: int) -> tuple[dict[str, Any], ...] | None:
        blocks = self._blocks(spec, raw, line, MEMBERSHIP_FIELDS)
        return None if blocks is None else tuple(block for block, _item in blocks)


def validate(
    loaded: LoadedSite,
    config: SiteConfig,
    build_date: datetime.date,
    memo: ValidationMemo | None = None,
    base_maps: Mapping[str, BaseMap] | None = None,
    synonyms: Mapping[str, tuple[Synonym, ...]] | None = None,
) -> tuple[Site, list[Problem]]:
    """Check every loaded file; return the model of what is valid and every problem found.

    With a `memo` of the last validation (a build context keeps one), what it made of a file that
    was not read again is taken over.
    """
    problems: list[Problem] = []
    last = memo.last if memo is not None else None
    reuse = _Reuse(config, last if last is not None and last.config == config else None)
    facts = {(f.kind, f.entry_id): f for f in loaded.facts}
    texts: dict[tuple[str, str], dict[str, TextSource]] = {}
    for text_file in loaded.texts:
        key = (text_file.kind, text_file.entry_id)
        source = reuse.text(text_file, key in facts, key in loaded.facts_on_disk, problems)
        if source is not None:
            texts.setdefault(key, {})[source.language] = source
    entries: dict[tuple[str, str], Entry] = {}
    flawed: dict[tuple[str, str], Entry] = {}  # entries with a wrong fact: not published, their references still checked
    with_text_files = {key[:2] for key in loaded.texts_on_disk}
    for key, facts_file in sorted(facts.items()):
        entry = reuse.entry(facts_file, texts.get(key, {}), problems)
        if isinstance(entry, FlawedEntry):
            flawed[key] = entry.valid_part
        elif entry is not None:
            entries[key] = entry
        elif key not in with_text_files:
            problems.append(_without_text(facts_file, config))
    entries.update(_categories(loaded, config, texts, reuse, problems))
    broken = frozenset(loaded.facts_on_disk | set(texts)) - set(entries)
    _check_references(entries, broken, config, problems, also=flawed)
    problems += pathway_problems(entries)
    entries = {key: reuse.without_lines(entry) for key, entry in entries.items()}
    entries = _with_files(entries, loaded, config, problems)
    _check_languages_present(entries, config, loaded.texts_on_disk, problems)
    problems += _copied_texts(entries, config)
    _warn_stale(entries, config, build_date, problems)
    problems += _outdated_translations(entries)
    problems += entry_problems(entries, build_date, memo.places if memo is not None else CountryShapes())
    problems += _links_of_unplanned(texts, entries, broken)
    ordered = dict(sorted(entries.items()))
    reuse.previous = None  # what it did not reuse is let go: one site's worth is kept, not a chain of them
    if memo is not None:
        memo.last = reuse
    drawn = _base_maps(base_maps or {}, ordered, problems)
    return Site(
        config=config,
        entries=ordered,
        root=str(loaded.root),
        build_date=build_date,
        broken=broken,
        base_maps=drawn,
        synonyms=synonyms or {},
    ), problems


def _outdated_translations(entries: Mapping[tuple[str, str], Entry]) -> list[Problem]:
    """A warning on each translation stamped from a source text that has changed since: its readers are told
    too (portal.translations), and the translator learns here what to compare and how to stamp it."""
    problems = []
    for entry in entries.values():
        source = entry.texts.get(entry.source_language)
        for language, text in sorted(entry.texts.items()):
            if source is not None and is_outdated(entry, language):
                problems.append(
                    warning(
                        text.source.path,
                        1,
                        _("this translation was made from an older version of {source}", source=source.source.path),
                        _(
                            'bring it up to date with {source}, then write `{field}: "{version}"` in the `---` block '
                            "at the top, or run `portal status --stamp {language} {kind}/{id}`",
                            source=source.source.path,
                            field=STAMP_FIELD,
                            version=source_hash(source),
                            language=language,
                            kind=entry.kind,
                            id=entry.id,
                        ),
                    )
                )
    return problems


def _with_files(
    entries: dict[tuple[str, str], Entry], loaded: LoadedSite, config: SiteConfig, problems: list[Problem]
) -> dict[tuple[str, str], Entry]:
    """Each entry with the pictures and documents of its folder (portal.attachments); a picture that cannot be read
    is reported, and a file beside no entry is left to the entry's own errors."""
    found: dict[tuple[str, str], list[EntryFile]] = {}
    for attached in loaded.attached:
        file = entry_file(attached.name, attached.path, attached.data, config.tags)
        if file is None:
            problems.append(
                error(
                    attached.path,
                    0,
                    _("this picture cannot be read"),
                    _("save it again as .jpg or .png (for example with the phone's gallery app) and replace this file"),
                )
            )
        else:
            found.setdefault((attached.kind, attached.entry_id), []).append(file)
    for key, files in found.items():
        if key in entries:
            entries[key] = dataclasses.replace(entries[key], files=tuple(files))
    return entries


NEAR_DEGREES = 0.05  # about 5 km: a base map must show something this close to its municipality's coordinates


def _base_maps(
    base_maps: Mapping[str, BaseMap], entries: Mapping[tuple[str, str], Entry], problems: list[Problem]
) -> dict[str, BaseMap]:
    """The base maps of existing municipalities that show something near them; each other one is reported."""
    drawn = {}
    for municipality_id, base in sorted(base_maps.items()):
        entry = entries.get(("municipalities", municipality_id))
        if entry is None:
            ids = [entry_id for kind, entry_id in entries if kind == "municipalities"]
            problems.append(
                warning(
                    base.path,
                    0,
                    _("there is no municipality `{id}` for this map", id=municipality_id),
                    did_you_mean(municipality_id, ids),
                )
            )
            continue
        centre = entry.facts["coordinates"]
        near = any(
            abs(longitude - centre.longitude) < NEAR_DEGREES and abs(latitude - centre.latitude) < NEAR_DEGREES
            for feature in base.features
            for line in feature.lines
            for longitude, latitude in line
        )
        if not near:
            problems.append(
                warning(
                    base.path,
                    0,
                    _("this map shows nothing within 5 km of the municipality's coordinates"),
                    _(
                        "GeoJSON writes [longitude, latitude]: export the area around {longitude}, {latitude}",
                        longitude=centre.longitude,
                        latitude=centre.latitude,
                    ),
                )
            )
            continue
        drawn[municipality_id] = base
    return drawn


def _without_text(facts_file: FactsFile, config: SiteConfig) -> Problem:
    source_language = facts_file.values.get("source_language")
    if not isinstance(source_language, str) or source_language not in config.tags:
        source_language = config.default_language
    return error(
        facts_file.path,
        0,
        _("this entry has no text in any language"),
        _(
            "add content/{kind}/{id}/{source_language}.md with a title",
            kind=facts_file.kind,
            id=facts_file.entry_id,
            source_language=source_language,
        ),
    )


def _links_of_unplanned(
    texts: Mapping[tuple[str, str], Mapping[str, TextSource]],
    entries: Mapping[tuple[str, str], Entry],
    broken: frozenset[tuple[str, str]],
) -> list[Problem]:
    """The link and HTML problems in the texts of entries that get no page because of other mistakes.

    A page's text is checked when the page is planned; an entry with a mistake in its facts has none,
    and its links would be reported only once the facts are mended. All of an entry's problems come in one run."""
    known = set(entries) | broken

    def resolve(reference: str) -> str | None:
        kind, _slash, entry_id = reference.partition("/")
        return "#" if (kind, entry_id) in known else None

    problems: list[Problem] = []
    for key, by_language in texts.items():
        if key not in entries:
            for text in by_language.values():
                problems += render_markdown(text.body, text.source.path, text.body_line, resolve, text.body_moved)[1]
    return problems


def _categories(
    loaded: LoadedSite,
    config: SiteConfig,
    texts: dict[tuple[str, str], dict[str, TextSource]],
    reuse: _Reuse,
    problems: list[Problem],
) -> dict[tuple[str, str], Entry]:
    """The needs site.yml lists, each made of its texts (a need has no facts file); a need without text, or a
    text of a need site.yml does not list, is a problem."""
    entries = {}
    config_path = loaded.config.path if loaded.config else "site.yml"
    for category in config.categories:
        category_texts = texts.get(("categories", category), {})
        if not category_texts:
            if not any(key[:2] == ("categories", category) for key in loaded.texts_on_disk):  # else: its own mistakes
                hint = _(
                    "add content/categories/{category}/{default_language}.md with a title",
                    category=category,
                    default_language=config.default_language,
                )
                problems.append(error(config_path, 0, _("category `{category}` has no text", category=category), hint))
            continue
        first = category_texts[sorted(category_texts)[0]]
        entries[("categories", category)] = reuse.category(category, first.source, category_texts, config.default_language)
    for (kind, entry_id), by_language in texts.items():
        if kind == "categories" and entry_id not in config.categories:
            path = next(iter(by_language.values())).source.path
            problems.append(
                error(
                    path,
                    0,
                    _("category `{entry_id}` is not listed in site.yml", entry_id=entry_id),
                    _("add `- {entry_id}` under categories in site.yml, or rename the folder", entry_id=entry_id),
                )
            )
    return entries


class ValidationMemo:
    """What the last validation made of each file, reused for the same file (the same object) and an equal site.yml.

    The preview reads again only the files an edit touched (load.reload_site) and validates after
    every edit; checking the thousands of untouched files again would cost more than the rest of
    its rebuild. Each validation keeps only what it used, so the memory held is one site's worth.
    Entries come back as the same objects, which lets the fingerprints of incremental.state be reused too.
    """

    def __init__(self) -> None:
        self.last: _Reuse | None = None
        self.places = CountryShapes()  # the country outlines, and the points already tested against them


class _Reuse:
    """One validation's tables of what it made of each file, and the last validation's to reuse."""

    def __init__(self, config: SiteConfig, previous: _Reuse | None):
        self.config = config
        self.previous = previous
        # per table ("text", "entry", "category", "plain"): key -> (the inputs, what was made of them)
        self.made: dict[str, dict[Hashable, tuple[tuple, Any]]] = {"text": {}, "entry": {}, "category": {}, "plain": {}}

    def _reused(self, table: str, key: Hashable, inputs: tuple, make: Callable[[], T]) -> T:
        """make()'s result, or the last validation's for the same inputs (the same objects, in the same order)."""
        found: tuple[tuple, T] | None = self.previous.made[table].get(key) if self.previous else None
        if found is None or not _same(found[0], inputs):
            found = (inputs, make())
        self.made[table][key] = found
        return found[1]

    def text(self, text_file: TextFile, has_facts: bool, facts_on_disk: bool, problems: list[Problem]) -> TextSource | None:
        source, own = self._reused(
            "text",
            text_file.path,
            (text_file, has_facts, facts_on_disk),
            lambda: _checked(_check_text, text_file, self.config, has_facts, facts_on_disk),
        )
        problems += own
        return source

    def entry(self, facts_file: FactsFile, texts: dict[str, TextSource], problems: list[Problem]) -> Entry | FlawedEntry | None:
        entry, own = self._reused(
            "entry",
            facts_file.path,
            (facts_file, *texts.values()),
            lambda: _checked(_check_entry, facts_file, texts, self.config),
        )
        problems += own
        return entry

    def category(self, category: str, source: SourceRef, texts: dict[str, TextSource], language: str) -> Entry:
        return self._reused(
            "category",
            category,
            (source, *texts.values()),
            lambda: Entry("categories", category, source, {}, texts, source_language=language),
        )

    def without_lines(self, entry: Entry) -> Entry:
        # The entry is kept among the inputs, so its id is not reused by another object while this holds.
        return self._reused("plain", id(entry), (entry,), lambda: _without_lines(entry))


def _checked(check: Callable[[*Ts, list[Problem]], T], *arguments: *Ts) -> tuple[T, tuple[Problem, ...]]:
    """A check's result and the problems it found, apart from those of other files."""
    problems: list[Problem] = []
    return check(*arguments, problems), tuple(problems)


def _same(before: tuple, now: tuple) -> bool:
    """The same objects in the same order (identity, not equality: a file read again is another object)."""
    return len(before) == len(now) and all(a is b for a, b in zip(before, now, strict=False))


def _check_id(kind: str, entry_id: str, path: str, problems: list[Problem]) -> bool:
    if not ID.match(entry_id):
        problems.append(
            error(
                path,
                0,
                _("`{entry_id}` cannot be used as an id", entry_id=entry_id),
                _("rename the folder `{folder}`: small latin letters, digits and - only", folder=_folder_name(entry_id))
                if ID.match(_folder_name(entry_id))
                else _("name the folder with small latin letters, digits and - only, e.g. novi-sad"),
            )
        )
        return False
    if kind == "pages" and entry_id in RESERVED_IDS - {"home"}:
        problems.append(
            error(
                path,
                0,
                _("a page cannot be called `{entry_id}`: that address belongs to a section", entry_id=entry_id),
                _("choose another folder name"),
            )
        )
        return False
    return True


def _check_text(
    text_file: TextFile, config: SiteConfig, has_facts: bool, facts_on_disk: bool, problems: list[Problem]
) -> TextSource | None:
    spec = KINDS[text_file.kind]
    path = text_file.path
    if text_file.language not in config.tags:
        problems.append(
            error(
                path,
                0,
                _("`{language}` is not a language of this site", language=text_file.language),
                _(
                    "rename the file to one of the configured languages: {choices}",
                    choices=did_you_mean(text_file.language, config.tags),
                ),
            )
        )
        return None
    if not _check_id(text_file.kind, text_file.entry_id, path, problems):
        return None
    if spec.has_facts_file and not has_facts and not facts_on_disk:
        hint = _(
            "add content/{kind}/{id}/facts.yml with at least `source_date:` or `last_verified:`",
            kind=text_file.kind,
            id=text_file.entry_id,
        )
        problems.append(error(path, 0, _("this text has no facts file beside it"), hint))
        return None
    # A facts file that could not be read is reported on its own; the text is checked all the same (one run, all problems).
    checker = _Checker(path, text_file.values, problems, config)
    fields = checker.fields(spec.texts, _("a text file"))
    body, moved, unclosed = without_notes(text_file.body)
    if unclosed is not None:
        problems.append(
            error(
                path,
                text_file.body_line + unclosed,
                _("a note `<!--` opened on this line is never closed"),
                _("end the note with `-->`: everything after `<!--` is hidden from readers"),
            )
        )
    _check_lang_override(fields, text_file, path, problems)
    if "title" not in fields:
        return None
    text = TextSource(
        language=text_file.language,
        source=SourceRef(path, 0),
        fields={name: value for name, value in fields.items() if name != "lang"},
        field_lines=_field_lines(text_file.values, spec.texts),
        body=body,
        body_line=text_file.body_line,
        declared_lang=fields.get("lang"),
        body_moved=moved,
    )
    problems += text_problems(text, text.declared_lang or text.language)
    return text


def _check_lang_override(fields: dict[str, Any], text_file: TextFile, path: str, problems: list[Problem]) -> None:
    """A `lang:` tag must name a variety of the file's own language (rmy in rom.md); another language is refused."""
    if not fields.get("lang") or is_variety_of(fields["lang"], text_file.language):
        return
    problems.append(
        error(
            path,
            text_file.values.line_of("lang"),
            _(
                "`lang: {lang}` is not a variety of {language}, the language of this file",
                lang=fields["lang"],
                language=text_file.language,
            ),
            _(
                "write a narrower tag of {language} (e.g. rmy in rom.md), or move the text to the file of its language",
                language=text_file.language,
            ),
        )
    )
    fields.pop("lang")


def _field_lines(values: LineDict, specs: tuple[FieldSpec, ...]) -> dict[str, int]:
    """The line of each field of a text file, and of each `id: text` line of a text map as `field.id`."""
    lines = dict(values.key_lines)
    for spec in specs:
        inner = values.get(spec.name) if spec.type == "text_map" else None
        if isinstance(inner, LineDict):
            lines.update({f"{spec.name}.{key}": inner.line_of(key) for key in inner})
    return lines


@dataclasses.dataclass(frozen=True)
class FlawedEntry:
    """An entry with a wrong fact: never published, but what is right in it is still checked (its references),
    so that an editor learns every mistake of a file in one run, not one more after each fix."""

    valid_part: Entry


def _without_plus(text: str) -> phonenumbers.PhoneNumber | None:
    """`381113230401` or `00381 11 3230401`: an international number written without its +."""
    digits = re.sub(r"[\s/().-]", "", text).removeprefix("00")
    if not digits.isdigit() or (text.strip().startswith("0") and not text.strip().startswith("00")):
        return None
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def _folder_name(written: str) -> str:
    """The id an editor meant by a folder called `Novi Sad` or `Čačak_2`: small latin letters, digits and -."""
    visible = "".join(char for char in written if not unicodedata.category(char).startswith("C"))
    return re.sub(r"[^a-z0-9]+", "-", fold_text(visible)).strip("-")


def _clock_meant(written: object) -> str:
    """The time an editor meant by 9, `9h`, `16 h`, `9.30` or `0930`: HH:MM, or "" when it cannot be told."""
    if isinstance(written, bool) or not isinstance(written, (int, float, str)):
        return ""
    if isinstance(written, float):  # an unquoted 9.30 is read as the number 9.3
        written = f"{written:.2f}"
    found = re.fullmatch(r"\s*(\d{1,2})(?:\s*[.,hH]\s*(\d{2})?|(\d{2}))?\s*(?:h|uhr|č|ч|sati|часот)?\.?\s*", str(written))
    if found is None:
        return ""
    hour, minute = int(found.group(1)), int(found.group(2) or found.group(3) or 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else ""


def _day_first_date(written: str) -> datetime.date | None:
    """The date an editor meant by `12.3.2026`, `12/03/2026` or `12-3-2026`: day first, as written in the region."""
    found = re.fullmatch(r"\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*\.?\s*", written)
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _check_entry(
    facts_file: FactsFile, texts: dict[str, TextSource], config: SiteConfig, problems: list[Problem]
) -> Entry | FlawedEntry | None:
    spec = KINDS[facts_file.kind]
    path = facts_file.path
    if not spec.has_facts_file:
        problems.append(
            error(path, 0, _("{kind} have no facts file", kind=facts_file.kind), _("remove it; only the text files are needed"))
        )
        return None
    if not _check_id(facts_file.kind, facts_file.entry_id, path, problems):
        return None
    errors_before = len(problems)
    checker = _Checker(path, facts_file.values, problems, config)
    facts = checker.fields(spec.facts, _("a facts file"))
    flawed = len(problems) > errors_before  # never published: a half-valid entry would mislead readers
    source_language = facts.get("source_language", config.default_language)
    if source_language not in config.tags:
        problems.append(
            error(
                path,
                facts_file.values.line_of("source_language"),
                _("source_language `{source_language}` is not configured", source_language=source_language),
                did_you_mean(source_language, config.tags),
            )
        )
        source_language = config.default_language
    if not texts:
        return None  # without a text in any language (validate says so), or with texts whose mistakes are reported
    entry = Entry(
        facts_file.kind,
        facts_file.entry_id,
        SourceRef(path, 0),
        facts,
        dict(sorted(texts.items())),
        last_verified=facts.get("last_verified"),
        example=facts.get("example", False),
        source_date=facts.get("source_date"),
        source_language=source_language,
        fact_lines=dict(facts_file.values.key_lines),
    )
    return FlawedEntry(entry) if flawed else entry


def _check_references(
    entries: dict[tuple[str, str], Entry],
    broken: frozenset[tuple[str, str]],
    config: SiteConfig,
    problems: list[Problem],
    also: Mapping[tuple[str, str], Entry] | None = None,
) -> None:
    """Every `ref` value names an existing entry of the right kind (networks must be of type network).

    `also`: entries not published for a wrong fact, whose references are checked all the same."""
    for entry in [*entries.values(), *(also or {}).values()]:
        spec = KINDS[entry.kind]
        for field_spec in spec.facts:
            value = entry.facts.get(field_spec.name)
            if value is None:
                continue
            if field_spec.type == "ref":
                _check_one_ref(entry, field_spec.name, field_spec.ref_kind, value, entries, broken, config, problems)
            elif field_spec.type == "ref_list":
                for item in value:
                    _check_one_ref(entry, field_spec.name, field_spec.ref_kind, item, entries, broken, config, problems)
            elif field_spec.type == "steps":
                for step in value:
                    for service in step.get("services", ()):
                        _check_one_ref(entry, "services", "services", service, entries, broken, config, problems)
            elif field_spec.type == "memberships":
                for membership in value:
                    network = _check_one_ref(
                        entry, "network", "organisations", membership["network"], entries, broken, config, problems
                    )
                    if network is not None and network.facts.get("type") != "network":
                        problems.append(
                            error(
                                entry.source.path,
                                membership["network"][1],
                                _("`{network}` is not a network", network=network.id),
                                _("set `type: network` in {path}, or name a network", path=network.source.path),
                            )
                        )


def _check_one_ref(
    entry: Entry,
    name: str,
    kind: str,
    value: tuple[str, int],
    entries: dict[tuple[str, str], Entry],
    broken: frozenset[tuple[str, str]],
    config: SiteConfig,
    problems: list[Problem],
) -> Entry | None:
    target_id, line = value
    kinds = kind.split("|")  # `organisations|services`: an id of either kind
    target = next((entries[(one, target_id)] for one in kinds if (one, target_id) in entries), None)
    if (kind == "categories" and target_id in config.categories) or any((one, target_id) in broken for one in kinds):
        return target
    if target is None:
        known = config.categories if kind == "categories" else [key[1] for key in entries if key[0] in kinds]
        where = (
            _("in site.yml under categories")
            if kind == "categories"
            else _("in content/{kind}/", kind="/ or content/".join(kinds))
        )
        problems.append(
            error(
                entry.source.path,
                line,
                _("`{name}` names `{target_id}`, which does not exist {where}", name=name, target_id=target_id, where=where),
                did_you_mean(target_id, known),
            )
        )
    return target


def _written_in_other_script(entry: Entry, tag: str, config: SiteConfig) -> bool:
    """Whether the text of `tag` is written in the other script of the same language (an sr-Cyrl file for
    sr-Latn): shown converted back, so it is not missing."""
    return any(language.transliterate_from == tag and language.tag in entry.texts for language in config.languages)


def pathway_problems(entries: Mapping[tuple[str, str], Entry]) -> list[Problem]:
    """What only a pathway can get wrong: requirements that go round in a circle, and steps without their text."""
    pathways = {key[1]: entry for key, entry in entries.items() if key[0] == "pathways"}
    return _requirement_cycles(pathways) + [problem for entry in pathways.values() for problem in _step_texts(entry)]


def _requirement_cycles(pathways: Mapping[str, Entry]) -> list[Problem]:
    """Each circle of `requires` (a requires b, b requires a), reported in every file of the circle, naming all of them."""
    requires = {
        pathway_id: [(target, line) for target, line in entry.facts.get("requires", ()) if target in pathways]
        for pathway_id, entry in pathways.items()
    }
    cycles: dict[tuple[str, ...], list[tuple[str, int]]] = {}

    def walk(path: list[tuple[str, int]], seen: set[str]) -> None:
        for target, line in requires[path[-1][0]]:
            step = [*path[:-1], (path[-1][0], line)]
            if target == step[0][0]:
                start = min(range(len(step)), key=lambda n: step[n][0])
                cycles.setdefault(tuple(s[0] for s in step[start:] + step[:start]), step[start:] + step[:start])
            elif target not in seen and target > step[0][0]:  # each circle is walked from its smallest id only
                walk([*step, (target, 0)], seen | {target})

    for pathway_id in sorted(pathways):
        walk([(pathway_id, 0)], {pathway_id})
    problems = []
    for names, members in sorted(cycles.items()):
        circle = " → ".join((*names, names[0]))
        places = ", ".join(f"{pathways[name].source.path}:{line}" for name, line in members)
        for n, (name, line) in enumerate(members):
            after = names[(n + 1) % len(names)]
            problems.append(
                error(
                    pathways[name].source.path,
                    line,
                    _("`{id}` requires `{other}`, which leads back to it: {circle}", id=name, other=after, circle=circle),
                    _("a pathway cannot come before itself; remove one of these requirements: {places}", places=places),
                )
            )
    return problems


def _step_texts(entry: Entry) -> list[Problem]:
    """Every step has its text in the source language; a text of a step that does not exist is a mistake too."""
    problems = []
    folder = entry.source.path.rsplit("/", 1)[0]
    step_ids = [step["id"] for step in entry.facts.get("steps", ())]
    source = entry.texts.get(entry.source_language)
    source_file = entry.source_language + ".md"
    if source is not None:
        written = dict(source.fields.get("steps", ()))
        for step in entry.facts.get("steps", ()):
            if step["id"] not in written:
                problems.append(
                    error(
                        entry.source.path,
                        step[LINE_KEY],
                        _("step `{id}` has no text in {file}", id=step["id"], file=source_file),
                        _(
                            "add a line `  {id}: what to do` under `steps:` in {path}",
                            id=step["id"],
                            path=folder + "/" + source_file,
                        ),
                    )
                )
    for text in entry.texts.values():
        for step_id, _text in text.fields.get("steps", ()):
            if step_id not in step_ids:
                problems.append(
                    error(
                        text.source.path,
                        text.field_lines.get(f"steps.{step_id}", 0),
                        _("there is no step `{id}` in facts.yml", id=step_id),
                        did_you_mean(step_id, step_ids),
                    )
                )
    return problems


def _check_languages_present(
    entries: dict[tuple[str, str], Entry], config: SiteConfig, on_disk: set[tuple[str, str, str]], problems: list[Problem]
) -> None:
    """A missing translation is fine (it falls back) but worth a warning; a missing source text is not.
    A text file that is there but has mistakes is not missing: its mistakes are reported."""
    for entry in entries.values():
        if (
            entry.kind != "categories"
            and entry.source_language not in entry.texts
            and not _written_in_other_script(entry, entry.source_language, config)
            and (entry.kind, entry.id, entry.source_language) not in on_disk
        ):
            problems.append(
                error(
                    entry.source.path,
                    0,
                    _("the source-language text `{language}.md` is missing", language=entry.source_language),
                    _("add it, or set `source_language:` to one of {texts}", texts=", ".join(entry.texts)),
                )
            )
        for language in config.languages:
            if (
                language.tag not in entry.texts
                and not language.transliterate_from
                and not _written_in_other_script(entry, language.tag, config)
                and (entry.kind, entry.id, language.tag) not in on_disk
            ):
                folder = entry.source.path.rsplit("/", 1)[0]
                problems.append(
                    warning(
                        f"{folder}/{language.tag}.md",
                        0,
                        _("not translated into {tag} yet", tag=language.tag),
                        _("readers see the text of the fallback language, marked as such"),
                    )
                )


_LETTER = re.compile(r"[^\W\d_]")
COPY_MINIMUM = 40  # letters: a shorter text (a name, a phone number) may well read the same in two languages


def _copied_texts(entries: Mapping[tuple[str, str], Entry], config: SiteConfig) -> list[Problem]:
    """A text that is another language's text copied unchanged: it would reach readers under the wrong `lang`,
    with no notice, where a missing translation falls back marked as such."""
    problems: list[Problem] = []
    order = {tag: index for index, tag in enumerate(config.tags)}
    for entry in entries.values():
        if len(entry.texts) < 2:
            continue
        by_text: dict[str, list[TextSource]] = {}
        for text in entry.texts.values():
            by_text.setdefault(" ".join(text.body.split()), []).append(text)
        for words, same in by_text.items():
            if len(same) < 2 or len(_LETTER.findall(words)) < COPY_MINIMUM:  # letters counted only for a copy
                continue
            original = min(same, key=lambda text: (text.language != entry.source_language, order.get(text.language, 99)))
            for copy in same:
                if copy is not original:
                    problems.append(_copy_problem(copy, original))
    return problems


def _copy_problem(copy: TextSource, original: TextSource) -> Problem:
    return error(
        copy.source.path,
        copy.body_line,
        _(
            "the text is a copy of {original}.md: it would be shown as a {language} text, without the notice that it "
            "is not translated",
            original=original.language,
            language=copy.language,
        ),
        _(
            "translate it, or delete {language}.md: readers then see the {original} text with that notice",
            language=copy.language,
            original=original.language,
        ),
    )


def _warn_stale(entries: dict[tuple[str, str], Entry], config: SiteConfig, today: datetime.date, problems: list[Problem]) -> None:
    months = config.stale_after_months
    limit = _months_before(today, months)
    for entry in entries.values():
        if entry.last_verified is not None and entry.last_verified < limit:
            line = entry.fact_lines.get("last_verified", 0)
            problems.append(
                warning(
                    entry.source.path,
                    line,
                    n_(
                        "last verified on {date}, more than {months} month ago",
                        "last verified on {date}, more than {months} months ago",
                        "months",
                        date=entry.last_verified.isoformat(),
                        months=months,
                    ),
                    _("check the facts with the organisation and update `last_verified`"),
                )
            )


def _months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


def _without_lines(entry: Entry) -> Entry:
    """Once references are checked, later stages need the ids only, not the lines they were written on."""

    def plain(spec_type: str, value: Any) -> Any:  # a typed fact value, of the type its spec declares
        if spec_type == "ref":
            return value[0]
        if spec_type == "ref_list":
            return tuple(item[0] for item in value)
        if spec_type == "memberships":
            return tuple({**item, "network": item["network"][0]} for item in value)
        if spec_type == "steps":
            return tuple(
                {**{k: v for k, v in item.items() if k != LINE_KEY}, "services": tuple(s[0] for s in item.get("services", ()))}
                for item in value
            )
        return value

    specs = {spec.name: spec.type for spec in KINDS[entry.kind].facts}
    return dataclasses.replace(entry, facts={name: plain(specs[name], value) for name, value in entry.facts.items()})


def weekday_hint(written: str, languages: Sequence[str]) -> str:
    """What to write for a day named in words (`sub`, `subota`, `Sat`): its code, never a code that only looks alike.

    `sub` is Serbian Saturday: "did you mean `su`" (Sunday) would be a suggestion across meanings. The day
    names and abbreviations of the site's languages (CLDR's; Romani's from i18n.locales) and English are
    folded as search folds them, so `čet`, `cet` and `чет` are alike; a word that names different days in
    two languages gets both."""
    ends = [_weekday_meanings(end, languages) for end in re.split(r"\s*[-–—]\s*", written.strip())]
    if len(ends) == 2 and all(len(end) == 1 for end in ends):  # `mo-fr`, `pon-pet`: a range of days
        first, last = (next(iter(end)) for end in ends)
        days = [WEEKDAYS[(first + step) % 7] for step in range((last - first) % 7 + 1)]
        return _("write the days one by one: `[{days}]`", days=", ".join(days))
    meanings = _weekday_meanings(written, languages)
    if len(meanings) == 1:
        [(weekday, [(tag, name), *_others])] = meanings.items()
        return _("`{word}` is {name} ({language}): write `{code}`", word=written, name=name, language=tag, code=WEEKDAYS[weekday])
    if meanings:
        options = ", ".join(
            f"`{WEEKDAYS[weekday]}` ({found[0][1]}, {found[0][0]})" for weekday, found in sorted(meanings.items())
        )
        return _("`{word}` names different days in different languages: write {options}", word=written, options=options)
    return _("write one of: {codes} (Monday to Sunday)", codes=", ".join(WEEKDAYS))


def _weekday_meanings(written: str, languages: Sequence[str]) -> dict[int, list[tuple[str, str]]]:
    """The days a word may name: weekday (0: Monday) -> (language, the day's name in it)."""
    word = fold_text(written.strip().rstrip("."))
    meanings: dict[int, list[tuple[str, str]]] = {}
    for tag in dict.fromkeys((*languages, "en")):
        for weekday, (name, words) in enumerate(_day_words(tag)):
            if word in words and tag not in (found[0] for found in meanings.get(weekday, [])):
                meanings.setdefault(weekday, []).append((tag, name))
    return meanings


def _day_words(tag: str) -> list[tuple[str, set[str]]]:
    """Monday to Sunday in one language: the day's full name, and its names and abbreviations folded."""
    try:
        language = language_format(tag)
    except ValueError:
        return []
    if language.day_names:  # a language Babel has no data for: the names i18n.locales gives it
        return [(name, {fold_text(name), fold_text(name)[:3]}) for name in language.day_names]
    days = []
    for weekday in range(7):
        names = {
            str(get_day_names(width, context, locale=language.babel_locale)[weekday])
            for width in ("wide", "abbreviated", "short")
            for context in ("format", "stand-alone")
        }
        wide = str(get_day_names("wide", "stand-alone", locale=language.babel_locale)[weekday])
        days.append((wide, {fold_text(name.rstrip(".")) for name in names}))
    return days
