"""Interactive versions of the vote charts, with ipywidgets.

The explorer keeps ONE figure per view (a SeatCanvas, a TileCanvas) and updates its artists
when a control changes, then renders it into ONE `ipywidgets.Image` as PNG bytes: the browser
swaps the picture in place (no flicker, no cleared output area), no figure is ever registered
with pyplot (nothing piles up), and a saved notebook stores one PNG in its widget state. Title, subtitle, source line and the
text alternative are HTML text around the image (sharp, selectable, read by screen readers,
and cheaper to redraw than text inside the PNG).

    from lessonkit.charts import vote_explorer
    vote_explorer()                      # resolution dropdown, seats/map toggle, country picker
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence

import ipywidgets as widgets
import pandas as pd

from lessonkit.charts import captions, shaping
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.charts.tilemap import TileCanvas, tile_map
from lessonkit.charts.votes import DEFAULT_HIGHLIGHT, SeatCanvas, seat_chart

VIEWS = {"Seats": "seats", "Map": "map"}


class VoteExplorer:
    """A resolution dropdown, a seats/map toggle and a country picker above one chart image.

    Attributes: resolution (Dropdown), view (ToggleButtons), countries (TagsInput of names),
    image (Image), caption (HTML), chart (the Chart shown), timings (seconds per redraw),
    widget (the VBox to display)."""

    def __init__(
        self,
        resolution: str | None = None,
        highlight: str | Sequence[str] = DEFAULT_HIGHLIGHT,
        view: str = "seats",
        *,
        resolutions: pd.DataFrame | None = None,
        votes: pd.DataFrame | None = None,
        countries: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
    ):
        self.tables = {
            "resolutions": table("un_resolutions", resolutions),
            "votes": table("un_votes", votes),
            "countries": table("countries", countries),
            "sources": table("sources", sources),
        }
        res = self.tables["resolutions"]
        if resolution is None:  # the first resolution with country votes
            ids = shaping.resolution_ids(res)
            resolution = next((r for r in ids if shaping.has_country_votes(shaping.check_resolution(r, res),
                                                                          self.tables["votes"])), ids[0])
        row = shaping.check_resolution(resolution, res)
        highlight = shaping.check_countries(highlight, self.tables["countries"])
        if view not in VIEWS.values():
            raise ValueError(f"Unknown view {view!r}; valid views: {', '.join(VIEWS.values())}.")
        self._names = shaping.name_map(self.tables["countries"], self.tables["countries"]["iso3"])
        self._codes = {name: code for code, name in self._names.items()}
        options = []
        for sid in shaping.resolution_ids(res):
            r = shaping.check_resolution(sid, res)
            year = captions.format_date(r.get("date"))[-4:]
            label = f"{sid} ({year})"
            if not captions.is_blank(r.get("short_title")):
                label += f" \u2013 {r['short_title']}"
            if not shaping.has_country_votes(r, self.tables["votes"]):
                label += " [totals only]"
            options.append((label, sid))
        self.resolution = widgets.Dropdown(options=options, value=str(row["short_id"]), description="Resolution",
                                           layout=widgets.Layout(width="auto", max_width="560px"))
        self.view = widgets.ToggleButtons(options=list(VIEWS.items()), value=view, description="View",
                                          style={"button_width": "70px"})
        self.countries = widgets.TagsInput(value=[self._names[c] for c in highlight],
                                           allowed_tags=sorted(self._names.values()), allow_duplicates=False,
                                           layout=widgets.Layout(width="auto"))
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="800px"))
        self.header = widgets.HTML()
        self.caption = widgets.HTML()
        self.chart: Chart | None = None
        self.canvases = {"seats": SeatCanvas(), "map": TileCanvas(shaping.load_tiles())}
        self.timings: list[float] = []
        self.widget = widgets.VBox([
            widgets.HBox([self.resolution, self.view]),
            widgets.HBox([widgets.Label("Highlight:"), self.countries]),
            self.header,
            self.image,
            self.caption,
        ])
        for control in (self.resolution, self.view, self.countries):
            control.observe(self.redraw, names="value")
        self.redraw()

    @property
    def highlight(self) -> list[str]:
        return [self._codes[n] for n in self.countries.value if n in self._codes]

    def draw(self) -> Chart:
        """The chart for the controls' current values (not displayed)."""
        func = seat_chart if self.view.value == "seats" else tile_map
        t = self.tables
        return func(self.resolution.value, self.highlight, resolutions=t["resolutions"], votes=t["votes"],
                    countries=t["countries"], sources=t["sources"], frame=False, canvas=self.canvases[self.view.value])

    def redraw(self, change=None) -> None:
        """Re-render the chart into the image (called by the controls)."""
        start = time.perf_counter()
        try:
            chart = self.draw()
        except ValueError as exc:  # e.g. a state with no recorded vote: say so, keep the last picture
            self.caption.value = f"<p style='color:#B00'>{html.escape(str(exc))}</p>"
            return
        self.image.value = chart.png(compress_level=1)
        self.image.tooltip = chart.alt_text
        self.header.value = (f"<div style='font-weight:bold;font-size:16px;line-height:1.3'>{html.escape(chart.title)}</div>"
                             f"<div style='color:#555;font-size:13px'>{html.escape(chart.subtitle)}</div>")
        self.caption.value = (f"<div style='color:#555;font-size:11px'>{html.escape(chart.source_line)}</div>"
                              f"<p><b>Text alternative:</b> {html.escape(chart.alt_text)}</p>")
        self.chart = chart
        self.timings.append(time.perf_counter() - start)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def __repr__(self) -> str:
        return f"VoteExplorer(resolution={self.resolution.value!r}, view={self.view.value!r}, highlight={self.highlight})"


def vote_explorer(
    resolution: str | None = None,
    highlight: str | Sequence[str] = DEFAULT_HIGHLIGHT,
    view: str = "seats",
    **tables: pd.DataFrame,
) -> VoteExplorer:
    """The interactive vote chart: vote_explorer("ES-11/1", ["RUS", "PRK", "VNM"], view="map").
    resolution: default the first (by date) with country votes."""
    return VoteExplorer(resolution, highlight, view, **tables)
