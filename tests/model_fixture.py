"""The fixture data package (tests/fixtures/charts) for the tests of lessonkit.model, shared by
tests/test_model_*.py."""

from pathlib import Path

import pandas as pd

from lessonkit import data

FIXTURES = Path(__file__).parent / "fixtures" / "charts"


def fx(name: str) -> pd.DataFrame:
    """A fixture table, loaded and typed like data/ (tests/fixtures/charts is a data package)."""
    return data.load(name, FIXTURES)


data_load = data.load
