"""The search records: what Pagefind indexes of each page worth finding, made from the page's typed view.

A record holds the page's words *folded* as people type (portal.i18n.fold), the names of the
entries it links to as part of what it is about (weighted lower), and the words people also type
another way. Titles and summaries shown in the results come from the record's metadata, in the
page's own spelling; the filters (kind, place, need) are ids, named by the search page in its language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...i18n.fold import WordFolder
from ...model import Site
from ...plan import PlannedPage
from ...views import EntryPage, HomePage

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


@dataclass(frozen=True)
class SearchRecord:
    """What Pagefind indexes for one page: folded words to match, and the page's own words to show."""

    output: str  # the page's file under the output folder; Pagefind makes the URL from it
    language: str
    title: str
    summary: str
    words: str  # folded: title, summary, text fields and body
    related: str  # folded names of linked entries (provider, places, needs), weighted lower
    second: str  # the second spellings of the words above
    filters: dict[str, list[str]] = field(default_factory=dict)  # kind, place, need: ids, named by the search page
    lang: str = ""  # the language of title and summary when it is not the page's (a fallback), for `lang`


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


def _record(page: PlannedPage, site: Site, folder: WordFolder) -> SearchRecord:
    view = page.view
    entry = view.entry if isinstance(view, (EntryPage, HomePage)) else None
    shown = entry.title if entry else view.site_title
    title = shown.text
    summary = entry.summary.text if entry and entry.summary else ""
    texts = [title, summary]
    if entry:
        for value in entry.fields.values():
            if value is not None and value.text:
                texts += value.text if isinstance(value.text, (list, tuple)) else [value.text]
        texts.append(_text_of_html(entry.body_html))
    related = " ".join(link.title.text for link in view.related)
    kind, entry_id = (page.key[1], page.key[2]) if page.key[0] == "entry" else ("pages", "home")
    words = "\n".join(text for text in texts if text)
    (folded_words, second_words), (folded_related, second_related) = (
        folder.fold_with_second(words),
        folder.fold_with_second(related),
    )
    first = {*folded_words.split(), *folded_related.split()}
    second = sorted(word for word in second_words | second_related if word not in first)
    return SearchRecord(
        page.output,
        page.language or "",
        title,
        summary,
        folded_words,
        folded_related,
        " ".join(second),
        _filters(site, kind, entry_id),
        shown.lang if shown.is_fallback else "",
    )


def _filters(site: Site, kind: str, entry_id: str) -> dict[str, list[str]]:
    """kind, place and need of a page, by id. An organisation is where and for what its services are."""
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
    attributes: so a tag is exactly `<` up to the next `>`."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


_TAG = re.compile(r"<[^>]*>")
