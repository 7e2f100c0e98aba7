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

Drawing only: style (palette, vote colours, `finish`), votes / tilemap / flows / sk_estimates /
arms_imports / vietnam / timeline (the charts and their canvases), interactive (widgets), result (the Chart
object), inputs (tables passed in or loaded). The logic and the words behind them are pure
modules in lessonkit.model (codes, votes, flows, arms, vietnam, events, layout, captions);
text sizes, dates and joins are lessonkit.text.
"""

import importlib

# Public name -> the module that defines it. Modules are imported when a name is first used
# (PEP 562): `import lessonkit.charts` itself loads neither matplotlib nor ipywidgets.
_HOMES = {
    "vietnam_arms_imports": "arms_imports",
    "NoFlows": "flows", "flow_diagram": "flows",
    "Chart": "result",
    "CONFIDENCE_STYLES": "style", "ITEM_COLORS": "style", "OKABE_ITO": "style", "SUPPLIER_COLORS": "style",
    "VOTE_COLORS": "style", "VOTE_LABELS": "style",
    "tile_map": "tilemap",
    "event_timeline": "timeline",
    "partnership_timeline": "vietnam", "trade_by_partner": "vietnam",
    "seoul_estimates": "sk_estimates",
    "seat_chart": "votes", "vote_grid": "votes",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # next time without __getattr__
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


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
