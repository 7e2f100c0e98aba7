"""Events for a timeline: choosing rows by id and dates, ordering them by local date and
moment, and the bands of the date axis. (Short place names are a column: events.place_short.)"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable

import pandas as pd

from lessonkit.clocks import row_moment
from lessonkit.text import check_date, day_label, month_name


def _event_sort_key(row) -> tuple:
    """Local date, then the moment (UTC) where the row has a clock time; a day's events
    without a time come after those with one, in table order."""
    try:
        m = row_moment({"date": row["date"], "local_time": row.get("local_time"), "tz": row.get("tz")})
    except (ValueError, TypeError):
        m = None
    utc = m.timestamp() if m is not None else math.inf
    return (row["date"], utc)


def select_events(events: pd.DataFrame, event_ids: str | Iterable[str] | None = None, start=None,
                  end=None) -> pd.DataFrame:
    """The rows of the events table to put on a timeline, in time order (local date, then the
    moment where a clock time is given). `date` comes back as a Timestamp.

    event_ids: one id or several (None: every row). start / end: local dates, inclusive.
    Raises ValueError naming every unknown id (with a suggestion), any named event outside
    start-end, and an empty selection."""
    df = events.copy()
    df["date"] = df["date"].dt.normalize()
    first, last = check_date(start, "start"), check_date(end, "end")
    if first is not None and last is not None and first > last:
        raise ValueError(f"start ({first:%Y-%m-%d}) is after end ({last:%Y-%m-%d}).")
    named: list[str] = []
    if event_ids is not None:
        named = [str(event_ids)] if isinstance(event_ids, str) else [str(e) for e in event_ids]
        valid = [str(e) for e in df["event_id"]]
        unknown = [e for e in named if e not in set(valid)]
        if unknown:
            hints = []
            for u in unknown:
                close = difflib.get_close_matches(u, valid, n=1, cutoff=0.5)
                hints.append(f"{u!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            raise ValueError(f"Unknown event id {', '.join(hints)}. The ids are the column event_id of the events "
                             "table (lessonkit.data.load('events').event_id).")
        df = df[df["event_id"].astype(str).isin(named)]
    keep = pd.Series(True, index=df.index)
    if first is not None:
        keep &= df["date"] >= first
    if last is not None:
        keep &= df["date"] <= last
    lo = "…" if first is None else f"{first:%Y-%m-%d}"
    hi = "…" if last is None else f"{last:%Y-%m-%d}"
    outside = [e for e in named if e in set(df.loc[~keep, "event_id"].astype(str))]
    if outside:
        raise ValueError(f"Event {', '.join(repr(e) for e in outside)} is outside the dates asked for ({lo} to {hi}).")
    df = df[keep]
    if df.empty:
        span = f" between {lo} and {hi}" if first is not None or last is not None else ""
        raise ValueError(f"No events{span} in the events table.")
    order = sorted(range(len(df)), key=lambda i: (_event_sort_key(df.iloc[i]), i))
    return df.iloc[order].reset_index(drop=True)


def date_bands(first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """The bands of a timeline's date axis from `first` to `last` (inclusive): days for up to
    14 days, months for up to 4 years, else years. Columns: start, end (Timestamps, end
    exclusive), label ('Tue 18 Jun'; 'Jun 2024' for the first month and each January, else
    'Jul'; '2024'), unit ('day', 'month' or 'year')."""
    first, last = pd.Timestamp(first).normalize(), pd.Timestamp(last).normalize()
    if last < first:
        first, last = last, first
    days = (last - first).days + 1
    rows = []
    if days <= 14:
        for d in pd.date_range(first, last, freq="D"):
            rows.append({"start": d, "end": d + pd.Timedelta(days=1),
                         "label": day_label(d), "unit": "day"})
    elif (last.year - first.year) * 12 + last.month - first.month < 48:
        m = first.replace(day=1)
        while m <= last:
            nxt = m + pd.offsets.MonthBegin(1)
            name = month_name(m.month)
            rows.append({"start": m, "end": nxt, "label": f"{name} {m.year}" if not rows or m.month == 1 else name,
                         "unit": "month"})
            m = nxt
    else:
        for y in range(first.year, last.year + 1):
            rows.append({"start": pd.Timestamp(year=y, month=1, day=1), "end": pd.Timestamp(year=y + 1, month=1, day=1),
                         "label": str(y), "unit": "year"})
    return pd.DataFrame(rows, columns=["start", "end", "label", "unit"])
