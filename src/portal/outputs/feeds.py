"""An Atom feed (RFC 4287) per language of the entries that changed last, newest first.

An entry's date is its `last_verified`: the day an editor last checked its facts, written whenever they change or
are confirmed. It comes from the content alone, so the same content gives the same feed on every machine (the
date of a git commit would not: a shallow clone or a rebase moves it). Entries marked sensitive are left out: a
feed reader keeps what it fetched, on a phone someone else may look at.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from .. import urls
from ..config import SiteConfig
from ..model import Entry, LocalEntry, Site
from ..plan import sensitive, site_title

EPOCH = datetime.date(1970, 1, 1)
FEED_SIZE = 50  # entries per feed: the newest, enough for a reader who looks once a month
FEED_KINDS = ("services", "organisations", "municipalities", "projects", "pages")


def feed_files(site: Site, localised: Mapping[tuple[str, str, str], LocalEntry]) -> dict[str, bytes]:
    config = site.config
    entries = [
        entry for kind in FEED_KINDS for entry in site.of_kind(kind) if entry.last_verified and not sensitive(entry, config)
    ]
    newest = sorted(entries, key=lambda entry: (-_day(entry).toordinal(), entry.kind, entry.id))[:FEED_SIZE]
    return {
        urls.output_path(config, urls.feed_url(config, tag)): atom_feed(config, tag, newest, localised) for tag in config.tags
    }


def atom_feed(config: SiteConfig, tag: str, entries: list[Entry], localised: Mapping[tuple[str, str, str], LocalEntry]) -> bytes:
    """One language's feed: its id is the language's start page, its date the newest entry's."""
    home = urls.absolute(config, urls.home_url(config, tag))
    title = site_title(config, tag).text
    updated = max((entry.last_verified for entry in entries if entry.last_verified), default=None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{tag}">',
        f"<id>{escape(home)}</id>",
        f"<title>{escape(title)}</title>",
        f"<updated>{_timestamp(updated)}</updated>",
        f"<author><name>{escape(title)}</name><uri>{escape(home)}</uri></author>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(urls.absolute(config, urls.feed_url(config, tag)))}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(home)}/>',
    ]
    for entry in entries:
        local = localised[(entry.kind, entry.id, tag)]
        address = urls.absolute(config, urls.entry_url(config, tag, entry.kind, entry.id))
        entry_title, summary = local.fields["title"], local.fields.get("summary")
        lines += [
            "<entry>",
            f"<id>{escape(address)}</id>",
            f"<title xml:lang={quoteattr(entry_title.lang)}>{escape(entry_title.text)}</title>",
            f"<updated>{_timestamp(entry.last_verified)}</updated>",
            f'<link rel="alternate" type="text/html" href={quoteattr(address)}/>',
        ]
        if summary is not None:
            lines.append(f"<summary xml:lang={quoteattr(summary.lang)}>{escape(summary.text)}</summary>")
        lines.append("</entry>")
    lines.append("</feed>\n")
    return "\n".join(lines).encode("utf-8")


def _day(entry: Entry) -> datetime.date:
    return entry.last_verified or EPOCH


def _timestamp(date: datetime.date | None) -> str:
    """A day as Atom's date-time (RFC 3339), at midnight UTC; a feed with no dated entry says 1970-01-01."""
    return f"{(date or EPOCH).isoformat()}T00:00:00Z"
