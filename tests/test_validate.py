"""Validation: every content mistake is reported as `path:line: what is wrong; what to write instead`, all in one run."""

from __future__ import annotations

import datetime

import pytest

from conftest import run_portal, write
from portal.build import build

ORG = "content/organisations/neostart/facts.yml"
GOOD_ORG = "type: civil-society\ncountry: RS\nlast_verified: 2026-11-01\n"


def errors(site) -> list[str]:
    return [p.format() for p in build(site).problems if p.severity == "error"]


def test_the_fixture_site_has_no_errors(site):
    assert errors(site) == []


def test_unknown_field_gets_did_you_mean(site):
    write(site / ORG, GOOD_ORG + "phnoe: ['+381 11 123 4567']\n")
    assert errors(site) == [f"{ORG}:4: error: unknown field `phnoe` in a facts file; did you mean `phone`?"]


def test_missing_required_field(site):
    write(site / ORG, "country: RS\nlast_verified: 2026-11-01\n")
    assert errors(site) == [
        f"{ORG}:1: error: the required field `type` is missing; add a line `type: ...` (Kind of organisation.)"
    ]


def test_value_not_among_the_allowed_ones(site):
    write(site / ORG, GOOD_ORG.replace("civil-society", "civil-sociaty"))
    assert errors(site) == [f"{ORG}:1: error: `civil-sociaty` is not an allowed value of `type`; did you mean `civil-society`?"]


@pytest.mark.parametrize("written", ["1. 11. 2026.", "1.11.2026", "01/11/2026", "1-11-2026", "01.11.2026."])
def test_a_date_written_day_first_gets_the_date_the_editor_meant(site, written):
    write(site / ORG, GOOD_ORG.replace("2026-11-01", written))
    assert errors(site) == [
        f"{ORG}:3: error: `last_verified` is not a date: `{written}`; write `last_verified: 2026-11-01` (year, month, day)"
    ]


@pytest.mark.parametrize("written", ["November 2026", "31.11.2026", "2026/11"])
def test_a_date_that_cannot_be_read_gets_the_pattern(site, written):
    write(site / ORG, GOOD_ORG.replace("2026-11-01", written))
    assert errors(site) == [
        f"{ORG}:3: error: `last_verified` is not a date: `{written}`; write `last_verified: YYYY-MM-DD`, e.g. 2026-11-01"
    ]


def test_a_date_that_does_not_exist_is_reported_not_crashed_on(site):
    write(site / ORG, GOOD_ORG.replace("2026-11-01", "2026-13-01"))
    assert errors(site) == [
        f"{ORG}:3: error: `last_verified` is not a date: `2026-13-01`; write `last_verified: YYYY-MM-DD`, e.g. 2026-11-01"
    ]


def test_local_phone_number_gets_its_international_form(site):
    write(site / ORG, GOOD_ORG.replace("RS", "MK") + "phone: ['02 3230-401']\n")
    assert errors(site) == [
        f"{ORG}:4: error: `02 3230-401` is not a phone number in international format; "
        "write it in international format: `+389 2 323 0401`"
    ]


def test_a_local_number_of_an_entry_without_a_country_is_read_in_the_sites_country(site):
    service = "content/services/pravna-pomoc/facts.yml"
    facts = (site / service).read_text().replace("+381 21 123 456", "021 123 456")
    write(site / "site.yml", (site / "site.yml").read_text() + "country: RS\n")
    write(site / service, facts)
    line = facts.splitlines().index('phone: ["021 123 456"]') + 1
    assert errors(site) == [
        f"{service}:{line}: error: `021 123 456` is not a phone number in international format; "
        "write it in international format: `+381 21 123456`"
    ]


def test_a_wrong_fact_does_not_hide_a_wrong_reference_in_the_same_file(site):
    service = "content/services/pravna-pomoc/facts.yml"
    facts = (site / service).read_text()
    facts = facts.replace("[legal-aid]", "[legal-aide]").replace("cost: free", "cost: freee")
    write(site / service, facts)
    lines = facts.splitlines()
    categories, cost = lines.index("categories: [legal-aide]") + 1, lines.index("cost: freee") + 1
    assert sorted(errors(site)) == sorted(
        [
            f"{service}:{categories}: error: `categories` names `legal-aide`, which does not exist in site.yml "
            "under categories; did you mean `legal-aid`?",
            f"{service}:{cost}: error: `freee` is not an allowed value of `cost`; did you mean `free`?",
        ]
    )


def test_phone_is_stored_in_e164_and_called_with_one_tap(site):
    html = build(site).files["sr-latn/organisations/neostart/index.html"].decode()
    assert 'href="tel:+381111234567"' in html
    assert "+381 11 1234567" in html or "+381 11 123 4567" in html


def test_bad_email_url_and_coordinates_all_reported_in_one_run(site):
    write(site / ORG, GOOD_ORG + "email: [info@@example]\nwebsite: www.example.org\n")
    write(
        site / "content/municipalities/novi-sad/facts.yml", "country: RS\ncoordinates: [145.2, 19.8]\nlast_verified: 2026-11-01\n"
    )
    assert errors(site) == [
        "content/municipalities/novi-sad/facts.yml:2: error: `coordinates` must be [latitude, longitude] in degrees; "
        "write e.g. `coordinates: [45.2671, 19.8335]`",
        f"{ORG}:4: error: `info@@example` is not an e-mail address; write it like name@example.org",
        f"{ORG}:5: error: `www.example.org` is not a web address; write it in full: `https://www.example.org`",
    ]


def test_reference_to_a_missing_entry(site):
    path = "content/services/pravna-pomoc/facts.yml"
    text = (site / path).read_text().replace("municipalities: [novi-sad]", "municipalities: [novi-sad, novi-sd]")
    write(site / path, text)
    assert errors(site) == [
        f"{path}:4: error: `municipalities` names `novi-sd`, which does not exist in content/municipalities/; "
        "did you mean `novi-sad`?"
    ]


def test_unknown_category(site):
    path = "content/services/pravna-pomoc/facts.yml"
    write(site / path, (site / path).read_text().replace("[legal-aid]", "[legal-aide]"))
    assert errors(site) == [
        f"{path}:3: error: `categories` names `legal-aide`, which does not exist in site.yml under categories; "
        "did you mean `legal-aid`?"
    ]


def test_membership_must_name_a_network(site):
    write(site / "content/organisations/mreza/facts.yml", "type: civil-society\ncountry: RS\nlast_verified: 2026-11-01\n")
    assert errors(site) == [
        f"{ORG}:6: error: `mreza` is not a network; set `type: network` in "
        "content/organisations/mreza/facts.yml, or name a network"
    ]


def test_text_for_a_language_the_site_does_not_have(site):
    write(site / "content/organisations/neostart/sr-latn.md", "---\ntitle: Neostart\n---\n")
    assert errors(site) == [
        "content/organisations/neostart/sr-latn.md: error: `sr-latn` is not a language of this site; "
        "rename the file to one of the configured languages: did you mean `sr-Latn`?"
    ]


def test_translation_whose_facts_file_is_missing(site):
    write(site / "content/organisations/caritas/cs.md", "---\ntitle: Caritas\n---\n")
    assert errors(site) == [
        "content/organisations/caritas/cs.md: error: this text has no facts file beside it; "
        "add content/organisations/caritas/facts.yml with at least `source_date:` or `last_verified:`"
    ]


def test_text_file_without_title(site):
    write(site / "content/organisations/neostart/cs.md", "---\nsummary: Ein Verein.\n---\n")
    assert errors(site) == [
        "content/organisations/neostart/cs.md:2: error: the required field `title` is missing; "
        "add a line `title: ...` (The name or heading, as readers see it.)"
    ]


def test_ids_that_are_unsafe_in_an_address(site):
    write(site / "content/organisations/Neo Start/facts.yml", GOOD_ORG)
    write(site / "content/organisations/Neo Start/sr-Latn.md", "---\ntitle: x\n---\n")
    assert (
        "content/organisations/Neo Start/facts.yml: error: `Neo Start` cannot be used as an id; "
        "rename the folder `neo-start`: small latin letters, digits and - only" in errors(site)
    )


def test_page_may_not_take_the_address_of_a_section(site):
    write(site / "content/pages/organisations/facts.yml", "last_verified: 2026-11-01\n")
    write(site / "content/pages/organisations/sr-Latn.md", "---\ntitle: x\n---\n")
    assert (
        "content/pages/organisations/facts.yml: error: a page cannot be called `organisations`: "
        "that address belongs to a section; choose another folder name" in errors(site)
    )


def test_control_characters_in_text_are_refused(site):
    write(site / "content/organisations/neostart/cs.md", '---\ntitle: "Neo\\u202Estart"\n---\n')
    assert errors(site) == [
        "content/organisations/neostart/cs.md:2: error: `title` contains an invisible control character; "
        "retype the text without it"
    ]


def test_missing_translation_is_a_warning_and_strict_makes_it_fail(site, capsys):
    from conftest import run_portal

    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 0
    assert "content/organisations/neostart/cs.md: warning: not translated into cs yet" in err
    status, _, _ = run_portal(capsys, "--site", str(site), "check", "--strict")
    assert status == 1


def test_stale_entries_are_listed_with_the_line_of_their_date(site, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01: the day `portal check` takes for today
    _status, _out, err = run_portal(capsys, "--site", str(site), "check")
    warnings = [line for line in err.splitlines() if "last verified" in line]
    assert (
        f"{ORG}:9: warning: last verified on 2026-11-01, more than 12 months ago; "
        "check the facts with the organisation and update `last_verified`" in warnings
    )


def test_many_problems_in_many_files_are_all_reported_with_exit_status_1(site, capsys):
    from conftest import run_portal

    write(site / ORG, GOOD_ORG + "phnoe: x\n")
    write(site / "content/municipalities/novi-sad/facts.yml", "country: XX\ncoordinates: [1]\nlast_verified: 2026-11-01\n")
    status, out, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 1
    assert f"{ORG}:4: error: unknown field `phnoe`" in err
    assert "content/municipalities/novi-sad/facts.yml:1: error: `XX` is not a country code" in err
    assert "content/municipalities/novi-sad/facts.yml:2: error: `coordinates` must be" in err
    assert "3 errors" in err


SERVICE = "content/services/pravna-pomoc/facts.yml"


def add_to_service(site, text: str) -> None:
    write(site / SERVICE, (site / SERVICE).read_text() + text)


def test_malformed_opening_hours_are_reported_with_their_lines(site):
    add_to_service(
        site,
        "hours:\n  - days: [mo, tu, wed]\n    opens: '8.00'\n    closes: '15:00'\n  - days: [sa]\n    opens: '24:00'\n    closes: '09:00'\n",
    )
    assert errors(site) == [
        f"{SERVICE}:10: error: `wed` is not an allowed value of `days`; `wed` is Wednesday (en): write `we`",
        f'{SERVICE}:11: error: `8.00` is not a time of day; write `opens: "08:00"`',
        f'{SERVICE}:14: error: `opens` is 24:00, the end of the day; write `opens: "00:00"`',
    ]


def test_unquoted_times_are_read_as_written_not_as_base_60_numbers(site):
    add_to_service(site, "hours:\n  - days: [mo]\n    opens: 8:30\n    closes: 15:00\n")
    html = build(site).files["en/services/pravna-pomoc/index.html"].decode()
    assert errors(site) == [] and "08:30" in html and "15:00" in html


@pytest.mark.parametrize(
    ("written", "meant"),
    [("9", '"09:00"'), ("'16h'", '"16:00"'), ("9.30", '"09:30"'), ("'0930'", '"09:30"'), ("'8 uhr'", '"08:00"')],
)
def test_a_time_written_another_way_gets_the_time_meant(site, written, meant):
    add_to_service(site, f"hours:\n  - days: [mo]\n    opens: {written}\n    closes: '17:00'\n")
    [problem] = errors(site)
    assert problem.endswith(f"is not a time of day; write `opens: {meant}`")


@pytest.mark.parametrize("written", ["'25'", "'noon'", "'9:3'"])
def test_a_time_that_cannot_be_read_gets_the_pattern(site, written):
    add_to_service(site, f"hours:\n  - days: [mo]\n    opens: {written}\n    closes: '17:00'\n")
    [problem] = errors(site)
    assert problem.endswith('is not a time of day; write it as HH:MM in quotes, e.g. "08:30"')


@pytest.mark.parametrize(
    ("written", "days"),
    [("mo-fr", "mo, tu, we, th, fr"), ("pon - pet", "mo, tu, we, th, fr"), ("Sub–Ned", "sa, su"), ("fr-mo", "fr, sa, su, mo")],
)
def test_a_range_of_days_gets_the_days_one_by_one(site, written, days):
    add_to_service(site, f"hours:\n  - days: {written}\n    opens: '08:00'\n    closes: '17:00'\n")
    [problem] = errors(site)
    assert problem.endswith(f"is not an allowed value of `days`; write the days one by one: `[{days}]`")


def test_a_closing_time_before_the_opening_time_is_the_next_day_not_a_mistake(site):
    add_to_service(site, "hours:\n  - days: [fr, sa]\n    opens: '20:00'\n    closes: '08:00'\n")
    assert errors(site) == []


def test_opening_and_closing_at_the_same_time_asks_for_around_the_clock(site):
    add_to_service(site, "hours:\n  - days: [mo]\n    opens: '00:00'\n    closes: '00:00'\n")
    assert errors(site) == [
        f"{SERVICE}:12: error: it opens and closes at the same time, 00:00; "
        'for a service open around the clock write `opens: "00:00"` and `closes: "24:00"`'
    ]


def test_a_day_listed_twice_in_one_block(site):
    add_to_service(site, "hours:\n  - days: [mo, tu, mo]\n    opens: '08:00'\n    closes: '15:00'\n")
    assert errors(site) == [f"{SERVICE}:10: error: `mo` is listed twice in `days`; write each day once: `days: [mo, tu]`"]


def test_two_blocks_of_the_same_day_that_overlap_name_both_lines_and_the_one_block_to_write(site):
    add_to_service(
        site,
        "hours:\n"
        "  - days: [mo, tu, we]\n    opens: '09:00'\n    closes: '13:00'\n"
        "  - days: [we, th]\n    opens: '12:00'\n    closes: '15:00'\n",
    )
    assert errors(site) == [
        f"{SERVICE}:13: error: on `we` these hours (12:00–15:00) overlap those on line 10 (09:00–13:00); "
        'write them as one block, `opens: "09:00"` and `closes: "15:00"`, or correct one of the times'
    ]


NIGHT_HINT = "correct the times so that no hour is in two blocks; a closing time before the opening time is the next day"


@pytest.mark.parametrize(
    ("blocks", "message"),
    [
        (  # the night written after the morning it runs into
            "  - days: [tu]\n    opens: '07:00'\n    closes: '12:00'\n  - days: [mo]\n    opens: '20:00'\n    closes: '08:00'\n",
            "on `mo` these hours (20:00–08:00) overlap those on line 10 (07:00–12:00)",
        ),
        (  # the night first
            "  - days: [mo]\n    opens: '20:00'\n    closes: '08:00'\n  - days: [tu]\n    opens: '07:00'\n    closes: '12:00'\n",
            "on `tu` these hours (07:00–12:00) overlap those on line 10 (20:00–08:00)",
        ),
        (  # Sunday night runs into Monday morning
            "  - days: [mo]\n    opens: '06:00'\n    closes: '10:00'\n  - days: [su]\n    opens: '22:00'\n    closes: '07:00'\n",
            "on `su` these hours (22:00–07:00) overlap those on line 10 (06:00–10:00)",
        ),
    ],
)
def test_a_night_that_overlaps_the_next_mornings_block(site, blocks, message):
    add_to_service(site, "hours:\n" + blocks)
    assert errors(site) == [f"{SERVICE}:13: error: {message}; {NIGHT_HINT}"]


def test_split_hours_on_the_same_days_are_fine(site):
    add_to_service(
        site,
        "hours:\n"
        "  - days: [mo, tu]\n    opens: '08:00'\n    closes: '12:00'\n"
        "  - days: [mo, tu]\n    opens: '12:00'\n    closes: '16:00'\n"
        "  - days: [su]\n    opens: '00:00'\n    closes: '24:00'\n",
    )
    assert errors(site) == []


def test_a_date_listed_twice_among_the_exceptions(site):
    add_to_service(
        site,
        "hours_exceptions:\n  - date: 2026-12-31\n    closed: true\n  - date: 2026-12-31\n    opens: '10:00'\n    closes: '12:00'\n",
    )
    assert errors(site) == [
        f"{SERVICE}:12: error: 2026-12-31 is listed twice in `hours_exceptions`, also on line 10; keep one block for each date"
    ]


def test_an_hours_exception_needs_closed_or_both_times(site):
    add_to_service(site, "hours_exceptions:\n  - date: 2026-12-31\n    opens: '10:00'\n")
    assert errors(site) == [
        f"{SERVICE}:10: error: a day with other hours needs either `closed: true` or both `opens` and `closes`; "
        'write `closed: true`, or `opens: "10:00"` and `closes: "12:00"`'
    ]


def test_unquoted_times_are_read_as_yaml_gives_them(site):
    add_to_service(site, "hours:\n  - days: [mo]\n    opens: 8:00\n    closes: 15:00\n")
    assert errors(site) == []
    html = build(site).files["en/services/pravna-pomoc/index.html"].decode()
    assert "08:00" in html and "15:00" in html  # British English, as the site's `en` is written: a 24-hour clock


def test_a_resource_with_bad_coordinates(site):
    add_to_service(site, "coordinates: [45.2, 190]\n")
    assert errors(site) == [
        f"{SERVICE}:9: error: `coordinates` must be [latitude, longitude] in degrees; "
        "write e.g. `coordinates: [45.2671, 19.8335]`"
    ]


def test_validating_again_after_an_edit_finds_what_a_fresh_validation_finds(site):
    """The preview validates again after each edit and reuses what it found in the files it did not read again."""
    from portal.config import read_config
    from portal.load import load_site, reload_site
    from portal.schema import KINDS
    from portal.validate import validate

    def validated(loaded):
        config = read_config(loaded.config)[0]
        found, problems = validate(loaded, config, datetime.date(2026, 11, 23))
        return found.entries, sorted(p.format() for p in problems)

    loaded = load_site(site, tuple(KINDS))
    first = validated(loaded)
    edits = [
        (ORG, GOOD_ORG.replace("civil-society", "civil-sociaty")),  # a new error
        (ORG, GOOD_ORG),  # and gone again
        ("content/pages/about/cs.md", "---\ntitle: O nás\n---\nText.\n"),  # a translation added
        # Czech no longer a language of the site: the unchanged cs.md is now an error
        (
            "site.yml",
            (site / "site.yml")
            .read_text(encoding="utf-8")
            .replace("  - tag: cs\n    name: Čeština\n    prefix: cs\n    fallback: [en]\n", ""),
        ),
    ]
    for path, text in edits:
        write(site / path, text)
        loaded = reload_site(loaded, [path], tuple(KINDS))
        assert validated(loaded) == validated(load_site(site, tuple(KINDS))), path
    assert validated(loaded) != first


def test_the_same_files_under_another_site_yml_are_checked_again(site):
    from portal.config import read_config
    from portal.load import load_site
    from portal.schema import KINDS
    from portal.validate import validate

    write(site / "content/pages/about/cs.md", "---\ntitle: O nás\n---\nText.\n")
    with_czech = load_site(site, tuple(KINDS))
    write(
        site / "site.yml",
        (site / "site.yml")
        .read_text(encoding="utf-8")
        .replace("  - tag: cs\n    name: Čeština\n    prefix: cs\n    fallback: [en]\n", ""),
    )
    config_without_czech = read_config(load_site(site, tuple(KINDS)).config)[0]
    validate(with_czech, read_config(with_czech.config)[0], datetime.date(2026, 11, 23))
    _site, problems = validate(with_czech, config_without_czech, datetime.date(2026, 11, 23))
    assert "content/pages/about/cs.md: error: `cs` is not a language of this site" in " ".join(p.format() for p in problems)


def test_a_list_or_a_block_where_one_value_belongs_is_reported_not_a_crash(site):
    """YAML lists and blocks cannot be looked up in a table of allowed values: each is a problem with its line."""
    write(site / ORG, "type: [network]\ncountry: [RS, MK]\nphone: ['011 123 4567']\nlast_verified: 2026-11-01\n")
    found = errors(site)
    assert any(line.startswith(f"{ORG}:1: error: ") and "`type`" in line for line in found), found
    assert any(line.startswith(f"{ORG}:2: error: ") and "is not a country code" in line for line in found), found
    assert any(line.startswith(f"{ORG}:3: error: ") and "not a phone number" in line for line in found), found


# ---------------------------------------------------------------- values YAML reads otherwise than meant

PLACE = "content/municipalities/novi-sad/facts.yml"
NOVI_SAD = "[45.2671, 19.8335]"


def problems_on(site, today: datetime.date = datetime.date(2026, 11, 20), severity: str = "error") -> list[str]:
    from portal.incremental.context import BuildContext

    context = BuildContext(source_date=datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC))
    return [p.format() for p in build(site, context=context).problems if p.severity == severity]


@pytest.mark.parametrize(
    "written, line, expected",
    [
        ("cost: free", "cost: yes", f"{SERVICE}:7: error: YAML reads `yes` as true; write one of: free, fee, unknown"),
        ("cost: free", "cost: No", f"{SERVICE}:7: error: YAML reads `No` as false; write one of: free, fee, unknown"),
        ("cost: free", "cost: off", f"{SERVICE}:7: error: YAML reads `off` as false; write one of: free, fee, unknown"),
        (
            "languages: [sr-Latn, rom]",
            "languages: [sr-Latn, no]",  # Norwegian's code, in a list
            f'{SERVICE}:6: error: YAML reads `no` as false; put it in quotes: `languages: "no"`',
        ),
    ],
)
def test_yes_no_on_off_are_named_as_written_with_what_to_write(site, written, line, expected):
    write(site / SERVICE, (site / SERVICE).read_text(encoding="utf-8").replace(written, line))
    assert errors(site) == [expected]


def test_a_yes_in_a_text_file_is_named_too(site):
    write(site / "content/organisations/neostart/en.md", "---\ntitle: On\n---\n")
    assert errors(site) == [
        'content/organisations/neostart/en.md:2: error: YAML reads `On` as true; put it in quotes: `title: "On"`'
    ]


def test_true_and_false_stay_fine_where_they_belong(site):
    write(site / ORG, GOOD_ORG + "example: yes\n")  # a yes/no field: YAML's reading is what the editor meant
    assert errors(site) == []


@pytest.mark.parametrize("opening, closing", [("“", "”"), ("„", "“"), ("‘", "’"), ("«", "»"), ("»", "«")])
def test_curly_quotes_around_a_value_are_named_with_the_straight_ones_to_type(site, opening, closing):
    write(site / SERVICE, (site / SERVICE).read_text(encoding="utf-8").replace("cost: free", f"cost: {opening}free{closing}"))
    write(site / "content/organisations/neostart/en.md", f"---\ntitle: {opening}Neostart{closing}\n---\n")
    assert errors(site) == [
        f"content/organisations/neostart/en.md:2: error: `{opening}Neostart{closing}` is in curly quotes {opening} {closing}, "
        "which would be shown as part of it; write it without them: `title: Neostart` "
        '(straight quotes " " if it contains `: `)',
        f"{SERVICE}:7: error: `{opening}free{closing}` is in curly quotes {opening} {closing}, which would be shown as part "
        'of it; write it without them: `cost: free` (straight quotes " " if it contains `: `)',
    ]


def test_curly_quotes_inside_a_text_are_typography_not_a_mistake(site):
    write(
        site / "content/organisations/neostart/sr-Latn.md",
        "---\ntitle: Udruženje „Neostart“\nsummary: „Pomoć“ i „podrška“.\n---\n",
    )
    assert errors(site) == []


# ---------------------------------------------------------------- days in the editor's words


@pytest.mark.parametrize(
    "written, hint",
    [
        ("sub", "`sub` is subota (sr-Latn): write `sa`"),  # Serbian Saturday, not "did you mean `su`" (Sunday)
        ("subota", "`subota` is subota (sr-Latn): write `sa`"),
        ("Sub.", "`Sub.` is subota (sr-Latn): write `sa`"),
        ("суб", "`суб` is subota (sr-Latn): write `sa`"),  # the Cyrillic abbreviation
        ("čet", "`čet` is četvrtak (sr-Latn): write `th`"),
        ("cet", "`cet` is četvrtak (sr-Latn): write `th`"),  # typed without the hook
        ("ned", "`ned` is nedelja (sr-Latn): write `su`"),
        ("pá", "`pá` is pátek (cs): write `fr`"),
        ("Sat", "`Sat` is Saturday (en): write `sa`"),
        ("thu", "`thu` is Thursday (en): write `th`"),
        # Czech `so` is Saturday, German `So` Sunday: both are said
        ("so", "`so` names different days in different languages: write `sa` (sobota, cs), `su` (Sonntag, de)"),
        ("xyz", "write one of: mo, tu, we, th, fr, sa, su (Monday to Sunday)"),  # in week order, nothing guessed
    ],
)
def test_a_day_in_the_editors_words_gets_its_code_never_a_lookalike(written, hint):
    from portal.validate import weekday_hint

    assert weekday_hint(written, ("sr-Latn", "sr-Cyrl", "mk", "cs", "rom", "sq", "de", "en")) == hint


def test_the_serbian_saturday_in_opening_hours(site):
    add_to_service(site, "hours:\n  - days: [pon, sub]\n    opens: '08:00'\n    closes: '12:00'\n")
    assert errors(site) == [
        f"{SERVICE}:10: error: `pon` is not an allowed value of `days`; `pon` is ponedeljak (sr-Latn): write `mo`",
        f"{SERVICE}:10: error: `sub` is not an allowed value of `days`; `sub` is subota (sr-Latn): write `sa`",
    ]


# ---------------------------------------------------------------- a required field left empty


def test_an_empty_required_field_is_named_on_its_own_line_with_what_to_fill_in(site):
    write(site / ORG, "type:\ncountry: RS\nlast_verified:\n")
    write(site / SERVICE, (site / SERVICE).read_text(encoding="utf-8").replace("[legal-aid]", ""))
    write(site / "content/organisations/neostart/en.md", "---\ntitle:\n---\n")
    assert errors(site) == [
        "content/organisations/neostart/en.md:2: error: `title` is not filled in yet; "
        "fill in: The name or heading, as readers see it.",
        f"{ORG}:1: error: `type` is not filled in yet; fill in one of: network, primary-support, peer-support, "
        "youth-justice, service-provider, human-rights, public-institution, international-organisation, funder, strategy, civil-society",
        f"{ORG}:3: error: `last_verified` is not filled in yet; "
        "fill in the day you checked these facts with the organisation, as YYYY-MM-DD; if nobody has, "
        "remove the line and give the date of the document they come from as `source_date: YYYY`",
        f"{SERVICE}:3: error: `categories` is not filled in yet; fill in one or more of: legal-aid",
    ]


# ---------------------------------------------------------------- facts that cannot be right


@pytest.mark.parametrize(
    "coordinates, expected",
    [
        (NOVI_SAD, None),
        ("[44.6627, 20.9300]", None),  # Smederevo, on the Danube where it is the border: within the margin
        ("[42.6629, 21.1655]", None),  # Priština: Natural Earth draws Kosovo apart; either code counts for both
        (
            "[19.8335, 45.2671]",
            f"{PLACE}:2: error: latitude and longitude are swapped: [19.8335, 45.2671] is not in RS, but [45.2671, 19.8335] is; "
            "write `coordinates: [45.2671, 19.8335]`: latitude (north) first, then longitude (east)",
        ),
        (
            "[46.0569, 14.5058]",  # Ljubljana: outside every outline portal ships
            f"{PLACE}:2: error: `coordinates` [46.0569, 14.5058] lie outside RS; "
            "copy them again from a map: latitude (north) first, then longitude (east), e.g. [45.2671, 19.8335]",
        ),
        (
            "[41.9981, 21.4254]",  # Skopje
            f"{PLACE}:2: error: `coordinates` [41.9981, 21.4254] lie in MK, not in RS; "
            "copy them again from a map: latitude (north) first, then longitude (east), e.g. [45.2671, 19.8335]",
        ),
        (
            "[0.0, 0.0]",
            f"{PLACE}:2: error: `coordinates` [0, 0] lie outside RS; "
            "copy them again from a map: latitude (north) first, then longitude (east), e.g. [45.2671, 19.8335]",
        ),
    ],
)
def test_coordinates_must_lie_in_the_places_country(site, coordinates, expected):
    write(site / PLACE, f"country: RS\ncoordinates: {coordinates}\nlast_verified: 2026-11-01\n")
    assert errors(site) == ([expected] if expected else [])


def test_a_services_coordinates_are_checked_against_the_country_of_its_places(site):
    add_to_service(site, "coordinates: [19.84, 45.25]\n")
    assert errors(site) == [
        f"{SERVICE}:9: error: latitude and longitude are swapped: [19.84, 45.25] is not in RS, but [45.25, 19.84] is; "
        "write `coordinates: [45.25, 19.84]`: latitude (north) first, then longitude (east)"
    ]


def test_a_country_portal_has_no_outline_of_is_checked_for_swapped_coordinates_only(site):
    write(site / PLACE, "country: DE\ncoordinates: [48.7758, 9.1829]\nlast_verified: 2026-11-01\n")  # Stuttgart
    assert errors(site) == []
    write(site / PLACE, "country: DE\ncoordinates: [20.4612, 44.8125]\nlast_verified: 2026-11-01\n")  # Belgrade, swapped
    assert errors(site) == [
        f"{PLACE}:2: error: latitude and longitude are swapped: [20.4612, 44.8125] is not in RS, but [44.8125, 20.4612] is; "
        "write `coordinates: [44.8125, 20.4612]`: latitude (north) first, then longitude (east)"
    ]


def test_last_verified_may_be_today_but_not_later(site):
    today = datetime.date(2026, 11, 20)
    write(site / ORG, GOOD_ORG.replace("2026-11-01", "2026-11-20"))
    assert problems_on(site, today) == []
    write(site / ORG, GOOD_ORG.replace("2026-11-01", "2026-11-21"))
    assert problems_on(site, today) == [
        f"{ORG}:3: error: `last_verified` is 2026-11-21, later than today (2026-11-20); "
        "write the day someone really checked these facts: today at the latest"
    ]


def warnings_of(site) -> list[str]:
    return [p.format() for p in build(site).problems if p.severity == "warning" and "not translated" not in p.message]


def test_cyrillic_in_a_serbian_latin_text_is_named_with_its_line(site):
    text = "---\ntitle: Neostart\nsummary: Udruženje građana.\n---\nNeostart pomaže.\n\nPosle zatvora, друга шанса.\n"
    write(site / "content/organisations/neostart/sr-Latn.md", text)
    assert warnings_of(site) == [
        "content/organisations/neostart/sr-Latn.md:7: warning: `друга` is written in Cyrillic letters, but sr-Latn.md "
        "is a text in Latin letters; retype it in Latin letters: the Cyrillic pages are made from this text"
    ]
    write(site / "content/organisations/neostart/sr-Latn.md", text.replace("summary: Udruženje", "summary: Удружење"))
    assert warnings_of(site)[0].startswith("content/organisations/neostart/sr-Latn.md:3: warning: `Удружење`")


def test_a_latin_text_in_a_cyrillic_file_is_named_but_names_code_and_addresses_are_not(site):
    fine = (
        "---\ntitle: Неостарт\n---\nУдружење {lat}Neostart{/lat} из Новог Сада, `kod`, https://neostart.org/o-nama, "
        "info@neostart.org. Сарађује са службом Probační a mediační služba у Опави.\n"
    )
    write(site / "content/organisations/neostart/sr-Cyrl.md", fine)
    assert warnings_of(site) == []
    write(site / "content/organisations/neostart/sr-Cyrl.md", fine + "\nNeostart pomaže ljudima posle zatvora.\n")
    assert warnings_of(site) == [
        "content/organisations/neostart/sr-Cyrl.md:6: warning: `pomaže` is written in Latin letters, but sr-Cyrl.md is a "
        "text in Cyrillic letters; retype it in Cyrillic letters; a name that stays in Latin letters is marked {lat}Name{/lat}"
    ]


def test_a_title_longer_than_a_phone_shows_is_a_warning(site):
    write(site / "content/organisations/neostart/en.md", "---\ntitle: " + "x" * 90 + "\n---\n")
    assert warnings_of(site) == []
    write(site / "content/organisations/neostart/en.md", "---\ntitle: " + "x" * 91 + "\n---\n")
    assert warnings_of(site) == [
        "content/organisations/neostart/en.md:2: warning: the title is 91 characters long; on a phone, a list shows 90 "
        "in about three lines; shorten it to at most 90 characters and say the rest in `summary`"
    ]


@pytest.mark.parametrize(
    "value, tag, hint",
    [
        ("<b>Free</b> legal aid", "<b>", "write plain text: the page would show the tags as they are written"),
        (
            'Help <a href="https://x.org">here</a>',
            '<a href="https://x.org">',
            "write plain text: the page would show the tags as they are written",
        ),
        ("Legal aid<br>for all", "<br>", "write plain text: the page would show the tags as they are written"),
        ("Legal aid <!-- ask Ana -->", "<!-- ask Ana -->", "a note for other editors goes on a line of its own starting with #"),
    ],
)
def test_html_in_a_front_matter_value_is_refused(site, value, tag, hint):
    write(site / "content/organisations/neostart/en.md", f"---\ntitle: Neostart\nsummary: '{value}'\n---\n")
    assert errors(site) == [f"content/organisations/neostart/en.md:3: error: HTML (`{tag}`) is not allowed in `summary`; {hint}"]


def test_text_with_angle_brackets_that_are_no_tags_passes(site):
    write(
        site / "content/organisations/neostart/en.md", "---\ntitle: Neostart\nsummary: 'For children < 14 and adults > 18'\n---\n"
    )
    assert errors(site) == []


@pytest.mark.parametrize(
    "change, warned",
    [
        ({}, False),  # its own phone
        ({'phone: ["+381 21 123 456"]\n': ""}, False),  # its provider's phone, on the provider's page it links
        ({'phone: ["+381 21 123 456"]\n': "", "provider: neostart\n": ""}, True),
        ({'phone: ["+381 21 123 456"]\n': "address: Zmaj Jovina 1\n", "provider: neostart\n": ""}, False),
        (
            {'phone: ["+381 21 123 456"]\n': "", "provider: neostart\n": "", "[leaving-prison, families]": "[professionals]"},
            False,
        ),
        (
            {'phone: ["+381 21 123 456"]\n': "example: true\n", "provider: neostart\n": ""},
            False,
        ),  # sample data: no invented contact
    ],
)
def test_a_service_for_the_public_needs_a_way_to_reach_it(site, change, warned):
    facts = (site / SERVICE).read_text(encoding="utf-8")
    for old, new in change.items():
        facts = facts.replace(old, new)
    write(site / SERVICE, facts)
    expected = (
        f"{SERVICE}:1: warning: readers have no way to reach this service: neither it nor its provider has a phone, email, "
        "website or address; add at least one of `phone`, `email`, `website` or `address`"
    )
    assert warnings_of(site) == ([expected] if warned else [])


# ---------------------------------------------------------------- all of an entry's problems, and only them, in one run


def test_a_broken_front_matter_is_not_also_a_missing_text(site):
    write(site / "content/organisations/neostart/sr-Latn.md", "---\ntitle: Neostart: pomoć\n---\nText.\n")
    write(site / "content/organisations/neostart/en.md", "---\nsummary: no title\n---\n")
    all_problems = [p.format() for p in build(site).problems if "content/organisations/neostart" in p.source.path]
    assert all_problems == [
        "content/organisations/neostart/en.md:2: error: the required field `title` is missing; "
        "add a line `title: ...` (The name or heading, as readers see it.)",
        "content/organisations/neostart/sr-Latn.md:2: error: the value on this line contains `: `; "
        'put the value in quotes: `title: "Neostart: pomoć"`',
    ]  # neither "no text in any language" nor "the source-language text is missing", nor "not translated"


def test_an_entry_without_any_text_file_is_still_reported(site):
    import shutil

    for text in (site / "content/organisations/neostart").glob("*.md"):
        text.unlink()
    assert (
        f"{ORG}: error: this entry has no text in any language; add content/organisations/neostart/sr-Latn.md with a title"
        in errors(site)
    )
    shutil.rmtree(site / "content/organisations/neostart")


def test_an_entrys_facts_and_text_problems_come_in_the_same_run(site):
    write(site / ORG, GOOD_ORG.replace("civil-society", "civil-sociaty"))
    write(
        site / "content/organisations/neostart/en.md",
        "---\ntitle: Neostart\nsummary: <i>x</i>\n---\nSee [MOPPS](@organisations/mops),\n[our site](www.neostart.org).\n",
    )
    assert errors(site) == [
        "content/organisations/neostart/en.md:3: error: HTML (`<i>`) is not allowed in `summary`; "
        "write plain text: the page would show the tags as they are written",
        "content/organisations/neostart/en.md:5: error: the link `@organisations/mops` names no entry; "
        "write @kind/id of an existing entry, e.g. @organisations/neostart",
        "content/organisations/neostart/en.md:6: error: the link `www.neostart.org` has no https://, mailto: or tel: in "
        "front, so it leads nowhere; write `https://www.neostart.org`",
        f"{ORG}:1: error: `civil-sociaty` is not an allowed value of `type`; did you mean `civil-society`?",
    ]


def test_a_text_beside_an_unreadable_facts_file_is_checked_all_the_same(site):
    write(site / ORG, "type: civil-society\n\tcountry: RS\n")
    write(site / "content/organisations/neostart/en.md", "---\ntitle: Neostart\nsummary: <b>x</b>\n---\n")
    assert errors(site) == [
        "content/organisations/neostart/en.md:3: error: HTML (`<b>`) is not allowed in `summary`; "
        "write plain text: the page would show the tags as they are written",
        f"{ORG}:2: error: this line is indented with a tab; indent with spaces, not tabs",
    ]


@pytest.mark.parametrize(
    ("field", "written", "meant"),
    [
        ("languages", "sr-Latn, rom", "[sr-Latn, rom]"),
        ("audiences", "families,leaving-prison", "[families, leaving-prison]"),
        ("municipalities", "novi-sad, ", "[novi-sad]"),
    ],
)
def test_several_values_without_brackets_get_the_list_to_write(site, field, written, meant):
    service = "content/services/pravna-pomoc/facts.yml"
    lines = [line for line in (site / service).read_text().splitlines() if not line.startswith(f"{field}:")]
    write(site / service, "\n".join([*lines, f"{field}: {written}"]) + "\n")
    assert errors(site) == [
        f"{service}:{len(lines) + 1}: error: `{field}` names several values without brackets: `{written.strip()}`; "
        f"write `{field}: {meant}`"
    ]


def test_a_text_list_may_hold_a_comma(site):
    text = "content/services/pravna-pomoc/sr-Latn.md"
    body = (site / text).read_text().replace("bring:\n  - lična karta\n", "bring: lična karta, ako je imate\n")
    write(site / text, body)
    assert errors(site) == []
    assert "lična karta, ako je imate" in build(site).files["sr-latn/services/pravna-pomoc/index.html"].decode()


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("email: ['mailto:info@example.org']", "write only the address: `info@example.org`"),
        ("email: [info(at)example.org]", "write it like name@example.org"),
        ("website: www.example.org/pomoc", "write it in full: `https://www.example.org/pomoc`"),
        ("website: example.org", "write it in full: `https://example.org`"),
        ("website: pomoć na sajtu", "write it in full, starting with https://"),
    ],
)
def test_an_address_written_almost_right_gets_the_right_one(site, line, hint):
    write(site / ORG, GOOD_ORG + line + "\n")
    [problem] = errors(site)
    assert problem.startswith(f"{ORG}:4: error: `") and problem.endswith(f"; {hint}")


@pytest.mark.parametrize(("folder", "meant"), [("Novi Sad", "novi-sad"), ("Čačak_2", "cacak-2"), ("Ђурђево", "djurdjevo")])
def test_a_folder_name_that_is_no_id_gets_the_id_to_use(site, folder, meant):
    (site / "content/municipalities/novi-sad").rename(site / "content/municipalities" / folder)
    found = [line for line in errors(site) if "cannot be used as an id" in line]
    assert found and all(line.endswith(f"rename the folder `{meant}`: small latin letters, digits and - only") for line in found)


@pytest.mark.parametrize(("written", "code"), [("Srbija", "RS"), ("Србија", "RS"), ("North Macedonia", "MK"), ("rs", "RS")])
def test_a_country_given_by_its_name_gets_its_code(site, written, code):
    write(site / ORG, GOOD_ORG.replace("country: RS", f"country: {written}"))
    assert errors(site) == [f"{ORG}:2: error: `{written}` is not a country code; write its code: `{code}`"]


def test_a_country_that_is_none_gets_the_pattern(site):
    write(site / ORG, GOOD_ORG.replace("country: RS", "country: Narnia"))
    assert errors(site) == [
        f"{ORG}:2: error: `Narnia` is not a country code; write the two-letter ISO 3166 code in capitals, e.g. RS, MK, CZ, DE"
    ]


NEOSTART_TEXT = "---\ntitle: Neostart\n---\nNeostart pomaže ljudima posle zatvora da nađu posao, stan i lična dokumenta.\n"


@pytest.mark.parametrize("copied_into", ["en", "cs"])
def test_a_text_copied_unchanged_into_another_language_is_refused(site, copied_into):
    folder = "content/organisations/neostart"
    write(site / folder / "sr-Latn.md", NEOSTART_TEXT)
    write(site / folder / f"{copied_into}.md", NEOSTART_TEXT.replace("title: Neostart", "title: Neostart (translated title)"))
    assert errors(site) == [
        f"{folder}/{copied_into}.md:4: error: the text is a copy of sr-Latn.md: it would be shown as a {copied_into} text, "
        f"without the notice that it is not translated; translate it, or delete {copied_into}.md: readers then see the "
        "sr-Latn text with that notice"
    ]


def test_short_texts_alike_in_two_languages_are_not_copies(site):
    folder = "content/organisations/neostart"
    write(site / folder / "sr-Latn.md", "---\ntitle: Neostart\n---\nNeostart, Beograd.\n")
    write(site / folder / "en.md", "---\ntitle: Neostart\n---\nNeostart, Beograd.\n")
    assert errors(site) == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("0113230401", "+381 11 3230401"),  # YAML 1.1 would read it as an octal number, 19738881
        ("381113230401", "+381 11 3230401"),  # the country code without its +
        ("'00381 11 3230401'", "+381 11 3230401"),
        ("'00389 2 3230 401'", "+389 2 323 0401"),
    ],
)
def test_a_phone_number_written_without_plus_gets_the_number_as_written(site, written, meant):
    write(site / ORG, GOOD_ORG + f"phone: [{written}]\n")
    [problem] = errors(site)
    assert problem.endswith(f"write it in international format: `{meant}`")
    assert written.strip("'") in problem  # the number as the editor wrote it, not as YAML read it
