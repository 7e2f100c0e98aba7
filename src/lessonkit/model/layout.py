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


ALIGNS = ("center", "right", "left")  # a label centred over its point, ending at it, starting at it


def lift_labels(xs: Sequence[float], ys: Sequence[float], widths: Sequence[float], height: float, step: float,
                base: float = 0.0, gap: float = 0.0, pad: float = 0.0,
                bounds: tuple[float, float] | None = None) -> tuple[list[int], list[str]]:
    """Slots (0, 1, ...) and alignments for labels above points (xs, ys) so that no two labels
    overlap, no label covers a point, and no label covers another's stem (the line from a
    point up to its label on slot 1 or higher; slot 0 sits just above its point, without one).
    On slot k label i runs from ys[i] + base + k * step up by height; 'center' spans
    xs[i] +- widths[i] / 2, 'right' ends pad right of its point, 'left' starts pad left of it.
    gap: the least room between two labels side by side; bounds: the x range labels keep to.
    One unit for all (e.g. inches, y up). Labels are placed left to right, centred on the lowest
    free slot; a label whose stem every slot would cross (an earlier label spans over its point)
    first moves that earlier label to end or start at its own point, then tries ending or
    starting at its own; failing that it takes the lowest slot clear of labels (its stem crosses
    one). Unlike pack_intervals it sees the points' heights."""
    n = len(xs)
    boxes: dict[int, tuple[float, float, float, float]] = {}  # x0, x1, y0, y1 of the labels placed
    slots, aligns = [0] * n, ["center"] * n

    def box(i: int, k: int, align: str) -> tuple[float, float, float, float]:
        y0 = ys[i] + base + k * step
        x0 = {"center": xs[i] - widths[i] / 2, "right": xs[i] + pad - widths[i], "left": xs[i] - pad}[align]
        return (x0, x0 + widths[i], y0, y0 + height)

    def clash(i: int, b: tuple[float, float, float, float], k: int, stems: bool = True) -> bool:
        x0, x1, y0, y1 = b
        if stems and bounds and (x0 < bounds[0] or x1 > bounds[1]):
            return True
        if any(j != i and x0 <= xs[j] <= x1 and y0 <= ys[j] <= y1 for j in range(n)):  # on a point
            return True
        for j, (a0, a1, b0, b1) in boxes.items():
            if j == i:
                continue
            if x0 < a1 + gap and a0 < x1 + gap and y0 < b1 and b0 < y1:
                return True
            if stems and slots[j] and x0 <= xs[j] <= x1 and ys[j] < y1 and y0 < b0:  # this label on j's stem
                return True
            if stems and k and a0 <= xs[i] <= a1 and ys[i] < b1 and b0 < y0:  # j's label on this stem
                return True
        return False

    def lowest(i: int, align: str) -> int | None:
        return next((k for k in range(2 * n + 2) if not clash(i, box(i, k, align), k)), None)

    for i in sorted(range(n), key=lambda i: (xs[i], i)):
        k = lowest(i, "center")
        if k is None:  # boxed in: move the labels over this point aside, if that frees it
            for j in [j for j, b in boxes.items() if b[0] <= xs[i] <= b[1]]:
                for align in ALIGNS[1:]:
                    kj = lowest(j, align)
                    moved = None if kj is None else box(j, kj, align)
                    if moved is not None and not moved[0] <= xs[i] <= moved[1]:
                        boxes[j], slots[j], aligns[j] = moved, kj, align
                        break
            k = lowest(i, "center")
        align = "center"
        for other in ALIGNS[1:] if k is None else ():
            k, align = lowest(i, other), other
            if k is not None:
                break
        if k is None:  # still boxed in: the lowest slot where the labels themselves are clear
            align = "center"
            k = next(k for k in range(10**6) if not clash(i, box(i, k, align), k, stems=False))
        boxes[i], slots[i], aligns[i] = box(i, k, align), k, align
    return slots, aligns


def labelled_points(xs: Sequence[float], values: Sequence[float], widths: Sequence[float], panel_h: float,
                    height: float, step: float, base: float = 0.0, gap: float = 0.0, pad: float = 0.0,
                    bounds: tuple[float, float] | None = None, headroom: tuple[float, float] = (1.3, 0.22)) -> tuple[list[int], list[str], float]:
    """lift_labels for points on a panel panel_h high whose y axis runs from 0 to a top that
    leaves room for the labels: top = max(values) * (headroom[0] + headroom[1] * k) for the least
    k at least the highest slot, with every label inside the panel. xs, widths, heights in
    inches. Returns (slots, alignments, top in the units of values)."""
    vmax = max((float(v) for v in values), default=0.0) or 1.0
    for k in range(len(xs) + 12):
        top = vmax * (headroom[0] + headroom[1] * k)
        ys = [float(v) / top * panel_h for v in values]
        slots, aligns = lift_labels(xs, ys, widths, height, step, base, gap, pad, bounds)
        if max(slots, default=0) <= k and all(y + base + s * step + height <= panel_h for y, s in zip(ys, slots)):
            break
    return slots, aligns, top


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

    stacks: dict[tuple, tuple[dict[int, int], int]] = {}

    def stack(members: tuple) -> tuple[dict[int, int], int]:
        """stack_levels for the labels on one side ((index, align) pairs): the levels on one
        side depend on that side's labels only, so each side's stack is computed once."""
        if members not in stacks:
            one_side, spans = [0] * n, [(0.0, 0.0)] * n
            for i, a in members:
                one_side[i], spans[i] = 1, span(i, a)
            levels, stuck = stack_levels(xs, spans, one_side, gap)
            stacks[members] = {i: levels[i] for i, _ in members}, stuck
        return stacks[members]

    def cost(sides, align):
        levels, stuck, tops = [0] * n, 0, 0
        for side in (1, -1):
            placed, side_stuck = stack(tuple((i, align[i]) for i in range(n) if sides[i] == side))
            for i, level in placed.items():
                levels[i] = level
            stuck, tops = stuck + side_stuck, tops + max(placed.values(), default=0)
        return (stuck, tops, sum(levels)), levels

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
