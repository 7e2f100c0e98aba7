"""lessonkit.png: the stored charts are smaller PNGs that look the same, and stay byte-stable."""

from __future__ import annotations

import io

import pytest

from PIL import Image, ImageChops

from lessonkit import charts
from lessonkit.png import smaller


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
def test_charts_get_much_smaller_without_visible_change():
    chart = charts.seat_chart("ES-11/1", ["RUS", "PRK", "VNM", "CHN"])
    original = chart.png()
    small = smaller(original)
    assert len(small) < 0.6 * len(original)
    a = Image.open(io.BytesIO(original)).convert("RGB")
    b = Image.open(io.BytesIO(small)).convert("RGB")
    assert a.size == b.size
    diff = ImageChops.difference(a, b).convert("L")
    histogram = diff.histogram()
    mean = sum(level * n for level, n in enumerate(histogram)) / (a.width * a.height)
    assert mean < 2  # out of 255: no visible change on average
    changed_a_lot = sum(histogram[32:]) / (a.width * a.height)
    assert changed_a_lot < 0.0005  # a few anti-aliased edge pixels at most
    assert smaller(original) == small  # the same bytes every run


def test_a_png_that_cannot_get_smaller_is_kept():
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, format="PNG")
    assert len(smaller(buf.getvalue())) <= len(buf.getvalue())
