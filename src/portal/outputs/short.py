"""Short addresses: a small page per entry and language at /s/<language prefix>/<code>/ that sends the reader on to
the entry's page.

The brochures print these addresses and put them in their QR codes: a short address makes a code with fewer,
larger modules, which a phone still reads from a photocopy, and is quick to type from paper. The code is drawn
from the entry's kind and id alone (portal.urls.short_code), so a brochure printed today leads to the same entry
after any later build. Each page is plain HTML: a link, and a `<meta http-equiv="refresh">` that follows it at
once; no script, nothing from another origin, not in the sitemap, not indexed. In the rare case two entries draw
the same code, their page lists both (and `portal check` warns), so no printed code ever stops working.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import urls
from ..errors import Problem, _, warning
from ..model import Entry, LocalEntry, LocalText, Site
from ..plan import PlannedPage, site_title
from ..render import Rendered, Renderer, render_pages

TEMPLATE = "short.html"


@dataclass(frozen=True)
class ShortTarget:
    """An entry a short address leads to: its title in the page's language, and its page."""

    title: LocalText
    url: str
    absolute_url: str


@dataclass(frozen=True, kw_only=True)
class ShortPage:
    """The view of short.html."""

    lang: str
    dir: str
    site_title: LocalText
    targets: tuple[ShortTarget, ...]  # the entry; several only when entries share the code
    redirect: ShortTarget | None  # the entry the page sends the reader on to at once: None when several share it


def entries_by_code(site: Site) -> dict[str, list[Entry]]:
    """Every entry by the code of its short address, in the order of the codes; entries sharing one in (kind, id) order."""
    found: dict[str, list[Entry]] = {}
    for key in sorted(site.entries):
        entry = site.entries[key]
        found.setdefault(urls.short_code(entry.kind, entry.id), []).append(entry)
    return dict(sorted(found.items()))


def short_pages(site: Site, localised: Mapping[tuple[str, str, str], LocalEntry]) -> tuple[list[PlannedPage], list[Problem]]:
    """The short address of every entry in every language, and a warning for each code two entries share."""
    config, by_code = site.config, entries_by_code(site)
    problems = [
        warning(
            entry.source.path,
            0,
            _(
                "the short address `{code}` of this entry is also that of {other}: the printed code leads to a page listing both",
                code=code,
                other="/".join((entries[0].kind, entries[0].id)),
            ),
            _("rename one of the two folders to give each its own short address"),
        )
        for code, entries in by_code.items()
        for entry in entries[1:]
    ]
    pages = []
    for language in config.tags:
        direction, title = config.language(language).direction, site_title(config, language)
        for code, entries in by_code.items():
            targets = tuple(_target(site, localised, entry, language) for entry in entries)
            url = urls.short_url(config, language, entries[0].kind, entries[0].id)
            view = ShortPage(
                lang=language,
                dir=direction,
                site_title=title,
                targets=targets,
                redirect=targets[0] if len(targets) == 1 else None,
            )
            pages.append(
                PlannedPage(url, urls.output_path(config, url), language, TEMPLATE, view, ("short", code), indexable=False)
            )
    return pages, problems


def _target(site: Site, localised: Mapping[tuple[str, str, str], LocalEntry], entry: Entry, language: str) -> ShortTarget:
    url = urls.entry_url(site.config, language, entry.kind, entry.id)
    return ShortTarget(localised[(entry.kind, entry.id, language)].fields["title"], url, urls.absolute(site.config, url))


def short_files(
    site: Site, localised: Mapping[tuple[str, str, str], LocalEntry], renderer: Renderer
) -> tuple[Rendered, list[Problem]]:
    """The short addresses rendered with the site's theme, and the codes entries share."""
    pages, problems = short_pages(site, localised)
    return render_pages(pages, renderer), problems
