"""Label placement: moving points apart, stacking intervals and staggering timeline labels
so that none overlap. Pure geometry on numbers (any unit)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def spread_positions(values: Sequence[float], min_gap: float, low: float, high: float) -> list[float]:
    """Move points on a line apart so that neighbours are at least min_gap apart, inside
    [low, high], keeping their order and moving them as little as possible (least squares).
    If [low, high] is too short for the gap, the gap shrinks to fit."""
    n = len(values)
    if n == 0:
        return []
    order = sorted(range(n), key=lambda i: (values[i], i))
    gap = min_gap if n == 1 or (high - low) >= min_gap * (n - 1) else (high - low) / (n - 1)
    # with u_k = v_k - k * gap the gaps hold exactly when u is non-decreasing: pool adjacent
    # violators gives the closest non-decreasing sequence
    blocks: list[list[float]] = []  # [sum, count]
    for k, i in enumerate(order):
        blocks.append([float(values[i]) - k * gap, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    q: list[float] = []
    for total, count in blocks:
        q += [total / count] * int(count)
    top = high - gap * (n - 1)
    out = [0.0] * n
    for k, i in enumerate(order):
        out[i] = min(max(q[k], low), top) + k * gap
    return out


def pack_intervals(starts: Sequence[float], lengths: Sequence[float], gap: float = 0.0) -> list[int]:
    """Give each interval [start, start + length] the lowest slot (0, 1, ...) in which it
    overlaps no interval placed before it; intervals are placed in start order. Used to stack
    labels on a timeline so they do not overlap (stack_levels without stems)."""
    spans = [(float(s), float(s) + float(n)) for s, n in zip(starts, lengths)]
    levels, _ = stack_levels(starts, spans, [1] * len(spans), gap, stems=False)
    return [level - 1 for level in levels]


def _overlaps(a: tuple[float, float], b: tuple[float, float], gap: float) -> bool:
    return a[0] < b[1] + gap and b[0] < a[1] + gap


def stack_levels(xs: Sequence[float], spans: Sequence[tuple[float, float]], sides: Sequence[int],
                 gap: float, stems: bool = True) -> tuple[list[int], int]:
    """Levels (1, 2, ... from the axis) for labels whose sides and spans are given, and how
    many labels had to be placed with a crossing. With stems (a line from the axis to each
    label, at xs), a label that covers another's stem must stand higher (the stem ends below
    it), so labels are placed covered-first, each on the lowest level above the stems it
    covers where it overlaps no label already on that level. Two labels on one side that cover
    each other's stems can't both be placed so: the first of them in axis order is placed
    anyway, and counted. Without stems, labels are placed in axis order on the lowest free level."""
    levels = [0] * len(xs)
    stuck = 0
    for side in (1, -1):
        members = [i for i in range(len(xs)) if sides[i] == side]
        covers = {i: [j for j in members if stems and j != i and spans[i][0] < xs[j] < spans[i][1]]
                  for i in members}
        placed: list[int] = []
        todo = sorted(members, key=lambda i: (xs[i], i))
        while todo:
            i = next((i for i in todo if all(levels[j] for j in covers[i])), None)
            if i is None:
                i, stuck = todo[0], stuck + 1
            level = 1 + max((levels[j] for j in covers[i]), default=0)
            while any(levels[k] == level and _overlaps(spans[i], spans[k], gap) for k in placed):
                level += 1
            levels[i] = level
            placed.append(i)
            todo.remove(i)
    return levels, stuck


def stagger_labels(anchors: Sequence[float], widths: Sequence[float], right: float, pad: float = 0.08,
                   gap: float = 0.1, margin: float = 0.04, cluster_gap: float = 0.0) -> pd.DataFrame:
    """Where each label of a timeline goes: above (side +1) or below (side -1) the axis, on
    level 1, 2, ... counted from the axis, so that no two labels on one level overlap and no
    label's stem (a vertical line at its anchor, from the axis to its level) runs through
    another label.

    anchors: the x of each stem; widths: the width of each label (same unit, e.g. inches);
    right: the right end of the space for labels (the left end is 0). A label starts `pad`
    right of its stem (align 'left') or ends `pad` left of it (align 'right'), whichever keeps
    it inside. It starts from: sides alternating along the axis; stems closer than cluster_gap
    form a cluster whose left half opens to the left and right half to the right (so a
    cluster's labels spread out both ways), or, where that blocks, every label opening to the
    right where it fits. Then, one label at a time, it keeps any change of side or alignment
    that makes the stacks lower (fewest levels above plus below, then the lowest levels; so
    labels far apart may all end up on one side). Columns: anchor, start, end, align, side,
    level, crossing (True only if no layout without a stem crossing a label was found)."""
    n = len(anchors)
    xs = [float(x) for x in anchors]
    ws = [float(w) for w in widths]
    if n == 0:
        return pd.DataFrame(columns=["anchor", "start", "end", "align", "side", "level", "crossing"])

    def span(i: int, align: str) -> tuple[float, float]:
        if align == "left":
            return (xs[i] - margin, xs[i] + pad + ws[i])
        return (xs[i] - pad - ws[i], xs[i] + margin)

    def overflow(i: int, align: str) -> float:
        lo, hi = span(i, align)
        return max(0.0, -margin - lo) + max(0.0, hi - right)

    allowed = []
    for i in range(n):
        ok = [a for a in ("left", "right") if overflow(i, a) <= 1e-9]
        allowed.append(ok or [min(("left", "right"), key=lambda a: overflow(i, a))])
    by_x = sorted(range(n), key=lambda i: (xs[i], i))
    align = ["left"] * n
    run: list[int] = []
    for i in [*by_x, None]:
        if i is not None and (not run or xs[i] - xs[run[-1]] < cluster_gap):
            run.append(i)
            continue
        for j in run[: len(run) // 2]:
            align[j] = "right"
        run = [i] if i is not None else []
    align = [a if a in allowed[i] else allowed[i][0] for i, a in enumerate(align)]
    sides = [0] * n
    for k, i in enumerate(by_x):
        sides[i] = 1 if k % 2 == 0 else -1

    def cost(sides, align):
        levels, stuck = stack_levels(xs, [span(i, align[i]) for i in range(n)], sides, gap)
        tops = [max((lv for lv, s in zip(levels, sides) if s == side), default=0) for side in (1, -1)]
        return (stuck, sum(tops), sum(levels)), levels

    best, levels = cost(sides, align)
    if best[0]:  # the clusters' labels block each other: try every label opening to the right
        plain = ["left" if "left" in allowed[i] else allowed[i][0] for i in range(n)]
        c, lv = cost(sides, plain)
        if c < best:
            best, levels, align = c, lv, plain
    if best[0]:
        # Still a crossing (many labels on a short axis). Labels that open the same way cover
        # stems on one side of their own only, so they never block each other in a cycle: the
        # labels left of a split open right above the axis, the others open left below it.
        # That has no crossing; try a few splits and keep the lowest.
        for s in sorted({xs[i] for i in by_x[:: max(1, n // 12)]} | {xs[by_x[-1]] + 1}):
            a2 = ["left" if ("left" in allowed[i] and xs[i] < s) or "right" not in allowed[i] else "right"
                  for i in range(n)]
            s2 = [1 if a == "left" else -1 for a in a2]
            c, lv = cost(s2, a2)
            if c < best:
                best, levels, sides, align = c, lv, s2, a2
    for _ in range(8):
        improved = False
        for i in by_x:
            for side in (1, -1):
                for a in allowed[i]:
                    if (side, a) == (sides[i], align[i]):
                        continue
                    s2, a2 = list(sides), list(align)
                    s2[i], a2[i] = side, a
                    c, lv = cost(s2, a2)
                    if c < best:
                        best, levels, sides, align, improved = c, lv, s2, a2, True
        if not improved:
            break
    crossing = best[0] > 0
    rows = [{"anchor": xs[i], "start": span(i, align[i])[0], "end": span(i, align[i])[1], "align": align[i],
             "side": sides[i], "level": levels[i], "crossing": crossing} for i in range(n)]
    return pd.DataFrame(rows, columns=["anchor", "start", "end", "align", "side", "level", "crossing"])
