"""Interactive versions of the vote charts and the arms-flow diagram, with ipywidgets.

Each explorer keeps ONE figure per view (a SeatCanvas, a TileCanvas, a FlowCanvas) and updates its artists
when a control changes, then renders it into ONE `ipywidgets.Image` as PNG bytes: the browser
swaps the picture in place (no flicker, no cleared output area), no figure is ever registered
with pyplot (nothing piles up), and a saved notebook stores one PNG in its widget state. Title, subtitle, source line and the
text alternative are HTML text around the image (sharp, selectable, read by screen readers,
and cheaper to redraw than text inside the PNG).

    from lessonkit.charts import flow_explorer, vote_explorer
    vote_explorer()                      # resolution dropdown, seats/map toggle, country picker
    flow_explorer()                      # "How sure" and "What flows" dropdowns

Displayed, an explorer is one mime bundle: the live widget and, as text/html, its static
preview (the first chart as an image with its text alternative, and "Run this cell to change
the view"), which is all a stored notebook keeps (see lessonkit.plaintext). Re-running the cell
closes the widgets of the explorer it replaces, and the explorer is kept out of IPython's
output history (lessonkit.history), so re-runs do not pile up figures.

Both widgets carry the CSS class `lk-interactive` (the browser tests find interactive charts by
it: a <select> and an <img> inside), plus `lk-vote-explorer` / `lk-flow-explorer`.
"""

from __future__ import annotations

import base64
import html
import time
from collections.abc import Sequence

import ipywidgets as widgets
import pandas as pd
import traitlets

from lessonkit import countrynames, history, i18n, live, plaintext
from lessonkit.i18n import N_, t
from lessonkit import png as small_png
from lessonkit.charts import style
from lessonkit.charts.flows import FlowCanvas, NoFlows, flow_diagram
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.charts.tilemap import TileCanvas, tile_map
from lessonkit.charts.votes import DEFAULT_HIGHLIGHT, SeatCanvas, seat_chart
from lessonkit.model import captions
from lessonkit.model import codes as code_model
from lessonkit.model import flows as flow_model
from lessonkit.model import votes as vote_model

VIEWS = {N_("Seats"): "seats", N_("Map"): "map"}  # English labels; t() shows them
CSS_CLASS = "lk-interactive"  # on every explorer's outer box: the browser tests look for it


def _header_html(title: str, subtitle: str) -> str:
    return (f"<div style='font-weight:bold;font-size:16px;line-height:1.3'>{html.escape(title)}</div>"
            f"<div style='color:var(--jp-ui-font-color2, #555);font-size:13px'>{html.escape(subtitle)}</div>")


def _caption_html(source_line: str, alt_text: str) -> str:
    return (f"<div style='color:var(--jp-ui-font-color2, #555);font-size:11px'>{html.escape(source_line)}</div>"
            f"<p><b>{html.escape(t('Text alternative:'))}</b> {html.escape(alt_text)}</p>")


RUN_TO_CHANGE = N_("Run this cell (Shift+Enter) to change the view")


class _AltImage(widgets.Image):
    """An Image whose `tooltip` (the <img>'s title) carries the chart's text alternative, so
    screen readers and axe-core find one. The empty synced `description` is what ipywidgets
    8.1's ImageView needs to set a tooltip at all (it reads description.length)."""

    description = traitlets.Unicode("").tag(sync=True)


class _Explorer:
    """What both explorers share: showing a drawn chart in the image, header and caption; the
    static preview; closing the explorer a re-run replaces."""

    _lessonkit_no_history = True

    image: widgets.Image
    header: widgets.HTML
    caption: widgets.HTML
    widget: widgets.VBox

    def show_chart(self, chart: Chart, start: float) -> None:
        self.image.value = chart.png(compress_level=1)
        self.image.tooltip = chart.alt_text
        self.header.value = _header_html(chart.title, chart.subtitle)
        self.caption.value = _caption_html(chart.source_line, chart.alt_text)
        self.chart = chart
        self.timings.append(time.perf_counter() - start)

    def preview_html(self) -> str:
        """The chart on screen now as a static picture, with its header, caption and text
        alternative (the image's alt), and the line that says how to change it."""
        alt = self.chart.alt_text if self.chart is not None else self.message
        picture = ""
        if self.image.value:
            data = base64.b64encode(small_png.smaller(self.image.value)).decode("ascii")
            picture = (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
                       'style="max-width:100%;width:800px"/>')
        return (f"{self.header.value}{picture}{self.caption.value}"
                f"{plaintext.run_line(t(RUN_TO_CHANGE))}")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        self.widget.preview_html = self.preview_html()
        live.replace(live.key(type(self).__name__, repr(self)), self.widget)
        history.keep_out_of_history()
        display(self.widget)


class VoteExplorer(_Explorer):
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
            ids = code_model.resolution_ids(res)
            resolution = next((r for r in ids if vote_model.has_country_votes(code_model.check_resolution(r, res),
                                                                          self.tables["votes"])), ids[0])
        row = code_model.check_resolution(resolution, res)
        highlight = code_model.check_countries(highlight, self.tables["countries"])
        if view not in VIEWS.values():
            raise ValueError(f"Unknown view {view!r}; valid views: {', '.join(VIEWS.values())}.")
        self._names = code_model.name_map(self.tables["countries"], self.tables["countries"]["iso3"])
        self._codes = {name: code for code, name in self._names.items()}
        options = []
        titles = dict(zip(res["short_id"].astype(str), i18n.column(res, "short_title", fallback=True)))
        for sid in code_model.resolution_ids(res):
            r = code_model.check_resolution(sid, res)
            year = captions.format_date(r.get("date"))[-4:]
            label = f"{sid} ({year})"
            if not captions.is_blank(r.get("short_title")):
                label += f" \u2013 {titles.get(sid, r['short_title'])}"
            if not vote_model.has_country_votes(r, self.tables["votes"]):
                label += " " + t("[totals only]")
            options.append((label, sid))
        self.resolution = widgets.Dropdown(options=options, value=str(row["short_id"]), description=t("Resolution"),
                                           layout=widgets.Layout(width="auto", max_width="100%"))
        self.view = widgets.ToggleButtons(options=[(t(k), v) for k, v in VIEWS.items()], value=view, description=t("View"),
                                          style={"button_width": "70px"})
        self.countries = widgets.TagsInput(value=[self._names[c] for c in highlight],
                                           allowed_tags=sorted(self._names.values()), allow_duplicates=False,
                                           layout=widgets.Layout(width="auto"))
        # Typing a state: names, codes and aliases (data/country_aliases.csv), any case; Enter adds it.
        self._lookup = countrynames.lookup(self.tables["countries"])
        self.add_state = widgets.Combobox(options=countrynames.suggestions(self.tables["countries"]),
                                          placeholder=t("type a state, then Enter"), ensure_option=False,
                                          continuous_update=False, description=t("Add"),
                                          layout=widgets.Layout(width="18em"))
        self.add_state.add_class("lk-add-state")
        self.add_message = widgets.HTML()
        self.add_message.add_class("lk-add-message")
        self.add_state.observe(self._add_typed_state, names="value")
        self.image = _AltImage(format="png", layout=widgets.Layout(width="100%", max_width="800px"))
        self.header = widgets.HTML()
        self.caption = widgets.HTML()
        self.chart: Chart | None = None
        self.canvases: dict[str, SeatCanvas | TileCanvas] = {}  # each view's canvas, made when it is first drawn
        self.timings: list[float] = []
        def wrap() -> widgets.Layout:  # rows that wrap in a narrow notebook instead of cutting controls off
            return widgets.Layout(flex_flow="row wrap", align_items="center", max_width="100%")

        self.widget = plaintext.Box([
            widgets.HBox([self.resolution, self.view], layout=wrap()),
            widgets.HBox([widgets.Label(t("Highlight:")), self.countries], layout=wrap()),
            widgets.HBox([self.add_state, self.add_message], layout=wrap()),
            self.header,
            self.image,
            self.caption,
        ], text=t("[Interactive chart of UN votes: {hint}.]", hint=plaintext.run_hint()))
        self.widget.add_class(CSS_CLASS)
        self.widget.add_class("lk-vote-explorer")
        for control in (self.resolution, self.view, self.countries):
            control.observe(self.redraw, names="value")
        self.redraw()

    @property
    def highlight(self) -> list[str]:
        return [self._codes[n] for n in self.countries.value if n in self._codes]

    def _add_typed_state(self, change) -> None:
        """Enter in the box: add the state it names (name, code or alias, any case) and clear the
        box; an unknown name gets a message next to the box and is cleared too."""
        typed = (change["new"] or "").strip()
        if not typed:
            return
        code = countrynames.to_code(typed, self._lookup)
        if code is None or code not in self._names:
            said = t("No UN member state called \u201c{name}\u201d: try its English name or its code, e.g. United "
                     "States or USA.", name=typed)
            self.add_message.value = (f"<span role='status' style='color:var(--jp-error-color1, #b00020)'>"
                                      f"{html.escape(said)}</span>")
        else:
            name = self._names[code]
            self.add_message.value = ""
            if name not in self.countries.value:
                self.countries.value = [*self.countries.value, name]
        self.add_state.value = ""

    def draw(self) -> Chart:
        """The chart for the controls' current values (not displayed)."""
        view = self.view.value
        func = seat_chart if view == "seats" else tile_map
        if view not in self.canvases:
            self.canvases[view] = SeatCanvas() if view == "seats" else TileCanvas(vote_model.load_tiles())
        t = self.tables
        return func(self.resolution.value, self.highlight, resolutions=t["resolutions"], votes=t["votes"],
                    countries=t["countries"], sources=t["sources"], frame=False, canvas=self.canvases[view])

    def redraw(self, change=None) -> None:
        """Re-render the chart into the image (called by the controls)."""
        start = time.perf_counter()
        self.resolution.tooltip = self.resolution.label  # the full name, also when the menu is cut
        try:
            chart = self.draw()
        except code_model.UnknownCode as exc:  # a name the tables do not know: say so, keep the last picture
            self.caption.value = f"<p style='color:var(--jp-error-color1, #B00)'>{html.escape(str(exc))}</p>"
            return
        self.show_chart(chart, start)

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


ALL = "all"


class FlowExplorer(_Explorer):
    """The arms-flow diagram with two dropdowns above it: "How sure" (All / Confirmed /
    Official estimate / Reported / Alleged) and "What flows" (All and the categories in the
    data). A change redraws the one FlowCanvas and puts the PNG into the one Image; title,
    subtitle, source line and text alternative are HTML around it and follow the filter. A
    filter that matches no row shows a message in the image and the title instead of an error.

    Attributes: confidence, category (Dropdowns), image (Image), header, caption (HTML),
    chart (the Chart shown, None while the filter matches nothing), message (the empty-filter
    message, or ''), timings (seconds per redraw), widget (the VBox to display)."""

    def __init__(
        self,
        states: Sequence[str] | None = None,
        only_between: bool = False,
        confidence: str | None = None,
        category: str | None = None,
        *,
        transfers: pd.DataFrame | None = None,
        countries: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        certainty: pd.DataFrame | None = None,
    ):
        self.tables = {
            "transfers": table("transfers", transfers),
            "countries": table("countries", countries),
            "sources": table("sources", sources),
            "certainty": table("certainty", certainty),
        }
        self.states = code_model.check_countries(states, self.tables["countries"]) if states is not None else None
        self.only_between = only_between
        levels = flow_model.check_confidence(confidence)
        cats = flow_model.check_category(category, style.ITEM_LABELS)
        if (levels and len(levels) > 1) or (cats and len(cats) > 1):
            raise ValueError("flow_explorer starts from one confidence level and one category (or 'all').")
        present = set(flow_model.transfer_categories(self.tables["transfers"]))
        cat_options = [(t("All"), ALL)] + [(style.item_label(c), c) for c in style.ITEM_COLORS if c in present]
        if cats and cats[0] not in present:
            raise ValueError(f"No transfer in the data is in category {cats[0]!r}; categories: "
                             f"{', '.join(c for _, c in cat_options[1:])}.")
        self.confidence = widgets.Dropdown(
            options=[(t("All"), ALL)] + [(label, c) for c, label in
                                         code_model.certainty_labels(self.tables["certainty"]).items()],
            value=levels[0] if levels else ALL, description=t("How sure"), layout=widgets.Layout(width="auto"))
        self.category = widgets.Dropdown(options=cat_options, value=cats[0] if cats else ALL,
                                         description=t("What flows"), layout=widgets.Layout(width="auto"))
        self.image = _AltImage(format="png", layout=widgets.Layout(width="100%", max_width="800px"))
        self.header = widgets.HTML()
        self.caption = widgets.HTML()
        self.chart: Chart | None = None
        self.message = ""
        self.canvas = FlowCanvas()
        self.timings: list[float] = []
        self.widget = plaintext.Box([
            widgets.HBox([self.confidence, self.category]),
            self.header,
            self.image,
            self.caption,
        ], text=t("[Interactive flow diagram: {hint}.]", hint=plaintext.run_hint()))
        self.widget.add_class(CSS_CLASS)
        self.widget.add_class("lk-flow-explorer")
        for control in (self.confidence, self.category):
            control.observe(self.redraw, names="value")
        self.redraw()

    def draw(self) -> Chart:
        """The chart for the controls' current values (not displayed). Raises NoFlows if the
        filter matches no row."""
        t = self.tables
        return flow_diagram(self.states, self.only_between,
                            confidence=None if self.confidence.value == ALL else self.confidence.value,
                            category=None if self.category.value == ALL else self.category.value,
                            transfers=t["transfers"], countries=t["countries"], sources=t["sources"],
                            certainty=t["certainty"], frame=False, canvas=self.canvas)

    def redraw(self, change=None) -> None:
        """Re-render the diagram into the image (called by the controls)."""
        start = time.perf_counter()
        try:
            chart = self.draw()
        except NoFlows as exc:  # an empty filter: say so in the picture and the title
            self.message = exc.message
            self.canvas.show_message(t("{message} Choose another option under \u201cHow sure\u201d or "
                                       "\u201cWhat flows\u201d.", message=exc.message))
            self.image.value = _png(self.canvas.fig)
            self.image.tooltip = t("Empty diagram: {message}", message=exc.message)
            self.header.value = _header_html(exc.message, t("Nothing to draw for this filter."))
            self.caption.value = _caption_html("", t("Empty diagram: {message}", message=exc.message))
            self.chart = None
            self.timings.append(time.perf_counter() - start)
            return
        self.message = ""
        self.show_chart(chart, start)

    def __repr__(self) -> str:
        return f"FlowExplorer(confidence={self.confidence.value!r}, category={self.category.value!r})"


def _png(fig) -> bytes:
    """A figure as PNG bytes, rendered like Chart.png(compress_level=1)."""
    return Chart(fig=fig, alt_text="", data=pd.DataFrame()).png(compress_level=1)


def flow_explorer(
    states: Sequence[str] | None = None,
    only_between: bool = False,
    confidence: str | None = None,
    category: str | None = None,
    **tables: pd.DataFrame,
) -> FlowExplorer:
    """The interactive arms-flow diagram: flow_explorer(); flow_explorer(confidence="confirmed").
    states / only_between as in flow_diagram; confidence and category set the dropdowns' start."""
    return FlowExplorer(states, only_between, confidence, category, **tables)
