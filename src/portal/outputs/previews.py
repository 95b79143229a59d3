"""Link previews and the home-screen icon: the Open Graph cards, one per language and kind of page, and each
language's web app manifest with its icons (portal.outputs.pictures draws them).

A card shows the site's title and the kind of page in the reader's language (from the theme's catalogs, so
sr-Cyrl's words are Cyrillic); a page of a kind without a card of its own shows the start page's.
"""

from __future__ import annotations

import json

from .. import urls
from ..config import SiteConfig
from ..plan import PREVIEW_KINDS, site_title
from ..render import Renderer, interface_translations
from .pictures import ICON_SIZES, PictureMemo

# What a card says under the site's title: the words of the menu, which every catalog translates already.
CARD_WORDS = {
    "home": "",
    "categories": "Help by need",
    "municipalities": "Places",
    "organisations": "Organisations",
    "services": "Services",
    "projects": "Projects",
}
THEME_COLOUR = "#0b6e4f"  # the theme's --accent, as in pictures.ACCENT
SHORT_NAME = 12  # letters a launcher shows under an icon


def preview_files(config: SiteConfig, renderer: Renderer, pictures: PictureMemo) -> dict[str, bytes]:
    """Every language's cards (home and each kind of PREVIEW_KINDS), manifest, and the icons they share."""
    files = {_output(config, urls.icon_url(config, size)): pictures.icon(size) for size in ICON_SIZES}
    for tag in config.tags:
        words = interface_translations(renderer.theme, tag, config.language(tag).transliterate_from, renderer.memo.catalogs)
        title = site_title(config, tag).text
        for kind in ("home", *PREVIEW_KINDS):
            subtitle = words.gettext(CARD_WORDS[kind]) if CARD_WORDS[kind] else ""
            files[_output(config, urls.preview_image_url(config, tag, kind))] = pictures.card(title, subtitle)
        files[_output(config, urls.manifest_url(config, tag))] = web_app_manifest(config, tag)
    return files


def web_app_manifest(config: SiteConfig, tag: str) -> bytes:
    """The manifest of one language variant: "Add to home screen" opens the start page in that language.

    Its scope is the whole site, so that a reader who changes language stays in the app; its `id` is the start page,
    so that each language is an app of its own. The short name, shown under the icon, is the title's first word
    when the whole title is too long."""
    title = site_title(config, tag).text
    short = title if len(title) <= SHORT_NAME else title.split()[0]
    start = urls.home_url(config, tag)
    manifest = {
        "name": title,
        "short_name": short,
        "lang": tag,
        "dir": config.language(tag).direction,
        "id": start,
        "start_url": start,
        "scope": urls.root_url(config),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": urls.icon_url(config, size), "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"}
            for size in ICON_SIZES
        ],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _output(config: SiteConfig, url: str) -> str:
    return urls.output_path(config, url)
