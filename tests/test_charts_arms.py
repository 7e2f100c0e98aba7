"""The Seoul estimates and Vietnam's arms imports by supplier on the small fixtures in
tests/fixtures/charts (tests/chart_fixture.py): titles, labels, colours and highlighted states are
checked on the returned figure's artists, not on pixels."""

import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from lessonkit import charts
from lessonkit.charts import style
from chart_fixture import by_gid, check_common, texts

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.slow  # draws whole charts
def test_seoul_estimates(t):
    chart = charts.seoul_estimates(sk_estimates=t["sk_estimates"], sources=t["sources"])
    check_common(chart, ["Fixture Ministry of Defence", "Fixture Wire"])
    assert chart.title == "South Korean estimates of North Korean shells sent to Russia grew with each announcement"
    shells = by_gid(chart.fig, "points-shells-south_korea")
    assert len(shells.get_xdata()) == 2 and list(shells.get_ydata()) == [1.0, 3.0]
    assert shells.get_linestyle() == "None"  # separate estimates: not joined into a series
    assert len(by_gid(chart.fig, "points-containers-south_korea").get_xdata()) == 3
    assert {"over 1 million", "about 3 million", "over 10,000"} <= set(texts(chart.fig))  # qualifiers kept
    assert chart.fig.axes[0].get_ylabel() == "Shells\n(million)"
    assert not chart.fig.legends  # one kind of estimator: no legend needed



@pytest.mark.slow  # draws whole charts
def test_seoul_estimates_mark_multilateral_estimates_and_counting_windows(t):
    sk = t["sk_estimates"].assign(counting_since=pd.to_datetime(["2023-08-01", "2023-07-01", None]))
    msmt = pd.DataFrame([{"estimate_id": "fx-e4", "announced": pd.Timestamp("2025-05-29"), "qualifier": "as many as",
                          "announced_by": "Multilateral Sanctions Monitoring Team (11 states; report released by Seoul)",
                          "estimator_kind": "multilateral", "estimator_tag": "MSMT",
                          "containers": 20000, "shells": 9000000, "shells_basis": "mixed rounds, 2024 only",
                          "counting_since": pd.Timestamp("2023-09-01"), "source_id": "fx-wire"}])
    chart = charts.seoul_estimates(sk_estimates=pd.concat([sk, msmt], ignore_index=True), sources=t["sources"])
    assert chart.title == ("South Korean and allied estimates of North Korean shells sent to Russia grew with each "
                           "announcement \u2013 counted over different periods")
    point = by_gid(chart.fig, "points-shells-multilateral")
    assert point.get_marker() == "D" and point.get_markerfacecolor() == "white"
    assert by_gid(chart.fig, "points-shells-south_korea").get_marker() == "o"
    assert "MSMT: as many as 9 million (2024 only)" in texts(chart.fig)
    assert "MSMT: Multilateral Sanctions Monitoring Team (11 states)" in texts(chart.fig)  # the legend
    assert "different start dates (Jul 2023 to Sep 2023; 1 not stated)" in chart.subtitle
    assert "3 South Korean estimates and 1 multilateral estimate over time" in chart.alt_text
    assert list(chart.table()["estimator"]) == ["south_korea"] * 3 + ["multilateral"]



@pytest.mark.slow  # draws whole charts
def test_vietnam_arms_imports(t):
    chart = charts.vietnam_arms_imports(imports=t["vietnam_arms_imports"], countries=t["countries"],
                                        sources=t["sources"])
    check_common(chart, ["Fixture Institute"])
    assert chart.title == "Russia's share of Vietnam's arms imports fell from 80% (2014\u20132018) to 60% (2019\u20132023)"
    bar = by_gid(chart.fig, "bar-2014\u20132018-RUS")
    assert bar.get_width() == 80 and tuple(bar.get_facecolor()) == pytest.approx(to_rgba(style.OKABE_ITO["vermillion"]))
    assert by_gid(chart.fig, "bar-2019\u20132023-unlisted").get_width() == pytest.approx(10)
    assert [x.get_text() for x in chart.fig.axes[0].get_yticklabels()] == ["2014\u20132018", "2019\u20132023"]
    assert "Russia" in texts(chart.fig)



def arms_fixture_with_many_suppliers(t):
    """The fixture plus a 2000-2023 total and eight small suppliers in 2019-2023 (made-up test
    rows, never shown in a lesson)."""
    rows = [{"period_start": "2000", "period_end": "2023", "supplier_iso3": "RUS", "share_pct": "80",
             "measure": "share of imports", "source_id": "fx-research"}]
    for code in ("IND", "USA", "NLD", "CZE", "ESP", "CAN", "SVK", "IDN"):
        rows.append({"period_start": "2019", "period_end": "2023", "supplier_iso3": code,
                     "share_pct": "2" if code == "IND" else "1",
                     "measure": "share of imports", "source_id": "fx-research"})
    return pd.concat([t["vietnam_arms_imports"], pd.DataFrame(rows)], ignore_index=True)



def test_vietnam_arms_imports_colours_legend_and_periods(t):
    kw = dict(imports=arms_fixture_with_many_suppliers(t), countries=t["countries"], sources=t["sources"])
    chart = charts.vietnam_arms_imports(top=7, **kw)
    periods = [x.get_text() for x in chart.fig.axes[0].get_yticklabels()]
    assert periods == ["2014\u20132018", "2019\u20132023"]  # the 2000-2023 window only when asked for
    assert "2000\u20132023 total is left out" in chart.subtitle
    ax = chart.fig.axes[0]
    colours = {}
    for p in ax.patches:
        gid = p.get_gid() or ""
        if gid.startswith("bar-") and not gid.endswith("-unlisted"):
            colours.setdefault(gid.rsplit("-", 1)[1], set()).add(p.get_facecolor())
    assert all(len(c) == 1 for c in colours.values())  # one colour per supplier
    named = {k: next(iter(c)) for k, c in colours.items() if k != "OTHER"}
    assert len(named) == 7 and len(set(named.values())) == 7  # seven suppliers, seven colours
    assert set(named.values()) <= {to_rgba(c) for c in style.SUPPLIER_PALETTE}
    assert next(iter(colours["OTHER"])) == to_rgba(style.GREY)
    assert named["ISR"] == to_rgba(style.SUPPLIER_COLORS["ISR"]) != named["IND"]  # not both blue
    # the legend sits right of the bars and clear of the axis label
    renderer = chart.fig.canvas.get_renderer()
    legend = chart.fig.legends[0].get_window_extent(renderer)
    assert legend.x0 > ax.get_window_extent(renderer).x1
    assert not legend.overlaps(ax.xaxis.label.get_window_extent(renderer))
    assert legend.x1 <= chart.fig.bbox.x1
    chart = charts.vietnam_arms_imports(periods="all", **kw)
    assert [x.get_text() for x in chart.fig.axes[0].get_yticklabels()][0] == "2000\u20132023"
    chart = charts.vietnam_arms_imports(periods=["2019-2023"], **kw)
    assert chart.table()["period"].unique().tolist() == ["2019\u20132023"]
    with pytest.raises(ValueError, match="top must be between 1 and 7"):
        charts.vietnam_arms_imports(top=8, **kw)
    with pytest.raises(ValueError, match="No arms-import rows for period 1990\u20131994"):
        charts.vietnam_arms_imports(periods=["1990-1994"], **kw)



def test_seoul_subtitle_counts_capacity_figures_from_the_table(t):
    sk = t["sk_estimates"]
    with_shells = sk["shells"].notna()
    none = charts.seoul_estimates(sk_estimates=sk.assign(shells_from_capacity=False), sources=t["sources"])
    assert "container capacity" not in none.subtitle
    every = charts.seoul_estimates(sk_estimates=sk.assign(shells_from_capacity=with_shells), sources=t["sources"])
    assert "All shell figures convert container capacity into shells" in every.subtitle
