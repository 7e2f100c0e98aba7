"""The one vocabulary of certainty (data/certainty.csv, data/notes/certainty.md) and its mechanical rules."""

import pytest

from lessonkit import data, validate

LEVELS = list(validate.CERTAINTY_LEVELS)


def _resource(with_confidence=True):
    names = ["id", "confidence", "basis", "source_id", "source_id_2"] if with_confidence else ["id"]
    return {"schema": {"fields": [{"name": n} for n in names]}}


ORIGINS = {"a-reuters": "Reuters", "b-zawya": "Reuters", "c-ap": "Associated Press"}


def _row(level, basis="", s1="a-reuters", s2=""):
    return {"id": "x", "confidence": level, "basis": basis, "source_id": s1, "source_id_2": s2}


def test_vocabulary_table_holds_the_four_levels_in_rank_order():
    table = data.load("certainty").sort_values("rank")
    assert list(table["level"]) == LEVELS
    assert table["label_en"].str.len().gt(0).all() and table["definition_en"].str.len().gt(20).all()


def test_every_confidence_column_uses_the_one_vocabulary():
    for name in data.table_names():
        fields = {f["name"]: f for f in data.resource(name)["schema"]["fields"]}
        if "confidence" in fields:
            assert fields["confidence"]["constraints"]["enum"] == LEVELS, name
            assert "single_source" not in set(data.load(name)["confidence"]), name


def test_every_table_rates_its_rows_or_declares_a_level():
    for name in data.table_names():
        res = data.resource(name)
        has_column = any(f["name"] == "confidence" for f in res["schema"]["fields"])
        assert has_column or res.get("certainty", {}).get("level") in LEVELS + ["none"], name


def test_confirmed_needs_a_basis():
    problems = validate.check_certainty("t.csv", [_row("confirmed")], _resource(), ORIGINS)
    assert [p.rule for p in problems] == ["certainty"] and "basis is empty" in problems[0].detail


def test_only_confirmed_rows_have_a_basis():
    problems = validate.check_certainty("t.csv", [_row("reported", "acting_party")], _resource(), ORIGINS)
    assert len(problems) == 1 and "only confirmed rows" in problems[0].detail


def test_a_republished_agency_story_is_not_independent():
    rows = [_row("confirmed", "independent_sources", "a-reuters", "b-zawya")]
    problems = validate.check_certainty("t.csv", rows, _resource(), ORIGINS)
    assert len(problems) == 1 and "same origin (Reuters)" in problems[0].detail
    assert str(problems[0]).startswith("t.csv, row 1 (line 2)")


def test_independent_sources_need_a_second_source():
    problems = validate.check_certainty("t.csv", [_row("confirmed", "independent_sources")], _resource(), ORIGINS)
    assert len(problems) == 1 and "source_id_2 is empty" in problems[0].detail


@pytest.mark.parametrize("row", [
    _row("confirmed", "independent_sources", "a-reuters", "c-ap"),
    _row("confirmed", "acting_party"),
    _row("official_estimate"),
    _row("alleged"),
])
def test_rows_that_keep_the_rules_pass(row):
    assert validate.check_certainty("t.csv", [row], _resource(), ORIGINS) == []


def test_a_table_without_a_level_is_reported():
    problems = validate.check_certainty("t.csv", [{"id": "x"}], _resource(with_confidence=False), ORIGINS)
    assert len(problems) == 1 and problems[0].row is None
    assert validate.check_certainty("t.csv", [], {**_resource(False), "certainty": {"level": "confirmed"}}, ORIGINS) == []


def test_the_real_data_keep_the_rules():
    origins = {r["source_id"]: r["origin"] for r in data.read_rows("sources")[1]}
    for name in data.table_names():
        res = data.resource(name)
        problems = validate.check_certainty(res["path"], data.read_rows(name)[1], res, origins)
        assert problems == [], "\n".join(map(str, problems))


def test_troops_are_confirmed_only_once_the_acting_states_said_so():
    events = data.load("events").set_index("event_id")
    confirmed = events[events.event.str.contains("troops") & (events.confidence == "confirmed")]
    assert set(confirmed.index) == {"russia-acknowledges-nk-troops-2025", "prk-acknowledges-troops-2025"}
    assert set(confirmed.basis) == {"acting_party"}


def test_chart_words_for_the_levels_come_from_the_certainty_table():
    """The labels charts show are the table's label_en, in its rank order; a changed label shows."""
    from lessonkit import charts
    from lessonkit.model import codes

    table = data.load("certainty")
    assert codes.certainty_labels(table) == dict(zip(table.sort_values("rank")["level"],
                                                     table.sort_values("rank")["label_en"]))
    changed = table.assign(label_en=table["label_en"].where(table["level"] != "confirmed", "Established"))
    chart = charts.flow_diagram(certainty=changed)
    legend = next(leg for leg in chart.fig.legends if leg.get_gid() == "legend-how")
    assert [t.get_text() for t in legend.get_texts()][0] == "Established"
    assert "established" in chart.alt_text and "confirmed)" not in chart.alt_text
