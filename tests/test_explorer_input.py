"""The vote explorer's box for adding states: Enter adds, aliases and any case work, unknown
names get a message and are cleared; many highlights do not overlap their labels."""

from __future__ import annotations

import pytest

from lessonkit import data
from lessonkit.charts import vote_explorer
from lessonkit.charts.votes import MAX_LABELS


@pytest.fixture(scope="module")
def explorer():
    return vote_explorer("ES-11/3", ["RUS"])


@pytest.mark.parametrize("typed,code", [
    ("United States", "USA"), ("usa", "USA"), ("UK", "GBR"), ("United Kingdom", "GBR"),
    ("Turkey", "TUR"), ("Türkiye", "TUR"), ("germany", "DEU"), ("VNM", "VNM"),
])
def test_enter_adds_a_state_by_name_code_or_alias(explorer, typed, code):
    explorer.add_state.value = typed  # what Enter sends (continuous_update=False)
    assert code in explorer.highlight and explorer.highlight.count(code) == 1
    assert explorer.add_state.value == "" and explorer.add_message.value == ""
    assert explorer.highlight[0] == "RUS"


def test_an_unknown_name_gets_a_message_and_is_cleared(explorer):
    before = list(explorer.countries.value)
    explorer.add_state.value = "Narnia"
    assert "Narnia" in explorer.add_message.value and explorer.add_state.value == ""
    assert explorer.countries.value == before
    explorer.add_state.value = "Chile"
    assert explorer.add_message.value == ""


def test_the_box_suggests_names_and_aliases(explorer):
    options = explorer.add_state.options
    assert "United States" in options and "USA" not in options[:193] and "Turkey" in options


def test_the_full_resolution_name_is_in_the_tooltip(explorer):
    assert explorer.resolution.tooltip == explorer.resolution.label and "Human Rights" in explorer.resolution.label


def test_controls_wrap_instead_of_being_cut(explorer):
    rows = [c for c in explorer.widget.children if hasattr(c, "layout") and c.layout.flex_flow]
    assert len(rows) >= 3 and all(r.layout.flex_flow == "row wrap" for r in rows)


def test_many_highlights_label_some_and_say_how_many_more():
    codes = list(data.load("countries")["iso3"][:20])
    ex = vote_explorer("ES-11/3", codes)
    canvas = ex.canvases["seats"]
    labels = [a for a in canvas.labels if getattr(a, "get_text", None)]
    assert 6 <= len(labels) <= MAX_LABELS
    assert canvas.more.get_text().startswith(f"+{20 - len(labels)} more")
    boxes = [t.get_window_extent(renderer=canvas.fig.canvas.get_renderer()) for t in labels]
    overlaps = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert overlaps == 0
