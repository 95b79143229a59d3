"""`portal init DIR`: a new portal for an NGO in DIR, ready to check, build and publish from GitHub.

It writes `site.yml` (the languages, the needs, and an example title and address clearly marked
to replace), `content/` with a note for editors in each kind's folder, the start page and the
needs in the site's first language (and the needs in every other language the sample portal has
them in), the two GitHub workflows (check every pull request, publish `main` with GitHub Pages)
installing this version of portal, `CONTRIBUTING.md` for editors and `.gitignore`. The fixed files
are package data in `portal/data/init/`. A new site passes `portal check` and `portal build`; an
entry added with `portal new` does not until its empty lines are filled in (commands/new.py).
"""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..config import LANGUAGE_TAG
from ..i18n.locales import language_format
from ..load import FACTS_NAME, FOLDER_NOTE, TEXT_SUFFIX
from ..schema import KINDS

INIT_FILES = Path(__file__).resolve().parents[1] / "data" / "init"  # package data
REQUIREMENT_MARK = "__PORTAL_REQUIREMENT__"  # in the workflows: what they install
EXAMPLE_TITLE = "Information portal"
EXAMPLE_BASE_URL = "https://portal.example.org/"


@dataclass(frozen=True)
class KnownLanguage:
    """A language of the sample portal, as its site.yml configures it."""

    tag: str
    name: str  # in the language itself
    prefix: str
    fallback: tuple[str, ...]
    transliterate_from: str | None = None
    welcome: str = "Welcome"  # the start page's title in this language


# The eight languages of the sample portal (its site.yml), in its order.
KNOWN_LANGUAGES = {
    language.tag: language
    for language in (
        KnownLanguage("sr-Latn", "Srpski (latinica)", "sr-latn", ("en",), welcome="Dobro došli"),
        KnownLanguage("sr-Cyrl", "Српски (ћирилица)", "sr-cyrl", ("en",), transliterate_from="sr-Latn"),
        KnownLanguage("mk", "Македонски", "mk", ("sr-Cyrl", "en"), welcome="Добредојдовте"),
        KnownLanguage("cs", "Čeština", "cs", ("en",), welcome="Vítejte"),
        KnownLanguage("rom", "Romani čhib", "rom", ("sr-Latn", "en"), welcome="Mišto avilen"),
        KnownLanguage("sq", "Shqip", "sq", ("en", "sr-Latn"), welcome="Mirë se vini"),
        KnownLanguage("de", "Deutsch", "de", ("en",), welcome="Willkommen"),
        KnownLanguage("en", "English", "en", ("sr-Latn",)),
    )
}
DEFAULT_LANGUAGES = tuple(KNOWN_LANGUAGES)


class InitError(Exception):
    """A reason not to start the site, said to the person who typed the command."""


@dataclass(frozen=True)
class NewLanguage:
    """One language of the new site, as its site.yml will say it."""

    tag: str
    name: str
    prefix: str
    fallback: tuple[str, ...]
    transliterate_from: str | None
    name_is_a_guess: bool = False  # CLDR does not know its name: the tag stands in, to replace


def command_init(
    folder: Path, languages: str | None, title: str | None, base_url: str | None, requirement: str | None, today: datetime.date
) -> int:
    """`portal init DIR`: write a new site into DIR (absent or empty), list the files, and say what to do next."""
    try:
        files = site_files(folder, languages, title, base_url, requirement or default_requirement(), today)
    except InitError as reason:
        print(f"portal init: {reason}", file=sys.stderr)
        return 1
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"Created {path.as_posix()}")
    print(next_steps(folder, title is None, base_url is None))
    return 0


def default_requirement() -> str:
    """What the workflows install: this very version of portal, from the package index."""
    return f"portal=={importlib.metadata.version('portal')}"


def site_files(
    folder: Path, languages: str | None, title: str | None, base_url: str | None, requirement: str, today: datetime.date
) -> dict[str, str]:
    """Every file of the new site, by path relative to its folder; InitError says why there are none."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(
            f"{folder.as_posix()} already exists and is not empty; give portal init the name of a new folder, or empty this one"
        )
    if any(character in requirement for character in "\"'`$\\\n"):
        raise InitError("--portal-from must be a plain requirement without quotes, e.g. portal==0.1.0")
    chosen = new_languages(languages)
    source = next(language.tag for language in chosen if language.transliterate_from is None)
    files = {
        "site.yml": site_config(chosen, source, title, _checked_base_url(base_url)),
        ".gitignore": _init_file("gitignore"),
        "CONTRIBUTING.md": _init_file("CONTRIBUTING.md"),
    }
    for name in ("pull-request.yml", "pages.yml"):
        files[f".github/workflows/{name}"] = _init_file(f"workflows/{name}").replace(REQUIREMENT_MARK, requirement)
    files[f"content/{FOLDER_NOTE}"] = _init_file(f"content/{FOLDER_NOTE}")
    for kind in KINDS:
        files[f"content/{kind}/{FOLDER_NOTE}"] = _init_file(f"content/{kind}/{FOLDER_NOTE}")
    files[f"content/pages/home/{FACTS_NAME}"] = home_facts(today)
    files[f"content/pages/home/{source}{TEXT_SUFFIX}"] = home_text(source)
    files.update(category_texts(chosen, source))
    return files


def new_languages(option: str | None) -> list[NewLanguage]:
    """The languages of `--languages` (default: the sample's eight), each with a name, a prefix and a fallback chain.

    A fallback chain is the sample's, keeping the chosen languages; when none is left, the site's first language.
    Serbian Cyrillic is written from Serbian Latin when both are chosen.
    """
    tags = [tag.strip() for tag in option.split(",") if tag.strip()] if option is not None else list(DEFAULT_LANGUAGES)
    if not tags:
        raise InitError("--languages names no language; write e.g. --languages sr-Latn,sr-Cyrl,en")
    for tag in tags:
        if not LANGUAGE_TAG.match(tag):
            raise InitError(f"`{tag}` is not a language tag; write BCP 47 tags separated by commas, e.g. --languages sr-Latn,en")
        if tags.count(tag) > 1:
            raise InitError(f"--languages names `{tag}` twice; name each language once")
        try:
            language_format(tag)
        except ValueError:
            raise InitError(
                f"portal does not know how `{tag}` writes dates, numbers and plurals (Babel has no data for it); "
                "choose a tag Babel knows, e.g. sq or de, or add a row for it to FALLBACKS in portal/i18n/locales.py"
            ) from None
    written = [tag for tag in tags if not (tag == "sr-Cyrl" and "sr-Latn" in tags)]
    if not written:
        raise InitError("--languages names no language that is written by hand; add e.g. sr-Latn")
    first = written[0]
    chosen = []
    for tag in tags:
        known = KNOWN_LANGUAGES.get(tag)
        fallback = tuple(other for other in (known.fallback if known else ()) if other in tags and other != tag)
        if not fallback and tag != first:
            fallback = (first,)
        elif not fallback and len(written) > 1:
            fallback = (written[1],)
        transliterate_from = "sr-Latn" if tag == "sr-Cyrl" and "sr-Latn" in tags else None
        if known:
            chosen.append(NewLanguage(tag, known.name, known.prefix, fallback, transliterate_from))
        else:
            name = _name_in_itself(tag)
            chosen.append(NewLanguage(tag, name, tag.lower(), fallback, None, name_is_a_guess=name == tag))
    return chosen


def _name_in_itself(tag: str) -> str:
    """A language's name in that language, from Babel's CLDR data; the tag itself when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag, sep="-").get_display_name()
    except (ValueError, UnknownLocaleError):
        return tag
    return name[:1].upper() + name[1:] if name else tag


def _checked_base_url(base_url: str | None) -> str | None:
    if base_url is None:
        return None
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InitError(
            f"--base-url `{base_url}` is not an absolute web address; write the address the site is published at, "
            "e.g. https://portal.example.org/"
        )
    return base_url if base_url.endswith("/") else f"{base_url}/"


def site_config(languages: list[NewLanguage], source: str, title: str | None, base_url: str | None) -> str:
    """site.yml: the settings of the sample's, for these languages, with comments for the editor."""
    lines = ["# The site configuration. Checked by `portal check`; an unknown key is an error.", "title:"]
    if title is None:
        lines.append(
            "  # Replace this example by the portal's name; add a line per language (a missing one falls back like a text)."
        )
    lines.append(f"  {source}: {_quoted(title or EXAMPLE_TITLE)}")
    if base_url is None:
        lines += [
            "# Replace this example by the address the site is published at: on GitHub Pages",
            "# https://<owner>.github.io/<repository>/, or your own domain.",
        ]
    lines += [
        f"base_url: {base_url or EXAMPLE_BASE_URL}",
        f"default_language: {source}",
        "stale_after_months: 12  # `portal check` warns about entries not verified for this long",
        "# The look and the interface words: portal's default theme. Files of the same name in this",
        "# site's templates/, static/, print/ and locales/ come first.",
        "theme: default",
        "",
        "# Each language: its name in itself, the first part of its addresses, and the languages a reader",
        "# sees, in order, where a text is not translated yet.",
        "languages:",
    ]
    for language in languages:
        lines.append(f"  - tag: {language.tag}")
        note = "  # replace by the language's name in itself" if language.name_is_a_guess else ""
        lines.append(f"    name: {_quoted(language.name)}{note}")
        lines.append(f"    prefix: {language.prefix}")
        if language.transliterate_from:
            lines.append(
                f"    transliterate_from: {language.transliterate_from}  # written for you from {language.transliterate_from}"
            )
        lines.append(f"    fallback: [{', '.join(language.fallback)}]")
    lines += [
        "",
        "# Needs a reader looks for, in the order they are shown. Each has a folder content/categories/<id>/.",
        "categories:",
        *(f"  - {category}" for category in _sample_categories()),
        "",
        "# Maps are drawn from Natural Earth outlines. How the boundary between Serbia and Kosovo appears",
        "# is an editorial decision: solid, dashed or none.",
        "map:",
        "  disputed_boundary: dashed",
        "",
        "# Printable brochures (PDF), one about the network and one per municipality that lists services:",
        "# remove the # at the start of these lines to make them with every build (`portal brochures` makes",
        "# them on demand). A5 folds from an A4 sheet into a leaflet; A4 is for single sheets.",
        "# brochures:",
        "#   sizes: [A5]",
        "#   municipalities: true",
        "#   with_every_build: true",
    ]
    return "\n".join(lines) + "\n"


def home_facts(today: datetime.date) -> str:
    return (
        "# The start page. Its text is shown above the needs and the places.\n"
        "order: 0\n"
        f"last_verified: {today.isoformat()}  # the day someone last checked what the page says\n"
    )


def home_text(tag: str) -> str:
    """The start page's text in the site's first language: a title, and what to write below it."""
    known = KNOWN_LANGUAGES.get(tag)
    return (
        "---\n"
        f"title: {_quoted(known.welcome if known else 'Welcome')}\n"
        "# summary: One sentence under the title.\n"
        "# Below the next line, write in Markdown what this portal offers and to whom.\n"
        "---\n"
    )


def category_texts(languages: list[NewLanguage], source: str) -> dict[str, str]:
    """A text per need in each language the sample has it in; in the first language always (English, to translate)."""
    files = {}
    for category, texts in _sample_category_texts().items():
        for language in languages:
            if language.transliterate_from:
                continue
            text, note = texts.get(language.tag), ""
            if text is None and language.tag == source:
                text, note = texts["en"], f"# Translate this title and summary into {language.tag}.\n"
            if text is not None:
                files[f"content/categories/{category}/{language.tag}{TEXT_SUFFIX}"] = (
                    f"---\n{note}title: {_quoted(text['title'])}\nsummary: {_quoted(text['summary'])}\n---\n"
                )
    return files


def next_steps(folder: Path, title_is_an_example: bool, base_url_is_an_example: bool) -> str:
    """What to do once the files are written, in order."""
    to_replace = [name for name, example in (("title", title_is_an_example), ("base_url", base_url_is_an_example)) if example]
    steps = [
        f"In {folder.as_posix()}/site.yml, replace the example {' and '.join(to_replace)}"
        " (base_url: the address GitHub Pages publishes at, https://<owner>.github.io/<repository>/)."
        if to_replace
        else f"Read {folder.as_posix()}/site.yml once: languages, needs, maps, brochures.",
        f"cd {folder.as_posix()}, then `portal new services my-service` for a first entry; `portal check` names each of its"
        " lines still to fill in (it fails until they are), `portal serve` shows the site.",
        "Put it on GitHub: `git init`, `git add .`, `git commit -m 'A new portal'`; create an empty repository there and push to its main branch.",
        'On GitHub: Settings → Pages → Source: "GitHub Actions". Every push to main is then checked, built and published;'
        " every pull request is checked and gets a preview to download.",
    ]
    return "\nNext:\n" + "\n".join(f"  {number}. {step}" for number, step in enumerate(steps, 1))


def _init_file(name: str) -> str:
    return (INIT_FILES / name).read_text(encoding="utf-8")


def _sample_category_texts() -> dict[str, dict[str, dict[str, str]]]:
    texts: dict[str, dict[str, dict[str, str]]] = yaml.safe_load(_init_file("categories.yml"))
    return texts


def _sample_categories() -> list[str]:
    return list(_sample_category_texts())


def _quoted(text: str) -> str:
    """A YAML string in double quotes (JSON's escapes are YAML's), so that a colon or a # stays text."""
    return json.dumps(text, ensure_ascii=False)
