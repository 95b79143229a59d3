"""hours.js in Debian's Chromium: "open now" or "closed now", with its symbol and colour, at moments chosen by a fixed
clock: before opening, during, just before closing, after closing, on a Saturday, on a public holiday (Orthodox Good
Friday), on days with other hours, and at night for a shelter open overnight; in Serbian (Latin and Cyrillic) and Romani.

The made-up services of tests/fixtures/hours are in Serbia and North Macedonia; the browser is set to New York's time
zone, so every answer below is right only if hours.js tells the time where the service is. Skipped, with the reason,
where Playwright or Chromium is missing.
"""

from __future__ import annotations

import datetime
import shutil
from zoneinfo import ZoneInfo

import pytest

from browser_support import launched_chromium, new_page
from conftest import FIXTURES, REPO, serve_folder
from portal.build import BuildOptions, build
from portal.incremental.context import BuildContext

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BELGRADE, SKOPJE = ZoneInfo("Europe/Belgrade"), ZoneInfo("Europe/Skopje")
READER_ABROAD = "America/New_York"
BUILT_ON = datetime.datetime(2026, 3, 30, tzinfo=datetime.UTC)  # SOURCE_DATE_EPOCH of the build: holidays from here on
OFFICE, NIGHT, LINE, SPLIT = (
    "services/kancelarija-izmisljena/",
    "services/nocno-prenociste-izmisljeno/",
    "services/linija-izmisljena/",
    "services/savetovaliste-izmisljeno/",
)
CHECK, CROSS = "m3.5 10.5 4.5 4.5 8.5-9", "m5 5 10 10m0-10-10 10"  # the symbols' shapes (_hours.html, hours.js)
COLOURS = {  # style.css, "opening hours": light and dark
    ("open", "light"): "rgb(11, 110, 79)",
    ("closed", "light"): "rgb(179, 38, 30)",
    ("open", "dark"): "rgb(95, 211, 168)",
    ("closed", "dark"): "rgb(255, 138, 128)",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The made-up hours site built as `SOURCE_DATE_EPOCH=… portal build` builds it, served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("hours") / "site"
    shutil.copytree(FIXTURES / "hours", folder)
    out = folder.parent / "public"
    result = build(folder, BuildOptions(out=out), BuildContext(source_date=BUILT_ON))
    assert result.written, [problem.format() for problem in result.errors]
    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_chromium(sync_api) as launched:
        yield launched


def at(browser, site_url, path: str, moment: datetime.datetime, scheme: str = "light"):
    """The page as a reader abroad sees it at `moment` (a time where the service is), with the page's CSP in force."""
    page = new_page(
        browser,
        site_url,
        viewport={"width": 360, "height": 740},
        timezone_id=READER_ABROAD,
        color_scheme=scheme,
        service_workers="block",
    )
    page.clock.set_fixed_time(moment)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path, wait_until="load")
    page.wait_for_function("!document.getElementById('hours-now').hidden")
    assert errors == [] and page.evaluate("window.__cspViolations") == []
    return page


def status(page) -> dict:
    """What the status line says and shows: its lines, its symbol's shape and the colour of the state."""
    line = page.locator("#hours-now")
    return {
        "lines": [text.strip() for text in line.inner_text().split("\n") if text.strip()],
        "symbol": line.locator("svg.sign path").get_attribute("d"),
        "symbol hidden from screen readers": line.locator("svg.sign").get_attribute("aria-hidden") == "true",
        "colour": line.locator(".hours-state").evaluate("(state) => getComputedStyle(state).color"),
        "symbol colour": line.locator("svg.sign").evaluate("(sign) => getComputedStyle(sign).color"),
    }


def local(year: int, month: int, day: int, hour: int, minute: int = 0, zone: ZoneInfo = BELGRADE) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


TUESDAY = (2026, 4, 7)
SATURDAY = (2026, 4, 4)
GOOD_FRIDAY = (2026, 4, 10)  # Orthodox; Saturday and Easter Monday (13 April) are holidays in Serbia too
SHORT_DAY = (2026, 12, 24)  # an exception: 08:00 – 12:00 (winter time: UTC+1)
CLOSED_DAY = (2026, 12, 28)  # an exception: closed, a Monday

# (path, moment, open?, the lines in sr-Latn, sr-Cyrl, rom)
CASES = {
    "before opening": (
        OFFICE,
        local(*TUESDAY, 7, 30),
        False,
        ["Sada je zatvoreno", "otvara se danas u 08:00", "otvara se za 30 minuta"],
        ["Сада је затворено", "отвара се данас у 08:00", "отвара се за 30 минута"],
        ["Akana si phandlo", "putardol adive ko 08:00", "putardol pala 30 minute"],
    ),
    "open": (
        OFFICE,
        local(*TUESDAY, 10),
        True,
        ["Sada je otvoreno", "radi do 15:00"],
        ["Сада је отворено", "ради до 15:00"],
        ["Akana si putardo", "dži ko 15:00"],
    ),
    "21 minutes before closing": (  # Serbian says "21 minut" (one) but "22 minuta" (few)
        OFFICE,
        local(*TUESDAY, 14, 39),
        True,
        ["Sada je otvoreno", "radi do 15:00", "zatvara se za 21 minut"],
        ["Сада је отворено", "ради до 15:00", "затвара се за 21 минут"],
        ["Akana si putardo", "dži ko 15:00", "phandel pe pala 21 minute"],
    ),
    "22 minutes before closing": (
        OFFICE,
        local(*TUESDAY, 14, 38),
        True,
        ["Sada je otvoreno", "radi do 15:00", "zatvara se za 22 minuta"],
        ["Сада је отворено", "ради до 15:00", "затвара се за 22 минута"],
        ["Akana si putardo", "dži ko 15:00", "phandel pe pala 22 minute"],
    ),
    "after closing": (
        OFFICE,
        local(*TUESDAY, 16),
        False,
        ["Sada je zatvoreno", "otvara se sutra u 08:00"],
        ["Сада је затворено", "отвара се сутра у 08:00"],
        ["Akana si phandlo", "putardol tajsa ko 08:00"],
    ),
    "Saturday morning": (
        OFFICE,
        local(*SATURDAY, 10),
        True,
        ["Sada je otvoreno", "radi do 12:00"],
        ["Сада је отворено", "ради до 12:00"],
        ["Akana si putardo", "dži ko 12:00"],
    ),
    "Saturday afternoon": (  # Sunday is closed; Monday 6 April, Catholic Easter Monday, is a working day in Serbia
        OFFICE,
        local(*SATURDAY, 13),
        False,
        ["Sada je zatvoreno", "otvara se u ponedeljak u 08:00"],
        ["Сада је затворено", "отвара се у понедељак у 08:00"],
        ["Akana si phandlo", "putardol ko Luja, ko 08:00"],
    ),
    "public holiday": (  # closed from Good Friday to Easter Monday: it opens again on Tuesday
        OFFICE,
        local(*GOOD_FRIDAY, 10),
        False,
        ["Sada je zatvoreno", "otvara se u utorak u 08:00", "Danas je državni praznik: Veliki petak."],
        ["Сада је затворено", "отвара се у уторак у 08:00", "Данас је државни празник: Велики петак."],
        ["Akana si phandlo", "putardol ko Marci, ko 08:00", "Adive si državno prazniko."],  # no Romani names
    ),
    "short day, open": (
        OFFICE,
        local(*SHORT_DAY, 11),
        True,
        ["Sada je otvoreno", "radi do 12:00"],
        ["Сада је отворено", "ради до 12:00"],
        ["Akana si putardo", "dži ko 12:00"],
    ),
    "short day, closed after noon": (
        OFFICE,
        local(*SHORT_DAY, 12, 30),
        False,
        ["Sada je zatvoreno", "otvara se sutra u 08:00"],
        ["Сада је затворено", "отвара се сутра у 08:00"],
        ["Akana si phandlo", "putardol tajsa ko 08:00"],
    ),
    "closed day": (
        OFFICE,
        local(*CLOSED_DAY, 10),
        False,
        ["Sada je zatvoreno", "otvara se sutra u 08:00"],
        ["Сада је затворено", "отвара се сутра у 08:00"],
        ["Akana si phandlo", "putardol tajsa ko 08:00"],
    ),
    "night, before midnight": (
        NIGHT,
        local(*TUESDAY, 22),
        True,
        ["Sada je otvoreno", "radi do sutra u 08:00"],
        ["Сада је отворено", "ради до сутра у 08:00"],
        ["Akana si putardo", "dži tajsa ko 08:00"],
    ),
    "night, after midnight": (
        NIGHT,
        local(2026, 4, 8, 2),
        True,
        ["Sada je otvoreno", "radi do 08:00"],
        ["Сада је отворено", "ради до 08:00"],
        ["Akana si putardo", "dži ko 08:00"],
    ),
    "night shelter by day": (
        NIGHT,
        local(*TUESDAY, 12),
        False,
        ["Sada je zatvoreno", "otvara se danas u 20:00"],
        ["Сада је затворено", "отвара се данас у 20:00"],
        ["Akana si phandlo", "putardol adive ko 20:00"],
    ),
    "night shelter on a holiday night": (  # it keeps its hours on public holidays (open_on_holidays)
        NIGHT,
        local(*GOOD_FRIDAY, 23),
        True,
        ["Sada je otvoreno", "radi do sutra u 08:00"],
        ["Сада је отворено", "ради до сутра у 08:00"],
        ["Akana si putardo", "dži tajsa ko 08:00"],
    ),
    "around the clock": (
        LINE,
        local(*GOOD_FRIDAY, 3),
        True,
        ["Sada je otvoreno", "radi danju i noću"],
        ["Сада је отворено", "ради дању и ноћу"],
        ["Akana si putardo", "putardo dive thaj rati"],
    ),
    "North Macedonia, between the two parts of the day": (  # Skopje's time; Easter Monday there is 13 April
        SPLIT,
        local(2026, 4, 10, 13, zone=SKOPJE),
        False,
        ["Sada je zatvoreno", "otvara se danas u 14:00"],
        ["Сада је затворено", "отвара се данас у 14:00"],
        ["Akana si phandlo", "putardol adive ko 14:00"],
    ),
    "North Macedonia, Easter Monday": (
        SPLIT,
        local(2026, 4, 13, 10, zone=SKOPJE),
        False,
        ["Sada je zatvoreno", "otvara se sutra u 08:00", "Danas je državni praznik."],  # Macedonian names only in mk
        ["Сада је затворено", "отвара се сутра у 08:00", "Данас је државни празник."],
        ["Akana si phandlo", "putardol tajsa ko 08:00", "Adive si državno prazniko."],
    ),
}
LANGUAGES = {"sr-latn": 0, "sr-cyrl": 1, "rom": 2}


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_status_line_says_open_or_closed_in_words_symbol_and_colour(browser, site_url, case, prefix):
    path, moment, is_open, *lines = CASES[case]
    page = at(browser, site_url, f"/{prefix}/{path}", moment)
    shown = status(page)
    state = "open" if is_open else "closed"
    assert shown["lines"] == lines[LANGUAGES[prefix]]
    assert shown["symbol"] == (CHECK if is_open else CROSS)
    assert shown["symbol hidden from screen readers"]  # the words say it; the symbol is for the eye
    assert shown["colour"] == shown["symbol colour"] == COLOURS[(state, "light")]
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == READER_ABROAD
    page.context.close()


@pytest.mark.parametrize(("state", "case"), [("open", "open"), ("closed", "after closing")])
def test_open_and_closed_have_their_colours_in_dark_mode_too(browser, site_url, state, case):
    path, moment, *_lines = CASES[case]
    page = at(browser, site_url, f"/sr-cyrl/{path}", moment, scheme="dark")
    assert status(page)["colour"] == COLOURS[(state, "dark")]
    page.context.close()


def today_row(page) -> str | None:
    marked = page.locator(".hours-week tr.today")
    assert marked.count() <= 1
    if marked.count() == 0:
        return None
    assert marked.get_attribute("aria-current") == "date"
    return " ".join(marked.locator("th").inner_text().split())


@pytest.mark.parametrize(
    ("moment", "row"),
    [
        (local(*TUESDAY, 10), "Ponedeljak – petak Danas"),
        (local(*SATURDAY, 13), "Subota Danas"),
        (local(2026, 4, 5, 13), "Nedelja Danas"),
        (local(*SHORT_DAY, 11), "24. decembar 2026. Danas"),  # the day's own row, not Thursday's
        (local(*GOOD_FRIDAY, 10), None),  # a holiday: the weekday's hours do not hold today
    ],
)
def test_todays_row_is_marked(browser, site_url, moment, row):
    page = at(browser, site_url, f"/sr-latn/{OFFICE}", moment)
    assert today_row(page) == row
    page.context.close()


def test_the_holidays_of_the_next_two_weeks_that_close_it_are_listed_with_their_names(browser, site_url):
    page = at(browser, site_url, f"/sr-latn/{OFFICE}", local(2026, 4, 1, 10))
    coming = page.locator("#hours-coming li").all_inner_texts()
    # Easter Sunday (12 April) is left out: the office is closed on Sundays anyway
    assert [text.strip() for text in coming] == [
        "petak, 10. april 2026. – Veliki petak",
        "subota, 11. april 2026. – Velika subota",
        "ponedeljak, 13. april 2026. – Drugi dan Vaskrsa",
    ]
    assert page.locator("#hours-coming li svg.sign path").first.get_attribute("d") == CROSS
    page.context.close()
    later = at(browser, site_url, f"/rom/{OFFICE}", local(2026, 4, 1, 10))
    assert [text.strip() for text in later.locator("#hours-coming li").all_inner_texts()] == [
        "Paraštuj, 10. aprilo 2026.",  # the holidays library has no Romani names: only the date
        "Savato, 11. aprilo 2026.",
        "Luja, 13. aprilo 2026.",
    ]
    later.context.close()


def test_no_holiday_ahead_no_list(browser, site_url):
    page = at(browser, site_url, f"/sr-latn/{OFFICE}", local(2026, 6, 2, 10))
    assert page.locator("#hours-coming").is_hidden()
    page.context.close()


def test_without_javascript_the_week_and_the_exceptions_are_all_there(browser, site_url):
    page = new_page(browser, site_url, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page.goto(f"/sr-cyrl/{OFFICE}")
    assert page.locator("#hours-now").is_hidden()
    rows = [" ".join(text.split()) for text in page.locator(".hours-week tr").all_inner_texts()]
    assert rows == [
        "Понедељак – петак 08:00 – 15:00",
        "Субота 09:00 – 12:00",
        "Недеља Затворено",
        "24. децембар 2026. 08:00 – 12:00",
        "28. децембар 2026. Затворено",
    ]
    assert page.get_by_text("За државне празнике је затворено.").is_visible()
    page.context.close()


@pytest.mark.parametrize("path", [f"/sr-cyrl/{OFFICE}", f"/rom/{NIGHT}", f"/sr-latn/{LINE}"])
def test_with_text_at_200_percent_nothing_scrolls_sideways(browser, site_url, path):
    page = at(browser, site_url, path, local(*GOOD_FRIDAY, 10))
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("case", ["open", "public holiday"])
def test_axe_finds_no_violations_with_the_status_shown(browser, site_url, case, scheme):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE.relative_to(REPO)} missing); run npm ci")
    path, moment, *_lines = CASES[case]
    page = new_page(browser, site_url, viewport={"width": 320, "height": 640}, bypass_csp=True, color_scheme=scheme)
    page.clock.set_fixed_time(moment)
    page.goto(f"/sr-cyrl/{path}")
    page.wait_for_function("!document.getElementById('hours-now').hidden")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})")
    assert result["passes"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    page.context.close()
