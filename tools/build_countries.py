#!/usr/bin/env python3
"""Build data/countries.csv: one row per UN member state (193 rows).

Run from the repository root (or anywhere):  python3 tools/build_countries.py

Inputs
  * pycountry (ISO 3166-1 codes, English names, bundled German gettext catalogue);
  * the small explicit ISO3 sets below, typed in from the sources named in the comments.
    Every source_id refers to a row of data/sources.csv.

Everything is "as of" AS_OF (the date of the DER STANDARD article). Changes after that date
are not applied to the booleans; they are described in `membership_note` and in
data/notes/countries.md.

The script asserts: 193 rows; each regional-group list has the size the source gives;
no state is in two groups except the documented case (Türkiye); every membership set is a
subset of the 193; every cited source_id exists in the sources file.
"""
from __future__ import annotations

import csv
import gettext
import io
import sys
from pathlib import Path

import pycountry
from _atomic import write_text

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "countries.csv"
SOURCES = ROOT / "data" / "sources.csv"

AS_OF = "2024-06-18"

# ---------------------------------------------------------------------------------------
# UN regional groups.
# Source: countries-un-dgacm-regional-groups -- UN DGACM, "Regional groups of Member States",
# https://www.un.org/dgacm/en/content/regional-groups . The stored copy that was read holds the
# African, Asia-Pacific and Eastern European tables completely and the Latin American and
# Caribbean table up to "Saint Vincent and the Grenadines"; the rest of that table and the WEOG
# table were read in countries-sdmtools-un-regions-2024-02-02 (a transcription of the same UN
# page made on 2024-02-02), which agrees with the stored copy wherever both can be read.
# ISO3 codes were assigned by us from the UN short names.
# ---------------------------------------------------------------------------------------
AFRICAN = {  # "African States", 54 listed
    "DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD",
    "COM", "COG", "CIV", "COD", "DJI", "EGY", "GNQ", "ERI", "SWZ", "ETH",
    "GAB", "GMB", "GHA", "GIN", "GNB", "KEN", "LSO", "LBR", "LBY", "MDG",
    "MWI", "MLI", "MRT", "MUS", "MAR", "MOZ", "NAM", "NER", "NGA", "RWA",
    "STP", "SEN", "SYC", "SLE", "SOM", "ZAF", "SSD", "SDN", "TGO", "TUN",
    "UGA", "TZA", "ZMB", "ZWE",
}
ASIA_PACIFIC_LISTED = {  # "Asia-Pacific States", 55 listed incl. Türkiye (marked *) and Kiribati
    "AFG", "BHR", "BGD", "BTN", "BRN", "KHM", "CHN", "CYP", "PRK", "FJI",
    "IND", "IDN", "IRN", "IRQ", "JPN", "JOR", "KAZ", "KIR", "KWT", "KGZ",
    "LAO", "LBN", "MYS", "MDV", "MHL", "FSM", "MNG", "MMR", "NRU", "NPL",
    "OMN", "PAK", "PLW", "PNG", "PHL", "QAT", "KOR", "WSM", "SAU", "SGP",
    "SLB", "LKA", "SYR", "TJK", "THA", "TLS", "TON", "TUR", "TKM", "TUV",
    "ARE", "UZB", "VUT", "VNM", "YEM",
}
EASTERN_EUROPEAN = {  # "Eastern European States", 23 listed
    "ALB", "ARM", "AZE", "BLR", "BIH", "BGR", "HRV", "CZE", "EST", "GEO",
    "HUN", "LVA", "LTU", "MNE", "MKD", "POL", "MDA", "ROU", "RUS", "SRB",
    "SVK", "SVN", "UKR",
}
LATIN_AMERICAN_CARIBBEAN = {  # "Latin American and Caribbean States", 33 listed
    "ATG", "ARG", "BHS", "BRB", "BLZ", "BOL", "BRA", "CHL", "COL", "CRI",
    "CUB", "DMA", "DOM", "ECU", "SLV", "GRD", "GTM", "GUY", "HTI", "HND",
    "JAM", "MEX", "NIC", "PAN", "PRY", "PER", "KNA", "LCA", "VCT", "SUR",
    "TTO", "URY", "VEN",
}
WEOG_LISTED = {  # "Western European and other States", 29 listed incl. Türkiye and the USA
    "AND", "AUS", "AUT", "BEL", "CAN", "DNK", "FIN", "FRA", "DEU", "GRC",
    "ISL", "IRL", "ISR", "ITA", "LIE", "LUX", "MLT", "MCO", "NLD", "NZL",
    "NOR", "PRT", "SMR", "ESP", "SWE", "CHE", "TUR", "GBR", "USA",
}

LISTED = {
    "African": AFRICAN,
    "Asia-Pacific": ASIA_PACIFIC_LISTED,
    "Eastern European": EASTERN_EUROPEAN,
    "Latin American and Caribbean": LATIN_AMERICAN_CARIBBEAN,
    "Western European and Others": WEOG_LISTED,
}
LISTED_SIZES = {  # sizes of the tables as the DGACM page gives them
    "African": 54,
    "Asia-Pacific": 55,
    "Eastern European": 23,
    "Latin American and Caribbean": 33,
    "Western European and Others": 29,
}
# Documented special cases (UN Ask DAG FAQ, countries-un-askdag-regional-groups):
# Türkiye participates fully in Asia-Pacific and WEOG but counts as WEOG for elections.
DOCUMENTED_DOUBLE = {"TUR": "Western European and Others"}
# The USA is in no regional group (observer at WEOG, counted with WEOG for elections).
NO_GROUP = {"USA"}
FINAL_SIZES = {  # group sizes after resolving the special cases
    "African": 54,
    "Asia-Pacific": 54,
    "Eastern European": 23,
    "Latin American and Caribbean": 33,
    "Western European and Others": 28,
    "none": 1,
}
GROUP_VALUES = list(FINAL_SIZES)

# ---------------------------------------------------------------------------------------
# Memberships, all as of AS_OF.
# ---------------------------------------------------------------------------------------
# ASEAN, 10 members. Sources: countries-wikipedia-asean-members (10 member states with
# accession dates); countries-ians-2025-10-26-timor-leste-asean (Timor-Leste became the 11th
# member on 2025-10-26, the first enlargement since Cambodia in 1999).
ASEAN = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}

# EU, 27 members. Source: countries-eurostat-glossary-eu (list of the 27; Croatia the latest
# accession in 2013; the United Kingdom left on 2020-01-31).
EU = {
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA",
    "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD",
    "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
}

# NATO, 32 members. Sources: countries-eata-nato-members (31 members incl. Finland 2023, with
# accession years); countries-difesaonline-2024-03-sweden-nato (Sweden became the 32nd member
# on 2024-03-07); countries-latestly-2023-04-04-finland-nato (Finland 31st on 2023-04-04).
NATO = {
    "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA",
    "DEU", "GRC", "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD",
    "MKD", "NOR", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "TUR",
    "GBR", "USA",
}

# CSTO, 6 members. Sources: countries-wikipedia-csto (six post-Soviet states; note that
# Armenia de facto "froze" its membership in February 2024);
# countries-asbarez-2024-02-23-armenia-csto (Pashinyan's statement; no formal step).
CSTO = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}

# SCO, 9 members on AS_OF. Sources: countries-trend-2024-07-04-sco-astana (six founders,
# India and Pakistan 2017, Iran 2023, Belarus accepted at the Astana summit of 2024-07-04);
# countries-wikipedia-sco-members (10 members after Belarus).
SCO = {"CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "IND", "PAK", "IRN"}

# BRICS, 9 members on AS_OF, Saudi Arabia contested. Sources: countries-wikipedia-brics
# (Egypt, Ethiopia, Iran, UAE attended the 2024 summit as members; Saudi Arabia still
# considering; Indonesia joined in early 2025); countries-babel-2024-01-02-brics (new members
# from 2024-01-01, Argentina declined); countries-alarabiya-2024-01-16-saudi-brics (Saudi
# minister: "we have not officially joined yet"); countries-dailysabah-2025-01-06-indonesia-brics.
BRICS = {"BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE"}
BRICS_UNKNOWN = {"SAU"}  # left empty (unknown / contested) rather than true or false

MEMBERSHIPS = {
    "asean": ASEAN,
    "eu": EU,
    "nato": NATO,
    "csto": CSTO,
    "sco": SCO,
    "brics": BRICS,
}
MEMBERSHIP_SIZES = {"asean": 10, "eu": 27, "nato": 32, "csto": 6, "sco": 9, "brics": 9}

MEMBERSHIP_NOTES = {
    "ARG": "BRICS: invited in August 2023 to join from 2024-01-01 but declined; not a member.",
    "ARE": "BRICS: member since 2024-01-01.",
    "ARM": ("CSTO: still a member on 2024-06-18, but on 2024-02-22 PM Pashinyan said Armenia had "
            "'frozen' its participation; the Kremlin said no official step had been taken."),
    "BLR": "SCO: became a full member at the Astana summit on 2024-07-04, after the as-of date.",
    "EGY": "BRICS: member since 2024-01-01.",
    "ETH": "BRICS: member since 2024-01-01.",
    "FIN": "NATO: member since 2023-04-04.",
    "IDN": "BRICS: became a full member on 2025-01-06 (announced by Brazil), after the as-of date.",
    "IRN": "BRICS: member since 2024-01-01. SCO: full member since 2023.",
    "SAU": ("BRICS: invited in August 2023 to join from 2024-01-01; some reports in January 2024 "
            "counted it as a member, but Saudi ministers said it had not officially joined and "
            "was still considering; left empty (contested)."),
    "SWE": "NATO: member since 2024-03-07.",
    "TLS": ("ASEAN: admitted as the 11th member on 2025-10-26, after the as-of date "
            "(observer status since 2022)."),
}

GROUP_NOTES = {
    "ISR": ("WEOG member since May 2000, first on a temporary basis; the membership was "
            "renewed permanently in 2004."),
    "KIR": ("Listed under Asia-Pacific by the UN DGACM page (transcription of 2024-02-02); "
            "older sources (UN Ask DAG FAQ 'as of 2010', Wikipedia 2014 text) say Kiribati is in "
            "no group. Sources disagree."),
    "TUR": ("Listed by the UN in both Asia-Pacific and WEOG; participates fully in both but "
            "counts as WEOG for electoral purposes."),
    "USA": ("Not a member of any regional group; attends WEOG meetings as an observer and is "
            "counted with WEOG for electoral purposes. The 2024-02-02 transcription of the UN "
            "DGACM page lists it in the WEOG table."),
}

SRC_GROUPS = "countries-un-dgacm-regional-groups"
SRC_GROUPS_2 = {
    "Asia-Pacific": "countries-wikipedia-asia-pacific-group",
    "Latin American and Caribbean": "countries-frwiki-grulac",
}
SRC_SPECIAL = "countries-un-askdag-regional-groups"

# Short names for chart labels where the English name is long or formal (countries.short_name;
# every other state's short_name is its name_en).
SHORT_NAMES = {
    "RUS": "Russia", "COD": "DR Congo", "COG": "Congo", "FSM": "Micronesia", "VCT": "St Vincent & Gren.",
    "KNA": "St Kitts & Nevis", "STP": "São Tomé & Príncipe", "BIH": "Bosnia & Herz.", "ATG": "Antigua & Barbuda",
    "TTO": "Trinidad & Tobago", "BRN": "Brunei", "CAF": "Central African Rep.", "ARE": "UAE", "GBR": "UK",
    "USA": "USA", "LAO": "Laos", "PRK": "North Korea", "KOR": "South Korea", "SYR": "Syria", "IRN": "Iran",
    "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania", "MDA": "Moldova",
}

# German short names where name_de is long or in ISO's inverted form ("Korea, Demokratische
# Volksrepublik"): the everyday forms Austrian newspapers use (countries.short_name_de; every other
# state's short_name_de is its name_de).
SHORT_NAMES_DE = {
    "ARE": "VAE", "ATG": "Antigua & Barbuda", "BIH": "Bosnien & Herz.", "BOL": "Bolivien", "BRN": "Brunei",
    "CAF": "Zentralafr. Rep.", "COD": "DR Kongo", "FSM": "Mikronesien", "GBR": "Großbritannien", "IRN": "Iran",
    "KNA": "St. Kitts & Nevis", "KOR": "Südkorea", "LAO": "Laos", "MDA": "Moldau", "PRK": "Nordkorea",
    "RUS": "Russland", "STP": "São Tomé & Príncipe", "SYR": "Syrien", "TTO": "Trinidad & Tobago",
    "TZA": "Tansania", "USA": "USA", "VCT": "St. Vincent & Gren.", "VEN": "Venezuela",
}

# The German short names that are plural (die USA stimmten, die Niederlande stimmten):
# countries.number_de; every other state's is singular. tests/test_chart_words.py checks that
# every short_name_de plural in form is here.
PLURAL_DE = {"ARE", "BHS", "COM", "MDV", "MHL", "NLD", "PHL", "SLB", "SYC", "USA"}

# The definite article a German short name takes where it is the subject of a sentence (die USA,
# die Schweiz, der Iran): countries.article_de; empty where the name stands without one (Russland).
ARTICLE_DE = {
    **{iso3: "die" for iso3 in PLURAL_DE},
    "CAF": "die", "CHE": "die", "COD": "die", "DOM": "die", "MNG": "die", "SVK": "die", "TUR": "die", "UKR": "die",
    "COG": "der", "IRN": "der", "IRQ": "der", "LBN": "der", "SDN": "der", "SSD": "der", "TCD": "der", "YEM": "der",
}

# short_name_de after a German preposition or noun that asks for a case (countries.short_name_de_dative,
# short_name_de_genitive): 'mit den USA', 'unter Beteiligung der USA'. The article follows ARTICLE_DE
# and PLURAL_DE; a name without an article is itself in the dative and takes -s in the genitive
# (Russlands), except the names that cannot take it (ending in -s, or a compound or abbreviated
# name), which German joins with 'von' instead (unter Beteiligung von Laos).
DATIVE_ARTICLE_DE = {("der", False): "dem", ("die", False): "der", ("die", True): "den"}
GENITIVE_ARTICLE_DE = {("der", False): "des", ("die", False): "der", ("die", True): "der"}
DATIVE_PLURAL_N_DE = {"NLD"}  # a plural noun takes -n in the dative: den Niederlanden
GENITIVE_VON_DE = {"ATG", "BIH", "BLR", "BRB", "CIV", "HND", "KNA", "LAO", "MUS", "STP", "TTO", "VCT"}
# Where a flow comes from and where it goes (countries.short_name_de_von, short_name_de_nach): 'von'
# + the dative, 'von dem' contracted to 'vom' (vom Iran, von der Ukraine, von den USA, von Russland);
# 'in' + the accusative where the name has an article (in den Iran, in die USA), else 'nach' (nach
# Russland).
VON_DATIVE_DE = {"dem": "vom", "der": "von der", "den": "von den"}
DIRECTION_ARTICLE_DE = {("der", False): "den", ("die", False): "die", ("die", True): "die"}


def case_forms_de(iso3: str, name: str) -> tuple[str, str, str, str]:
    """(dative, genitive, from, to) of the German short name `name`: ('den USA', 'der USA',
    'von den USA', 'in die USA'), ('dem Iran', 'des Iran', 'vom Iran', 'in den Iran'), ('Russland',
    'Russlands', 'von Russland', 'nach Russland'), ('Laos', 'von Laos', 'von Laos', 'nach Laos')."""
    article, plural = ARTICLE_DE.get(iso3, ""), iso3 in PLURAL_DE
    if article:
        dative_name = name + "n" if iso3 in DATIVE_PLURAL_N_DE else name
        dative_article = DATIVE_ARTICLE_DE[article, plural]
        return (f"{dative_article} {dative_name}", f"{GENITIVE_ARTICLE_DE[article, plural]} {name}",
                f"{VON_DATIVE_DE[dative_article]} {dative_name}", f"in {DIRECTION_ARTICLE_DE[article, plural]} {name}")
    return name, f"von {name}" if iso3 in GENITIVE_VON_DE else f"{name}s", f"von {name}", f"nach {name}"


FIELDS = [
    "iso3", "name_en", "short_name", "name_de", "short_name_de", "short_name_de_dative", "short_name_de_genitive",
    "short_name_de_von", "short_name_de_nach", "number_de", "article_de", "un_region_group",
    "asean", "eu", "nato", "csto", "sco", "brics", "membership_note",
    "source_id", "source_id_2", "note",
]


def check_groups() -> dict[str, str]:
    """Validate the typed lists and return iso3 -> final group."""
    for group, members in LISTED.items():
        assert len(members) == LISTED_SIZES[group], (group, len(members))
    seen: dict[str, list[str]] = {}
    for group, members in LISTED.items():
        for iso3 in members:
            seen.setdefault(iso3, []).append(group)
    doubles = {k: v for k, v in seen.items() if len(v) > 1}
    assert set(doubles) == set(DOCUMENTED_DOUBLE), f"undocumented double listing: {doubles}"
    assert len(seen) == 193, len(seen)

    final: dict[str, str] = {}
    for iso3, groups in seen.items():
        if iso3 in NO_GROUP:
            final[iso3] = "none"
        elif iso3 in DOCUMENTED_DOUBLE:
            assert DOCUMENTED_DOUBLE[iso3] in groups
            final[iso3] = DOCUMENTED_DOUBLE[iso3]
        else:
            final[iso3] = groups[0]
    sizes = {g: sum(1 for v in final.values() if v == g) for g in GROUP_VALUES}
    assert sizes == FINAL_SIZES, sizes
    return final


def german_names() -> dict[str, str]:
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    catalog = getattr(tr, "_catalog", {})
    out = {}
    for c in pycountry.countries:
        # empty where the bundled catalogue has no German entry
        out[c.alpha_3] = catalog.get(c.name, "") if catalog else ""
    return out


def english_name(country) -> str:
    return getattr(country, "common_name", None) or country.name


def known_source_ids() -> set[str]:
    with SOURCES.open(newline="", encoding="utf-8") as fh:
        return {row["source_id"] for row in csv.DictReader(fh)}


def build() -> list[dict[str, str]]:
    final = check_groups()
    members_193 = set(final)
    for key, s in MEMBERSHIPS.items():
        assert len(s) == MEMBERSHIP_SIZES[key], (key, len(s))
        assert s <= members_193, (key, s - members_193)
    assert not (BRICS & BRICS_UNKNOWN)
    for iso3 in list(MEMBERSHIP_NOTES) + list(GROUP_NOTES):
        assert iso3 in members_193, iso3

    de = german_names()
    rows = []
    for iso3 in sorted(members_193):
        country = pycountry.countries.get(alpha_3=iso3)
        assert country is not None, iso3
        group = final[iso3]
        row = {
            "iso3": iso3,
            "name_en": english_name(country),
            "short_name": SHORT_NAMES.get(iso3, english_name(country)),
            "name_de": de.get(iso3, ""),
            "short_name_de": SHORT_NAMES_DE.get(iso3, de.get(iso3, "")),
            **dict(zip(("short_name_de_dative", "short_name_de_genitive", "short_name_de_von", "short_name_de_nach"),
                       case_forms_de(iso3, SHORT_NAMES_DE.get(iso3, de.get(iso3, ""))))),
            "number_de": "plural" if iso3 in PLURAL_DE else "singular",
            "article_de": ARTICLE_DE.get(iso3, ""),
            "un_region_group": group,
        }
        for key, s in MEMBERSHIPS.items():
            if key == "brics" and iso3 in BRICS_UNKNOWN:
                row[key] = ""
            else:
                row[key] = "true" if iso3 in s else "false"
        row["membership_note"] = MEMBERSHIP_NOTES.get(iso3, "")
        row["source_id"] = SRC_GROUPS
        if iso3 in GROUP_NOTES and iso3 != "KIR":
            row["source_id_2"] = SRC_SPECIAL
        else:
            row["source_id_2"] = SRC_GROUPS_2.get(group, "")
        row["note"] = GROUP_NOTES.get(iso3, "")
        rows.append(row)

    assert len(rows) == 193
    assert PLURAL_DE <= members_193 and set(ARTICLE_DE) <= members_193
    assert DATIVE_PLURAL_N_DE <= PLURAL_DE and GENITIVE_VON_DE <= members_193 - set(ARTICLE_DE)
    assert len({r["iso3"] for r in rows}) == 193
    assert all(r["un_region_group"] in GROUP_VALUES for r in rows)
    assert all(r["un_region_group"] != "none" or r["note"] for r in rows)

    known = known_source_ids()
    if known:
        used = {r["source_id"] for r in rows} | {r["source_id_2"] for r in rows if r["source_id_2"]}
        missing = used - known
        assert not missing, f"source ids missing from {SOURCES}: {missing}"
    return rows


def main() -> int:
    rows = build()
    fh = io.StringIO(newline="")
    writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text(OUT, fh.getvalue())  # atomically: a failure never leaves a half-written table
    sizes = {g: sum(1 for r in rows if r["un_region_group"] == g) for g in GROUP_VALUES}
    counts = {k: sum(1 for r in rows if r[k] == "true") for k in MEMBERSHIPS}
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows")
    print("groups:", sizes)
    print(f"memberships as of {AS_OF}:", counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
