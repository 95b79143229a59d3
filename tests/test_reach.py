"""Reaching readers where they are (issue 22), as a reader's phone and apps meet it in the built site: link previews
(Open Graph) with their cards, the web app manifest of each language, the Atom feeds, the contact cards (vCard
3.0, read by a strict parser written here from RFC 2426), the quick exit of sensitive pages and "Something wrong
here?". The fixture `reach` is a fictional network with a sensitive need ("safety"), a sensitive organisation,
a contact whose phone is a mobile number, and a repository."""

from __future__ import annotations

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from PIL import Image, ImageDraw

from conftest import FIXTURES, REPO, run_portal, write
from portal.i18n.locales import open_graph_locale
from portal.outputs.pictures import FONTS, draw_card, draw_icon
from portal.outputs.vcards import LINE_OCTETS, escape_text, fold

ATOM = "{http://www.w3.org/2005/Atom}"
VARIANTS = {"sr-latn": "sr-Latn", "sr-cyrl": "sr-Cyrl", "rom": "rom", "en": "en"}
SENSITIVE = ("needs/safety/", "services/primer-sigurna-kuca/", "organisations/primer-savetovaliste/")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reach") / "public"
    status = run_portal_quiet("--site", str(FIXTURES / "reach"), "build", "--out", str(folder))
    assert status == 0
    return folder


def run_portal_quiet(*args: str) -> int:
    from portal.cli import main

    return main(list(args))


class Head(HTMLParser):
    """The <meta property|name> and <link> elements of a page, and every link's href, as a reader's app reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.anchors: list[dict[str, str]] = []
        self.html_lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.html_lang = values.get("lang", "")
        elif tag == "meta" and ("property" in values or "name" in values):
            self.meta.setdefault(values.get("property") or values["name"], []).append(values.get("content", ""))
        elif tag == "link":
            self.links.append(values)
        elif tag == "a":
            self.anchors.append(values)


def head_of(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def variant_pages(out: Path) -> list[tuple[str, Path]]:
    return [(prefix, page) for prefix in VARIANTS for page in sorted((out / prefix).rglob("*.html"))]


def output_of(out: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return out / (f"{path}index.html" if path.endswith("/") or not path else path)


# ---------------------------------------------------------------- link previews


def test_every_page_of_every_language_has_the_open_graph_tags_with_an_absolute_address(out):
    pages = variant_pages(out)
    assert len(pages) > 60
    for prefix, page in pages:
        meta = head_of(page).meta
        for name in ("og:title", "og:description", "og:type", "og:url", "og:locale", "og:image", "og:site_name"):
            assert len(meta.get(name, [])) == 1 and meta[name][0].strip(), (page, name)
        canonical = next(link["href"] for link in head_of(page).links if link.get("rel") == "canonical")
        assert meta["og:url"] == [canonical] and canonical.startswith("https://primer.example.org/")
        assert meta["og:type"][0] in ("website", "article")
        assert meta["og:locale"][0] == open_graph_locale(VARIANTS[prefix], "RS")
        assert meta["og:locale"][0] not in meta.get("og:locale:alternate", [])


def test_a_preview_says_what_the_page_says(out):
    service = head_of(out / "sr-cyrl/services/primer-pravni-savet/index.html").meta
    assert service["og:title"] == ["Правни савет у Примерову"]
    assert service["og:description"] == ["Бесплатан савет о вашим правима."]
    assert service["og:type"] == ["article"]
    assert service["og:image"] == ["https://primer.example.org/previews/sr-cyrl/services.png"]
    listing = head_of(out / "en/services/index.html").meta
    assert listing["og:type"] == ["website"] and listing["og:image"] == ["https://primer.example.org/previews/en/services.png"]
    # both Serbian scripts are sr_RS: the alternates name each other language once
    assert sorted(service["og:locale:alternate"]) == ["en_US", "rom_RO"]


def test_every_card_a_page_names_is_a_small_png_of_1200_by_630(out):
    cards = {head_of(page).meta["og:image"][0] for _, page in variant_pages(out)}
    assert len(cards) == len(VARIANTS) * 6  # each language: the start page's and five kinds'
    for card in cards:
        data = output_of(out, card).read_bytes()
        assert len(data) < 100_000, card
        with Image.open(io.BytesIO(data)) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), card


def png_chunks(data: bytes) -> list[str]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        chunks.append(data[at + 4 : at + 8].decode("ascii"))
        at += 12 + length
    return chunks


@pytest.mark.parametrize(
    "title, subtitle",
    [
        ("Подршка после повратка и после затвора", "Помоћ по потреби"),
        ("Поддршка по враќање и по затвор", "Услуги"),
        ("Ažutipe palo irinipe thaj palo phandlipe", "Thana"),
        ("A title far too long for three lines of the card " * 4, "Services"),
    ],
)
def test_a_card_is_the_same_bytes_every_time_and_holds_no_date_or_metadata(title, subtitle):
    card = draw_card(title, subtitle)
    assert card == draw_card(title, subtitle)
    assert set(png_chunks(card)) <= {"IHDR", "PLTE", "IDAT", "IEND"}
    assert len(card) < 100_000


def test_the_cards_font_has_every_letter_of_the_sites_languages():
    """A letter the font lacks would be drawn as the same empty box as a character no font has."""
    from PIL import ImageFont

    font = ImageFont.truetype(str(FONTS / "NotoSans-Bold.woff2"), 40, layout_engine=ImageFont.Layout.BASIC)

    def drawn(letter: str) -> bytes:
        image = Image.new("L", (60, 60))
        ImageDraw.Draw(image).text((5, 5), letter, font=font, fill=255)
        return image.tobytes()

    missing = drawn("\ue000")
    letters = "абвгдђежзијклљмнњопрстћуфхцчџшЂЉЊЋЏѓќѕЃЌЅčćđšžČĆĐŠŽřůěťňďŘŮĚëçËÇßäöüÄÖÜ"
    for letter in letters:
        assert drawn(letter) != missing, letter


def test_the_icons_are_squares_of_the_sizes_the_manifest_names():
    for size in (192, 512):
        with Image.open(io.BytesIO(draw_icon(size))) as image:
            assert image.size == (size, size)


# ---------------------------------------------------------------- web app manifest


def test_every_variant_links_its_own_manifest_which_opens_its_start_page(out):
    for prefix, tag in VARIANTS.items():
        manifest_url = f"/{prefix}/manifest.webmanifest"
        for page in sorted((out / prefix).rglob("*.html")):
            links = [link["href"] for link in head_of(page).links if link.get("rel") == "manifest"]
            assert links == [manifest_url], page
        manifest = json.loads(output_of(out, manifest_url).read_text(encoding="utf-8"))
        assert manifest["lang"] == tag and manifest["dir"] == "ltr"
        assert manifest["start_url"] == f"/{prefix}/" and (out / prefix / "index.html").is_file()
        assert manifest["name"] and 0 < len(manifest["short_name"]) <= 12
        assert manifest["display"] in ("standalone", "minimal-ui", "browser", "fullscreen")
        assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"]) and re.fullmatch(
            r"#[0-9a-f]{6}", manifest["background_color"]
        )
        for icon in manifest["icons"]:
            width, height = map(int, icon["sizes"].split("x"))
            with Image.open(output_of(out, icon["src"])) as image:
                assert image.size == (width, height) and image.format == "PNG"
        assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    cyrillic = json.loads((out / "sr-cyrl/manifest.webmanifest").read_text(encoding="utf-8"))
    assert cyrillic["name"] == "Пример мрежа (пример података)"


def test_the_pages_policy_lets_the_browser_read_the_manifest(out):
    text = (out / "en/index.html").read_text(encoding="utf-8")
    assert "manifest-src 'self'" in re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1)


# ---------------------------------------------------------------- feeds


def test_every_variant_links_its_feed_and_each_feed_has_what_rfc_4287_requires(out):
    for prefix, tag in VARIANTS.items():
        feed_url = f"/{prefix}/feed.xml"
        for page in sorted((out / prefix).rglob("*.html")):
            feeds = [link for link in head_of(page).links if link.get("type") == "application/atom+xml"]
            assert [(link["rel"], link["href"]) for link in feeds] == [("alternate", feed_url)], page
        feed = ET.parse(output_of(out, feed_url)).getroot()
        assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == tag
        for required in ("id", "title", "updated"):
            assert len(feed.findall(f"{ATOM}{required}")) == 1 and feed.findtext(f"{ATOM}{required}").strip()
        assert feed.find(f"{ATOM}author/{ATOM}name").text.strip()  # so no entry needs an author of its own
        self_link = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert self_link == [f"https://primer.example.org{feed_url}"]
        entries = feed.findall(f"{ATOM}entry")
        assert entries
        dates = []
        for entry in entries:
            for required in ("id", "title", "updated"):
                assert len(entry.findall(f"{ATOM}{required}")) == 1 and entry.findtext(f"{ATOM}{required}").strip()
            link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            assert entry.findtext(f"{ATOM}id") == link and output_of(out, link).is_file()
            dates.append(rfc3339(entry.findtext(f"{ATOM}updated")))
        assert dates == sorted(dates, reverse=True), "newest first"
        assert rfc3339(feed.findtext(f"{ATOM}updated")) == max(dates)
        assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)


def rfc3339(text: str) -> datetime.datetime:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", text), text
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_feed_dates_entries_by_when_they_were_checked_and_leaves_out_sensitive_ones(out):
    feed = ET.parse(out / "en/feed.xml").getroot()
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    assert not any(path in address for address in ids for path in SENSITIVE)
    first = feed.find(f"{ATOM}entry")  # the legal advice was checked on 2026-11-01, like most; none later but the hidden
    assert first.findtext(f"{ATOM}updated") == "2026-11-01T00:00:00Z"


# ---------------------------------------------------------------- contact cards


class VCardError(AssertionError):
    pass


def parse_vcard(data: bytes) -> dict[str, list[tuple[dict[str, str], str]]]:
    """A strict reading of a vCard 3.0 (RFC 2426): CRLF line ends, physical lines of at most 75 octets, folding by
    CRLF and one space or tab, BEGIN and END around VERSION:3.0, FN and N. Text values come back unescaped."""
    if not data.endswith(b"\r\n") or re.search(rb"(?<!\r)\n|\r(?!\n)", data):
        raise VCardError("every line must end with CRLF")
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        if len(line) > LINE_OCTETS:
            raise VCardError(f"a line of {len(line)} octets: {line!r}")
        line.decode("utf-8")  # a fold inside a letter's bytes leaves a line that is not UTF-8 by itself
    logical: list[bytes] = []
    for line in physical:
        if line[:1] in (b" ", b"\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    lines = [line.decode("utf-8") for line in logical]
    if lines[0] != "BEGIN:VCARD" or lines[-1] != "END:VCARD" or lines[1] != "VERSION:3.0":
        raise VCardError(f"not a vCard 3.0: {lines[:2]}")
    properties: dict[str, list[tuple[dict[str, str], str]]] = {}
    for line in lines[2:-1]:
        found = re.fullmatch(r"([A-Za-z-]+)((?:;[A-Za-z-]+=[^;:]*)*):(.*)", line)
        if found is None:
            raise VCardError(f"not a content line: {line!r}")
        params = dict(param.split("=", 1) for param in found.group(2).split(";")[1:])
        properties.setdefault(found.group(1).upper(), []).append((params, found.group(3)))
    for required in ("FN", "N"):
        if len(properties.get(required, [])) != 1:
            raise VCardError(f"{required} must be there once")
    return properties


def unescape(value: str) -> str:
    if re.search(r"(?<!\\)(?:\\\\)*[,;]", value):
        raise VCardError(f"an unescaped , or ; in a text value: {value!r}")
    return re.sub(r"\\(.)", lambda match: "\n" if match.group(1) in "nN" else match.group(1), value)


def test_every_page_with_a_phone_or_an_email_links_a_contact_card_that_parses_with_its_numbers(out):
    checked = 0
    for facts_file in sorted((FIXTURES / "reach/content").glob("*/*/facts.yml")):
        kind, entry_id = facts_file.parent.parent.name, facts_file.parent.name
        if kind not in ("services", "organisations", "municipalities", "projects"):
            continue  # pages (and the start page) have no facts a card could hold
        facts = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
        for prefix in VARIANTS:
            page = out / prefix / kind / entry_id / "index.html"
            anchors = head_of(page).anchors
            cards = [a["href"] for a in anchors if a.get("href", "").endswith(".vcf")]
            if kind not in ("services", "organisations") or not (facts.get("phone") or facts.get("email")):
                assert not cards, page
                continue
            assert cards == [f"/{prefix}/{kind}/{entry_id}/contact.vcf"], page
            card = parse_vcard(output_of(out, cards[0]).read_bytes())
            calls = {a["href"][4:] for a in anchors if a.get("href", "").startswith("tel:")}
            numbers = {value for _, value in card.get("TEL", [])}
            assert len(numbers) == len(facts.get("phone", [])) and numbers <= calls, page
            assert {value for _, value in card.get("EMAIL", [])} == set(facts.get("email", [])), page
            assert card["URL"][0][1] == f"https://primer.example.org/{prefix}/{kind}/{entry_id}/"
            assert unescape(card["FN"][0][1]) == head_of(page).meta["og:title"][0]
            checked += 1
    assert checked >= 8


def test_a_cyrillic_page_links_a_card_with_the_cyrillic_name_escaped_and_folded(out):
    latin = parse_vcard((out / "sr-latn/organisations/primer-savetovaliste/contact.vcf").read_bytes())
    cyrillic_bytes = (out / "sr-cyrl/organisations/primer-savetovaliste/contact.vcf").read_bytes()
    cyrillic = parse_vcard(cyrillic_bytes)
    assert unescape(latin["FN"][0][1]) == 'Savetovalište "Primer"; za žene, decu i porodice, Primerovo'
    assert unescape(cyrillic["FN"][0][1]) == 'Саветовалиште "Пример"; за жене, децу и породице, Примерово'
    assert b"\r\n " in cyrillic_bytes  # the long name and note are folded
    assert unescape(cyrillic["NOTE"][0][1]).endswith("и косом цртом \\ у тексту, да би ред био дуг.")
    assert [(params["TYPE"], value) for params, value in cyrillic["TEL"]] == [
        ("WORK,VOICE", "+381110000003"),
        ("CELL,VOICE", "+381600000003"),
    ]
    assert cyrillic["EMAIL"][0][1] == "savetovaliste@primer.example"
    page = (out / "sr-cyrl/organisations/primer-savetovaliste/index.html").read_text(encoding="utf-8")
    assert 'href="/sr-cyrl/organisations/primer-savetovaliste/contact.vcf" type="text/vcard" download>Сачувај контакт<' in page


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200,
        "ж" * 100,  # two octets a letter
        "a" + "ж" * 100,  # a letter's bytes would straddle the 75th octet
        "€" * 60,  # three octets
        "a" + "🏠" * 40,  # four octets
        "FN:" + "Савет, помоћ; подршка \\ " * 6,
    ],
)
def test_folding_keeps_every_line_within_75_octets_and_never_cuts_a_letter(text):
    folded = fold(text).encode("utf-8")
    lines = folded.split(b"\r\n")
    assert all(len(line) <= LINE_OCTETS for line in lines)
    assert all(line.startswith(b" ") for line in lines[1:])
    for line in lines:
        line.decode("utf-8")
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == text


@pytest.mark.parametrize("text", ["a, b; c \\ d", "line one\nline two", "nothing to escape", ";;,,\\\\"])
def test_escaping_a_text_value_reads_back_as_written(text):
    assert unescape(escape_text(text)) == text


# ---------------------------------------------------------------- quick exit


def test_a_sensitive_page_has_an_exit_button_and_asks_never_to_be_kept(out):
    for prefix in VARIANTS:
        for path in SENSITIVE:
            page = out / prefix / path / "index.html"
            head = head_of(page)
            exits = [a for a in head.anchors if "data-quick-exit" in a]
            assert [a["href"] for a in exits] == ["https://www.google.com/"], page
            assert head.meta["portal-offline"] == ["never"], page
        for path in ("needs/legal-aid/", "services/primer-pravni-savet/", "organisations/primer-mreza/", ""):
            head = head_of(out / prefix / path / "index.html")
            assert not [a for a in head.anchors if "data-quick-exit" in a] and "portal-offline" not in head.meta


def test_a_places_page_does_not_ask_to_keep_a_sensitive_service_offline(out):
    text = (out / "sr-latn/municipalities/primerovo/index.html").read_text(encoding="utf-8")
    kept = re.search(r'data-offline="([^"]*)"', text).group(1).split()
    assert "/sr-latn/services/primer-pravni-savet/" in kept
    assert "/sr-latn/services/primer-sigurna-kuca/" in text and "/sr-latn/services/primer-sigurna-kuca/" not in kept


# ---------------------------------------------------------------- "Something wrong here?"


def test_every_entry_page_offers_to_report_a_mistake_filled_in_with_the_page(out):
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/information-wrong.yml").read_text(encoding="utf-8"))
    form_fields = {field["id"] for field in form["body"] if "id" in field}
    for prefix, tag in VARIANTS.items():
        for path in (
            "services/primer-pravni-savet/",
            "organisations/primer-mreza/",
            "needs/legal-aid/",
            "municipalities/primerovo/",
        ):
            head = head_of(out / prefix / path / "index.html")
            address = f"https://primer.example.org/{prefix}/{path}"
            title = head.meta["og:title"][0]
            mail = next(urlsplit(a["href"]) for a in head.anchors if a.get("href", "").startswith("mailto:pomoc@primer.example?"))
            query = parse_qs(mail.query)
            assert query["subject"] == [title] and address in query["body"][0] and f"({tag})" in query["body"][0]
            sms = next(urlsplit(a["href"]) for a in head.anchors if a.get("href", "").startswith("sms:+381600000000"))
            assert address in parse_qs(sms.query)["body"][0]
            issue = next(urlsplit(a["href"]) for a in head.anchors if "/issues/new?" in a.get("href", ""))
            assert issue.netloc == "github.com" and issue.path == "/example/primer-portal/issues/new"
            fields = parse_qs(issue.query)
            assert fields["template"] == ["information-wrong.yml"] and fields["page"] == [address]
            assert set(fields) - {"template", "title"} <= form_fields
            assert fields["title"][0].startswith(form["title"]) and title in fields["title"][0]
    assert not [a for a in head_of(out / "en/index.html").anchors if "/issues/new" in a.get("href", "")]


def test_without_contact_or_repository_no_entry_page_offers_it(tmp_path, capsys):
    site = tmp_path / "site"
    import shutil

    shutil.copytree(FIXTURES / "reach", site)
    text = (site / "site.yml").read_text(encoding="utf-8")
    text = re.sub(r"contact:\n(  .*\n)+", "", text).replace("repository: https://github.com/example/primer-portal\n", "")
    write(site / "site.yml", text)
    status, _, err = run_portal(capsys, "--site", str(site), "build", "--out", str(tmp_path / "out"))
    assert status == 0, err
    page = (tmp_path / "out/en/services/primer-pravni-savet/index.html").read_text(encoding="utf-8")
    assert 'class="report"' not in page and "/issues/new" not in page


@pytest.mark.parametrize(
    "setting, message",
    [
        (
            "repository: https://gitlab.com/example/portal",
            "site.yml:{line}: error: repository `https://gitlab.com/example/portal` is not the address of a GitHub repository",
        ),
        ("quick_exit:\n  url: http://example.org/", "site.yml:{next}: error: `http://example.org/` is not an https address"),
        ("quick_exit:\n  needs: violence", "site.yml:{next}: error: needs must be a list of ids"),
        ("quick_exit:\n  leave: https://example.org/", "site.yml:{next}: error: unknown quick_exit setting `leave`"),
    ],
)
def test_a_wrong_repository_or_quick_exit_setting_is_reported_at_its_line(site, capsys, setting, message):
    text = (site / "site.yml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    line = text.count("\n") + 1
    write(site / "site.yml", text + setting + "\n")
    status, _, err = run_portal(capsys, "--site", str(site), "check")
    assert status == 1
    assert message.format(line=line, next=line + 1) in err


@pytest.mark.parametrize(
    "tag, locale",
    [
        ("sr-Latn", "sr_RS"),
        ("sr-Cyrl", "sr_RS"),
        ("mk", "mk_MK"),
        ("cs", "cs_CZ"),
        ("sq", "sq_AL"),
        ("de", "de_DE"),
        ("pt-BR", "pt_BR"),
        ("qaa", "qaa_RS"),
    ],
)
def test_a_language_tag_becomes_open_graphs_language_and_region(tag, locale):
    assert open_graph_locale(tag, "RS") == locale


# ---------------------------------------------------------------- saved places


def test_a_place_and_a_need_offer_to_save_themselves_with_their_services_but_none_sensitive(out):
    for prefix in VARIANTS:
        for path in ("municipalities/primerovo/", "needs/legal-aid/"):
            text = (out / prefix / path / "index.html").read_text(encoding="utf-8")
            saved = re.search(r'data-save="([^"]*)"', text).group(1).split()
            assert saved[0] == f"/{prefix}/{path}" and all(output_of(out, url).is_file() for url in saved)
            assert not any(sensitive in url for url in saved for sensitive in SENSITIVE)
            listed = set(re.findall(rf'href="(/{prefix}/services/[^"/]+/)"', text))
            assert set(saved[1:]) == listed - {f"/{prefix}/{SENSITIVE[1]}"}
            assert f'href="/{prefix}/saved/"' in text and "connect-src 'self'" in text  # saved.js fetches the pages
        for path in ("needs/safety/", "services/primer-pravni-savet/", ""):
            text = (out / prefix / path / "index.html").read_text(encoding="utf-8")
            assert "data-save=" not in text and "connect-src" not in text


def test_every_language_has_a_saved_page_that_search_engines_are_not_sent_to(out):
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for prefix in VARIANTS:
        text = (out / prefix / "saved/index.html").read_text(encoding="utf-8")
        assert "data-saved-list" in text and "<noscript>" in text
        assert head_of(out / prefix / "saved/index.html").meta["robots"] == ["noindex"]
        assert f"/{prefix}/saved/" not in sitemap
