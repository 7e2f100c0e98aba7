"""One resolution's votes, hemicycle seats, tiles, groups and the vote grid (lessonkit.model.votes), on
the fixture data package, without a display."""

import pandas as pd
import pytest

from lessonkit.model import captions
from lessonkit.model import codes as code_model
from lessonkit.model import votes as vote_model
from model_fixture import fx

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.parametrize("n", [1, 5, 14, 193])
def test_hemicycle_layout_has_n_distinct_seats_left_to_right(n):
    seats = vote_model.hemicycle_layout(n)
    assert len(seats) == n and list(seats["seat"]) == list(range(n))
    assert not seats[["x", "y"]].round(6).duplicated().any()
    assert (seats["angle"].diff().dropna() <= 1e-12).all()  # angles never increase
    assert ((seats["x"] ** 2 + seats["y"] ** 2) <= 1 + 1e-9).all() and (seats["y"] >= -1e-9).all()



def test_hemicycle_rows_grow_with_seats():
    assert vote_model.hemicycle_rows(193) == 8
    assert vote_model.hemicycle_rows(14) < vote_model.hemicycle_rows(193)



def test_seat_assignment_blocks_and_highlights():
    votes = vote_model.votes_for(fx("un_votes"), "FX-1")
    seats = vote_model.seat_assignment(votes, fx("countries"), ["RUS", "VNM", "PRK", "CHN"])
    assert len(seats) == len(votes) == 14
    assert sorted(seats["iso3"]) == sorted(votes["iso3"])
    # blocks left to right: yes, abstain, not voting, no
    blocks = [v for i, v in enumerate(seats["vote"]) if i == 0 or v != seats["vote"][i - 1]]
    assert blocks == ["Y", "A", "NV", "N"]
    assert set(seats.loc[seats["highlighted"], "iso3"]) == {"RUS", "VNM", "PRK", "CHN"}
    by_iso = dict(zip(seats["iso3"], seats["vote"]))
    assert by_iso["RUS"] == "N" and by_iso["VNM"] == "A" and by_iso["CHN"] == "A"



def test_highlighted_seats_are_spread_through_their_block():
    votes = pd.DataFrame({"iso3": [f"S{i:02d}" for i in range(40)], "vote": ["N"] * 40})
    seats = vote_model.seat_assignment(votes, None, ["S00", "S01", "S02", "S03"])
    picked = sorted(seats.index[seats["highlighted"]])
    assert len(picked) == 4 and min(b - a for a, b in zip(picked, picked[1:])) >= 5



def test_anonymous_seats_follow_totals():
    seats = vote_model.anonymous_seats({"Y": 9, "N": 2, "A": 2, "NV": 1})
    assert len(seats) == 14 and seats["iso3"].isna().all()
    assert seats["vote"].value_counts().to_dict() == {"Y": 9, "N": 2, "A": 2, "NV": 1}



def test_has_country_votes_follows_the_flag():
    res, votes = fx("un_resolutions"), fx("un_votes")
    row = res[res["short_id"] == "FX-1"].iloc[0]
    assert vote_model.has_country_votes(row, votes)
    # the flag is a real boolean now (numpy.bool_ from the typed frame): False means no list,
    # even where the votes table has rows for it (the old `is False` test never matched)
    flagged_off = pd.Series({**row.to_dict(), "has_country_votes": (res["has_country_votes"] & False).iloc[0]})
    assert type(flagged_off["has_country_votes"]).__module__ == "numpy"
    assert not vote_model.has_country_votes(flagged_off, votes)



def test_vote_counts_and_totals():
    votes = vote_model.votes_for(fx("un_votes"), "FX-1")
    assert vote_model.vote_counts(votes) == {"Y": 7, "N": 3, "A": 3, "NV": 1}
    row = code_model.check_resolution("FX-3", fx("un_resolutions"))
    assert vote_model.totals_from_resolution(row) == {"Y": 9, "N": 2, "A": 2, "NV": 1}
    assert not vote_model.has_country_votes(row, fx("un_votes"))



def test_tile_problems_finds_every_kind_of_fault():
    tiles = pd.DataFrame({"iso3": ["AAA", "BBB", "BBB", "DDD"], "col": [0, 1, 2, 0], "row": [0, 0, 0, 0]})
    problems = " | ".join(vote_model.tile_problems(tiles, ["AAA", "BBB", "CCC"]))
    assert "more than one tile for BBB" in problems
    assert "no tile for CCC" in problems
    assert "non-members DDD" in problems
    assert "holds AAA, DDD" in problems



def test_tile_votes_marks_unrecorded_and_highlight():
    tiles = vote_model.load_tiles()
    votes = vote_model.votes_for(fx("un_votes"), "FX-1")
    tv = vote_model.tile_votes(tiles, votes, ["RUS"])
    assert len(tv) == len(tiles)
    assert tv.set_index("iso3").at["RUS", "vote"] == "N"
    assert tv.set_index("iso3").at["FRA", "vote"] == ""  # not in the fixture
    assert tv["highlighted"].sum() == 1
    with pytest.raises(ValueError, match="No tile for ZZZ"):
        vote_model.tile_votes(tiles, pd.DataFrame({"iso3": ["ZZZ"], "vote": ["Y"]}))



def test_group_members():
    countries, votes = fx("countries"), fx("un_votes")
    assert vote_model.group_members("asean", countries)[0] == ["LAO", "THA", "VNM"]
    codes, label = vote_model.group_members("against:FX-1", countries, votes)
    assert codes == ["BLR", "PRK", "RUS"] and label == "the 3 states that voted against FX-1"
    assert vote_model.group_members("A:FX-2", countries, votes)[0] == ["BRA", "VNM"]
    assert vote_model.group_members(["vnm", "Laos"], countries)[0] == ["VNM", "LAO"]
    with pytest.raises(ValueError, match="Unknown group 'opec'"):
        vote_model.group_members("opec", countries)
    with pytest.raises(ValueError, match="No country votes recorded for 'FX-3'"):
        vote_model.group_members("against:FX-3", countries, votes)



def test_vote_matrix_and_agreement():
    m = vote_model.vote_matrix(fx("un_votes"), ["RUS", "CHN", "LAO", "USA"], ["FX-1", "FX-2", "FX-3"])
    assert list(m.index) == ["RUS", "CHN", "LAO", "USA"] and list(m.columns) == ["FX-1", "FX-2", "FX-3"]
    assert m.loc["CHN"].tolist() == ["A", "N", ""]
    agree = vote_model.agreement_rates(m, "RUS")
    assert agree.loc["CHN", ["same", "compared"]].tolist() == [1, 2]
    assert agree.loc["LAO", ["same", "compared"]].tolist() == [0, 1]  # NV is not compared
    assert agree.loc["USA", "share"] == 0
    with pytest.raises(ValueError, match="reference state 'DEU'"):
        vote_model.agreement_rates(m, "DEU")



def test_votes_by_region():
    table = vote_model.votes_by_region(vote_model.votes_for(fx("un_votes"), "FX-1"), fx("countries"))
    assert table.loc["Asia-Pacific", "A"] == 3 and table.loc["Eastern European", "N"] == 2
    assert captions.region_finding(table, "A") == "most abstentions came from Asia-Pacific states (3 of 3)"
