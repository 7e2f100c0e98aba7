"""Pure comparisons of a student's answer with the expected one, with feedback that helps.

Messages stay a few lines: at most a handful of names, numbers at the data's precision, the
task's own words for the shape it wants, and names spelled as the data spell them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lessonkit import countrynames
from lessonkit.i18n import nt, t
from lessonkit.text import grouped
from lessonkit.exercises.forms import (
    SetContext,
    Unreadable,
    format_number,
    read_keys,
    read_labelled,
    read_number,
    safe_float,
)

SHOWN = 6  # names listed at most in one message


@dataclass(frozen=True)
class Feedback:
    ok: bool
    message: str


def _with_hint(text: str, hint: str) -> str:
    return text + (" " + t("Hint: {hint}", hint=t(hint)) if hint else "")


def _listing(items: list[str], budget: int = 110) -> str:
    """Some of the items, at most SHOWN and about `budget` characters, then "and N more"."""
    shown: list[str] = []
    for item in items[:SHOWN]:
        if shown and len(", ".join(shown + [item])) > budget:
            break
        shown.append(item)
    rest = len(items) - len(shown)
    return ", ".join(shown) + (t(" and {n} more", n=rest) if rest else "")


# --- numbers ----------------------------------------------------------------------------------
def compare_number(answer: Any, expected: Any, hint: str = "", decimals: int | None = None,
                   wants: str = "give one number") -> Feedback:
    """Right if equal at the data's precision (decimals), or exactly for whole numbers."""
    try:
        got = read_number(answer, wants)
    except Unreadable as exc:
        return Feedback(False, str(exc))
    want = float(expected)
    value = safe_float(got)
    if value is None or math.isnan(value):
        return Feedback(False, t("Your answer is NaN (\u201cnot a number\u201d), which pandas gives for a missing "
                                 "value: check the labels and column names you used."))
    if math.isinf(value):
        said = t("Your answer, {value}, is far too high.") if value > 0 else t("Your answer, {value}, is far too low.")
        return Feedback(False, _with_hint(said.format(value=format_number(got)), hint))
    if _same(value, want, decimals):
        return Feedback(True, t("{value} is right.", value=format_number(want, decimals)))
    own = decimals is None or data_decimals([value]) <= decimals
    shown = format_number(got) if own else format_number(value, decimals)
    if want and _same(-value, want, decimals):
        return Feedback(False, t("{value} has the right size but the wrong sign: subtract the other way round.",
                                 value=shown))
    if decimals and value.is_integer() and round(want) == value:
        places = nt("{n} decimal place", "{n} decimal places", decimals) if decimals != 1 else t("one decimal place")
        return Feedback(False, t("{value} is rounded: the data have {places}, so give the result to {places} "
                                 "(do not round it).", value=shown, places=places))
    said = t("{value} is too high.") if value > want else t("{value} is too low.")
    return Feedback(False, _with_hint(said.format(value=shown), hint))


def _same(got: float, want: float, decimals: int | None) -> bool:
    if decimals is None:
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)
    return abs(got - want) <= 0.5 * 10**-decimals + 1e-9


def data_decimals(values) -> int:
    """How many decimal places the data give (the most any of the values has)."""
    most = 0
    for v in values:
        f = safe_float(v)
        if f is None or math.isnan(f) or math.isinf(f):
            continue
        text = repr(round(f, 6))
        if "." in text and "e" not in text:
            most = max(most, len(text.split(".")[1].rstrip("0")))
    return most


# --- rows / sets ------------------------------------------------------------------------------
def compare_set(answer: Any, expected: Any, key: str = "iso3", hint: str = "", *, table: str = "the table",
                rows: pd.DataFrame | None = None, noun: str = "rows", wants: str = "") -> Feedback:
    """Right if the answer names the same rows (by key, name or row label), each once."""
    countries = key.endswith("iso3")
    ctx = SetContext(key=key, table=table, rows=rows, countries=countries,
                     wants=wants or f"give the rows of `{table}`", lookup=countrynames.lookup() if countries else {})
    want_keys = list(expected[key]) if isinstance(expected, pd.DataFrame) else list(expected)
    try:
        got_keys, _ = read_keys(answer, ctx)
    except Unreadable as exc:
        return Feedback(False, str(exc))
    names = countrynames.by_code().to_dict() if countries else {}  # in the lesson's language

    def show(k: object) -> str:
        if countries and k in names:
            return str(names[k]) if ctx.used_names else f"{names[k]} ({k})"
        return str(k)

    want = set(want_keys)
    if len(got_keys) > 10 * len(want) + 100:
        return Feedback(False, t("Your answer has {n} values, far more than the {count} of the answer: {wants}.",
                                 n=grouped(len(got_keys)), count=_count(len(want), noun), wants=t(ctx.wants)))
    counts = Counter(_hashable(k) for k in got_keys)
    got = set(counts)
    if got == want:
        repeated = _repeated(answer, counts, key, rows, noun, show)
        if repeated:
            return Feedback(False, repeated)
        return Feedback(True, t("all {count} are there, and nothing else.", count=_count(len(want), noun)))
    missing, extra = sorted(want - got, key=str), sorted(got - want, key=str)
    parts = [t("Your answer has {count}, the answer {n}.", count=_count(len(got), noun), n=len(want))
             if len(got) != len(want) else
             t("Your answer has {count}, as many as the answer, but not the same ones.", count=_count(len(got), noun))]
    if missing:
        parts.append(t("Missing: {items}.", items=_listing([show(k) for k in missing])))
    if extra:
        known = set(rows[key]) if rows is not None and key in rows.columns else set()
        unknown = [str(k) for k in extra if countries and k not in ctx.lookup.values() and k not in known]
        parts.append(t("Not in the answer: {items}.", items=_listing([show(k) for k in extra])))
        if unknown:
            parts.append(t("lessonkit knows no state called {names}: check the spelling.", names=_listing(unknown[:2])))
    return Feedback(False, _with_hint(" ".join(parts), hint))


# The nouns the tasks count, with their German singular and plural (nt literals for the catalogue).
NOUNS = {
    "rows": lambda n: nt("{n} row", "{n} rows", n), "states": lambda n: nt("{n} state", "{n} states", n),
    "claims": lambda n: nt("{n} claim", "{n} claims", n), "items": lambda n: nt("{n} item", "{n} items", n),
    "partners": lambda n: nt("{n} partner", "{n} partners", n), "groups": lambda n: nt("{n} group", "{n} groups", n),
    "values": lambda n: nt("{n} value", "{n} values", n), "labels": lambda n: nt("{n} label", "{n} labels", n),
}


def _count(n: int, noun: str) -> str:
    if noun in NOUNS:
        return NOUNS[noun](n)
    return f"{n} {noun[:-1] if n == 1 and noun.endswith('s') else noun}"


def _repeated(answer: Any, counts: Counter, key: str, rows: pd.DataFrame | None, noun: str, show) -> str:
    """A sentence if the same row (or value) is given more than once, else ''."""
    twice = [k for k, n in counts.items() if n > 1]
    if not twice:
        return ""
    if isinstance(answer, pd.DataFrame):
        try:
            same_rows = bool(answer.reset_index().duplicated().any())
        except TypeError:  # cells that cannot be compared
            same_rows = False
        if not same_rows:
            if rows is not None and key in rows.columns and not rows[key].is_unique:
                return ""  # several rows may share the key (e.g. two rows about one item)
            return t("Your table has {rows} for {count}: some are in it more than once (rows that your conditions "
                     "should leave out).", rows=_count(sum(counts.values()), "rows"), count=_count(len(counts), noun))
    which = _listing([show(k) for k in twice])
    return nt("{which} is in your answer twice: each one should be there once.",
              "{which} are in your answer twice: each one should be there once.", len(twice), which=which)


def _hashable(k: object) -> object:
    try:
        hash(k)
        return k
    except TypeError:
        return repr(k)


# --- labelled numbers (counts by group) ----------------------------------------------------
def compare_table(answer: Any, expected: pd.Series, hint: str = "", *, wants: str = "one number for each label",
                  decimals: int | None = None) -> Feedback:
    """Right if every label has the expected number (labels left out count as 0)."""
    try:
        got = read_labelled(answer, wants, expected)
    except Unreadable as exc:
        return Feedback(False, str(exc))
    if len(got) > 10 * len(expected) + 100:
        return Feedback(False, t("Your answer has {n} labels, far more than the answer: {wants}.",
                                 n=grouped(len(got)), wants=t(wants)))
    countries = all(isinstance(k, str) and len(k) == 3 and k.isupper() for k in expected.index)
    lookup = countrynames.lookup() if countries else {}
    want_labels = {str(k): k for k in expected.index}
    folded = {countrynames.fold(k): k for k in want_labels}
    labels = []
    for label in got.index:
        if label in expected.index:
            labels.append(label)
        elif countries and isinstance(label, str) and countrynames.fold(label) in lookup:
            labels.append(lookup[countrynames.fold(label)])
        else:
            labels.append(label)
    twice = [k for k, n in Counter(_hashable(k) for k in labels).items() if n > 1]
    if twice:
        return Feedback(False, nt("{which} is in your answer twice: each label should be there once.",
                                  "{which} are in your answer twice: each label should be there once.", len(twice),
                                  which=_listing([str(k) for k in twice])))
    values = dict(zip(labels, got.tolist()))
    numbers_given = [safe_float(v) for v in values.values()]
    if (all(v is not None for v in numbers_given) and numbers_given and abs(sum(numbers_given) - 1) < 1e-6
            and abs(float(expected.sum()) - 1) > 1e-6):
        return Feedback(False, t("These are shares (they add up to 1), not counts: {wants}.", wants=t(wants)))
    problems = []
    for label, want in expected.items():
        if label not in values:
            if want != 0:
                problems.append(t("{label} is missing", label=label))
            continue
        value = safe_float(values[label])
        if value is None or math.isnan(value):
            problems.append(t("{label} has no number", label=label))
        elif not _same(value, float(want), decimals):
            said = t("{label}: {value} is too high") if value > float(want) else t("{label}: {value} is too low")
            problems.append(said.format(label=label,
                                        value=format_number(values[label] if decimals is None else value, decimals)))
    extra = []
    for label, value in values.items():
        if label in expected.index:
            continue
        v = safe_float(value)
        if v != 0:
            f = countrynames.fold(label) if isinstance(label, str) else None
            extra.append((t("{label} (did you mean {name}?)", label=label, name=folded[f]), True) if f in folded
                         else (str(label), False))
    if extra:
        spelled = [e for e, misspelt in extra if misspelt]
        if spelled:
            return Feedback(False, t("Labels must be spelled as in the data: {items}.", items=_listing(spelled, 160)))
        problems.append(t("Not expected: {items}", items=_listing([e for e, _ in extra])))
    if not problems:
        return Feedback(True, t("every value matches."))
    text = "; ".join(problems[:4]) + (t("; and more") if len(problems) > 4 else "") + "."
    return Feedback(False, _with_hint(text, hint))
