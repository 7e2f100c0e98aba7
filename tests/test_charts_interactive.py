"""The interactive explorers (votes, arms flows): controls redraw one image in place and
nothing piles up."""

import html
import io
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from lessonkit import data
from lessonkit.charts import flow_explorer, vote_explorer
from lessonkit.charts.interactive import FlowExplorer, VoteExplorer

pytestmark = [pytest.mark.filterwarnings("error"), pytest.mark.slow]  # widgets and redraws: make test

FIXTURES = Path(__file__).parent / "fixtures" / "charts"


def same_picture(png_a: bytes, png_b: bytes) -> bool:
    """Same picture: same size, and all but a few pixels (hatch phase) equal. The bytes differ:
    the explorer compresses its PNG less."""
    from PIL import Image

    a, b = (np.asarray(Image.open(io.BytesIO(p)).convert("RGBA")) for p in (png_a, png_b))
    return a.shape == b.shape and (a != b).any(axis=2).mean() < 0.005


@pytest.fixture()
def explorer() -> VoteExplorer:
    t = {n: data.load(n, FIXTURES)
         for n in ("sources", "countries", "un_resolutions", "un_votes")}
    return vote_explorer("FX-1", ["RUS", "VNM"], resolutions=t["un_resolutions"], votes=t["un_votes"],
                         countries=t["countries"], sources=t["sources"])


def test_explorer_widgets(explorer):
    assert isinstance(explorer.widget, widgets.VBox)
    assert isinstance(explorer.resolution, widgets.Dropdown) and isinstance(explorer.image, widgets.Image)
    assert [v for _, v in explorer.resolution.options] == ["FX-1", "FX-2", "FX-3"]
    assert explorer.resolution.options[2][0].endswith("[totals only]")
    assert explorer.countries.value == ["Russia", "Vietnam"] and explorer.highlight == ["RUS", "VNM"]
    assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "FX-1: 7 in favour" in explorer.header.value
    assert "Text alternative:" in explorer.caption.value and "UN Fixture Office" in explorer.caption.value


def test_changing_the_resolution_redraws_in_place_without_piling_up(explorer):
    image, first_png = explorer.image, explorer.image.value
    fig = explorer.chart.fig
    explorer.resolution.value = "FX-2"
    assert explorer.image is image  # the same widget, new picture
    assert explorer.image.value != first_png
    assert explorer.chart.title.startswith("FX-2: 6 in favour, 4 against")
    assert "FX-2" in explorer.header.value and "FX-2" in explorer.caption.value
    assert html.escape(explorer.chart.alt_text) in explorer.caption.value
    for value in ("FX-3", "FX-1", "FX-2"):
        explorer.resolution.value = value
        assert explorer.chart.fig is fig  # ONE figure, updated in place
    assert plt.get_fignums() == []  # and never registered with pyplot
    assert len(explorer.timings) == 5
    # the leader lines and names of the previous highlight were removed, not piled up
    labels = [a for a in fig.axes[0].get_children() if (a.get_gid() or "").startswith(("label-", "leader-"))]
    assert len(labels) == 4  # Russia and Vietnam: one line and one name each


def test_views_keep_one_figure_each_and_match_a_fresh_chart(explorer):
    from lessonkit.charts import seat_chart, tile_map

    explorer.view.value = "map"
    map_fig = explorer.chart.fig
    explorer.resolution.value = "FX-2"
    assert explorer.chart.fig is map_fig
    fresh = tile_map("FX-2", ["RUS", "VNM"], frame=False, **{k: explorer.tables[k] for k in
                                                            ("resolutions", "votes", "countries", "sources")})
    assert same_picture(fresh.png(), explorer.image.value)  # redrawing in place gives the same picture
    explorer.view.value = "seats"
    fresh = seat_chart("FX-2", ["RUS", "VNM"], frame=False, **{k: explorer.tables[k] for k in
                                                              ("resolutions", "votes", "countries", "sources")})
    assert same_picture(fresh.png(), explorer.image.value)


def test_view_toggle_and_country_picker(explorer):
    explorer.view.value = "map"
    assert explorer.chart.kind == "tile_map"
    explorer.countries.value = ["China"]
    assert explorer.highlight == ["CHN"]
    assert "China abstained" in explorer.chart.alt_text and "Russia" not in explorer.chart.alt_text
    explorer.view.value = "seats"
    assert explorer.chart.kind == "seat_chart"
    assert [t.get_gid() for t in explorer.chart.fig.axes[0].texts if (t.get_gid() or "").startswith("label-")] == [
        "label-CHN"]


def test_frameless_chart_in_the_image(explorer):
    # title and source are HTML around the image, not drawn into it
    assert not [t for t in explorer.chart.fig.texts if t.get_gid() in ("title", "source")]


def test_bad_arguments_are_clear_errors():
    t = {n: data.load(n, FIXTURES)
         for n in ("sources", "countries", "un_resolutions", "un_votes")}
    kw = dict(resolutions=t["un_resolutions"], votes=t["un_votes"], countries=t["countries"], sources=t["sources"])
    with pytest.raises(ValueError, match="Unknown resolution 'FX-0'"):
        vote_explorer("FX-0", **kw)
    with pytest.raises(ValueError, match="Unknown country code 'QQQ'"):
        vote_explorer("FX-1", ["QQQ"], **kw)
    with pytest.raises(ValueError, match="Unknown view 'pie'"):
        vote_explorer("FX-1", view="pie", **kw)


# --- the flow explorer -----------------------------------------------------------------------


def test_vote_explorer_has_the_css_classes_the_browser_tests_use(explorer):
    assert "lk-interactive" in explorer.widget._dom_classes
    assert "lk-vote-explorer" in explorer.widget._dom_classes


@pytest.fixture()
def flows() -> FlowExplorer:
    t = {n: data.load(n, FIXTURES)
         for n in ("sources", "countries", "transfers")}
    return flow_explorer(transfers=t["transfers"], countries=t["countries"], sources=t["sources"])


def test_flow_explorer_widgets(flows):
    assert isinstance(flows.widget, widgets.VBox) and isinstance(flows.image, widgets.Image)
    assert {"lk-interactive", "lk-flow-explorer"} <= set(flows.widget._dom_classes)  # same class as vote_explorer
    assert isinstance(flows.confidence, widgets.Dropdown) and isinstance(flows.category, widgets.Dropdown)
    assert [label for label, _ in flows.confidence.options] == [
        "All", "Confirmed", "Official estimate", "Reported", "Alleged"]
    # All, then the categories in the data, in legend order
    assert [v for _, v in flows.category.options] == ["all", "ammunition", "missiles", "weapons", "troops",
                                                      "technology", "goods"]
    assert flows.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "North Korea to Russia" in flows.header.value and "Text alternative:" in flows.caption.value
    assert not [t for t in flows.chart.fig.texts if t.get_gid() in ("title", "source")]  # texts are HTML


def test_flow_filters_redraw_in_place_without_piling_up(flows):
    image, first_png, fig = flows.image, flows.image.value, flows.chart.fig
    flows.confidence.value = "confirmed"
    assert flows.image is image and flows.image.value != first_png
    assert flows.chart.fig is fig  # ONE figure, updated in place
    assert set(flows.chart.table()["confidence"]) == {"confirmed"}
    assert flows.chart.title.startswith("The only confirmed transfer in the data")
    assert html.escape(flows.chart.title) in flows.header.value
    assert "How sure: Confirmed" in flows.header.value
    assert "Fixture Institute" in flows.caption.value and "Fixture Wire" not in flows.caption.value
    assert html.escape(flows.chart.alt_text) in flows.caption.value
    png = flows.image.value
    flows.confidence.value = "all"
    flows.category.value = "goods"
    assert flows.image.value not in (png, first_png)
    assert flows.chart.title == "The only transfer of oil in the data runs from Russia to North Korea"
    arrows = [p for p in fig.axes[0].patches if (p.get_gid() or "").startswith("flow-")]
    assert [a.get_gid() for a in arrows] == ["flow-RUS-PRK-goods-reported"]  # the old arrows were removed
    for value in ("missiles", "troops", "all"):
        flows.category.value = value
        assert flows.chart.fig is fig
    assert plt.get_fignums() == [] and len(fig.legends) == 2
    assert len(flows.timings) == 7


def test_flow_filter_with_no_rows_shows_a_message(flows):
    flows.category.value = "goods"
    before = flows.image.value
    flows.confidence.value = "alleged"  # no alleged oil in the fixture
    assert flows.chart is None and flows.message == "No alleged transfers of oil, food, money or other goods in the data."
    assert flows.image.value != before and flows.image.value[:4] == b"\x89PNG"
    assert flows.message in flows.header.value and "Empty diagram" in flows.caption.value
    shown = [t.get_text() for t in flows.canvas.ax.texts]
    assert len(shown) == 1 and shown[0].startswith("No alleged transfers")
    flows.category.value = "all"  # and back to a diagram
    assert flows.chart is not None and flows.message == ""
    assert flows.chart.title == ("Alleged transfers in the data run most often from North Korea to Russia (troops) "
                                 "and from Russia to North Korea (technology)")
    assert "message" not in [t.get_gid() for t in flows.canvas.ax.texts]


def test_flow_explorer_matches_a_fresh_diagram(flows):
    from lessonkit.charts import flow_diagram

    flows.confidence.value = "reported"
    fresh = flow_diagram(confidence="reported", frame=False, **flows.tables)
    assert same_picture(fresh.png(), flows.image.value)


def test_flow_explorer_bad_arguments():
    t = {n: data.load(n, FIXTURES)
         for n in ("sources", "countries", "transfers")}
    kw = dict(transfers=t["transfers"], countries=t["countries"], sources=t["sources"])
    with pytest.raises(ValueError, match="Unknown confidence 'maybe'"):
        flow_explorer(confidence="maybe", **kw)
    with pytest.raises(ValueError, match="No transfer in the data is in category 'other'"):
        flow_explorer(category="other", **kw)
    with pytest.raises(ValueError, match="Unknown country code 'QQQ'"):
        flow_explorer(["QQQ"], **kw)
    start = flow_explorer(["VNM"], confidence="confirmed", **kw)
    assert start.confidence.value == "confirmed" and set(start.chart.table()["to_iso3"]) == {"VNM"}


def test_redraw_shows_unknown_names_but_raises_bugs(explorer, monkeypatch):
    from lessonkit.model.codes import UnknownCode

    monkeypatch.setattr(explorer, "draw", lambda: (_ for _ in ()).throw(UnknownCode("Unknown country code 'QQQ'.")))
    explorer.redraw()
    assert "Unknown country code" in explorer.caption.value
    monkeypatch.setattr(explorer, "draw", lambda: (_ for _ in ()).throw(ValueError("a bug, not the student's input")))
    with pytest.raises(ValueError, match="a bug"):
        explorer.redraw()
