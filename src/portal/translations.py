"""Whether a translation is up to date with its entry's source-language text.

No git history is needed. A translation records in its `---` block which version of the source-language
text it was made from: `translated_from: 1a2b3c4d`, a short hash of that text's title, summary, other short
texts and body, with white space normalised so that re-wrapping a paragraph changes nothing. When the
source text changes, its hash changes, and every translation stamped with the old hash is outdated: its
readers are told (the entry's page), its translator too (`portal check`, `portal status`, /status/).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

from .history import History
from .model import Entry, Site, TextSource

STAMP_FIELD = "translated_from"
NOT_HASHED = ("lang", STAMP_FIELD)  # they say how a text was made, not what it says


def source_hash(text: TextSource) -> str:
    """A short hash of what a text says: its short texts and body, white space normalised."""

    def normal(value: object) -> str | list[str]:
        if isinstance(value, (list, tuple)):
            return [" ".join(str(item).split()) for item in value]
        return " ".join(str(value).split())

    said = {name: normal(value) for name, value in sorted(text.fields.items()) if name not in NOT_HASHED}
    said["body"] = normal(text.body)
    canonical = json.dumps(said, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def is_outdated(entry: Entry, language: str) -> bool:
    """The entry's own text in `language` was stamped from a version of the source text that has changed since."""
    text, source = entry.texts.get(language), entry.texts.get(entry.source_language)
    if text is None or source is None or language == entry.source_language:
        return False
    recorded = text.fields.get(STAMP_FIELD)
    return recorded is not None and str(recorded) != source_hash(source)


def with_source_changes(site: Site, history: History) -> Site:
    """The site, knowing when the source text of each entry with an outdated translation last changed (git)."""
    changed = {}
    for key, entry in site.entries.items():
        if any(is_outdated(entry, language) for language in entry.texts):
            day = history.last_change(entry.texts[entry.source_language].source.path)
            if day is not None:
                changed[key] = day
    return dataclasses.replace(site, source_changes=changed) if changed else site
