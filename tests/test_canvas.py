"""lessonkit.charts.canvas.TextCanvas draws the same pixels as matplotlib's own Agg canvas."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lessonkit.charts import canvas, style

TEXTS = [
    dict(s="Putin arrives in Pyongyang, 18 June 2024", size=9),
    dict(s="ES-11/3: 93 in favour, 24 against", size=13, weight="bold"),
    dict(s="Sources: Yonhap; KCNA (2 Mar 2022)\nsecond line, ÄÖÜ äöü ß – “quotes”", size=7.5, color="#555555"),
    dict(s="rotated 90°", size=8, rotation=90),
    dict(s="rotated 33°, italic", size=10, rotation=33, style="italic"),
    dict(s="serif and mono", size=11, family="DejaVu Serif"),
    dict(s="0123456789 mono", size=6.5, family="DejaVu Sans Mono"),
    dict(s="not anti-aliased", size=9, antialiased=False),
    dict(s=r"$\frac{a}{b} + \sqrt{x^2}$ mathtext", size=12),  # glyphs and boxes (fraction bar)
    dict(s="tiny, white on dark", size=5.6, color="white", backgroundcolor="#0072B2"),
]


def _pixels(canvas_class) -> np.ndarray:
    fig = Figure(figsize=(6, 4), dpi=style.DPI, facecolor="white")
    canvas_class(fig)
    for i, kw in enumerate(TEXTS):
        kw = dict(kw)
        fig.text(0.03 + 0.011 * i, 0.95 - i * 0.095, kw.pop("s"), va="top", **kw)
    ax = fig.add_axes((0.55, 0.15, 0.4, 0.3))
    ax.plot([2001, 2024], [0, 1.5])
    ax.set_xlabel("year")
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_the_fast_text_is_in_use_on_this_matplotlib():
    assert canvas.fast_text_applies()
    fig = style.new_figure(2)
    assert isinstance(fig.canvas, canvas.TextCanvas)
    assert "_draw_text_glyphs_and_boxes" in vars(fig.canvas.get_renderer())


def test_text_pixels_are_matplotlibs():
    ours, theirs = _pixels(canvas.TextCanvas), _pixels(FigureCanvasAgg)
    assert (theirs[..., :3] < 128).sum() > 5000  # a lot of text was drawn
    assert np.array_equal(ours, theirs)


@pytest.mark.parametrize("version", ["3.10.8", "3.12.0", "4.0.0"])
def test_other_matplotlib_versions_keep_matplotlibs_own_code(version):
    assert not canvas.fast_text_applies(version)


def test_text_is_measured_with_fonts_read_from_memory_to_the_same_sizes():
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties, findfont, get_font

    fig = style.new_figure(2)
    renderer = fig.canvas.get_renderer()
    prop = FontProperties(family="DejaVu Sans", size=9)
    font = renderer._prepare_font(prop)
    assert font is not get_font(findfont(prop)) and font is canvas._prepare_font(renderer, prop)  # ours, made once
    theirs = RendererAgg(200, 100, style.DPI)
    text = "Putin arrives in Pyongyang, 18 June 2024"
    assert renderer.get_text_width_height_descent(text, prop, False) == theirs.get_text_width_height_descent(text, prop, False)
