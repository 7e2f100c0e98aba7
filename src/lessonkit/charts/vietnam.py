"""Vietnam's balancing act: its partnerships on a timeline, and its trade by partner."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from lessonkit import i18n
from lessonkit.i18n import N_, nt, t
from lessonkit.text import char_width, check_date, german, localise_number, mid_sentence
from lessonkit.charts import build, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.model import captions
from lessonkit.model import codes as code_model
from lessonkit.model import vietnam as vietnam_model

LEVEL_COLORS = {3: style.OKABE_ITO["blue"], 2: style.OKABE_ITO["orange"], 1: style.OKABE_ITO["bluish_green"],
                0: style.MID_GREY}
LEVEL_MARKERS = {3: "D", 2: "o", 1: "s", 0: "v"}
ORDINALS = (N_("first"), N_("second"), N_("third"), N_("fourth"), N_("fifth"), N_("sixth"), N_("seventh"),
            N_("eighth"), N_("ninth"), N_("tenth"))  # English; t() shows them


@style.house_style
def partnership_timeline(
    highlight: str | Sequence[str] = ("RUS",),
    *,
    as_of: str | None = None,
    partnerships: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    levels: pd.DataFrame | None = None,
) -> Chart:
    """Vietnam's partnerships on a timeline: one row per partner, a marker for each level it
    was given (shape and colour by level) joined by a line, partners in the order they reached
    the top level (comprehensive strategic partnership).

    as_of: a date ('2024-06-18', the article's date): only the steps taken by then (a step
    known only by its year counts if that year is earlier); the title says "As of 18 Jun 2024"
    and a dashed line marks the date. Default None: every row.

    partnership_timeline(); partnership_timeline(["RUS", "CHN", "USA"], as_of="2024-06-18")"""
    df = table("vietnam_partnerships", partnerships)
    levels = table("partnership_levels", levels)
    countries = table("countries", countries)
    sources = table("sources", sources)
    highlight = code_model.check_countries(highlight, countries)
    when = check_date(as_of, "as_of")
    undecided = df.iloc[0:0]
    if when is not None:
        df, undecided = vietnam_model.partnerships_as_of(df, when)
    tl = vietnam_model.partnership_timeline(df, countries, levels)
    if tl.empty:
        raise ValueError("No partnership in vietnam_partnerships has a year"
                         + (f" on or before {captions.format_date(when)}." if when is not None else "."))
    title, alt = _timeline_words(tl, when, highlight[0] if highlight else None)
    ids = captions.cited_ids(df)
    src_line = captions.source_line(sources, ids, drawable=style.drawable)

    order = vietnam_model.partner_order(tl)
    row_of = {code: i for i, code in enumerate(order)}
    y0, y1 = int(tl["year"].min()), int(tl["year"].max()) if when is None else when.year
    row_h, axis_h, legend_h = 0.27, 0.4, 0.35
    plot_h = len(order) * row_h
    height = plot_h + axis_h + legend_h
    left_in = 1.3
    fig = style.new_figure(height)
    ax = fig.add_axes((left_in / style.WIDTH, (axis_h + legend_h) / height, 1 - (left_in + 0.3) / style.WIDTH,
                       plot_h / height))
    style.style_axes(ax, grid="x")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(y0 - 1, y1 + 1.8)
    ax.set_ylim(len(order) - 0.5, -0.5)
    for code, g in tl.groupby("partner_iso3", sort=False):
        g = g.sort_values("year")
        if len(g) > 1:
            ax.plot(g["year"], [row_of[code]] * len(g), color=style.GREY, linewidth=2.2, zorder=1,
                    solid_capstyle="butt", gid=f"span-{code}")
    for _, r in tl.iterrows():
        rank, hi = r["rank"], r["partner_iso3"] in highlight
        ax.plot([r["year"]], [row_of[r["partner_iso3"]]], linestyle="none", marker=LEVEL_MARKERS[rank],
                markersize=8 if rank == 3 else 7, markerfacecolor=LEVEL_COLORS[rank],
                markeredgecolor=style.DARK if hi else "white", markeredgewidth=1.4 if hi else 0.6, zorder=3,
                gid=f"step-{r['partner_iso3']}-{r['year']}")
        if rank == 3:
            ax.text(r["year"] + 0.45, row_of[r["partner_iso3"]], str(r["year"]), ha="left", va="center",
                    fontsize=style.FONT["tiny"], color=style.MUTED, zorder=4,
                    bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none"))
    names = dict(zip(tl["partner_iso3"], tl["name"]))
    ax.set_yticks(range(len(order)), [names[c] for c in order])
    ax.tick_params(axis="y", labelsize=style.FONT["body"])
    for lab, code in zip(ax.get_yticklabels(), order):
        if code in highlight:
            lab.set_fontweight("bold")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    label_of = dict(zip(tl["rank"], tl["level_label"]))
    ranks = sorted(label_of, reverse=True)
    handles = [Line2D([], [], linestyle="none", marker=LEVEL_MARKERS[r], markersize=7, markerfacecolor=LEVEL_COLORS[r],
                      markeredgecolor="white", label=label_of[r]) for r in ranks]
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncol=len(handles), frameon=False,
               fontsize=style.FONT["small"])
    subtitle = t("Year each partner was given each level; a grey line joins the steps of one partner. "
                 "Partners in the order they reached the top level.")
    if when is not None:
        x_when = when.year + (when.day_of_year - 0.5) / (366 if when.is_leap_year else 365)
        ax.axvline(x_when, color=style.DARK, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1.5, gid="as-of")
        ax.text(x_when, -0.6, captions.format_date(when), ha="center", va="bottom", fontsize=style.FONT["tiny"],
                color=style.DARK, gid="as-of-label")
        subtitle += " " + t("Only steps taken by {date} (dashed line). Partners the table does not list (strategic "
                            "partners never upgraded, steps whose date was not sourced) are missing.",
                            date=captions.format_date(when))
        if len(undecided):  # names in a list after a colon: German nominative with article ('die USA')
            left = {c: name for c, (name, _) in code_model.subject_names(countries, undecided["partner_iso3"]).items()}
            subtitle += " " + t("Not shown because only the year is known: {names}.", names=captions.join_names(
                [f"{left[c]} ({y})" for c, y in zip(undecided["partner_iso3"], undecided["year"])]))
    if highlight:
        subjects = code_model.subject_names(countries, highlight)  # German: 'Russland, China und die USA'
        subtitle += " " + t("Outlined and bold: {names}.", names=captions.join_names([n for n, _ in subjects.values()]))
    style.finish(fig, title, src_line, subtitle)
    data = tl[["partner_iso3", "name", "level", "rank", "year"]].copy()
    return build.chart("partnership_timeline", fig, title, subtitle, src_line, alt, data, sources, ids)


def _timeline_words(tl: pd.DataFrame, as_of: pd.Timestamp | None = None, focus: str | None = None) -> tuple[str, str]:
    """Title (how many partners reached the top level, who was first, and where the first
    highlighted partner, `focus`, came) and text alternative (every step)."""
    top_rank = int(tl["rank"].max())
    top = tl[tl["rank"] == top_rank].sort_values(["year", "name"], kind="stable").drop_duplicates("partner_iso3")
    label = mid_sentence(top["level_label"].iloc[0])
    last_year = int(tl["year"].max())
    first = top.iloc[0]
    had = nt("Vietnam had {n} {level}", "Vietnam had {n} {level}s", len(top), level=label)
    had = (t("As of {date}, {had}", date=captions.format_date(as_of), had=had) if as_of is not None
           else t("{had} by {year}", had=had, year=last_year))
    title = t("{had}; {name} was first ({year})", had=had, name=first["name"], year=first["year"])
    if focus in set(top["partner_iso3"]) and first["partner_iso3"] != focus:
        k = list(top["partner_iso3"]).index(focus)
        hit = top[top["partner_iso3"] == focus].iloc[0]
        nth = t(ORDINALS[k]) if k < len(ORDINALS) else t("number {n}", n=k + 1)
        title += f", {hit['name']} {nth} ({int(hit['year'])})"
    # the level in words: English the table's level value, German its label_de
    # "Russia: strategic partnership, 2001" (the colon after the partner, so the name and the level don't run together)
    steps = [f"{r['name']}: {mid_sentence(r['level_label']) if german() else str(r['level']).lower()}, {r['year']}"
             for _, r in tl.iterrows()]
    when = t(" up to {date}", date=captions.format_date(as_of)) if as_of is not None else ""
    alt = t("Timeline of {n} steps in Vietnam's partnerships{when}: {steps}", n=len(tl), when=when,
            steps="; ".join(steps))
    return title, alt


@style.house_style
def trade_by_partner(
    year: int | None = None,
    reporter: str | None = None,
    highlight: str | Sequence[str] = ("RUS",),
    *,
    trade: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> Chart:
    """Vietnam's goods trade with each partner (exports + imports = total), largest first.

    year: that year only (default: each partner's latest year in the data, named under its
    bar). reporter: one reporter's statistics only (default: Vietnam's own where there are
    any, else the partner's).

    trade_by_partner(); trade_by_partner(2024)"""
    df = table("vietnam_trade", trade)
    countries = table("countries", countries)
    sources = table("sources", sources)
    highlight = code_model.check_countries(highlight, countries)
    tb = vietnam_model.trade_by_partner(df, year, reporter)
    if tb.empty:
        raise ValueError("No trade rows with a total" + (f" for {year}" if year else "") + ".")
    names = code_model.name_map(countries, tb["partner_iso3"])
    title, alt = _trade_words(tb, names, code_model.dative_names(countries, tb["partner_iso3"]))
    ids = captions.cited_ids(tb)
    src_line = captions.source_line(sources, ids, drawable=style.drawable)
    n = len(tb)
    reporters = i18n.column(tb, "reporter", fallback=True)  # German: reporter_de ('Vietnamesischer Zoll (GSO)')
    labels = [f"{names[c]}\n{yr} \u00b7 " + "\n".join(textwrap.wrap(str(rep), 30))
              for c, yr, rep in zip(tb["partner_iso3"], tb["year"], reporters)]
    longest = max(len(line) for lab in labels for line in lab.split("\n"))
    left_in = min(3.0, 0.3 + longest * char_width(style.FONT["small"]))
    bar_h = 0.3 + 0.12 * max(lab.count("\n") + 1 for lab in labels)
    height = n * bar_h + 0.85
    fig = style.new_figure(height)
    ax = fig.add_axes((left_in / style.WIDTH, 0.7 / height, 1 - (left_in + 0.6) / style.WIDTH, (n * bar_h) / height))
    style.style_axes(ax, grid="x")
    exp_c, imp_c = style.OKABE_ITO["blue"], style.OKABE_ITO["orange"]
    split = (tb["exports_usd_bn"].notna() & tb["imports_usd_bn"].notna()).tolist()
    y = list(range(n))
    ys = [i for i in y if split[i]]
    rows = tb[split]
    if len(rows):
        ax.barh(ys, rows["exports_usd_bn"], color=exp_c, height=0.62, edgecolor="white", linewidth=0.5,
                gid="bars-exports")
        ax.barh(ys, rows["imports_usd_bn"], left=rows["exports_usd_bn"], color=imp_c, height=0.62,
                edgecolor="white", linewidth=0.5, hatch="///", hatchcolor="#FFFFFF99", gid="bars-imports")
    if not all(split):
        ax.barh([i for i in y if not split[i]], tb.loc[[not s for s in split], "total_usd_bn"], color=style.GREY,
                height=0.62, gid="bars-total")
    xmax = float(tb["total_usd_bn"].max())
    for i, (_, r) in enumerate(tb.iterrows()):
        ax.text(r["total_usd_bn"] + xmax * 0.01, i, _bn(r["total_usd_bn"]), va="center", ha="left",
                fontsize=style.FONT["small"], color=style.DARK, gid=f"total-{r['partner_iso3']}")
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", labelsize=style.FONT["small"])
    for lab, code in zip(ax.get_yticklabels(), tb["partner_iso3"]):
        if code in highlight:
            lab.set_fontweight("bold")
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, xmax * 1.12)
    ax.set_xlabel(t("US$ billion"))
    handles = []
    if len(rows):
        handles += [Patch(facecolor=exp_c, label=t("Vietnam's exports")),
                    Patch(facecolor=imp_c, hatch="///", edgecolor="white", label=t("Vietnam's imports"))]
    if not all(split):
        handles.append(Patch(facecolor=style.GREY, label=t("total only (no split in the source)")))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncol=len(handles), frameon=False,
               fontsize=style.FONT["small"])
    years = sorted(set(tb["year"]))
    when = t("in {year}", year=years[0]) if len(years) == 1 else t("latest year in the data for each partner")
    subtitle = t("Goods trade, US$ billion, {when}; under each name: year and whose statistics. "
                 "Figures from different years and reporters are not strictly comparable.", when=when)
    style.finish(fig, title, src_line, subtitle)
    data = tb.assign(name=tb["partner_iso3"].map(names))
    return build.chart("trade_by_partner", fig, title, subtitle, src_line, alt, data, sources, ids)


def _trade_words(tb: pd.DataFrame, names: dict[str, str], datives: dict[str, str] | None = None) -> tuple[str, str]:
    """Title and text alternative; datives: the names after German 'mit' (codes.dative_names: 'den USA')."""
    datives = datives or names
    top = tb.iloc[0]
    codes = list(tb["partner_iso3"])
    title = t("Vietnam traded US$ {value} bn with {name} ({year})", value=_bn(top["total_usd_bn"]),
              name=names[top["partner_iso3"]], dative=datives[top["partner_iso3"]], year=top["year"])
    if "RUS" in codes and codes[0] != "RUS":
        r = tb[tb["partner_iso3"] == "RUS"].iloc[0]
        title += t(" but only US$ {value} bn with Russia ({year})", value=_bn(r["total_usd_bn"]), year=r["year"])
    elif len(tb) > 1:
        second = tb.iloc[1]
        title += t(", US$ {value} bn with {name} ({year})", value=_bn(second["total_usd_bn"]),
                   name=names[second["partner_iso3"]], dative=datives[second["partner_iso3"]], year=second["year"])
    parts = [f"{names[c]} {_bn(v)} ({yr}, {rep})" for c, v, yr, rep in
             zip(tb["partner_iso3"], tb["total_usd_bn"], tb["year"], i18n.column(tb, "reporter", fallback=True))]
    alt = t("Bar chart of Vietnam's goods trade by partner in US$ billion: {parts}", parts="; ".join(parts))
    return title, alt


def _bn(value: float) -> str:
    """205.17 -> '205.2' (German '205,2')."""
    return localise_number(f"{value:.1f}")
