"""Dated events on a timeline: one marker per event of data/events.csv at its LOCAL date.

The date axis is a band of days, months or years. Each event's label (date, short place, a
few words from its event_id) stands above or below the band, staggered on levels so that no
labels overlap; a line joins each label to its date on the band. Events close in time are
spread apart a little along the band, so their markers stay apart too. Colour, marker shape
and line style all say how sure the sources are (confirmed / reported / alleged), so colour is
never the only cue.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from lessonkit import clocks, i18n
from lessonkit.i18n import nt, t
from lessonkit.text import mid_sentence, month_name
from lessonkit.text import check_date
from lessonkit.charts import build, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.model import captions
from lessonkit.model import codes as code_model
from lessonkit.model import layout as label_layout
from lessonkit.model import events as event_model

# How sure: colour, marker, filled or hollow; the line style is style.CONFIDENCE_STYLES.
EVENT_COLORS = {
    "confirmed": style.OKABE_ITO["blue"],
    "official_estimate": style.OKABE_ITO["bluish_green"],
    "reported": style.OKABE_ITO["orange"],
    "alleged": style.OKABE_ITO["vermillion"],
}
EVENT_MARKERS = {"confirmed": "o", "official_estimate": "D", "reported": "s", "alleged": "^"}
EVENT_FILLED = {"confirmed": True, "official_estimate": True, "reported": True, "alleged": False}

MARGIN = 0.2  # inches between the figure's edges and the axes
BAND_H = 0.24  # the date band
KNEE = 0.13  # the slanted bit of a leader line next to the band
V_GAP = 0.07  # between two levels of labels
PAD = 0.09  # between a label's marker and its text
MIN_GAP = 0.16  # markers closer than this along the band are spread apart
LEGEND_H = 0.36
PHRASE_WIDTH = 20  # characters per line of the few words under the date and place
CLUSTER_GAP = 0.45  # markers closer than this spread their labels to both sides
FONT = style.FONT["small"]
BAND_FONT = style.FONT["small"] - 0.5
LINESPACING = 1.15


def _conf(value) -> str:
    return "" if captions.is_blank(value) else str(value).strip().lower()


def _date_text(day: pd.Timestamp, days: int, with_year: bool) -> str:
    if days <= 14:
        return clocks.day_label(day.to_pydatetime(), year=False)
    if i18n.current() == "de":
        text = f"{day.day}. {month_name(day.month)}"
    else:
        text = f"{day.day} {captions.MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def _clock_lines(row, reader: str | None) -> list[str]:
    """'02:22 local time' and, with a reader's clock, '= Tue 18 Jun 19:22 in Vienna'."""
    moment = clocks.row_moment(row)
    if moment is None:
        return []
    lines = [t("{time} local time", time=f"{moment:%H:%M}")]
    if reader is not None:
        there = moment.astimezone(clocks.zone(reader))
        lines.append(t("= {day} {time} in {place}", day=clocks.day_label(there, year=False), time=f"{there:%H:%M}",
                       place=clocks.label(reader)))
    return lines


def _range_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    f, l_ = captions.format_date(first), captions.format_date(last)
    if first == last:
        return f
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{'.' if i18n.current() == 'de' else ''}\u2013{l_}"
    if first.year == last.year:
        return f"{f.rsplit(' ', 1)[0]} \u2013 {l_}"
    return f"{f} \u2013 {l_}"


def _duration_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    days = (last - first).days + 1  # calendar days, both ends counted
    if days <= 60:
        return nt("{n} day", "{n} days", days)
    months = (last - first).days / 30.44
    if months >= 36:
        return t("about {n} years", n=round(months / 12))
    whole, half = divmod(round(months * 2), 2)
    half_sign = "\u00bd" if half else ""
    return t("about {n} months", n=f"{whole}{half_sign}")


def _timeline_words(rows: pd.DataFrame, labels: list[str], reader: str | None,
                    sure: dict[str, str]) -> tuple[str, str]:
    """Title (how many events in how long, and how sure) and text alternative (sure: level ->
    its label, in rank order)."""
    n = len(rows)
    first, last = rows["date"].min(), rows["date"].max()
    counts = rows["confidence"].map(_conf).value_counts()
    levels = [c for c in sure if c in counts] + [c for c in counts.index if c not in sure]
    words = {c: mid_sentence(sure.get(c, c or t("unrated"))) for c in levels}
    if len(levels) == 1:
        how = t("all {level}", level=words[levels[0]]) if n > 1 else words[levels[0]]
    else:
        how = ", ".join(f"{int(counts[c])} {words[c]}" for c in levels)
    what = nt("{n} event", "{n} events", n)
    if first == last:
        title = t("{what} on {date}: {how}", what=what, date=captions.format_date(first), how=how)
    else:
        title = t("{what} in {duration}, {range}: {how}", what=what, duration=_duration_text(first, last),
                  range=_range_text(first, last), how=how)
    parts = []
    for (_, r), label in zip(rows.iterrows(), labels):
        conf = words.get(_conf(r["confidence"]), t("unrated"))
        clock = _clock_lines(r, reader)
        extra = f", {clock[0]}" + (f" {clock[1]}" if len(clock) > 1 else "") if clock else ""
        parts.append(f"{captions.format_date(r['date'])}, {label} ({conf}{extra})")
    alt = t("Timeline of {what} by the local date where each happened, {range}: {parts}", what=what,
            range=_range_text(first, last), parts="; ".join(parts))
    return title, alt


def _measure(fig, text: str, fontsize: float = FONT, bold: bool = False) -> tuple[float, float]:
    """Width and height in inches of a text as drawn."""
    if not text:
        return 0.0, 0.0
    t = fig.text(0, 0, text, fontsize=fontsize, fontweight="bold" if bold else "normal", linespacing=LINESPACING)
    bb = t.get_window_extent(fig.canvas.get_renderer())
    t.remove()
    return bb.width / fig.dpi, bb.height / fig.dpi


@style.house_style
def event_timeline(
    event_ids: str | Iterable[str] | None = None,
    *,
    start=None,
    end=None,
    reader: str | None = None,
    events: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    certainty: pd.DataFrame | None = None,
) -> Chart:
    """Events of the events table on a timeline at their LOCAL dates (the calendar day where
    each happened), labelled with the date, a short place name and a few words, and marked by
    how sure the sources are.

    event_ids: one id or a list (default: every event between start and end). start / end:
    local dates, inclusive ('2024-06-18'). reader: a time zone ('Europe/Vienna'): events with
    a clock time also show it on the reader's clock. An unknown id raises ValueError naming it.

    event_timeline(start="2024-06-18", end="2024-06-20", reader="Europe/Vienna")
    event_timeline(["treaty-signed-pyongyang-2024", "treaty-enters-into-force-2024"])"""
    df = table("events", events)
    sources = table("sources", sources)
    if reader is not None:
        clocks.zone(reader)  # a clear error for a wrong name
    rows = event_model.select_events(df, event_ids, start, end)
    places = ["" if captions.is_blank(p) else str(p) for p in i18n.column(rows, "place_short")]  # place_short_de in German
    phrases = [str(w) for w in i18n.column(rows, "label", fallback=True)]
    labels = [f"{p}: {w}" if p else w for p, w in zip(places, phrases)]
    sure = code_model.certainty_labels(table("certainty", certainty))
    title, alt = _timeline_words(rows, labels, reader, sure)
    ids = captions.cited_ids(rows)
    src_line = captions.source_line(sources, ids, drawable=style.drawable)

    first, last = check_date(start, "start"), check_date(end, "end")
    first = rows["date"].min() if first is None else min(first, rows["date"].min())
    last = rows["date"].max() if last is None else max(last, rows["date"].max())
    bands = event_model.date_bands(first, last)
    days = (rows["date"].max() - rows["date"].min()).days + 1
    years = rows["date"].dt.year.nunique()

    fig = style.new_figure(1.0)
    width = style.WIDTH - 2 * MARGIN  # the axes, in inches; data units are inches too
    x0, x1 = 0.05, width - 0.05
    t0, t1 = bands["start"].iloc[0], bands["end"].iloc[-1]

    def x_of(when: pd.Timestamp) -> float:
        return x0 + (when - t0) / (t1 - t0) * (x1 - x0)

    band_names = _band_names(fig, bands, x_of, (x1 - x0) / len(bands))
    # a label names the year unless the band does (one year only, or every year named on the band)
    years_on_band = all(name == b.label for name, b in zip(band_names, bands.itertuples()) if " " in b.label)
    with_year = years > 1 and not (years_on_band and any(" " in b for b in band_names))

    true_x = [x_of(d + pd.Timedelta(hours=12)) for d in rows["date"]]
    anchors = label_layout.spread_positions(true_x, min_gap=MIN_GAP, low=x0, high=x1)

    headers = [f"{_date_text(d, days, with_year)} \u00b7 {p}" if p else _date_text(d, days, with_year)
               for d, p in zip(rows["date"], places)]
    bodies = ["\n".join(textwrap.wrap(w, PHRASE_WIDTH, break_on_hyphens=False)) for w in phrases]
    clock_texts = ["\n".join(_clock_lines(r, reader)) for _, r in rows.iterrows()]
    sizes = []
    for h, b, c in zip(headers, bodies, clock_texts):
        (hw, hh), (bw, bh), (cw, ch) = _measure(fig, h, bold=True), _measure(fig, b), _measure(fig, c)
        sizes.append((max(hw, bw, cw), hh, bh, ch))
    marker_w = 0.06
    layout = label_layout.stagger_labels(anchors, [s[0] + marker_w for s in sizes], right=width, pad=PAD,
                                         cluster_gap=CLUSTER_GAP)
    label_top = _level_tops(layout, sizes)
    label_bottom = [t - (s[1] + s[2] + s[3]) for t, s in zip(label_top, sizes)]
    y_top = max([BAND_H / 2 + KNEE, *label_top]) + 0.05
    y_bottom = min([-BAND_H / 2 - KNEE, *label_bottom]) - 0.05
    plot_h = y_top - y_bottom
    height = plot_h + LEGEND_H
    fig.set_figheight(height)
    ax = fig.add_axes((MARGIN / style.WIDTH, LEGEND_H / height, width / style.WIDTH, plot_h / height))
    ax.set_xlim(0, width)
    ax.set_ylim(y_bottom, y_top)
    ax.set_axis_off()

    _draw_band(ax, bands, band_names, x_of, x0, x1)
    present = [_draw_event(ax, r, lay, true_x[i], anchors[i], label_top[i], sizes[i],
                           (headers[i], bodies[i], clock_texts[i]))
               for i, (r, lay) in enumerate(zip(rows.itertuples(), layout.itertuples()))]
    _legend(fig, list(dict.fromkeys(present)), height, sure)
    subtitle = t("Local dates where each event happened (the calendar day at that place); "
                "a line joins each label to its date.")
    if rows["date"].duplicated().any():
        subtitle += " " + t("Events of one day stand side by side; their order is known only where clock times are given.")
    elif any(abs(a - t) > 1e-6 for a, t in zip(anchors, true_x)):
        subtitle += " " + t("Markers of events close in time are spread apart a little.")
    if reader is not None and any(clock_texts):
        subtitle += " " + t("Clock times are local, then on the {place} clock.", place=clocks.label(reader))
    style.finish(fig, title, src_line, subtitle)

    data = clocks.timeline(rows, reader=reader).reindex(rows["event_id"])
    data.insert(data.columns.get_loc(clocks.heading("place")) + 1, "label", labels)
    data = data.reset_index()
    return build.chart("event_timeline", fig, title, subtitle, src_line, alt, data, sources, ids)


def _band_names(fig, bands: pd.DataFrame, x_of, cell: float) -> list[str]:
    """The band's names: each cell's label where it fits, else its first word ('Jun 2024' ->
    'Jun'); where even that is too narrow, every 2nd, 3rd, ... month or 2nd, 5th, 10th, ... year."""
    names = []
    for b in bands.itertuples():
        room = x_of(b.end) - x_of(b.start) - 0.02
        names.append(next((t for t in (b.label, b.label.split(" ")[0]) if _measure(fig, t, BAND_FONT)[0] <= room), ""))
    if bands["unit"].iloc[0] != "day" and not all(names):
        index = [b.start.year if b.unit == "year" else b.start.month - 1 for b in bands.itertuples()]
        widest = max(_measure(fig, b.split(" ")[0], BAND_FONT)[0] for b in bands["label"])
        steps = (2, 5, 10, 20, 50, 100) if bands["unit"].iloc[0] == "year" else (2, 3, 6, 12)
        step = next((k for k in steps if widest + 0.04 <= k * cell), steps[-1])
        names = [b.split(" ")[0] if k % step == 0 else "" for b, k in zip(bands["label"], index)]
    return names


def _level_tops(layout: pd.DataFrame, sizes: list[tuple]) -> list[float]:
    """The top of each label: each level as tall as its tallest label; levels stack outwards
    from the band."""
    tops: dict[tuple[int, int], float] = {}
    for side in (1, -1):
        on_side = layout[layout["side"] == side]
        edge = BAND_H / 2 + KNEE + 0.04
        for level in range(1, int(on_side["level"].max()) + 1 if len(on_side) else 1):
            members = on_side.index[on_side["level"] == level]
            h = max((sizes[i][1] + sizes[i][2] + sizes[i][3] for i in members), default=0.0)
            tops[(side, level)] = (edge + h) if side == 1 else -edge
            edge += h + V_GAP
    return [tops[(int(r.side), int(r.level))] for r in layout.itertuples()]


def _draw_band(ax, bands: pd.DataFrame, band_names: list[str], x_of, x0: float, x1: float) -> None:
    """The date band: one cell per day / month / year, its name inside where it fits."""
    ax.add_patch(Rectangle((x0, -BAND_H / 2), x1 - x0, BAND_H, facecolor="#EEEEEE", edgecolor="none", zorder=1,
                           gid="time-axis"))
    for i, (b, name) in enumerate(zip(bands.itertuples(), band_names)):
        left, right = x_of(b.start), x_of(b.end)
        if i:
            ax.plot([left, left], [-BAND_H / 2, BAND_H / 2], color="white", linewidth=1.2, zorder=1.5)
        if name:
            ax.text((left + right) / 2, 0, name, ha="center", va="center", fontsize=BAND_FONT, color=style.DARK,
                    zorder=2, gid=f"tick-{i}")


def _draw_event(ax, r, lay, true_x: float, anchor: float, top: float, size: tuple, texts: tuple) -> str:
    """One event: a dot on its date, a stem to its marker (styled by confidence) and its
    label (date and place, phrase, clock times). Returns its confidence level."""
    header, body, clock_text = texts
    conf = _conf(r.confidence)
    color = EVENT_COLORS.get(conf, style.MID_GREY)
    side = int(lay.side)
    edge = side * BAND_H / 2
    marker_y = top - size[1] / 2
    ax.plot([true_x, anchor, anchor], [edge, edge + side * KNEE, marker_y], color=color,
            linewidth=1.3, linestyle=style.CONFIDENCE_STYLES.get(conf, ":"), zorder=3, gid=f"stem-{r.event_id}")
    ax.plot([true_x], [edge], linestyle="none", marker="o", markersize=3.2, color=style.DARK, zorder=4,
            gid=f"date-{r.event_id}")
    ax.plot([anchor], [marker_y], linestyle="none", marker=EVENT_MARKERS.get(conf, "X"), markersize=7,
            markerfacecolor=color if EVENT_FILLED.get(conf, True) else "white", markeredgecolor=color,
            markeredgewidth=1.4, zorder=5, gid=f"event-{r.event_id}")
    ha = "left" if lay.align == "left" else "right"
    tx = anchor + (PAD if ha == "left" else -PAD)
    ax.text(tx, top, header, ha=ha, va="top", fontsize=FONT, fontweight="bold", color=style.DARK,
            linespacing=LINESPACING, zorder=5, gid=f"when-{r.event_id}")
    ax.text(tx, top - size[1], body, ha=ha, va="top", fontsize=FONT, color=style.DARK,
            linespacing=LINESPACING, zorder=5, gid=f"label-{r.event_id}")
    if clock_text:
        ax.text(tx, top - size[1] - size[2], clock_text, ha=ha, va="top", fontsize=FONT,
                color=style.MUTED, linespacing=LINESPACING, zorder=5, gid=f"clock-{r.event_id}")
    return conf


def _legend(fig, present: list[str], height: float, sure: dict[str, str]) -> None:
    """'How sure the sources are:' and a line and marker for each confidence level shown."""
    order = [c for c in sure if c in present] + [c for c in present if c not in sure]
    handles = [Line2D([], [], color=EVENT_COLORS.get(c, style.MID_GREY), linewidth=1.3,
                      linestyle=style.CONFIDENCE_STYLES.get(c, ":"), marker=EVENT_MARKERS.get(c, "X"), markersize=7,
                      markerfacecolor=EVENT_COLORS.get(c, style.MID_GREY) if EVENT_FILLED.get(c, True) else "white",
                      markeredgecolor=EVENT_COLORS.get(c, style.MID_GREY), markeredgewidth=1.4,
                      label=sure.get(c, c or t("unrated"))) for c in order]
    key = t("How sure the sources are:")
    fig.text(MARGIN / style.WIDTH, LEGEND_H / 2 / height, key, ha="left", va="center", fontsize=FONT,
             color=style.DARK, gid="legend-title")
    fig.legend(handles=handles, loc="center left", ncol=len(handles), frameon=False, fontsize=FONT,
               handlelength=2.6, bbox_to_anchor=((MARGIN + _measure(fig, key)[0] + 0.05) / style.WIDTH,
                                                 LEGEND_H / 2 / height))
