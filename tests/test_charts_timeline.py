"""charts.event_timeline and its pure logic (lessonkit.model.events: select_events,
date_bands; lessonkit.model.layout: stagger_labels), on the real events table and on the
small fixture tests/fixtures/charts/events.csv. Titles, labels, marker and line styles and the
label layout are checked on the figure's artists, not on pixels."""

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from lessonkit import charts, clocks, data
from lessonkit.charts import Chart, style, timeline
from lessonkit.model import codes as code_model
from lessonkit.model import events as event_model
from lessonkit.model import layout as label_layout
from lessonkit import text
from chart_fixture import by_gid as artist

pytestmark = pytest.mark.filterwarnings("error")

FIXTURES = Path(__file__).parent / "fixtures" / "charts"
MARKERS = {"confirmed": "o", "official_estimate": "D", "reported": "s", "alleged": "^"}


def fx(name: str) -> pd.DataFrame:
    """A fixture table, loaded and typed like data/ (tests/fixtures/charts is a data package)."""
    return data.load(name, FIXTURES)


@pytest.fixture(scope="module")
def fx_kw() -> dict[str, pd.DataFrame]:
    return {"events": fx("events"), "sources": fx("sources")}


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return data.load("events")


def has_artist(fig, gid) -> bool:
    return any(a.get_gid() == gid for ax in fig.axes for a in ax.get_children())


def dash(line) -> object:
    """The line style a Line2D was given: '-' or the dash tuple of style.CONFIDENCE_STYLES.
    (Line2D.get_linestyle() says only '--' for any dash pattern.)"""
    offset, seq = line._unscaled_dash_pattern
    return "-" if seq is None else (offset, tuple(seq))


def label_boxes(chart: Chart) -> dict[str, tuple[float, float, float, float]]:
    """Each event's label (date/place, words, clock lines) as one box in data units (inches)."""
    fig = chart.fig
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    inv = ax.transData.inverted()
    boxes = {}
    for event_id in chart.table()["event_id"]:
        parts = [artist(fig, f"{kind}-{event_id}") for kind in ("when", "label", "clock")
                 if has_artist(fig, f"{kind}-{event_id}")]
        corners = [inv.transform(p.get_window_extent(renderer).get_points()) for p in parts]
        xs = [c[:, 0] for c in corners]
        ys = [c[:, 1] for c in corners]
        boxes[event_id] = (min(x.min() for x in xs), min(y.min() for y in ys), max(x.max() for x in xs),
                           max(y.max() for y in ys))
    return boxes


def check_layout(chart: Chart):
    """No two labels overlap, no label leaves the figure, and no stem runs through another label."""
    boxes = label_boxes(chart)
    ids = list(boxes)
    ax = chart.fig.axes[0]
    x_lo, x_hi = ax.get_xlim()
    for i, a in enumerate(ids):
        ax0, ay0, ax1, ay1 = boxes[a]
        assert ax0 >= x_lo - 0.21 and ax1 <= x_hi + 0.21, f"label of {a} runs off the figure"
        for b in ids[i + 1:]:
            bx0, by0, bx1, by1 = boxes[b]
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, f"labels of {a} and {b} overlap"
    for a in ids:
        (x, y_from), (_, y_to) = artist(chart.fig, f"stem-{a}").get_xydata()[1:]
        lo, hi = sorted((y_from, y_to))
        for b in ids:
            if b == a:
                continue
            bx0, by0, bx1, by1 = boxes[b]
            assert not (bx0 < x < bx1 and lo < by1 and by0 < hi), f"the line of {a} runs through the label of {b}"


def check_common(chart: Chart):
    fig = chart.fig
    assert style.text_by_gid(fig, "title") == chart.title and chart.title
    assert style.text_by_gid(fig, "source") == chart.source_line and chart.source_line.startswith("Source")
    assert "local dates where each event happened" in style.text_by_gid(fig, "subtitle").lower()
    assert chart.alt_text.endswith(".") and "\n" not in chart.alt_text and chart.alt_text.count(". ") == 0
    assert chart.kind == "event_timeline" and "event_timeline" in repr(chart)
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"
    assert fig.get_figwidth() == style.WIDTH and fig.dpi == style.DPI
    assert plt.get_fignums() == []
    table = chart.table()
    assert {"event_id", "local date", "place", "label", "what happened", "how sure"} <= set(table.columns)
    check_layout(chart)


def check_confidence_styles(chart: Chart):
    """Colour is never the only cue: marker shape, fill and line style follow `confidence`."""
    for event_id, conf in zip(chart.table()["event_id"], chart.table()["how sure"]):
        marker = artist(chart.fig, f"event-{event_id}")
        stem = artist(chart.fig, f"stem-{event_id}")
        assert marker.get_marker() == MARKERS[conf], event_id
        assert to_rgba(marker.get_markeredgecolor()) == to_rgba(timeline.EVENT_COLORS[conf])
        filled = to_rgba(marker.get_markerfacecolor()) == to_rgba(timeline.EVENT_COLORS[conf])
        assert filled == (conf != "alleged"), event_id
        assert dash(stem) == style.CONFIDENCE_STYLES[conf], event_id
        assert to_rgba(stem.get_color()) == to_rgba(timeline.EVENT_COLORS[conf])
    sure = code_model.certainty_labels(data.load("certainty"))
    shown = sorted(set(chart.table()["how sure"]), key=list(sure).index)
    legend = chart.fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [sure[c] for c in shown]
    for handle, conf in zip(legend.legend_handles, shown):
        assert handle.get_marker() == MARKERS[conf] and dash(handle) == style.CONFIDENCE_STYLES[conf]


# --- the chart on the fixture ------------------------------------------------------------------


def test_fixture_notes_say_fixture():
    assert fx("events")["note"].str.startswith("fixture").all()


def test_fixture_trip_title_labels_styles_and_sources(fx_kw):
    chart = charts.event_timeline(start="2024-06-18", end="2024-06-20", reader="Europe/Vienna", **fx_kw)
    check_common(chart)
    assert chart.title == "5 events in 3 days, 18\u201320 Jun 2024: 3 confirmed, 1 reported, 1 alleged"
    fig = chart.fig
    # time order: on 18 June the event with a clock time first, then the others in table order
    assert list(chart.table()["event_id"]) == ["envoy-arrives-pyongyang-2024", "border-crossing-2024-06-18",
                                               "envoy-talks-pyongyang-2024", "accord-signed-2024",
                                               "shipment-claim-rajin-2024"]
    assert artist(fig, "when-envoy-arrives-pyongyang-2024").get_text() == "Tue 18 Jun \u00b7 Pyongyang"
    assert artist(fig, "label-envoy-arrives-pyongyang-2024").get_text() == "Envoy arrives"
    # 02:30 in Pyongyang (UTC+9) is 19:30 the evening before in Vienna (UTC+2)
    assert artist(fig, "clock-envoy-arrives-pyongyang-2024").get_text() == (
        "02:30 local time\n= Mon 17 Jun 19:30 in Vienna")
    assert not has_artist(fig, "clock-accord-signed-2024")  # no clock time in the data
    assert artist(fig, "when-border-crossing-2024-06-18").get_text() == "Tue 18 Jun \u00b7 Demilitarized Zone"
    assert artist(fig, "when-shipment-claim-rajin-2024").get_text() == "Thu 20 Jun \u00b7 Rajin"
    assert artist(fig, "label-shipment-claim-rajin-2024").get_text() == "Shipment claim"
    ticks = [t.get_text() for t in fig.axes[0].texts if str(t.get_gid()).startswith("tick-")]
    assert ticks == ["Tue 18 Jun", "Wed 19 Jun", "Thu 20 Jun"]
    check_confidence_styles(chart)
    # the source line comes from the sources of the events shown, through the shared formatter
    assert "Fixture Wire" in chart.source_line and "Fixture Customs" not in chart.source_line
    assert list(chart.sources["source_id"]) == ["fx-wire", "fx-seoul", "fx-research", "fx-un-1", "fx-news-3"]
    assert "Vienna" in chart.subtitle and "their order is known only where clock times are given" in chart.subtitle
    assert "on the Vienna clock" in chart.table().columns
    assert chart.alt_text.startswith("Timeline of 5 events by the local date where each happened, 18\u201320 Jun 2024: "
                                     "18 Jun 2024, Pyongyang: Envoy arrives (confirmed, 02:30 local time")
    assert "Rajin: Shipment claim (alleged)" in chart.alt_text


def test_fixture_months_axis_and_ids(fx_kw):
    chart = charts.event_timeline(["accord-signed-2024", "nis-report-2024", "accord-in-force-2024"], **fx_kw)
    check_common(chart)
    assert chart.title == "3 events in about 5\u00bd months, 19 Jun \u2013 4 Dec 2024: 2 confirmed, 1 reported"
    ticks = [t.get_text() for t in chart.fig.axes[0].texts if str(t.get_gid()).startswith("tick-")]
    assert ticks[0] == "Jun 2024" and ticks[-1] == "Dec" and len(ticks) == 7
    assert artist(chart.fig, "when-accord-in-force-2024").get_text() == "4 Dec \u00b7 Moscow"
    assert artist(chart.fig, "label-nis-report-2024").get_text() == "NIS report"
    assert "Vienna" not in chart.subtitle and "on the Vienna clock" not in chart.table().columns
    check_confidence_styles(chart)


def test_unknown_event_id_is_named(fx_kw, events):
    with pytest.raises(ValueError, match="Unknown event id 'no-such-event'"):
        charts.event_timeline(["accord-signed-2024", "no-such-event"], **fx_kw)
    with pytest.raises(ValueError, match="did you mean 'putin-arrives-pyongyang-2024'"):
        charts.event_timeline("putin-arrives-pyongyan-2024", events=events)


def test_bad_dates_and_clock_are_refused(fx_kw):
    with pytest.raises(ValueError, match="start must be a date"):
        charts.event_timeline(start="June 2024", **fx_kw)
    with pytest.raises(ValueError, match="is after end"):
        charts.event_timeline(start="2024-06-20", end="2024-06-18", **fx_kw)
    with pytest.raises(ValueError, match="No events between 2025-01-01"):
        charts.event_timeline(start="2025-01-01", **fx_kw)
    with pytest.raises(ValueError, match="outside the dates asked for"):
        charts.event_timeline(["accord-in-force-2024"], end="2024-06-30", **fx_kw)
    with pytest.raises(ValueError, match="Unknown time zone"):
        charts.event_timeline(reader="Vienna", **fx_kw)


# --- the chart on the real data --------------------------------------------------------------


def _confidence_words(rows: pd.DataFrame) -> str:
    counts = rows["confidence"].value_counts()
    sure = code_model.certainty_labels(data.load("certainty"))
    levels = [c for c in sure if c in counts]
    words = {c: sure[c].lower() for c in levels}
    return f"all {words[levels[0]]}" if len(levels) == 1 else ", ".join(f"{counts[c]} {words[c]}" for c in levels)


def test_the_trip_on_the_real_data(events):
    trip = events[(events.date >= "2024-06-18") & (events.date <= "2024-06-20")]
    chart = charts.event_timeline(start="2024-06-18", end="2024-06-20", reader="Europe/Vienna")
    check_common(chart)
    check_confidence_styles(chart)
    assert set(chart.table()["event_id"]) == set(trip["event_id"])
    assert chart.title == f"{len(trip)} events in 3 days, 18\u201320 Jun 2024: {_confidence_words(trip)}"
    # the table is the lesson's clocks.timeline of the same rows, plus the labels
    expected = clocks.timeline(trip, reader="Europe/Vienna")
    assert list(chart.table()["event_id"]) == list(expected.index)
    # the Pyongyang landing: Wednesday on the local date, Tuesday evening in Vienna
    vienna = clocks.event_clocks("putin-arrives-pyongyang-2024").loc["Vienna"]
    assert artist(chart.fig, "when-putin-arrives-pyongyang-2024").get_text() == "Wed 19 Jun \u00b7 Pyongyang"
    assert artist(chart.fig, "label-putin-arrives-pyongyang-2024").get_text() == "Putin arrives"
    assert artist(chart.fig, "clock-putin-arrives-pyongyang-2024").get_text().endswith(
        f"= Tue 18 Jun {vienna['time']} in Vienna")
    assert artist(chart.fig, "when-putin-yakutsk-stopover-2024").get_text() == "Tue 18 Jun \u00b7 Yakutsk"
    assert artist(chart.fig, "when-putin-arrives-hanoi-2024").get_text() == "Thu 20 Jun \u00b7 Hanoi"
    for source_id in trip["source_id"]:
        assert source_id in set(chart.sources["source_id"])


def test_what_followed_on_the_real_data(events):
    after = events[events.date >= "2024-06-19"]
    chart = charts.event_timeline(start="2024-06-19")
    check_common(chart)
    check_confidence_styles(chart)
    assert len(chart.table()) == len(after) >= 10
    assert chart.title.startswith(f"{len(after)} events in about ")
    assert chart.title.endswith(_confidence_words(after))
    assert artist(chart.fig, "label-treaty-enters-into-force-2024").get_text() == "Treaty in force"
    # 21 months: the band is too narrow to name the years, so each label names its year
    assert artist(chart.fig, "when-treaty-enters-into-force-2024").get_text() == "4 Dec 2024 \u00b7 Moscow"
    assert artist(chart.fig, "when-duma-ratifies-treaty-2024").get_text() == "24 Oct 2024 \u00b7 Moscow"


@pytest.mark.slow
def test_every_real_event_gets_a_short_label(events):
    chart = charts.event_timeline()
    check_common(chart)
    for label in chart.table()["label"]:
        place, _, words = label.partition(": ")
        assert 0 < len(words.split()) <= 6 and len(place) <= 45, label
        assert not any(ch.isdigit() for ch in words[-4:]), label  # no year left at the end


# --- model -----------------------------------------------------------------------------------


def test_select_events_sorts_by_local_date_then_clock_time():
    rows = event_model.select_events(fx("events"), start="2024-06-18", end="2024-06-19")
    assert list(rows["event_id"]) == ["envoy-arrives-pyongyang-2024", "border-crossing-2024-06-18",
                                      "envoy-talks-pyongyang-2024", "accord-signed-2024"]
    assert rows["date"].dtype.kind == "M"
    one = event_model.select_events(fx("events"), "nis-report-2024")
    assert list(one["event_id"]) == ["nis-report-2024"]


def test_select_events_names_unknown_ids_with_a_suggestion():
    with pytest.raises(ValueError, match=r"'nis-reprot-2024' \(did you mean 'nis-report-2024'\?\), 'zzz'"):
        event_model.select_events(fx("events"), ["nis-reprot-2024", "zzz"])


def test_check_date():
    assert text.check_date(None) is None
    assert text.check_date("2024-06-18") == pd.Timestamp("2024-06-18")
    assert text.check_date(pd.Timestamp("2024-06-18 13:00")) == pd.Timestamp("2024-06-18")
    with pytest.raises(ValueError, match="end must be a date like"):
        text.check_date("18.6.2024", "end")


def test_short_places_are_columns_that_name_part_of_the_place():
    """events.place_short (and place_short_de) is the timeline's place word: part of the place it
    shortens, never a country or region guessed in code (issue 18)."""
    from lessonkit import data

    events = data.load("events")
    for row in events.itertuples():
        assert row.place_short and row.place_short.lower() in row.place.lower(), (row.event_id, row.place_short)
        assert row.place_short_de and row.place_short_de.lower() in row.place_de.lower(), (row.event_id, row.place_short_de)
    yakutsk = events.set_index("event_id").loc["putin-yakutsk-stopover-2024"]
    assert (yakutsk.place_short, yakutsk.place_short_de) == ("Yakutsk", "Jakutsk")


def test_date_bands_by_span():
    days = event_model.date_bands(pd.Timestamp("2024-06-18"), pd.Timestamp("2024-06-20"))
    assert list(days["label"]) == ["Tue 18 Jun", "Wed 19 Jun", "Thu 20 Jun"] and set(days["unit"]) == {"day"}
    months = event_model.date_bands(pd.Timestamp("2024-11-19"), pd.Timestamp("2025-02-03"))
    assert list(months["label"]) == ["Nov 2024", "Dec", "Jan 2025", "Feb"]
    assert months["end"].iloc[-1] == pd.Timestamp("2025-03-01")
    years = event_model.date_bands(pd.Timestamp("1972-05-15"), pd.Timestamp("2025-09-03"))
    assert years["label"].iloc[0] == "1972" and years["label"].iloc[-1] == "2025" and len(years) == 54


def _stems_cross(layout: pd.DataFrame) -> bool:
    for a in layout.itertuples():
        for b in layout.itertuples():
            if a.Index != b.Index and a.side == b.side and b.level < a.level and b.start < a.anchor < b.end:
                return True
    return False


def test_stagger_labels_no_overlap_and_no_crossing():
    anchors = [0.2, 0.36, 0.52, 0.68, 3.0, 3.1, 3.3, 3.45, 3.6, 6.9]
    layout = label_layout.stagger_labels(anchors, [1.2] * len(anchors), right=7.5, pad=0.1, gap=0.1, cluster_gap=0.45)
    assert not layout["crossing"].any() and not _stems_cross(layout)
    for (side, level), g in layout.groupby(["side", "level"]):
        spans = sorted(zip(g["start"], g["end"]))
        assert all(s2 >= e1 + 0.1 for (_, e1), (s2, _) in zip(spans, spans[1:])), (side, level)
    assert layout["start"].min() >= -0.05 and layout["end"].max() <= 7.5
    # the left half of the middle cluster opens to the left, the right half to the right
    assert list(layout["align"][4:9]) == ["right", "right", "left", "left", "left"]
    assert layout.at[9, "align"] == "right"  # would run past the right end
    assert list(layout["align"][:4]) == ["left"] * 4  # no room on the left
    assert layout["level"].max() <= 3 and set(layout["side"]) == {1, -1}


def test_stagger_labels_finds_no_crossing_on_a_crowded_axis():
    """44 wide labels every 0.16 inch (the whole events table on one axis, many of them near the
    right end, as after 2025): the local search alone ended with a stem through a label here."""
    anchors = [0.1 + 0.16 * k for k in range(44)]
    widths = [1.4 + 0.3 * ((k * 7) % 5) for k in range(44)]
    layout = label_layout.stagger_labels(anchors, widths, right=7.6, pad=0.09, cluster_gap=0.45)
    assert not layout["crossing"].any() and not _stems_cross(layout)
    for (side, level), g in layout.groupby(["side", "level"]):
        spans = sorted(zip(g["start"], g["end"]))
        assert all(s2 >= e1 + 0.1 for (_, e1), (s2, _) in zip(spans, spans[1:])), (side, level)
    assert layout["start"].min() >= -0.05 and layout["end"].max() <= 7.6 + 1e-9


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
def test_events_after_2025_get_labels_without_crossings(events):
    """The rows of 2025 and 2026 crowd the right end of lesson 1's 'what followed' timeline."""
    late = events[events["date"] >= "2025-01-01"]
    assert len(late) >= 8
    chart = charts.event_timeline(events[events["date"] >= "2024-06-19"]["event_id"])
    check_common(chart)
    assert set(late["event_id"]) <= set(chart.table()["event_id"])


def test_stagger_labels_keeps_far_apart_labels_on_one_level():
    layout = label_layout.stagger_labels([0.0, 2.0, 4.0], [1.0, 1.0, 1.0], right=6.0)
    assert list(layout["level"]) == [1, 1, 1] and len(set(layout["side"])) == 1  # the lowest stack
    assert list(layout["align"]) == ["left"] * 3
    assert label_layout.stagger_labels([], [], right=6.0).empty


def test_spread_positions_keeps_order_gap_and_bounds():
    assert label_layout.spread_positions([1.0, 1.0, 1.0], 0.2, 0.0, 5.0) == pytest.approx([0.8, 1.0, 1.2])
    assert label_layout.spread_positions([3.0, 0.0], 0.5, 0.0, 5.0) == pytest.approx([3.0, 0.0])  # far apart: unmoved
    out = label_layout.spread_positions([0.0, 0.05, 0.1, 4.9, 5.0], 0.3, 0.0, 5.0)
    assert out == pytest.approx([0.0, 0.3, 0.6, 4.7, 5.0])
    squeezed = label_layout.spread_positions([1.0] * 11, 1.0, 0.0, 5.0)  # no room for the gap: it shrinks
    assert squeezed == pytest.approx([0.5 * k for k in range(11)])


def test_every_event_has_a_short_label_of_its_own(events):
    labels = events["label"].astype(str)
    assert labels.str.len().between(3, 36).all(), labels[labels.str.len() > 36].tolist()
    assert not (labels.str.lower() == events["event_id"].str.replace("-", " ")).any()  # not the id spelled out
    chart = charts.event_timeline(["nis-troops-to-russia-2024"])
    assert artist(chart.fig, "label-nis-troops-to-russia-2024").get_text().replace("\n", " ") == \
        "NIS: troops sent to Russia"
