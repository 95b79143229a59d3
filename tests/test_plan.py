"""The views the plan gives the theme, as a reader sees them: check dates, share links, places, structured data."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

from conftest import write
from portal.build import build


def html_of(site, path: str) -> str:
    return build(site).files[path].decode()


def structured_data(html: str) -> dict:
    [found] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return json.loads(found)


def checked_line(html: str) -> str:
    return re.search(r'<p class="checked">(.*?)</p>', html).group(1)


def test_entry_page_gives_its_own_check_date(site):
    write(site / "content/organisations/mreza/facts.yml", "type: network\ncountry: RS\nlast_verified: 2025-02-03\n")
    assert checked_line(html_of(site, "en/organisations/neostart/index.html")) == "Last checked: 1 November 2026"


def test_list_pages_give_the_oldest_check_date_of_what_they_list(site):
    write(site / "content/organisations/mreza/facts.yml", "type: network\ncountry: RS\nlast_verified: 2025-02-03\n")
    files = build(site).files
    oldest = "Oldest check of the information on this page: 3 February 2025"
    assert checked_line(files["en/organisations/index.html"].decode()) == oldest
    assert (
        checked_line(files["en/services/index.html"].decode()) == "Oldest check of the information on this page: 1 November 2026"
    )


def test_a_need_and_a_place_count_the_dates_of_their_services(site):
    write(
        site / "content/services/pravna-pomoc/facts.yml",
        "provider: neostart\naudiences: [families]\ncategories: [legal-aid]\nmunicipalities: [novi-sad]\nlast_verified: 2025-06-30\n",
    )
    files = build(site).files
    for page in (
        "en/needs/legal-aid/index.html",
        "en/municipalities/novi-sad/index.html",
        "en/index.html",
        "en/needs/index.html",
    ):
        assert checked_line(files[page].decode()) == "Oldest check of the information on this page: 30 June 2025", page


def test_share_links_carry_the_title_and_the_full_address(site):
    html = html_of(site, "en/organisations/neostart/index.html")
    [whatsapp] = re.findall(r'href="https://wa\.me/\?text=([^"]+)"', html)
    assert unquote(whatsapp) == "Neostart https://help.example.org/en/organisations/neostart/"
    assert f'href="viber://forward?text={whatsapp}"' in html and f'href="sms:?body={whatsapp}"' in html
    assert '<span class="url">https://help.example.org/en/organisations/neostart/</span>' in html


def test_outside_links_say_in_words_that_they_leave_the_site(site):
    html = html_of(site, "en/municipalities/novi-sad/index.html")
    assert re.search(
        r'<a class="external" [^>]*href="https://www\.openstreetmap\.org/[^"]*">OpenStreetMap'
        r'<span class="visually-hidden"> \(leaves this site\)</span></a>',
        html,
    )
    assert '<span id="leaves-site" hidden>leaves this site</span>' in html  # what Markdown links point to


def test_outside_links_in_markdown_point_to_the_pages_note(site):
    write(site / "content/pages/about/en.md", "---\ntitle: About\n---\nSee [the map](https://www.openstreetmap.org/).\n")
    html = html_of(site, "en/about/index.html")
    assert 'class="external" aria-describedby="leaves-site"' in html and 'id="leaves-site"' in html


def test_place_page_links_the_map_app_and_keeps_its_services_offline(site):
    html = html_of(site, "sr-latn/municipalities/novi-sad/index.html")
    assert 'href="geo:45.2671,19.8335"' in html
    assert "<p>Novi Sad, Srbija</p>" in html
    assert '<main id="main" data-offline="/sr-latn/services/pravna-pomoc/">' in html


def test_service_address_becomes_map_links_and_text(site):
    facts = site / "content/services/pravna-pomoc/facts.yml"
    write(facts, facts.read_text() + "address: Zmaj Jovina 1\n")
    html = html_of(site, "en/services/pravna-pomoc/index.html")
    assert re.search(r'<p class="where"><svg [^>]*>.*?</svg> Zmaj Jovina 1, <a href="/en/municipalities/novi-sad/">', html)
    assert 'href="geo:0,0?q=Zmaj%20Jovina%201%2C%20Novi%20Sad"' in html
    assert 'href="https://www.openstreetmap.org/search?query=Zmaj%20Jovina%201%2C%20Novi%20Sad"' in html
    assert structured_data(html)["availableChannel"]["serviceLocation"]["address"] == "Zmaj Jovina 1"


def add_services(site, count: int) -> None:
    """`count` more services for the need legal-aid, named so that their order is known."""
    for number in range(count):
        folder = site / f"content/services/extra-{number:03d}"
        write(
            folder / "facts.yml",
            "provider: neostart\naudiences: [families]\ncategories: [legal-aid]\n"
            f"municipalities: [novi-sad]\nlast_verified: {'2026-06-01' if number < 100 else '2025-03-01'}\n",
        )
        write(folder / "sr-Latn.md", f"---\ntitle: Usluga {number:03d}\n---\nTekst.\n")


def listed(html: str) -> int:
    """How many entries a list page lists (its cards, not its page links)."""
    return html.count('<li class="card">')


def test_a_long_list_is_split_into_pages_linked_both_ways(site):
    add_services(site, 120)  # 121 services: three pages of at most 50
    files = build(site).files
    first, second, third = (
        files[path].decode()
        for path in ("en/services/index.html", "en/services/page-2/index.html", "en/services/page-3/index.html")
    )
    assert "en/services/page-4/index.html" not in files
    assert [listed(page) for page in (first, second, third)] == [50, 50, 21]
    assert "121 entries" in first and "121 entries" in third  # the count is of the whole list
    assert 'href="/en/services/page-2/" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="/en/services/" rel="prev"' in second and 'href="/en/services/page-3/" rel="next"' in second
    assert 'href="/en/services/page-3/" aria-current="page"' in third
    # the other languages have the same pages, and say so to search engines
    assert 'hreflang="de"' not in second and 'hreflang="cs" href="https://help.example.org/cs/services/page-2/"' in second
    # each page gives the oldest check of what it lists, not of the whole list
    assert checked_line(first).endswith("1 June 2026") and checked_line(third).endswith("1 March 2025")


def test_a_need_with_many_services_lists_them_on_pages(site):
    add_services(site, 60)
    files = build(site).files
    assert listed(files["en/needs/legal-aid/index.html"].decode()) == 50
    assert listed(files["en/needs/legal-aid/page-2/index.html"].decode()) == 11


def test_a_long_need_counts_all_its_services_on_each_page_and_lists_those_for_professionals_once(site):
    add_services(site, 60)  # with the fixture's own: 61 for families
    write(
        site / "content/services/obuka/facts.yml",
        "audiences: [professionals]\ncategories: [legal-aid]\nmunicipalities: [novi-sad]\nlast_verified: 2026-06-01\n",
    )
    write(site / "content/services/obuka/sr-Latn.md", "---\ntitle: Obuka za socijalne radnike\n---\nTekst.\n")
    files = build(site).files
    first, second = (files[f"en/needs/legal-aid/{page}index.html"].decode() for page in ("", "page-2/"))
    assert "62 services are listed here." in first and "62 services are listed here." in second
    assert [listed(first), listed(second)] == [51, 11]  # 50 and 11 for families; the one for professionals on the first
    assert first.count('href="/en/services/obuka/"') == 1 and 'href="/en/services/obuka/"' not in second
    assert first.index('class="professionals"') > first.rindex('href="/en/services/extra-')


def test_a_short_list_has_no_page_links(site):
    html = html_of(site, "en/services/index.html")
    assert 'class="pagination"' not in html and "page-2" not in html


# ---------------------------------------------------------------- lists in each language's alphabetical order

# Towns whose order by code points is wrong in every language: č, š, lj and Czech ě. (id, country, coordinates, sr-Latn, cs)
TOWNS = [
    ("beograd", "RS", "[44.8176, 20.4569]", "Beograd", "Bělehrad"),
    ("bruntal", "CZ", "[49.9884, 17.4647]", "Bruntal", "Bruntál"),
    ("cacak", "RS", "[43.8914, 20.3497]", "Čačak", None),
    ("ljig", "RS", "[44.2261, 20.2389]", "Ljig", None),
    ("lucani", "RS", "[43.8606, 20.1381]", "Lučani", None),
    ("sabac", "RS", "[44.7553, 19.6923]", "Šabac", None),
    ("smederevo", "RS", "[44.6650, 20.9300]", "Smederevo", None),
    ("vranje", "RS", "[42.5514, 21.9003]", "Vranje", None),
]
# Services with obviously made-up names, beside the fixture's "Besplatna pravna pomoć".
EXAMPLE_SERVICES = {"citaonica": "Čitaonica (primer)", "centar": "Centar (primer)", "salter": "Šalter (primer)"}
EXAMPLE_SERVICES["savetovaliste"] = "Savetovalište (primer)"


def add_towns_and_services(site) -> None:
    for entry_id, country, coordinates, serbian, czech in TOWNS:
        folder = site / "content/municipalities" / entry_id
        write(folder / "facts.yml", f"country: {country}\ncoordinates: {coordinates}\nlast_verified: 2026-11-01\n")
        write(folder / "sr-Latn.md", f"---\ntitle: {serbian}\n---\n")
        if czech:
            write(folder / "cs.md", f"---\ntitle: {czech}\n---\n")
    for entry_id, title in EXAMPLE_SERVICES.items():
        folder = site / "content/services" / entry_id
        write(
            folder / "facts.yml",
            "provider: neostart\naudiences: [families]\ncategories: [legal-aid]\nmunicipalities: [novi-sad]\nlast_verified: 2026-11-01\n",
        )
        write(folder / "sr-Latn.md", f"---\ntitle: {title}\n---\nTekst.\n")


def listed_titles(html: str) -> list[str]:
    """The titles a list page lists, in the order a reader meets them."""
    cards = re.search(r'<ul class="cards">(.*?)</ul>', html, flags=re.S).group(1)
    return [title_text(title) for title in re.findall(r'<a href="[^"]+">(.*?)</a>', cards)]


def title_text(link: str) -> str:
    """A link's words without <span lang>, and without the mark of a title in another language ("Serbian (Latin)")."""
    return re.sub(r"<[^>]+>", "", re.sub(r' <small class="tag">.*?</small>', "", link))


def test_places_are_listed_in_the_alphabetical_order_of_each_language(site):
    add_towns_and_services(site)
    files = build(site).files
    places = {prefix: listed_titles(files[f"{prefix}/municipalities/index.html"].decode()) for prefix in ("sr-latn", "cs", "en")}
    # Serbian Latin: č after c, lj after l, š after s
    assert places["sr-latn"] == ["Beograd", "Bruntal", "Čačak", "Lučani", "Ljig", "Novi Sad", "Smederevo", "Šabac", "Vranje"]
    # Czech: Bělehrad before Bruntál (ě is e with a mark), č and š after c and s, but lj is two letters
    assert places["cs"] == ["Bělehrad", "Bruntál", "Čačak", "Ljig", "Lučani", "Nový Sad", "Smederevo", "Šabac", "Vranje"]
    # English (the Serbian titles, as the English texts are missing): letters with marks beside their base letters
    assert places["en"] == ["Beograd", "Bruntal", "Čačak", "Ljig", "Lučani", "Novi Sad", "Šabac", "Smederevo", "Vranje"]
    cyrillic = listed_titles(files["sr-cyrl/municipalities/index.html"].decode())
    assert cyrillic == ["Београд", "Брунтал", "Врање", "Лучани", "Љиг", "Нови Сад", "Смедерево", "Чачак", "Шабац"]
    home = files["sr-latn/index.html"].decode()  # the start page lists the places in the same order
    positions = [home.index(f'/sr-latn/municipalities/{entry_id}/"') for entry_id in ("beograd", "cacak", "ljig", "sabac")]
    assert positions == sorted(positions)


def test_the_numbers_on_the_maps_of_places_follow_the_list(site):
    add_towns_and_services(site)
    files = build(site).files
    for prefix in ("sr-latn", "cs", "en", "sr-cyrl"):
        html = files[f"{prefix}/municipalities/index.html"].decode()
        in_list = re.findall(r'<span class="number" aria-hidden="true">(\d+)</span> <a href="([^"]+)">(.*?)</a>', html)
        assert [int(number) for number, _url, _title in in_list] == list(range(1, len(TOWNS) + 2))
        assert [title_text(title) for _number, _url, title in in_list] == listed_titles(html)
        on_maps = dict(re.findall(r'<a href="([^"]+)"><title>(\d+)\. [^<]+</title>', html))
        assert on_maps == {url: number for number, url, _title in in_list}, prefix


def test_services_are_listed_in_the_alphabetical_order_of_each_language(site):
    add_towns_and_services(site)
    files = build(site).files
    serbian = ["Besplatna pravna pomoć", "Centar (primer)", "Čitaonica (primer)", "Savetovalište (primer)", "Šalter (primer)"]
    for page in ("sr-latn/services/index.html", "sr-latn/needs/legal-aid/index.html", "cs/services/index.html"):
        assert listed_titles(files[page].decode()) == serbian, page
    english = ["Besplatna pravna pomoć", "Centar (primer)", "Čitaonica (primer)", "Šalter (primer)", "Savetovalište (primer)"]
    assert listed_titles(files["en/services/index.html"].decode()) == english
    cyrillic = ["Бесплатна правна помоћ", "Саветовалиште (пример)", "Центар (пример)", "Читаоница (пример)", "Шалтер (пример)"]
    assert listed_titles(files["sr-cyrl/services/index.html"].decode()) == cyrillic
