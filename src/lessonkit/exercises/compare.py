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
    return text + (f" Hint: {hint}" if hint else "")


def _listing(items: list[str], budget: int = 110) -> str:
    """Some of the items, at most SHOWN and about `budget` characters, then "and N more"."""
    shown: list[str] = []
    for item in items[:SHOWN]:
        if shown and len(", ".join(shown + [item])) > budget:
            break
        shown.append(item)
    rest = len(items) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


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
        return Feedback(False, "Your answer is NaN (\u201cnot a number\u201d), which pandas gives for a missing "
                               "value: check the labels and column names you used.")
    if math.isinf(value):
        return Feedback(False, _with_hint(f"Your answer, {format_number(got)}, is far too "
                                          f"{'high' if value > 0 else 'low'}.", hint))
    if _same(value, want, decimals):
        return Feedback(True, f"{format_number(want, decimals)} is right.")
    own = decimals is None or data_decimals([value]) <= decimals
    shown = format_number(got) if own else format_number(value, decimals)
    if want and _same(-value, want, decimals):
        return Feedback(False, f"{shown} has the right size but the wrong sign: subtract the other way round.")
    if decimals and value.is_integer() and round(want) == value:
        places = "one decimal place" if decimals == 1 else f"{decimals} decimal places"
        return Feedback(False, f"{shown} is rounded: the data have {places}, so give the result to {places} "
                               "(do not round it).")
    direction = "too high" if value > want else "too low"
    return Feedback(False, _with_hint(f"{shown} is {direction}.", hint))


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
    names = countrynames.names() if countries else {}

    def show(k: object) -> str:
        if countries and k in names:
            return str(names[k]) if ctx.used_names else f"{names[k]} ({k})"
        return str(k)

    want = set(want_keys)
    if len(got_keys) > 10 * len(want) + 100:
        return Feedback(False, f"Your answer has {len(got_keys):,} values, far more than the {len(want)} {noun} of "
                               f"the answer: {ctx.wants}.")
    counts = Counter(_hashable(k) for k in got_keys)
    got = set(counts)
    if got == want:
        repeated = _repeated(answer, counts, key, rows, noun, show)
        if repeated:
            return Feedback(False, repeated)
        return Feedback(True, f"all {len(want)} {noun} are there, and nothing else.")
    missing, extra = sorted(want - got, key=str), sorted(got - want, key=str)
    parts = [f"Your answer has {_count(len(got), noun)}, the answer {len(want)}." if len(got) != len(want)
             else f"Your answer has {_count(len(got), noun)}, as many as the answer, but not the same ones."]
    if missing:
        parts.append(f"Missing: {_listing([show(k) for k in missing])}.")
    if extra:
        known = set(rows[key]) if rows is not None and key in rows.columns else set()
        unknown = [str(k) for k in extra if countries and k not in ctx.lookup.values() and k not in known]
        parts.append(f"Not in the answer: {_listing([show(k) for k in extra])}.")
        if unknown:
            parts.append(f"lessonkit knows no state called {_listing(unknown[:2])}: check the spelling.")
    return Feedback(False, _with_hint(" ".join(parts), hint))


def _count(n: int, noun: str) -> str:
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
            return (f"Your table has {sum(counts.values())} rows for {len(counts)} {noun}: some are in it more "
                    "than once (rows that your conditions should leave out).")
    which = _listing([show(k) for k in twice])
    return f"{which} {'is' if len(twice) == 1 else 'are'} in your answer twice: each of the {noun} should be there once."


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
        return Feedback(False, f"Your answer has {len(got):,} labels, far more than the answer: {wants}.")
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
        return Feedback(False, f"{_listing([str(k) for k in twice])} {'is' if len(twice) == 1 else 'are'} in "
                               "your answer twice: each label should be there once.")
    values = dict(zip(labels, got.tolist()))
    numbers_given = [safe_float(v) for v in values.values()]
    if (all(v is not None for v in numbers_given) and numbers_given and abs(sum(numbers_given) - 1) < 1e-6
            and abs(float(expected.sum()) - 1) > 1e-6):
        return Feedback(False, f"These are shares (they add up to 1), not counts: {wants}.")
    problems = []
    for label, want in expected.items():
        if label not in values:
            if want != 0:
                problems.append(f"{label} is missing")
            continue
        value = safe_float(values[label])
        if value is None or math.isnan(value):
            problems.append(f"{label} has no number")
        elif not _same(value, float(want), decimals):
            direction = "too high" if value > float(want) else "too low"
            problems.append(f"{label}: {format_number(values[label] if decimals is None else value, decimals)} "
                            f"is {direction}")
    extra = []
    for label, value in values.items():
        if label in expected.index:
            continue
        v = safe_float(value)
        if v != 0:
            f = countrynames.fold(label) if isinstance(label, str) else None
            extra.append(f"{label} (did you mean {folded[f]}?)" if f in folded else str(label))
    if extra:
        spelled = [e for e in extra if "did you mean" in e]
        if spelled:
            return Feedback(False, f"Labels must be spelled as in the data: {_listing(spelled, 160)}.")
        problems.append(f"Not expected: {_listing(extra)}")
    if not problems:
        return Feedback(True, "every value matches.")
    text = "; ".join(problems[:4]) + ("; and more" if len(problems) > 4 else "") + "."
    return Feedback(False, _with_hint(text, hint))
