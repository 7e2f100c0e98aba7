"""The tables in data/: every table loads, every invariant holds, broken copies are named."""

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lessonkit import data
from lessonkit.article import check_quote
from lessonkit.validate import DataError

ROOT = Path(__file__).resolve().parents[1]


def _table_names() -> list[str]:
    """The tables to test, read when the tests are collected. A broken descriptor must not stop
    the collection of the whole suite: the one test it then yields fails with the DataError."""
    try:
        return data.table_names()
    except Exception:
        return ["(datapackage.json unreadable)"]


TABLES = _table_names()


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_and_has_sources(name):
    frame = data.load(name)
    assert len(frame) > 0
    if name == "flow_positions":  # a layout, not facts: it says so and cites nothing
        assert "not a fact" in data.resource(name)["description"] and not data.source_ids(name)
    elif name not in ("sources", "certainty"):  # certainty: the package's own definitions (data/notes/certainty.md)
        src = data.sources_for(name)
        assert len(src) > 0, f"{name} has no sources"
        assert src[["publisher", "title", "url", "published"]].notna().all().all()


@pytest.mark.slow
def test_whole_package_passes_frictionless():
    from frictionless import validate

    report = validate(str(ROOT / "data" / "datapackage.json"))
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors] + [e.message for e in report.errors]
    assert report.valid, "\n".join(errors[:10])


@pytest.mark.slow
def test_source_lists_in_datapackage_are_in_step():
    result = subprocess.run([sys.executable, "tools/sync_sources.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_source_is_used_by_some_table():
    used = {i for name in TABLES for i in data.source_ids(name)}
    unused = set(data.load("sources").source_id) - used
    assert not unused, f"sources.csv lists sources no table uses: {sorted(unused)}"


def test_countries_are_the_193_un_members():
    countries = data.load("countries")
    assert len(countries) == 193
    assert countries.iso3.is_unique
    assert {"RUS", "PRK", "KOR", "VNM", "CHN", "USA", "UKR"} <= set(countries.iso3)


def test_vote_counts_equal_official_totals():
    votes = data.load("un_votes")
    res = data.load("un_resolutions").set_index("short_id")
    counts = votes.groupby(["resolution", "vote"]).size().unstack(fill_value=0)
    for short_id, row in counts.iterrows():
        assert row.sum() == 193
        assert (row.get("Y", 0), row.get("N", 0), row.get("A", 0), row.get("NV", 0)) == (
            res.loc[short_id, "yes"],
            res.loc[short_id, "no"],
            res.loc[short_id, "abstain"],
            res.loc[short_id, "non_voting"],
        )
    assert {"ES-11/1", "ES-11/3", "ES-11/4", "ES-11/6"} <= set(counts.index)


def test_un_votes_has_exactly_the_agreed_columns():
    assert list(data.load("un_votes").columns) == ["resolution", "iso3", "vote"]


def test_claim_quotes_stand_verbatim_in_the_seed():
    for row in data.load("claims").itertuples():
        check_quote(int(row.paragraph), row.quote_de)


def test_dtypes_follow_the_schema():
    res = data.load("un_resolutions")
    assert pd.api.types.is_datetime64_any_dtype(res["date"])
    assert pd.api.types.is_integer_dtype(res["yes"])
    assert pd.api.types.is_bool_dtype(res["has_country_votes"])
    brics = data.load("countries").set_index("iso3")["brics"]  # blank = not known, not False
    assert brics.isna().any() and brics.dtype == "boolean" and bool(brics["BRA"]) is True


# --- broken copies -------------------------------------------------------------------------


def edit_csv(path: Path, change):
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def first_row_where(rows, column, value):
    i = rows[0].index(column)
    return next(n for n, r in enumerate(rows) if n and r[i] == value)


def load_error(name) -> str:
    with pytest.raises(DataError) as info:
        data.load(name)
    return str(info.value)


def test_missing_column_is_named(project_copy):
    root = project_copy("data")
    edit_csv(root / "data/un_votes.csv", lambda rows: [r.pop(2) for r in rows])
    msg = load_error("un_votes")
    assert "un_votes.csv" in msg and "missing column(s) vote" in msg


def test_unknown_vote_code_is_named_with_its_row(project_copy):
    root = project_copy("data")

    def change(rows):
        rows[5][2] = "X"

    edit_csv(root / "data/un_votes.csv", change)
    msg = load_error("un_votes")
    assert "un_votes.csv, row 5 (line 6): vote 'X' is not one of Y, N, A, NV [enum]" in msg


def test_wrong_total_is_named(project_copy):
    root = project_copy("data")

    def change(rows):
        n = first_row_where(rows, "short_id", "ES-11/3")
        i = rows[0].index("yes")
        rows[n][i] = str(int(rows[n][i]) + 1)
        j = rows[0].index("non_voting")
        rows[n][j] = str(int(rows[n][j]) - 1)

    edit_csv(root / "data/un_resolutions.csv", change)
    msg = load_error("un_resolutions")
    assert "ES-11/3 has 93 Y votes but the official yes total is 94 [totals]" in msg


def test_unknown_country_is_named(project_copy):
    root = project_copy("data")

    def change(rows):
        rows[7][1] = "XYZ"

    edit_csv(root / "data/un_votes.csv", change)
    msg = load_error("un_votes")
    assert "row 7 (line 8): iso3 'XYZ' is not in countries.iso3 [foreign-key]" in msg


def test_duplicate_row_is_named(project_copy):
    root = project_copy("data")
    edit_csv(root / "data/un_votes.csv", lambda rows: rows.append(list(rows[1])))
    msg = load_error("un_votes")
    assert "duplicate resolution+iso3" in msg and "(first in row 1)" in msg


def test_empty_source_is_named(project_copy):
    root = project_copy("data")

    def change(rows):
        rows[3][rows[0].index("source_id")] = ""

    edit_csv(root / "data/events.csv", change)
    msg = load_error("events")
    assert "events.csv, row 3 (line 4): source_id is empty [required]" in msg


def test_empty_estimator_tag_is_named(project_copy):
    """Who made an estimate is a column (the chart labels the MSMT's point by it), never guessed
    from the name: a blank names its file and row."""
    root = project_copy("data")

    def change(rows):
        rows[first_row_where(rows, "estimate_id", "sk-2025-05-29-msmt")][rows[0].index("estimator_tag")] = ""

    edit_csv(root / "data/sk_estimates.csv", change)
    msg = load_error("sk_estimates")
    assert "sk_estimates.csv, row 9 (line 10): estimator_tag is empty [required]" in msg


def test_bad_date_is_named(project_copy):
    root = project_copy("data")

    def change(rows):
        rows[2][rows[0].index("date")] = "2024-06-31"

    edit_csv(root / "data/events.csv", change)
    msg = load_error("events")
    assert "events.csv, row 2 (line 3): date '2024-06-31' is not a valid date [type]" in msg


def test_unknown_source_id_is_named(project_copy):
    root = project_copy("data")

    def change(rows):
        rows[1][rows[0].index("source_id")] = "no-such-source"

    edit_csv(root / "data/claims.csv", change)
    msg = load_error("claims")
    assert "claims.csv, row 1 (line 2): source_id 'no-such-source' is not in sources.source_id" in msg


def test_ragged_row_is_named(project_copy):
    root = project_copy("data")
    with (root / "data/countries.csv").open("a", encoding="utf-8") as fh:
        fh.write("XXX,Nowhere\n")
    msg = load_error("countries")
    assert "countries.csv, row 194" in msg and "header has" in msg


def test_sources_markdown_folds_one_block_per_table_with_every_source():
    text = data.sources_markdown(["un_votes", "events"])
    assert text.count("<details>") == 2
    assert text.count("<li>") == len(data.sources_for("un_votes")) + len(data.sources_for("events"))
    assert "<script" not in text


def test_source_line_names_publisher_and_title():
    line = data.source_line("un_votes")
    assert line.startswith("Source") and "United Nations" in line
