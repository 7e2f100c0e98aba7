"""lessonkit.clocks: one moment on several clocks (pure helpers, zoneinfo)."""

from datetime import datetime, UTC
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from lessonkit import clocks

PYONGYANG_LANDING = datetime(2024, 6, 19, 2, 22, tzinfo=ZoneInfo("Asia/Pyongyang"))


def small_events() -> pd.DataFrame:
    """A fixture in the shape of data/events.csv, deliberately out of order."""
    rows = [
        ("hanoi", "2024-06-20", "01:45", "Asia/Ho_Chi_Minh", "Hanoi", "landed in Hanoi", "confirmed"),
        ("treaty", "2024-06-19", None, "Asia/Pyongyang", "Pyongyang", "signed a treaty", "confirmed"),
        ("pyongyang", "2024-06-19", "02:22", "Asia/Pyongyang", "Pyongyang", "landed in Pyongyang", "confirmed"),
        ("dmz", "2024-06-18", None, "Asia/Seoul", "DMZ", "soldiers crossed", "reported"),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "date", "local_time", "tz", "place", "event", "confidence"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


# --- moments and labels ----------------------------------------------------------------------

def test_moment_reads_text_on_the_given_clock():
    m = clocks.moment("2024-06-19 02:22", tz="Asia/Pyongyang")
    assert m == PYONGYANG_LANDING
    assert m.astimezone(UTC).hour == 17


def test_moment_refuses_a_time_without_a_clock():
    with pytest.raises(ValueError, match="Whose clock"):
        clocks.moment("2024-06-19 02:22")
    with pytest.raises(ValueError, match="Whose clock"):
        clocks.moment(datetime(2024, 6, 19, 2, 22))


def test_moment_keeps_an_aware_time_and_converts_with_tz():
    assert clocks.moment(PYONGYANG_LANDING) is PYONGYANG_LANDING
    vienna = clocks.moment(PYONGYANG_LANDING, tz="Europe/Vienna")
    assert (vienna.day, vienna.hour, vienna.minute) == (18, 19, 22)
    assert clocks.moment(pd.Timestamp(PYONGYANG_LANDING)) == PYONGYANG_LANDING


@pytest.mark.parametrize("bad", ["19.6.2024 02:22", "yesterday"])
def test_moment_names_unreadable_text(bad):
    with pytest.raises(ValueError, match="Cannot read"):
        clocks.moment(bad, tz="UTC")


def test_unknown_zone_gets_a_helpful_message():
    with pytest.raises(ValueError, match="Unknown time zone 'Europe/Wien'.*Europe/Vienna"):
        clocks.zone("Europe/Wien")
    with pytest.raises(ValueError, match="Unknown time zone"):
        clocks.local_times(PYONGYANG_LANDING, ["Asia/Pyongyang", "Mars/Olympus"])


@pytest.mark.parametrize(
    "when, expected",
    [
        (PYONGYANG_LANDING, "UTC+9"),
        (PYONGYANG_LANDING.astimezone(ZoneInfo("America/New_York")), "UTC-4"),
        (datetime(2024, 1, 15, 12, tzinfo=ZoneInfo("Europe/Vienna")), "UTC+1"),  # winter time
        (datetime(2024, 6, 15, 12, tzinfo=ZoneInfo("Europe/Vienna")), "UTC+2"),  # summer time
        (datetime(2017, 9, 3, 12, tzinfo=ZoneInfo("Asia/Pyongyang")), "UTC+8:30"),  # Pyongyang Time 2015-2018
        (datetime(2024, 1, 1, tzinfo=ZoneInfo("Asia/Kolkata")), "UTC+5:30"),
        (datetime(2024, 1, 1, tzinfo=UTC), "UTC+0"),
    ],
)
def test_offset_label(when, expected):
    assert clocks.offset_label(when) == expected


def test_labels_and_day_labels_are_english_and_plain():
    assert clocks.label("Asia/Pyongyang") == "Pyongyang"
    assert clocks.label("Asia/Ho_Chi_Minh") == "Hanoi"
    assert clocks.label("America/New_York") == "New York"
    assert clocks.day_label(PYONGYANG_LANDING) == "Wed 19 Jun 2024"
    assert clocks.day_label(PYONGYANG_LANDING, year=False) == "Wed 19 Jun"


@pytest.mark.parametrize("days, text", [(0, "same day"), (-1, "one day earlier"), (1, "one day later"), (-2, "2 days earlier")])
def test_compare_days(days, text):
    other = PYONGYANG_LANDING + pd.Timedelta(days=days)
    assert clocks.compare_days(PYONGYANG_LANDING, other) == text


# --- local_times ---------------------------------------------------------------------------

def test_local_times_pyongyang_landing_on_five_clocks():
    table = clocks.local_times(PYONGYANG_LANDING)
    assert list(table.index) == ["Pyongyang", "Hanoi", "Moscow", "Vienna", "UTC"]
    assert table.loc["Pyongyang", ["day", "time"]].tolist() == ["Wednesday", "02:22"]
    assert table.loc["Vienna", ["day", "date", "time", "UTC offset"]].tolist() == ["Tuesday", "18 Jun 2024", "19:22", "UTC+2"]
    assert table.loc["Moscow", "time"] == "20:22"
    assert table.loc["UTC", "time"] == "17:22"
    assert table.loc["Hanoi", "time"] == "00:22"
    compared = table["date compared with Pyongyang"]
    assert compared["Hanoi"] == "same day" and compared["Vienna"] == "one day earlier"


def test_local_times_accepts_a_mapping_with_own_labels_and_a_single_zone():
    table = clocks.local_times(PYONGYANG_LANDING, {"Home": "Europe/Vienna", "There": "Asia/Pyongyang"})
    assert list(table.index) == ["Home", "There"]
    assert table["date compared with Home"].tolist() == ["same day", "one day later"]
    assert list(clocks.local_times(PYONGYANG_LANDING, "Asia/Tokyo").index) == ["Tokyo"]


def test_local_times_needs_a_zone():
    with pytest.raises(ValueError, match="at least one"):
        clocks.local_times(PYONGYANG_LANDING, [])


# --- events ----------------------------------------------------------------------------------

def test_event_moment_and_missing_time_or_id():
    events = small_events()
    assert clocks.event_moment("pyongyang", events) == PYONGYANG_LANDING
    with pytest.raises(ValueError, match="only the local date"):
        clocks.event_moment("treaty", events)
    with pytest.raises(ValueError, match="No event 'pyongyang-2024'"):
        clocks.event_moment("pyongyang-2024", events)


def test_event_clocks_puts_the_local_clock_first_once():
    events = small_events()
    table = clocks.event_clocks("hanoi", events=events)
    assert list(table.index)[0] == "Hanoi"
    assert list(table.index).count("Hanoi") == 1
    table = clocks.event_clocks("hanoi", zones=["Europe/Vienna"], events=events)
    assert list(table.index) == ["Hanoi", "Vienna"]
    assert table.loc["Vienna", ["day", "time"]].tolist() == ["Wednesday", "20:45"]


def test_timeline_orders_by_local_date_then_time_and_adds_the_reader_clock():
    tl = clocks.timeline(small_events(), reader="Europe/Vienna")
    assert list(tl.index) == ["dmz", "pyongyang", "treaty", "hanoi"]
    assert tl.loc["pyongyang", "local date"] == "Wed 19 Jun 2024"
    assert tl.loc["pyongyang", "on the Vienna clock"] == "Tue 18 Jun, 19:22"
    assert tl.loc["treaty", "on the Vienna clock"] == clocks.NO_TIME
    assert tl.loc["treaty", "local time"] == ""
    assert tl.loc["dmz", "time zone"] == "Seoul (UTC+9)"
    assert tl.loc["dmz", "how sure"] == "reported"


def test_timeline_without_reader_and_with_wrong_input():
    tl = clocks.timeline(small_events(), reader=None)
    assert not any(c.startswith("on the") for c in tl.columns)
    assert clocks.timeline(small_events().iloc[0:0]).empty
    with pytest.raises(ValueError, match="missing columns: confidence"):
        clocks.timeline(small_events().drop(columns="confidence"))


def test_real_events_pyongyang_landing_is_tuesday_evening_in_vienna():
    """The lesson's central fact, from data/events.csv."""
    table = clocks.event_clocks("putin-arrives-pyongyang-2024")
    assert table.loc["Pyongyang", ["day", "time"]].tolist() == ["Wednesday", "02:22"]
    assert table.loc["Vienna", ["day", "time"]].tolist() == ["Tuesday", "19:22"]
    hanoi = clocks.event_clocks("putin-arrives-hanoi-2024")
    assert hanoi.loc["Vienna", ["day", "time"]].tolist() == ["Wednesday", "20:45"]
