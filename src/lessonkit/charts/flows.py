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

from lessonkit.text import text_width
from lessonkit.charts import build, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.model import captions
from lessonkit.model import codes as code_model
from lessonkit.model import flows as flow_model

XLIM, YLIM = (0.0, 10.2), (-0.2, 6.0)


LABEL_FONT = style.FONT["tiny"] + 0.5
LABEL_POSITIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # along the curve, from its start


def _label_size(label: str, inch_per_unit: float, fontsize: float = LABEL_FONT) -> tuple[float, float]:
    """Estimated width and height of a boxed label, in data units."""
    lines = label.split("\n")
    w_in = text_width(label, fontsize) + 0.08
    h_in = len(lines) * fontsize * 1.25 / 72 + 0.06
    return w_in / inch_per_unit, h_in / inch_per_unit


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label(items: list[str], width: int = 20, levels: dict | None = None) -> str:
    """The items of an arrow: all of them if they fit in about two short lines, else the first
    two and '+N'. Where the items of one arrow differ in how sure they are (levels: item ->
    confidence), each group says its level, e.g. 'food (confirmed); oil, money (reported)', so the
    arrow's line style (its firmest level) is not read as true of every item."""
    if levels and len({levels.get(i) for i in items}) > 1:
        groups: dict[str, list[str]] = {}
        for item in items:
            groups.setdefault(levels.get(item), []).append(item)
        text = "; ".join(f"{', '.join(g)} ({style.CONFIDENCE_LABELS.get(c, str(c)).lower()})" for c, g in groups.items())
        return "\n".join(textwrap.wrap(text, width))
    text = ", ".join(items)
    if len(items) > 2 and len(text) > 2 * width - 8:
        text = ", ".join(items[:2]) + f" +{len(items) - 2}"
    return "\n".join(textwrap.wrap(text, width))


# Words for each category in titles. Technology and goods are spelled out from the items in the
# data (e.g. "food, oil and money"), so a title never names one item for the whole category.
CATEGORY_WORDS = {
    "ammunition": "ammunition",
    "missiles": "missiles",
    "weapons": "weapons systems",
    "troops": "troops",
    "technology": "technology",
    "goods": "goods",
    "other": "other items",
}
# ... and when no row is left to spell them out (an empty filter)
CATEGORY_NAMES = {**CATEGORY_WORDS, "technology": "technology or know-how",
                  "goods": "oil, food, money or other goods"}
CONFIDENCE_ADJECTIVES = {"confirmed": "confirmed", "official_estimate": "officially estimated",
                         "reported": "reported", "alleged": "alleged"}


class NoFlows(ValueError):
    """No transfer row is left to draw (unknown states, or filters that match nothing).
    `.message` is a sentence fit to show a student in place of the diagram."""

    def __init__(self, text: str, message: str):
        super().__init__(text)
        self.message = message


@style.house_style
def flow_diagram(
    states: Sequence[str] | None = None,
    only_between: bool = False,
    *,
    confidence: str | Sequence[str] | None = None,
    category: str | Sequence[str] | None = None,
    transfers: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    positions: pd.DataFrame | None = None,
    frame: bool = True,
    canvas: FlowCanvas | None = None,
) -> Chart:
    """States and the transfers between them reported in data/transfers.csv.

    states: only transfers from or to any of these states (default: all); with
    only_between=True, only transfers between two of them. confidence: only rows rated this
    level ('confirmed', 'official_estimate', 'reported', 'alleged') or any of a list of levels.
    category: only rows of this flow category ('ammunition', 'missiles', 'weapons', 'troops',
    'technology', 'goods', 'other') or its legend label. The title and text alternative say
    which filter is applied. Raises NoFlows (a ValueError) if no row is left.

    frame=False leaves title, subtitle and source line off the figure (they stay on the
    Chart); the interactive flow_explorer passes its FlowCanvas to be redrawn in place.

    flow_diagram(); flow_diagram(["RUS", "PRK"], only_between=True); flow_diagram(confidence="confirmed")"""
    transfers = table("transfers", transfers)
    countries = table("countries", countries)
    sources = table("sources", sources)
    positions = table("flow_positions", positions)
    levels = flow_model.check_confidence(confidence)
    cats = flow_model.check_category(category, style.ITEM_LABELS)
    if states is not None:
        states = code_model.check_countries(states, countries)
        ends = (transfers["from_iso3"].isin(states), transfers["to_iso3"].isin(states))
        transfers = transfers[(ends[0] & ends[1]) if only_between else (ends[0] | ends[1])]
    state_names = code_model.name_map(countries, states or [])
    if canvas is not None and frame:
        raise ValueError("A canvas is redrawn in place: pass frame=False with it.")
    if transfers.empty:
        raise NoFlows("No transfers to draw" + (f" for {', '.join(states)}." if states else "."),
                      captions.sentence(f"No {_scope(levels, cats, states, only_between, state_names)}"))
    transfers = flow_model.filter_transfers(transfers, levels, cats)
    if transfers.empty:
        scope = _scope(levels, cats, states, only_between, state_names)
        raise NoFlows(f"No transfers to draw: no {scope}.", captions.sentence(f"No {scope}"))
    edges = flow_model.flow_edges(transfers)
    codes = sorted(set(edges["from_iso3"]) | set(edges["to_iso3"]))
    names = code_model.name_map(countries, codes)
    title, alt = _flow_words(edges, names, transfers, levels, cats, states, only_between, state_names)
    ids = captions.cited_ids(transfers)
    src_line = captions.source_line(sources, ids)
    subtitle = ("Arrow colour: what flows. Line style: the firmest evidence for that flow. "
                "One arrow may stand for several reports (rows of the table transfers).")
    if levels or cats:
        shown = []
        if levels:
            shown.append("How sure: " + _join_or([style.CONFIDENCE_LABELS[c] for c in levels]))
        if cats:
            shown.append("What flows: " + _join_or([style.ITEM_LABELS[c] for c in cats]))
        subtitle += f" Filter \u2013 {'; '.join(shown)}."
    canvas = build.draw_on(canvas, FlowCanvas, frame, title, src_line, subtitle, edges, names, positions)
    data = transfers.copy()
    data.insert(3, "category", data.pop("category"))
    return build.chart("flow_diagram", canvas.fig, title, subtitle, src_line, alt, data.reset_index(drop=True), sources, ids)


def _join_or(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _kind_word(category: str, kind: str) -> str:
    if category == "technology":
        return "technology" if "technolog" in kind or kind == "other" else kind
    if category == "goods":
        return "other goods" if kind == "other" else kind
    return CATEGORY_WORDS.get(category, category)


def category_words(edges: pd.DataFrame) -> list[str]:
    """What these edges carry, for a title: one word per category in the edges' order, except
    technology and goods, which are spelled out from the items ('food', 'oil', 'money'; a
    'military technology' row reads 'technology'). No duplicates."""
    words: list[str] = []
    for _, e in edges.iterrows():
        kinds = e["kinds"] if e["category"] in ("technology", "goods") else [""]
        for kind in kinds:
            w = _kind_word(e["category"], kind)
            if w not in words:
                words.append(w)
    return words


def _scope(levels, cats, states, only_between, state_names, plural: bool = True) -> str:
    """'transfers in the data', 'confirmed transfers of missiles in the data involving Vietnam', …"""
    adj = ""
    if levels and len(levels) == 1:
        adj = CONFIDENCE_ADJECTIVES[levels[0]] + " "
    text = f"{adj}transfer{'s' if plural else ''}"
    if cats:
        text += " of " + _join_or([CATEGORY_NAMES[c] for c in cats])
    if levels and len(levels) > 1:
        text += " rated " + _join_or([style.CONFIDENCE_LABELS[c].lower() for c in levels])
    text += " in the data"
    if states:
        who = [state_names.get(c, c) for c in states]
        if only_between and len(who) > 1:
            text += (" between " if len(who) == 2 else " among ") + captions.join_names(who)
        else:
            text += " involving " + _join_or(who)
    return text


def _flow_words(edges, names, transfers, levels=None, cats=None, states=None, only_between=False,
                state_names=None) -> tuple[str, str]:
    """The title (where most rows run, and what) and the text alternative."""
    total = int(edges["n"].sum())
    scope = _scope(levels, cats, states, only_between, state_names or {}, plural=total != 1)
    if cats and len(cats) == 1:  # name what is actually there, e.g. "food, oil and money"
        words = category_words(edges)
        scope = scope.replace(f" of {CATEGORY_NAMES[cats[0]]}", f" of {captions.join_names(words)}", 1)
    pairs = edges.groupby(["from_iso3", "to_iso3"], sort=False)["n"].sum()
    pairs = pairs.sort_values(ascending=False, kind="stable")
    n_top = int(pairs.iloc[0])
    top = [p for p, n in pairs.items() if n == n_top][:3]
    one_category = bool(cats) and len(cats) == 1

    def what(a: str, b: str, tied: list) -> str:
        """': missiles and troops; food in return' for the pair a -> b."""
        text = ""
        if not one_category:
            text = captions.join_names(category_words(edges[(edges["from_iso3"] == a) & (edges["to_iso3"] == b)]))
        back = edges[(edges["from_iso3"] == b) & (edges["to_iso3"] == a)]
        if len(back) and (b, a) not in tied:
            back_text = (f"{captions.join_names(category_words(back))} in return" if not one_category
                         else f"{int(back['n'].sum())} the other way")
            text = f"{text}; {back_text}" if text else back_text
        return text

    if len(top) == 1:
        (a, b) = top[0]
        route = f"from {names[a]} to {names[b]}"
        if total == 1:
            lead = f"The only {scope} runs {route}"
        elif n_top == total:
            lead = f"All {scope} run {route}"
        elif n_top > total / 2:
            lead = f"Most {scope} run {route}"
        else:
            lead = f"{captions.sentence(scope)[:-1]} run most often {route}"
        detail = what(a, b, top)
        title = lead + (f"{';' if one_category else ':'} {detail}" if detail else "")
    else:
        routes = []
        for a, b in top:
            detail = what(a, b, top)
            routes.append(f"from {names[a]} to {names[b]}" + (f" ({detail})" if detail else ""))
        title = f"{captions.sentence(scope)[:-1]} run most often " + captions.join_names(routes)
    conf = transfers["confidence"].astype(str).str.strip().str.lower().value_counts()
    conf_text = ", ".join(f"{int(conf[c])} {style.CONFIDENCE_LABELS[c].lower()}" for c in style.CONFIDENCE_LEVELS
                          if c in conf)
    parts = [f"{names[e.from_iso3]} to {names[e.to_iso3]}: {', '.join(e['items'])} "
             f"(at best {style.CONFIDENCE_LABELS.get(e.confidence, e.confidence).lower()})"
             for e in [r for _, r in edges.iterrows()][:6]]
    more = f"; and {len(edges) - 6} more" if len(edges) > 6 else ""
    how_sure = f" ({conf_text})" if not (levels and len(levels) == 1) else ""
    alt = (f"Diagram of {len(transfers)} {scope}, between {len(names)} states{how_sure}: "
           + "; ".join(parts) + more)
    return title, alt


class FlowCanvas:
    """The flow diagram's figure, built once and redrawn in place by `update` (the interactive
    flow_explorer keeps one). Not framed: `finish` is applied by flow_diagram to one-off
    figures only. Node positions are fixed, so a filtered diagram keeps the same map."""

    LEGEND_H = 0.75

    def __init__(self):
        self.inch_per_unit = (style.WIDTH - 0.2) / (XLIM[1] - XLIM[0])
        plot_h = (YLIM[1] - YLIM[0]) * self.inch_per_unit
        height = plot_h + self.LEGEND_H
        self.fig = style.new_figure(height)
        ax = self.ax = self.fig.add_axes((0.1 / style.WIDTH, self.LEGEND_H / height, 1 - 0.2 / style.WIDTH,
                                          plot_h / height))
        ax.set_xlim(*XLIM)
        ax.set_ylim(*YLIM)
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        self.artists: list = []  # everything update() drew: removed by the next update

    def clear(self) -> None:
        for artist in self.artists:
            artist.remove()
        self.artists = []

    def show_message(self, text: str) -> None:
        """An empty diagram with a message in the middle (an empty filter result)."""
        self.clear()
        self.artists.append(self.ax.text(
            (XLIM[0] + XLIM[1]) / 2, (YLIM[0] + YLIM[1]) / 2, "\n".join(textwrap.wrap(text, 60)), ha="center",
            va="center", fontsize=style.FONT["title"], color=style.MUTED, gid="message",
            bbox=dict(boxstyle="round,pad=0.8", facecolor="#F4F4F4", edgecolor=style.GREY)))

    def update(self, edges: pd.DataFrame, names: dict[str, str], positions: pd.DataFrame) -> None:
        self.clear()
        ax, inch_per_unit, add = self.ax, self.inch_per_unit, self.artists.append
        codes = sorted(set(edges["from_iso3"]) | set(edges["to_iso3"]))
        pos = flow_model.node_positions(codes, positions)
        taken = []  # boxes (x0, y0, x1, y1) in data units that labels must not cover
        for c in codes:
            x, y = pos[c]
            w, h = _label_size(names[c], inch_per_unit, fontsize=style.FONT["body"] + 1)
            taken.append((x - w / 2 - 0.15, y - h / 2 - 0.12, x + w / 2 + 0.15, y + h / 2 + 0.12))
            add(ax.text(x, y, names[c], ha="center", va="center", fontsize=style.FONT["body"] + 1, fontweight="bold",
                        color=style.DARK, zorder=5, gid=f"node-{c}",
                        bbox=dict(boxstyle="round,pad=0.35", facecolor="#F4F4F4", edgecolor=style.MID_GREY,
                                  linewidth=0.8)))
        for i, e in edges.iterrows():
            (x1, y1), (x2, y2) = pos[e["from_iso3"]], pos[e["to_iso3"]]
            color = style.ITEM_COLORS.get(e["category"], style.MID_GREY)
            ls = style.CONFIDENCE_STYLES.get(e["confidence"], ":")
            add(ax.add_patch(FancyArrowPatch(
                (x1, y1), (x2, y2), connectionstyle=f"arc3,rad={e['rad']}",
                arrowstyle="-|>,head_length=0.5,head_width=0.28", mutation_scale=14, color=color, linewidth=2.2,
                linestyle=ls, shrinkA=20, shrinkB=22, zorder=3,
                gid=f"flow-{e['from_iso3']}-{e['to_iso3']}-{e['category']}-{e['confidence']}")))
            # the label sits on the curve arc3 draws (a quadratic Bezier), at the first of a few
            # points along it where it overlaps no node and no label placed before it
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            cx, cy = mx + e["rad"] * (y2 - y1), my - e["rad"] * (x2 - x1)
            text = _label(e["items"], levels=e.get("item_confidence"))
            w, h = _label_size(text, inch_per_unit)
            for t in LABEL_POSITIONS:
                lx = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t ** 2 * x2
                ly = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t ** 2 * y2
                box = (lx - w / 2, ly - h / 2, lx + w / 2, ly + h / 2)
                if not any(_overlap(box, other) for other in taken):
                    break
            taken.append(box)
            add(ax.text(lx, ly, text, ha="center", va="center", fontsize=LABEL_FONT, color=style.DARK, zorder=4,
                        gid=f"flow-label-{i}",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor=color, linewidth=0.6,
                                  alpha=0.92)))
        present = list(dict.fromkeys(c for c in style.ITEM_COLORS if c in set(edges["category"])))
        what = [Line2D([], [], color=style.ITEM_COLORS[c], linewidth=3, label=style.ITEM_LABELS[c]) for c in present]
        how = [Line2D([], [], color=style.DARK, linewidth=2, linestyle=style.CONFIDENCE_STYLES[c],
                      label=style.CONFIDENCE_LABELS[c]) for c in style.CONFIDENCE_LEVELS]
        top = (self.LEGEND_H - 0.02) / self.fig.get_figheight()  # both legends hang from the top of their band
        leg1 = self.fig.legend(handles=what, title="What flows", loc="upper left", bbox_to_anchor=(0.01, top),
                               ncol=min(3, len(what)), frameon=False, fontsize=style.FONT["small"],
                               title_fontsize=style.FONT["small"], alignment="left", handlelength=1.6,
                               columnspacing=1.2, handletextpad=0.5)
        leg1.set_gid("legend-what")
        leg2 = self.fig.legend(handles=how, title="How sure", loc="upper right", bbox_to_anchor=(0.99, top), ncol=2,
                               frameon=False, fontsize=style.FONT["small"], title_fontsize=style.FONT["small"],
                               alignment="left", handlelength=2.8, columnspacing=1.2, handletextpad=0.5)
        leg2.set_gid("legend-how")
        add(leg1)
        add(leg2)
