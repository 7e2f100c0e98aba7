"""lessonkit.charts.outlines.extents gives the same box as Path.get_extents (it replaces it
for the tile map's labels)."""

import numpy as np
import pytest
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path
from matplotlib.textpath import text_to_path

from lessonkit.charts import outlines

TEXTS = ["RUS", "PRK", "VNM", "CHN", "USA", "WWW", "Qgjy", "Äöü ß", "Hello, world: 1,234 (5%)", "o", "."]


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_glyph_outlines_have_the_box_get_extents_gives(weight):
    font = FontProperties(family="DejaVu Sans", weight=weight)
    paths = {text: Path(*text_to_path.get_text_path(font, text)) for text in TEXTS}
    assert sum((p.codes == Path.CURVE3).any() for p in paths.values()) >= 8  # real curves, not only lines
    for text, path in paths.items():
        assert np.array_equal(outlines.extents(path).get_points(), path.get_extents().get_points()), text


def test_a_curve_bulging_past_its_end_points():
    # a quadratic from (0, 0) to (2, 0) with its control point at (1, 2): the top is y = 1
    path = Path([(0, 0), (1, 2), (2, 0), (0, 0)], [Path.MOVETO, Path.CURVE3, Path.CURVE3, Path.CLOSEPOLY])
    assert outlines.extents(path).bounds == pytest.approx((0, 0, 2, 1))
    assert np.array_equal(outlines.extents(path).get_points(), path.get_extents().get_points())


def test_other_paths_go_to_get_extents():
    cubic = Path([(0, 0), (1, 3), (2, -3), (3, 0)], [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])
    lines = Path([(0, 0), (1, 5), (-2, 1)])
    for path in (cubic, lines):
        assert np.array_equal(outlines.extents(path).get_points(), path.get_extents().get_points())
