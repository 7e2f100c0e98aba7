"""The built tables are what their build scripts make from the stored raw material."""

from pathlib import Path

import pandas as pd
import pytest

from lessonkit import data

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # rebuilds tables from the raw material

import build_countries  # noqa: E402
import parse_un_votes  # noqa: E402


def test_un_votes_is_what_the_raw_un_lists_give():
    members = parse_un_votes.load_members()
    resolutions = parse_un_votes.load_resolutions()
    rows = []
    for path in sorted(parse_un_votes.RAW_DIR.glob("*.txt")):
        short_id, lists = parse_un_votes.parse_raw(path)
        votes = parse_un_votes.votes_for(short_id, lists, members)
        parse_un_votes.check_totals(short_id, votes, resolutions)
        rows += [(short_id, iso3, vote) for iso3, vote in votes.items()]
    rebuilt = pd.DataFrame(rows, columns=["resolution", "iso3", "vote"]).sort_values(["resolution", "iso3"])
    stored = data.load("un_votes").sort_values(["resolution", "iso3"])
    assert rebuilt.reset_index(drop=True).equals(stored.reset_index(drop=True))


def test_raw_lists_name_their_source():
    for path in sorted(parse_un_votes.RAW_DIR.glob("*.txt")):
        assert path.read_text(encoding="utf-8").startswith("# source: http"), path.name


def test_countries_is_what_the_build_script_makes():
    rows = build_countries.build()
    stored = data.read_rows("countries")[1]
    assert rows == stored
