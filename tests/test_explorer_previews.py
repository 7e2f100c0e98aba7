"""Explorers: displayed with a static preview (first chart, alt text, how to change it), and a
re-run closes the explorer it replaces."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from lessonkit import live, plaintext
from lessonkit.charts import vote_explorer
from lessonkit.charts.interactive import RUN_TO_CHANGE

pytestmark = pytest.mark.slow  # draws charts: make test

FIXTURES = Path(__file__).parent / "fixtures" / "charts"


def make():
    t = {n: pd.read_csv(FIXTURES / f"{n}.csv", dtype=str, keep_default_na=False).replace("", None)
         for n in ("sources", "countries", "un_resolutions", "un_votes")}
    return vote_explorer("FX-1", ["RUS", "VNM"], resolutions=t["un_resolutions"], votes=t["un_votes"],
                         countries=t["countries"], sources=t["sources"])


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    live.forget_all()
    yield shown
    live.forget_all()


def test_explorer_bundle_has_its_first_chart_as_a_static_preview(fresh):
    ex = make()
    ex._ipython_display_()
    (widget,) = fresh
    data = widget._repr_mimebundle_()
    assert set(data) == {plaintext.WIDGET_VIEW, "text/html", "text/plain"}
    page = data["text/html"]
    assert f'alt="{html.escape(ex.chart.alt_text, quote=True)}"' in page
    assert f"{RUN_TO_CHANGE}." in page and html.escape(ex.chart.title) in page
    for tag in ("<select", "<input", "<button"):
        assert tag not in page
    png = base64.b64decode(page.split("data:image/png;base64,", 1)[1].split('"', 1)[0])
    assert Image.open(io.BytesIO(png)).size == Image.open(io.BytesIO(ex.image.value)).size
    assert data["text/plain"].startswith("[Interactive chart")


def test_rerunning_an_explorer_cell_closes_the_one_it_replaces(fresh, monkeypatch):
    monkeypatch.setattr(live, "cell_id", lambda: "cell-7")
    first, second = make(), make()
    first._ipython_display_()
    second._ipython_display_()
    assert first.widget.comm is None and first.image.comm is None and first.resolution.layout.comm is None
    assert second.widget.comm is not None
    other = make()
    monkeypatch.setattr(live, "cell_id", lambda: "cell-8")  # another cell keeps its own
    other._ipython_display_()
    assert second.widget.comm is not None and other.widget.comm is not None
