"""The flow diagram, its titles and filters, on the small fixtures in tests/fixtures/charts
(tests/chart_fixture.py): titles, labels, colours and highlighted states are checked on the returned
figure's artists, not on pixels."""

import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from lessonkit import charts
from lessonkit.charts import style
from chart_fixture import check_common, texts

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.slow  # draws whole charts
def test_flow_diagram(t):
    chart = charts.flow_diagram(transfers=t["transfers"], countries=t["countries"], sources=t["sources"])
    check_common(chart, ["Fixture Ministry of Defence"])
    # 3 of the 7 rows run from North Korea to Russia: the most of any pair, but not a majority
    assert chart.title == ("Transfers in the data run most often from North Korea to Russia: missiles, troops and "
                           "ammunition; technology and oil in return")
    ax = chart.fig.axes[0]
    arrows = {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith("flow-")}
    shells = arrows["flow-PRK-RUS-ammunition-official_estimate"]
    assert shells.get_facecolor()[:3] == pytest.approx(to_rgba(style.ITEM_COLORS["ammunition"])[:3])
    dash = style.CONFIDENCE_STYLES
    assert shells.get_linestyle() == dash["official_estimate"] == (0, (6, 3))  # dashed
    assert arrows["flow-PRK-RUS-troops-alleged"].get_linestyle() == dash["alleged"] == (0, (1, 2))  # dotted
    assert arrows["flow-PRK-RUS-missiles-reported"].get_linestyle() == dash["reported"]  # dash-dot
    assert arrows["flow-RUS-VNM-weapons-confirmed"].get_linestyle() == "-"  # solid
    nodes = {x.get_gid(): x.get_text() for x in ax.texts if (x.get_gid() or "").startswith("node-")}
    assert nodes["node-PRK"] == "North Korea" and len(nodes) == 5
    legend_text = texts(chart.fig)
    for label in ("What flows", "How sure", "Confirmed", "Official estimate", "Reported", "Alleged", "Missiles"):
        assert label in legend_text
    assert chart.table()["category"].tolist()[:2] == ["ammunition", "missiles"]
    # the text alternative names each pair of states once, its goods grouped by their firmest level
    assert chart.alt_text.endswith(
        ": South Korea to USA: artillery shells (at best reported); North Korea to Russia: ballistic missiles "
        "(at best reported), troops (at best alleged), artillery shells (at best official estimate); Russia to North "
        "Korea: space technology (at best alleged), oil (at best reported); Russia to Vietnam: frigates (at best "
        "confirmed)."), chart.alt_text



def with_food(t):
    """The fixture transfers plus a confirmed food row from Russia to North Korea."""
    food = t["transfers"].iloc[[4]].assign(transfer_id="fx-t8", item="food", description="fixture flour",
                                           confidence="confirmed", unit="tonnes")
    return pd.concat([t["transfers"], food], ignore_index=True)



def test_flow_title_names_every_kind_of_goods(t):
    # 'Oil, food, money, goods' must not shrink to 'oil': the title names what is there, firmest first
    kw = dict(countries=t["countries"], sources=t["sources"])
    chart = charts.flow_diagram(transfers=with_food(t), **kw)
    assert chart.title == ("Transfers in the data run most often from North Korea to Russia (missiles, troops and "
                           "ammunition) and from Russia to North Korea (technology, food and oil)")  # 3 rows each
    assert "Oil, food, money, goods" in texts(chart.fig)
    more = with_food(t).iloc[[0]].assign(transfer_id="fx-t9")
    chart = charts.flow_diagram(transfers=pd.concat([with_food(t), more], ignore_index=True), **kw)
    assert chart.title == ("Transfers in the data run most often from North Korea to Russia: missiles, troops and "
                           "ammunition; technology, food and oil in return")



def test_filtered_flow_titles_stay_true(t):
    kw = dict(transfers=with_food(t), countries=t["countries"], sources=t["sources"])
    chart = charts.flow_diagram(confidence="confirmed", **kw)
    assert set(chart.table()["confidence"]) == {"confirmed"}
    assert chart.title == ("Confirmed transfers in the data run most often from Russia to North Korea (food) and "
                           "from Russia to Vietnam (weapons systems)")
    assert "How sure: Confirmed" in chart.subtitle and chart.alt_text.startswith("Diagram of 2 confirmed transfers")
    assert "Fixture Institute" in chart.source_line and "Fixture Wire" not in chart.source_line  # cited rows only
    chart = charts.flow_diagram(category="goods", **kw)
    assert chart.title == "All transfers of food and oil in the data run from Russia to North Korea"
    assert "What flows: Oil, food, money, goods" in chart.subtitle
    chart = charts.flow_diagram(confidence="Official estimate", category="Ammunition, shells", **kw)
    assert chart.title == "The only officially estimated transfer of ammunition in the data runs from North Korea to Russia"
    chart = charts.flow_diagram(["VNM"], **kw)
    assert chart.title == "The only transfer in the data involving Vietnam runs from Russia to Vietnam: weapons systems"
    with pytest.raises(charts.NoFlows, match="no alleged transfers of missiles") as err:
        charts.flow_diagram(confidence="alleged", category="missiles", **kw)
    assert err.value.message == "No alleged transfers of missiles in the data."
    with pytest.raises(ValueError, match="Unknown confidence 'sure'.*confirmed"):
        charts.flow_diagram(confidence="sure", **kw)
    with pytest.raises(ValueError, match="Unknown category 'tanks'.*goods"):
        charts.flow_diagram(category="tanks", **kw)



def test_flow_diagram_filter_and_errors(t):
    kw = dict(transfers=t["transfers"], countries=t["countries"], sources=t["sources"])
    chart = charts.flow_diagram(["VNM"], **kw)
    assert set(chart.table()["to_iso3"]) == {"VNM"}
    chart = charts.flow_diagram(["RUS", "PRK"], only_between=True, **kw)
    assert set(chart.table()["from_iso3"]) | set(chart.table()["to_iso3"]) == {"RUS", "PRK"}
    with pytest.raises(ValueError, match="Unknown country code 'XX'"):
        charts.flow_diagram(["XX"], **kw)
    with pytest.raises(ValueError, match="No transfers to draw for BRA"):
        charts.flow_diagram(["BRA"], **kw)
