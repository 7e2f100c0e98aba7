"""Where the charts get their tables: the DataFrame passed in, else lessonkit.data.load."""

from __future__ import annotations

import pandas as pd


def table(name: str, given: pd.DataFrame | None = None) -> pd.DataFrame:
    """`given` if a DataFrame was passed (tests pass fixtures), else the validated table."""
    if given is not None:
        if not isinstance(given, pd.DataFrame):
            raise TypeError(f"{name} must be a pandas DataFrame, not {type(given).__name__}")
        return given
    from lessonkit import data

    return data.load(name)
