"""The Agg canvas every chart is drawn on: matplotlib's, with text drawn at half the cost.

matplotlib 3.11's Agg renderer sets the font size again before every glyph it draws. For a
TrueType font with hinting (DejaVu Sans) that resets the font's size state, so the font's
size program runs again for each glyph: about 30 of the ~50 µs a glyph costs, and text is most
of a chart's drawing time. `TextCanvas` draws with the same code, setting the size once per run
of glyphs in one font and size (and computing the glyph transform once per text). Its fonts
are read from memory: matplotlib's FT2Font reads a font file through Python file calls, a seek
and a read for each glyph it loads, which is about half of text layout's time. The pixels are
the same (tests/test_canvas.py compares them with matplotlib's own renderer).

The override uses matplotlib's private glyph API (`FT2Font._set_transform`, `_render_glyph`),
as RendererAgg does. It is used only on the matplotlib versions it was checked on (3.11.x);
on any other, charts are drawn by matplotlib's own code.
"""

from __future__ import annotations

import io
import math
import os
import threading
from functools import lru_cache
from types import MethodType

import matplotlib
import numpy as np
from matplotlib.backends import backend_agg
from matplotlib import cbook, font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.ft2font import FT2Font, RenderMode
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


@lru_cache(64)
def _font_bytes(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


@lru_cache(16)
def _font_in_memory(paths: tuple, kerning_factor: int | None, enable_last_resort: bool, thread_id: int) -> FT2Font:
    """font_manager._get_font (matplotlib 3.11) for these (path, face index) pairs, with each
    font read from memory. Keyed on the thread, as matplotlib's is (FT2Font is not thread-safe)."""
    def font(path, index=0, **kwargs):
        if kerning_factor is not None:  # a deprecated rcParam; its default None passes nothing
            kwargs["_kerning_factor"] = kerning_factor
        return FT2Font(io.BytesIO(_font_bytes(path)), face_index=index, **kwargs)

    (first, first_index), *rest = paths
    fallback = [font(path, index) for path, index in rest]
    last_resort = os.path.realpath(cbook._get_data_path("fonts", "ttf", "LastResortHE-Regular.ttf"))
    last_resort_index = paths.index((last_resort, 0)) if (last_resort, 0) in paths else -1
    if last_resort_index == -1 and enable_last_resort:
        fallback.append(font(last_resort, _warn_if_used=True))
        last_resort_index = len(fallback)
    main = font(first, first_index, _fallback_list=fallback)
    if last_resort_index == 0:  # the Last Resort font's Unicode charmap is empty (as matplotlib)
        main.set_charmap(0)
    elif last_resort_index > 0:
        fallback[last_resort_index - 1].set_charmap(0)
    return main


if hasattr(os, "register_at_fork"):  # FT2Font objects can't be used across a fork
    os.register_at_fork(after_in_child=_font_in_memory.cache_clear)


@lru_cache(64)
def _real_paths(found: tuple) -> tuple:
    """(real path, face index) of each font found (resolved once: realpath is slow)."""
    return tuple((os.path.realpath(p.path), p.face_index) if isinstance(p, font_manager.FontPath)
                 else (os.path.realpath(p), 0) for p in found)


def _prepare_font(self: RendererAgg, font_prop):
    """RendererAgg._prepare_font (matplotlib 3.11), with the font from _font_in_memory."""
    paths = _real_paths(tuple(font_manager.fontManager._find_fonts_by_props(font_prop)))
    rc = matplotlib.rcParams
    font = _font_in_memory(paths, rc["text.kerning_factor"], bool(rc["font.enable_last_resort"]), threading.get_ident())
    font._set_transform([[0x10000, 0], [0, 0x10000]], [0, 0])
    font.clear()
    font.set_size(font_prop.get_size_in_points(), self.dpi)
    return font


class TextCanvas(FigureCanvasAgg):
    """FigureCanvasAgg whose renderer draws text with `_draw_text_glyphs_and_boxes` above
    (where the matplotlib version is one it was checked on)."""

    def get_renderer(self):
        renderer = super().get_renderer()
        if fast_text_applies() and "_draw_text_glyphs_and_boxes" not in vars(renderer):
            renderer._draw_text_glyphs_and_boxes = MethodType(_draw_text_glyphs_and_boxes, renderer)
            renderer._prepare_font = MethodType(_prepare_font, renderer)
        return renderer
