"""Opening hours: structured in the facts file, checked, and written out in the reader's language.

hours:
  - days: [mo, tu, we, th, fr]
    opens: "08:00"
    closes: "15:00"
  - days: [fr, sa]
    opens: "20:00"
    closes: "08:00"   # closes before it opens: at 08:00 the next day
  - days: [su]
    opens: "00:00"
    closes: "24:00"   # around the clock
hours_exceptions:
  - date: 2026-12-31
    closed: true
  - date: 2027-01-05
    opens: "10:00"
    closes: "12:00"

A day may have several blocks (08:00 – 12:00 and 14:00 – 18:00), but no minute of the week may be in two
of them. The public holidays of the service's country close it unless an exception of that date says
otherwise (or the service says it keeps its hours on holidays); `holidays`, a maintained library, knows
them, Orthodox Easter included.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.core import get_global
from babel.dates import format_time, get_time_format

from .i18n.locales import LanguageFormat
from .i18n.translit import to_latin

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
MINUTES_A_DAY = 24 * 60
MINUTES_A_WEEK = 7 * MINUTES_A_DAY
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$|^24:00$")

# CLDR's Albanian writes times with a 12-hour clock ("8:00 p.d."), but opening hours in Albanian are written
# with the 24-hour clock, as CLDR's Albanian of Kosovo and North Macedonia does: its clock is used for them.
CLOCK_LOCALE = {"sq": "sq_MK"}
# Countries CLDR gives no time zone (Kosovo is not in ISO 3166 yet): the zone tzdata names for them.
TIME_ZONES = {"XK": "Europe/Belgrade"}
# The holidays library's name for a language where it is not the language's own tag.
HOLIDAY_LANGUAGES = {"en": "en_US"}


@dataclass(frozen=True, order=True)
class Clock:
    """A time of day as editors write it, from "00:00" to "24:00", the end of the day."""

    minutes: int  # after midnight: 0 to 1440

    def __str__(self) -> str:
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"


@dataclass(frozen=True)
class OpeningPeriod:
    """One block of `hours`: open on these weekdays from `opens` until `closes`."""

    days: tuple[int, ...]  # 0 = Monday
    opens: Clock  # "00:00" to "23:59"
    closes: Clock  # after `opens`; at or before it: the next day; "24:00": at the end of the day

    @property
    def next_day(self) -> bool:
        return self.closes <= self.opens

    @property
    def around_the_clock(self) -> bool:
        return self.opens.minutes == 0 and self.closes.minutes == MINUTES_A_DAY

    def span(self, day: int = 0) -> tuple[int, int]:
        """When it opens and closes on weekday `day` (0 = Monday), in minutes after Monday's midnight; so with the
        default, in minutes after its own day's midnight. A night closes past the end of its day."""
        start = day * MINUTES_A_DAY + self.opens.minutes
        end = day * MINUTES_A_DAY + self.closes.minutes + (MINUTES_A_DAY if self.next_day else 0)
        return start, end


@dataclass(frozen=True)
class HoursException:
    """A day with other hours than its weekday's: closed, or open from `opens` until `closes`."""

    date: datetime.date
    closed: bool
    opens: Clock | None = None
    closes: Clock | None = None

    @property
    def period(self) -> OpeningPeriod | None:
        if self.closed or self.opens is None or self.closes is None:
            return None
        return OpeningPeriod((self.date.weekday(),), self.opens, self.closes)


@dataclass(frozen=True)
class Overlap:
    """Two blocks of `hours` (their positions in the list) open at the same time; `day` (0 = Monday) is the second's."""

    first: int
    second: int
    day: int
    joined: tuple[Clock, Clock] | None  # one block that covers both, when there is one


@dataclass(frozen=True)
class Holiday:
    date: datetime.date
    name: str | None  # in the reader's language; None when the holidays library has no name in it


def parse_time(raw: object) -> Clock | None:
    """'08:00' or 8:00 as written (parse keeps an unquoted 8:00 as text); a bare number such as 9 is no time."""
    if not isinstance(raw, str) or not TIME.match(raw):
        return None
    hour, minute = map(int, raw.split(":"))
    return Clock(hour * 60 + minute)


def overlaps(periods: Iterable[OpeningPeriod]) -> list[Overlap]:
    """Each pair of blocks open at the same minute of the week (Sunday night runs into Monday), once, at the
    first day it happens."""
    spans = [(index, day, *period.span(day)) for index, period in enumerate(periods) for day in period.days]
    found: dict[tuple[int, int], Overlap] = {}
    for first, day, start, end in spans:
        for second, other_day, other_start, other_end in spans:
            if second <= first or (first, second) in found:
                continue
            for shift in (-MINUTES_A_WEEK, 0, MINUTES_A_WEEK):
                if start < other_end + shift and other_start + shift < end:
                    joined = _joined(start, end, other_start + shift, other_end + shift) if day == other_day else None
                    found[(first, second)] = Overlap(first, second, other_day, joined)
                    break
    return sorted(found.values(), key=lambda overlap: (overlap.second, overlap.first))


def _joined(start: int, end: int, other_start: int, other_end: int) -> tuple[Clock, Clock] | None:
    """One block from the earlier opening to the later closing, if that is at most a day long."""
    first, last = min(start, other_start), max(end, other_end)
    if last - first > MINUTES_A_DAY:
        return None
    closes = last % MINUTES_A_DAY
    return Clock(first % MINUTES_A_DAY), Clock(closes or MINUTES_A_DAY)


def day_ranges(days: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive weekdays as (first, last) ranges: Mon, Tue, Wed, Fri → [(0, 2), (4, 4)]."""
    ranges: list[tuple[int, int]] = []
    for day in sorted(set(days)):
        if ranges and ranges[-1][1] == day - 1:
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def by_weekday(periods: Iterable[OpeningPeriod]) -> list[tuple[OpeningPeriod, ...]]:
    """The blocks that open on each weekday, Monday first, in the order they open (one weekday each)."""
    days: list[list[OpeningPeriod]] = [[] for _day in DAYS]
    for period in periods:
        for day in period.days:
            days[day].append(OpeningPeriod((day,), period.opens, period.closes))
    return [tuple(sorted(blocks, key=lambda p: (p.opens, p.closes))) for blocks in days]


def week(periods: Iterable[OpeningPeriod]) -> list[tuple[tuple[int, ...], tuple[OpeningPeriod, ...]]]:
    """The whole week, Monday first, as rows of consecutive days with the same hours: (weekdays, the blocks
    of the first of them); a row without blocks is closed."""
    rows: list[tuple[tuple[int, ...], tuple[OpeningPeriod, ...]]] = []
    for day, blocks in enumerate(by_weekday(periods)):
        hours = [(p.opens, p.closes) for p in blocks]
        if rows and [(p.opens, p.closes) for p in rows[-1][1]] == hours:
            rows[-1] = ((*rows[-1][0], day), rows[-1][1])
        else:
            rows.append(((day,), blocks))
    return rows


def describe_days(days: tuple[int, ...], language: LanguageFormat) -> str:
    """Weekdays written out in the reader's language, as a label: "Monday – Friday", "Ponedeljak, sreda"."""
    label = ", ".join(
        language.day_name(first) if first == last else f"{language.day_name(first)} – {language.day_name(last)}"
        for first, last in day_ranges(days)
    )
    return label[:1].upper() + label[1:]


def describe_time(clock: Clock, language: LanguageFormat) -> str:
    """A time of day as the reader's language writes it; the end of the day is 24:00 on a 24-hour clock."""
    locale = Locale.parse(CLOCK_LOCALE.get(language.babel_locale.language, str(language.babel_locale)))
    pattern = get_time_format("short", locale=locale).pattern
    if clock.minutes == MINUTES_A_DAY:
        pattern = pattern.replace("H", "k")  # CLDR's hour 1 to 24: "24:00", never 23:59; a 12-hour clock says 12:00 AM
    hour, minute = divmod(clock.minutes % MINUTES_A_DAY, 60)
    return format_time(datetime.time(hour, minute), pattern, locale=locale)


def describe_date(date: datetime.date, language: LanguageFormat) -> str:
    """A date with its weekday, in the reader's language: "petak, 10. april 2026.", "Paraštuj, 10. 4. 2026."."""
    return f"{language.day_name(date.weekday())}, {language.format_date(date)}"


def time_zone(country: str | None) -> str | None:
    """The time zone of a country (its first in CLDR, where it has more than one), e.g. RS: Europe/Belgrade."""
    if country is None:
        return None
    zones = get_global("territory_zones").get(country)
    return str(zones[0]) if zones else TIME_ZONES.get(country)


def public_holidays(country: str, years: tuple[int, ...], language: str) -> tuple[Holiday, ...]:
    """The public holidays of a country in these years, named in `language` (a BCP 47 tag) where the holidays
    library has names in it; Serbian in Latin letters is made from its Cyrillic names."""
    import holidays  # on first use: it takes a tenth of a second to load, and many commands need no holidays

    try:
        found = holidays.country_holidays(country, years=years)
    except NotImplementedError:  # a country the library does not know: no holidays are shown
        return ()
    primary, _, script = language.partition("-")
    wanted = HOLIDAY_LANGUAGES.get(primary, primary)
    if wanted not in found.supported_languages:
        return tuple(Holiday(date, None) for date in sorted(found))
    named = holidays.country_holidays(country, years=years, language=wanted)
    latin = primary == "sr" and script.lower() == "latn"
    return tuple(Holiday(date, to_latin(name) if latin else name) for date, name in sorted(named.items()))


def clock_data(
    periods: Iterable[OpeningPeriod],
    exceptions: Iterable[HoursException],
    holidays: Iterable[tuple[Holiday, str]],
    language: LanguageFormat,
) -> dict[str, Any]:
    """The hours as hours.js reads them: per weekday (Monday first) and per exception date, each block's minutes
    after that day's midnight and its times written out; the public holidays that close the service, by date,
    with the date written out and the holiday's name (or null); the weekdays' names."""

    def blocks(periods: Iterable[OpeningPeriod]) -> list[list[Any]]:
        return [[*p.span(), describe_time(p.opens, language), describe_time(p.closes, language)] for p in periods]

    return {
        "week": [blocks(day) for day in by_weekday(periods)],
        "exceptions": {e.date.isoformat(): blocks([e.period] if e.period else []) for e in exceptions},
        "holidays": {holiday.date.isoformat(): [written, holiday.name] for holiday, written in holidays},
        "dayNames": [language.day_name(day) for day in range(7)],
    }


def holiday_years(today: datetime.date) -> tuple[int, int]:
    """The years whose public holidays a page carries: the build's and the next."""
    return today.year, today.year + 1
