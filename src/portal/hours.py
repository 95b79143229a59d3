"""Opening hours: structured in the facts file, checked, and written out in the reader's language.

hours:
  - days: [mo, tu, we, th, fr]
    opens: "08:00"
    closes: "15:00"
hours_exceptions:
  - date: 2026-12-31
    closed: true
  - date: 2027-01-05
    opens: "10:00"
    closes: "12:00"
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .i18n.locales import LanguageFormat

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$|^24:00$")


@dataclass(frozen=True)
class OpeningPeriod:
    days: tuple[int, ...]  # 0 = Monday
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class HoursException:
    date: datetime.date
    closed: bool
    opens: datetime.time | None = None
    closes: datetime.time | None = None


def parse_time(raw: object) -> datetime.time | None:
    """'08:00' as written; YAML 1.1 reads an unquoted 15:00 as the number 900 (base 60), which is accepted too."""
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 24 * 60:
        raw = f"{raw // 60:02d}:{raw % 60:02d}"
    if not isinstance(raw, str) or not TIME.match(raw):
        return None
    hour, minute = map(int, raw.split(":"))
    return datetime.time(23, 59) if hour == 24 else datetime.time(hour, minute)


def day_ranges(days: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive weekdays as (first, last) ranges: Mon, Tue, Wed, Fri → [(0, 2), (4, 4)]."""
    ranges: list[tuple[int, int]] = []
    for day in sorted(set(days)):
        if ranges and ranges[-1][1] == day - 1:
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def describe_period(period: OpeningPeriod, language: LanguageFormat) -> dict[str, str]:
    """One line of the opening hours: 'Mon – Fri' and '08:00 – 15:00' in the reader's language."""
    days = ", ".join(
        language.day_name(first) if first == last else f"{language.day_name(first)} – {language.day_name(last)}"
        for first, last in day_ranges(period.days)
    )
    return {"days": days, "times": f"{language.format_time(period.opens)} – {language.format_time(period.closes)}"}


def describe_exception(exception: HoursException, language: LanguageFormat) -> dict:
    times = None
    if not exception.closed and exception.opens and exception.closes:
        times = f"{language.format_time(exception.opens)} – {language.format_time(exception.closes)}"
    return {"date": language.format_date(exception.date), "closed": exception.closed, "times": times}
