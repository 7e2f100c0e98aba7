"""Labels above points at different heights (model.layout.lift_labels, labelled_points) and the
Seoul estimates chart that uses them: no two labels overlap, in either language."""

import random

import pytest

from lessonkit import i18n
from lessonkit.model import layout


def _boxes(xs, ys, widths, height, step, base, slots, aligns, pad=0.0):
    out = []
    for x, y, w, k, a in zip(xs, ys, widths, slots, aligns):
        x0 = {"center": x - w / 2, "right": x + pad - w, "left": x - pad}[a]
        y0 = y + base + k * step
        out.append((x0, x0 + w, y0, y0 + height))
    return out


def _overlap(a, b):
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def test_a_lifted_label_meets_no_label_of_a_higher_point():
    # as on the Seoul chart before: the middle label was lifted over its left neighbour's (slot 1),
    # the right one stayed on slot 0 as if all points sat at one height; its point is higher, so
    # the two labels met ("über 3 Millionen" / "bis zu 4,8 Millionen")
    xs, ys, widths = [0.0, 1.0, 2.0], [0.0, 0.05, 0.2], [1.2, 1.2, 1.2]
    old = layout.pack_intervals([x - w / 2 for x, w in zip(xs, widths)], widths)
    assert old == [0, 1, 0]
    assert _overlap(*_boxes(xs, ys, widths, 0.15, 0.17, 0.1, old, ["center"] * 3)[1:])
    slots, aligns = layout.lift_labels(xs, ys, widths, height=0.15, step=0.17, base=0.1)
    boxes = _boxes(xs, ys, widths, 0.15, 0.17, 0.1, slots, aligns)
    assert not any(_overlap(boxes[i], boxes[j]) for i in range(3) for j in range(i + 1, 3)), (slots, aligns)


def test_a_label_spanning_a_later_points_stem_moves_to_end_at_its_own_point():
    # a wide label (left) whose centred box would stand over the right point's stem at every height
    xs, ys, widths = [5.0, 5.4], [0.6, 0.8], [2.0, 0.9]
    slots, aligns = layout.lift_labels(xs, ys, widths, height=0.15, step=0.17, base=0.1, bounds=(0, 6.4))
    boxes = _boxes(xs, ys, widths, 0.15, 0.17, 0.1, slots, aligns)
    assert aligns[0] == "right" and not boxes[0][0] <= xs[1] <= boxes[0][1]
    assert not _overlap(*boxes)
    assert all(0 <= b[0] and b[1] <= 6.4 for b in boxes)


def test_no_labels_overlap_nor_cover_a_point_in_random_layouts():
    rng = random.Random(20)
    for _ in range(200):
        n = rng.randint(2, 9)
        xs = [rng.uniform(0, 6) for _ in range(n)]
        ys = [rng.uniform(0, 1.2) for _ in range(n)]
        widths = [rng.uniform(0.4, 2.0) for _ in range(n)]
        slots, aligns = layout.lift_labels(xs, ys, widths, height=0.15, step=0.17, base=0.1, gap=0.05)
        boxes = _boxes(xs, ys, widths, 0.15, 0.17, 0.1, slots, aligns)
        for i in range(n):
            for j in range(i + 1, n):
                assert not _overlap(boxes[i], boxes[j]), (xs, ys, widths, slots, aligns)
            for j in range(n):
                b = boxes[i]
                assert j == i or not (b[0] <= xs[j] <= b[1] and b[2] <= ys[j] <= b[3]), "a label on a point"


def test_the_panel_top_leaves_room_for_every_label():
    xs, values, widths = [0.5, 1.0, 1.5, 2.0], [1, 3, 4.8, 5.2], [0.9, 1.0, 1.2, 1.1]
    slots, aligns, top = layout.labelled_points(xs, values, widths, panel_h=1.6, height=0.15, step=12 / 72,
                                                base=7 / 72, gap=0.1)
    assert top >= 5.2 * 1.3
    assert all(v / top * 1.6 + 7 / 72 + k * 12 / 72 + 0.15 <= 1.6 for v, k in zip(values, slots))


# --- the chart, drawn: the labels' real extents ------------------------------------------------


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_seoul_estimates_labels_never_overlap(lang, monkeypatch):
    from matplotlib.text import Text

    from lessonkit import charts

    monkeypatch.setattr(i18n, "_chosen", lang)
    chart = charts.seoul_estimates()
    chart.fig.canvas.draw()
    renderer = chart.fig.canvas.get_renderer()
    axes = [ax for ax in chart.fig.axes if ax.texts]
    assert len(axes) == 2
    for ax in axes:
        boxes = [(Text.get_window_extent(a, renderer), a.get_text()) for a in ax.texts]  # the text, not its stem
        frame = ax.get_window_extent(renderer)
        for i, (a, ta) in enumerate(boxes):
            assert frame.x0 <= a.x0 and a.x1 <= frame.x1 and a.y1 <= frame.y1, f"{ta!r} leaves the panel"
            for b, tb in boxes[i + 1:]:
                assert not a.overlaps(b), f"{ta!r} overlaps {tb!r}"
