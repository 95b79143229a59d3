"""Opening hours: times as editors write them, nights and whole days, overlapping blocks, the week as rows, each
language's own day names and clock, and the public holidays and time zone of a service's country."""

from __future__ import annotations

import datetime

import pytest

from portal.hours import (
    Clock,
    HoursException,
    OpeningPeriod,
    day_ranges,
    describe_date,
    describe_days,
    describe_time,
    overlaps,
    parse_time,
    public_holidays,
    time_zone,
    week,
)
from portal.i18n.locales import language_format


def period(days: str, opens: str, closes: str) -> OpeningPeriod:
    """A block as an editor writes it: period("mo tu", "08:00", "15:00")."""
    codes = ("mo", "tu", "we", "th", "fr", "sa", "su")
    found_opens, found_closes = parse_time(opens), parse_time(closes)
    assert found_opens is not None and found_closes is not None
    return OpeningPeriod(tuple(codes.index(day) for day in days.split()), found_opens, found_closes)


WEEKDAYS = period("mo tu we th fr", "08:00", "15:00")
NIGHT = period("mo tu we th fr sa su", "20:00", "08:00")
ALWAYS = period("mo tu we th fr sa su", "00:00", "24:00")


# ---------------------------------------------------------------- times and spans


def test_times_as_written():
    assert parse_time("08:00") == Clock(8 * 60)
    assert parse_time("8:30") == Clock(8 * 60 + 30)
    assert parse_time("00:00") == Clock(0)
    for wrong in ("25:00", "24:01", "8.00", "08:60", True, None, -5, 1441, 9, 900):
        assert parse_time(wrong) is None, wrong


def test_the_end_of_the_day_is_24_00_not_a_minute_before():
    end = parse_time("24:00")
    assert end == Clock(24 * 60) and str(end) == "24:00"
    assert end > parse_time("23:59")


@pytest.mark.parametrize(
    ("block", "next_day", "around_the_clock", "span"),
    [
        (WEEKDAYS, False, False, (480, 900)),
        (period("mo", "20:00", "24:00"), False, False, (1200, 1440)),  # until midnight, the same day
        (NIGHT, True, False, (1200, 1440 + 480)),  # closes before it opens: the next morning
        (period("fr", "22:30", "00:30"), True, False, (1350, 1440 + 30)),
        (ALWAYS, False, True, (0, 1440)),
    ],
)
def test_a_block_knows_when_it_closes_the_next_day_and_when_it_is_open_all_day(block, next_day, around_the_clock, span):
    assert block.next_day is next_day
    assert block.around_the_clock is around_the_clock
    assert block.span() == span


def test_a_blocks_span_on_a_later_weekday_counts_from_mondays_midnight():
    assert NIGHT.span(6) == (6 * 1440 + 1200, 7 * 1440 + 480)  # Sunday night ends on Monday morning


def test_an_exception_with_hours_is_a_block_on_its_weekday():
    short = HoursException(datetime.date(2026, 12, 24), False, Clock(480), Clock(720))
    assert short.period == OpeningPeriod((3,), Clock(480), Clock(720))  # a Thursday
    assert HoursException(datetime.date(2026, 12, 28), closed=True).period is None


# ---------------------------------------------------------------- overlapping blocks


def test_split_hours_and_blocks_that_only_touch_do_not_overlap():
    assert overlaps([period("mo tu", "08:00", "12:00"), period("mo tu", "14:00", "18:00")]) == []
    assert overlaps([period("mo", "08:00", "12:00"), period("mo", "12:00", "16:00")]) == []
    assert overlaps([NIGHT, period("mo tu we th fr sa su", "08:00", "20:00")]) == []  # day and night, no minute twice
    assert overlaps([ALWAYS]) == []  # one whole day after another is not an overlap


def test_two_blocks_of_the_same_day_that_overlap_and_the_block_that_joins_them():
    [found] = overlaps([period("mo tu we", "09:00", "13:00"), period("we fr", "12:00", "15:00")])
    assert (found.first, found.second, found.day) == (0, 1, 2)  # on Wednesday
    assert found.joined == (Clock(540), Clock(900))


def test_a_night_that_runs_into_the_next_days_block_overlaps_it():
    [found] = overlaps([period("mo", "20:00", "08:00"), period("tu", "07:00", "12:00")])
    assert (found.first, found.second, found.day) == (0, 1, 1)
    assert found.joined is None  # they start on different days: no one block covers both


def test_sunday_night_runs_into_monday():
    [found] = overlaps([period("mo", "06:00", "10:00"), period("su", "22:00", "07:00")])
    assert (found.first, found.second, found.day) == (0, 1, 6)


def test_each_pair_is_reported_once_and_a_night_joined_with_its_evening_closes_the_next_day():
    found = overlaps([period("mo tu we", "18:00", "22:00"), period("mo tu we", "21:00", "06:00"), period("sa", "10:00", "11:00")])
    assert [(o.first, o.second, o.day) for o in found] == [(0, 1, 0)]
    assert found[0].joined == (Clock(18 * 60), Clock(6 * 60))


# ---------------------------------------------------------------- the week, written out


def test_consecutive_days_become_ranges():
    assert day_ranges((0, 1, 2, 4)) == [(0, 2), (4, 4)]
    assert day_ranges((6, 5)) == [(5, 6)]


def test_the_week_is_every_day_in_rows_of_the_same_hours_closed_days_included():
    rows = week([WEEKDAYS, period("sa", "09:00", "12:00")])
    assert [(days, [(str(p.opens), str(p.closes)) for p in blocks]) for days, blocks in rows] == [
        ((0, 1, 2, 3, 4), [("08:00", "15:00")]),
        ((5,), [("09:00", "12:00")]),
        ((6,), []),
    ]


def test_a_day_with_split_hours_is_one_row_in_opening_order_and_differs_from_a_day_without_the_split():
    rows = week([period("mo tu fr", "14:00", "18:00"), period("mo tu we th fr", "08:00", "12:00")])
    assert [days for days, _blocks in rows] == [(0, 1), (2, 3), (4,), (5, 6)]
    assert [str(p.opens) for p in rows[0][1]] == ["08:00", "14:00"]


@pytest.mark.parametrize(
    ("tag", "weekdays", "weekend"),
    [
        ("sr-Latn", "Ponedeljak – petak", "Subota – nedelja"),
        ("sr-Cyrl", "Понедељак – петак", "Субота – недеља"),
        ("mk", "Понеделник – петок", "Сабота – недела"),
        ("cs", "Pondělí – pátek", "Sobota – neděle"),
        ("sq", "E hënë – e premte", "E shtunë – e diel"),
        ("de", "Montag – Freitag", "Samstag – Sonntag"),
        ("en", "Monday – Friday", "Saturday – Sunday"),
        # Romani: Babel has no data; its full names are in i18n.locales.FALLBACKS, never Serbian or English ones
        ("rom", "Luja – Paraštuj", "Savato – Kurko"),
    ],
)
def test_weekdays_are_written_out_in_each_language(tag, weekdays, weekend):
    language = language_format(tag)
    assert describe_days((0, 1, 2, 3, 4), language) == weekdays
    assert describe_days((5, 6), language) == weekend


def test_days_apart_are_listed_with_commas():
    assert describe_days((0, 2, 3, 4), language_format("en")) == "Monday, Wednesday – Friday"


@pytest.mark.parametrize(
    ("tag", "morning", "evening", "midnight"),
    [
        ("sr-Latn", "08:00", "20:30", "24:00"),
        ("sr-Cyrl", "08:00", "20:30", "24:00"),
        ("mk", "08:00", "20:30", "24:00"),
        ("cs", "8:00", "20:30", "24:00"),
        ("de", "08:00", "20:30", "24:00"),
        ("rom", "08:00", "20:30", "24:00"),  # as in Serbia, where its readers live
        ("sq", "08:00", "20:30", "24:00"),  # opening hours in Albanian are written with the 24-hour clock
        ("en", "08:00", "20:30", "24:00"),  # British English, as the site's `en` is written: a 24-hour clock
    ],
)
def test_times_follow_each_languages_clock_and_the_end_of_the_day_is_never_23_59(tag, morning, evening, midnight):
    language = language_format(tag)
    assert describe_time(Clock(8 * 60), language) == morning
    assert describe_time(Clock(20 * 60 + 30), language) == evening
    assert describe_time(Clock(24 * 60), language) == midnight


def test_a_date_with_its_weekday_in_the_readers_language():
    friday = datetime.date(2026, 4, 10)
    assert describe_date(friday, language_format("sr-Latn")) == "petak, 10. april 2026."
    assert describe_date(friday, language_format("sr-Cyrl")) == "петак, 10. април 2026."
    assert describe_date(friday, language_format("rom")) == "Paraštuj, 10. aprilo 2026."


# ---------------------------------------------------------------- public holidays and time zones


def holiday_dates(country: str, language: str = "en") -> dict[datetime.date, str | None]:
    return {holiday.date: holiday.name for holiday in public_holidays(country, (2026,), language)}


def test_serbia_keeps_orthodox_easter_and_christmas():
    serbia = holiday_dates("RS")
    assert serbia[datetime.date(2026, 4, 12)] == "Easter Sunday"  # Orthodox Easter 2026
    assert {datetime.date(2026, 4, 10), datetime.date(2026, 4, 11), datetime.date(2026, 4, 13)} <= serbia.keys()
    assert datetime.date(2026, 1, 7) in serbia  # Orthodox Christmas
    assert datetime.date(2026, 4, 5) not in serbia and datetime.date(2026, 4, 6) not in serbia  # Catholic Easter
    assert datetime.date(2026, 12, 25) not in serbia


def test_north_macedonia_keeps_the_monday_after_orthodox_easter():
    macedonia = holiday_dates("MK")
    assert datetime.date(2026, 4, 13) in macedonia  # Orthodox Easter is 12 April 2026
    assert datetime.date(2026, 4, 6) not in macedonia
    assert datetime.date(2026, 1, 7) in macedonia


@pytest.mark.parametrize("country", ["CZ", "DE"])
def test_czechia_and_germany_keep_the_catholic_easter(country):
    found = holiday_dates(country)
    assert datetime.date(2026, 4, 3) in found and datetime.date(2026, 4, 6) in found  # Good Friday, Easter Monday
    assert datetime.date(2026, 4, 13) not in found
    assert datetime.date(2026, 12, 25) in found


def test_albania_keeps_both_easters():
    albania = holiday_dates("AL")
    assert datetime.date(2026, 4, 5) in albania and datetime.date(2026, 4, 12) in albania


@pytest.mark.parametrize(
    ("country", "language", "date", "name"),
    [
        ("RS", "sr-Cyrl", datetime.date(2026, 4, 12), "Васкрс"),
        ("RS", "sr-Latn", datetime.date(2026, 4, 12), "Vaskrs"),  # made from the Cyrillic name
        ("RS", "en", datetime.date(2026, 1, 7), "Orthodox Christmas Day"),
        ("MK", "mk", datetime.date(2026, 1, 7), "Божиќ"),
        ("CZ", "cs", datetime.date(2026, 12, 24), "Štědrý den"),
        ("DE", "de", datetime.date(2026, 10, 3), "Tag der Deutschen Einheit"),
        ("AL", "sq", datetime.date(2026, 11, 28), "Dita Flamurit dhe e Pavarësisë"),
    ],
)
def test_holidays_are_named_in_the_readers_language(country, language, date, name):
    assert holiday_dates(country, language)[date] == name


@pytest.mark.parametrize(("country", "language"), [("RS", "rom"), ("RS", "de"), ("MK", "sr-Latn"), ("CZ", "sq")])
def test_without_names_in_the_readers_language_a_holiday_has_only_its_date(country, language):
    found = holiday_dates(country, language)
    assert found and set(found.values()) == {None}
    assert found.keys() == holiday_dates(country).keys()


def test_a_country_the_holidays_library_does_not_know_has_none():
    assert public_holidays("AC", (2026,), "en") == ()  # Ascension Island


def test_the_years_asked_for_are_the_years_given():
    years = {holiday.date.year for holiday in public_holidays("RS", (2026, 2027), "en")}
    assert years == {2026, 2027}
    assert datetime.date(2027, 5, 2) in {holiday.date for holiday in public_holidays("RS", (2026, 2027), "en")}  # Easter 2027


@pytest.mark.parametrize(
    ("country", "zone"),
    [
        ("RS", "Europe/Belgrade"),
        ("MK", "Europe/Skopje"),
        ("CZ", "Europe/Prague"),
        ("DE", "Europe/Berlin"),
        ("AL", "Europe/Tirane"),
        ("XK", "Europe/Belgrade"),
    ],
)
def test_the_time_zone_of_a_country(country, zone):
    assert time_zone(country) == zone


def test_no_country_no_time_zone():
    assert time_zone(None) is None
