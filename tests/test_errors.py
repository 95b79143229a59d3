"""Problems (portal.errors): how an editor reads them in the terminal and on GitHub, the "did you mean" hints,
and messages that stay readable when a translation of them is broken."""

from __future__ import annotations

import pytest

from portal.errors import Problem, SourceRef, _, did_you_mean, error, has_errors, warning


class Catalog:
    """A translator's catalog as gettext hands it over: the message's translation, or the message itself."""

    def __init__(self, translations: dict[str, str]):
        self.translations = translations

    def gettext(self, message: str) -> str:
        return self.translations.get(message, message)


SERBIAN = Catalog(
    {
        "error": "greška",
        "warning": "upozorenje",
        "unknown field `{key}` in {what}": "nepoznato polje `{key}` u {what}",
        "a facts file": "datoteci sa podacima",
        "did you mean `{word}`?": "da li ste mislili `{word}`?",
    }
)


# ---------------------------------------------------------------- in the terminal


def test_a_problem_reads_path_line_severity_message_and_fix():
    problem = error("content/organisations/neostart/facts.yml", 4, "unknown field `phnoe`", "did you mean `phone`?")
    assert problem.format() == "content/organisations/neostart/facts.yml:4: error: unknown field `phnoe`; did you mean `phone`?"


def test_a_problem_of_the_whole_file_has_no_line_and_one_without_a_fix_no_semicolon():
    assert (
        warning("site.yml", 0, "category `housing` has no text").format() == "site.yml: warning: category `housing` has no text"
    )


def test_a_problem_is_told_in_the_editor_s_language_message_hint_and_severity_alike():
    problem = error(
        "facts.yml",
        3,
        _("unknown field `{key}` in {what}", key="phnoe", what=_("a facts file")),
        did_you_mean("phnoe", ["phone"]),
    )
    assert problem.format() == "facts.yml:3: error: unknown field `phnoe` in a facts file; did you mean `phone`?"
    assert (
        problem.format(SERBIAN)
        == "facts.yml:3: greška: nepoznato polje `phnoe` u datoteci sa podacima; da li ste mislili `phone`?"
    )


def test_a_plain_string_message_is_still_looked_up_in_the_catalog():
    assert warning("a.md", 1, "a facts file").format(SERBIAN) == "a.md:1: upozorenje: datoteci sa podacima"


def test_problems_sort_by_file_then_line():
    problems = [error("b.yml", 1, "x"), error("a.yml", 10, "x"), error("a.yml", 2, "x")]
    assert [str(p.source) for p in sorted(problems)] == ["a.yml:2", "a.yml:10", "b.yml:1"]


def test_warnings_fail_a_build_only_when_strict():
    warnings = [warning("a.md", 1, "not translated")]
    assert not has_errors(warnings) and has_errors(warnings, strict=True)
    assert has_errors([*warnings, error("b.md", 1, "broken")])
    assert not has_errors([], strict=True)


# ---------------------------------------------------------------- on GitHub


def test_a_github_annotation_names_the_file_and_line_of_the_change():
    problem = error("content/services/x/facts.yml", 7, "`123` is not a phone number", "write it with + and the country code")
    assert problem.github_annotation() == (
        "::error file=content/services/x/facts.yml,line=7::`123` is not a phone number; write it with + and the country code"
    )
    assert warning("site.yml", 0, "stale").github_annotation() == "::warning file=site.yml::stale"


def test_a_github_annotation_stays_on_one_line_and_keeps_percent_signs():
    # GitHub reads %25, %0D and %0A back as %, CR and LF; a raw line break would end the command.
    problem = error("a.md", 2, "100% sure\r\nsecond line", "fix it")
    assert problem.github_annotation() == "::error file=a.md,line=2::100%25 sure%0D%0Asecond line; fix it"


def test_a_comma_or_colon_in_a_file_name_does_not_end_the_annotation_s_file():
    # A folder named `Neo,Start` is reported as a bad id; unescaped, GitHub would read file=content/organisations/Neo.
    problem = error("content/organisations/Neo,Start/en.md", 0, "`Neo,Start` cannot be used as an id")
    assert (
        problem.github_annotation() == "::error file=content/organisations/Neo%2CStart/en.md::`Neo,Start` cannot be used as an id"
    )
    assert error("C:/site/a.md", 1, "x").github_annotation() == "::error file=C%3A/site/a.md,line=1::x"


def test_a_github_annotation_in_the_editor_s_language():
    problem = error("facts.yml", 3, _("unknown field `{key}` in {what}", key="phnoe", what=_("a facts file")))
    assert problem.github_annotation(SERBIAN) == "::error file=facts.yml,line=3::nepoznato polje `phnoe` u datoteci sa podacima"


# ---------------------------------------------------------------- did you mean


@pytest.mark.parametrize(
    "word, choices, hint",
    [
        ("phnoe", ["phone", "email", "website"], "did you mean `phone`?"),
        ("sr-latn", ["sr-Latn", "sr-Cyrl", "en"], "did you mean `sr-Latn`?"),
        ("A3", ["A5", "A4"], "write one of: `A4`, `A5`"),  # too short to be a near miss: the choices, sorted
        ("x", ["b", "a", "a"], "write one of: `a`, `b`"),  # each choice once
    ],
)
def test_did_you_mean_names_the_nearest_choice_or_else_all_of_them(word, choices, hint):
    assert did_you_mean(word, choices) == hint


def test_a_long_list_of_choices_is_cut_after_twelve():
    hint = did_you_mean("zzz", [f"choice-{letter}" for letter in "abcdefghijklmnop"])
    assert hint.startswith("write one of: `choice-a`, `choice-b`, ") and hint.endswith("`choice-l`, ...")
    assert hint.count("`choice-") == 12


def test_the_hint_is_translatable():
    assert did_you_mean("phnoe", ["phone"]).translate(SERBIAN) == "da li ste mislili `phone`?"


# ---------------------------------------------------------------- messages


def test_a_message_is_its_english_text_and_remembers_how_it_was_made():
    message = _("unknown field `{key}` in {what}", key="phnoe", what=_("a facts file"))
    assert message == "unknown field `phnoe` in a facts file"
    assert (message.template, message.values["key"]) == ("unknown field `{key}` in {what}", "phnoe")


def test_a_message_without_values_keeps_its_braces_as_written():
    assert _("write `{}` for an empty block") == "write `{}` for an empty block"
    assert _("write `{}` for an empty block").translate(Catalog({})) == "write `{}` for an empty block"


@pytest.mark.parametrize(
    "broken",
    [
        "nepoznato polje `{kye}`",  # a misspelt name
        "nepoznato polje `{0}`",  # a number for a name
        "nepoznato polje `{key`",  # a brace left open
    ],
)
def test_a_broken_placeholder_in_a_translation_falls_back_to_english(broken):
    catalog = Catalog({"unknown field `{key}` in {what}": broken})
    message = _("unknown field `{key}` in {what}", key="phnoe", what=_("a facts file"))
    assert message.translate(catalog) == "unknown field `phnoe` in a facts file"


def test_a_source_ref_prints_as_an_editor_jumps_to_it():
    assert (str(SourceRef("site.yml", 12)), str(SourceRef("site.yml"))) == ("site.yml:12", "site.yml")
    assert Problem(SourceRef("a.md", 1), "m").translated(None) == Problem(SourceRef("a.md", 1), "m")
