"""The lessons' charts, all drawn from the tables in data/ in one house style.

Every chart function returns a `Chart`: `.fig` (a matplotlib Figure), `.alt_text` (a
one-sentence text alternative), `.table()` (the data shown), `.sources` (the sources cited)
and `.source_line`. In a notebook a Chart shows as the picture with "Text alternative: …"
under it. Tables default to `lessonkit.data.load(...)`; pass DataFrames to use others.

    from lessonkit import charts
    charts.seat_chart("ES-11/1", ["RUS", "PRK", "VNM", "CHN"])
    charts.tile_map("ES-11/1")
    charts.vote_grid("asean")
    charts.flow_diagram()
    charts.flow_diagram(confidence="confirmed", category="goods")
    charts.seoul_estimates()
    charts.vietnam_arms_imports()       # SIPRI five-year periods; periods="all" adds 2000-2023
    charts.partnership_timeline()
    charts.partnership_timeline(as_of="2024-06-18")
    charts.trade_by_partner(2023)
    charts.event_timeline(start="2024-06-18", end="2024-06-20", reader="Europe/Vienna")  # local dates
    charts.vote_explorer()             # interactive (ipywidgets)
    charts.flow_explorer()             # interactive: "How sure" and "What flows" dropdowns

Modules: style (palette, vote colours, `finish`), captions (titles, alt text, source lines),
shaping (pure data shaping), votes / tilemap / flows / arms / vietnam / timeline (the charts),
interactive (widgets), result (the Chart object). Source lines are formatted by
lessonkit.data.format_source_line, the same formatter as lessonkit.data.source_line.
"""

from lessonkit.charts.arms import seoul_estimates, vietnam_arms_imports
from lessonkit.charts.flows import NoFlows, flow_diagram
from lessonkit.charts.result import Chart
from lessonkit.charts.style import (CONFIDENCE_STYLES, ITEM_COLORS, OKABE_ITO, SUPPLIER_COLORS, VOTE_COLORS,
                                    VOTE_LABELS)
from lessonkit.charts.tilemap import tile_map
from lessonkit.charts.timeline import event_timeline
from lessonkit.charts.vietnam import partnership_timeline, trade_by_partner
from lessonkit.charts.votes import seat_chart, vote_grid


def vote_explorer(*args, **kwargs):
    """The interactive seat chart / tile map (imports ipywidgets only when called).
    vote_explorer("ES-11/1", ["RUS", "PRK", "VNM"], view="map")"""
    from lessonkit.charts.interactive import vote_explorer as _explorer

    return _explorer(*args, **kwargs)


def flow_explorer(*args, **kwargs):
    """The interactive arms-flow diagram (imports ipywidgets only when called).
    flow_explorer(); flow_explorer(confidence="confirmed", category="goods")"""
    from lessonkit.charts.interactive import flow_explorer as _explorer

    return _explorer(*args, **kwargs)


__all__ = [
    "Chart",
    "CONFIDENCE_STYLES",
    "ITEM_COLORS",
    "NoFlows",
    "OKABE_ITO",
    "SUPPLIER_COLORS",
    "VOTE_COLORS",
    "VOTE_LABELS",
    "event_timeline",
    "flow_diagram",
    "flow_explorer",
    "partnership_timeline",
    "seat_chart",
    "seoul_estimates",
    "tile_map",
    "trade_by_partner",
    "vietnam_arms_imports",
    "vote_explorer",
    "vote_grid",
]
