"""Vietnam's partnership timeline and trade by partner on the small fixtures in tests/fixtures/charts
(tests/chart_fixture.py): titles, labels, colours and highlighted states are checked on the returned
figure's artists, not on pixels."""

import pytest
from matplotlib.colors import to_rgba

from lessonkit import charts
from lessonkit.charts import style
from chart_fixture import by_gid, check_common

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.slow  # draws whole charts
def test_partnership_timeline(t):
    chart = charts.partnership_timeline(["RUS"], partnerships=t["vietnam_partnerships"], countries=t["countries"],
                                        sources=t["sources"])
    check_common(chart, ["Fixture Institute"])
    assert chart.title == ("Vietnam had 4 comprehensive strategic partnerships by 2023; China was first (2008), "
                           "Russia second (2012)")
    ax = chart.fig.axes[0]
    labels = ax.get_yticklabels()
    assert [x.get_text() for x in labels][:2] == ["China", "Russia"]
    assert labels[1].get_fontweight() == "bold" and labels[0].get_fontweight() == "normal"
    step = by_gid(chart.fig, "step-RUS-2012")
    assert step.get_markerfacecolor() == style.OKABE_ITO["blue"] and step.get_markeredgecolor() == style.DARK
    assert list(by_gid(chart.fig, "span-RUS").get_xdata()) == [2001, 2012]
    # each step names the partner, then a colon, its level and the year
    assert "Russia: comprehensive strategic partnership, 2012" in chart.alt_text, chart.alt_text



@pytest.mark.slow  # draws whole charts
def test_partnership_timeline_as_of(t):
    kw = dict(partnerships=t["vietnam_partnerships"], countries=t["countries"], sources=t["sources"])
    chart = charts.partnership_timeline(["RUS"], as_of="2013-06-01", **kw)
    check_common(chart, ["Fixture Institute"])
    assert chart.title == ("As of 1 Jun 2013, Vietnam had 2 comprehensive strategic partnerships; China was first "
                           "(2008), Russia second (2012)")
    assert set(chart.table()["partner_iso3"]) == {"RUS", "CHN"}  # no step after the date
    # 2013 steps known only by their year cannot be placed before or after 1 Jun 2013
    assert "only the year is known: USA (2013) and Thailand (2013)" in chart.subtitle
    assert by_gid(chart.fig, "as-of-label").get_text() == "1 Jun 2013"
    assert "up to 1 Jun 2013" in chart.alt_text
    chart = charts.partnership_timeline(["RUS"], as_of="2023-09-10", **kw)  # a dated step on the day counts
    assert chart.title.startswith("As of 10 Sep 2023, Vietnam had 4 comprehensive strategic partnerships")
    with pytest.raises(ValueError, match="as_of must be a date like '2024-06-18'"):
        charts.partnership_timeline(as_of="June 2024", **kw)
    with pytest.raises(ValueError, match="on or before 1 Jan 1990"):
        charts.partnership_timeline(as_of="1990-01-01", **kw)



def test_trade_by_partner(t):
    chart = charts.trade_by_partner(trade=t["vietnam_trade"], countries=t["countries"], sources=t["sources"])
    check_common(chart, ["Fixture Customs"])
    assert chart.title == "Vietnam traded US$ 171.8 bn with China (2023) but only US$ 3.6 bn with Russia (2023)"
    ax = chart.fig.axes[0]
    ticks = ax.get_yticklabels()
    assert ticks[0].get_text().startswith("China\n2023") and ticks[3].get_text().startswith("Russia")
    assert ticks[3].get_fontweight() == "bold"
    exports = [p for p in ax.patches if p.get_gid() == "bars-exports"]
    assert [round(p.get_width(), 1) for p in exports] == [61.2, 97.0, 23.5, 2.3]
    assert tuple(exports[0].get_facecolor()) == pytest.approx(to_rgba(style.OKABE_ITO["blue"]))
    assert by_gid(chart.fig, "total-RUS").get_text() == "3.6"
    assert "$" in chart.title and "US$ 171.8 bn" in style.text_by_gid(chart.fig, "title")  # no mathtext
    with pytest.raises(ValueError, match="No trade data for 1990"):
        charts.trade_by_partner(1990, trade=t["vietnam_trade"], countries=t["countries"], sources=t["sources"])
