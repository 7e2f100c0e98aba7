"""The hand-written equal-tile layout (src/lessonkit/tiles.csv) and the tile map drawn from it."""

from pathlib import Path

import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from lessonkit import data
from lessonkit.charts import style, tile_map
from lessonkit.model import votes as vote_model
from lessonkit.paths import data_dir

pytestmark = pytest.mark.filterwarnings("error")

FIXTURES = Path(__file__).parent / "fixtures" / "charts"


def members() -> tuple[list[str], str]:
    """The UN member states (data/countries.csv) and where they came from."""
    countries = data_dir() / "countries.csv"
    return pd.read_csv(countries, dtype=str, keep_default_na=False)["iso3"].tolist(), str(countries)


def fx(name: str) -> pd.DataFrame:
    """A fixture table, loaded and typed like data/ (tests/fixtures/charts is a data package)."""
    return data.load(name, FIXTURES)


def test_every_member_has_exactly_one_tile_and_no_two_tiles_share_a_cell():
    codes, where = members()
    assert len(codes) == 193, f"{where} lists {len(codes)} states"
    tiles = vote_model.load_tiles()
    assert vote_model.tile_problems(tiles, codes) == []
    assert len(tiles) == 193


def test_fixture_member_list_matches_the_tiles_too():
    codes = [line.strip() for line in (FIXTURES / "un_members.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert vote_model.tile_problems(vote_model.load_tiles(), codes) == []


def test_tiles_are_small_non_negative_integers():
    tiles = vote_model.load_tiles()
    assert list(tiles.columns) == ["iso3", "col", "row"]
    assert (tiles["col"] >= 0).all() and (tiles["row"] >= 0).all()
    assert tiles["col"].max() < 40 and tiles["row"].max() < 25


@pytest.mark.parametrize("north, south", [("RUS", "VNM"), ("FIN", "ZAF"), ("CAN", "ARG"), ("JPN", "AUS"),
                                          ("PRK", "KOR"), ("DEU", "ITA"), ("EGY", "KEN")])
def test_layout_is_roughly_geographic_north_south(north, south):
    pos = vote_model.load_tiles().set_index("iso3")
    assert pos.at[north, "row"] < pos.at[south, "row"]


@pytest.mark.parametrize("west, east", [("USA", "DEU"), ("BRA", "NGA"), ("PRT", "POL"), ("CHN", "JPN"),
                                        ("IND", "VNM"), ("MAR", "EGY"), ("LAO", "VNM")])
def test_layout_is_roughly_geographic_west_east(west, east):
    pos = vote_model.load_tiles().set_index("iso3")
    assert pos.at[west, "col"] < pos.at[east, "col"]


def test_tile_map_draws_one_tile_per_member_with_vote_colours():
    chart = tile_map("FX-1", ["RUS", "VNM"], resolutions=fx("un_resolutions"), votes=fx("un_votes"),
                     countries=fx("countries"), sources=fx("sources"))
    ax = chart.fig.axes[0]
    colls = {c.get_gid(): c for c in ax.collections}
    n_tiles = sum(len(c.get_paths()) for gid, c in colls.items() if gid.startswith("tiles-"))
    assert n_tiles == 193
    assert len(colls["tiles-N"].get_paths()) == 3 and len(colls["tiles-Y"].get_paths()) == 7
    assert tuple(colls["tiles-N"].get_facecolor()[0]) == pytest.approx(to_rgba(style.VOTE_COLORS["N"]))
    assert colls["tiles-N"].get_hatch() == style.VOTE_HATCHES["N"]
    assert len(colls["tiles-none"].get_paths()) == 193 - 14  # states the fixture has no vote for
    assert len(colls["highlight"].get_paths()) == 2
    assert len(colls["tile-labels"].get_paths()) == 193
    assert chart.table()["iso3"].nunique() == 193
