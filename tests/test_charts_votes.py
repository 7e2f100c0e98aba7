"""Seat charts, tile maps and vote grids on the small fixtures in tests/fixtures/charts
(tests/chart_fixture.py): titles, labels, colours and highlighted states are checked on the returned
figure's artists, not on pixels."""

import pytest
from matplotlib.colors import to_rgba

from lessonkit import charts
from lessonkit.charts import style
from chart_fixture import by_gid, check_common, texts, votes_kw

pytestmark = pytest.mark.filterwarnings("error")


def test_seat_chart(t):
    chart = charts.seat_chart("FX-1", ["RUS", "PRK", "VNM", "CHN"], **votes_kw(t))
    check_common(chart, ["UN Fixture Office", "UN Fixture Library"])
    assert "Fixture News" not in chart.source_line  # only the sources of this resolution
    assert chart.title == "FX-1: 7 in favour, 3 against \u2013 Russia and North Korea voted no; Vietnam and China abstained"
    assert chart.alt_text == ("Seat chart of FX-1 (2 Mar 2022): 7 yes, 3 no, 3 abstain, 1 not voting; "
                              "Russia and North Korea voted no; Vietnam and China abstained.")
    for vote, n in {"Y": 7, "N": 3, "A": 3, "NV": 1}.items():
        seats = by_gid(chart.fig, f"seats-{vote}")
        assert len(seats.get_offsets()) == n
        assert tuple(seats.get_facecolor()[0]) == pytest.approx(to_rgba(style.VOTE_COLORS[vote]))
    assert len(by_gid(chart.fig, "highlight-N").get_offsets()) == 2
    assert len(by_gid(chart.fig, "highlight-A").get_offsets()) == 2
    assert by_gid(chart.fig, "label-RUS").get_text() == "Russia: no"
    assert by_gid(chart.fig, "label-VNM").get_text() == "Vietnam: abstain"
    legend = [x.get_text() for x in chart.fig.axes[0].get_legend().get_texts()]
    assert legend == ["Yes (7)", "Abstain (3)", "Not voting (1)", "No (3)"]
    assert set(chart.table().columns) >= {"iso3", "vote", "highlighted"}
    assert chart.table().loc[chart.table()["highlighted"], "iso3"].tolist() != []



def test_seat_chart_totals_only(t):
    chart = charts.seat_chart("FX-3", **votes_kw(t))
    assert "not how each state voted" in chart.subtitle
    assert "how individual states voted is not in the data" in chart.alt_text
    assert len(by_gid(chart.fig, "seats-Y").get_offsets()) == 9
    assert chart.table().set_index("vote")["count"].to_dict() == {"Y": 9, "N": 2, "A": 2, "NV": 1}



def test_seat_chart_without_frame_keeps_texts_on_the_chart(t):
    chart = charts.seat_chart("FX-1", frame=False, **votes_kw(t))
    assert style.text_by_gid(chart.fig, "title") == "" and chart.title and chart.source_line



@pytest.mark.parametrize("func", [charts.seat_chart, charts.tile_map])
def test_unknown_resolution_is_a_clear_error(t, func):
    with pytest.raises(ValueError, match=r"Unknown resolution 'ES-99/1'.*Valid resolutions: FX-1, FX-2, FX-3"):
        func("ES-99/1", **votes_kw(t))



@pytest.mark.parametrize("func", [charts.seat_chart, charts.tile_map])
def test_unknown_country_is_a_clear_error(t, func):
    with pytest.raises(ValueError, match=r"Unknown country code 'XXX'.*RUS"):
        func("FX-1", ["RUS", "XXX"], **votes_kw(t))



@pytest.mark.slow  # draws whole charts
def test_tile_map(t):
    chart = charts.tile_map("FX-1", ["RUS", "VNM"], **votes_kw(t))
    check_common(chart, ["UN Fixture Office"])
    assert chart.title == "FX-1: 7 in favour, 3 against; most abstentions came from Asia-Pacific states (3 of 3)"
    assert "Russia voted no; Vietnam abstained" in chart.alt_text
    assert "One equal tile per member state" in chart.subtitle
    legend = [x.get_text() for x in chart.fig.legends[0].get_texts()]
    assert legend[:4] == ["Yes (7)", "No (3)", "Abstain (3)", "Not voting (1)"]
    assert "highlighted" in legend
    assert set(chart.table().query("highlighted")["iso3"]) == {"RUS", "VNM"}



@pytest.mark.slow  # draws whole charts
def test_vote_grid(t):
    chart = charts.vote_grid("actors", **votes_kw(t))
    check_common(chart, ["UN Fixture Office"])
    assert chart.title == "The states named in the article: North Korea voted as Russia did most often (2 of 2 votes)"
    fig = chart.fig
    cell = by_gid(fig, "cell-CHN-FX-2")
    assert tuple(cell.get_facecolor()) == pytest.approx(to_rgba(style.VOTE_COLORS["N"]))
    assert by_gid(fig, "row-RUS").get_text() == "Russia (reference)"
    assert by_gid(fig, "agree-CHN").get_text() == "1 of 2"
    assert by_gid(fig, "col-FX-1").get_text().startswith("FX-1")
    rows = [x.get_gid() for x in fig.axes[0].texts if (x.get_gid() or "").startswith("row-")]
    assert rows[:2] == ["row-RUS", "row-PRK"]  # reference first, then by agreement
    assert "FX-3" in chart.subtitle  # left out: no country list
    table = chart.table()
    assert table.set_index("iso3").at["VNM", "FX-1"] == "A" and "same_as_RUS" in table.columns



def test_vote_grid_with_a_totals_only_column_and_a_vote_group(t):
    chart = charts.vote_grid("against:FX-1", ["FX-1", "FX-3"], **votes_kw(t))
    assert chart.title.startswith("The 3 states that voted against FX-1 on FX-1:")
    cell = by_gid(chart.fig, "cell-BLR-FX-3")
    assert cell.get_hatch() == "xxx" and tuple(cell.get_facecolor()) == pytest.approx(to_rgba("white"))
    assert "no country list" in texts(chart.fig)



def test_vote_grid_errors(t):
    with pytest.raises(ValueError, match="Unknown group 'g7'"):
        charts.vote_grid("g7", **votes_kw(t))
    with pytest.raises(ValueError, match="Unknown resolution 'FX-7'"):
        charts.vote_grid("asean", ["FX-7"], **votes_kw(t))
    with pytest.raises(ValueError, match="Unknown country code 'ZZZ'"):
        charts.vote_grid(["RUS", "ZZZ"], **votes_kw(t))
