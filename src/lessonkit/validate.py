"""Checks on the tables in data/: pure functions on rows of strings, no pandas needed.

Each check returns a list of Problem; `lessonkit.data` raises them together as a DataError.
Row numbers count data rows from 1; the file line is the row number + 1 (the header).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

UN_MEMBERS = 193
VOTE_CODES = ("Y", "N", "A", "NV")
TRUE_VALUES = ("true", "True", "TRUE", "1", "yes")
FALSE_VALUES = ("false", "False", "FALSE", "0", "no")
# Columns that hold space-separated lists of keys of another table.
LIST_REFERENCES = {("events", "actors"): ("countries", "iso3")}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # data row, 1-based; None for a problem with the whole table
    rule: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row} (line {self.row + 1})" if self.row else self.file
        return f"{where}: {self.detail} [{self.rule}]"


class DataError(ValueError):
    """One or more problems in data/; the message lists each with file, row and rule."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = problems[:20]
        more = f"\n... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__("\n".join(str(p) for p in shown) + more)


def _is_type(value: str, ftype: str) -> bool:
    try:
        if ftype == "integer" or ftype == "year":
            int(value)
        elif ftype == "number":
            float(value)
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
        parts.append(f"unexpected column(s) {', '.join(extra)}")
    if not parts:
        parts.append(f"columns in the wrong order: expected {', '.join(expected)}")
    return [Problem(file, None, "header", "; ".join(parts))]


def check_cells(file: str, rows: list[dict], fields: list[dict]) -> list[Problem]:
    """Types, required cells, enums, patterns and minimums of every cell."""
    problems = []
    for i, row in enumerate(rows, start=1):
        for f in fields:
            name, value = f["name"], row.get(f["name"], "")
            c = f.get("constraints", {})
            if value == "":
                if c.get("required"):
                    problems.append(Problem(file, i, "required", f"{name} is empty"))
                continue
            ftype = f.get("type", "string")
            if not _is_type(value, ftype):
                problems.append(Problem(file, i, "type", f"{name} {value!r} is not a valid {ftype}"))
                continue
            if "enum" in c and value not in [str(e) for e in c["enum"]]:
                allowed = ", ".join(str(e) for e in c["enum"])
                problems.append(Problem(file, i, "enum", f"{name} {value!r} is not one of {allowed}"))
            if "pattern" in c and not re.fullmatch(c["pattern"], value):
                problems.append(Problem(file, i, "pattern", f"{name} {value!r} does not match {c['pattern']}"))
            if "minimum" in c and ftype in ("integer", "number", "year") and float(value) < float(c["minimum"]):
                problems.append(Problem(file, i, "minimum", f"{name} {value} is below {c['minimum']}"))
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
        Problem(file, i, "foreign-key", f"{column} {row[column]!r} is not in {target}")
        for i, row in enumerate(rows, start=1)
        if row.get(column, "") != "" and row[column] not in known
    ]


def check_list_reference(file: str, rows: list[dict], column: str, target: str, known: set[str]) -> list[Problem]:
    problems = []
    for i, row in enumerate(rows, start=1):
        for token in row.get(column, "").split():
            if token not in known:
                problems.append(Problem(file, i, "foreign-key", f"{column} names {token!r}, which is not in {target}"))
    return problems


def check_resolution_totals(file: str, rows: list[dict]) -> list[Problem]:
    """Yes + no + abstain + non-voting is the UN's 193 members, for every resolution."""
    problems = []
    for i, row in enumerate(rows, start=1):
        try:
            total = sum(int(row[c]) for c in ("yes", "no", "abstain", "non_voting"))
        except (KeyError, ValueError):
            continue  # reported by the type checks
        if total != UN_MEMBERS:
            problems.append(
                Problem(file, i, "totals", f"{row['short_id']}: yes+no+abstain+non_voting is {total}, not {UN_MEMBERS}")
            )
    return problems


def check_votes_against_totals(file: str, votes: list[dict], resolutions: list[dict]) -> list[Problem]:
    """Per-country votes: 193 members per resolution, counts equal to the official totals."""
    problems = []
    by_res: dict[str, Counter] = {}
    for row in votes:
        by_res.setdefault(row.get("resolution", ""), Counter())[row.get("vote", "")] += 1
    official = {r["short_id"]: r for r in resolutions}
    for res, counts in by_res.items():
        n = sum(counts.values())
        if n != UN_MEMBERS:
            problems.append(Problem(file, None, "members", f"{res} has {n} rows, not one per UN member ({UN_MEMBERS})"))
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
