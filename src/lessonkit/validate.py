"""Checks on the tables in data/: pure functions on rows of strings, no pandas needed.

Each check returns a list of Problem; `lessonkit.data` raises them together as a DataError.
Row numbers count data rows from 1; the file line is the row number + 1 (the header).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo, available_timezones

UN_MEMBERS = 193
VOTE_CODES = ("Y", "N", "A", "NV")
TRUE_VALUES = ("true", "True", "TRUE", "1", "yes")
FALSE_VALUES = ("false", "False", "FALSE", "0", "no")
# Columns that hold space-separated lists of keys of another table.
LIST_REFERENCES = {("events", "actors"): ("countries", "iso3")}
# Columns that hold IANA time zone names, checked with zoneinfo.
TIME_ZONE_COLUMNS = {("events", "tz")}
# The Table Schema constraints check_cells enforces; any other constraint is reported, never ignored.
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength")
INTEGER = re.compile(r"[+-]?\d+")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # data row, 1-based; None for a problem with the whole table
    rule: str
    detail: str
    column: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row} (line {self.row + 1})" if self.row else self.file
        if self.column and not self.detail.startswith(f"{self.column} "):  # the detail names it first
            where += f", column {self.column}"
        return f"{where}: {self.detail} [{self.rule}]"


class DataError(ValueError):
    """One or more problems in data/; the message lists each with file, row and rule."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = problems[:20]
        more = f"\n... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__("\n".join(str(p) for p in shown) + more)


def is_empty(value: str | None) -> bool:
    """An empty cell: nothing, or only spaces (a cell of spaces counts as empty)."""
    return value is None or value.strip() == ""


def _is_type(value: str, ftype: str) -> bool:
    try:
        if ftype == "integer" or ftype == "year":
            return bool(INTEGER.fullmatch(value))
        elif ftype == "number":  # digits only: no "nan", "inf", "1,5" or spaces
            return bool(NUMBER.fullmatch(value)) and math.isfinite(float(value))
        elif ftype == "date":
            date.fromisoformat(value)
            return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
        elif ftype == "boolean":
            return value in TRUE_VALUES + FALSE_VALUES
        return True
    except ValueError:
        return False


def check_header(file: str, header: list[str], fields: list[dict]) -> list[Problem]:
    expected = [f["name"] for f in fields]
    if header == expected:
        return []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    parts = []
    if missing:
        parts.append(f"missing column(s) {', '.join(missing)}")
    if extra:
        shown = [repr(c) if c != c.strip() or not c else c for c in extra]  # make stray spaces visible
        parts.append(f"unexpected column(s) {', '.join(shown)}")
        if any(c.strip() in missing for c in extra):
            parts.append("a column name has spaces around it")
    if not parts:
        parts.append(f"columns in the wrong order: expected {', '.join(expected)}")
    return [Problem(file, None, "header", "; ".join(parts))]


def check_cells(file: str, rows: list[dict], fields: list[dict]) -> list[Problem]:
    """Type and every constraint of every cell (required, unique, enum, pattern, minimum,
    maximum, minLength, maxLength). A constraint this function does not know is a problem too."""
    problems = []
    for f in fields:
        for c in f.get("constraints", {}):
            if c not in CONSTRAINTS:
                problems.append(Problem(file, None, "schema", f"constraint {c!r} is not checked by lessonkit", f["name"]))
    seen: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows, start=1):
        for f in fields:
            name, value = f["name"], row.get(f["name"], "")
            c = f.get("constraints", {})

            def bad(rule: str, detail: str, i: int = i, name: str = name) -> None:
                problems.append(Problem(file, i, rule, detail, name))

            if is_empty(value):
                if c.get("required"):
                    bad("required", f"{name} is empty" + (" (only spaces)" if value else ""))
                continue
            ftype = f.get("type", "string")
            if not _is_type(value, ftype):
                bad("type", f"{name} {value!r} is not a valid {ftype}")
                continue
            if "enum" in c and value not in [str(e) for e in c["enum"]]:
                bad("enum", f"{name} {value!r} is not one of {', '.join(str(e) for e in c['enum'])}")
            if "pattern" in c and not re.fullmatch(c["pattern"], value):
                bad("pattern", f"{name} {value!r} does not match {c['pattern']}")
            if ftype in ("integer", "number", "year"):
                if "minimum" in c and float(value) < float(c["minimum"]):
                    bad("minimum", f"{name} {value} is below the minimum {c['minimum']}")
                if "maximum" in c and float(value) > float(c["maximum"]):
                    bad("maximum", f"{name} {value} is above the maximum {c['maximum']}")
            if "minLength" in c and len(value) < c["minLength"]:
                bad("minLength", f"{name} has {len(value)} characters, fewer than {c['minLength']}")
            if "maxLength" in c and len(value) > c["maxLength"]:
                bad("maxLength", f"{name} has {len(value)} characters, more than {c['maxLength']}")
            if c.get("unique"):
                if (name, value) in seen:
                    bad("unique", f"{name} {value!r} is already in row {seen[name, value]}")
                seen.setdefault((name, value), i)
    return problems


def check_translations(file: str, rows: list[dict], fields: list[dict]) -> list[Problem]:
    """A German column <col>_de (next to <col> or <col>_en) is filled wherever the English one is;
    a field's `shown_in_german` names a column of the table.

    A German field may declare `"translated_only_where": {"pattern": <regex>, "what": <where the
    pattern is, e.g. "[square brackets]">, "why": <reason>}` (sources.title_de: only our own words
    in [square brackets] are translated, never a publisher's title). Then it is filled exactly
    where the English cell contains the pattern, with as many matches of it as the English, and
    is empty elsewhere; in German, lessonkit.data.in_language shows the English cell where it is
    empty."""
    names = {f["name"] for f in fields}
    partial = {f["name"]: f["translated_only_where"] for f in fields if f.get("translated_only_where")}
    pairs = [(n[:-3] if n[:-3] in names else n[:-3] + "_en", n) for n in names
             if n.endswith("_de") and (n[:-3] in names or n[:-3] + "_en" in names)]
    problems = [Problem(file, None, "translation", f"{f['name']} is shown_in_german as {f['shown_in_german']!r}, "
                        "which is not a column of this table", f["name"])
                for f in fields if f.get("shown_in_german") and f["shown_in_german"] not in names]
    patterns = {}
    for german, rule in sorted(partial.items()):
        try:
            patterns[german] = re.compile(rule["pattern"])
        except (KeyError, TypeError, re.error) as exc:
            problems.append(Problem(file, None, "schema", f"{german} has no valid translated_only_where pattern ({exc})",
                                    german))
    for i, row in enumerate(rows, start=1):
        for english, german in sorted(pairs):
            en, de = row.get(english, ""), row.get(german, "")
            if german in partial:
                if german in patterns:
                    problems += _check_partial(file, i, english, german, en, de, patterns[german], partial[german])
            elif not is_empty(en) and is_empty(de):
                problems.append(Problem(file, i, "translation", f"{german} is empty where {english} is not", german))
    return problems


def _check_partial(file: str, i: int, english: str, german: str, en: str, de: str, pattern: re.Pattern,
                   rule: dict) -> list[Problem]:
    """One row of a German column declared translated_only_where (see check_translations)."""
    where = rule.get("what", f"a match of {pattern.pattern}")  # e.g. "[square brackets]"
    wanted = len(pattern.findall(en or ""))
    if not wanted and not is_empty(de):
        why = f" ({rule['why']})" if rule.get("why") else ""
        return [Problem(file, i, "translation", f"{german} is given, but {english} {en!r} has no part in {where}{why}; "
                        f"leave {german} empty", german)]
    if wanted and is_empty(de):
        return [Problem(file, i, "translation", f"{german} is empty, but {english} {en!r} has a part in {where}: "
                        "translate it", german)]
    found = len(pattern.findall(de or ""))
    if wanted and found != wanted:
        return [Problem(file, i, "translation", f"{german} has {found} part(s) in {where}, {english} has {wanted}: "
                        "keep each one, translated", german)]
    return []


def check_time_zones(file: str, rows: list[dict], column: str) -> list[Problem]:
    """Every non-empty cell of `column` is an IANA time zone that zoneinfo knows."""
    problems = []
    known = available_timezones()
    for i, row in enumerate(rows, start=1):
        value = row.get(column, "")
        if is_empty(value):
            continue
        try:
            ok = value in known or ZoneInfo(value) is not None
        except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
            ok = False
        if not ok:
            close = sorted(z for z in known if z.lower() == value.strip().lower()) or sorted(
                z for z in known if z.split("/")[-1].lower() == value.split("/")[-1].strip().lower())
            hint = f" (did you mean {close[0]}?)" if close else " (e.g. Asia/Pyongyang, Europe/Vienna)"
            problems.append(Problem(file, i, "time-zone", f"{column} {value!r} is not an IANA time zone{hint}", column))
    return problems


def check_primary_key(file: str, rows: list[dict], key: list[str]) -> list[Problem]:
    seen: dict[tuple, int] = {}
    problems = []
    for i, row in enumerate(rows, start=1):
        k = tuple(row.get(c, "") for c in key)
        if k in seen:
            problems.append(
                Problem(file, i, "primary-key", f"duplicate {'+'.join(key)} {'/'.join(k)} (first in row {seen[k]})")
            )
        else:
            seen[k] = i
    return problems


def check_foreign_key(file: str, rows: list[dict], column: str, target: str, known: set[str]) -> list[Problem]:
    """Every non-empty cell of `column` must be a key of `target`."""
    return [
        Problem(file, i, "foreign-key", f"{column} {row[column]!r} is not in {target}", column)
        for i, row in enumerate(rows, start=1)
        if row.get(column, "") != "" and row[column] not in known
    ]


def check_list_reference(file: str, rows: list[dict], column: str, target: str, known: set[str]) -> list[Problem]:
    problems = []
    for i, row in enumerate(rows, start=1):
        for token in row.get(column, "").split():
            if token not in known:
                problems.append(Problem(file, i, "foreign-key", f"{column} names {token!r}, which is not in {target}",
                                        column))
    return problems


def check_resolution_totals(file: str, rows: list[dict], members: int = UN_MEMBERS) -> list[Problem]:
    """Yes + no + abstain + non-voting is the UN's members (193; a test fixture: the rows of its
    countries table), for every resolution."""
    problems = []
    for i, row in enumerate(rows, start=1):
        try:
            total = sum(int(row[c]) for c in ("yes", "no", "abstain", "non_voting"))
        except (KeyError, ValueError):
            continue  # reported by the type checks
        if total != members:
            problems.append(
                Problem(file, i, "totals", f"{row['short_id']}: yes+no+abstain+non_voting is {total}, not {members}")
            )
    return problems


def check_votes_against_totals(file: str, votes: list[dict], resolutions: list[dict],
                               members: int = UN_MEMBERS) -> list[Problem]:
    """Per-country votes: one per member (193) per resolution, counts equal to the official totals."""
    problems = []
    by_res: dict[str, Counter] = {}
    for row in votes:
        by_res.setdefault(row.get("resolution", ""), Counter())[row.get("vote", "")] += 1
    official = {r["short_id"]: r for r in resolutions}
    for res, counts in by_res.items():
        n = sum(counts.values())
        if n != members:
            problems.append(Problem(file, None, "members", f"{res} has {n} rows, not one per UN member ({members})"))
        r = official.get(res)
        if r is None:
            continue  # reported by the foreign-key check
        for code, column in zip(VOTE_CODES, ("yes", "no", "abstain", "non_voting")):
            if str(counts.get(code, 0)) != r.get(column):
                problems.append(
                    Problem(
                        file,
                        None,
                        "totals",
                        f"{res} has {counts.get(code, 0)} {code} votes but the official {column} total is {r.get(column)}",
                    )
                )
    for i, r in enumerate(resolutions, start=1):
        flagged = r.get("has_country_votes") in TRUE_VALUES
        if flagged != (r["short_id"] in by_res):
            state = "has no" if flagged else "has"
            problems.append(
                Problem(
                    "un_resolutions.csv",
                    i,
                    "has-country-votes",
                    f"{r['short_id']}: has_country_votes is {r.get('has_country_votes')} but un_votes.csv {state} rows for it",
                )
            )
    return problems


# --- certainty: the mechanical rules of data/notes/certainty.md ---------------------------------
CERTAINTY_LEVELS = ("confirmed", "official_estimate", "reported", "alleged")
INDEPENDENT = "independent_sources"


def check_certainty(file: str, rows: list[dict], resource: dict, origins: dict[str, str]) -> list[Problem]:
    """A table rates its rows (a `confidence` column) or declares one level for all of them
    (resource property `certainty`). A confirmed row says why in `basis`; only confirmed rows have
    one; `independent_sources` needs a second source of a different origin (sources.csv `origin`:
    a republisher of the same agency story is not independent). origins: source_id -> origin."""
    names = [f["name"] for f in resource["schema"]["fields"]]
    if "confidence" not in names:
        level = resource.get("certainty", {}).get("level")
        if level not in CERTAINTY_LEVELS + ("none",):
            return [Problem(file, None, "certainty", "no confidence column and no table-wide certainty level "
                            f"(resource property certainty.level is {level!r})")]
        return []
    problems = []
    for i, row in enumerate(rows, start=1):
        level, basis = row.get("confidence", ""), row.get("basis", "")
        if level == "confirmed" and not basis:
            problems.append(Problem(file, i, "certainty", "confirmed, but basis is empty (say why: acting_party, "
                                    "physical_evidence or independent_sources)"))
        elif level != "confirmed" and basis:
            problems.append(Problem(file, i, "certainty", f"basis {basis!r} given for a row rated {level!r}; "
                                    "only confirmed rows have a basis"))
        if basis == INDEPENDENT:
            a, b = row.get("source_id", ""), row.get("source_id_2", "")
            if not b:
                problems.append(Problem(file, i, "certainty", "independent_sources, but source_id_2 is empty"))
            elif a in origins and b in origins and origins[a] == origins[b]:
                problems.append(Problem(file, i, "certainty", f"independent_sources, but {a} and {b} have the same "
                                        f"origin ({origins[a]}), so they are not independent"))
    return problems
