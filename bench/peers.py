"""Turn a portal corpus (written by corpus.py) into equivalent Hugo and MkDocs sites.

The peers get the same entries and the same texts as portal, but none of portal's content
model, so what portal computes while building is prepared here, before any timing starts:

* Serbian Cyrillic is written out by portal's own transliteration (portal does it in its build);
* a missing translation is filled in from the language's fallback chain in site.yml, so every
  tool writes the same number of pages per language (the page says which language it shows);
* `[text](@kind/id)` links become `relref` shortcodes (Hugo resolves them) or relative `.md`
  links (MkDocs resolves them);
* Hugo gets the facts as front matter and computes the related lists in its templates
  (bench/hugo/layouts); MkDocs has no data model at all, so its listing pages and related
  lists are written into the Markdown here.

Needs PyYAML and the portal package (run with the project's .venv Python).
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.i18n.translit import strip_marks, to_cyrillic

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
HUGO_LAYOUTS = BENCH / "hugo" / "layouts"
PORTAL_CSS = REPO / "src" / "portal" / "themes" / "default" / "static" / "style.css"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?", re.DOTALL)
ENTRY_LINK = re.compile(r"\]\(@([a-z]+)/([a-z0-9-]+)\)")
SECTIONS = ("organisations", "services", "projects")  # plain sections; municipalities and categories are taxonomies
# mkdocs-static-i18n accepts `xx`, `xx-Xxxx(-XX)` or `xx_XX`, and then hands the code to MkDocs's theme
# locale, which accepts only `xx` or `xx_XX`: so `sr-Latn`/`sr-Cyrl` cannot both be named, and Romani
# (`rom`, no two-letter code) cannot be named at all. Stand-ins: sr (Latin), sr_RS (Cyrillic), rm (Romani).
MKDOCS_LOCALES = {"sr-Latn": "sr", "sr-Cyrl": "sr_RS", "mk": "mk", "cs": "cs", "rom": "rm", "sq": "sq", "de": "de", "en": "en"}


@dataclass(frozen=True)
class Language:
    tag: str
    prefix: str
    name: str
    fallback: tuple[str, ...]
    transliterate_from: str | None


@dataclass
class Text:
    front: dict
    body: str
    shown_in: str | None = None  # the language the text really is in, when it is a fallback


@dataclass
class Entry:
    kind: str
    id: str
    facts: dict
    texts: dict[str, Text] = field(default_factory=dict)  # written files only


@dataclass
class Corpus:
    title: dict[str, str]
    default_language: str
    languages: list[Language]
    categories: list[str]
    entries: list[Entry]

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]

    def language(self, tag: str) -> Language:
        return next(language for language in self.languages if language.tag == tag)


# ---------------------------------------------------------------------------
# Reading the portal corpus and resolving texts
# ---------------------------------------------------------------------------


def read_corpus(site: Path) -> Corpus:
    config = yaml.safe_load((site / "site.yml").read_text(encoding="utf-8"))
    languages = [
        Language(item["tag"], item["prefix"], item["name"], tuple(item.get("fallback", ())), item.get("transliterate_from"))
        for item in config["languages"]
    ]
    entries = [_read_entry(folder) for folder in sorted((site / "content").glob("*/*")) if folder.is_dir()]
    return Corpus(config["title"], config["default_language"], languages, list(config["categories"]), entries)


def _read_entry(folder: Path) -> Entry:
    facts_file = folder / "facts.yml"
    facts = yaml.safe_load(facts_file.read_text(encoding="utf-8")) if facts_file.exists() else {}
    entry = Entry(folder.parent.name, folder.name, facts or {})
    for path in sorted(folder.glob("*.md")):
        source = path.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(source)
        entry.texts[path.stem] = Text(yaml.safe_load(match.group(1)) or {}, source[match.end() :])
    return entry


def resolve(corpus: Corpus, entry: Entry, tag: str, seen: frozenset = frozenset()) -> Text | None:
    """The text of `entry` for language `tag`: its own file, transliteration, then the fallback chain."""
    if tag in seen:
        return None
    seen = seen | {tag}
    if tag in entry.texts:
        own = entry.texts[tag]
        return Text(_map_strings(own.front, strip_marks), strip_marks(own.body))
    language = corpus.language(tag)
    if language.transliterate_from in entry.texts:
        source = entry.texts[language.transliterate_from]
        return Text(_map_strings(source.front, to_cyrillic), to_cyrillic(source.body))
    for fallback in (*language.fallback, corpus.default_language):
        found = resolve(corpus, entry, fallback, seen)
        if found is not None:
            return Text(found.front, found.body, found.shown_in or fallback)
    return None


def _map_strings(value, function):
    if isinstance(value, str):
        return function(value)
    if isinstance(value, list):
        return [_map_strings(item, function) for item in value]
    if isinstance(value, dict):
        return {key: _map_strings(item, function) for key, item in value.items()}
    return value


def resolved_texts(corpus: Corpus) -> dict[tuple[str, str, str], Text]:
    """Every entry in every language, keyed by (kind, id, tag)."""
    return {
        (entry.kind, entry.id, language.tag): resolve(corpus, entry, language.tag)
        for entry in corpus.entries
        for language in corpus.languages
    }


def _yaml_front(front: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000) + "---\n" + body


def _plain(value):
    """Dates and other YAML scalars as strings, so that front matter keeps them as written."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value if isinstance(value, (str, int, float, bool)) else str(value)


# ---------------------------------------------------------------------------
# Hugo
# ---------------------------------------------------------------------------


def write_hugo(corpus: Corpus, out: Path) -> None:
    """A Hugo site: config.yaml with the 8 languages (one contentDir each), layouts, and content."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(HUGO_LAYOUTS, out / "layouts")
    (out / "assets").mkdir(parents=True)
    shutil.copy(PORTAL_CSS, out / "assets" / "style.css")
    (out / "config.yaml").write_text(yaml.safe_dump(hugo_config(corpus), allow_unicode=True, sort_keys=False), encoding="utf-8")
    texts = resolved_texts(corpus)
    for entry in corpus.entries:
        for language in corpus.languages:
            text = texts[(entry.kind, entry.id, language.tag)]
            path = out / "content" / hugo_key(language) / hugo_content_path(entry)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_yaml_front(hugo_front(entry, text), hugo_body(text.body)), encoding="utf-8")


def hugo_key(language: Language) -> str:
    return language.prefix  # Hugo's language key is also its URL prefix


def hugo_config(corpus: Corpus) -> dict:
    default = corpus.language(corpus.default_language)
    languages = {}
    for weight, language in enumerate(corpus.languages, start=1):
        title = corpus.title.get(language.tag) or to_cyrillic(corpus.title[language.transliterate_from or default.tag])
        languages[hugo_key(language)] = {
            "languageCode": language.tag,
            "languageName": language.name,
            "weight": weight,
            "contentDir": f"content/{hugo_key(language)}",
            "title": title,
        }
    return {
        "baseURL": "https://portal.example.org/",
        "defaultContentLanguage": hugo_key(default),
        "defaultContentLanguageInSubdir": True,
        "disableKinds": ["RSS"],
        "taxonomies": {"category": "categories", "municipality": "municipalities"},
        "languages": languages,
    }


def hugo_content_path(entry: Entry) -> str:
    if entry.kind == "pages":
        return "_index.md" if entry.id == "home" else f"{entry.id}.md"
    if entry.kind in ("municipalities", "categories"):
        return f"{entry.kind}/{entry.id}/_index.md"  # the term page of the taxonomy, with its text
    return f"{entry.kind}/{entry.id}.md"


def hugo_front(entry: Entry, text: Text) -> dict:
    """Front matter: the texts, the facts (renamed where Hugo reserves the name) and the entry's id."""
    front = dict(text.front)
    facts = _plain(entry.facts)
    if "type" in facts:
        facts["org_type"] = facts.pop("type")  # `type` selects a layout in Hugo
    if "languages" in facts:
        facts["spoken"] = facts.pop("languages")
    if "order" in facts:
        facts["weight"] = facts.pop("order")
    front.update(facts, id=entry.id)
    if text.shown_in:
        front["shown_in"] = text.shown_in
    return front


def hugo_body(body: str) -> str:
    return ENTRY_LINK.sub(lambda m: f']({{{{< relref "/{m.group(1)}/{m.group(2)}" >}}}})', body)


def hugo_edit_path(hugo_site: Path, corpus: Corpus, entry_id: str) -> Path:
    return hugo_site / "content" / hugo_key(corpus.language(corpus.default_language)) / "services" / f"{entry_id}.md"


# ---------------------------------------------------------------------------
# MkDocs with mkdocs-static-i18n
# ---------------------------------------------------------------------------


def write_mkdocs(corpus: Corpus, out: Path) -> None:
    """An MkDocs project: mkdocs.yml with the i18n plugin (suffix structure) and docs/ with every page."""
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs_config(corpus), allow_unicode=True, sort_keys=False), encoding="utf-8")
    texts = resolved_texts(corpus)
    for language in corpus.languages:
        writer = _MkDocsLanguage(corpus, texts, language, out / "docs")
        writer.write_all()


def mkdocs_config(corpus: Corpus) -> dict:
    languages = [
        {
            "locale": MKDOCS_LOCALES[language.tag],
            "name": language.name,
            "build": True,
            "default": language.tag == corpus.default_language,
            "site_name": corpus.title.get(language.tag)
            or to_cyrillic(corpus.title[language.transliterate_from or corpus.default_language]),
        }
        for language in corpus.languages
    ]
    return {
        "site_name": corpus.title[corpus.default_language],
        "site_url": "https://portal.example.org/",
        "use_directory_urls": True,
        "theme": {"name": "mkdocs"},
        "plugins": [{"i18n": {"docs_structure": "suffix", "fallback_to_default": True, "languages": languages}}],
    }


def mkdocs_doc_path(kind: str, entry_id: str) -> str:
    """Where an entry's page lives under docs/, without the language suffix."""
    if kind == "pages":
        return "index.md" if entry_id == "home" else f"{entry_id}.md"
    return f"{kind}/{entry_id}.md"


def mkdocs_edit_path(mkdocs_site: Path, entry_id: str) -> Path:
    return mkdocs_site / "docs" / mkdocs_doc_path("services", entry_id)  # the default language has no suffix


class _MkDocsLanguage:
    """Writes the pages of one language, with the lists that Hugo and portal compute themselves."""

    def __init__(self, corpus: Corpus, texts: dict, language: Language, docs: Path):
        self.corpus, self.texts, self.language, self.docs = corpus, texts, language, docs
        self.suffix = "" if language.tag == corpus.default_language else f".{MKDOCS_LOCALES[language.tag]}"

    def title(self, kind: str, entry_id: str) -> str:
        return str(self.texts[(kind, entry_id, self.language.tag)].front.get("title", entry_id))

    def link(self, source: str, kind: str, entry_id: str) -> str:
        target = posixpath.relpath(mkdocs_doc_path(kind, entry_id), posixpath.dirname(source) or ".")
        return f"[{self.title(kind, entry_id)}]({target})"

    def link_list(self, source: str, kind: str, ids) -> str:
        items = sorted(ids, key=lambda i: self.title(kind, i).casefold())
        return "\n".join(f"- {self.link(source, kind, i)}" for i in items)

    def write(self, path: str, title: str, body: str) -> None:
        target = self.docs / (path[:-3] + self.suffix + ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title}\n\n{body}", encoding="utf-8")

    def write_all(self) -> None:
        for entry in self.corpus.entries:
            self.write_entry(entry)
        for kind in ("organisations", "services", "projects", "municipalities", "categories"):
            path = f"{kind}/index.md"
            self.write(path, kind.capitalize(), self.link_list(path, kind, [e.id for e in self.corpus.of_kind(kind)]) + "\n")

    def write_entry(self, entry: Entry) -> None:
        path = mkdocs_doc_path(entry.kind, entry.id)
        text = self.texts[(entry.kind, entry.id, self.language.tag)]
        parts = []
        if text.shown_in:
            parts.append(f"*Not translated yet: shown in {text.shown_in}.*")
        if text.front.get("summary"):
            parts.append(f"**{text.front['summary']}**")
        parts.append(self.facts_block(entry, path, text))
        parts.append(
            ENTRY_LINK.sub(
                lambda m: "](" + posixpath.relpath(mkdocs_doc_path(m.group(1), m.group(2)), posixpath.dirname(path) or ".") + ")",
                text.body,
            )
        )
        parts.append(self.related(entry, path))
        if entry.facts.get("last_verified"):
            parts.append(f"Last verified: {entry.facts['last_verified']}")
        self.write(path, str(text.front["title"]), "\n\n".join(part for part in parts if part) + "\n")

    def facts_block(self, entry: Entry, path: str, text: Text) -> str:
        facts, lines = entry.facts, []
        if entry.kind == "services":
            lines.append(f"- Provider: {self.link(path, 'organisations', facts['provider'])}")
            lines.append("- Needs: " + ", ".join(self.link(path, "categories", c) for c in facts["categories"]))
            lines.append("- Where: " + ", ".join(self.link(path, "municipalities", m) for m in facts["municipalities"]))
            lines.append(f"- For: {', '.join(facts['audiences'])}; languages: {', '.join(facts.get('languages', ()))}")
            lines.append(f"- Cost: {facts.get('cost', '')} {text.front.get('cost_note', '')}")
            lines += [f"- Bring: {item}" for item in text.front.get("bring", ())]
        if entry.kind == "projects":
            lines.append(f"- Lead: {self.link(path, 'organisations', facts['lead'])}")
            lines += [f"- Partner: {self.link(path, 'organisations', p)}" for p in facts.get("partners", ())]
            lines += [f"- Funder: {self.link(path, 'organisations', f)}" for f in facts.get("funders", ())]
        if entry.kind == "organisations":
            lines.append(f"- Type: {facts['type']}; country: {facts.get('country', '')}; website: <{facts.get('website', '')}>")
            lines += [
                f"- Member of {self.link(path, 'organisations', m['network'])} ({m['role']})"
                for m in facts.get("memberships", ())
            ]
        lines += [f"- E-mail: <{address}>" for address in facts.get("email", ())]
        return "\n".join(lines)

    def related(self, entry: Entry, path: str) -> str:
        """The lists portal builds from links pointing at this entry."""
        services = self.corpus.of_kind("services")
        if entry.kind == "organisations":
            provided = [s.id for s in services if s.facts.get("provider") == entry.id]
            members = [
                o.id
                for o in self.corpus.of_kind("organisations")
                if any(m["network"] == entry.id for m in o.facts.get("memberships", ()))
            ]
            return "\n\n".join(
                f"## {heading}\n\n{self.link_list(path, kind, ids)}"
                for heading, kind, ids in (("Services", "services", provided), ("Members", "organisations", members))
                if ids
            )
        if entry.kind == "categories":
            here = [s.id for s in services if entry.id in s.facts["categories"]]
            return f"## Services\n\n{self.link_list(path, 'services', here)}" if here else ""
        if entry.kind == "municipalities":
            groups = []
            for category in self.corpus.categories:
                here = [s.id for s in services if entry.id in s.facts["municipalities"] and category in s.facts["categories"]]
                if here:
                    groups.append(f"## {self.title('categories', category)}\n\n{self.link_list(path, 'services', here)}")
            return "\n\n".join(groups)
        return ""


def describe(corpus: Corpus) -> str:
    return json.dumps({kind: len(corpus.of_kind(kind)) for kind in sorted({e.kind for e in corpus.entries})})
