"""The only place where URLs and output paths are made.

The language menu, hreflang links, the sitemap, Markdown links and (later) search and brochure
links all ask this module, so they cannot disagree. URLs are root-relative and include the
path of `base_url`, so the site also works when served from a sub-folder.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote, urljoin

from .config import SiteConfig
from .schema import SECTION_OF_KIND


def _prefix(config: SiteConfig, language: str) -> str:
    return config.language_paths[language]


def home_url(config: SiteConfig, language: str) -> str:
    return _prefix(config, language)


def root_url(config: SiteConfig) -> str:
    """The language chooser."""
    return config.base_path


def section_url(config: SiteConfig, language: str, kind: str) -> str:
    return f"{_prefix(config, language)}{SECTION_OF_KIND[kind]}/"


def entry_url(config: SiteConfig, language: str, kind: str, entry_id: str) -> str:
    if kind == "pages":
        return home_url(config, language) if entry_id == "home" else f"{_prefix(config, language)}{entry_id}/"
    return f"{section_url(config, language, kind)}{entry_id}/"


def list_page_url(url: str, number: int) -> str:
    """Page `number` of a long list whose first page is at `url`."""
    return url if number == 1 else f"{url}page-{number}/"


def not_found_url(config: SiteConfig, language: str | None = None) -> str:
    return f"{_prefix(config, language)}404.html" if language else f"{config.base_path}404.html"


def sitemap_url(config: SiteConfig) -> str:
    return f"{config.base_path}sitemap.xml"


def status_url(config: SiteConfig, language: str | None = None) -> str:
    """The translators' dashboard (portal.status): the summary, or what one language has to do."""
    return f"{config.base_path}status/{language}/" if language else f"{config.base_path}status/"


def search_url(config: SiteConfig, language: str) -> str:
    """The search page of a language variant (portal.search)."""
    return f"{_prefix(config, language)}search/"


def search_bundle_url(config: SiteConfig, language: str | None = None) -> str:
    """Pagefind's files: a bundle per language variant (the script and its index), in one folder.

    One bundle per language keeps a reader's download to their language, and lets an edit
    index again only the languages whose records changed.
    """
    return f"{config.base_path}pagefind/{config.language(language).prefix}/" if language else f"{config.base_path}pagefind/"


def brochure_url(config: SiteConfig, languages: tuple[str, ...], name: str, size: str) -> str:
    """A printable brochure (portal.brochures): name is `network`, `partners` or a municipality's id, size A4 or A5;
    a brochure in two languages is in a folder of both prefixes (prefixes never hold `_`).

    `/brochures/sr-cyrl/network-a5.pdf`, `/brochures/mk/nis-a4.pdf`, `/brochures/de_rom/nis-a4.pdf`.
    """
    folder = "_".join(config.language(language).prefix for language in languages)
    return f"{config.base_path}brochures/{folder}/{name}-{size.lower()}.pdf"


def brochure_manifest_url(config: SiteConfig) -> str:
    """The list of brochures with the hash of what each was made from, so unchanged ones are not made again."""
    return f"{config.base_path}brochures/manifest.json"


# The letters and digits of a short address: no 0 and o, no 1, l and i, which look alike on paper.
SHORT_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SHORT_LENGTH = 5  # 31**5: some 28 million codes; two entries that draw the same one share a page listing both
SHORT_FOLDER = "s"  # under the site's address: /s/<language prefix>/<code>/


def short_code(kind: str, entry_id: str) -> str:
    """The code of an entry's short address, drawn from its kind and id alone: the same in every build and
    every language, so a brochure printed years ago still leads to the entry (`k7m3q`)."""
    number = int.from_bytes(hashlib.sha256(f"{kind}/{entry_id}".encode()).digest()[:8], "big")
    letters = []
    for _ in range(SHORT_LENGTH):
        number, digit = divmod(number, len(SHORT_ALPHABET))
        letters.append(SHORT_ALPHABET[digit])
    return "".join(letters)


def short_url(config: SiteConfig, language: str, kind: str, entry_id: str) -> str:
    """An entry's short address in one language, which brochures print and put in their QR codes: a page that
    sends the reader on to the entry's page (portal.outputs.short). `/s/rom/k7m3q/`."""
    return f"{config.base_path}{SHORT_FOLDER}/{config.language(language).prefix}/{short_code(kind, entry_id)}/"


def absolute(config: SiteConfig, url: str) -> str:
    """A root-relative URL as a full address, for hreflang, the sitemap and shared links."""
    if url.startswith(config.base_path):  # every URL this module makes; urljoin is slow at thousands of pages
        return config.base_url + url[len(config.base_path) :]
    return urljoin(config.base_url, url)


def output_path(config: SiteConfig, url: str) -> str:
    """The file a URL is written to, relative to the output folder: `/en/` → `en/index.html`."""
    path = url[len(config.base_path) :] if url.startswith(config.base_path) else url.lstrip("/")
    return f"{path}index.html" if path == "" or path.endswith("/") else path


def share_urls(config: SiteConfig, url: str, title: str) -> dict[str, str]:
    """Plain links that hand the page's title and address to a messaging app; nothing is loaded from it."""
    message = quote(f"{title} {absolute(config, url)}", safe="")
    return {
        "whatsapp": f"https://wa.me/?text={message}",
        "viber": f"viber://forward?text={message}",
        "sms": f"sms:?body={message}",
    }


def geo_url(latitude: float, longitude: float) -> str:
    """Opens the phone's own map app (RFC 5870)."""
    return f"geo:{latitude},{longitude}"


def geo_search_url(address: str) -> str:
    """A geo: link by address, for places without coordinates; Android map apps search for it."""
    return f"geo:0,0?q={quote(address, safe='')}"


def osm_url(latitude: float, longitude: float) -> str:
    return f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=14/{latitude}/{longitude}"


def osm_search_url(address: str) -> str:
    return f"https://www.openstreetmap.org/search?query={quote(address, safe='')}"


def whatsapp_chat_url(e164: str) -> str:
    """A chat with a number in WhatsApp (a plain link: nothing is loaded until the reader taps it)."""
    return f"https://wa.me/{e164.lstrip('+')}"


def viber_chat_url(e164: str) -> str:
    """A chat with a number in Viber, opened in the app."""
    return f"viber://chat?number={quote(e164, safe='')}"
