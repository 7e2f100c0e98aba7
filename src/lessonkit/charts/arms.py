"""Arms in numbers: Seoul's estimates over time, and Vietnam's arms imports by supplier."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.patches import Patch

from lessonkit.charts import captions, shaping, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart

QUALIFIER_COLUMN = {"shells": "qualifier", "containers": "containers_qualifier"}
QUALIFIER_WORDS = {"more than": "over", "over": "over", "at least": "at least", "about": "about",
                   "around": "about", "approximately": "about", "up to": "up to", "nearly": "nearly",
                   "almost": "nearly", "exact": ""}


def qualified(value: float, qualifier, unit: str = "") -> str:
    """(1000000, 'more than', 'shells') -> 'over 1 million shells'."""
    word = "" if captions.is_blank(qualifier) else QUALIFIER_WORDS.get(str(qualifier).strip().lower(), str(qualifier).strip())
    return f"{word} {captions.number(value, unit)}".strip()


@style.house_style
def seoul_estimates(*, sk_estimates: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> Chart:
    """South Korea's published estimates of North Korean munitions shipped to Russia, by the
    date they were announced: shells (top) and shipping containers (bottom).

    seoul_estimates()"""
    sk = table("sk_estimates", sk_estimates)
    sources = table("sources", sources)
    series = shaping.sk_series(sk)
    if series.empty:
        raise ValueError("The sk_estimates table is empty.")
    panels = [c for c in ("shells", "containers") if series[c].notna().any()]
    if not panels:
        raise ValueError("No estimate in sk_estimates gives shells or containers.")
    title, alt = _seoul_words(series, panels)
    ids = captions.cited_ids(sk)
    src_line = captions.source_line(sources, ids)
    panel_h, gap, bottom_in = 1.6, 0.45, 0.4
    height = bottom_in + len(panels) * panel_h + (len(panels) - 1) * gap + 0.1
    fig = style.new_figure(height)
    dates = series["announced"]
    pad = pd.Timedelta(days=45)
    x0, x1 = dates.min() - pad, dates.max() + pad
    axes_w = 0.8 * style.WIDTH
    in_per_day = axes_w / max((x1 - x0).days, 1)
    char_in = style.FONT["small"] * 0.56 / 72
    for i, col in enumerate(panels):
        bottom = (bottom_in + (len(panels) - 1 - i) * (panel_h + gap)) / height
        ax = fig.add_axes((0.1, bottom, 0.8, panel_h / height))
        style.style_axes(ax, grid="y")
        part = series[series[col].notna()]
        scale, unit = (1e6, "million") if col == "shells" and part[col].max() >= 1e6 else (1, "")
        ax.plot(part["announced"], part[col] / scale, color=style.SERIES_COLORS[i], linewidth=1.2, alpha=0.8,
                marker="o", markersize=6, gid=f"line-{col}")
        texts = [qualified(v, q) for v, q in zip(part[col], part[QUALIFIER_COLUMN[col]])]
        # labels that would overlap are stacked: slot 0 just above the point, slot 1 higher, ...
        widths = [(len(t) * char_in + 0.1) / in_per_day for t in texts]
        starts = [(d - x0).days - w / 2 for d, w in zip(part["announced"], widths)]
        slots = shaping.pack_intervals(starts, widths, gap=2)
        for (_, r), text, slot in zip(part.iterrows(), texts, slots):
            ax.annotate(text, (r["announced"], r[col] / scale), xytext=(0, 7 + 12 * slot), textcoords="offset points",
                        ha="center", va="bottom", fontsize=style.FONT["small"], color=style.DARK,
                        gid=f"point-{col}-{r['announced'].date()}",
                        arrowprops=dict(arrowstyle="-", color=style.GREY, lw=0.6, shrinkA=0, shrinkB=4) if slot else None)
        ax.set_ylim(0, part[col].max() / scale * (1.3 + 0.22 * max(slots)))
        ax.set_xlim(x0, x1)
        label = {"shells": "Shells", "containers": "Containers"}[col]
        ax.set_ylabel(f"{label}\n({unit})" if unit else label, fontsize=style.FONT["small"])
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        if i < len(panels) - 1:
            ax.tick_params(labelbottom=False)
    subtitle = ("Estimates of North Korean munitions shipped to Russia, by date of announcement; a missing "
                "point means that announcement gave no figure for it. Lines only join the points.")
    style.finish(fig, title, src_line, subtitle)
    data = series.copy()
    return Chart(fig=fig, alt_text=captions.sentence(alt), data=data, title=title, source_line=src_line,
                 subtitle=subtitle, sources=captions.cited_sources(sources, ids), kind="seoul_estimates")


def _seoul_words(series: pd.DataFrame, panels: list[str]) -> tuple[str, str]:
    col = panels[0]
    q = QUALIFIER_COLUMN[col]
    part = series[series[col].notna()]
    first, last = part.iloc[0], part.iloc[-1]
    d1, d2 = captions.format_date(first["announced"]), captions.format_date(last["announced"])
    what = f"Seoul's estimate of North Korean {col} sent to Russia"
    if len(part) == 1:
        finding = f"{what}: {qualified(first[col], first.get(q))} ({d1})"
    elif last[col] == first[col]:
        finding = f"{what} stayed at {qualified(last[col], last.get(q))} from {d1} to {d2}"
    else:
        verb = "rose" if last[col] > first[col] else "fell"
        finding = (f"{what} {verb} from {qualified(first[col], first.get(q))} ({d1}) to "
                   f"{qualified(last[col], last.get(q))} ({d2})")
    points = []
    for _, r in series.iterrows():
        bits = [qualified(r[c], r.get(QUALIFIER_COLUMN[c]), c) for c in ("shells", "containers") if pd.notna(r[c])]
        who = "" if captions.is_blank(r.get("announced_by")) else f" ({r['announced_by']})"
        points.append(f"{captions.format_date(r['announced'])}{who}: {' and '.join(bits) or 'no figure'}")
    alt = f"Line chart of {len(series)} South Korean estimates: " + "; ".join(points)
    return finding, alt


@style.house_style
def vietnam_arms_imports(
    measure: str | None = None,
    top: int = 5,
    *,
    imports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> Chart:
    """Vietnam's arms imports by supplier and period: one stacked bar per period, as shares (%)
    where the sources give shares, else SIPRI trend-indicator values (TIV, million). Only
    sourced rows are drawn; rows of another measure (e.g. a share of the inventory rather
    than of imports) are left out unless that measure is asked for.

    vietnam_arms_imports(); vietnam_arms_imports(top=3)"""
    df = table("vietnam_arms_imports", imports)
    countries = table("countries", countries)
    sources = table("sources", sources)
    shares, value, measure = shaping.arms_import_shares(df, measure, top)
    if shares.empty:
        raise ValueError("No sourced value in vietnam_arms_imports.")
    names = shaping.name_map(countries, [c for c in shares.columns if c != shaping.OTHER_SUPPLIERS])
    if "supplier_name" in df.columns:  # codes the countries table lacks
        for code, name in zip(df["supplier_iso3"], df["supplier_name"]):
            if code in names and names[code] == code and not captions.is_blank(name):
                names[code] = str(name)
    names[shaping.OTHER_SUPPLIERS] = "other suppliers"
    pct = value == "share_pct"
    unit = "%" if pct else " TIV m"
    title = _arms_title(shares, names, pct)
    used = df if "measure" not in df.columns else df[df["measure"].astype(str) == measure]
    ids = captions.cited_ids(used)
    src_line = captions.source_line(sources, ids)
    periods = list(shares.index)
    suppliers = list(shares.columns)
    bar_h = 0.6
    height = len(periods) * 0.55 + 0.95
    fig = style.new_figure(height)
    ax = fig.add_axes((1.1 / style.WIDTH, 0.8 / height, 1 - 1.4 / style.WIDTH, (height - 0.9) / height))
    style.style_axes(ax, grid="x")
    palette = [style.OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "yellow")]
    colors, k = {}, 0
    for sup in suppliers:
        if sup == "RUS":
            colors[sup] = style.OKABE_ITO["vermillion"]
        elif sup == shaping.OTHER_SUPPLIERS:
            colors[sup] = style.GREY
        else:
            colors[sup] = palette[k % len(palette)]
            k += 1
    biggest = float(shares.sum(axis=1).max())
    for i, period in enumerate(periods):
        left = 0.0
        for sup in suppliers:
            v = shares.at[period, sup]
            if pd.isna(v) or v == 0:
                continue
            ax.barh(i, v, left=left, height=bar_h, color=colors[sup], edgecolor="white", linewidth=0.8,
                    gid=f"bar-{period}-{sup}")
            if v >= biggest * 0.09:
                ax.text(left + v / 2, i, f"{captions.number(v)}{unit}", ha="center", va="center",
                        fontsize=style.FONT["small"], color=style.text_color_on(colors[sup]))
            left += v
        if pct and left < 99.5:
            ax.barh(i, 100 - left, left=left, height=bar_h, color="white", edgecolor=style.GREY, hatch="///",
                    hatchcolor="#CCCCCC", linewidth=0.6, gid=f"bar-{period}-unlisted")
    ax.set_yticks(range(len(periods)), periods)
    ax.tick_params(axis="y", labelsize=style.FONT["body"])
    ax.set_ylim(len(periods) - 0.5, -0.5)
    if pct:
        ax.set_xlim(0, 100)
        ax.set_xlabel("Share of Vietnam's arms imports in the period (%)")
    else:
        ax.set_xlabel("SIPRI trend-indicator value (TIV, million)")
    handles = [Patch(facecolor=colors[sup], label=names[sup]) for sup in suppliers]
    if pct and any(shares.sum(axis=1) < 99.5):
        handles.append(Patch(facecolor="white", edgecolor=style.GREY, hatch="///", label="not itemised"))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncol=min(7, len(handles)),
               frameon=False, fontsize=style.FONT["small"], handlelength=1.2, columnspacing=1.0)
    subtitle = ("Each supplier's share of Vietnam's arms imports per period (SIPRI trend-indicator values), "
                "where a source gives it." if pct else "Arms deliveries to Vietnam per period, where a source gives them.")
    if shaping.periods_overlap(periods):
        subtitle += " The periods overlap: each bar is a separate window, not a sequence."
    style.finish(fig, title, src_line, subtitle)
    parts = [f"{p}: " + ", ".join(f"{names[sup]} {captions.number(shares.at[p, sup])}{unit}" for sup in suppliers
                                    if pd.notna(shares.at[p, sup])) for p in periods]
    alt = "Bar chart of Vietnam's arms imports by supplier: " + "; ".join(parts)
    data = shares.reset_index().melt(id_vars="period", var_name="supplier", value_name=value).dropna()
    data["name"] = data["supplier"].map(names)
    return Chart(fig=fig, alt_text=captions.sentence(alt), data=data.reset_index(drop=True), title=title,
                 source_line=src_line, subtitle=subtitle, sources=captions.cited_sources(sources, ids),
                 kind="vietnam_arms_imports")


def _span(period: str) -> int:
    parts = str(period).split("\u2013")
    try:
        return int(parts[-1]) - int(parts[0]) + 1
    except ValueError:
        return 0


def _arms_title(shares: pd.DataFrame, names: dict[str, str], pct: bool) -> str:
    """Russia's first and last value over the periods of the usual length (e.g. SIPRI's
    five-year windows), else the top supplier of the last period."""
    unit = "%" if pct else " TIV m"
    spans = pd.Series({p: _span(p) for p in shares.index})
    usual = spans.mode().iloc[0] if len(spans) else 0
    comparable = shares.loc[spans[spans == usual].index]
    if "RUS" in comparable.columns and comparable["RUS"].notna().sum() >= 2:
        rus = comparable["RUS"].dropna()
        p1, p2, v1, v2 = rus.index[0], rus.index[-1], rus.iloc[0], rus.iloc[-1]
        what = "Russia's share of Vietnam's arms imports" if pct else "Russian arms deliveries to Vietnam"
        if v1 == v2:
            return f"{what} stayed at {captions.number(v1)}{unit} ({p1} to {p2})"
        verb = "fell" if v2 < v1 else "rose"
        return f"{what} {verb} from {captions.number(v1)}{unit} ({p1}) to {captions.number(v2)}{unit} ({p2})"
    last = shares.index[-1]
    row = shares.loc[last].dropna().sort_values(ascending=False)
    top = row.index[0]
    if pct:
        return f"{_cap(names[top])} supplied {captions.number(row.iloc[0])}% of Vietnam's arms imports in {last}"
    return f"{_cap(names[top])} was Vietnam's largest arms supplier in {last}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
