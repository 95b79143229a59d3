"""The content model, declared once: which kinds of entry exist and which fields each may have.

`validate` checks files against these declarations; the editors' JSON Schemas and the
documentation are generated from them, so a field is never described twice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str  # one of FIELD_TYPES
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()  # for enum and enum_list
    ref_kind: str = ""  # for ref and ref_list: the kind the ids must name ("categories": ids from site.yml)
    # Written empty by `portal new` and reported by `portal check` until filled in or removed, though not required.
    scaffold: bool = False


FIELD_TYPES = (
    "text",
    "text_list",
    "int",
    "bool",
    "date",
    "month_or_date",
    "year_or_month",
    "enum",
    "enum_list",
    "ref",
    "ref_list",
    "url",
    "country",
    "country_list",
    "coordinates",
    "phone_list",
    "email_list",
    "language",
    "language_list",
    "memberships",
    "time",
    "hours",
    "hours_exceptions",
    "id",
    "text_map",
    "steps",
    "legal_basis",
)


@dataclass(frozen=True)
class KindSpec:
    name: str  # the folder under content/
    facts: tuple[FieldSpec, ...]
    texts: tuple[FieldSpec, ...]
    has_facts_file: bool = True

    def fact(self, name: str) -> FieldSpec | None:
        return next((spec for spec in self.facts if spec.name == name), None)

    def text(self, name: str) -> FieldSpec | None:
        return next((spec for spec in self.texts if spec.name == name), None)


ORGANISATION_TYPES = (
    "network",
    "primary-support",
    "peer-support",
    "youth-justice",
    "service-provider",
    "human-rights",
    "public-institution",
    "international-organisation",
    "funder",
    "strategy",
    "civil-society",
)
AUDIENCES = ("returnees", "leaving-prison", "prisoners", "families", "young-people", "professionals")
COSTS = ("free", "fee", "unknown")
MEMBERSHIP_ROLES = ("founder", "member")
# The fields of one item of a `memberships` list.
MEMBERSHIP_FIELDS = (
    FieldSpec("network", "ref", "The network's organisation id.", required=True, ref_kind="organisations"),
    FieldSpec("role", "enum", "founder or member.", required=True, choices=MEMBERSHIP_ROLES),
    FieldSpec("since", "date", "Since when (YYYY-MM-DD)."),
)

WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
# The fields of one item of an `hours` list, and of an `hours_exceptions` list.
HOURS_FIELDS = (
    FieldSpec("days", "enum_list", "Weekdays: mo, tu, we, th, fr, sa, su.", required=True, choices=WEEKDAYS),
    FieldSpec("opens", "time", "Opening time, HH:MM (00:00 to 23:59).", required=True),
    FieldSpec(
        "closes", "time", "Closing time, HH:MM; before the opening time: the next day; 24:00: the end of the day.", required=True
    ),
)
HOURS_EXCEPTION_FIELDS = (
    FieldSpec("date", "date", "The day (YYYY-MM-DD).", required=True),
    FieldSpec("closed", "bool", "true when closed all day."),
    FieldSpec("opens", "time", "Opening time that day, HH:MM."),
    FieldSpec("closes", "time", "Closing time that day, HH:MM; before the opening time: the next day."),
)

# Pathways (content/pathways/): the kinds of office a step sends the reader to, and the papers to bring.
# Keywords, not text: the theme's catalogs name them in every language (templates/_vocabulary.html).
OFFICES = (
    "registry-office",
    "police-station",
    "social-work-centre",
    "health-insurance-fund",
    "health-centre",
    "school",
    "court",
    "municipality",
)
DOCUMENTS = (
    "birth-certificate",
    "citizenship-certificate",
    "id-card",
    "proof-of-address",
    "residence-registration",
    "health-insurance-card",
    "return-papers",
    "photo",
)
# `if_refused` may name an organisation or a service: the kinds its ids are looked up in, in this order.
REFUSAL_HELP = "organisations|services"
# The fields of one item of a pathway's `steps` list.
STEP_FIELDS = (
    FieldSpec("id", "id", "The step's id, for its text in each language: small latin letters, digits and -.", required=True),
    FieldSpec("services", "ref_list", "Services where this step is done, or that help with it.", ref_kind="services"),
    FieldSpec("office", "enum", "The kind of office where this step is done.", choices=OFFICES),
    FieldSpec("bring", "enum_list", "Papers to bring along.", choices=DOCUMENTS),
    FieldSpec("cost", "enum", "What it costs.", choices=COSTS),
    FieldSpec("takes_days", "int", "About how many days it takes (0: the same day)."),
)
# The fields of one item of a pathway's `legal_basis` list.
LEGAL_BASIS_FIELDS = (
    FieldSpec("law", "text", "The law's name, as written in the country's language.", required=True),
    FieldSpec("article", "text", "The article, e.g. 17."),
    FieldSpec("link", "url", "The web address of the law's text, starting with https://."),
    FieldSpec("checked", "date", "The day someone last checked that it still applies (YYYY-MM-DD).", required=True),
)

COMMON_FACTS = (
    FieldSpec(
        "last_verified",
        "date",
        "The day someone checked these facts with the organisation (YYYY-MM-DD); leave it out if nobody has.",
        scaffold=True,
    ),
    FieldSpec(
        "source_date",
        "year_or_month",
        'The date of the document these facts were taken from: YYYY or YYYY-MM (shown as "from a document of 2020").',
    ),
    FieldSpec(
        "source_language", "language", "The language the texts were first written in; default: the site's default language."
    ),
    FieldSpec("example", "bool", "true for sample data that is not real; the page then says so."),
    FieldSpec(
        "sensitive",
        "bool",
        "true for help a reader may need to hide (violence, abuse): the page has an Exit button and is never kept offline.",
    ),
)
# Other names readers know an entry by: found by search in every language, never shown.
ALIASES = FieldSpec(
    "aliases",
    "text_list",
    "Other names readers search for: acronyms (MOPPS), former names, the name in another language or script; search finds "
    "the entry by them in every language.",
)
COMMON_TEXTS = (
    FieldSpec("title", "text", "The name or heading, as readers see it.", required=True),
    FieldSpec("summary", "text", "One sentence shown in lists."),
    FieldSpec("lang", "language", "A narrower language tag for this text, e.g. rmy in a rom file."),
    FieldSpec(
        "translated_from", "text", "The version of the source text this translation was made from (written by `portal status`)."
    ),
)

KINDS: dict[str, KindSpec] = {
    "organisations": KindSpec(
        "organisations",
        COMMON_FACTS
        + (
            FieldSpec("type", "enum", "Kind of organisation.", required=True, choices=ORGANISATION_TYPES),
            FieldSpec("city", "text", "The city, as written in the default language."),
            FieldSpec("country", "country", "ISO 3166 country code, e.g. RS."),
            FieldSpec("phone", "phone_list", "Phone numbers in international format, e.g. +381 11 123 4567."),
            FieldSpec("email", "email_list", "E-mail addresses."),
            FieldSpec("website", "url", "The web address, starting with https://."),
            FieldSpec("memberships", "memberships", "Networks this organisation belongs to: network, role, since."),
            ALIASES,
        ),
        COMMON_TEXTS,
    ),
    "services": KindSpec(
        "services",
        COMMON_FACTS
        + (
            FieldSpec("provider", "ref", "The organisation that provides it.", ref_kind="organisations"),
            FieldSpec("audiences", "enum_list", "Who it is for.", required=True, choices=AUDIENCES),
            FieldSpec("categories", "ref_list", "Needs it helps with (ids from site.yml).", required=True, ref_kind="categories"),
            FieldSpec("municipalities", "ref_list", "Where it is offered.", ref_kind="municipalities"),
            FieldSpec("address", "text", "The address, as written locally."),
            FieldSpec("coordinates", "coordinates", "[latitude, longitude] of the entrance, for the map."),
            FieldSpec(
                "hours",
                "hours",
                "Opening hours: blocks of days, opens, closes; a day may have several blocks, which must not overlap.",
            ),
            FieldSpec("hours_exceptions", "hours_exceptions", "Days with other hours: date, and closed: true or opens/closes."),
            FieldSpec("open_on_holidays", "bool", "true when it keeps its usual hours on public holidays (default: closed)."),
            FieldSpec("phone", "phone_list", "Phone numbers in international format."),
            FieldSpec("email", "email_list", "E-mail addresses."),
            FieldSpec("website", "url", "The web address, starting with https://."),
            FieldSpec("languages", "language_list", "Languages spoken there, as tags."),
            FieldSpec("cost", "enum", "What it costs.", choices=COSTS),
            ALIASES,
        ),
        COMMON_TEXTS
        + (
            FieldSpec("bring", "text_list", "What to bring along, one item a line."),
            FieldSpec("cost_note", "text", "A sentence about the cost."),
        ),
    ),
    "municipalities": KindSpec(
        "municipalities",
        COMMON_FACTS
        + (
            FieldSpec("country", "country", "ISO 3166 country code, e.g. RS.", required=True),
            FieldSpec("coordinates", "coordinates", "[latitude, longitude] of the centre.", required=True),
            ALIASES,
        ),
        COMMON_TEXTS,
    ),
    "projects": KindSpec(
        "projects",
        COMMON_FACTS
        + (
            FieldSpec("lead", "ref", "The organisation that leads it.", ref_kind="organisations"),
            FieldSpec("partners", "ref_list", "Partner organisations.", ref_kind="organisations"),
            FieldSpec("funders", "ref_list", "Organisations that fund it.", ref_kind="organisations"),
            FieldSpec("countries", "country_list", "ISO 3166 country codes where it works."),
            FieldSpec("start", "month_or_date", "When it started: YYYY-MM or YYYY-MM-DD."),
            FieldSpec("end", "month_or_date", "When it ended or ends: YYYY-MM or YYYY-MM-DD."),
            FieldSpec("email", "email_list", "Contact e-mail addresses."),
            FieldSpec("website", "url", "The web address, starting with https://."),
            ALIASES,
        ),
        COMMON_TEXTS,
    ),
    "pages": KindSpec(
        "pages", COMMON_FACTS + (FieldSpec("order", "int", "Position in the menu (smaller first)."),), COMMON_TEXTS
    ),
    "categories": KindSpec("categories", (), COMMON_TEXTS, has_facts_file=False),
    "pathways": KindSpec(
        "pathways",
        COMMON_FACTS
        + (
            FieldSpec("requires", "ref_list", "Pathways to go through first.", ref_kind="pathways"),
            FieldSpec("steps", "steps", "The steps in order: id, services, office, bring, cost, takes_days.", required=True),
            FieldSpec("legal_basis", "legal_basis", "The law that gives the right: law, article, link, checked."),
            FieldSpec(
                "if_refused", "ref_list", "Organisations or services that help when an office refuses.", ref_kind=REFUSAL_HELP
            ),
            FieldSpec("audiences", "enum_list", "Who it is for.", required=True, choices=AUDIENCES),
            FieldSpec("countries", "country_list", "ISO 3166 codes of the countries where it applies."),
            FieldSpec("categories", "ref_list", "Needs it helps with (ids from site.yml).", required=True, ref_kind="categories"),
        ),
        COMMON_TEXTS + (FieldSpec("steps", "text_map", "A short text for each step, by the step's id."),),
    ),
}

# Ids a page may not take, because the section of that name lives at the same address.
SECTION_OF_KIND = {
    "organisations": "organisations",
    "services": "services",
    "municipalities": "municipalities",
    "projects": "projects",
    "categories": "needs",
    "pathways": "pathways",
}
RESERVED_IDS = frozenset(SECTION_OF_KIND.values()) | {
    "static",
    "assets",
    "search",
    "status",
    "404",
    "index",
    "sitemap",
    "home",
    "saved",
}
