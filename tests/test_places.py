"""Where help is: municipality pages list resources by need with a numbered map; the overview maps places as links."""

from __future__ import annotations

import datetime
import json
import re
import shutil

import pytest

from conftest import FIXTURES, run_stages, write
from portal.build import build
from portal.outputs.brochures import plan_brochures
from portal.outputs.brochures.pdf import PrintTheme
from portal.render import render_page
from portal.theme import Theme
from portal.views import HoursView, OpeningTimes, WeekRow

SERVICE = "content/services/pravna-pomoc/facts.yml"
HOURS = "hours:\n  - days: [mo, tu, we, th, fr]\n    opens: '08:00'\n    closes: '15:00'\n"


def page(site, path: str) -> str:
    result = build(site)
    assert result.errors == [], [p.format() for p in result.errors]
    return result.files[path].decode()


def _svg(html: str) -> str:
    return re.search(r'<svg class="map".*?</svg>', html, re.S).group(0)


def test_municipality_page_numbers_its_resources_on_the_town_map_and_in_the_list(site):
    shutil.copytree(FIXTURES / "town-map", site, dirs_exist_ok=True)  # a made-up town with its streets
    html = page(site, "en/municipalities/izmisljeno-polje/index.html")
    svg = _svg(html)
    assert '<a href="/en/services/savet-primer/"><title>2. Savet (primer)</title>' in svg
    assert '<path class="street major"' in svg and "© OpenStreetMap contributors, ODbL" in svg
    assert re.search(r'<span class="number" aria-hidden="true">2</span> <a href="/en/services/savet-primer/">', html)
    assert "The numbers on the map are those of the list above." in html
    # the services come first, each a card; the map that repeats their numbers follows the list
    assert html.index('<svg class="map"') > html.index("Legal aid</h2>")


def test_the_town_map_writes_street_names_in_the_pages_script(site):
    shutil.copytree(FIXTURES / "town-map", site, dirs_exist_ok=True)
    latin = re.findall(
        r'<text class="street-name"[^>]*>([^<]+)<', _svg(page(site, "sr-latn/municipalities/izmisljeno-polje/index.html"))
    )
    cyrillic = re.findall(
        r'<text class="street-name"[^>]*>([^<]+)<', _svg(page(site, "sr-cyrl/municipalities/izmisljeno-polje/index.html"))
    )
    assert latin and cyrillic
    assert all(re.search("[A-Za-z]", name) and not re.search("[\u0400-\u04ff]", name) for name in latin)
    assert all(re.search("[\u0400-\u04ff]", name) and not re.search("[A-Za-z]", name) for name in cyrillic)


@pytest.mark.parametrize("located", [False, True])
def test_without_a_base_map_the_page_shows_where_the_town_is_not_an_empty_box(site, located):
    if located:  # a located service without the town's streets would be a dot in an empty box
        write(site / SERVICE, (site / SERVICE).read_text() + "coordinates: [45.2551, 19.8449]\n")
    html = page(site, "sr-latn/municipalities/novi-sad/index.html")
    svg = _svg(html)
    assert 'class="land"' in svg and 'class="ground"' not in svg and 'class="pin"' in svg
    assert re.search(r'<text class="name"[^>]*>Novi Sad</text>', svg)  # the town, named
    assert "<a " not in svg and "Gde se nalazi ovo mesto." in html


def test_overview_links_each_municipality_from_the_map(site):
    html = page(site, "cs/municipalities/index.html")
    assert '<a href="/cs/municipalities/novi-sad/"><title>1. Nový Sad</title>' in html


def test_disputed_boundary_follows_the_site_setting(site):
    assert 'class="border disputed"' in page(site, "en/municipalities/index.html")
    write(site / "site.yml", (site / "site.yml").read_text() + "map:\n  disputed_boundary: solid\n")
    assert 'class="border disputed"' not in page(site, "en/municipalities/index.html")


def test_unknown_map_setting_is_an_error(site):
    write(site / "site.yml", (site / "site.yml").read_text() + "map:\n  disputed_border: none\n")
    messages = [p.format() for p in build(site).errors]
    assert messages == ["site.yml:27: error: unknown map setting `disputed_border`; did you mean `disputed_boundary`?"]


def test_opening_hours_in_the_readers_language(site):
    write(
        site / SERVICE,
        (site / SERVICE).read_text()
        + "hours:\n  - days: [mo, tu, we, th, fr]\n    opens: '08:00'\n    closes: '15:00'\n"
        + "hours_exceptions:\n  - date: 2026-12-31\n    closed: true\n",
    )
    html = page(site, "sr-cyrl/services/pravna-pomoc/index.html")
    assert '<th scope="row">Понедељак – петак</th><td><span class="nowrap">08:00 – 15:00</span></td>' in html
    assert re.search(r'<tr data-days="5 6" class="closed"><th scope="row">Субота – недеља</th><td>.*</svg> Затворено', html)
    assert '<th scope="row">31. децембар 2026.</th>' in html


# ---------------------------------------------------------------- the hours view (tests/fixtures/hours: made-up services)

HOURS_TODAY = datetime.date(2026, 3, 30)  # the build's "today": Orthodox Easter (12 April) is ahead


@pytest.fixture(scope="module")
def hours_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hours") / "site"
    shutil.copytree(FIXTURES / "hours", folder)
    return run_stages(folder, HOURS_TODAY)


def rendered(stages, output: str) -> str:
    page = stages.page(output)
    return render_page(stages.renderer().environment(page.language), page).decode()


def hours_of(stages, language: str, service: str) -> HoursView:
    view = stages.page(f"{language}/services/{service}/index.html").view.hours
    assert isinstance(view, HoursView)
    return view


def test_the_week_has_every_day_written_out_closed_days_too(hours_site):
    office = hours_of(hours_site, "sr-cyrl", "kancelarija-izmisljena")
    assert office.week == (
        WeekRow("Понедељак – петак", (0, 1, 2, 3, 4), (OpeningTimes("08:00", "15:00", False, False),)),
        WeekRow("Субота", (5,), (OpeningTimes("09:00", "12:00", False, False),)),
        WeekRow("Недеља", (6,), ()),
    )
    assert [(e.date, e.iso_date, e.closed, e.times) for e in office.exceptions] == [
        ("24. децембар 2026.", "2026-12-24", False, OpeningTimes("08:00", "12:00", False, False)),
        ("28. децембар 2026.", "2026-12-28", True, None),
    ]
    assert hours_of(hours_site, "rom", "kancelarija-izmisljena").week[0].days == "Luja – Paraštuj"


def test_a_night_closes_the_next_day_and_a_whole_day_is_around_the_clock(hours_site):
    [night] = hours_of(hours_site, "sr-latn", "nocno-prenociste-izmisljeno").week
    assert night == WeekRow("Ponedeljak – nedelja", (0, 1, 2, 3, 4, 5, 6), (OpeningTimes("20:00", "08:00", True, False),))
    [always] = hours_of(hours_site, "en", "linija-izmisljena").week
    assert always.times == (OpeningTimes("00:00", "24:00", False, True),)  # British English: a 24-hour clock


def test_split_hours_are_one_row_with_both_stretches(hours_site):
    counselling = hours_of(hours_site, "mk", "savetovaliste-izmisljeno")
    assert counselling.week[0].days == "Понеделник – петок"
    assert [(t.opens, t.closes) for t in counselling.week[0].times] == [("08:00", "12:00"), ("14:00", "18:00")]


def test_the_clock_is_the_time_zone_and_the_holidays_of_the_services_country(hours_site):
    office = hours_of(hours_site, "sr-latn", "kancelarija-izmisljena").clock
    assert office is not None and office.time_zone == "Europe/Belgrade" and office.closed_on_holidays
    holidays = office.schedule["holidays"]
    assert holidays["2026-04-10"] == ["petak, 10. april 2026.", "Veliki petak"]
    assert holidays["2026-04-13"] == ["ponedeljak, 13. april 2026.", "Drugi dan Vaskrsa"]
    assert "2027-05-02" in holidays  # Orthodox Easter of the next year
    assert min(holidays) >= HOURS_TODAY.isoformat() and "2026-01-07" not in holidays  # none before the build's day
    assert max(holidays) < "2028"
    counselling = hours_of(hours_site, "sr-latn", "savetovaliste-izmisljeno").clock
    assert counselling is not None and counselling.time_zone == "Europe/Skopje"
    assert "2026-04-13" in counselling.schedule["holidays"] and "2026-04-10" not in counselling.schedule["holidays"]


def test_holidays_are_named_where_the_library_speaks_the_readers_language_else_dated_only(hours_site):
    def named(language: str) -> list | None:
        clock = hours_of(hours_site, language, "kancelarija-izmisljena").clock
        return clock.schedule["holidays"]["2026-04-12"] if clock else None

    assert named("sr-cyrl") == ["недеља, 12. април 2026.", "Васкрс"]
    assert named("en") == ["Sunday, 12 April 2026", "Easter Sunday"]
    assert named("rom") == ["Kurko, 12. aprilo 2026.", None]
    assert named("mk") == [
        "недела, 12 април 2026\u202fг.",
        None,
    ]  # the library names Serbia's holidays in Serbian and English only


def test_the_schedule_gives_each_weekdays_blocks_in_minutes_and_the_exceptions(hours_site):
    schedule = hours_of(hours_site, "sr-latn", "kancelarija-izmisljena").clock.schedule
    assert schedule["week"][0] == [[480, 900, "08:00", "15:00"]] and schedule["week"][6] == []
    assert schedule["exceptions"] == {"2026-12-24": [[480, 720, "08:00", "12:00"]], "2026-12-28": []}
    night = hours_of(hours_site, "sr-latn", "nocno-prenociste-izmisljeno").clock.schedule
    assert night["week"][3] == [[1200, 1440 + 480, "20:00", "08:00"]]  # until 08:00 the next morning


def test_a_service_open_on_holidays_carries_no_holidays_and_does_not_say_it_closes(hours_site):
    line = hours_of(hours_site, "sr-latn", "linija-izmisljena").clock
    assert line is not None and not line.closed_on_holidays and line.schedule["holidays"] == {}
    html = rendered(hours_site, "sr-latn/services/linija-izmisljena/index.html")
    assert "Otvoreno 24 sata" in html and "23:59" not in html
    assert "Za državne praznike je zatvoreno." not in html


def test_the_status_words_are_in_the_page_in_its_language(hours_site):
    html = rendered(hours_site, "sr-cyrl/services/kancelarija-izmisljena/index.html")
    data = json.loads(re.search(r'<script type="application/json" id="hours-data">(.*?)</script>', html).group(1))
    assert data["zone"] == "Europe/Belgrade"
    assert data["words"]["open"] == "Сада је отворено" and data["words"]["until"] == "ради до {time}"
    assert data["words"]["opensOn"][2] == "отвара се у среду у {time}"  # each weekday in its own grammar
    assert data["minutes"]["one"][0] == "затвара се за {n} минут" and data["minutes"]["few"][0] == "затвара се за {n} минута"
    assert "За државне празнике је затворено." in html
    assert re.search(r'<script src="/static/hours\.[0-9a-f]{8}\.js" defer></script>', html)


def test_without_a_country_there_is_no_clock_only_the_week(site):
    write(site / SERVICE, (site / SERVICE).read_text().replace("municipalities: [novi-sad]\n", "") + HOURS)
    html = page(site, "sr-latn/services/pravna-pomoc/index.html")
    assert "Ponedeljak – petak" in html
    assert 'id="hours-data"' not in html and 'id="hours-now"' not in html and "/static/hours." not in html


def test_with_only_days_of_other_hours_the_page_does_not_claim_it_is_closed_now(site):
    write(site / SERVICE, (site / SERVICE).read_text() + "hours_exceptions:\n  - date: 2026-12-31\n    closed: true\n")
    html = page(site, "sr-latn/services/pravna-pomoc/index.html")
    assert '<th scope="row">31. decembar 2026.</th>' in html
    assert 'id="hours-data"' not in html and 'id="hours-now"' not in html


def test_the_brochure_prints_the_week_written_out(hours_site):
    problems: list = []
    theme = PrintTheme.load(Theme.load(hours_site.folder))
    jobs = plan_brochures(hours_site.site, hours_site.localised, hours_site.folder, theme, problems)
    html = next(job.html for job in jobs if job.output == "brochures/sr-cyrl/izmisljeni-grad-a5.pdf")
    assert 'Понедељак – петак:</span> <span class="nowrap">08:00 – 15:00</span>' in html
    assert "Недеља:</span> Затворено" in html
    assert '20:00 – 08:00</span> <span class="nowrap">(следећег дана)</span>' in html
    assert "Понедељак – недеља:</span> Отворено 24 сата" in html
