"""The exact extents of a glyph outline, vectorised.

`Path.get_extents` walks a glyph's quadratic curves one `BezierSegment` at a time in Python:
for the tile map's 193 labels that was ~0.3 s in every fresh kernel. `extents` finds the same
points (every on-curve vertex and each curve's interior extrema, with matplotlib's formulas)
in a few array operations; tests/test_outlines.py checks that the boxes are equal.
"""

from __future__ import annotations

import numpy as np
from matplotlib.bezier import _get_coeff_matrix
from matplotlib.path import Path
from matplotlib.transforms import Bbox

_LINES_AND_QUADS = (Path.MOVETO, Path.LINETO, Path.CURVE3, Path.CLOSEPOLY)
_QUAD_COEFFS = _get_coeff_matrix(2)  # control points -> polynomial coefficients (as BezierSegment)
_ORDERS = np.arange(3)
_BINOMIAL = np.array([1, 2, 1])[None, :, None]


def extents(path: Path) -> Bbox:
    """`path.get_extents()` for a path of lines and quadratic curves (TrueType glyphs);
    any other path is handed to `get_extents` itself."""
    codes, verts = path.codes, path.vertices
    if codes is None or codes[0] != Path.MOVETO or not np.isin(codes, _LINES_AND_QUADS).all():
        return path.get_extents()
    curve = np.flatnonzero(codes == Path.CURVE3)
    ctrl = curve[::2]  # a quadratic curve is two CURVE3 vertices: control point, end point
    if len(curve) % 2 or not (codes[ctrl + 1] == Path.CURVE3).all():
        return path.get_extents()
    on_curve = np.isin(codes, (Path.MOVETO, Path.LINETO))
    on_curve[ctrl + 1] = True
    points = [verts[on_curve]]
    if len(ctrl):
        cp = np.stack([verts[ctrl - 1], verts[ctrl], verts[ctrl + 1]], axis=1)  # (curves, 3, 2)
        coeffs = _QUAD_COEFFS @ cp
        slope, curvature = coeffs[:, 1], 2 * coeffs[:, 2]  # the derivative's coefficients
        with np.errstate(divide="ignore", invalid="ignore"):
            t = -slope / curvature
        seg, dim = np.nonzero((np.abs(curvature) >= 1e-12) & (t >= 0) & (t <= 1))
        if len(seg):
            tt = t[seg, dim]
            weights = np.power.outer(1 - tt, _ORDERS[::-1]) * np.power.outer(tt, _ORDERS)
            points.append((weights[:, None, :] @ (cp[seg] * _BINOMIAL))[:, 0, :])
    xys = np.concatenate(points)
    return Bbox([xys.min(axis=0), xys.max(axis=0)])
