"""The South Korean (and allied) estimates of North Korean munitions shipped to Russia, by the
date they were announced: seoul_estimates (data: sk_estimates; shaping: lessonkit.model.arms)."""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from lessonkit import i18n
from lessonkit.i18n import N_, nt, t
from lessonkit.text import grouped, line_height, month_name, text_width
from lessonkit.charts import build, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.model import arms as arms_model
from lessonkit.model import captions
from lessonkit.model import layout as label_layout

QUALIFIER_COLUMN = {"shells": "qualifier", "containers": "containers_qualifier"}
QUALIFIER_WORDS = {"more than": N_("over"), "over": N_("over"), "at least": N_("at least"), "about": N_("about"),
                   "around": N_("about"), "approximately": N_("about"), "up to": N_("up to"), "nearly": N_("nearly"),
                   "almost": N_("nearly"), "as many as": N_("as many as"), "exact": ""}  # English; t() shows them
UNIT_WORDS = {"shells": N_("shells"), "containers": N_("containers")}


def qualified(value: float, qualifier, unit: str = "") -> str:
    """(1000000, 'more than', 'shells') -> 'over 1 million shells'."""
    word = "" if captions.is_blank(qualifier) else QUALIFIER_WORDS.get(str(qualifier).strip().lower(), str(qualifier).strip())
    word = t(word) if word else word
    return f"{word} {captions.number(value, t(UNIT_WORDS[unit]) if unit in UNIT_WORDS else unit)}".strip()


ESTIMATOR_STYLE = {  # South Korean estimates: filled dots; multilateral ones: hollow diamonds
    "south_korea": dict(marker="o", markersize=6.5, markeredgewidth=0.8),
    "multilateral": dict(marker="D", markersize=6.5, markeredgewidth=1.6, markerfacecolor="white"),
}
BASE_PT, SLOT_PT = 7, 12  # a point's label: its bottom this far above the point, plus a slot's height per slot
WINDOW_ONLY = re.compile(r"\b(\d{4}) only\b")


def _point_text(r: pd.Series, col: str, tags: dict[str, str], unit: str = "") -> str:
    """'over 6 million', 'MSMT: as many as 9 million (2024 only)'."""
    text = qualified(r[col], r.get(QUALIFIER_COLUMN[col]), unit)
    if col == "shells" and not captions.is_blank(r.get("shells_basis")):
        only = WINDOW_ONLY.search(str(r["shells_basis"]))
        if only:
            text += " (" + t("{year} only", year=only.group(1)) + ")"
    tag = tags.get(r.get("announced_by"))
    return f"{tag}: {text}" if tag else text


@style.house_style
def seoul_estimates(*, sk_estimates: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> Chart:
    """Published estimates of North Korean munitions shipped to Russia, by the date they were
    announced: shells (top) and shipping containers (bottom). South Korean estimates are filled
    dots; an estimate by a group of states (the MSMT, 11 states including South Korea) is a
    hollow diamond labelled with its estimator_tag (MSMT). The points are not joined: the estimates count
    from different start dates, so they are not one time series.

    seoul_estimates()"""
    sk = table("sk_estimates", sk_estimates)
    sources = table("sources", sources)
    series = arms_model.sk_series(sk)
    if series.empty:
        raise ValueError("The sk_estimates table is empty.")
    panels = [c for c in ("shells", "containers") if series[c].notna().any()]
    if not panels:
        raise ValueError("No estimate in sk_estimates gives shells or containers.")
    others = {a: arms_model.estimator_label(a) for a, k in zip(series.get("announced_by", []), series["estimator"])
              if k != "south_korea"}
    given = dict(zip(series["announced_by"], series["estimator_tag"]))
    tags = {a: given[a] for a in others}  # the table's estimator_tag (MSMT), required in the data
    title, alt = _seoul_words(series, panels, tags)
    ids = captions.cited_ids(sk)
    src_line = captions.source_line(sources, ids, drawable=style.drawable)
    kinds = [k for k in ESTIMATOR_STYLE if k in set(series["estimator"])]
    legend_in = 0.3 if len(kinds) > 1 else 0.0
    panel_h, gap, bottom_in = 1.6, 0.45, 0.45 + legend_in
    height = bottom_in + len(panels) * panel_h + (len(panels) - 1) * gap + 0.1
    fig = style.new_figure(height)
    dates = series["announced"]
    pad = pd.Timedelta(days=45)
    x0, x1 = dates.min() - pad, dates.max() + pad
    axes_w = 0.8 * style.WIDTH
    in_per_day = axes_w / max((x1 - x0).days, 1)
    for i, col in enumerate(panels):
        bottom = (bottom_in + (len(panels) - 1 - i) * (panel_h + gap)) / height
        ax = fig.add_axes((0.1, bottom, 0.8, panel_h / height))
        style.style_axes(ax, grid="y")
        part = series[series[col].notna()]
        scale, unit = (1e6, t("million")) if col == "shells" and part[col].max() >= 1e6 else (1, "")
        color = style.SERIES_COLORS[i]
        for kind in kinds:
            pts = part[part["estimator"] == kind]
            if len(pts):
                ax.plot(pts["announced"], pts[col] / scale, linestyle="none", color=color, markeredgecolor=color,
                        zorder=3, gid=f"points-{col}-{kind}", **ESTIMATOR_STYLE[kind])
        texts = [_point_text(r, col, tags) for _, r in part.iterrows()]
        # labels that would meet are lifted: slot 0 just above the point, slot 1 higher, ... (in
        # inches, from the estimated text widths and the points' own heights); a label that spans
        # over a later point's stem ends (or starts) at its own point instead
        slots, aligns, top = label_layout.labelled_points(
            [(d - x0).days * in_per_day for d in part["announced"]], (part[col] / scale).tolist(),
            [text_width(t, style.FONT["small"]) for t in texts], panel_h, line_height(style.FONT["small"]),
            SLOT_PT / 72, BASE_PT / 72, gap=0.1, bounds=(0, axes_w))
        for (_, r), text, slot, align in zip(part.iterrows(), texts, slots, aligns):
            arrow = dict(arrowstyle="-", color=style.GREY, lw=0.6, shrinkA=0, shrinkB=4)
            if align != "center":  # the stem meets the label's end that stands over the point
                arrow["relpos"] = (1.0, 0.0) if align == "right" else (0.0, 0.0)
            ax.annotate(text, (r["announced"], r[col] / scale), xytext=(0, BASE_PT + SLOT_PT * slot),
                        textcoords="offset points", ha=align, va="bottom", fontsize=style.FONT["small"],
                        color=style.DARK, gid=f"point-{col}-{r['announced'].date()}", arrowprops=arrow if slot else None)
        ax.set_ylim(0, top)
        ax.set_xlim(x0, x1)
        label = {"shells": t("Shells"), "containers": t("Containers")}[col]
        ax.set_ylabel(f"{label}\n({unit})" if unit else label, fontsize=style.FONT["small"])
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
        ax.xaxis.set_major_formatter(FuncFormatter(_month_tick))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos: grouped(v)))  # 10,000 not 10000 (German 10.000)
        if i < len(panels) - 1:
            ax.tick_params(labelbottom=False)
    if legend_in:
        names = {"south_korea": t("South Korean government estimate"),
                 "multilateral": "; ".join(dict.fromkeys(
                     f"{tags[a]}: {label}" if tags[a] != label else label for a, label in others.items()))}
        # the marker's shape says who estimated; its colours are those of the panels (as on the points)
        colors = [style.SERIES_COLORS[i] for i in range(len(panels))]
        handles = [tuple(Line2D([], [], linestyle="none", color=c, markeredgecolor=c, **ESTIMATOR_STYLE[k])
                         for c in colors) for k in kinds]
        fig.legend(handles=handles, labels=[names[k] for k in kinds], loc="lower left", bbox_to_anchor=(0.1, 0.0),
                   ncol=len(handles), frameon=False, fontsize=style.FONT["small"], handletextpad=0.4,
                   columnspacing=2.0, handler_map={tuple: HandlerTuple(ndivide=None, pad=0.3)})
    subtitle = _seoul_subtitle(series)
    style.finish(fig, title, src_line, subtitle)
    data = series.copy()
    return build.chart("seoul_estimates", fig, title, subtitle, src_line, alt, data, sources, ids)


def _month_tick(x: float, pos: int | None = None) -> str:
    """'Sep' under a tick, with the year under the first tick and under January."""
    d = mdates.num2date(x)
    month = month_name(d.month)  # 'Sep' (German 'Sep.')
    return f"{month}\n{d.year}" if pos == 0 or d.month == 1 else month


def _windows(series: pd.DataFrame) -> tuple[list[str], int]:
    """The distinct start dates the estimates count from ('Jul 2022', …) and how many rows give none."""
    if "counting_since" not in series.columns:
        return [], 0
    since = series["counting_since"].dropna().sort_values()
    months = list(dict.fromkeys(captions.format_date(d).split(" ", 1)[-1] for d in since))  # 'Jul 2023'
    return months, int(series["counting_since"].isna().sum())


def _seoul_subtitle(series: pd.DataFrame) -> str:
    text = t("Estimates of North Korean munitions shipped to Russia, by date of announcement; a missing point "
             "means that announcement gave no figure for it.")
    windows, unstated = _windows(series)
    if len(windows) > 1:
        text += " " + t("They count from different start dates ({first} to {last}{unstated}), so the points are not joined.",
                        first=windows[0], last=windows[-1],
                        unstated=t("; {n} not stated", n=unstated) if unstated else "")
    else:
        text += " " + t("Each point is a separate estimate; the points are not joined.")
    if "shells_from_capacity" in series.columns:
        basis = series.loc[series["shells"].notna(), "shells_from_capacity"]
        capacity = int(basis.fillna(False).astype(bool).sum())
        if capacity:
            text += " " + (t("All shell figures convert container capacity into shells; they are not counts.")
                           if capacity == len(basis) else
                           t("Most shell figures convert container capacity into shells; they are not counts.")
                           if capacity > len(basis) / 2 else
                           t("Some shell figures convert container capacity into shells; they are not counts."))
    return text


def _seoul_words(series: pd.DataFrame, panels: list[str], tags: dict[str, str] | None = None) -> tuple[str, str]:
    """Title: who made the estimates, how they changed from one announcement to the next, and
    (where the table says so) that they count over different periods. Alt text: every estimate."""
    tags = tags or {}
    col = panels[0]
    part = series[series[col].notna()]
    kinds = set(part["estimator"])
    who = t("South Korean") if kinds == {"south_korea"} else (
        t("South Korean and allied") if "south_korea" in kinds else t("Allied"))
    things = t(UNIT_WORDS[col])
    what = t("{who} estimates of North Korean {things} sent to Russia", who=who, things=things)
    values = part[col].tolist()
    if len(values) == 1:
        r = part.iloc[0]
        finding = t("{who} estimate of North Korean {things} sent to Russia: {value} ({date})", who=who, things=things,
                    value=_point_text(r, col, {}), date=captions.format_date(r["announced"]))
    elif all(b > a for a, b in zip(values, values[1:])):
        finding = t("{what} grew with each announcement", what=what)
    elif all(b < a for a, b in zip(values, values[1:])):
        finding = t("{what} fell with each announcement", what=what)
    elif values[-1] > values[0]:
        finding = t("{what} rose overall, though not with every announcement", what=what)
    elif values[-1] < values[0]:
        finding = t("{what} fell overall, though not with every announcement", what=what)
    else:
        finding = t("{what} varied between announcements", what=what)
    windows, _ = _windows(part)
    if len(windows) > 1:
        finding += t(" \u2013 counted over different periods")
    points = []
    for _, r in series.iterrows():
        bits = [_point_text(r, c, {}, c) for c in ("shells", "containers") if pd.notna(r[c])]
        # "16 Oct 2023, Ministry of National Defense (official): …" (a comma: the name may end in brackets)
        by = "" if captions.is_blank(r.get("announced_by")) else f", {i18n.cell(r, 'announced_by')}"
        points.append(f"{captions.format_date(r['announced'])}{by}: {t(' and ').join(bits) or t('no figure')}")
    n_other = int((series["estimator"] != "south_korea").sum())
    if not n_other:
        alt = t("Dot chart of South Korean estimates over time, not one series: {points}", points="; ".join(points))
    else:
        # each count with its own noun, singular for one: '9 South Korean estimates and 1 multilateral estimate'
        alt = t("Dot chart of {south_korean} and {multilateral} over time, not one series: {points}",
                south_korean=nt("{n} South Korean estimate", "{n} South Korean estimates", len(series) - n_other),
                multilateral=nt("{n} multilateral estimate", "{n} multilateral estimates", n_other),
                points="; ".join(points))
    return finding, alt
