"""Contact cards: a vCard for every organisation and service with a phone number or an e-mail address, in each
language, so that a reader keeps the number in the phone's contacts ("Save contact" beside the call button).

vCard 3.0 (RFC 2426), not 4.0: Android's contacts app imports 2.1 and 3.0 and reads 3.0 as UTF-8 without a
CHARSET parameter (so Cyrillic names arrive whole), while many phones in use still refuse a 4.0 card. Lines end
with CRLF and are folded at 75 octets, never inside a letter's UTF-8 bytes; text values escape \\ , ; and newlines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .. import urls
from ..model import Entry, LocalEntry, Site
from ..plan import CARD_KINDS

LINE_OCTETS = 75  # RFC 2426, 2.6: a line longer than this is folded


def vcard_files(site: Site, localised: Mapping[tuple[str, str, str], LocalEntry]) -> dict[str, bytes]:
    """The card of each organisation and service that has a number or an address to keep, in every language."""
    config, files = site.config, {}
    for kind in CARD_KINDS:
        for entry in site.of_kind(kind):
            if not (entry.facts.get("phone") or entry.facts.get("email")):
                continue
            for tag in config.tags:
                organisation = _provider_name(site, localised, entry, tag)
                address = urls.absolute(config, urls.entry_url(config, tag, kind, entry.id))
                card = vcard(entry, localised[(kind, entry.id, tag)], organisation, address)
                files[urls.output_path(config, urls.contact_card_url(config, tag, kind, entry.id))] = card
    return files


def vcard(entry: Entry, local: LocalEntry, organisation: str | None, address: str) -> bytes:
    """One entry's card: its name in the language of `local`, its numbers, addresses, page and the day it was checked."""
    name = local.fields["title"].text
    summary = local.fields.get("summary")
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape_text(name)}", f"N:{escape_text(name)};;;;"]
    lines.append(f"ORG:{escape_text(organisation or name)}")
    for phone in entry.facts.get("phone") or ():
        lines.append(f"TEL;TYPE={'CELL' if phone.mobile else 'WORK'},VOICE:{phone.e164}")
    lines += [f"EMAIL;TYPE=INTERNET:{email}" for email in entry.facts.get("email") or ()]
    if entry.facts.get("address"):
        lines.append(f"ADR;TYPE=WORK:;;{escape_text(entry.facts['address'])};;;;")
    lines.append(f"URL:{address}")
    if summary is not None:
        lines.append(f"NOTE:{escape_text(summary.text)}")
    if entry.last_verified:
        lines.append(f"REV:{entry.last_verified.isoformat()}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def escape_text(value: str) -> str:
    """A text value as vCard writes it: backslash, comma and semicolon escaped, a line break as \\n."""
    escaped = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line cut into lines of at most 75 octets, each continuation starting with a space (which counts)."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:  # most lines: nothing to cut
        return line
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for letter in line:
        octets = len(letter.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the space that starts a continuation is one octet
        current += letter
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def _provider_name(site: Site, localised: Mapping[tuple[str, str, str], LocalEntry], entry: Entry, tag: str) -> str | None:
    """A service's organisation, by its name in the card's language."""
    providers: Iterable[str] = [entry.facts["provider"]] if entry.facts.get("provider") else []
    for provider in providers:
        if site.get("organisations", provider) is not None:
            return str(localised[("organisations", provider, tag)].fields["title"].text)
    return None
