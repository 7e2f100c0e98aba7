"""The Agg canvas every chart is drawn on: matplotlib's, with text drawn at half the cost.

matplotlib 3.11's Agg renderer sets the font size again before every glyph it draws. For a
TrueType font with hinting (DejaVu Sans) that resets the font's size state, so the font's
size program runs again for each glyph: about 30 of the ~50 µs a glyph costs, and text is most
of a chart's drawing time. `TextCanvas` draws with the same code, setting the size once per run
of glyphs in one font and size (and computing the glyph transform once per text). The pixels
are the same (tests/test_canvas.py compares them with matplotlib's own renderer).

The override uses matplotlib's private glyph API (`FT2Font._set_transform`, `_render_glyph`),
as RendererAgg does. It is used only on the matplotlib versions it was checked on (3.11.x);
on any other, charts are drawn by matplotlib's own code.
"""

from __future__ import annotations

import math
from types import MethodType

import matplotlib
import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.ft2font import RenderMode
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

CHECKED_ON = ("3.11.",)  # matplotlib versions whose RendererAgg text code this one mirrors


def fast_text_applies(version: str = matplotlib.__version__) -> bool:
    return version.startswith(CHECKED_ON) and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")


def _draw_text_glyphs_and_boxes(self: RendererAgg, gc, x, y, angle, glyphs, boxes):
    """RendererAgg._draw_text_glyphs_and_boxes (matplotlib 3.11), setting each font's size only
    when the font or the size changes from the previous glyph."""
    # y is downwards.
    cos = math.cos(math.radians(angle))
    sin = math.sin(math.radians(angle))
    load_flags = backend_agg.get_hinting_flag()
    mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
    matrices: dict[tuple, np.ndarray] = {}
    sized = None  # (font, size) set last
    for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards.
        if sized is None or sized[0] is not font or sized[1] != size:
            font.set_size(size, self.dpi)
            sized = (font, size)
        matrix = matrices.get((slant, extend))
        if matrix is None:
            matrix = matrices[(slant, extend)] = (
                0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]]
            ).round().astype(int)
        font._set_transform(matrix, [round(0x40 * (x + dx * cos - dy * sin)),
                                     # FreeType's y is upwards.
                                     round(0x40 * (self.height - y + dx * sin + dy * cos))])
        bitmap = font._render_glyph(glyph_index, load_flags, mode)
        buffer = bitmap.buffer
        if not gc.get_antialiased():
            buffer *= 0xff
        # draw_text_image's y is downwards & the bitmap bottom side.
        self._renderer.draw_text_image(buffer, bitmap.left, int(self.height) - bitmap.top + buffer.shape[0], 0, gc)

    rgba = gc.get_rgb()
    if len(rgba) == 3 or gc.get_forced_alpha():
        rgba = rgba[:3] + (gc.get_alpha(),)
    gc1 = self.new_gc()
    gc1.set_linewidth(0)
    gc1.set_snap(gc.get_snap())
    for dx, dy, w, h in boxes:  # dy is upwards.
        if gc1.get_snap() in [None, True]:
            # Prevent thin bars from disappearing by growing symmetrically.
            if w < 1:
                dx -= (1 - w) / 2
                w = 1
            if h < 1:
                dy -= (1 - h) / 2
                h = 1
        path = Path._create_closed([(dx, dy), (dx + w, dy), (dx + w, dy + h), (dx, dy + h)])
        self._renderer.draw_path(gc1, path, Affine2D().rotate_deg(angle).translate(x, self.height - y), rgba)
    gc1.restore()


class TextCanvas(FigureCanvasAgg):
    """FigureCanvasAgg whose renderer draws text with `_draw_text_glyphs_and_boxes` above
    (where the matplotlib version is one it was checked on)."""

    def get_renderer(self):
        renderer = super().get_renderer()
        if fast_text_applies() and "_draw_text_glyphs_and_boxes" not in vars(renderer):
            renderer._draw_text_glyphs_and_boxes = MethodType(_draw_text_glyphs_and_boxes, renderer)
        return renderer
