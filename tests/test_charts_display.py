"""How a notebook shows a Chart (picture, then its text alternative), on a seat chart of the small
fixtures in tests/fixtures/charts (tests/chart_fixture.py)."""

import base64
import html

import pytest

from lessonkit import charts
from chart_fixture import votes_kw

pytestmark = pytest.mark.filterwarnings("error")


def test_chart_displays_picture_then_text_alternative(t):
    from unittest import mock

    chart = charts.seat_chart("FX-1", **votes_kw(t))
    shown = []
    with mock.patch("IPython.display.display", side_effect=lambda *a, **k: shown.append((a, k))):
        chart._ipython_display_()
    (bundle,), kwargs = shown[0]
    from lessonkit.png import smaller

    # The picture once, as a palette PNG inside the <img> that carries the alt text.
    assert set(bundle) == {"text/html", "text/plain"} and bundle["text/plain"] == chart.alt_text and kwargs["raw"]
    assert base64.b64encode(smaller(chart.png())).decode() in bundle["text/html"]
    assert f'alt="{html.escape(chart.alt_text, quote=True)}"' in bundle["text/html"]
    markdown = shown[1][0][0]
    assert markdown.data == f"*Text alternative:* {chart.alt_text}"
