"""The equal-tile world map: one square per UN member state, roughly where it lies.

One state, one vote: Russia gets the same tile as Tuvalu. The layout is data we wrote by hand,
src/lessonkit/tiles.csv (iso3, col, row; row 0 at the top); tests/test_tilemap.py checks that
every member has exactly one tile and that no two tiles share a cell.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from functools import lru_cache

from matplotlib.collections import PatchCollection, PathCollection
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch, Rectangle
from matplotlib.path import Path
from matplotlib.textpath import text_to_path
from matplotlib.transforms import Affine2D

from lessonkit.charts import build, outlines, style
from lessonkit.charts.result import Chart
from lessonkit.i18n import t
from lessonkit.charts.votes import DEFAULT_HIGHLIGHT, resolution_tables
from lessonkit.model import captions
from lessonkit.model import codes as code_model
from lessonkit.model import votes as vote_model

TILE = 0.9  # side of a tile in cells (the rest is the gap)
LABEL_SIZE = 5.6  # points


# One FontProperties per weight, shared: building one per label (as TextPath does) and finding
# its font again was half the cost of the 193 labels.
_LABEL_FONTS = {bold: FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal") for bold in (False, True)}


@lru_cache(maxsize=512)
def _label_path(code: str, bold: bool) -> Path:
    """The outline of a tile label in points, centred on (0, 0) (what TextPath gives, without
    its per-call font lookup)."""
    verts, codes = text_to_path.get_text_path(_LABEL_FONTS[bold], code)
    size = LABEL_SIZE + (0.4 if bold else 0)
    path = Path(Affine2D().scale(size / text_to_path.FONT_SCALE).transform(verts), codes)
    ext = outlines.extents(path)  # what path.get_extents() gives, without its per-curve loop
    return path.transformed(Affine2D().translate(-(ext.x0 + ext.x1) / 2, -(ext.y0 + ext.y1) / 2))


@style.house_style
def tile_map(
    resolution: str = "ES-11/1",
    highlight: str | Sequence[str] = DEFAULT_HIGHLIGHT,
    *,
    resolutions: pd.DataFrame | None = None,
    votes: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    tiles: pd.DataFrame | None = None,
    frame: bool = True,
    canvas: TileCanvas | None = None,
) -> Chart:
    """How every member state voted on a resolution, as an equal-tile world map.

    frame=False leaves title, subtitle and source line off the figure (they stay on the Chart);
    the interactive explorer passes its TileCanvas to be recoloured in place.

    tile_map("ES-11/1", ["RUS", "PRK", "VNM", "CHN"])"""
    row, votes, countries, sources = resolution_tables(resolution, resolutions, votes, countries, sources)
    tiles = (canvas.tiles if canvas is not None else vote_model.load_tiles()) if tiles is None else tiles
    highlight = code_model.check_countries(highlight, countries)
    shape = vote_model.tile_shape(row, votes, countries, tiles, highlight)
    title, subtitle, alt = captions.tile_words(row, shape)
    ids = captions.cited_ids(pd.DataFrame([row]))
    src_line = captions.source_line(sources, ids, drawable=style.drawable)
    fig = build.draw_on(canvas, lambda: TileCanvas(tiles), frame, title, src_line, subtitle,
                        shape["tiles"], shape["counts"], shape["with_countries"]).fig
    return build.chart("tile_map", fig, title, subtitle, src_line, alt, vote_model.tile_table(shape), sources, ids)


class TileCanvas:
    """The tile map's figure for one tile layout, built once and recoloured in place by
    `update` (the interactive explorer keeps one). Not framed."""

    LEGEND_H = 0.35

    def __init__(self, tiles: pd.DataFrame):
        self.tiles = tiles.reset_index(drop=True)
        n_cols = int(tiles["col"].max()) + 1
        n_rows = int(tiles["row"].max()) + 1
        cell = (style.WIDTH - 0.2) / n_cols
        height = n_rows * cell + self.LEGEND_H
        self.fig = style.new_figure(height)
        ax = self.ax = self.fig.add_axes((0.1 / style.WIDTH, self.LEGEND_H / height, n_cols * cell / style.WIDTH,
                                          n_rows * cell / height))
        ax.set_xlim(0, n_cols)
        ax.set_ylim(n_rows, 0)
        ax.set_axis_off()
        off = (1 - TILE) / 2
        self.rects = [Rectangle((c + off, r + off), TILE, TILE) for c, r in zip(tiles["col"], tiles["row"])]
        self.colls = {}
        for vote in (*style.VOTE_CODES, ""):
            if vote:
                coll = PatchCollection([], facecolors=style.VOTE_COLORS[vote], edgecolors="white", linewidths=0,
                                       hatch=style.VOTE_HATCHES[vote] or None, gid=f"tiles-{vote}", zorder=1)
                if style.VOTE_HATCHES[vote]:
                    coll.set_hatchcolor("#FFFFFF70")
            else:
                coll = PatchCollection([], facecolors="white", edgecolors=style.GREY, linewidths=0.6,
                                       gid="tiles-none", zorder=1)
            self.colls[vote] = ax.add_collection(coll)
        # The 193 labels are one collection of glyph outlines (cached), not 193 Text artists:
        # drawing them is then ~20x faster, which keeps the interactive map responsive.
        self.label_coll = ax.add_collection(PathCollection(
            [], offsets=list(zip(tiles["col"] + 0.5, tiles["row"] + 0.5)), offset_transform=ax.transData,
            transform=Affine2D().scale(style.DPI / 72), edgecolors="none", zorder=3, gid="tile-labels", snap=False))
        self.highlight = ax.add_collection(PatchCollection([], facecolors="none", edgecolors=style.HIGHLIGHT,
                                                           linewidths=2.0, gid="highlight", zorder=2))
        self.legend = None

    def update(self, tv: pd.DataFrame, counts: dict[str, int], with_countries: bool) -> None:
        """Recolour for tile_votes(...) output in the order of this canvas's tiles."""
        tv = tv.set_index("iso3").loc[self.tiles["iso3"]]
        votes = tv["vote"].tolist()
        high = tv["highlighted"].astype(bool).tolist()
        for vote, coll in self.colls.items():
            coll.set_paths([r for r, v in zip(self.rects, votes) if v == vote])
        self.label_coll.set_paths([_label_path(code, h) for code, h in zip(self.tiles["iso3"], high)])
        self.label_coll.set_facecolor([style.text_color_on(style.VOTE_COLORS.get(v, "#FFFFFF")) for v in votes])
        self.highlight.set_paths([r for r, h in zip(self.rects, high) if h])
        if self.legend is not None:
            self.legend.remove()
        handles = [Patch(facecolor=style.VOTE_COLORS[v], edgecolor="white", hatch=style.VOTE_HATCHES[v] or None,
                         label=f"{style.vote_label(v)} ({counts.get(v, 0)})") for v in style.VOTE_CODES]
        if not with_countries or "" in votes:
            handles.append(Patch(facecolor="white", edgecolor=style.GREY, label=t("no vote recorded")))
        if any(high):
            handles.append(Patch(facecolor="white", edgecolor=style.HIGHLIGHT, linewidth=2, label=t("highlighted")))
        self.legend = self.fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0),
                                      ncol=len(handles), frameon=False, fontsize=style.FONT["small"],
                                      handlelength=1.4, columnspacing=1.3)
