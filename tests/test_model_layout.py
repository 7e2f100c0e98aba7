"""Moving labels apart and stacking intervals (lessonkit.model.layout), without a display."""

import math

import pytest

from lessonkit.model import layout as label_layout

pytestmark = pytest.mark.filterwarnings("error")


def test_spread_positions_for_seat_labels_keeps_order_and_gap():
    out = label_layout.spread_positions([0.5, 0.5, 0.52, 2.0], min_gap=0.2, low=0.3, high=math.pi - 0.3)
    assert all(b - a >= 0.2 - 1e-9 for a, b in zip(sorted(out), sorted(out)[1:]))
    assert out[3] == pytest.approx(2.0) and min(out) >= 0.3 - 1e-9



def test_pack_intervals_is_stack_levels_without_stems():
    starts, lengths = [0, 1, 5, 1.5, 0.5], [2, 2, 1, 0.2, 3]
    spans = [(s, s + n) for s, n in zip(starts, lengths)]
    levels, stuck = label_layout.stack_levels(starts, spans, [1] * 5, 0.0, stems=False)
    assert label_layout.pack_intervals(starts, lengths) == [lv - 1 for lv in levels] and stuck == 0



def test_pack_intervals():
    assert label_layout.pack_intervals([0, 1, 5, 1.5], [2, 2, 1, 0.2]) == [0, 1, 0, 2]
