"""Every chart function on the small fixtures in tests/fixtures/charts: titles, labels, colours
and highlighted states are checked on the returned figure's artists, not on pixels."""

import base64
import html
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from lessonkit import charts, data
from lessonkit.charts import Chart, style

pytestmark = pytest.mark.filterwarnings("error")

FIXTURES = Path(__file__).parent / "fixtures" / "charts"
TABLES = ("sources", "countries", "un_resolutions", "un_votes", "transfers", "sk_estimates",
          "vietnam_arms_imports", "vietnam_partnerships", "vietnam_trade")


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    return {n: data.load(n, FIXTURES) for n in TABLES}


def votes_kw(t):
    return dict(resolutions=t["un_resolutions"], votes=t["un_votes"], countries=t["countries"], sources=t["sources"])


def texts(fig) -> list[str]:
    """Every text drawn on the figure (figure texts, axes texts, annotations, legends, ticks)."""
    out = [x.get_text() for x in fig.texts]
    for ax in fig.axes:
        out += [x.get_text() for x in ax.texts]
        out += [lab.get_text() for lab in ax.get_yticklabels() + ax.get_xticklabels()]
        if ax.get_legend():
            out += [x.get_text() for x in ax.get_legend().get_texts()]
    for leg in fig.legends:
        out += [x.get_text() for x in leg.get_texts()] + [leg.get_title().get_text()]
    return out


def by_gid(fig, gid):
    for ax in fig.axes:
        for artist in ax.get_children():
            if artist.get_gid() == gid:
                return artist
    raise AssertionError(f"no artist with gid {gid!r}")


def check_common(chart: Chart, source_publishers: list[str]):
    """What every chart shares: house title, source line from the sources table, one-sentence
    alt text, a data table, a PNG, fixed width, not registered with pyplot."""
    fig = chart.fig
    assert style.text_by_gid(fig, "title") == chart.title and chart.title
    source = style.text_by_gid(fig, "source")
    assert source == chart.source_line and source.startswith("Source")
    for publisher in source_publishers:
        assert publisher in source
    assert chart.alt_text.endswith(".") and "\n" not in chart.alt_text and chart.alt_text.count(". ") == 0
    assert isinstance(chart.table(), pd.DataFrame) and len(chart.table())
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"
    assert fig.get_figwidth() == style.WIDTH and fig.dpi == style.DPI
    assert plt.get_fignums() == []
    assert chart.kind in repr(chart)


# --- seat chart ----------------------------------------------------------------------------


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


# --- tile map and grid ---------------------------------------------------------------------


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


# --- arms flows ----------------------------------------------------------------------------


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


def test_chart_displays_picture_then_text_alternative(t):
    from unittest import mock

    chart = charts.seat_chart("FX-1", **votes_kw(t))
    shown = []
    with mock.patch("IPython.display.display", side_effect=lambda *a, **k: shown.append((a, k))):
        chart._ipython_display_()
    (bundle,), kwargs = shown[0]
    from lessonkit.png import smaller

    # The picture once, as a palette PNG inside the <img> that carries the alt text.
    assert set(bundle) == {"text/html", "text/plain"} and bundle["text/plain"] == chart.alt_text and kwargs["raw"]
    assert base64.b64encode(smaller(chart.png())).decode() in bundle["text/html"]
    assert f'alt="{html.escape(chart.alt_text, quote=True)}"' in bundle["text/html"]
    markdown = shown[1][0][0]
    assert markdown.data == f"*Text alternative:* {chart.alt_text}"


def test_seoul_subtitle_counts_capacity_figures_from_the_table(t):
    sk = t["sk_estimates"]
    with_shells = sk["shells"].notna()
    none = charts.seoul_estimates(sk_estimates=sk.assign(shells_from_capacity=False), sources=t["sources"])
    assert "container capacity" not in none.subtitle
    every = charts.seoul_estimates(sk_estimates=sk.assign(shells_from_capacity=with_shells), sources=t["sources"])
    assert "All shell figures convert container capacity into shells" in every.subtitle
