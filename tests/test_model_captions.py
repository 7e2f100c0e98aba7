"""Dates, source lines and phrases for titles and text alternatives (lessonkit.model.captions), on the
fixture data package, without a display."""

import pandas as pd
import pytest

from lessonkit.model import captions
from model_fixture import fx

pytestmark = pytest.mark.filterwarnings("error")


def test_format_date():
    assert captions.format_date("2022-03-02") == "2 Mar 2022"
    assert captions.format_date(pd.Timestamp("2024-06-19")) == "19 Jun 2024"
    assert captions.format_date("2024-07") == "Jul 2024"
    assert captions.format_date("undated") == "" and captions.format_date(None) == ""



def test_source_line_is_built_from_the_sources_table():
    src = fx("sources")
    line = captions.source_line(src, ["fx-un-1", "fx-un-1-votes", "fx-un-1"])
    assert line == ("Sources: UN Fixture Office, \u201cFixture resolution one adopted\u201d (2 Mar 2022); "
                    "UN Fixture Library, \u201cVoting record of FX-1\u201d (3 Mar 2022)")
    assert captions.source_line(src, ["fx-trade"]) == "Source: Fixture Customs, \u201cTrade by partner\u201d"
    many = captions.source_line(src, list(src["source_id"]), limit=2)
    assert many.endswith("and 6 more (all in the Sources section)")
    assert "missing-id" in captions.source_line(src, ["missing-id"])



def test_one_source_line_formatter_for_data_and_charts():
    from lessonkit import data

    src = fx("sources")
    rows = captions.cited_sources(src, ["fx-un-1", "fx-trade", "fx-wire", "fx-seoul"])
    assert captions.source_line(src, list(rows["source_id"])) == data.format_source_line(
        rows, max_title=70, more_hint="all in the Sources section")
    assert data.format_source_line(rows, limit=2) == (
        "Sources: UN Fixture Office, \u201cFixture resolution one adopted\u201d (2 Mar 2022); "
        "Fixture Customs, \u201cTrade by partner\u201d; and 2 more")
    assert data.format_source_line(rows.to_dict("records")[:1]) == data.format_source_line(rows.head(1))
    assert data.format_source_line([]) == "Source: none cited"
    assert captions.format_source is data.format_source and captions.format_date is data.format_date
    # data.source_line(name) is the same formatter on the table's own sources
    assert data.source_line("sk_estimates") == data.format_source_line(data.sources_for("sk_estimates"))
    assert data.source_line("sk_estimates").startswith("Sources: ")



def test_cited_ids_in_first_cited_order():
    t = fx("sk_estimates")
    assert captions.cited_ids(t) == ["fx-seoul", "fx-wire"]



def test_phrases():
    assert captions.join_names(["A", "B", "C"]) == "A, B and C"
    named = [("Russia", "N"), ("North Korea", "N"), ("China", "A"), ("Vietnam", "NV")]
    assert captions.highlight_phrase(named) == "Russia and North Korea voted no; China abstained; Vietnam did not vote"
    assert captions.group_vote_phrase([(f"S{i}", "Y") for i in range(6)] + [("Laos", "A")]) == "6 voted yes; Laos abstained"
    assert captions.vote_summary({"Y": 141, "N": 5, "A": 35, "NV": 12}) == "141 yes, 5 no, 35 abstain, 12 not voting"
    assert captions.number(3_000_000) == "3 million" and captions.number(6700) == "6,700"
    assert captions.shorten("one two three four", 10) == "one two\u2026"
