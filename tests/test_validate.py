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


def test_wrong_type_date(site):
    write(site / ORG, GOOD_ORG.replace("2026-11-01", "1. 11. 2026."))
    assert errors(site) == [
        f"{ORG}:3: error: `last_verified` is not a date: `1. 11. 2026.`; write `last_verified: YYYY-MM-DD`, e.g. 2026-11-01"
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
        f"{ORG}:5: error: `www.example.org` is not a web address; write it in full, starting with https://",
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
        "add content/organisations/caritas/facts.yml with at least `last_verified:`"
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
        "name the folder with small latin letters, digits and - only, e.g. novi-sad" in errors(site)
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
    assert "3 error(s)" in err


SERVICE = "content/services/pravna-pomoc/facts.yml"


def add_to_service(site, text: str) -> None:
    write(site / SERVICE, (site / SERVICE).read_text() + text)


def test_malformed_opening_hours_are_reported_with_their_lines(site):
    add_to_service(
        site,
        "hours:\n  - days: [mo, tu, wed]\n    opens: '8.00'\n    closes: '15:00'\n  - days: [sa]\n    opens: '24:00'\n    closes: '09:00'\n",
    )
    assert errors(site) == [
        f"{SERVICE}:10: error: `wed` is not an allowed value of `days`; did you mean `we`?",
        f'{SERVICE}:11: error: `8.00` is not a time of day; write it as HH:MM in quotes, e.g. "08:30"',
        f'{SERVICE}:14: error: `opens` is 24:00, the end of the day; write `opens: "00:00"`',
    ]


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
    assert "8:00" in html and "3:00" in html  # English uses a 12-hour clock


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
