"""Nothing a chart draws is cut off: the flow diagram's texts and legends lie within the figure
(measured with the renderer's get_window_extent), its edge labels within the diagram, so they
stay below the title framed around it and on the explorer's picture (issue 20)."""

import pytest

from lessonkit import charts, i18n
from lessonkit.charts import interactive

pytestmark = pytest.mark.slow  # draws whole charts from the real tables (make test runs it, make unit skips it)


def _outside(fig) -> list[str]:
    """Every text or legend drawn on the figure whose extent is not within the figure."""
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    artists = list(fig.texts) + list(fig.legends) + [t for ax in fig.axes for t in ax.texts]
    out = []
    for artist in artists:
        if not artist.get_visible():
            continue
        ext = artist.get_window_extent(renderer)
        if ext.x0 < box.x0 - 0.5 or ext.y0 < box.y0 - 0.5 or ext.x1 > box.x1 + 0.5 or ext.y1 > box.y1 + 0.5:
            out.append(f"{artist.get_gid() or type(artist).__name__}: {ext.bounds} beyond {box.bounds}")
    return out


def _labels_beyond_axes(fig) -> list[str]:
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    top = ax.get_window_extent(renderer).y1
    return [f"{t.get_gid()}: top {t.get_window_extent(renderer).y1:.1f} > {top:.1f}" for t in ax.texts
            if str(t.get_gid()).startswith("flow-label") and t.get_window_extent(renderer).y1 > top + 0.5]


@pytest.fixture(params=["en", "de"])
def lang(request, monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", request.param)
    return request.param


def test_the_framed_flow_diagram_cuts_nothing_off(lang):
    fig = charts.flow_diagram().fig
    fig.canvas.draw()
    assert _outside(fig) == []
    assert _labels_beyond_axes(fig) == []  # so no edge label runs into the title and subtitle
    renderer = fig.canvas.get_renderer()
    title = next(t for t in fig.texts if t.get_gid() == "subtitle").get_window_extent(renderer)
    for t in fig.axes[0].texts:
        assert t.get_window_extent(renderer).y1 <= title.y0, t.get_gid()


@pytest.mark.parametrize("confidence", [None, "confirmed", "reported"])
def test_the_flow_explorers_picture_cuts_nothing_off(lang, confidence):
    explorer = interactive.flow_explorer(confidence=confidence)
    fig = explorer.canvas.fig
    fig.canvas.draw()
    assert _outside(fig) == []
    assert _labels_beyond_axes(fig) == []
