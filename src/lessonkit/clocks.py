"""Clocks: one moment on several clocks, with the IANA time zones of Python's zoneinfo.

News reports disagree about dates when they use different clocks: Putin landed in Pyongyang
on Wednesday morning Pyongyang time, which was still Tuesday evening in Vienna. These pure
helpers make that visible:

    from lessonkit import clocks
    clocks.local_times("2024-06-19 02:22", tz="Asia/Pyongyang")   # one moment, several clocks
    clocks.event_clocks("putin-arrives-pyongyang-2024")          # the same, for a row of events.csv
    clocks.timeline(events_rows, reader="Europe/Vienna")          # events with local dates + a reader's clock

Dates and times in the events table are LOCAL to where the event happened (its `tz` column).
Weekday and month names, column headings and clock names are in the language lessonkit speaks
(lessonkit.use), whatever the computer's language: "Tue 18 Jun 2024" or "Di., 18. Juni 2024".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from lessonkit import i18n, text
from lessonkit.errors import ArgumentError
from lessonkit.i18n import N_, t

# The clocks the lesson compares, in this order: the two capitals Putin visited, his own
# capital, the article's city, and UTC (the world's reference clock).
DEFAULT_CLOCKS = ("Asia/Pyongyang", "Asia/Ho_Chi_Minh", "Europe/Moscow", "Europe/Vienna", "UTC")

# Names a reader knows for zones that are named after another city (or not after a city).
LABELS = {
    "Asia/Ho_Chi_Minh": "Hanoi",
    "Asia/Shanghai": N_("Beijing"),
    "Europe/Vienna": N_("Vienna"),
    "UTC": "UTC",
}
# Clock names that German writes differently (the zone's city, translated where shown).
CITY_NAMES = {"Pyongyang": N_("Pyongyang"), "Moscow": N_("Moscow"), "Yakutsk": N_("Yakutsk"), "Vienna": N_("Vienna"), "Beijing": N_("Beijing")}
# The column headings of the clock tables, translated by heading().
HEADINGS = (N_("clock"), N_("day"), N_("date"), N_("time"), N_("UTC offset"), N_("time zone"), N_("local date"),
            N_("local time"), N_("place"), N_("what happened"), N_("how sure"))


def heading(name: str) -> str:
    """A clock table's column heading in the language in use ('place' -> 'Ort')."""
    return t(name)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NO_TIME = N_("no clock time in the data")


def zone(name: str) -> ZoneInfo:
    """The time zone called `name` (an IANA name such as 'Europe/Vienna')."""
    if not isinstance(name, str) or not name.strip():
        raise ArgumentError(f"A time zone must be a name like 'Europe/Vienna', not {name!r}.")
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ArgumentError(
            f"Unknown time zone {name!r}: use an IANA name such as 'Europe/Vienna', 'Asia/Pyongyang' "
            "or 'America/New_York' (continent/city, with _ for spaces)."
        ) from None


def label(zone_name: str) -> str:
    """A short clock name for a zone: 'Asia/Pyongyang' -> 'Pyongyang', 'Asia/Ho_Chi_Minh' -> 'Hanoi'."""
    if zone_name in LABELS:
        return t(LABELS[zone_name])
    city = zone_name.rsplit("/", 1)[-1].replace("_", " ")
    return t(CITY_NAMES[city]) if city in CITY_NAMES else city


def moment(when, tz: str | None = None) -> datetime:
    """A moment in time (a timezone-aware datetime).

    `when` is an aware datetime or pandas Timestamp, or a naive one (or a text like
    '2024-06-19 02:22') read on the clock of `tz`. A naive time without `tz` is refused:
    a time means nothing until we know whose clock it is on.
    """
    if isinstance(when, str):
        try:
            when = datetime.fromisoformat(when.strip())
        except ValueError:
            raise ValueError(f"Cannot read {when!r} as a date and time; write it like '2024-06-19 02:22'.") from None
    if isinstance(when, pd.Timestamp):
        when = when.to_pydatetime()
    if not isinstance(when, datetime):
        raise ValueError(f"Expected a date and time, got {type(when).__name__}.")
    if when.tzinfo is None or when.utcoffset() is None:
        if tz is None:
            raise ValueError("Whose clock is this time on? Give the time zone, e.g. tz='Asia/Pyongyang'.")
        return when.replace(tzinfo=zone(tz))
    if tz is not None:
        return when.astimezone(zone(tz))
    return when


def offset_label(when: datetime) -> str:
    """The UTC offset of an aware datetime: 'UTC+9', 'UTC+2', 'UTC-4', 'UTC+8:30', 'UTC+0'."""
    offset = when.utcoffset()
    if offset is None:
        raise ValueError("offset_label needs a datetime with a time zone.")
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def day_label(when: datetime, year: bool = True) -> str:
    """'Tue 18 Jun 2024' (in German 'Di., 18. Juni 2024'), whatever the computer's language."""
    if i18n.current() == "de":
        words = f"{text.weekday_name(when.weekday())}, {when.day}. {text.month_name(when.month, short=False)}"
    else:
        words = f"{WEEKDAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]}"
    return f"{words} {when.year}" if year else words


def _zones(zones: Iterable[str] | Mapping[str, str] | None) -> list[tuple[str, str]]:
    """(label, zone name) pairs; a mapping gives its own labels."""
    if zones is None:
        zones = DEFAULT_CLOCKS
    if isinstance(zones, str):
        zones = [zones]
    if isinstance(zones, Mapping):
        pairs = [(str(k), v) for k, v in zones.items()]
    else:
        pairs = [(label(z), z) for z in zones]
    if not pairs:
        raise ValueError("Name at least one time zone.")
    for _, z in pairs:
        zone(z)  # a clear error for a wrong name
    return pairs


def compare_days(first: datetime, other: datetime) -> str:
    """How the calendar date on `other`'s clock relates to the date on `first`'s clock."""
    days = (other.date() - first.date()).days
    if days == 0:
        return t("same day")
    if days == -1:
        return t("one day earlier")
    if days == 1:
        return t("one day later")
    return t("{n} days earlier", n=abs(days)) if days < 0 else t("{n} days later", n=days)


def local_times(when, zones: Iterable[str] | Mapping[str, str] | None = None, tz: str | None = None) -> pd.DataFrame:
    """The same moment on several clocks, one row per clock.

    Columns: day, date, time, UTC offset, time zone, and the calendar day compared with the
    first clock ('same day', 'one day earlier', ...).

        local_times("2024-06-19 02:22", tz="Asia/Pyongyang")
        local_times(some_moment, ["Asia/Pyongyang", "Europe/Vienna"])
    """
    m = moment(when, tz)
    pairs = _zones(zones)
    rows = []
    first = None
    for name, z in pairs:
        local = m.astimezone(zone(z))
        first = first or local
        rows.append(
            {
                heading("clock"): name,
                heading("day"): text.weekday_name(local.weekday(), short=False) if i18n.current() == "de"
                else WEEKDAYS_LONG[local.weekday()],
                heading("date"): text.format_date(f"{local:%Y-%m-%d}") if i18n.current() == "de"
                else f"{local.day} {MONTHS[local.month - 1]} {local.year}",
                heading("time"): f"{local:%H:%M}",
                heading("UTC offset"): offset_label(local),
                heading("time zone"): z,
                t("date compared with {clock}", clock=pairs[0][0]): compare_days(first, local),
            }
        )
    return pd.DataFrame(rows).set_index(heading("clock"))


def _events(events: pd.DataFrame | None) -> pd.DataFrame:
    if events is None:
        from lessonkit import data

        events = data.load("events")
    return events


def _event_row(event_id: str, events: pd.DataFrame) -> pd.Series:
    hits = events[events["event_id"] == event_id]
    if hits.empty:
        near = [e for e in events["event_id"] if any(part in e for part in str(event_id).split("-") if len(part) > 3)]
        tip = f" Did you mean: {', '.join(near[:5])}?" if near else ""
        raise ValueError(f"No event {event_id!r} in the events table.{tip}")
    return hits.iloc[0]


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or (isinstance(value, str) and not value.strip()) or value is pd.NA


def row_moment(row: Mapping) -> datetime | None:
    """The moment of one events row (local date + local_time on its tz), or None without a time."""
    if _is_blank(row.get("local_time")):
        return None
    date = pd.Timestamp(row["date"]).date()
    hour, minute = (int(x) for x in str(row["local_time"]).split(":"))
    return datetime(date.year, date.month, date.day, hour, minute, tzinfo=zone(str(row["tz"])))


def event_moment(event_id: str, events: pd.DataFrame | None = None) -> datetime:
    """The moment an event happened, on its own local clock (from events.csv)."""
    row = _event_row(event_id, _events(events))
    m = row_moment(row)
    if m is None:
        raise ValueError(
            f"The data give only the local date of {event_id!r} ({pd.Timestamp(row['date']):%Y-%m-%d}, "
            f"{row['tz']}), not a clock time, so it cannot be shown on other clocks."
        )
    return m


def event_clocks(event_id: str, zones: Iterable[str] | Mapping[str, str] | None = None,
                 events: pd.DataFrame | None = None) -> pd.DataFrame:
    """An event of events.csv on several clocks; the first row is the clock where it happened."""
    events = _events(events)
    m = event_moment(event_id, events)
    own = str(_event_row(event_id, events)["tz"])
    pairs = _zones(zones)
    names = [z for _, z in pairs]
    if own not in names:
        pairs = [(label(own), own), *pairs]
    else:
        pairs = [p for p in pairs if p[1] == own] + [p for p in pairs if p[1] != own]
    return local_times(m, dict(pairs))


def timeline(rows: pd.DataFrame, reader: str | None = "Europe/Vienna") -> pd.DataFrame:
    """Rows of events.csv as a small timeline with local dates, in time order.

    Columns: local date, local time, time zone, place, what happened, how sure, and (if
    `reader` is a zone) the moment on the reader's clock where the data give a clock time.
    """
    needed = {"event_id", "date", "local_time", "tz", "place", "event", "confidence"}
    missing = needed - set(rows.columns)
    if missing:
        raise ValueError(f"timeline needs rows of the events table; missing columns: {', '.join(sorted(missing))}.")
    out = []
    for _, row in rows.iterrows():
        day = pd.Timestamp(row["date"]).to_pydatetime()
        m = row_moment(row)
        entry = {
            "event_id": row["event_id"],
            heading("local date"): day_label(day),
            heading("local time"): f"{m:%H:%M}" if m else "",
            heading("time zone"): f"{label(str(row['tz']))} ({offset_label(m or day.replace(hour=12, tzinfo=zone(str(row['tz']))))})",
            heading("place"): i18n.cell(row, "place"),
            heading("what happened"): i18n.cell(row, "event"),
            heading("how sure"): row["confidence"],
        }
        if reader is not None:
            on_clock = t("on the {clock} clock", clock=label(reader))
            if m is None:
                entry[on_clock] = t(NO_TIME)
            else:
                r = m.astimezone(zone(reader))
                entry[on_clock] = f"{day_label(r, year=False)}, {r:%H:%M}"
        entry["_sort"] = (day.date(), m.astimezone(zone("UTC")).replace(tzinfo=None) if m else datetime.max - timedelta(days=1))
        out.append(entry)
    frame = pd.DataFrame(out)
    if frame.empty:
        return pd.DataFrame(columns=[heading(h) for h in ("local date", "local time", "time zone", "place",
                                                           "what happened", "how sure")])
    frame = frame.sort_values("_sort", kind="stable").drop(columns="_sort")
    return frame.set_index("event_id")
