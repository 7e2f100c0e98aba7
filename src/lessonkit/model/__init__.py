"""The pure logic behind the charts, by topic: no matplotlib, no widgets, no files (except the
tile layout). Each function takes the validated, typed tables of lessonkit.data.load.

    codes    -- votes, resolutions and country codes, checked with helpful errors
    votes    -- one resolution's votes, hemicycle seats, tiles, groups, the vote grid
    flows    -- arms transfers as diagram edges; filters; node positions
    arms     -- South Korean estimates; Vietnam's arms imports by supplier
    vietnam  -- partnerships (levels, order) and trade by partner
    events   -- choosing and ordering events for a timeline; date bands
    layout   -- moving labels apart, stacking intervals, staggering timeline labels
    captions -- titles, text alternatives and source lines

Submodules are imported when first used (PEP 562), so `import lessonkit.model.votes` loads
only pandas and numpy.
"""

import importlib

_SUBMODULES = ("arms", "captions", "codes", "events", "flows", "layout", "vietnam", "votes")


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_SUBMODULES])
