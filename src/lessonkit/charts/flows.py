"""Arms flows: a diagram of states and the reported transfers between them.

Nodes sit at hand-chosen positions (roughly: west left, east right, north up); arrows are
coloured by what flows and drawn solid / dashed / dash-dot / dotted by how sure the sources
are (confirmed / official estimate / reported / alleged).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from lessonkit.charts import captions, shaping, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart

# Node positions in a 10 x 6 box, chosen by hand so that the usual actors read as a rough map.
NODE_POSITIONS = {
    "USA": (0.8, 2.3),
    "GBR": (0.9, 5.0),
    "DEU": (1.9, 5.6),
    "POL": (2.4, 4.6),
    "UKR": (2.0, 4.1),
    "BLR": (3.4, 5.6),
    "RUS": (4.5, 5.2),
    "IRN": (3.6, 1.6),
    "SYR": (2.2, 1.9),
    "ISR": (1.6, 0.9),
    "IND": (4.9, 0.5),
    "CHN": (6.6, 2.7),
    "MNG": (6.6, 4.2),
    "PRK": (9.0, 3.6),
    "KOR": (9.3, 1.8),
    "JPN": (9.6, 5.4),
    "VNM": (6.6, 0.4),
    "LAO": (6.0, 0.6),
}
XLIM, YLIM = (0.0, 10.2), (-0.2, 6.0)


def node_positions(codes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Hand-chosen positions; states without one are lined up along the bottom, in code order."""
    pos = {c: NODE_POSITIONS[c] for c in codes if c in NODE_POSITIONS}
    extra = sorted(c for c in codes if c not in NODE_POSITIONS)
    for i, c in enumerate(extra):
        pos[c] = (0.8 + i * (8.6 / max(len(extra), 1)), -0.05)
    return pos


LABEL_FONT = style.FONT["tiny"] + 0.5
LABEL_POSITIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # along the curve, from its start


def _label_size(text: str, inch_per_unit: float, fontsize: float = LABEL_FONT) -> tuple[float, float]:
    """Estimated width and height of a boxed label, in data units."""
    lines = text.split("\n")
    w_in = max(len(line) for line in lines) * fontsize * 0.58 / 72 + 0.08
    h_in = len(lines) * fontsize * 1.25 / 72 + 0.06
    return w_in / inch_per_unit, h_in / inch_per_unit


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label(items: list[str], width: int = 20) -> str:
    shown = items[:2]
    text = ", ".join(shown) + (f" +{len(items) - 2}" if len(items) > 2 else "")
    return "\n".join(textwrap.wrap(text, width))


@style.house_style
def flow_diagram(
    states: Sequence[str] | None = None,
    only_between: bool = False,
    *,
    transfers: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> Chart:
    """States and the transfers between them reported in data/transfers.csv.

    states: only transfers from or to any of these states (default: all); with
    only_between=True, only transfers between two of them.
    flow_diagram(); flow_diagram(["RUS", "PRK"], only_between=True)"""
    transfers = table("transfers", transfers)
    countries = table("countries", countries)
    sources = table("sources", sources)
    if states is not None:
        states = shaping.check_countries(states, countries)
        ends = (transfers["from_iso3"].isin(states), transfers["to_iso3"].isin(states))
        transfers = transfers[(ends[0] & ends[1]) if only_between else (ends[0] | ends[1])]
    if transfers.empty:
        raise ValueError("No transfers to draw" + (f" for {', '.join(states)}." if states else "."))
    edges = shaping.flow_edges(transfers)
    codes = sorted(set(edges["from_iso3"]) | set(edges["to_iso3"]))
    names = shaping.name_map(countries, codes)
    title, alt = _flow_words(edges, names, transfers)
    ids = captions.cited_ids(transfers)
    src_line = captions.source_line(sources, ids)
    fig = _draw_flows(edges, names)
    subtitle = ("Arrow colour: what flows. Line style: the firmest evidence for that flow. "
                "One arrow may stand for several reports; the chart's table lists them all.")
    style.finish(fig, title, src_line, subtitle)
    data = transfers.copy()
    data.insert(3, "category", [shaping.item_category(i, d) for i, d in
                                zip(transfers["item"], transfers.get("description", pd.Series([None] * len(transfers))))])
    return Chart(fig=fig, alt_text=captions.sentence(alt), data=data.reset_index(drop=True), title=title,
                 source_line=src_line, subtitle=subtitle, sources=captions.cited_sources(sources, ids),
                 kind="flow_diagram")


def _flow_words(edges: pd.DataFrame, names: dict[str, str], transfers: pd.DataFrame) -> tuple[str, str]:
    pairs = edges.groupby(["from_iso3", "to_iso3"])["n"].sum().sort_values(ascending=False, kind="stable")
    (a, b), n_top = pairs.index[0], int(pairs.iloc[0])
    cats = list(dict.fromkeys(edges.loc[(edges["from_iso3"] == a) & (edges["to_iso3"] == b), "category"]))
    what = captions.join_names([style.ITEM_LABELS[c].split(",")[0].lower() for c in cats])
    title = f"Most transfers in the data run from {names[a]} to {names[b]}: {what}"
    back = edges[(edges["from_iso3"] == b) & (edges["to_iso3"] == a)]
    if len(back):
        back_what = captions.join_names(
            [style.ITEM_LABELS[c].split(",")[0].lower() for c in dict.fromkeys(back["category"])])
        title += f"; {back_what} in return"
    conf = transfers["confidence"].astype(str).str.lower().value_counts()
    conf_text = ", ".join(f"{int(conf[c])} {style.CONFIDENCE_LABELS[c].lower()}" for c in style.CONFIDENCE_LEVELS
                          if c in conf)
    parts = [f"{names[e.from_iso3]} to {names[e.to_iso3]}: {', '.join(e['items'])} "
             f"(at best {style.CONFIDENCE_LABELS.get(e.confidence, e.confidence).lower()})"
             for e in [r for _, r in edges.iterrows()][:6]]
    more = f"; and {len(edges) - 6} more" if len(edges) > 6 else ""
    alt = (f"Diagram of {len(transfers)} transfers between {len(names)} states ({conf_text}): "
           + "; ".join(parts) + more)
    return title, alt


def _draw_flows(edges: pd.DataFrame, names: dict[str, str]):
    codes = sorted(set(edges["from_iso3"]) | set(edges["to_iso3"]))
    pos = node_positions(codes)
    legend_h = 0.75
    inch_per_unit = (style.WIDTH - 0.2) / (XLIM[1] - XLIM[0])
    plot_h = (YLIM[1] - YLIM[0]) * inch_per_unit
    height = plot_h + legend_h
    fig = style.new_figure(height)
    ax = fig.add_axes((0.1 / style.WIDTH, legend_h / height, 1 - 0.2 / style.WIDTH, plot_h / height))
    ax.set_xlim(*XLIM)
    ax.set_ylim(*YLIM)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    taken = []  # boxes (x0, y0, x1, y1) in data units that labels must not cover
    for c in codes:
        x, y = pos[c]
        w, h = _label_size(names[c], inch_per_unit, fontsize=style.FONT["body"] + 1)
        taken.append((x - w / 2 - 0.15, y - h / 2 - 0.12, x + w / 2 + 0.15, y + h / 2 + 0.12))
        ax.text(x, y, names[c], ha="center", va="center", fontsize=style.FONT["body"] + 1, fontweight="bold",
                color=style.DARK, zorder=5, gid=f"node-{c}",
                bbox=dict(boxstyle="round,pad=0.35", facecolor="#F4F4F4", edgecolor=style.MID_GREY, linewidth=0.8))
    for i, e in edges.iterrows():
        (x1, y1), (x2, y2) = pos[e["from_iso3"]], pos[e["to_iso3"]]
        color = style.ITEM_COLORS.get(e["category"], style.MID_GREY)
        ls = style.CONFIDENCE_STYLES.get(e["confidence"], ":")
        arrow = FancyArrowPatch((x1, y1), (x2, y2), connectionstyle=f"arc3,rad={e['rad']}",
                                arrowstyle="-|>,head_length=0.5,head_width=0.28", mutation_scale=14,
                                color=color, linewidth=2.2, linestyle=ls, shrinkA=20, shrinkB=22, zorder=3,
                                gid=f"flow-{e['from_iso3']}-{e['to_iso3']}-{e['category']}-{e['confidence']}")
        ax.add_patch(arrow)
        # the label sits on the curve arc3 draws (a quadratic Bezier), at the first of a few
        # points along it where it overlaps no node and no label placed before it
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        cx, cy = mx + e["rad"] * (y2 - y1), my - e["rad"] * (x2 - x1)
        text = _label(e["items"])
        w, h = _label_size(text, inch_per_unit)
        for t in LABEL_POSITIONS:
            lx = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t ** 2 * x2
            ly = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t ** 2 * y2
            box = (lx - w / 2, ly - h / 2, lx + w / 2, ly + h / 2)
            if not any(_overlap(box, other) for other in taken):
                break
        taken.append(box)
        ax.text(lx, ly, text, ha="center", va="center", fontsize=LABEL_FONT, color=style.DARK, zorder=4,
                gid=f"flow-label-{i}",
                bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor=color, linewidth=0.6, alpha=0.92))
    present = list(dict.fromkeys(c for c in style.ITEM_COLORS if c in set(edges["category"])))
    what = [Line2D([], [], color=style.ITEM_COLORS[c], linewidth=3, label=style.ITEM_LABELS[c]) for c in present]
    how = [Line2D([], [], color=style.DARK, linewidth=2, linestyle=style.CONFIDENCE_STYLES[c],
                  label=style.CONFIDENCE_LABELS[c]) for c in style.CONFIDENCE_LEVELS]
    leg1 = fig.legend(handles=what, title="What flows", loc="lower left", bbox_to_anchor=(0.01, 0.0),
                      ncol=min(3, len(what)), frameon=False, fontsize=style.FONT["small"],
                      title_fontsize=style.FONT["small"], alignment="left", handlelength=2.2)
    leg1.set_gid("legend-what")
    leg2 = fig.legend(handles=how, title="How sure", loc="lower right", bbox_to_anchor=(0.99, 0.0), ncol=2,
                      frameon=False, fontsize=style.FONT["small"], title_fontsize=style.FONT["small"],
                      alignment="left", handlelength=3.2)
    leg2.set_gid("legend-how")
    return fig
