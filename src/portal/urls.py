"""The only place where URLs and output paths are made.

The language menu, hreflang links, the sitemap, Markdown links and (later) search and brochure
links all ask this module, so they cannot disagree. URLs are root-relative and include the
path of `base_url`, so the site also works when served from a sub-folder.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from urllib.parse import quote, urljoin, urlsplit

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


def entry_file_url(config: SiteConfig, language: str, kind: str, entry_id: str, name: str) -> str:
    """A picture or document of an entry's folder (portal.attachments), published inside its page's folder."""
    return f"{entry_url(config, language, kind, entry_id)}{quote(name)}"


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


def saved_url(config: SiteConfig, language: str) -> str:
    """The list of what a reader saved for offline reading, in their phone (saved.js fills it in)."""
    return f"{_prefix(config, language)}saved/"


def offline_url(config: SiteConfig, language: str) -> str:
    """The page offering the whole site to download for use without internet (portal.outputs.offline)."""
    return f"{_prefix(config, language)}offline/"


def offline_search_index_url(config: SiteConfig, language: str) -> str:
    """An offline edition's search data, a script beside its search page (portal.outputs.offline)."""
    return f"{search_url(config, language)}offline-index.js"


def offline_file_url(config: SiteConfig, name: str) -> str:
    """An offline edition, a ZIP: `/offline/support-after-return-en.zip`."""
    return f"{config.base_path}offline/{quote(name)}"


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


# A link or file a page names by its path on the site: href="/sr-latn/usluge/", src="/static/x.js", action="/de/search/".
_SITE_PATH = re.compile(r'(?P<attribute>\s(?:href|src|action))="(?P<url>/(?!/)[^"]*)"')


def relative_html(html: str, output: str, config: SiteConfig, inside: Callable[[str], bool] | None = None) -> str:
    """A page as it works opened from disk (file://, the unzipped preview of a pull request): every path on the site
    made relative to the page's own file, and each folder's address made its index.html, which no server adds there.
    `output` is the page's file, relative to the output folder. Addresses of other sites are left as they are.
    With `inside` (is this file, relative to the output folder, on the disk?), a link to a file that is not there
    leads to its address on the web instead (an offline edition holds one language; the others are online)."""
    folder = (posixpath.dirname(output) or ".").split("/")
    made: dict[str, str] = {}  # a page names the same paths many times (menus, lists)

    def relative(found: re.Match[str]) -> str:
        written = found.group(0)
        if written not in made:
            made[written] = _relative_link(found.group("attribute"), found.group("url"), folder, config, inside)
        return made[written]

    return _SITE_PATH.sub(relative, html)


def _relative_link(attribute: str, url: str, folder: list[str], config: SiteConfig, inside: Callable[[str], bool] | None) -> str:
    parts = urlsplit(url)
    if not parts.path.startswith(config.base_path):
        return f'{attribute}="{url}"'  # outside the site's folder: nothing on disk to point to
    path = output_path(config, parts.path)
    if inside is not None and not inside(path):
        return f'{attribute}="{absolute(config, url)}"'
    tail = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return f'{attribute}="{relative_path(path, folder)}{tail}"'


def relative_path(path: str, folder: list[str]) -> str:
    """`path` (a file relative to the output folder) seen from `folder` (its parts; ["."] for the top): posixpath.relpath
    for paths without `.` or `..` parts, which output_path never makes, at a fraction of its cost (a site has a
    million links)."""
    if folder == ["."]:
        return path
    down = path.split("/")
    common = 0
    for up_part, down_part in zip(folder, down, strict=False):  # the shorter decides
        if up_part != down_part:
            break
        common += 1
    return "/".join([".."] * (len(folder) - common) + down[common:]) or "."


def preview_image_url(config: SiteConfig, language: str, kind: str) -> str:
    """The link-preview card of a language and kind of page (portal.outputs.previews): `/previews/mk/services.png`."""
    return f"{config.base_path}previews/{config.language(language).prefix}/{kind}.png"


def icon_url(config: SiteConfig, size: int) -> str:
    """A home-screen icon of the web app manifest: the same for every language."""
    return f"{config.base_path}icons/icon-{size}.png"


def manifest_url(config: SiteConfig, language: str) -> str:
    """The web app manifest of a language variant: its name, start page and icons, for "Add to home screen"."""
    return f"{_prefix(config, language)}manifest.webmanifest"


def feed_url(config: SiteConfig, language: str) -> str:
    """The Atom feed of a language variant's new and changed entries."""
    return f"{_prefix(config, language)}feed.xml"


def contact_card_url(config: SiteConfig, language: str, kind: str, entry_id: str) -> str:
    """An organisation's or a service's contact card (vCard) in one language, beside its page: `.../neostart/contact.vcf`."""
    return f"{entry_url(config, language, kind, entry_id)}contact.vcf"


def report_urls(
    config: SiteConfig, url: str, title: str, language: str, sms_number: str | None
) -> tuple[str | None, str | None, str | None]:
    """ "Something wrong here?": an e-mail and an SMS to the site's contact, and the repository's issue form "Information
    is wrong or outdated", each filled in with the entry's address and the reader's language (and its title, but in
    the SMS)."""
    # The address names the entry: a title repeated in every link would weigh on the page (a Cyrillic letter is six
    # characters once encoded); the e-mail's subject has it, for the inbox.
    address, email = absolute(config, url), config.contact.email
    words = f"{address}\n{config.language(language).name} ({language})\n\n"
    mail = f"mailto:{email}?subject={quote(title, safe='')}&body={quote(words, safe='')}" if email else None
    sms = f"sms:{sms_number}?body={quote(f'{address} ({language}): ', safe='')}" if sms_number else None
    issue = None
    if config.repository:
        query = f"template=information-wrong.yml&title={quote(f'Wrong or outdated: {title}', safe='')}"
        issue = f"{config.repository}/issues/new?{query}&page={quote(address, safe='')}"
    return mail, sms, issue
