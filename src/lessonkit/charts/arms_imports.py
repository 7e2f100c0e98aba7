"""Vietnam's arms imports by supplier and period (SIPRI): vietnam_arms_imports (data:
vietnam_arms_imports; shaping: lessonkit.model.arms)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.patches import Patch

from lessonkit.i18n import nt, t
from lessonkit.text import char_width
from lessonkit.charts import build, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.model import arms as arms_model
from lessonkit.model import captions
from lessonkit.model import codes as code_model


@style.house_style
def vietnam_arms_imports(
    measure: str | None = None,
    top: int = 5,
    periods: str | Sequence[str] | None = None,
    *,
    imports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> Chart:
    """Vietnam's arms imports by supplier and period: one stacked bar per period, as shares (%)
    where the sources give shares, else SIPRI trend-indicator values (TIV, million). Only
    sourced rows are drawn.

    measure: default 'imports' (rows of another measure, e.g. the share of Russian weapons in
    Vietnam's inventory, are left out unless asked for). top: the largest suppliers drawn by
    name (at most 7, each in its own colour; the rest are summed as grey 'other suppliers').
    periods: default SIPRI's standard five-year periods; 'all' adds longer windows such as
    2000–2023; or a list such as ["2014-2018", "2019-2023"].

    vietnam_arms_imports(); vietnam_arms_imports(top=3); vietnam_arms_imports(periods="all")"""
    if not 1 <= int(top) <= len(style.SUPPLIER_PALETTE):
        raise ValueError(f"top must be between 1 and {len(style.SUPPLIER_PALETTE)} (one distinct colour each); "
                         f"got {top}.")
    df = table("vietnam_arms_imports", imports)
    countries = table("countries", countries)
    sources = table("sources", sources)
    shares, value, measure = arms_model.arms_import_shares(df, measure, int(top), periods)
    if shares.empty:
        raise ValueError("No sourced value in vietnam_arms_imports for this measure and these periods.")
    names = code_model.name_map(countries, [c for c in shares.columns if c != arms_model.OTHER_SUPPLIERS])
    if "supplier_name" in df.columns:  # codes the countries table lacks ("USA" is a short name, not a gap)
        known = set(countries["iso3"])
        for code, name in zip(df["supplier_iso3"], df["supplier_name"]):
            if code in names and code not in known and not captions.is_blank(name):
                names[code] = str(name)
    names[arms_model.OTHER_SUPPLIERS] = t("other suppliers")
    pct = value == "share_pct"
    unit = _unit(pct)
    inventory = measure == "inventory"
    known = set(countries["iso3"])  # codes the table lacks keep the supplier's own name
    subjects = {c: s for c, s in code_model.subject_names(countries, list(names)).items() if c in known}
    datives = {c: d for c, d in code_model.dative_names(countries, list(names)).items() if c in known}
    genitives = {c: g for c, g in code_model.genitive_names(countries, list(names)).items() if c in known}
    title = _arms_title(shares, names, pct, inventory, subjects, datives, genitives)
    used = df if "measure" not in df.columns else df[df["measure"].astype(str) == measure]
    used = used[[arms_model.period_label(a, b) in set(shares.index) for a, b in zip(used["period_start"], used["period_end"])]]
    ids = captions.cited_ids(used)  # only the rows drawn
    src_line = captions.source_line(sources, ids, drawable=style.drawable)
    periods_shown = list(shares.index)
    suppliers = list(shares.columns)
    colors = style.supplier_colors(suppliers, other=arms_model.OTHER_SUPPLIERS)
    unlisted = pct and any(shares.sum(axis=1) < 99.5)
    # the legend sits to the right of the bars, in stacking order, so it never meets the axis label
    handles = [Patch(facecolor=colors[sup], label=names[sup]) for sup in suppliers]
    if unlisted:
        handles.append(Patch(facecolor="white", edgecolor=style.GREY, hatch="///", label=t("not itemised")))
    longest = max(len(h.get_label()) for h in handles)
    legend_in = 0.55 + longest * char_width(style.FONT["small"])
    left_in, bar_h = 1.1, 0.6
    plot_h = max(len(periods_shown) * 0.55, len(handles) * 0.2 + 0.1)
    height = plot_h + 0.55
    fig = style.new_figure(height)
    ax = fig.add_axes((left_in / style.WIDTH, 0.5 / height, 1 - (left_in + legend_in + 0.1) / style.WIDTH,
                       plot_h / height))
    style.style_axes(ax, grid="x")
    biggest = float(shares.sum(axis=1).max())
    for i, period in enumerate(periods_shown):
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
    ax.set_yticks(range(len(periods_shown)), periods_shown)
    ax.tick_params(axis="y", labelsize=style.FONT["body"])
    ax.set_ylim(len(periods_shown) - 0.5, -0.5)
    if pct:
        ax.set_xlim(0, 100)
        ax.set_xlabel(t("Share of the weapons Vietnam holds (%)") if inventory else
                      t("Share of Vietnam's arms imports in the period (%)"))
    else:
        ax.set_xlabel(t("SIPRI trend-indicator value (TIV, million)"))
    legend = fig.legend(handles=handles, loc="upper left", frameon=False, fontsize=style.FONT["small"],
                        handlelength=1.2, bbox_to_anchor=(1 - (legend_in - 0.1) / style.WIDTH, (0.5 + plot_h) / height),
                        borderaxespad=0.0)
    legend.set_gid("legend-suppliers")
    subtitle = (t("Each supplier's share of Vietnam's arms imports per period (SIPRI trend-indicator values: a "
                  "volume index, not money), where a source gives it.") if pct else
                t("Arms deliveries to Vietnam per period, where a source gives them."))
    if inventory:
        subtitle = t("Share of the weapons Vietnam holds (its inventory, including Soviet-era equipment), not of "
                     "imports in a period: do not compare with the SIPRI import shares.")
    measure_rows = df if "measure" not in df.columns else df[df["measure"].astype(str) == measure]
    longer = sorted({label for label in (arms_model.period_label(a, b) for a, b in
                                         zip(measure_rows["period_start"], measure_rows["period_end"]))
                     if _span(label) > arms_model.SIPRI_PERIOD_YEARS} - set(periods_shown))
    if {_span(p) for p in periods_shown} == {arms_model.SIPRI_PERIOD_YEARS}:
        subtitle += " " + (t("SIPRI's standard five-year periods (the {periods} total is left out).",
                             periods=", ".join(longer)) if longer else t("SIPRI's standard five-year periods."))
    if arms_model.periods_overlap(periods_shown):
        subtitle += " " + t("The periods overlap: each bar is a separate window, not a sequence.")
    style.finish(fig, title, src_line, subtitle)
    parts = [f"{p}: " + ", ".join(f"{names[sup]} {captions.number(shares.at[p, sup])}{unit}" for sup in suppliers
                                    if pd.notna(shares.at[p, sup])) for p in periods_shown]
    alt = (t("Bar chart of the origin of Vietnam's weapons inventory: {parts}", parts="; ".join(parts)) if inventory
           else t("Bar chart of Vietnam's arms imports by supplier: {parts}", parts="; ".join(parts)))
    data = shares.reset_index().melt(id_vars="period", var_name="supplier", value_name=value).dropna()
    data["name"] = data["supplier"].map(names)
    return build.chart("vietnam_arms_imports", fig, title, subtitle, src_line, alt, data.reset_index(drop=True), sources, ids)


def _span(period: str) -> int:
    parts = str(period).split("\u2013")
    try:
        return int(parts[-1]) - int(parts[0]) + 1
    except ValueError:
        return 0


def _arms_title(shares: pd.DataFrame, names: dict[str, str], pct: bool, inventory: bool = False,
                subjects: dict[str, tuple[str, bool]] | None = None, datives: dict[str, str] | None = None,
                genitives: dict[str, str] | None = None) -> str:
    """The first and last value of the top supplier of the first period, over the periods of
    the usual length (e.g. SIPRI's five-year windows), else the top supplier of the last period. inventory: the values are
    shares of the weapons Vietnam holds, not of imports. subjects: code -> (name as a sentence's
    subject, plural verb), codes.subject_names; datives: codes.dative_names; genitives: codes.genitive_names."""
    subjects, datives, genitives = subjects or {}, datives or {}, genitives or {}
    unit = _unit(pct)
    if inventory:
        last = shares.index[-1]
        row = shares.loc[last].dropna().sort_values(ascending=False)
        return t("An estimated {share} of Vietnam's arsenal was supplied by {name} ({period})",
                 share=captions.number(row.iloc[0]) + _unit(True), name=names[row.index[0]], period=last,
                 dative=datives.get(row.index[0], names[row.index[0]]))
    spans = pd.Series({p: _span(p) for p in shares.index})
    usual = spans.mode().iloc[0] if len(spans) else 0
    comparable = shares.loc[spans[spans == usual].index]
    first = comparable.iloc[0].drop(arms_model.OTHER_SUPPLIERS, errors="ignore").dropna() if len(comparable) else []
    lead = first.sort_values(ascending=False, kind="stable").index[0] if len(first) else None
    if lead is not None and comparable[lead].notna().sum() >= 2:
        values = comparable[lead].dropna()
        p1, p2, v1, v2 = values.index[0], values.index[-1], values.iloc[0], values.iloc[-1]
        dative = datives.get(lead, names[lead])  # German 'von den USA', 'aus den USA'
        genitive = genitives.get(lead, names[lead])  # German 'der Anteil Russlands', 'der Anteil der USA'
        what = (t("{name}'s share of Vietnam's arms imports", name=names[lead], genitive=genitive) if pct
                else t("Arms deliveries from {name} to Vietnam", name=names[lead], dative=dative))
        many = 1 if pct else 2  # German: der Anteil sank, die Lieferungen sanken
        a, b = captions.number(v1) + unit, captions.number(v2) + unit
        if v1 == v2:
            return nt("{what} stayed at {a} ({p1} to {p2})", "{what} stayed at {a} ({p1} to {p2})", many,
                      what=what, a=a, p1=p1, p2=p2)
        if v2 < v1:
            return nt("{what} fell from {a} ({p1}) to {b} ({p2})", "{what} fell from {a} ({p1}) to {b} ({p2})", many,
                      what=what, a=a, b=b, p1=p1, p2=p2)
        return nt("{what} rose from {a} ({p1}) to {b} ({p2})", "{what} rose from {a} ({p1}) to {b} ({p2})", many,
                  what=what, a=a, b=b, p1=p1, p2=p2)
    last = shares.index[-1]
    row = shares.loc[last].dropna().sort_values(ascending=False)
    top = row.index[0]
    # the supplier is the subject: 'Die USA lieferten …' (codes.subject_names)
    name, plural = subjects.get(top, (names[top], False))
    if pct:
        return nt("{name} supplied {share} of Vietnam's arms imports in {period}",
                  "{name} supplied {share} of Vietnam's arms imports in {period}", 2 if plural else 1,
                  name=_cap(name), share=captions.number(row.iloc[0]) + _unit(True), period=last)
    return nt("{name} was Vietnam's largest arms supplier in {period}",
              "{name} was Vietnam's largest arms supplier in {period}", 2 if plural else 1, name=_cap(name), period=last)


def _unit(pct: bool) -> str:
    """What follows a value: '%' (German ' %', with a space) or ' TIV m' (German ' TIV Mio.')."""
    return t("%") if pct else t(" TIV m")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
