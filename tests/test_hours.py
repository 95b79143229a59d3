"""Opening hours: times as editors write them, weekday ranges, and each language's own names and clock."""

from __future__ import annotations

import datetime

from portal.hours import HoursException, OpeningPeriod, day_ranges, describe_exception, describe_period, parse_time
from portal.i18n.locales import language_format

WEEKDAYS = OpeningPeriod((0, 1, 2, 3, 4), datetime.time(8), datetime.time(15))


def test_times_quoted_or_read_by_yaml_as_base_60_numbers():
    assert parse_time("08:00") == datetime.time(8, 0)
    assert parse_time(900) == datetime.time(15, 0)  # YAML 1.1 reads 15:00 unquoted as 900
    assert parse_time("24:00") == datetime.time(23, 59)
    assert parse_time("25:00") is None and parse_time("8.00") is None and parse_time(True) is None


def test_consecutive_days_become_ranges():
    assert day_ranges((0, 1, 2, 4)) == [(0, 2), (4, 4)]
    assert day_ranges((6, 5)) == [(5, 6)]


def test_hours_in_each_language():
    assert describe_period(WEEKDAYS, language_format("sr-Latn")) == {"days": "pon – pet", "times": "08:00 – 15:00"}
    assert describe_period(WEEKDAYS, language_format("sr-Cyrl"))["days"] == "пон – пет"
    assert describe_period(WEEKDAYS, language_format("de")) == {"days": "Mo. – Fr.", "times": "08:00 – 15:00"}
    assert describe_period(WEEKDAYS, language_format("cs"))["times"] == "8:00 – 15:00"


def test_romani_has_its_own_weekday_names_not_serbian_or_english():
    assert describe_period(WEEKDAYS, language_format("rom"))["days"] == "Luja – Paraštuj"


def test_exceptions_closed_or_with_other_times():
    closed = describe_exception(HoursException(datetime.date(2026, 12, 31), closed=True), language_format("en"))
    assert closed == {"date": "December 31, 2026", "closed": True, "times": None}
    short = HoursException(datetime.date(2027, 1, 5), False, datetime.time(10), datetime.time(12))
    assert describe_exception(short, language_format("sr-Latn"))["times"] == "10:00 – 12:00"
