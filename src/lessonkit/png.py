"""Smaller PNGs for what a notebook stores.

The charts are flat colours, text and anti-aliased edges. Pillow's fast-octree quantiser (256
colours, no dithering), saved at zlib level 6, keeps them visibly the same at about 30 % of
matplotlib's bytes: on the lessons' charts the mean change is about 1 of 255 levels, under 2 %
of the pixels change by 8 levels or more and none by 32 (tests/test_png.py checks a chart). It
takes well under 0.1 s per chart and gives the same bytes for the same input (re-running a
notebook changes nothing). Median cut and max coverage changed fewer pixels but took ten
times as long and kept files 30 % bigger; zlib level 9 or `optimize=True` saved ~5 % for 4x
the time.
"""

from __future__ import annotations

import io

from PIL import Image

COLOURS = 256


def smaller(png: bytes) -> bytes:
    """The same picture as a palette PNG (or the input, if that is not smaller)."""
    with Image.open(io.BytesIO(png)) as im:
        out = palette_png(im.convert("RGB"))
    return out if len(out) < len(png) else png


def palette_png(rgb: Image.Image) -> bytes:
    """An RGB picture as the palette PNG that smaller() makes."""
    quantised = rgb.quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    quantised.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()
