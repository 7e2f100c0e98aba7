"""Read a student's answer into what a task compares, or say in one sentence why it cannot be.

    describe(answer)            "a table of 24 rows and 5 columns", "the number 24", ...
    read_number(answer, wants)  a float or int            (raises Unreadable)
    read_keys(answer, ctx)      the keys of the rows given (raises Unreadable)
    read_labelled(answer, ctx)  a Series label -> number   (raises Unreadable)

Every reader accepts the forms a beginner writes naturally (a table with only the columns the
lesson shows, a column, a list, a set, names or codes) and never raises anything but
Unreadable. Pure: pandas only.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lessonkit import countrynames
from lessonkit.i18n import nt, t
from lessonkit.quiz.grading import to_number
from lessonkit.text import grouped, localise_number

BIG = 100_000  # beyond this many values, skip the slower name matching


class Unreadable(Exception):
    """The answer is not in a form the task can compare; str(exc) is the sentence to show."""


def _kind_of_values(values) -> str:
    """What the values are: "bool", "number", "text", "list" or "value"."""
    try:
        series = pd.Series(values) if not isinstance(values, pd.Series) else values
    except Exception:  # noqa: BLE001 - anything odd is just "values"
        return "value"
    if len(series) and pd.api.types.is_bool_dtype(series):
        return "bool"
    if len(series) and pd.api.types.is_numeric_dtype(series):
        return "number"
    sample = [v for v in series.head(50) if v is not None]
    if sample and all(isinstance(v, str) for v in sample):
        return "text"
    if sample and all(isinstance(v, (list, tuple, set, dict, np.ndarray, pd.Series)) for v in sample):
        return "list"
    return "value"


# "a column of 3 numbers" / "a list of 3 numbers", by kind of value (whole phrases, for German cases).
_COLUMN_OF = {
    "bool": lambda n: nt("a column of {n} True/False value", "a column of {n} True/False values", n, n=grouped(n)),
    "number": lambda n: nt("a column of {n} number", "a column of {n} numbers", n, n=grouped(n)),
    "text": lambda n: nt("a column of {n} text", "a column of {n} texts", n, n=grouped(n)),
    "list": lambda n: nt("a column of {n} list", "a column of {n} lists", n, n=grouped(n)),
    "value": lambda n: nt("a column of {n} value", "a column of {n} values", n, n=grouped(n)),
}
_LIST_OF = {
    "bool": lambda n: nt("a list of {n} True/False value", "a list of {n} True/False values", n, n=grouped(n)),
    "number": lambda n: nt("a list of {n} number", "a list of {n} numbers", n, n=grouped(n)),
    "text": lambda n: nt("a list of {n} text", "a list of {n} texts", n, n=grouped(n)),
    "list": lambda n: nt("a list of {n} list", "a list of {n} lists", n, n=grouped(n)),
    "value": lambda n: nt("a list of {n} value", "a list of {n} values", n, n=grouped(n)),
}


def _digits(x: int) -> str:
    return t("a number with {n} digits", n=len(str(abs(int(x)))))


def describe(answer: object) -> str:
    """A short phrase for what the answer is."""
    if answer is None:
        return t("None (nothing)")
    if isinstance(answer, (bool, np.bool_)):
        return t("{value}, a yes/no value", value=bool(answer))
    if isinstance(answer, numbers.Integral) and abs(int(answer)) >= 10**15:
        return _digits(answer)
    if isinstance(answer, numbers.Number):
        return t("the number {value}", value=format_number(answer))
    if isinstance(answer, str):
        short = answer if len(answer) <= 30 else answer[:27] + "..."
        return t('the text "{text}"', text=short)
    if isinstance(answer, pd.DataFrame):
        r, c = answer.shape
        rows = nt("{n} row", "{n} rows", r, n=grouped(r))
        cols = nt("{n} column", "{n} columns", c, n=grouped(c))
        if c and all(pd.api.types.is_bool_dtype(tp) for tp in answer.dtypes):
            return t("a table of True/False values with {rows} and {columns}", rows=rows, columns=cols)
        return t("a table with {rows} and {columns}", rows=rows, columns=cols)
    if isinstance(answer, pd.Series):
        return _COLUMN_OF[_kind_of_values(answer)](len(answer))
    if isinstance(answer, dict):
        return nt("a dict of {n} entry", "a dict of {n} entries", len(answer), n=grouped(len(answer)))
    if isinstance(answer, np.ndarray) and answer.ndim > 1:
        return t("an array of shape {shape}", shape=answer.shape)
    if isinstance(answer, (list, tuple, set, frozenset, np.ndarray, pd.Index)):
        return _LIST_OF[_kind_of_values(list(answer))](len(answer))
    return t("a {type}", type=type(answer).__name__)


def format_number(x: object, decimals: int | None = None) -> str:
    """A number as the student should read it: whole numbers without ".0", else at the data's
    precision (decimals), else up to 6 significant figures."""
    try:
        if isinstance(x, numbers.Integral) and not isinstance(x, bool):
            return str(int(x)) if abs(int(x)) < 10**15 else _digits(x)
        value = float(x)
    except (TypeError, ValueError, OverflowError):
        return str(x)[:30]
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return t("infinity") if value > 0 else t("minus infinity")
    if decimals is not None:
        return localise_number(f"{value:.{decimals}f}")
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return localise_number(f"{value:.6g}")


def safe_float(x: object) -> float | None:
    """float(x), with huge integers as +-inf; None if x is not a number."""
    if isinstance(x, (bool, np.bool_)) or x is None or isinstance(x, str):
        return None
    if isinstance(x, numbers.Integral):
        try:
            return float(x)
        except OverflowError:
            return math.inf if x > 0 else -math.inf
    if isinstance(x, numbers.Real):
        try:
            return float(x)
        except (OverflowError, ValueError):
            return None
    try:
        return float(x)  # Decimal, numpy scalars, ...
    except (TypeError, ValueError, OverflowError):
        return None


# --- numbers ----------------------------------------------------------------------------------
def read_number(answer: object, wants: str) -> float | int:
    """One number from a number, a numeric text, or a one-value list / Series / table."""
    if isinstance(answer, (pd.Series, pd.DataFrame)) and answer.size == 1:
        answer = answer.to_numpy().ravel()[0]
    elif isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if isinstance(answer, (bool, np.bool_)):
        raise Unreadable(_not_a_number(answer, wants))
    if isinstance(answer, str):
        value = to_number(answer)
        if value is None:
            raise Unreadable(_not_a_number(answer, wants))
        return value
    if isinstance(answer, numbers.Integral):
        return int(answer)
    if isinstance(answer, (complex, np.complexfloating)):
        raise Unreadable(t("Your answer is a complex number: {wants}.", wants=t(wants)))
    value = safe_float(answer) if isinstance(answer, numbers.Number) or np.isscalar(answer) else None
    if value is None or isinstance(answer, (pd.Timestamp, pd.Timedelta)):
        raise Unreadable(_is(answer, wants))
    return value


def _not_a_number(answer: object, wants: str) -> str:
    return t("Your answer is {what}, not a number: {wants}.", what=describe(answer), wants=t(wants))


def _is(answer: object, wants: str) -> str:
    """"Your answer is <what it is>: <what the task wants>." (wants: the task's English words)."""
    return t("Your answer is {what}: {wants}.", what=describe(answer), wants=t(wants))


# --- rows of a table (set tasks) ------------------------------------------------------------
@dataclass
class SetContext:
    """What a set task knows: the key column, the table the student filters, how to name things."""

    key: str
    table: str                              # the table's name in the lesson, e.g. "votes"
    rows: pd.DataFrame | None = None        # that table (the rows the student picks from)
    countries: bool = False                 # the keys are iso3 codes
    wants: str = ""                         # the shape wanted, in the task's words
    lookup: dict[str, str] = field(default_factory=dict)
    used_names: bool = False                # set by read_keys: the student gave names, not codes


def _equal_where_both(a: pd.Series, b: pd.Series) -> bool:
    try:
        a, b = a.astype(object), b.astype(object)
        same = (a == b) | (a.isna() & b.isna())
        return bool(same.all())
    except Exception:  # noqa: BLE001 - values that do not compare are not equal
        return False


def _aligned_keys(frame: pd.DataFrame, ctx: SetContext) -> list | None:
    """The keys of the student's rows, found by their row labels in the lesson's table."""
    rows = ctx.rows
    if rows is None or ctx.key not in rows.columns or not rows.index.is_unique:
        return None
    common = [c for c in frame.columns if c in rows.columns]
    if not common or not frame.index.isin(rows.index).all():
        return None
    picked = rows.loc[frame.index]
    if all(_equal_where_both(frame[c].reset_index(drop=True), picked[c].reset_index(drop=True)) for c in common):
        return list(picked[ctx.key])
    return None


def _map_values(values: list, ctx: SetContext) -> list:
    """Keys, names or aliases -> keys (unknown values are kept as they are)."""
    known = set(ctx.rows[ctx.key].dropna()) if ctx.rows is not None and ctx.key in ctx.rows.columns else set()
    folded = {countrynames.fold(k): k for k in known if isinstance(k, str)}
    out = []
    slow = len(values) <= BIG
    for v in values:
        if v in known:
            out.append(v)
            continue
        if not slow or not isinstance(v, str):
            out.append(v)
            continue
        f = countrynames.fold(v)
        if ctx.countries and f in ctx.lookup:
            code = ctx.lookup[f]
            if code != v:
                ctx.used_names = True
            out.append(code)
        elif f in folded:
            out.append(folded[f])
        else:
            out.append(v)
    return out


def _column_keys(frame: pd.DataFrame, ctx: SetContext) -> list | None:
    """Keys from the first column whose values are all keys, names or aliases."""
    for col in frame.columns:
        values = [v for v in frame[col].tolist() if isinstance(v, str)]
        if not values or len(values) != frame[col].notna().sum():
            continue
        mapped = _map_values(values, ctx)
        known = set(ctx.rows[ctx.key]) if ctx.rows is not None else set()
        if all(m in known or (ctx.countries and m in ctx.lookup.values()) for m in mapped):
            return mapped
    return None


def _mask_message(ctx: SetContext) -> str:
    return t("Your answer is a column of True/False values, one for each row of `{table}`: put it inside "
             "`{table}[ ]` to keep the rows where it is True.", table=ctx.table)


def read_keys(answer: object, ctx: SetContext) -> tuple[list, bool]:
    """(the keys of the rows or values given, whether they came from a table's rows)."""
    if isinstance(answer, pd.DataFrame):
        if answer.empty:
            raise Unreadable(t("Your table has no rows: no row of `{table}` meets your conditions. Check the "
                               "values in quotes letter by letter (capitals count).", table=ctx.table))
        if ctx.key in answer.columns:
            return _map_values(answer[ctx.key].dropna().tolist(), ctx), True
        if ctx.key in (answer.index.names or []):
            return _map_values(answer.index.get_level_values(ctx.key).tolist(), ctx), True
        keys = _aligned_keys(answer, ctx)
        if keys is None:
            keys = _column_keys(answer, ctx)
        if keys is None:
            cols = ", ".join(f"`{c}`" for c in list(answer.columns)[:8])
            raise Unreadable(t("lessonkit cannot tell which rows of `{table}` these are: keep the column "
                               "`{key}` in your table (its columns are {columns}).",
                               table=ctx.table, key=ctx.key, columns=cols))
        return keys, True
    if isinstance(answer, pd.Series):
        if len(answer) and pd.api.types.is_bool_dtype(answer):
            raise Unreadable(_mask_message(ctx))
        if answer.name is not None and answer.name != ctx.key:
            keys = _aligned_keys(answer.to_frame(), ctx)
            if keys is not None:
                return keys, True
        answer = answer.tolist()
    if isinstance(answer, str):
        return _map_values([answer], ctx), False
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        raise Unreadable(_is(answer, ctx.wants))
    if isinstance(answer, (list, tuple, set, frozenset, np.ndarray, pd.Index)) or (
            isinstance(answer, Iterable) and type(answer).__name__ in ("dict_keys", "dict_values")):
        values = list(answer)
        if not values:
            raise Unreadable(t("Your answer is an empty list: {wants}.", wants=t(ctx.wants)))
        if any(isinstance(v, (list, tuple, set, dict, np.ndarray, pd.Series, pd.DataFrame)) for v in values):
            raise Unreadable(t("Your answer is a list of lists: give one flat list such as {example}, or the "
                               "rows of `{table}`.", example=_example(ctx), table=ctx.table))
        if all(isinstance(v, (bool, np.bool_)) for v in values):
            raise Unreadable(_mask_message(ctx))
        if all(isinstance(v, numbers.Number) for v in values):
            raise Unreadable(_is(values, ctx.wants))
        return _map_values(values, ctx), False
    raise Unreadable(_is(answer, ctx.wants))


def _example(ctx: SetContext) -> str:
    if ctx.rows is not None and ctx.key in ctx.rows.columns:
        sample = [v for v in ctx.rows[ctx.key].dropna().unique()[:2]]
        return "[" + ", ".join(repr(v) for v in sample) + "]"
    return "[...]"


# --- labelled numbers (table tasks) ----------------------------------------------------------
def read_labelled(answer: object, wants: str, expected: pd.Series) -> pd.Series:
    """A Series label -> value from a Series, a dict, or a one- or two-column table."""
    if isinstance(answer, dict):
        return pd.Series(answer, dtype=object)
    if isinstance(answer, pd.DataFrame):
        frame = answer
        if frame.shape[1] and all(pd.api.types.is_bool_dtype(t) for t in frame.dtypes):
            raise Unreadable(_is(frame, wants))
        numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
                   and not pd.api.types.is_bool_dtype(frame[c])]
        labels = [c for c in frame.columns if c not in numeric]
        if frame.shape[1] == 1 and numeric:
            return frame.iloc[:, 0]
        if len(numeric) == 1 and len(labels) == 1:
            return frame.set_index(labels[0])[numeric[0]]
        if numeric and not labels and all(frame[c].equals(frame[numeric[0]]) for c in numeric):
            return frame[numeric[0]]
        raise Unreadable(_is(frame, wants))
    if isinstance(answer, pd.Series):
        if len(answer) and pd.api.types.is_bool_dtype(answer):
            raise Unreadable(t("Your answer is a column of True/False values: {wants}.", wants=t(wants)))
        if len(answer) and not pd.api.types.is_numeric_dtype(answer):
            if not all(isinstance(v, numbers.Number) for v in answer.head(1000)):
                raise Unreadable(t("Your answer is {what}, not counted yet: {wants}.", what=describe(answer),
                                   wants=t(wants)))
        return answer
    if isinstance(answer, (list, tuple, np.ndarray)) and not isinstance(answer, str):
        values = list(np.ravel(np.asarray(answer, dtype=object))) if len(answer) else []
        if values and all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in values):
            try:
                same = sorted(float(v) for v in values) == sorted(float(v) for v in expected)
            except (TypeError, ValueError, OverflowError):
                same = False
            if same:
                raise Unreadable(t("These are the right numbers, but without their labels: give a Series, so that "
                                   "each number carries its label ({wants}).", wants=t(wants)))
            raise Unreadable(t("Your answer is {what} without labels: {wants}.", what=describe(values),
                               wants=t(wants)))
    raise Unreadable(_is(answer, wants))
