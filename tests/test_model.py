"""The charts' pure logic (lessonkit.model and lessonkit.text), on the fixture data package, without a display."""

import math
from pathlib import Path

import pandas as pd
import pytest

from lessonkit import data
from lessonkit.model import captions
from lessonkit.model import arms as arms_model
from lessonkit.model import codes as code_model
from lessonkit.model import flows as flow_model
from lessonkit.model import layout as label_layout
from lessonkit.model import vietnam as vietnam_model
from lessonkit.model import votes as vote_model
from lessonkit import text

pytestmark = pytest.mark.filterwarnings("error")

FIXTURES = Path(__file__).parent / "fixtures" / "charts"


def fx(name: str) -> pd.DataFrame:
    """A fixture table, loaded and typed like data/ (tests/fixtures/charts is a data package)."""
    return data.load(name, FIXTURES)


data_load = data.load


def test_name_map_uses_the_short_name_column():
    countries = pd.DataFrame({"iso3": ["GBR", "FRA"], "name_en": ["United Kingdom", "France"],
                              "short_name": ["UK", "France"]})
    assert code_model.name_map(countries, ["GBR", "FRA", "XYZ"]) == {"GBR": "UK", "FRA": "France", "XYZ": "XYZ"}
    assert code_model.check_countries(["uk", "france"], countries) == ["GBR", "FRA"]
    real = data.load("countries")
    assert code_model.name_map(real, ["PRK", "VNM"]) == {"PRK": "North Korea", "VNM": "Viet Nam"} or \
        code_model.name_map(real, ["PRK"]) == {"PRK": "North Korea"}


# --- codes ---------------------------------------------------------------------------------


def test_check_resolution_accepts_short_id_and_symbol():
    res = fx("un_resolutions")
    assert code_model.check_resolution("FX-2", res)["symbol"] == "A/RES/FX/2"
    assert code_model.check_resolution("a/res/fx/2", res)["short_id"] == "FX-2"


def test_unknown_resolution_names_code_and_lists_valid_ones():
    with pytest.raises(ValueError) as err:
        code_model.check_resolution("FX-9", fx("un_resolutions"))
    msg = str(err.value)
    assert "'FX-9'" in msg and "FX-1, FX-2, FX-3" in msg


def test_check_countries_normalises_and_accepts_names():
    countries = fx("countries")
    assert code_model.check_countries(["rus", "Vietnam", "North Korea", "RUS"], countries) == ["RUS", "VNM", "PRK"]
    assert code_model.check_countries("chn", countries) == ["CHN"]


def test_unknown_country_code_names_it_and_suggests():
    with pytest.raises(ValueError) as err:
        code_model.check_countries(["RUS", "XYZ", "VMN"], fx("countries"))
    msg = str(err.value)
    assert "'XYZ'" in msg and "'VMN'" in msg and "VNM" in msg and "RUS" in msg
    assert "alpha-3" in msg


def test_normalise_vote():
    assert [code_model.normalise_vote(v) for v in ("y", "No", "abstain", "NV", "x")] == ["Y", "N", "A", "NV", "NV"]
    with pytest.raises(ValueError, match="Unknown vote"):
        code_model.normalise_vote("maybe")


# --- seats ---------------------------------------------------------------------------------


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


def test_spread_positions_for_seat_labels_keeps_order_and_gap():
    out = label_layout.spread_positions([0.5, 0.5, 0.52, 2.0], min_gap=0.2, low=0.3, high=math.pi - 0.3)
    assert all(b - a >= 0.2 - 1e-9 for a, b in zip(sorted(out), sorted(out)[1:]))
    assert out[3] == pytest.approx(2.0) and min(out) >= 0.3 - 1e-9


def test_has_country_votes_follows_the_flag():
    res, votes = fx("un_resolutions"), fx("un_votes")
    row = res[res["short_id"] == "FX-1"].iloc[0]
    assert vote_model.has_country_votes(row, votes)
    # the flag is a real boolean now (numpy.bool_ from the typed frame): False means no list,
    # even where the votes table has rows for it (the old `is False` test never matched)
    flagged_off = pd.Series({**row.to_dict(), "has_country_votes": (res["has_country_votes"] & False).iloc[0]})
    assert type(flagged_off["has_country_votes"]).__module__ == "numpy"
    assert not vote_model.has_country_votes(flagged_off, votes)


def test_pack_intervals_is_stack_levels_without_stems():
    starts, lengths = [0, 1, 5, 1.5, 0.5], [2, 2, 1, 0.2, 3]
    spans = [(s, s + n) for s, n in zip(starts, lengths)]
    levels, stuck = label_layout.stack_levels(starts, spans, [1] * 5, 0.0, stems=False)
    assert label_layout.pack_intervals(starts, lengths) == [lv - 1 for lv in levels] and stuck == 0


def test_vote_counts_and_totals():
    votes = vote_model.votes_for(fx("un_votes"), "FX-1")
    assert vote_model.vote_counts(votes) == {"Y": 7, "N": 3, "A": 3, "NV": 1}
    row = code_model.check_resolution("FX-3", fx("un_resolutions"))
    assert vote_model.totals_from_resolution(row) == {"Y": 9, "N": 2, "A": 2, "NV": 1}
    assert not vote_model.has_country_votes(row, fx("un_votes"))


# --- tiles ---------------------------------------------------------------------------------


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


# --- grid ----------------------------------------------------------------------------------


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


# --- flows and the other tables ---------------------------------------------------------------


def test_category_order_is_the_schemas_enum():
    from lessonkit import data

    field = next(f for f in data.resource("transfers")["schema"]["fields"] if f["name"] == "category")
    assert tuple(field["constraints"]["enum"]) == flow_model.CATEGORY_ORDER


def test_every_flow_category_has_a_colour_and_a_label():
    from lessonkit.charts import style

    assert set(flow_model.CATEGORY_ORDER) <= set(style.ITEM_LABELS)
    assert set(data_load("transfers")["category"]) <= set(flow_model.CATEGORY_ORDER)


def test_transfer_categories_are_the_tables_column():
    t = fx("transfers").assign(category="other")
    assert set(flow_model.transfer_categories(t)) == {"other"}
    assert set(flow_model.flow_edges(t)["category"]) == {"other"}


def test_flow_edges_merge_by_category_and_keep_the_firmest_confidence():
    t = fx("transfers")
    extra = t.iloc[[0]].assign(transfer_id="fx-t8", confidence="alleged", item="shells")
    edges = flow_model.flow_edges(pd.concat([t, extra]))
    e = edges[(edges["from_iso3"] == "PRK") & (edges["to_iso3"] == "RUS") & (edges["category"] == "ammunition")]
    assert len(e) == 1
    e = e.iloc[0]
    assert e["confidence"] == "official_estimate" and e["confidences"] == {"official_estimate": 1, "alleged": 1}
    assert e["items"] == ["artillery shells", "shells"] and e["n"] == 2
    assert e["kinds"] == ["artillery shells", "shells"]
    # edges between the same two states bend apart; a lone edge stays straight
    pair = edges[edges[["from_iso3", "to_iso3"]].apply(lambda r: set(r) == {"PRK", "RUS"}, axis=1)]
    # arc3 bends relative to the direction of travel, so compare bends in one direction
    bends = [rad if f == "PRK" else -rad for f, rad in zip(pair["from_iso3"], pair["rad"])]
    assert len({round(b, 6) for b in bends}) == len(pair)
    assert edges.loc[(edges["from_iso3"] == "RUS") & (edges["to_iso3"] == "VNM"), "rad"].iloc[0] == 0


def test_confidence_and_category_filters():
    assert flow_model.check_confidence(None) is None and flow_model.check_confidence("All") is None
    assert flow_model.check_confidence("Official estimate") == ["official_estimate"]
    assert flow_model.check_confidence(["alleged", "confirmed"]) == ["confirmed", "alleged"]  # firmest first
    with pytest.raises(ValueError, match="Unknown confidence 'likely'"):
        flow_model.check_confidence("likely")
    labels = {"goods": "Oil, food, money, goods"}
    assert flow_model.check_category("oil, food, money, goods", labels) == ["goods"]
    assert flow_model.check_category(["goods", "missiles"]) == ["missiles", "goods"]
    with pytest.raises(ValueError, match="Unknown category 'oil'.*goods"):
        flow_model.check_category("oil")  # a kind of goods, not a category
    t = fx("transfers")
    assert list(flow_model.transfer_categories(t))[:5] == ["ammunition", "missiles", "troops", "technology", "goods"]
    assert list(flow_model.filter_transfers(t, ["reported"], ["goods", "missiles"])["transfer_id"]) == ["fx-t2", "fx-t5"]
    assert len(flow_model.filter_transfers(t)) == len(t)


def test_flow_category_words_spell_out_goods_and_technology():
    t = fx("transfers")
    extra = pd.DataFrame([
        {"transfer_id": "x1", "from_iso3": "RUS", "to_iso3": "PRK", "item": "food", "category": "goods",
         "confidence": "confirmed"},
        {"transfer_id": "x2", "from_iso3": "RUS", "to_iso3": "PRK", "item": "money", "category": "goods",
         "confidence": "reported"},
        {"transfer_id": "x3", "from_iso3": "RUS", "to_iso3": "PRK", "item": "training", "category": "technology",
         "confidence": "reported"},
    ])
    edges = flow_model.flow_edges(pd.concat([t, extra], ignore_index=True))
    back = edges[(edges["from_iso3"] == "RUS") & (edges["to_iso3"] == "PRK")]
    assert flow_model.category_words(back) == ["training", "technology", "food", "oil", "money"]  # firmest first
    forward = edges[(edges["from_iso3"] == "PRK") & (edges["to_iso3"] == "RUS")]
    assert flow_model.category_words(forward) == ["missiles", "troops", "ammunition"]


def test_item_label_uses_unit_for_other():
    assert flow_model.item_label("other", "containers") == "containers"
    assert flow_model.item_label("oil", "barrels") == "oil"


def test_an_other_item_is_labelled_by_its_unit_in_german_too(monkeypatch):
    from lessonkit import i18n
    rows = pd.DataFrame({"from_iso3": ["PRK", "PRK"], "to_iso3": ["RUS", "RUS"], "category": ["ammunition"] * 2,
                         "item": ["other", "artillery shells"], "item_de": ["Sonstiges", "Artilleriegranaten"],
                         "unit": ["containers", "shells"], "unit_de": ["Container", "Granaten"],
                         "confidence": ["official_estimate", "reported"]})
    assert flow_model.flow_edges(rows)["items"].iloc[0] == ["containers", "artillery shells"]
    monkeypatch.setattr(i18n, "_chosen", "de")
    assert flow_model.flow_edges(rows)["items"].iloc[0] == ["Container", "Artilleriegranaten"]  # not "Sonstiges"


def test_sk_series_sorted_with_numbers():
    s = arms_model.sk_series(fx("sk_estimates"))
    assert list(s["estimate_id"]) == ["fx-e1", "fx-e2", "fx-e3"]
    assert s["shells"].tolist()[:2] == [1_000_000, 3_000_000] and math.isnan(s["shells"].iloc[2])
    assert set(s["estimator"]) == {"south_korea"}


def test_sk_series_takes_the_estimator_from_the_table():
    s = arms_model.sk_series(fx("sk_estimates").assign(estimator_kind="multilateral"))
    assert set(s["estimator"]) == {"multilateral"}


def test_estimator_label():
    label = arms_model.estimator_label("Multilateral Sanctions Monitoring Team (11 states; report released by Seoul)")
    assert label == "Multilateral Sanctions Monitoring Team (11 states)"
    assert arms_model.estimator_label("NIS") == "NIS"


def test_sk_series_keeps_the_tables_estimator_tag():
    s = arms_model.sk_series(fx("sk_estimates"))
    assert list(s["estimator_tag"]) == ["FIS", "FDM", "FMD"]


def test_arms_import_shares_periods_top_and_other():
    table, value, measure = arms_model.arms_import_shares(fx("vietnam_arms_imports"), top=2)
    assert value == "share_pct" and measure == "share of imports"
    assert list(table.index) == ["2014\u20132018", "2019\u20132023"]
    assert list(table.columns) == ["RUS", "ISR", arms_model.OTHER_SUPPLIERS]
    assert table.loc["2014\u20132018", arms_model.OTHER_SUPPLIERS] == 5
    with pytest.raises(ValueError, match="measure 'inventory'"):
        arms_model.arms_import_shares(fx("vietnam_arms_imports"), measure="inventory")


def test_arms_import_shares_default_measure_and_periods():
    rows = pd.DataFrame([
        {"period_start": 2000, "period_end": 2023, "supplier_iso3": "RUS", "share_pct": 80.6, "measure": "imports"},
        {"period_start": 2019, "period_end": 2023, "supplier_iso3": "RUS", "share_pct": 51.7, "measure": "imports"},
        {"period_start": 2014, "period_end": 2018, "supplier_iso3": "RUS", "share_pct": 75.8, "measure": "imports"},
        {"period_start": 2023, "period_end": 2023, "supplier_iso3": "RUS", "share_pct": 80, "measure": "inventory"},
        {"period_start": 2023, "period_end": 2023, "supplier_iso3": "CHN", "share_pct": 5, "measure": "inventory"},
    ])
    table, value, measure = arms_model.arms_import_shares(rows)  # 'imports' although 'inventory' is as common
    assert measure == "imports" and list(table.index) == ["2014\u20132018", "2019\u20132023"]
    table, _, _ = arms_model.arms_import_shares(rows, periods="all")
    assert list(table.index) == ["2000\u20132023", "2014\u20132018", "2019\u20132023"]
    table, _, _ = arms_model.arms_import_shares(rows, periods=["2000-2023"])
    assert list(table.index) == ["2000\u20132023"]
    table, _, measure = arms_model.arms_import_shares(rows, measure="inventory")  # no five-year rows: all kept
    assert measure == "inventory" and list(table.index) == ["2023"]
    with pytest.raises(ValueError, match="No arms-import rows for period 2015\u20132019"):
        arms_model.arms_import_shares(rows, periods="2015-2019")


def test_supplier_colours_are_distinct_and_stable():
    from lessonkit.charts import style

    first = style.supplier_colors(["RUS", "ISR", "IND", arms_model.OTHER_SUPPLIERS], other=arms_model.OTHER_SUPPLIERS)
    second = style.supplier_colors(["IND", "RUS"], other=arms_model.OTHER_SUPPLIERS)
    assert first["IND"] == second["IND"] and first["RUS"] == second["RUS"]  # same supplier, same colour
    assert first[arms_model.OTHER_SUPPLIERS] == style.GREY
    seven = style.supplier_colors(["RUS", "ISR", "CZE", "ESP", "CAN", "SVK", "IDN"])
    assert len(set(seven.values())) == 7 and set(seven.values()) == set(style.SUPPLIER_PALETTE)
    with pytest.raises(ValueError, match="At most 7 suppliers"):
        style.supplier_colors(["RUS", "ISR", "CZE", "ESP", "CAN", "SVK", "IDN", "IND"])


def test_partnerships_as_of():
    kept, undecided = vietnam_model.partnerships_as_of(fx("vietnam_partnerships"), "2012-07-27")
    assert list(zip(kept["partner_iso3"], kept["year"])) == [("RUS", 2001), ("CHN", 2008), ("RUS", 2012)]
    assert undecided.empty
    kept, undecided = vietnam_model.partnerships_as_of(fx("vietnam_partnerships"), "2012-07-26")  # the day before
    assert ("RUS", 2012) not in list(zip(kept["partner_iso3"], kept["year"]))
    kept, undecided = vietnam_model.partnerships_as_of(fx("vietnam_partnerships"), pd.Timestamp("2013-12-31"))
    assert list(undecided["partner_iso3"]) == ["USA", "THA"]  # 2013, year only
    assert text.check_date(None) is None
    with pytest.raises(ValueError, match="as_of must be a date"):
        vietnam_model.partnerships_as_of(fx("vietnam_partnerships"), "2024")


def test_periods_overlap():
    assert arms_model.periods_overlap(["2014\u20132018", "2017\u20132021"])
    assert not arms_model.periods_overlap(["2014\u20132018", "2019\u20132023"])


def test_partnership_timeline_and_order():
    levels = data_load("partnership_levels")
    tl = vietnam_model.partnership_timeline(fx("vietnam_partnerships"), fx("countries"), levels)
    assert tl["year"].is_monotonic_increasing
    assert tl.set_index(["partner_iso3", "year"]).loc[("RUS", 2012), "rank"] == 3
    assert tl.set_index(["partner_iso3", "year"]).loc[("RUS", 2012), "level_label"] == "Comprehensive strategic partnership"
    assert vietnam_model.partner_order(tl)[:2] == ["CHN", "RUS"]
    # the ranks are the table's: turn the table upside down and the order follows
    flipped = levels.assign(rank=4 - levels["rank"])
    assert vietnam_model.partnership_timeline(fx("vietnam_partnerships"), fx("countries"), flipped).set_index(
        ["partner_iso3", "year"]).loc[("RUS", 2012), "rank"] == 1
    with pytest.raises(ValueError, match="'friendship' is not in the partnership_levels table"):
        vietnam_model.partnership_timeline(fx("vietnam_partnerships").assign(level="friendship"), fx("countries"), levels)


def test_pack_intervals():
    assert label_layout.pack_intervals([0, 1, 5, 1.5], [2, 2, 1, 0.2]) == [0, 1, 0, 2]


def test_trade_by_partner_prefers_latest_year_and_own_statistics():
    tb = vietnam_model.trade_by_partner(fx("vietnam_trade"))
    assert list(tb["partner_iso3"]) == ["CHN", "USA", "KOR", "RUS"]
    assert tb.set_index("partner_iso3").at["RUS", "reporter"] == "VNM"  # not the partner's own figure
    assert set(tb["year"]) == {2023}
    assert list(vietnam_model.trade_by_partner(fx("vietnam_trade"), 2022)["year"].unique()) == [2022]
    with pytest.raises(ValueError, match="No trade data for 1999"):
        vietnam_model.trade_by_partner(fx("vietnam_trade"), 1999)


def test_trade_by_partner_knows_vietnams_own_statistics_by_reporter_iso3_not_by_its_name():
    # the partner's office names Vietnam, Vietnam's own does not: the declared column decides
    trade = pd.DataFrame({
        "year": [2023, 2023], "partner_iso3": ["RUS", "RUS"],
        "reporter": ["Russian customs (trade with Vietnam)", "General Department of Customs"],
        "reporter_iso3": ["RUS", "VNM"], "exports_usd_bn": [2.0, 2.3], "imports_usd_bn": [1.9, 1.3],
        "total_usd_bn": [3.9, 3.6], "source_id": ["fx", "fx"]})
    tb = vietnam_model.trade_by_partner(trade)
    assert list(tb["reporter"]) == ["General Department of Customs"] and list(tb["reporter_iso3"]) == ["VNM"]
    # one reporter by its exact name still works
    assert list(vietnam_model.trade_by_partner(trade, reporter="Russian customs (trade with Vietnam)")["total_usd_bn"]) == [3.9]
    with pytest.raises(ValueError, match="no column 'reporter_iso3'"):
        vietnam_model.trade_by_partner(trade.drop(columns="reporter_iso3"))


# --- captions ------------------------------------------------------------------------------


def test_format_date():
    assert captions.format_date("2022-03-02") == "2 Mar 2022"
    assert captions.format_date(pd.Timestamp("2024-06-19")) == "19 Jun 2024"
    assert captions.format_date("2024-07") == "Jul 2024"
    assert captions.format_date("undated") == "" and captions.format_date(None) == ""


def test_source_line_is_built_from_the_sources_table():
    src = fx("sources")
    line = captions.source_line(src, ["fx-un-1", "fx-un-1-votes", "fx-un-1"])
    assert line == ("Sources: UN Fixture Office, \u201cFixture resolution one adopted\u201d (2 Mar 2022); "
                    "UN Fixture Library, \u201cVoting record of FX-1\u201d (3 Mar 2022)")
    assert captions.source_line(src, ["fx-trade"]) == "Source: Fixture Customs, \u201cTrade by partner\u201d"
    many = captions.source_line(src, list(src["source_id"]), limit=2)
    assert many.endswith("and 6 more (all in the Sources section)")
    assert "missing-id" in captions.source_line(src, ["missing-id"])


def test_one_source_line_formatter_for_data_and_charts():
    from lessonkit import data

    src = fx("sources")
    rows = captions.cited_sources(src, ["fx-un-1", "fx-trade", "fx-wire", "fx-seoul"])
    assert captions.source_line(src, list(rows["source_id"])) == data.format_source_line(
        rows, max_title=70, more_hint="all in the Sources section")
    assert data.format_source_line(rows, limit=2) == (
        "Sources: UN Fixture Office, \u201cFixture resolution one adopted\u201d (2 Mar 2022); "
        "Fixture Customs, \u201cTrade by partner\u201d; and 2 more")
    assert data.format_source_line(rows.to_dict("records")[:1]) == data.format_source_line(rows.head(1))
    assert data.format_source_line([]) == "Source: none cited"
    assert captions.format_source is data.format_source and captions.format_date is data.format_date
    # data.source_line(name) is the same formatter on the table's own sources
    assert data.source_line("sk_estimates") == data.format_source_line(data.sources_for("sk_estimates"))
    assert data.source_line("sk_estimates").startswith("Sources: ")


def test_cited_ids_in_first_cited_order():
    t = fx("sk_estimates")
    assert captions.cited_ids(t) == ["fx-seoul", "fx-wire"]


def test_phrases():
    assert captions.join_names(["A", "B", "C"]) == "A, B and C"
    named = [("Russia", "N"), ("North Korea", "N"), ("China", "A"), ("Vietnam", "NV")]
    assert captions.highlight_phrase(named) == "Russia and North Korea voted no; China abstained; Vietnam did not vote"
    assert captions.group_vote_phrase([(f"S{i}", "Y") for i in range(6)] + [("Laos", "A")]) == "6 voted yes; Laos abstained"
    assert captions.vote_summary({"Y": 141, "N": 5, "A": 35, "NV": 12}) == "141 yes, 5 no, 35 abstain, 12 not voting"
    assert captions.number(3_000_000) == "3 million" and captions.number(6700) == "6,700"
    assert captions.shorten("one two three four", 10) == "one two\u2026"
