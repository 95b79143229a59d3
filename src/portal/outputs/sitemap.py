"""sitemap.xml with every indexable page and its language alternates (xhtml:link), for search engines."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .. import urls
from ..config import SiteConfig
from ..plan import Plan, alternates

SITEMAP = "sitemap.xml"  # its path in the output folder


def sitemap_xml(plan: Plan, config: SiteConfig) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    alternate_lines: dict[tuple, str] = {}  # the same for every language of a page: written once
    for page in plan.pages:
        if not page.indexable:
            continue
        lines.append(f"<url><loc>{escape(urls.absolute(config, page.url))}</loc>")
        if page.last_modified:
            lines.append(f"<lastmod>{page.last_modified}</lastmod>")
        if page.key not in alternate_lines:
            alternate_lines[page.key] = "\n".join(
                f'<xhtml:link rel="alternate" hreflang={quoteattr(link.hreflang)} href={quoteattr(link.href)}/>'
                for link in alternates(config, page.key)
            )
        lines += [alternate_lines[page.key], "</url>"]
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")
