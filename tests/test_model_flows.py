"""Transfers as flow-diagram edges, their categories, filters and words (lessonkit.model.flows), on the
fixture data package, without a display."""

import pandas as pd
import pytest

from lessonkit.model import flows as flow_model
from model_fixture import data_load, fx

pytestmark = pytest.mark.filterwarnings("error")


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
