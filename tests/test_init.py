"""`portal init DIR`: a new NGO site that passes the check and builds, with workflows that install this portal."""

from __future__ import annotations

import importlib.metadata
import re

import yaml

from conftest import REPO, run_portal, write
from portal.commands.init import DEFAULT_LANGUAGES
from portal.config import read_config
from portal.parse import YamlFile, parse_yaml

VERSION = importlib.metadata.version("portal")
WORKFLOWS = (".github/workflows/pull-request.yml", ".github/workflows/pages.yml")


def created(out: str) -> list[str]:
    return [line.removeprefix("Created ") for line in out.splitlines() if line.startswith("Created ")]


def site_config(folder):
    values, problems = parse_yaml((folder / "site.yml").read_text(encoding="utf-8"), "site.yml")
    assert problems == []
    config, problems = read_config(YamlFile("site.yml", values))
    assert problems == []
    return config


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(capsys, tmp_path):
    folder = tmp_path / "taken"
    write(folder / "notes.txt", "mine")
    status, out, err = run_portal(capsys, "init", str(folder))
    assert status == 1
    assert (
        err
        == f"portal init: {folder.as_posix()} already exists and is not empty; give portal init the name of a new folder, or empty this one\n"
    )
    assert out == "" and [path.name for path in folder.iterdir()] == ["notes.txt"]


def test_every_file_written_is_listed_and_the_next_steps_follow(capsys, tmp_path):
    folder = tmp_path / "my-portal"
    folder.mkdir()  # an empty folder is fine
    status, out, _err = run_portal(capsys, "init", str(folder))
    assert status == 0
    on_disk = sorted(path.as_posix() for path in folder.rglob("*") if path.is_file())
    assert sorted(created(out)) == on_disk
    relative = {path.removeprefix(f"{folder.as_posix()}/") for path in on_disk}
    assert {"site.yml", ".gitignore", "CONTRIBUTING.md", *WORKFLOWS, "content/README.md"} <= relative
    assert {
        "content/pages/home/facts.yml",
        "content/pages/home/sr-Latn.md",
        "content/categories/documents/sr-Latn.md",
    } <= relative
    for kind in ("organisations", "services", "municipalities", "projects", "pages", "categories"):
        assert f"content/{kind}/README.md" in relative
    gitignore = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/public/" in gitignore and "/.portal-cache/" in gitignore
    next_steps = out.split("\nNext:\n")[1]
    assert "site.yml, replace the example title and base_url" in next_steps
    assert "portal new services my-service" in next_steps
    assert "push" in next_steps and 'Pages → Source: "GitHub Actions"' in next_steps


def test_the_new_site_has_the_eight_languages_of_the_sample_and_its_needs(capsys, tmp_path):
    run_portal(capsys, "init", str(tmp_path / "site"))
    config = site_config(tmp_path / "site")
    sample = site_config(REPO)
    assert config.tags == DEFAULT_LANGUAGES == sample.tags
    assert config.languages == sample.languages  # names, prefixes, fallback chains, sr-Cyrl from sr-Latn
    assert config.default_language == "sr-Latn" and config.categories == sample.categories
    for category in config.categories:  # each need in every language the sample has it in
        assert sorted(path.stem for path in (tmp_path / "site/content/categories" / category).glob("*.md")) == sorted(
            path.stem for path in (REPO / "content/categories" / category).glob("*.md")
        )


def test_the_new_site_passes_the_check_and_builds_in_every_language(capsys, tmp_path):
    folder = tmp_path / "site"
    run_portal(capsys, "init", str(folder))
    status, out, err = run_portal(capsys, "--site", str(folder), "check")
    assert status == 0, err
    assert "error:" not in err
    status, out, err = run_portal(capsys, "--site", str(folder), "build", "--out", str(tmp_path / "public"))
    assert status == 0, err
    for prefix in ("sr-latn", "sr-cyrl", "mk", "cs", "rom", "sq", "de", "en"):
        assert (tmp_path / "public" / prefix / "index.html").is_file()
    assert "Добро дошли" in (tmp_path / "public/sr-cyrl/index.html").read_text(encoding="utf-8")


def test_the_first_entry_the_next_steps_suggest_is_checked_until_it_is_filled_in(capsys, tmp_path):
    folder = tmp_path / "site"
    out = run_portal(capsys, "init", str(folder))[1]
    assert "`portal check` names each of its lines still to fill in (it fails until they are)" in out
    assert run_portal(capsys, "--site", str(folder), "new", "services", "my-service")[0] == 0
    status, _out, err = run_portal(capsys, "--site", str(folder), "check")
    assert status == 1
    service = "content/services/my-service"
    assert [line.split(": error: ")[0] + ": " + line.split("`")[1] for line in err.splitlines() if ": error: " in line] == [
        f"{service}/facts.yml:5: last_verified",
        f"{service}/facts.yml:7: audiences",
        f"{service}/facts.yml:9: categories",
        f"{service}/sr-Latn.md:3: title",
    ]
    facts = folder / service / "facts.yml"
    facts.write_text(
        facts.read_text(encoding="utf-8")
        .replace("last_verified:\n", "last_verified: 2026-11-01\n")
        .replace("audiences:\n", "audiences: [returnees]\n")
        .replace("categories:\n", "categories: [documents]\n"),
        encoding="utf-8",
    )
    text = folder / service / "sr-Latn.md"
    text.write_text(text.read_text(encoding="utf-8").replace("title:\n", "title: Moja usluga\n"), encoding="utf-8")
    status, _out, err = run_portal(capsys, "--site", str(folder), "check")
    assert status == 0, err


def test_the_languages_option_gives_only_those_languages(capsys, tmp_path):
    folder = tmp_path / "site"
    status, out, _err = run_portal(capsys, "init", str(folder), "--languages", "sr-Latn,sr-Cyrl,en")
    assert status == 0
    config = site_config(folder)
    assert config.tags == ("sr-Latn", "sr-Cyrl", "en")
    assert config.language("sr-Cyrl").transliterate_from == "sr-Latn"
    assert config.language("en").fallback == ("sr-Latn",) and config.language("sr-Latn").fallback == ("en",)
    languages = {
        re.search(r"/([^/]+)\.md$", path).group(1) for path in created(out) if "/categories/" in path and path.endswith(".md")
    }
    assert languages - {"README"} == {"sr-Latn", "en"}  # Cyrillic is written from Latin
    assert run_portal(capsys, "--site", str(folder), "check")[0] == 0


def test_a_language_the_sample_lacks_gets_its_name_from_cldr_and_the_needs_in_english_to_translate(capsys, tmp_path):
    folder = tmp_path / "site"
    run_portal(capsys, "init", str(folder), "--languages", "fr,en")
    config = site_config(folder)
    assert config.default_language == "fr" and config.language("fr").name == "Français"
    assert config.language("fr").fallback == ("en",) and config.language("en").fallback == ("fr",)
    text = (folder / "content/categories/documents/fr.md").read_text(encoding="utf-8")
    assert "Translate this title and summary into fr" in text and 'title: "Personal documents"' in text
    assert run_portal(capsys, "--site", str(folder), "check")[0] == 0


def test_a_bad_languages_option_is_refused_with_what_to_write(capsys, tmp_path):
    for option, message in (
        ("en_GB", "`en_GB` is not a language tag; write BCP 47 tags separated by commas, e.g. --languages sr-Latn,en"),
        ("de,en,de", "--languages names `de` twice; name each language once"),
        (",", "--languages names no language; write e.g. --languages sr-Latn,sr-Cyrl,en"),
        ("xx,en", "portal does not know how `xx` writes dates, numbers and plurals"),
    ):
        status, _out, err = run_portal(capsys, "init", str(tmp_path / "site"), "--languages", option)
        assert status == 1 and err.startswith(f"portal init: {message}"), err
        assert not (tmp_path / "site").exists()


def test_title_and_base_url_are_written_and_not_asked_for_again(capsys, tmp_path):
    folder = tmp_path / "site"
    status, out, _err = run_portal(
        capsys, "init", str(folder), "--title", "Pomoć: posle povratka", "--base-url", "https://ngo.github.io/portal"
    )
    assert status == 0
    config = site_config(folder)
    assert config.title == {"sr-Latn": "Pomoć: posle povratka"} and config.base_url == "https://ngo.github.io/portal/"
    assert "replace the example" not in out
    status, _out, err = run_portal(capsys, "init", str(tmp_path / "other"), "--base-url", "ngo.github.io")
    assert status == 1 and "--base-url `ngo.github.io` is not an absolute web address" in err


def test_the_workflows_are_valid_yaml_and_install_this_version_of_portal(capsys, tmp_path):
    folder = tmp_path / "site"
    run_portal(capsys, "init", str(folder))
    ours = {line.strip() for line in _uses_lines(REPO / ".github/workflows")}
    for name in WORKFLOWS:
        text = (folder / name).read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
        runs = "\n".join(step.get("run", "") for step in steps)
        assert f'pip install --quiet "portal=={VERSION}"' in runs
        assert "libpango-1.0-0 libpangoft2-1.0-0" in runs  # WeasyPrint, for the brochures
        assert "portal build" in runs
        # the same actions at the same commits as this repository's own workflows
        assert {line.strip() for line in _uses_lines_of(text)} <= ours
        assert "__PORTAL_REQUIREMENT__" not in text
    pull_request = yaml.safe_load((folder / WORKFLOWS[0]).read_text(encoding="utf-8"))
    assert "pull_request" in pull_request[True]  # PyYAML reads the key `on` as true
    pages = yaml.safe_load((folder / WORKFLOWS[1]).read_text(encoding="utf-8"))
    assert pages[True]["push"]["branches"] == ["main"]
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_workflows_can_install_portal_from_elsewhere(capsys, tmp_path):
    requirement = "portal @ git+https://example.org/portal.git@v1.0.0"
    run_portal(capsys, "init", str(tmp_path / "site"), "--portal-from", requirement)
    for name in WORKFLOWS:
        assert f'pip install --quiet "{requirement}"' in (tmp_path / "site" / name).read_text(encoding="utf-8")
    status, _out, err = run_portal(capsys, "init", str(tmp_path / "other"), "--portal-from", 'portal"; rm -rf /')
    assert status == 1 and "--portal-from must be a plain requirement" in err


def _uses_lines(folder):
    return [line for path in sorted(folder.glob("*.yml")) for line in _uses_lines_of(path.read_text(encoding="utf-8"))]


def _uses_lines_of(text):
    return [line for line in text.splitlines() if re.match(r"\s*(- )?uses:", line)]
