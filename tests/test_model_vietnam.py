"""Vietnam's partnerships (levels, order) and trade by partner (lessonkit.model.vietnam), on the
fixture data package, without a display."""

import pandas as pd
import pytest

from lessonkit.model import vietnam as vietnam_model
from lessonkit import text
from model_fixture import data_load, fx

pytestmark = pytest.mark.filterwarnings("error")


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
