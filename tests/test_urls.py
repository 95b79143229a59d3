"""URLs and output paths (portal.urls), the one place they are made: a site served from a sub-folder, the
file each URL is written to, long lists, and the links that hand a page or a place to another app."""

from __future__ import annotations

import posixpath
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal import urls
from portal.config import Language, SiteConfig


def config(base_url: str) -> SiteConfig:
    return SiteConfig(
        title={"sr-Latn": "Pomoć"},
        base_url=base_url,
        default_language="sr-Latn",
        languages=(
            Language("sr-Latn", "Srpski", "sr-latn", ("en",)),
            Language("sr-Cyrl", "Српски", "sr-cyrl", ("en",), transliterate_from="sr-Latn"),
            Language("en", "English", "en", ("sr-Latn",)),
        ),
        categories=("legal-aid",),
    )


AT_ROOT = config("https://help.example.org/")
IN_FOLDER = config("https://example.org/help/")


# ---------------------------------------------------------------- addresses


def test_every_address_of_a_site_in_a_sub_folder_starts_with_that_folder():
    made = [
        urls.root_url(IN_FOLDER),
        urls.home_url(IN_FOLDER, "en"),
        urls.section_url(IN_FOLDER, "en", "services"),
        urls.entry_url(IN_FOLDER, "sr-Cyrl", "services", "pravna-pomoc"),
        urls.entry_url(IN_FOLDER, "en", "pages", "about"),
        urls.not_found_url(IN_FOLDER),
        urls.not_found_url(IN_FOLDER, "en"),
        urls.sitemap_url(IN_FOLDER),
        urls.status_url(IN_FOLDER, "en"),
        urls.search_url(IN_FOLDER, "en"),
        urls.search_bundle_url(IN_FOLDER, "sr-Cyrl"),
        urls.brochure_url(IN_FOLDER, ("sr-Cyrl",), "novi-sad", "A5"),
        urls.brochure_url(IN_FOLDER, ("en", "sr-Cyrl"), "network", "A4"),
        urls.brochure_manifest_url(IN_FOLDER),
        urls.short_url(IN_FOLDER, "sr-Cyrl", "services", "pravna-pomoc"),
    ]
    assert made == [
        "/help/",
        "/help/en/",
        "/help/en/services/",
        "/help/sr-cyrl/services/pravna-pomoc/",
        "/help/en/about/",
        "/help/404.html",
        "/help/en/404.html",
        "/help/sitemap.xml",
        "/help/status/en/",
        "/help/en/search/",
        "/help/pagefind/sr-cyrl/",
        "/help/brochures/sr-cyrl/novi-sad-a5.pdf",
        "/help/brochures/en_sr-cyrl/network-a4.pdf",
        "/help/brochures/manifest.json",
        f"/help/s/sr-cyrl/{urls.short_code('services', 'pravna-pomoc')}/",
    ]


def test_needs_live_under_needs_and_the_start_page_is_the_language_s_home():
    assert urls.entry_url(AT_ROOT, "en", "categories", "legal-aid") == "/en/needs/legal-aid/"
    assert urls.entry_url(AT_ROOT, "sr-Latn", "pages", "home") == urls.home_url(AT_ROOT, "sr-Latn") == "/sr-latn/"


def test_an_absolute_address_keeps_the_sub_folder_once():
    assert urls.absolute(IN_FOLDER, "/help/en/about/") == "https://example.org/help/en/about/"
    assert urls.absolute(AT_ROOT, "/en/") == "https://help.example.org/en/"
    assert urls.absolute(IN_FOLDER, "other/") == "https://example.org/help/other/"  # relative: joined like a browser


@pytest.mark.parametrize(
    "site, url, output",
    [
        (AT_ROOT, "/", "index.html"),
        (AT_ROOT, "/en/", "en/index.html"),
        (AT_ROOT, "/en/services/pravna-pomoc/", "en/services/pravna-pomoc/index.html"),
        (AT_ROOT, "/en/404.html", "en/404.html"),
        (AT_ROOT, "/sitemap.xml", "sitemap.xml"),
        (IN_FOLDER, "/help/", "index.html"),
        (IN_FOLDER, "/help/sr-cyrl/needs/legal-aid/", "sr-cyrl/needs/legal-aid/index.html"),
        (IN_FOLDER, "/help/404.html", "404.html"),
    ],
)
def test_each_address_is_written_to_the_file_a_static_server_serves_for_it(site, url, output):
    # the output folder is what is published at base_url, so the sub-folder is not part of the file's path
    assert urls.output_path(site, url) == output


def test_the_first_page_of_a_long_list_is_the_list_s_own_address():
    first = urls.section_url(IN_FOLDER, "en", "organisations")
    assert [urls.list_page_url(first, number) for number in (1, 2, 10)] == [
        "/help/en/organisations/",
        "/help/en/organisations/page-2/",
        "/help/en/organisations/page-10/",
    ]
    assert urls.output_path(IN_FOLDER, urls.list_page_url(first, 2)) == "en/organisations/page-2/index.html"


# ---------------------------------------------------------------- short addresses, printed in the brochures


LOOK_ALIKES = set("0o1li")  # on paper: 0 and o, 1, l and i


def test_a_short_code_is_five_letters_or_digits_that_cannot_be_mistaken_for_one_another():
    codes = {urls.short_code(kind, f"entry-{number}") for kind in ("services", "organisations") for number in range(2000)}
    assert len(codes) == 4000  # no two of these 4,000 entries draw the same code
    for code in codes:
        assert len(code) == 5 and set(code) <= set(urls.SHORT_ALPHABET), code
        assert not set(code) & LOOK_ALIKES, code
    # every symbol is used: the codes are spread over the whole alphabet, not a corner of it
    assert set("".join(codes)) == set(urls.SHORT_ALPHABET)
    assert set(urls.SHORT_ALPHABET) == set("23456789abcdefghijklmnopqrstuvwxyz") - LOOK_ALIKES


def test_a_short_code_depends_on_the_kind_and_the_id_only():
    code = urls.short_code("services", "pravna-pomoc")
    # pinned: a brochure printed today must lead to the same entry after any later build
    assert code == urls.short_code("services", "pravna-pomoc") == "4tqtb"
    assert urls.short_code("organisations", "pravna-pomoc") != code
    assert urls.short_code("services", "pravna-pomoc-2") != code
    # the same code in every language, the language's prefix before it, at the site's own address
    assert urls.short_url(AT_ROOT, "en", "services", "pravna-pomoc") == f"/s/en/{code}/"
    assert urls.short_url(IN_FOLDER, "sr-Latn", "services", "pravna-pomoc") == f"/help/s/sr-latn/{code}/"
    assert urls.output_path(IN_FOLDER, f"/help/s/sr-latn/{code}/") == f"s/sr-latn/{code}/index.html"


# ---------------------------------------------------------------- links to other apps


def test_share_links_carry_the_title_and_full_address_as_one_escaped_text():
    title = "Pomoć & savet #1? Да"
    links = urls.share_urls(IN_FOLDER, "/help/en/about/", title)
    expected = f"{title} https://example.org/help/en/about/"
    assert unquote(links["whatsapp"].removeprefix("https://wa.me/?text=")) == expected
    assert parse_qs(urlsplit(links["whatsapp"]).query) == {"text": [expected]}  # the & and # stay inside the text
    assert parse_qs(urlsplit(links["viber"]).query) == {"text": [expected]}
    assert links["sms"].startswith("sms:?body=") and unquote(links["sms"].removeprefix("sms:?body=")) == expected
    for link in links.values():
        scheme_and_query = link.split("=", 1)[1]
        assert not set(" &#?/") & set(scheme_and_query), link


def test_an_address_without_coordinates_is_searched_for_escaped():
    address = "Bulevar Oslobođenja 12/3, 21000 Novi Sad & okolina #2"
    geo = urls.geo_search_url(address)
    assert geo.startswith("geo:0,0?q=") and unquote(geo.removeprefix("geo:0,0?q=")) == address
    assert not set(" &#/,") & set(geo.removeprefix("geo:0,0?q="))
    osm = urls.osm_search_url(address)
    assert parse_qs(urlsplit(osm).query) == {"query": [address]} and urlsplit(osm).fragment == ""


def test_coordinates_open_the_phone_s_map_app_and_openstreetmap_at_the_point():
    assert urls.geo_url(45.2671, 19.8335) == "geo:45.2671,19.8335"
    osm = urlsplit(urls.osm_url(45.2671, 19.8335))
    assert (osm.netloc, parse_qs(osm.query), osm.fragment) == (
        "www.openstreetmap.org",
        {"mlat": ["45.2671"], "mlon": ["19.8335"]},
        "map=14/45.2671/19.8335",
    )


def test_the_network_s_numbers_open_a_chat_in_whatsapp_and_viber():
    assert urls.whatsapp_chat_url("+381110000000") == "https://wa.me/381110000000"
    assert urls.viber_chat_url("+381110000000") == "viber://chat?number=%2B381110000000"


_PART = st.sampled_from(["sr-latn", "services", "x", "xy", "index.html", "static", "a.js", "s"])


@given(st.lists(_PART, min_size=1, max_size=5).map("/".join), st.lists(_PART, min_size=0, max_size=5).map("/".join))
def test_a_relative_path_is_what_posixpath_gives(path, folder):
    # the offline editions and the previews rewrite every link of every page; the fast form must not change one
    folder = folder or "."
    assert urls.relative_path(path, folder.split("/")) == posixpath.relpath(path, folder)
