"""Pure comparisons of a student's answer with the expected one, with feedback that helps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Feedback:
    ok: bool
    message: str


def _names(codes) -> str:
    codes = sorted(codes)
    shown = ", ".join(codes[:8])
    return shown + (f" and {len(codes) - 8} more" if len(codes) > 8 else "")


def as_set(answer: Any, key: str = "iso3") -> set:
    """A DataFrame (its `key` column), a Series, an Index, a list or a set -> a set of values."""
    if isinstance(answer, pd.DataFrame):
        if key in answer.columns:
            return set(answer[key].dropna())
        if answer.index.name == key:
            return set(answer.index)
        raise ValueError(f"your table has no column {key!r}; its columns are {', '.join(map(str, answer.columns))}")
    if isinstance(answer, (pd.Series, pd.Index, list, tuple, set, frozenset)):
        return set(pd.Series(list(answer)).dropna())
    if isinstance(answer, str):
        return {answer}
    raise ValueError(f"expected a table or a list, got {type(answer).__name__}")


def compare_set(answer: Any, expected: Any, key: str = "iso3", hint: str = "") -> Feedback:
    try:
        got = as_set(answer, key)
    except ValueError as exc:
        return Feedback(False, str(exc).capitalize() + ".")
    want = as_set(expected, key)
    if got == want:
        return Feedback(True, f"all {len(want)} are there, and nothing else.")
    missing, extra = want - got, got - want
    parts = [f"you have {len(got)}, the answer has {len(want)}."]
    if missing:
        parts.append(f"Missing: {_names(missing)}.")
    if extra:
        parts.append(f"Not in the answer: {_names(extra)}.")
    if hint:
        parts.append(f"Hint: {hint}")
    return Feedback(False, " ".join(parts))


def compare_number(answer: Any, expected: Any, hint: str = "", rel_tol: float = 1e-6) -> Feedback:
    if isinstance(answer, (pd.Series, pd.DataFrame)) and answer.size == 1:
        answer = answer.squeeze()
    try:
        got = float(answer)
    except (TypeError, ValueError):
        return Feedback(False, f"expected a number, got {type(answer).__name__}.")
    want = float(expected)
    if math.isclose(got, want, rel_tol=rel_tol, abs_tol=1e-9):
        return Feedback(True, f"{_fmt(want)} is right.")
    direction = "too high" if got > want else "too low"
    msg = f"{_fmt(got)} is {direction}."
    return Feedback(False, msg + (f" Hint: {hint}" if hint else ""))


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.3g}"


def compare_table(answer: Any, expected: Any, hint: str = "") -> Feedback:
    """Compare counts or values by label: a Series (or a one-column DataFrame) against a Series."""
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return Feedback(False, f"expected a Series (for example from value_counts()), got {type(answer).__name__}.")
    want = expected
    got = answer
    wrong = []
    for label, value in want.items():
        if label not in got.index:
            wrong.append(f"{label} is missing")
        elif not math.isclose(float(got[label]), float(value), rel_tol=1e-6, abs_tol=1e-9):
            wrong.append(f"{label}: you have {_fmt(float(got[label]))}, the answer is {_fmt(float(value))}")
    extra = [str(label) for label in got.index if label not in want.index and got[label] != 0]
    if extra:
        wrong.append(f"not expected: {', '.join(extra)}")
    if not wrong:
        return Feedback(True, "every value matches.")
    return Feedback(False, "; ".join(wrong[:5]) + "." + (f" Hint: {hint}" if hint else ""))
