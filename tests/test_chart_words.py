"""The words of the charts that depend on the data's grammar (issue 20, German edition): a
country's grammatical number and article (countries.number_de, article_de) and the certainty
labels for a count (certainty.label_plural_en/_de). Pure logic, but for one chart's text alternative."""

import re

import pandas as pd
import pytest

from lessonkit import data, i18n, validate
from lessonkit.model import captions
from lessonkit.model import codes as code_model
from lessonkit.model import flows as flow_model


@pytest.fixture
def german(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")


# --- certainty labels for a count -------------------------------------------------------------


def test_a_count_takes_the_label_for_one_or_the_plural():
    counted = code_model.certainty_counted(data.load("certainty"))
    assert list(counted) == ["confirmed", "official_estimate", "reported", "alleged"]
    assert counted["official_estimate"] == ("Official estimate", "Official estimates")
    assert flow_model.count_label(16, counted["official_estimate"]) == "16 official estimates"
    assert flow_model.count_label(1, counted["official_estimate"]) == "1 official estimate"
    assert flow_model.count_label(5, counted["confirmed"]) == "5 confirmed"


def test_a_count_in_german_keeps_the_nouns_capital(german):
    counted = code_model.certainty_counted(data.load("certainty"))
    assert flow_model.count_label(16, counted["official_estimate"]) == "16 offizielle Schätzungen"
    assert flow_model.count_label(1, counted["official_estimate"]) == "1 offizielle Schätzung"
    assert flow_model.count_label(5, counted["confirmed"]) == "5 bestätigt"


def test_without_a_plural_column_the_label_serves_for_every_count():
    table = data.load("certainty").drop(columns=["label_plural_en", "label_plural_de"])
    assert code_model.certainty_counted(table)["official_estimate"] == ("Official estimate",) * 2


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
def test_the_flow_diagrams_text_alternative_counts_in_the_plural(german):
    from lessonkit import charts

    alt = charts.flow_diagram().alt_text
    counts = re.search(r"\(([^()]*behauptet)\)", alt).group(1)
    assert "offizielle Schätzungen" in counts and "offizielle Schätzung," not in counts, counts


def test_an_empty_german_plural_label_is_an_error_naming_row_and_column():
    _, rows = data.read_rows("certainty")
    fields = data.resource("certainty")["schema"]["fields"]
    assert validate.check_translations("certainty.csv", rows, fields) == []
    broken = [dict(r) for r in rows]
    broken[1]["label_plural_de"] = ""
    problems = validate.check_translations("certainty.csv", broken, fields)
    assert [str(p) for p in problems] == ["certainty.csv, row 2 (line 3): label_plural_de is empty where "
                                          "label_plural_en is not [translation]"]


# --- a country's number and article ---------------------------------------------------------

# German short names that end like a plural noun (-en, -eln, -ern, -e, -s) but are one state.
SINGULAR_IN_FORM = {"Belarus", "Belize", "Barbados", "Chile", "Côte d'Ivoire", "Kap Verde", "Zypern", "Ägypten",
                    "Honduras", "St. Kitts & Nevis", "Laos", "Libyen", "Litauen", "Mauritius", "Norwegen", "Polen",
                    "Sierra Leone", "São Tomé & Príncipe", "Suriname", "Schweden", "Timor-Leste", "Ukraine",
                    "Jemen", "Simbabwe"}
PLURAL_FORM = re.compile(r"((?<!i)en|eln|ern|e|s)$")


def _plural_in_form(short: str, long: str) -> bool:
    """Ends like a German plural noun, or abbreviates one ('VAE': 'Vereinigte Arabische Emirate')."""
    return bool(PLURAL_FORM.search(short.split()[-1])) or (short.isupper() and long.startswith("Vereinigte "))


def test_every_german_name_plural_in_form_is_marked_plural():
    countries = data.load("countries")
    plural = set(countries.loc[countries["number_de"] == "plural", "short_name_de"])
    in_form = {s for s, n in zip(countries["short_name_de"], countries["name_de"]) if _plural_in_form(s, n)}
    assert in_form - plural - SINGULAR_IN_FORM == set(), "plural in form, but number_de is singular"
    assert plural <= in_form, "marked plural, but not plural in form: extend the form rule of this test"
    assert SINGULAR_IN_FORM <= in_form and not SINGULAR_IN_FORM & plural
    assert {"USA", "Niederlande", "Philippinen", "VAE"} <= plural


def test_a_plural_name_takes_die_and_the_columns_are_declared():
    countries = data.load("countries").set_index("iso3")
    assert (countries.loc[countries["number_de"] == "plural", "article_de"] == "die").all()
    fields = {f["name"]: f for f in data.resource("countries")["schema"]["fields"]}
    assert fields["number_de"]["constraints"] == {"required": True, "enum": ["singular", "plural"]}
    assert fields["article_de"]["constraints"]["enum"] == ["der", "die", "das"]
    assert countries.at["RUS", "number_de"] == "singular" and pd.isna(countries.at["RUS", "article_de"])
    assert countries.at["IRN", "article_de"] == "der" and countries.at["CHE", "article_de"] == "die"


def test_a_bad_number_is_an_error_naming_row_and_column():
    _, rows = data.read_rows("countries")
    fields = data.resource("countries")["schema"]["fields"]
    broken = [dict(r) for r in rows]
    at = next(i for i, r in enumerate(rows) if r["iso3"] == "USA")
    broken[at]["number_de"] = "plur"
    problems = validate.check_cells("countries.csv", broken, fields)
    assert [str(p) for p in problems] == [f"countries.csv, row {at + 1} (line {at + 2}): number_de 'plur' is not "
                                          "one of singular, plural [enum]"]


def test_subject_names_put_the_article_and_the_number_in_german(german):
    countries = data.load("countries")
    subjects = code_model.subject_names(countries, ["USA", "RUS", "NLD", "IRN"])
    assert subjects == {"USA": ("die USA", True), "RUS": ("Russland", False), "NLD": ("die Niederlande", True),
                        "IRN": ("der Iran", False)}


def test_subject_names_in_english_are_the_short_names():
    countries = data.load("countries")
    assert code_model.subject_names(countries, ["USA", "NLD"]) == {"USA": ("USA", False),
                                                                    "NLD": ("Netherlands", False)}


def test_subject_names_without_the_columns_are_the_names_alone(german):
    bare = data.load("countries").drop(columns=["number_de", "article_de"])
    assert code_model.subject_names(bare, ["USA"]) == {"USA": ("USA", False)}


def test_the_verb_agrees_with_a_plural_name(german):
    named = [("Russland", "N", False), ("die USA", "Y", True), ("China", "A", False)]
    assert captions.highlight_phrase(named) == "Russland stimmte mit Nein; die USA stimmten mit Ja; China enthielt sich"
    assert captions.highlight_phrase([("Russland", "N"), ("Nordkorea", "N")]) == "Russland und Nordkorea stimmten mit Nein"
    assert captions.group_vote_phrase([("die Philippinen", "Y", True), ("Laos", "A", False)]) == \
        "die Philippinen stimmten mit Ja; Laos enthielt sich"
    assert captions.verb_count([("Vietnam", False)]) == 1
    assert captions.verb_count([("die USA", True)]) == 2
    assert captions.verb_count([("Vietnam", False), ("Laos", False)]) == 2


def test_the_english_verbs_are_the_same_for_one_and_many():
    assert captions.highlight_phrase([("USA", "Y", False)]) == "USA voted yes"
    assert captions.highlight_phrase([("USA", "Y", True)]) == "USA voted yes"


def test_the_seat_chart_says_die_usa_stimmten(german):
    from lessonkit.model import votes as vote_model

    tables = {n: data.load(n) for n in ("un_resolutions", "un_votes", "countries")}
    row = code_model.check_resolution("ES-11/3", tables["un_resolutions"])
    shape = vote_model.seat_shape(row, tables["un_votes"], tables["countries"], ["VNM", "USA"])
    assert shape["named"] == [("Vietnam", "N", False), ("die USA", "Y", True)]
    title, _, alt = captions.seat_words(row, shape, ["VNM", "USA"])
    assert title.endswith("Vietnam stimmte mit Nein; die USA stimmten mit Ja")
    assert "USA stimmte " not in alt


def test_the_vote_grid_finding_agrees_with_a_plural_name(german):
    from lessonkit import charts

    assert charts.vote_grid(["NLD", "CHN"], reference="USA").title == (
        "Die Niederlande, China: die Niederlande stimmten am häufigsten wie die USA (6 von 6 Abstimmungen)")


# --- titles the chart font cannot draw ------------------------------------------------------


def test_a_title_the_picture_cannot_draw_points_to_the_sources_section():
    row = {"publisher": "SBS (published on Daum News)", "title": "러에 넘어간 컨테이너 2천 개", "published": "2023-11-02"}
    latin = lambda text: all(ord(c) < 0x1100 for c in text)  # noqa: E731 (a font without Hangul)
    assert data.format_source(row) == "SBS (published on Daum News), “러에 넘어간 컨테이너 2천 개” (2 Nov 2023)"
    assert data.format_source(row, drawable=latin) == \
        "SBS (published on Daum News), [title in the Sources section] (2 Nov 2023)"
    assert data.format_source({**row, "title": "N. Korea sent 1,000 containers"}, drawable=latin) == \
        "SBS (published on Daum News), “N. Korea sent 1,000 containers” (2 Nov 2023)"


def test_the_chart_font_draws_latin_and_cyrillic_but_not_hangul():
    from lessonkit.charts import style

    assert style.drawable("Südkorea – „über 3 Millionen“ · 12.000 € Россия")
    assert not style.drawable("러에") and not style.drawable("北") and not style.drawable("ウクライナ")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_seoul_charts_source_line_has_no_glyph_its_font_lacks(lang, monkeypatch):
    from lessonkit import charts
    from lessonkit.charts import style

    monkeypatch.setattr(i18n, "_chosen", lang)
    estimates = data.load("sk_estimates")
    # from 2 November 2023 on, the first sources cited are SBS and Segye Ilbo, with Korean titles
    chart = charts.seoul_estimates(sk_estimates=estimates[estimates["announced"] >= "2023-11-02"])
    assert chart.source_line.startswith(("Sources: SBS", "Quellen: SBS"))
    assert style.drawable(chart.source_line)
    assert chart.source_line.count(i18n.t("[title in the Sources section]")) == 2
    drawn = [t.get_text() for t in chart.fig.texts]
    assert all(style.drawable(text) for text in drawn)


# --- names after a preposition (German cases) -----------------------------------------------


def test_german_names_after_von_zwischen_and_for_a_direction(german):
    countries = data.load("countries")
    codes = ["USA", "NLD", "IRN", "UKR", "RUS"]
    assert code_model.dative_names(countries, codes) == {"USA": "den USA", "NLD": "den Niederlanden",
                                                         "IRN": "dem Iran", "UKR": "der Ukraine", "RUS": "Russland"}
    assert code_model.route_names(countries, codes) == {
        "USA": ("von den USA", "in die USA"), "NLD": ("von den Niederlanden", "in die Niederlande"),
        "IRN": ("vom Iran", "in den Iran"), "UKR": ("von der Ukraine", "in die Ukraine"),
        "RUS": ("von Russland", "nach Russland")}


def test_english_names_after_a_preposition_are_the_short_names():
    countries = data.load("countries")
    assert code_model.dative_names(countries, ["USA"]) == {"USA": "USA"}
    assert code_model.route_names(countries, ["USA"]) == {"USA": ("USA", "USA")}


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
def test_the_flow_diagram_says_in_die_ukraine_and_von_den_usa(german):
    from lessonkit import charts

    chart = charts.flow_diagram()
    assert "; von Südkorea in die Ukraine: Artilleriegranaten" not in chart.alt_text
    assert "): von Südkorea in die Ukraine: Artilleriegranaten" in chart.alt_text
    assert "; von Südkorea in die USA:" in chart.alt_text and "nach USA" not in chart.alt_text
    assert "von Nordkorea nach Russland" in chart.title
    assert charts.flow_diagram(["USA", "UKR"]).title.startswith(
        "Lieferungen in den Daten unter Beteiligung der USA oder der Ukraine laufen am häufigsten von Südkorea "
        "in die Ukraine")
    assert charts.flow_diagram(["VNM"]).alt_text.startswith("Diagramm mit 5 Lieferungen in den Daten unter "
                                                            "Beteiligung Vietnams,")


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
def test_every_edge_of_the_german_flow_text_alternative_says_where_from(german):
    from lessonkit import charts

    alt = charts.flow_diagram(["VNM"]).alt_text
    edges = alt.split("): ", 1)[1].split("; ")
    # one part per pair of states: the pair is named once, however many kinds of goods it carries
    assert edges == ["von Russland nach Vietnam: Marinetechnik, Kampfflugzeuge, Ausbildung, Militärtechnik "
                     "(sicherster Beleg: bestätigt)."], alt
    everything = charts.flow_diagram().alt_text.split("): ", 1)[1].split("; ")
    assert all(e.startswith(("von ", "vom ", "und ")) for e in everything), everything
    assert len(everything) == len({e.split(":")[0] for e in everything}) == 5  # each pair once, all five shown


def test_the_route_words_come_from_the_countries_table(german):
    countries = data.load("countries")
    assert {"short_name_de_von", "short_name_de_nach"} <= {
        f["name"] for f in data.resource("countries")["schema"]["fields"]}
    edited = countries.assign(short_name_de_von=countries["short_name_de_von"].where(
        countries["iso3"] != "IRN", "aus dem Iran"))
    assert code_model.route_names(edited, ["IRN"]) == {"IRN": ("aus dem Iran", "in den Iran")}
    # a table without the columns (a student's own), or none: 'von'/'nach' and the name
    bare = countries.drop(columns=["short_name_de_von", "short_name_de_nach"])
    assert code_model.route_names(bare, ["IRN"]) == {"IRN": ("von Iran", "nach Iran")}
    assert code_model.route_names(None, ["IRN"]) == {"IRN": ("von IRN", "nach IRN")}


def test_every_state_has_route_words_that_agree_with_its_article():
    countries = data.load("countries")
    for _, row in countries.iterrows():
        source, goal = row["short_name_de_von"], row["short_name_de_nach"]
        assert source.startswith(("von ", "vom ")), row["iso3"]
        assert source.endswith(row["short_name_de_dative"].split(" ", 1)[-1]), row["iso3"]
        has_article = isinstance(row["article_de"], str) and row["article_de"] != ""
        assert goal.startswith("in " if has_article else "nach "), row["iso3"]
        assert goal.endswith(row["short_name_de"]), row["iso3"]
    assert dict(zip(countries["iso3"], countries["short_name_de_von"]))["IRN"] == "vom Iran"


def test_the_flow_diagram_in_english_is_unchanged():
    from lessonkit import charts

    chart = charts.flow_diagram(["USA", "UKR"])
    assert chart.title.startswith("Transfers in the data involving USA or Ukraine run most often from South Korea "
                                  "to Ukraine (ammunition)")


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
def test_the_trade_title_and_the_grid_subtitle_say_mit_den_usa_and_von_den_usa(german):
    from lessonkit import charts

    trade = data.load("vietnam_trade")
    title = charts.trade_by_partner(trade=trade[trade["partner_iso3"] != "RUS"]).title
    assert ", mit den USA um " in title and "mit USA" not in title
    assert "Stimmen wie die von den USA (" in charts.vote_grid(["NLD", "CHN"], reference="USA").subtitle
    assert "Stimmen wie die vom Iran (" in charts.vote_grid(["NLD", "CHN"], reference="IRN").subtitle


# --- case forms from countries.short_name_de_dative / _genitive (declared, not code rules) ---


def test_german_genitive_names_for_unter_beteiligung(german):
    countries = data.load("countries")
    assert code_model.genitive_names(countries, ["USA", "NLD", "IRN", "UKR", "RUS", "VNM", "LAO"]) == {
        "USA": "der USA", "NLD": "der Niederlande", "IRN": "des Iran", "UKR": "der Ukraine", "RUS": "Russlands",
        "VNM": "Vietnams", "LAO": "von Laos"}


def test_the_case_forms_come_from_the_countries_table(german, monkeypatch):
    countries = data.load("countries")
    assert {"short_name_de_dative", "short_name_de_genitive"} <= {
        f["name"] for f in data.resource("countries")["schema"]["fields"]}
    edited = countries.assign(short_name_de_dative=countries["short_name_de_dative"].where(
        countries["iso3"] != "USA", "den Vereinigten Staaten"))
    assert code_model.dative_names(edited, ["USA"]) == {"USA": "den Vereinigten Staaten"}
    # a table without the columns (a student's own): the name alone
    bare = countries.drop(columns=["short_name_de_dative", "short_name_de_genitive"])
    assert code_model.genitive_names(bare, ["USA"]) == {"USA": "USA"}
    monkeypatch.setattr(i18n, "_chosen", "en")
    assert code_model.genitive_names(countries, ["USA"]) == {"USA": "USA"}


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
def test_the_partnership_timeline_lists_die_usa_after_its_colon(german):
    from lessonkit import charts

    subtitle = charts.partnership_timeline(["RUS", "CHN", "USA"]).subtitle
    assert subtitle.endswith("Umrandet und fett: Russland, China und die USA."), subtitle


def test_the_partnership_timeline_in_english_is_unchanged():
    from lessonkit import charts

    assert charts.partnership_timeline(["RUS", "CHN", "USA"]).subtitle.endswith(
        "Outlined and bold: Russia, China and USA.")


# --- counts in the Seoul estimates' text alternative ---------------------------------------


def test_the_seoul_text_alternative_says_one_multilateral_estimate():
    from lessonkit import charts

    alt = charts.seoul_estimates().alt_text
    assert alt.startswith("Dot chart of 9 South Korean estimates and 1 multilateral estimate over time"), alt
    # who announced follows the date after a comma: no brackets inside brackets
    assert "16 Oct 2023, Ministry of National Defense (official): over 1,000 containers" in alt, alt
    assert "((" not in alt and "))" not in alt


def test_the_seoul_text_alternative_in_german_says_einer_multilateralen_schaetzung(german):
    from lessonkit import charts

    alt = charts.seoul_estimates().alt_text
    assert alt.startswith("Punktdiagramm von 9 südkoreanischen Schätzungen und einer multilateralen Schätzung "
                          "im Zeitverlauf"), alt
    assert i18n.nt("{n} multilateral estimate", "{n} multilateral estimates", 2) == "2 multilateralen Schätzungen"
    assert i18n.nt("{n} South Korean estimate", "{n} South Korean estimates", 1) == "einer südkoreanischen Schätzung"


# --- whose statistics, in German ---------------------------------------------------------------


def test_the_german_trade_chart_names_the_reporter_in_german_and_filters_by_its_english_name(german):
    from lessonkit import charts

    trade = data.load("vietnam_trade")
    assert "Vietnam customs (GSO)" in set(trade["reporter"]), "reporter keeps its English values for filters"
    chart = charts.trade_by_partner()
    assert "China 205,2 (2024, Vietnamesischer Zoll (GSO))" in chart.alt_text and "customs" not in chart.alt_text
    ticks = [lab.get_text() for lab in chart.fig.axes[0].get_yticklabels()]
    assert ticks[0].startswith("China\n2024 \u00b7 Vietnamesischer Zoll"), ticks
    us = charts.trade_by_partner(reporter="US Census Bureau")
    assert "US-Statistikamt (Census Bureau)" in us.alt_text


def test_every_trade_row_says_whose_statistics_by_code():
    trade = data.load("vietnam_trade")
    by_reporter = trade.groupby("reporter")["reporter_iso3"].agg(set).to_dict()
    assert by_reporter == {"Vietnam customs (GSO)": {"VNM"}, "Vietnam Ministry of Industry and Trade": {"VNM"},
                           "Vietnam embassy/trade office in Russia": {"VNM"}, "China customs": {"CHN"},
                           "China Ministry of Commerce": {"CHN"}, "US Census Bureau": {"USA"}}


def test_the_german_arms_title_puts_the_supplier_in_the_genitive(german):
    import pandas as pd

    from lessonkit.charts import arms_imports

    shares = pd.DataFrame({"USA": [50.0, 40.0]}, index=["2014\u20132018", "2019\u20132023"])
    title = arms_imports._arms_title(shares, {"USA": "USA"}, pct=True, genitives={"USA": "der USA"})
    assert title.startswith("Der Anteil der USA an Vietnams Waffenimporten sank von 50"), title


@pytest.mark.slow  # draws a whole chart from the real tables (make test runs it)
def test_the_german_arms_chart_says_der_anteil_russlands(german):
    from lessonkit import charts

    title = charts.vietnam_arms_imports().title
    assert title.startswith("Der Anteil Russlands an Vietnams Waffenimporten"), title
