"""Arms flows: a diagram of states and the reported transfers between them.

Nodes sit at hand-chosen positions (roughly: west left, east right, north up); arrows are
coloured by what flows and drawn solid / dashed / dash-dot / dotted by how sure the sources
are (confirmed / official estimate / reported / alleged).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from lessonkit.i18n import t
from lessonkit.text import text_width
from lessonkit.charts import build, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.model import captions
from lessonkit.model import codes as code_model
from lessonkit.model import flows as flow_model
from lessonkit.model.flows import NoFlows  # noqa: F401 (charts.NoFlows)

XLIM, YLIM = (0.0, 10.2), (-0.2, 6.0)


LABEL_FONT = style.FONT["tiny"] + 0.5
LABEL_POSITIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # along the curve, from its start
# where none of those is inside the diagram and free: finer steps, the middle first
MORE_POSITIONS = tuple(sorted((k / 20 for k in range(2, 19) if k / 20 not in LABEL_POSITIONS),
                              key=lambda u: abs(u - 0.5)))


def _label_size(label: str, inch_per_unit: float, fontsize: float = LABEL_FONT) -> tuple[float, float]:
    """Estimated width and height of a boxed label, in data units."""
    lines = label.split("\n")
    w_in = text_width(label, fontsize) + 0.08
    h_in = len(lines) * fontsize * 1.25 / 72 + 0.06
    return w_in / inch_per_unit, h_in / inch_per_unit


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _overlap_area(a: tuple, b: tuple) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _inside(box: tuple) -> bool:
    """A label box (x0, y0, x1, y1, data units) lies within the diagram's limits: drawn beyond
    them, it would run into the title above or off the explorer's picture."""
    return XLIM[0] <= box[0] and box[2] <= XLIM[1] and YLIM[0] <= box[1] and box[3] <= YLIM[1]


def _moved_inside(box: tuple) -> tuple:
    """The box shifted the least way into the diagram's limits."""
    dx = max(XLIM[0] - box[0], 0) - max(box[2] - XLIM[1], 0)
    dy = max(YLIM[0] - box[1], 0) - max(box[3] - YLIM[1], 0)
    return box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy


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
    certainty: pd.DataFrame | None = None,
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
    if canvas is not None and frame:
        raise ValueError("A canvas is redrawn in place: pass frame=False with it.")
    certainty = table("certainty", certainty)
    labels = code_model.certainty_labels(certainty)
    levels = flow_model.check_confidence(confidence)
    cats = flow_model.check_category(category, style.ITEM_LABELS)
    shape = flow_model.flow_shape(transfers, countries, states, only_between, levels, cats, labels)
    title, alt = flow_model.flow_words(shape, labels, code_model.certainty_counted(certainty))
    subtitle = flow_model.flow_subtitle(shape, labels, style.ITEM_LABELS)
    ids = captions.cited_ids(shape["transfers"])
    src_line = captions.source_line(sources, ids, drawable=style.drawable)
    canvas = build.draw_on(canvas, FlowCanvas, frame, title, src_line, subtitle, shape["edges"], shape["names"],
                           positions, labels)
    return build.chart("flow_diagram", canvas.fig, title, subtitle, src_line, alt, flow_model.flow_table(shape),
                       sources, ids)


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

    def update(self, edges: pd.DataFrame, names: dict[str, str], positions: pd.DataFrame,
               labels: Mapping[str, str]) -> None:
        """Draw these edges between these states (labels: confidence level -> legend label)."""
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
            # points along it where it stays inside the diagram and overlaps no node and no label
            # placed before it; else the first point inside, else the middle moved inside
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            cx, cy = mx + e["rad"] * (y2 - y1), my - e["rad"] * (x2 - x1)
            text = flow_model.edge_label(e["items"], labels, levels=e.get("item_confidence"))
            w, h = _label_size(text, inch_per_unit)
            boxes = []
            for u in LABEL_POSITIONS + MORE_POSITIONS:
                lx = (1 - u) ** 2 * x1 + 2 * (1 - u) * u * cx + u ** 2 * x2
                ly = (1 - u) ** 2 * y1 + 2 * (1 - u) * u * cy + u ** 2 * y2
                boxes.append((lx - w / 2, ly - h / 2, lx + w / 2, ly + h / 2))
            inside = [b for b in boxes if _inside(b)] or [_moved_inside(boxes[0])]
            box = next((b for b in inside if not any(_overlap(b, other) for other in taken)), None) \
                or min(inside, key=lambda b: sum(_overlap_area(b, other) for other in taken))
            lx, ly = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            taken.append(box)
            add(ax.text(lx, ly, text, ha="center", va="center", fontsize=LABEL_FONT, color=style.DARK, zorder=4,
                        gid=f"flow-label-{i}",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor=color, linewidth=0.6,
                                  alpha=0.92)))
        present = list(dict.fromkeys(c for c in style.ITEM_COLORS if c in set(edges["category"])))
        what = [Line2D([], [], color=style.ITEM_COLORS[c], linewidth=3, label=style.item_label(c)) for c in present]
        how = [Line2D([], [], color=style.DARK, linewidth=2, linestyle=style.CONFIDENCE_STYLES[c],
                      label=label) for c, label in labels.items()]
        top = (self.LEGEND_H - 0.02) / self.fig.get_figheight()  # both legends hang from the top of their band
        leg1 = self.fig.legend(handles=what, title=t("What flows"), loc="upper left", bbox_to_anchor=(0.01, top),
                               ncol=min(3, len(what)), frameon=False, fontsize=style.FONT["small"],
                               title_fontsize=style.FONT["small"], alignment="left", handlelength=1.6,
                               columnspacing=1.2, handletextpad=0.5)
        leg1.set_gid("legend-what")
        leg2 = self.fig.legend(handles=how, title=t("How sure"), loc="upper right", bbox_to_anchor=(0.99, top), ncol=2,
                               frameon=False, fontsize=style.FONT["small"], title_fontsize=style.FONT["small"],
                               alignment="left", handlelength=2.8, columnspacing=1.2, handletextpad=0.5)
        leg2.set_gid("legend-how")
        add(leg1)
        add(leg2)
