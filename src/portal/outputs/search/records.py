"""The search records: what Pagefind indexes of each page worth finding, made from the page's typed view.

A record holds the page's words *folded* as people type (portal.i18n.fold), in sections that Pagefind
weighs differently (portal.outputs.search.index writes them):

- the page's own text (summary and body), word for word as written in `text`, so that search.js can
  show the matched words in context in the page's own spelling and script;
- the title, weighted high; the other text fields; the names of the entries it links to, weighted low;
- the other names readers know it by (`aliases:` in its facts), in every language;
- its facts as people write them: phone numbers in every common form, e-mail addresses, the address,
  its towns;
- the everyday words of the page's language (locales/synonyms/, portal.synonyms) whose terms the
  page uses, weighted by where it uses them (the title counts most);
- where portal stems the language itself (portal.i18n.stem), the stems of its words;
- the words people also type another way (second spellings).

Pages about the site (`pages/`: about, example data, the start page) are weighted lower than the
entries readers look for. Titles and summaries shown in the results come from the record's metadata,
in the page's own spelling; the filters (kind, place, need, cost) are ids, named by the search page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import phonenumbers

from ...i18n.fold import WordFolder, fold_text
from ...i18n.stem import Stemmer, own_stemmer, stemmer_for
from ...model import Phone, Site, Synonym
from ...plan import PlannedPage
from ...views import EntryPage, HomePage, ServicePage

# What each kind of entry is called in the `kind` filter (the labels are in search.html).
KIND_OF_ENTRY = {
    "services": "service",
    "organisations": "organisation",
    "municipalities": "place",
    "categories": "need",
    "projects": "project",
    "pages": "page",
    "pathways": "pathway",
}
ABOUT_THE_SITE = 0.4  # the weight of a page about the site (kind `pages`) against an entry's
# How much an everyday word counts, by where its term is: in the title, in the summary, elsewhere on the page.
EVERYDAY_WEIGHT = {"title": 5.0, "summary": 2.0, "text": 0.7}
_WORD = re.compile(r"[\w\u0300-\u036f]+")  # a word as written, with its marks, for the vocabulary


@dataclass(frozen=True)
class SearchRecord:
    """What Pagefind indexes for one page: folded words to match, the page's own words to show, weighted sections."""

    output: str  # the page's file under the output folder; Pagefind makes the URL from it
    language: str
    title: str
    summary: str
    text: str  # the summary and the body as written: excerpts are cut from it
    words: str  # `text` folded, word for word (the first words of the index: search.js finds its matches in `text`)
    title_words: str  # folded
    fields: str  # folded: the other text fields (what to bring, a note on the cost)
    related: str  # folded names of linked entries (provider, places, needs), weighted lower
    names: str = ""  # folded other names (aliases)
    facts: str = ""  # phone numbers in their written forms, e-mail addresses, the address, the towns (folded)
    everyday: tuple[tuple[float, str], ...] = ()  # (weight, folded everyday words) of the synonyms the page answers
    stems: tuple[tuple[float, str], ...] = ()  # (weight, stems) where portal stems the language
    second: str = ""  # the second spellings of the words above
    filters: dict[str, list[str]] = field(default_factory=dict)  # kind, place, need, cost: ids, named by the search page
    lang: str = ""  # the language of title and summary when it is not the page's (a fallback), for `lang`
    phone: str = ""  # the first phone number as people read it, for the result card
    tel: str = ""  # the same number to call (E.164)
    weight: float = 1.0  # ABOUT_THE_SITE for pages about the site
    vocabulary: tuple[str, ...] = ()  # the words a reader can search for, as written: "did you mean" offers them


def page_records(pages: Iterable[PlannedPage], site: Site, folder: WordFolder | None = None) -> list[SearchRecord]:
    """The records of the planned pages worth finding: each entry's page and the start page, in every language.

    `folder` remembers how each word folds (a build context keeps one for all its builds).
    """
    folder = folder or WordFolder()
    records = []
    for page in pages:
        if page.language is None or not page.indexable or page.key[0] not in ("entry", "home"):
            continue
        if isinstance(page.key[-1], int):
            continue  # a further page of a need's long list: the need itself is found by its first page
        records.append(_record(page, site, folder))
    return records


@dataclass(frozen=True)
class _Written:
    """A page's words as written, by where they are."""

    title: str
    summary: str
    text: str
    fields: str
    related: str
    names: str
    facts: str


def _written(page: PlannedPage) -> _Written:
    view = page.view
    entry = view.entry if isinstance(view, (EntryPage, HomePage)) else None
    shown = entry.title if entry else view.site_title
    summary = entry.summary.text if entry and entry.summary else ""
    fields: list[str] = []
    names: tuple[str, ...] = ()
    facts: list[str] = []
    body = ""
    if entry:
        for name, value in entry.fields.items():
            if value is not None and value.text and name not in ("title", "summary"):
                fields += value.text if isinstance(value.text, (list, tuple)) else [value.text]
        body = _text_of_html(entry.body_html)
        names = entry.facts.get("aliases") or ()
        facts = [*_phone_forms(entry.facts.get("phone") or ()), *_email_words(entry.facts.get("email") or ())]
        facts += [value for value in (entry.facts.get("address"), entry.facts.get("city")) if value]
    if isinstance(view, ServicePage):
        facts += [link.title.text for link in view.municipalities]
    related = " ".join(link.title.text for link in view.related) if not isinstance(view, HomePage) else ""
    text = "\n".join(part for part in (summary, body) if part)
    return _Written(shown.text, summary, text, "\n".join(fields), related, "\n".join(names), "\n".join(facts))


def _record(page: PlannedPage, site: Site, folder: WordFolder) -> SearchRecord:
    view = page.view
    entry = view.entry if isinstance(view, (EntryPage, HomePage)) else None
    language = page.language or ""
    written = _written(page)
    kind, entry_id = (page.key[1], page.key[2]) if page.key[0] == "entry" else ("pages", "home")
    folded = {
        part: folder.fold_with_second(getattr(written, part))
        for part in ("title", "summary", "text", "fields", "related", "names")
    }
    everyday = _everyday(site.synonyms.get(language, ()), {part: folded[part][0] for part in folded}, language)
    weight = ABOUT_THE_SITE if kind == "pages" else 1.0
    sections = _by_weight(everyday, weight)
    indexed = [folded[part][0] for part in ("text", "fields", "related", "names")] + [words for _, words in sections]
    first = {word for words in (folded["title"][0], *indexed) for word in words.split()}
    second = {word for part in folded.values() for word in part[1]}
    second |= {word for words in everyday for word in folder.fold_with_second(words)[1]}
    stems = _stems(own_stemmer(language), folded["title"][0], " ".join(indexed), first)
    shown = entry.title if entry else view.site_title
    phones: tuple[Phone, ...] = entry.facts.get("phone") or () if entry else ()
    return SearchRecord(
        page.output,
        language,
        written.title,
        written.summary,
        written.text,
        folded["text"][0],
        folded["title"][0],
        folded["fields"][0],
        folded["related"][0],
        folded["names"][0],
        fold_text(written.facts),
        sections,
        tuple((round(w * weight, 2), words) for w, words in stems),
        " ".join(sorted(second - first)),
        _filters(site, kind, entry_id),
        shown.lang if shown.is_fallback else "",
        phones[0].display if phones else "",
        phones[0].e164 if phones else "",
        weight,
        _vocabulary(written, everyday),
    )


def _everyday(synonyms: tuple[Synonym, ...], folded: Mapping[str, str], language: str) -> dict[str, float]:
    """The everyday words (as written) whose terms the page uses, each with the weight of the best place it uses one:
    terms and page are compared stem by stem, so `lična karta` meets `ličnu kartu`."""
    if not synonyms:
        return {}
    stemmer = stemmer_for(language)
    places = {"title": folded["title"], "summary": folded["summary"], "text": f"{folded['text']}\n{folded['fields']}"}
    grams = {place: _phrases(words, stemmer) for place, words in places.items()}
    found: dict[str, float] = {}
    for synonym in synonyms:
        for term in synonym.terms:
            phrase = tuple(_stem(stemmer, word) for word in fold_text(term).split())
            weight = max((EVERYDAY_WEIGHT[place] for place in places if phrase in grams[place]), default=0.0)
            if weight > found.get(synonym.words, 0.0):
                found[synonym.words] = weight
    return found


def _by_weight(everyday: Mapping[str, float], weight: float) -> tuple[tuple[float, str], ...]:
    """The everyday words folded, in one section per weight (the heaviest first), times the page's weight."""
    sections: dict[float, list[str]] = {}
    for words, found in sorted(everyday.items()):
        sections.setdefault(round(found * weight, 2), []).append(fold_text(words))
    return tuple((found, " ".join(words)) for found, words in sorted(sections.items(), reverse=True))


MAX_PHRASE = 4  # words in the longest term compared


def _phrases(words: str, stemmer: Stemmer | None) -> set[tuple[str, ...]]:
    """Every run of up to MAX_PHRASE stems of the text, line by line."""
    runs: set[tuple[str, ...]] = set()
    for line in words.split("\n"):
        stems = [_stem(stemmer, word) for word in line.split()]
        for length in range(1, MAX_PHRASE + 1):
            runs.update(tuple(stems[start : start + length]) for start in range(len(stems) - length + 1))
    return runs


def _stem(stemmer: Stemmer | None, word: str) -> str:
    return stemmer.stem(word) if stemmer else word


def _stems(stemmer: Stemmer | None, title: str, other: str, words: set[str]) -> list[tuple[float, str]]:
    """The stems that are not words of the page already: the title's weighted as the title nearly is."""
    if stemmer is None:
        return []
    title_stems = sorted({stem for stem in map(stemmer.stem, title.split()) if stem not in words})
    other_stems = sorted({stem for stem in map(stemmer.stem, other.split()) if stem not in words} - set(title_stems))
    return [(weight, " ".join(stems)) for weight, stems in ((6.0, title_stems), (0.5, other_stems)) if stems]


def _phone_forms(phones: Iterable[Phone]) -> list[str]:
    """Each number as people write it, with the digits together (search.js joins the digits of a typed number and
    drops a leading 00 or +): with the country code, with the trunk prefix, without either, the subscriber's part."""
    forms: list[str] = []
    for phone in phones:
        number = phonenumbers.parse(phone.e164)
        national = str(number.national_number)
        area = phonenumbers.length_of_national_destination_code(number)
        with_prefix = re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
        candidates = [f"{number.country_code}{national}", with_prefix, national, national[area:] if 0 < area else ""]
        forms += [form for form in candidates if len(form) >= 5 and form not in forms]
    return forms


def _email_words(emails: Iterable[str]) -> list[str]:
    """An address and the part before @ (fold_text makes words of both, as it does of the reader's query)."""
    return [part for email in emails for part in (email, email.partition("@")[0])]


def _vocabulary(written: _Written, everyday: Iterable[str]) -> tuple[str, ...]:
    """The words of the page a reader could mean, as written (for "did you mean"): no numbers, none shorter than 3."""
    texts = (written.title, written.text, written.fields, written.related, written.names, *everyday)
    found = [word for text in texts for word in _WORD.findall(text)]
    return tuple(dict.fromkeys(word for word in found if len(word) >= 3 and not word.isdigit() and "_" not in word))


def _filters(site: Site, kind: str, entry_id: str) -> dict[str, list[str]]:
    """kind, place, need and cost of a page, by id. An organisation is where and for what its services are."""
    filters = {"kind": [KIND_OF_ENTRY[kind]]}
    if kind == "municipalities":
        filters["place"] = [entry_id]
    elif kind == "categories":
        filters["need"] = [entry_id]
    elif kind in ("services", "organisations"):
        entry = site.get(kind, entry_id)
        services = [entry] if kind == "services" else site.linking("services", "provider", entry_id)
        for name, facts_field in (("place", "municipalities"), ("need", "categories")):
            ids = sorted({value for service in services if service for value in service.facts.get(facts_field, ())})
            if ids:
                filters[name] = ids
        cost = entry.facts.get("cost") if entry is not None and kind == "services" else None
        if cost in ("free", "fee"):
            filters["cost"] = [cost]
    elif kind == "pathways":
        filters.update(_pathway_filters(site, entry_id))
    return filters


def _pathway_filters(site: Site, entry_id: str) -> dict[str, list[str]]:
    """A pathway's needs, and the places of the services its steps name."""
    pathway = site.get("pathways", entry_id)
    if pathway is None:
        return {}
    services = [site.get("services", s) for step in pathway.facts.get("steps", ()) for s in step.get("services", ())]
    places = sorted({place for service in services if service for place in service.facts.get("municipalities", ())})
    found = {"need": sorted(pathway.facts.get("categories", ())), "place": places}
    return {name: ids for name, ids in found.items() if ids}


def _text_of_html(markup: str) -> str:
    """The words of HTML made by markdown.render_markdown, which escapes every `<`, `>` and `"` in text and
    attributes: so a tag is exactly `<` up to the next `>`. Paragraphs and items stay on lines of their own."""
    lines = html.unescape(_TAG.sub(lambda tag: "\n" if _BLOCK.match(tag.group()) else " ", markup)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


_TAG = re.compile(r"<[^>]*>")
_BLOCK = re.compile(r"</?(p|li|h[1-6]|ul|ol|blockquote|pre|tr|br)\b", re.IGNORECASE)
