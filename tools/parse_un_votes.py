#!/usr/bin/env python3
"""Build data/un_votes.csv from the per-country vote lists in data/raw/un/*.txt.

Each raw file holds one resolution of the 11th emergency special session; its name is the
short id with "/" replaced by "_" (ES-11_1.txt -> ES-11/1).  Layout:

    # source: <url>            (first line, required)
    # ... any further comment lines ...
    In favour: Name, Name, ...
    Against: Name, ...
    Abstain: Name, ...         (also accepted: Abstaining, Abstentions)
    Absent: Name, ...          (optional)

A list may run over several lines (a line that does not start with a label continues the
previous list).  Names may be written in any case (the UN's upper-case forms such as
"VIET NAM" or "TÜRKİYE" are used as they stand in the source).  Names are mapped to ISO 3166-1 alpha-3 with an explicit override table for
UN and press spellings, then an exact (non-fuzzy) pycountry name match.  Any name that cannot
be mapped, maps to a non-member (e.g. the observer State of Palestine) or appears twice stops
the script with an error naming the resolution and the name.  Member states missing from all
lists are written as NV (present but not voting, absent, or vote suspended).

Checks, all fatal:
  * 193 distinct member states per resolution (the members are the iso3 codes of data/countries.csv);
  * if the file has an "Absent" list, the four lists together give exactly the 193 members;
  * the Y/N/A/NV counts equal yes/no/abstain/non_voting in data/un_resolutions.csv;
  * has_country_votes in data/un_resolutions.csv is true exactly for the resolutions with a raw file.

Usage:
    python3 tools/parse_un_votes.py                  # check and write data/un_votes.csv
    python3 tools/parse_un_votes.py --check-members  # compare the embedded UN member list with data/countries.csv
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
from _atomic import write_text

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw" / "un"
MEMBERS_FILE = ROOT / "data" / "countries.csv"
RESOLUTIONS_FILE = ROOT / "data" / "un_resolutions.csv"
OUT_FILE = ROOT / "data" / "un_votes.csv"

N_MEMBERS = 193

LABELS = {
    "in favour": "Y",
    "in favor": "Y",
    "against": "N",
    "abstain": "A",
    "abstaining": "A",
    "abstentions": "A",
    "absent": "NV",
}

# Spellings that pycountry does not match exactly (UN official short forms, press and
# map-data abbreviations).  Keys are compared after normalise(); values are ISO3.
OVERRIDES = {
    "democratic people's republic of korea": "PRK",
    "north korea": "PRK",
    "republic of korea": "KOR",
    "south korea": "KOR",
    "bolivia (plurinational state of)": "BOL",
    "bolivia": "BOL",
    "türkiye": "TUR",
    "turkiye": "TUR",
    "turkey": "TUR",
    # UN upper-case spelling with a dotted capital I (U+0130): "TÜRKİYE" lower-cases to
    # "türki" + U+0307 (combining dot above) + "ye", so it needs its own key.
    "t\u00fcrki\u0307ye": "TUR",
    "côte d'ivoire": "CIV",
    "cote d'ivoire": "CIV",
    "ivory coast": "CIV",
    "micronesia (federated states of)": "FSM",
    "federated states of micronesia": "FSM",
    "micronesia": "FSM",
    "united republic of tanzania": "TZA",
    "tanzania": "TZA",
    "venezuela (bolivarian republic of)": "VEN",
    "venezuela": "VEN",
    "iran (islamic republic of)": "IRN",
    "iran": "IRN",
    "lao people's democratic republic": "LAO",
    "laos": "LAO",
    "russian federation": "RUS",
    "russia": "RUS",
    "syrian arab republic": "SYR",
    "syria": "SYR",
    "republic of moldova": "MDA",
    "moldova": "MDA",
    "democratic republic of the congo": "COD",
    "dem. rep. congo": "COD",
    "dr congo": "COD",
    "congo": "COG",
    "republic of the congo": "COG",
    "viet nam": "VNM",
    "vietnam": "VNM",
    "brunei darussalam": "BRN",
    "brunei": "BRN",
    "cabo verde": "CPV",
    "cape verde": "CPV",
    "czech republic": "CZE",
    "czechia": "CZE",
    "eswatini": "SWZ",
    "swaziland": "SWZ",
    "north macedonia": "MKD",
    # "Macedonia" only as used for the UN member North Macedonia (lists from 2022 on).
    "macedonia": "MKD",
    "timor-leste": "TLS",
    "east timor": "TLS",
    "united kingdom": "GBR",
    "united kingdom of great britain and northern ireland": "GBR",
    "uk": "GBR",
    "united states": "USA",
    "united states of america": "USA",
    "usa": "USA",
    "united arab emirates": "ARE",
    "uae": "ARE",
    "são tomé and príncipe": "STP",
    "sao tome and principe": "STP",
    "saint vincent and grenadines": "VCT",
    "bosnia-herzegovina": "BIH",
    "central african rep.": "CAF",
    "dominican rep.": "DOM",
    "eq. guinea": "GNQ",
    "s. sudan": "SSD",
    "the gambia": "GMB",
    "gambia": "GMB",
    "the bahamas": "BHS",
    "netherlands (kingdom of the)": "NLD",
}

# Named explicitly so that they fail loudly instead of being matched by pycountry.
NON_MEMBERS = {
    "state of palestine": "observer State, not a UN member",
    "palestine": "observer State, not a UN member",
    "holy see": "observer State, not a UN member",
    "kosovo": "not a UN member",
    "taiwan": "not a UN member",
}

# Short names of the 193 member states as listed in the Wikipedia article "Member states of the
# United Nations", in the extraction by ohwada/World_Countries (June 2023):
# https://github.com/ohwada/World_Countries/blob/7508dac1c88da0ef39380766a9dcd3f76d9499b4/un_member_states_flag/files/un_countries_flag.csv
# (first column, copied verbatim).  Used only by --write-members.
MEMBER_SOURCE_NAMES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|
Cape Verde|Central African Republic|Chad|Chile|China|Colombia|Comoros|Congo|
Democratic Republic of the Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia|Côte d'Ivoire|Denmark|Djibouti|
Dominica|Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|
Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|
Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|
Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|
Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|
Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|
Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|
North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
Portugal|Qatar|Romania|Russia|Rwanda|Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|
Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|
Solomon Islands|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|
Switzerland|Syria|São Tomé and Príncipe|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|
Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|UAE|UK|USA|Uruguay|Uzbekistan|Vanuatu|Venezuela|
Vietnam|Yemen|Zambia|Zimbabwe
"""


class ParseError(Exception):
    pass


def normalise(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    name = re.sub(r"\s+", " ", name).strip().rstrip(".;").strip()
    return name.lower()


_OVERRIDES_N = {normalise(k): v for k, v in OVERRIDES.items()}
_NON_MEMBERS_N = {normalise(k): v for k, v in NON_MEMBERS.items()}


def _pycountry_exact(norm: str) -> str | None:
    """Exact, case-insensitive match on pycountry name / official_name / common_name (no codes,
    no fuzzy search)."""
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value and normalise(value) == norm:
                return c.alpha_3
    return None


def name_to_iso3(name: str, context: str) -> str:
    norm = normalise(name)
    if not norm:
        raise ParseError(f"{context}: empty name")
    if norm in _NON_MEMBERS_N:
        raise ParseError(f"{context}: {name!r} is not a UN member state ({_NON_MEMBERS_N[norm]})")
    iso3 = _OVERRIDES_N.get(norm) or _pycountry_exact(norm)
    if iso3 is None:
        raise ParseError(f"{context}: cannot map country name {name!r} to ISO3 "
                         "(add it to OVERRIDES in tools/parse_un_votes.py if it is a UN spelling)")
    return iso3


def load_members() -> set[str]:
    """The 193 UN member states: the iso3 column of data/countries.csv."""
    with MEMBERS_FILE.open(encoding="utf-8", newline="") as fh:
        codes = [row["iso3"] for row in csv.DictReader(fh)]
    if len(codes) != N_MEMBERS or len(set(codes)) != N_MEMBERS:
        raise ParseError(f"{MEMBERS_FILE}: expected {N_MEMBERS} distinct ISO3 codes, found {len(set(codes))}")
    return set(codes)


def parse_raw(path: Path) -> tuple[str, dict[str, list[str]]]:
    """Return (short_id, {vote_code: [names...]}) for one raw file."""
    short_id = path.stem.replace("_", "/")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("# source:") or not lines[0][len("# source:"):].strip():
        raise ParseError(f"{short_id}: first line of {path.name} must be '# source: <url>'")
    lists: dict[str, list[str]] = {}
    current = None
    label_re = re.compile(r"^\s*([A-Za-z ]+?)\s*:\s*(.*)$")
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = label_re.match(line)
        if m and m.group(1).strip().lower() in LABELS:
            current = LABELS[m.group(1).strip().lower()]
            if current in lists:
                raise ParseError(f"{short_id}: label {m.group(1)!r} appears twice ({path.name}:{lineno})")
            lists[current] = []
            rest = m.group(2)
        elif current is None:
            raise ParseError(f"{short_id}: text before any list label ({path.name}:{lineno}): {line!r}")
        else:
            rest = line
        lists[current].extend(n.strip() for n in rest.split(",") if n.strip().rstrip("."))
    for code in ("Y", "N", "A"):
        if code not in lists:
            raise ParseError(f"{short_id}: no list for vote {code} in {path.name}")
    return short_id, lists


def votes_for(short_id: str, lists: dict[str, list[str]], members: set[str]) -> dict[str, str]:
    votes: dict[str, str] = {}
    for code, names in lists.items():
        for name in names:
            ctx = f"{short_id} [{code}]"
            iso3 = name_to_iso3(name, ctx)
            if iso3 not in members:
                raise ParseError(f"{ctx}: {name!r} -> {iso3} is not in {MEMBERS_FILE.name}")
            if iso3 in votes:
                raise ParseError(f"{ctx}: {name!r} -> {iso3} listed twice "
                                 f"(already {votes[iso3]})")
            votes[iso3] = code
    missing = members - set(votes)
    if "NV" in lists and missing:
        raise ParseError(f"{short_id}: file has an Absent list but {len(missing)} members are in no "
                         f"list: {sorted(missing)}")
    for iso3 in missing:
        votes[iso3] = "NV"
    if len(votes) != N_MEMBERS:
        raise ParseError(f"{short_id}: {len(votes)} member states, expected {N_MEMBERS}")
    return votes


def load_resolutions() -> dict[str, dict]:
    with RESOLUTIONS_FILE.open(encoding="utf-8", newline="") as f:
        return {r["short_id"]: r for r in csv.DictReader(f)}


def check_totals(short_id: str, votes: dict[str, str], res: dict[str, dict]) -> None:
    if short_id not in res:
        raise ParseError(f"{short_id}: not in {RESOLUTIONS_FILE.name}")
    row = res[short_id]
    want = {"Y": row["yes"], "N": row["no"], "A": row["abstain"], "NV": row["non_voting"]}
    for code, expected in want.items():
        got = sum(1 for v in votes.values() if v == code)
        if str(got) != str(expected).strip():
            raise ParseError(f"{short_id}: {got} votes {code} in the per-country list, "
                             f"{RESOLUTIONS_FILE.name} says {expected}")


def check_members() -> None:
    """The embedded member-state names (see MEMBER_SOURCE_NAMES) map to exactly data/countries.csv."""
    names = [n.strip() for n in MEMBER_SOURCE_NAMES.replace("\n", "").split("|") if n.strip()]
    codes = [name_to_iso3(n, "member list") for n in names]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if len(names) != N_MEMBERS or dupes:
        raise ParseError(f"member list: {len(names)} names, duplicates {dupes}; expected {N_MEMBERS} distinct")
    members = load_members()
    if set(codes) != members:
        raise ParseError(f"member list and {MEMBERS_FILE.name} differ: {sorted(set(codes) ^ members)}")
    print(f"the {N_MEMBERS} embedded member names match {MEMBERS_FILE.relative_to(ROOT)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check-members", action="store_true",
                    help="compare the embedded member list with data/countries.csv and stop")
    args = ap.parse_args()
    try:
        if args.check_members:
            check_members()
            return 0
        members = load_members()
        res = load_resolutions()
        rows = []
        parsed = set()
        for path in sorted(RAW_DIR.glob("*.txt")):
            short_id, lists = parse_raw(path)
            votes = votes_for(short_id, lists, members)
            check_totals(short_id, votes, res)
            parsed.add(short_id)
            rows.extend((short_id, iso3, vote) for iso3, vote in votes.items())
            counts = {c: sum(1 for v in votes.values() if v == c) for c in ("Y", "N", "A", "NV")}
            print(f"{short_id}: {counts}")
        for short_id, row in res.items():
            flag = row["has_country_votes"].strip().lower() == "true"
            if flag != (short_id in parsed):
                raise ParseError(f"{short_id}: has_country_votes={row['has_country_votes']!r} in "
                                 f"{RESOLUTIONS_FILE.name} but raw file present={short_id in parsed}")

        def sort_key(r):
            m = re.match(r"ES-(\d+)/(\d+)$", r[0])
            return ((int(m.group(1)), int(m.group(2))) if m else (999, 999), r[0], r[1])

        rows.sort(key=sort_key)
        f = io.StringIO(newline="")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["resolution", "iso3", "vote"])
        w.writerows(rows)
        write_text(OUT_FILE, f.getvalue())  # atomically: never a half-written table
        print(f"wrote {OUT_FILE.relative_to(ROOT)} ({len(rows)} rows)")
        return 0
    except ParseError as e:
        print(f"ERROR: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
