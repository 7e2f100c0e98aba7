"""Every chart on the real tables in data/ (loaded and validated by lessonkit.data).

These are ordinary tests: if a table is missing or broken they fail, on purpose."""

import matplotlib.pyplot as plt
import pytest

from lessonkit import charts, data
from lessonkit.charts import style
from lessonkit.model import codes as code_model
from lessonkit.model import votes as vote_model

pytestmark = [pytest.mark.filterwarnings("error"), pytest.mark.slow]


@pytest.fixture(scope="module")
def resolutions():
    return data.load("un_resolutions")


@pytest.fixture(scope="module")
def votes():
    return data.load("un_votes")


@pytest.fixture(scope="module")
def source_ids():
    return set(data.load("sources")["source_id"])


def check(chart, source_ids):
    assert chart.title and style.text_by_gid(chart.fig, "title") == chart.title
    assert chart.alt_text.endswith(".") and "\n" not in chart.alt_text
    assert chart.source_line.startswith("Source") and style.text_by_gid(chart.fig, "source") == chart.source_line
    assert len(chart.sources) and set(chart.sources["source_id"]) <= source_ids  # every cited source exists
    assert len(chart.table())
    assert chart.png()[:4] == b"\x89PNG"
    assert plt.get_fignums() == []


def resolution_ids(resolutions):
    return code_model.resolution_ids(resolutions)


def test_seat_chart_for_every_resolution(resolutions, votes, source_ids):
    for sid in resolution_ids(resolutions):
        chart = charts.seat_chart(sid)
        check(chart, source_ids)
        row = code_model.check_resolution(sid, resolutions)
        totals = vote_model.totals_from_resolution(row)
        seats = {v: len(chart.fig.axes[0].findobj(lambda a, v=v: a.get_gid() == f"seats-{v}")[0].get_offsets())
                 for v in style.VOTE_CODES}
        assert seats == totals, sid
        assert chart.title.startswith(f"{sid}: {totals['Y']} in favour, {totals['N']} against")


def test_es_11_1_names_the_articles_states(resolutions, votes):
    chart = charts.seat_chart("ES-11/1", ["RUS", "PRK", "VNM", "CHN"])
    v = vote_model.votes_for(votes, "ES-11/1").set_index("iso3")["vote"]
    for code, name in (("RUS", "Russia"), ("PRK", "North Korea"), ("VNM", "Vietnam"), ("CHN", "China")):
        label = chart.fig.axes[0].findobj(lambda a, c=code: a.get_gid() == f"label-{c}")[0]
        assert label.get_text() == f"{name}: {style.vote_label(v[code]).lower()}"
        assert name in chart.alt_text


def test_tile_map_for_every_resolution_with_country_votes(resolutions, votes, source_ids):
    with_votes = [sid for sid in resolution_ids(resolutions)
                  if vote_model.has_country_votes(code_model.check_resolution(sid, resolutions), votes)]
    assert with_votes
    for sid in with_votes:
        chart = charts.tile_map(sid)
        check(chart, source_ids)
        assert (chart.table()["vote"] != "").sum() == 193


def test_tiles_cover_the_countries_table():
    assert vote_model.tile_problems(vote_model.load_tiles(), data.load("countries")["iso3"]) == []


def test_vote_grids(resolutions, source_ids):
    for group in ("asean", "actors"):
        check(charts.vote_grid(group), source_ids)
    row = code_model.check_resolution("ES-11/3", resolutions)
    chart = charts.vote_grid("against:ES-11/3")
    check(chart, source_ids)
    assert chart.title.startswith(f"The {int(row['no'])} states that voted against ES-11/3")
    assert len(chart.table()) == int(row["no"])  # Russia, the reference row, is one of them
    assert "VNM" in set(chart.table()["iso3"])


def test_arms_and_vietnam_charts(source_ids):
    for chart in (charts.flow_diagram(), charts.seoul_estimates(), charts.vietnam_arms_imports(),
                  charts.partnership_timeline(), charts.trade_by_partner()):
        check(chart, source_ids)


def test_flow_diagram_for_the_visit_states(source_ids):
    chart = charts.flow_diagram(["RUS", "PRK"], only_between=True)
    check(chart, source_ids)
    assert set(chart.table()["from_iso3"]) | set(chart.table()["to_iso3"]) == {"RUS", "PRK"}
    assert "North Korea" in chart.title and "Russia" in chart.title


def test_explorer_on_real_data(resolutions):
    explorer = charts.vote_explorer()
    for sid in resolution_ids(resolutions):
        explorer.resolution.value = sid
        assert explorer.chart.title.startswith(sid)
    explorer.view.value = "map"
    assert explorer.chart.kind == "tile_map"
    assert plt.get_fignums() == []


def test_flow_titles_on_the_real_transfers():
    chart = charts.flow_diagram()
    # the only confirmed flow back to North Korea is food: the title must not shrink it to "oil"
    assert chart.title.endswith("; technology, food, oil and money in return")
    chart = charts.flow_diagram(confidence="confirmed")
    assert set(chart.table()["confidence"]) == {"confirmed"}
    assert "food in return" in chart.title and "oil" not in chart.title


def test_flow_explorer_on_real_data_every_option():
    explorer = charts.flow_explorer()
    fig = explorer.chart.fig
    for conf in [v for _, v in explorer.confidence.options]:
        explorer.confidence.value = conf
        for cat in [v for _, v in explorer.category.options]:
            explorer.category.value = cat
            assert explorer.image.value[:4] == b"\x89PNG"
            assert (explorer.chart is None) == bool(explorer.message)  # a diagram or a message, never an error
            if explorer.chart is not None:
                assert explorer.chart.fig is fig
    assert plt.get_fignums() == []


def test_seoul_estimates_title_is_neutral_and_marks_the_msmt():
    chart = charts.seoul_estimates()
    assert chart.title == ("South Korean and allied estimates of North Korean shells sent to Russia grew with each "
                           "announcement \u2013 counted over different periods")
    assert "Seoul's" not in chart.title and "12 million" not in chart.title
    msmt = chart.table().query("estimator == 'multilateral'")
    assert len(msmt) == 1 and msmt["announced_by"].iloc[0].startswith("Multilateral Sanctions Monitoring Team")
    point = chart.fig.axes[0].findobj(lambda a: a.get_gid() == "points-shells-multilateral")[0]
    assert point.get_marker() == "D"


def test_vietnam_arms_imports_defaults():
    chart = charts.vietnam_arms_imports()
    assert list(chart.table()["period"].unique()) == ["2014\u20132018", "2017\u20132021", "2019\u20132023"]
    assert "2000\u20132023" in chart.subtitle  # said to be left out
    assert "2000\u20132023" in set(charts.vietnam_arms_imports(periods="all").table()["period"])


def test_partnership_timeline_as_of_the_article():
    chart = charts.partnership_timeline(as_of="2024-06-18")
    assert chart.title.startswith("As of 18 Jun 2024, Vietnam had 7 comprehensive strategic partnerships")
    assert chart.table()["year"].max() == 2024 and "FRA" in set(chart.table()["partner_iso3"])  # strategic only
    assert "Only steps taken by 18 Jun 2024" in chart.subtitle
