"""South Korean estimates and Vietnam's arms imports by supplier (lessonkit.model.arms), on the fixture
data package, without a display."""

import math

import pandas as pd
import pytest

from lessonkit.model import arms as arms_model
from model_fixture import fx

pytestmark = pytest.mark.filterwarnings("error")


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



def test_periods_overlap():
    assert arms_model.periods_overlap(["2014\u20132018", "2017\u20132021"])
    assert not arms_model.periods_overlap(["2014\u20132018", "2019\u20132023"])
