#!/usr/bin/env python3
"""Generate a synthetic portal site of a chosen size, for benchmarks.

    python bench/corpus.py --pages-per-language 1000 --out /tmp/corpus

writes a complete site in portal's own content format (docs/content.md): `site.yml` (the
repository's, with its 8 languages and 10 categories; the interface words are those of portal's
default theme, as for the sample) and `content/<kind>/<id>/facts.yml` + `<language>.md` for organisations, services,
municipalities, projects, pages and categories. Entries link to each other by id (services →
provider, categories, municipalities; organisations → memberships in networks; projects →
lead, partners, funders) and their bodies cross-link with `[text](@kind/id)`.

Texts are 250–400 words per entry and language, drawn with a seeded random generator from the
words of the repository's own `content/**/<language>.md` files, so each language has its own
real vocabulary and script. Serbian Cyrillic is not written: portal transliterates it from
Serbian Latin. About 10% of translations are left out, so fallbacks happen as in real life.
No phone numbers are written; e-mail addresses are at example.org.

The entry counts are sized so that `portal build` writes about N pages under each language
prefix: N = municipalities + organisations + services + projects + categories + pages other
than home + 7 (home, five section lists, 404). Only the standard library is used.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WRITTEN_LANGUAGES = ("sr-Latn", "mk", "cs", "rom", "sq", "de", "en")  # sr-Cyrl comes by transliteration
SOURCE_LANGUAGE = "sr-Latn"
MISSING_SHARE = 0.10  # share of translations (not source texts) left out
CATEGORIES = (
    "documents",
    "social-welfare",
    "health",
    "education",
    "employment",
    "housing",
    "legal-aid",
    "psychosocial-support",
    "family-support",
    "community",
)
PAGES = (("home", 0), ("about", 1), ("guide", 2), ("contact", 3))
PAGES_PER_LANGUAGE_FIXED = len(CATEGORIES) + (len(PAGES) - 1) + 7  # + home, 5 section lists, 404
AUDIENCES = ("returnees", "leaving-prison", "prisoners", "families", "young-people", "professionals")
ORGANISATION_TYPES = (
    "primary-support",
    "peer-support",
    "youth-justice",
    "service-provider",
    "human-rights",
    "public-institution",
    "international-organisation",
    "civil-society",
)
SPOKEN = ("sr-Latn", "rom", "mk", "sq", "de", "en", "cs")
# Latitude/longitude boxes that lie inside each country, so that coordinates fall in the right one
# (`portal check` tests them against the country outlines it ships; it has none of Germany).
COUNTRY_BOXES = {
    "RS": ((43.4, 45.2), (19.9, 21.2)),
    "MK": ((41.3, 42.0), (20.9, 22.4)),
    "CZ": ((49.2, 50.1), (13.2, 17.2)),
    "DE": ((47.3, 55.0), (6.0, 15.0)),
}
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?", re.DOTALL)


@dataclass(frozen=True)
class Sizes:
    """How many entries of each kind make about N pages per language."""

    municipalities: int
    organisations: int
    services: int
    projects: int

    @classmethod
    def for_pages(cls, pages_per_language: int) -> Sizes:
        projects = max(1, round(pages_per_language * 0.02))
        rest = max(4, pages_per_language - PAGES_PER_LANGUAGE_FIXED - projects)
        municipalities = max(1, round(rest * 5 / 95))
        organisations = max(2, round(rest * 20 / 95))
        services = max(1, rest - municipalities - organisations)
        return cls(municipalities, organisations, services, projects)

    @property
    def pages_per_language(self) -> int:
        return self.municipalities + self.organisations + self.services + self.projects + PAGES_PER_LANGUAGE_FIXED


@dataclass
class Entry:
    kind: str
    id: str
    facts: dict = field(default_factory=dict)
    links: list[str] = field(default_factory=list)  # "@kind/id" targets of the body's cross-links
    languages: tuple[str, ...] = WRITTEN_LANGUAGES


# ---------------------------------------------------------------------------
# Vocabulary and text
# ---------------------------------------------------------------------------


def harvest_vocabulary(content: Path = REPO / "content") -> dict[str, list[str]]:
    """The words of each language's text bodies in the repository (with repeats, so frequent words stay frequent)."""
    words: dict[str, list[str]] = {}
    for language in WRITTEN_LANGUAGES:
        found: list[str] = []
        for path in sorted(content.glob(f"*/*/{language}.md")):
            body = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
            body = re.sub(r"\]\([^)]*\)", "]", body).replace("{lat}", " ").replace("{/lat}", " ")
            found += WORD.findall(body)
        if len(set(found)) < 50:
            raise SystemExit(f"too few {language} words in {content} to generate text ({len(set(found))})")
        words[language] = found
    return words


class TextMaker:
    """Sentences, paragraphs and Markdown bodies from one language's words."""

    def __init__(self, words: list[str], rng: random.Random):
        self.words, self.rng = words, rng

    def phrase(self, low: int, high: int) -> list[str]:
        return [self.rng.choice(self.words) for _ in range(self.rng.randint(low, high))]

    def title(self) -> str:
        return " ".join(_capitalise(word) if i == 0 else word for i, word in enumerate(self.phrase(2, 4)))

    def sentence(self, low: int = 6, high: int = 16) -> str:
        words = self.phrase(low, high)
        if len(words) > 8 and self.rng.random() < 0.4:
            comma = self.rng.randint(3, len(words) - 3)
            words[comma] += ","
        return _capitalise(" ".join(words)) + self.rng.choice(".....?!")

    def body(self, links: list[str]) -> str:
        """A Markdown body of 250–400 words: paragraphs, one list, **bold** words and the cross-links."""
        target = self.rng.randint(250, 400)
        blocks: list[str] = []
        pending = list(links)
        count = 0
        while count < target:
            block = self.block(len(blocks), pending)
            if count >= 250 and count + len(block.split()) > 400:
                break
            blocks.append(block)
            count += len(block.split())
        return "\n\n".join(blocks) + "\n"

    def block(self, index: int, pending_links: list[str]) -> str:
        if index == 2:
            return "\n".join(f"- {_capitalise(' '.join(self.phrase(3, 8)))}" for _ in range(self.rng.randint(3, 5)))
        sentences = [self.sentence() for _ in range(self.rng.randint(2, 5))]
        if index % 2 == 1:
            bold = " ".join(self.phrase(1, 3))
            sentences.insert(self.rng.randint(0, len(sentences)), f"**{_capitalise(bold)}**.")
        if pending_links and index >= 1:
            text = " ".join(self.phrase(1, 3))
            sentences.append(f"{_capitalise(' '.join(self.phrase(2, 5)))} [{text}]({pending_links.pop(0)}).")
        return " ".join(sentences)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------
# Entries and their facts
# ---------------------------------------------------------------------------


def plan_entries(sizes: Sizes, seed: int) -> list[Entry]:
    """Every entry with its facts and cross-link targets; the same seed gives the same site."""
    rng = random.Random(f"{seed}:facts")
    municipalities = [_municipality(i, rng) for i in range(1, sizes.municipalities + 1)]
    organisations = _organisations(sizes.organisations, rng)
    providers = [o.id for o in organisations if o.facts["type"] not in ("network", "funder")] or [organisations[0].id]
    services = [_service(i, rng, providers, municipalities) for i in range(1, sizes.services + 1)]
    funders = [o.id for o in organisations if o.facts["type"] == "funder"]
    projects = [_project(i, rng, providers, funders) for i in range(1, sizes.projects + 1)]
    pages = [Entry("pages", page_id, {"order": order, "last_verified": _recent_date(rng)}) for page_id, order in PAGES]
    categories = [Entry("categories", category) for category in CATEGORIES]
    entries = municipalities + organisations + services + projects + pages + categories
    targets = [f"@services/{s.id}" for s in services] + [f"@organisations/{o.id}" for o in organisations]
    for entry in entries:
        entry.links = rng.sample(targets, k=min(len(targets), rng.randint(1, 2)))
        entry.languages = _languages_present(entry, rng)
    return entries


def _languages_present(entry: Entry, rng: random.Random) -> tuple[str, ...]:
    if entry.kind in ("categories", "pages"):
        return WRITTEN_LANGUAGES  # the site's frame is fully translated; entries lag behind
    return tuple(tag for tag in WRITTEN_LANGUAGES if tag == SOURCE_LANGUAGE or rng.random() >= MISSING_SHARE)


def _recent_date(rng: random.Random) -> datetime.date:
    """Mostly within the last months; a few older than a year (portal warns about those)."""
    if rng.random() < 0.03:
        return datetime.date(2024, rng.randint(1, 12), rng.randint(1, 28))
    return datetime.date(2026, rng.randint(1, 10), rng.randint(1, 28))


def _municipality(number: int, rng: random.Random) -> Entry:
    country = rng.choice(tuple(COUNTRY_BOXES))
    (lat_low, lat_high), (lon_low, lon_high) = COUNTRY_BOXES[country]
    coordinates = [round(rng.uniform(lat_low, lat_high), 4), round(rng.uniform(lon_low, lon_high), 4)]
    return Entry(
        "municipalities",
        f"municipality-{number:04d}",
        {"country": country, "coordinates": coordinates, "last_verified": _recent_date(rng)},
    )


def _organisations(count: int, rng: random.Random) -> list[Entry]:
    networks = max(1, round(count * 0.05))
    funders = max(1, round(count * 0.05))
    entries = []
    for number in range(1, count + 1):
        kind = "network" if number <= networks else "funder" if number <= networks + funders else rng.choice(ORGANISATION_TYPES)
        entry_id = f"organisation-{number:04d}"
        facts = {
            "type": kind,
            "country": rng.choice(tuple(COUNTRY_BOXES)),
            "email": [f"info-{entry_id}@example.org"],
            "website": f"https://{entry_id}.example.org/",
            "last_verified": _recent_date(rng),
        }
        if kind != "network" and rng.random() < 0.5:
            chosen = rng.sample(range(1, networks + 1), k=min(networks, rng.randint(1, 2)))
            facts["memberships"] = [
                {
                    "network": f"organisation-{n:04d}",
                    "role": "founder" if rng.random() < 0.2 else "member",
                    "since": datetime.date(rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28)),
                }
                for n in sorted(chosen)
            ]
        entries.append(Entry("organisations", entry_id, facts))
    return entries


def _service(number: int, rng: random.Random, providers: list[str], municipalities: list[Entry]) -> Entry:
    entry_id = f"service-{number:04d}"
    facts = {
        "provider": rng.choice(providers),
        "audiences": sorted(rng.sample(AUDIENCES, k=rng.randint(1, 3))),
        "categories": rng.sample(CATEGORIES, k=rng.randint(1, 3)),
        "municipalities": sorted(m.id for m in rng.sample(municipalities, k=min(len(municipalities), rng.randint(1, 3)))),
        "email": [f"{entry_id}@example.org"],
        "languages": rng.sample(SPOKEN, k=rng.randint(1, 3)),
        "cost": rng.choice(("free", "free", "fee", "unknown")),
        "last_verified": _recent_date(rng),
    }
    return Entry("services", entry_id, facts)


def _project(number: int, rng: random.Random, organisations: list[str], funders: list[str]) -> Entry:
    entry_id = f"project-{number:04d}"
    lead, *partners = rng.sample(organisations, k=min(len(organisations), rng.randint(2, 5)))
    start = datetime.date(rng.randint(2015, 2024), rng.randint(1, 12), 1)
    facts = {
        "lead": lead,
        "partners": partners,
        "funders": rng.sample(funders, k=min(len(funders), rng.randint(1, 2))),
        "countries": rng.sample(tuple(COUNTRY_BOXES), k=rng.randint(1, 2)),
        "start": f"{start:%Y-%m}",
        "end": f"{start.year + rng.randint(1, 3)}-{start.month:02d}",
        "email": [f"{entry_id}@example.org"],
        "last_verified": _recent_date(rng),
    }
    return Entry("projects", entry_id, facts)


# ---------------------------------------------------------------------------
# Writing files
# ---------------------------------------------------------------------------


def facts_yaml(facts: dict) -> str:
    """A facts file, written the way an editor would: flow lists, block memberships."""
    lines = []
    for key, value in facts.items():
        if key == "memberships":
            lines.append("memberships:")
            for item in value:
                lines += [f"  - network: {item['network']}", f"    role: {item['role']}", f"    since: {item['since']}"]
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_yaml_scalar(v) for v in value)}]")
        else:
            lines.append(f"{key}: {_yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


def _yaml_scalar(value) -> str:
    if isinstance(value, (int, float, datetime.date)):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.@/:_-]*", value) and ": " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def text_file(entry: Entry, language: str, words: list[str], seed: int, category_titles: dict) -> str:
    """The Markdown file of one entry in one language: front matter, then the body."""
    maker = TextMaker(words, random.Random(f"{seed}:{entry.kind}:{entry.id}:{language}"))
    front = category_titles.get((entry.id, language)) if entry.kind == "categories" else None
    if front is None:
        front = {"title": maker.title(), "summary": maker.sentence(8, 16)}
    if entry.kind == "services":
        front["bring"] = [_capitalise(" ".join(maker.phrase(1, 3))) for _ in range(maker.rng.randint(2, 4))]
        front["cost_note"] = maker.sentence(5, 10)
    head = "\n".join(f"{key}: {_front_value(value)}" for key, value in front.items())
    return f"---\n{head}\n---\n{maker.body(entry.links)}"


YAML_SPECIAL_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def _front_value(value) -> str:
    """Front matter as editors write it: plain words, quoted only where YAML would misread them."""
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"
    plain = (
        re.fullmatch(r"[^\W\d_][^\n]*[^\s:]", value)
        and ": " not in value
        and " #" not in value
        and value.casefold() not in YAML_SPECIAL_WORDS
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def repository_category_titles(content: Path = REPO / "content") -> dict[tuple[str, str], dict]:
    """The real names of the needs in every language, from the repository's category files."""
    titles = {}
    for path in content.glob("categories/*/*.md"):
        match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        if not match:
            continue
        front = {}
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            if key in ("title", "summary") and value.strip():
                front[key] = value.strip().strip('"')
        if "title" in front:
            titles[(path.parent.name, path.stem)] = front
    return titles


def write_site(out: Path, entries: list[Entry], vocabulary: dict[str, list[str]], seed: int) -> int:
    """Write site.yml and content/; return the number of text files written."""
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    # The repository's configuration, without brochures on every build: bench/brochures.py measures those.
    config = (REPO / "site.yml").read_text(encoding="utf-8")
    (out / "site.yml").write_text(re.sub(r"with_every_build:\s*true.*", "with_every_build: false", config), encoding="utf-8")
    category_titles = repository_category_titles()
    written = 0
    for entry in entries:
        folder = out / "content" / entry.kind / entry.id
        folder.mkdir(parents=True)
        if entry.kind != "categories":
            (folder / "facts.yml").write_text(facts_yaml(entry.facts), encoding="utf-8")
        for language in entry.languages:
            text = text_file(entry, language, vocabulary[language], seed, category_titles)
            (folder / f"{language}.md").write_text(text, encoding="utf-8")
            written += 1
    return written


def generate(out: Path, pages_per_language: int, seed: int = 8) -> dict:
    """Write the whole corpus; return its entry counts and the pages per language portal should write."""
    sizes = Sizes.for_pages(pages_per_language)
    entries = plan_entries(sizes, seed)
    texts = write_site(out, entries, harvest_vocabulary(), seed)
    possible = sum(len(WRITTEN_LANGUAGES) for _ in entries)
    return {
        "municipalities": sizes.municipalities,
        "organisations": sizes.organisations,
        "services": sizes.services,
        "projects": sizes.projects,
        "pages": len(PAGES),
        "categories": len(CATEGORIES),
        "entries": len(entries),
        "text_files": texts,
        "missing_translations": possible - texts,
        "expected_pages_per_language": sizes.pages_per_language,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages-per-language", type=int, required=True, help="about how many pages each language gets")
    parser.add_argument("--out", type=Path, required=True, help="the site folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=8, help="random seed (default 8); the same seed gives the same site")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.pages_per_language, args.seed)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
