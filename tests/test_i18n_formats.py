"""Dates, numbers and name lists in German follow Babel's de_AT; English stays as it was."""

import pandas as pd
import pytest

from lessonkit import i18n, tables, text
from lessonkit.exercises import forms
from lessonkit.model import events
from lessonkit.quiz import grading


@pytest.fixture(params=["en", "de"])
def lang(request, monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", request.param)
    return request.param


EXPECTED = {
    "en": dict(date="19 Jun 2024", jan="5 Jan 2025", month="Jul 2024", day="Tue 18 Jun", big="12 million",
               one="1 million", thousands="12,000", half="3.5", grouped="12,000,000", names="A, B and C",
               table="12,000,000", table_dec="51.7", quiz="2.5", form="0.333333"),
    "de": dict(date="19. Juni 2024", jan="5. Jänner 2025", month="Juli 2024", day="Di., 18. Juni", big="12 Millionen",
               one="1 Million", thousands="12.000", half="3,5", grouped="12.000.000", names="A, B und C",
               table="12.000.000", table_dec="51,7", quiz="2,5", form="0,333333"),
}


def test_formats_follow_the_language(lang):
    want = EXPECTED[lang]
    assert text.format_date("2024-06-19") == want["date"]
    assert text.format_date(pd.Timestamp("2025-01-05")) == want["jan"]
    assert text.format_date("2024-07") == want["month"]
    assert text.format_date("2024") == "2024" and text.format_date("undated") == ""
    assert text.day_label(pd.Timestamp("2024-06-18")) == want["day"]
    assert text.number(12_000_000) == want["big"] and text.number(1_000_000) == want["one"]
    assert text.number(12_000) == want["thousands"] and text.number(3.5) == want["half"]
    assert text.grouped(12_000_000) == want["grouped"]
    assert text.join_names(["A", "B", "C"]) == want["names"]
    assert tables.format_number(12_000_000) == want["table"] and tables.format_number(51.7) == want["table_dec"]
    assert grading.format_number(2.5) == want["quiz"]
    assert forms.format_number(1 / 3) == want["form"]


def test_german_month_names_are_austrian(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")
    assert [text.month_name(m, short=False) for m in (1, 2, 3)] == ["Jänner", "Februar", "März"]
    assert text.weekday_name(0, short=False) == "Montag"
    assert text.brief_list([str(i) for i in range(14)], limit=2) == "0, 1, … (14 insgesamt)"


def test_timeline_bands_use_the_month_names(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")
    labels = events.date_bands(pd.Timestamp("2024-11-01"), pd.Timestamp("2025-02-10"))["label"].tolist()
    assert labels == ["Nov 2024", "Dez", "Jän 2025", "Feb"]
    monkeypatch.setattr(i18n, "_chosen", "en")
    labels = events.date_bands(pd.Timestamp("2024-11-01"), pd.Timestamp("2025-02-10"))["label"].tolist()
    assert labels == ["Nov 2024", "Dec", "Jan 2025", "Feb"]


def test_clocks_speak_german(monkeypatch):
    from lessonkit import clocks, data

    monkeypatch.setattr(i18n, "_chosen", "de")
    table = clocks.event_clocks("putin-arrives-pyongyang-2024", zones=["Europe/Vienna"])
    assert table.index.name == "Uhr" and list(table.index) == ["Pjöngjang", "Wien"]
    assert table.loc["Wien", ["Tag", "Datum", "Uhrzeit", "Abstand zu UTC"]].tolist() == \
        ["Dienstag", "18. Juni 2024", "19:22", "UTC+2"]
    assert table.loc["Wien", "Datum im Vergleich zu Pjöngjang"] == "ein Tag früher"
    events = data.load("events")
    line = clocks.timeline(events[events.event_id == "putin-arrives-pyongyang-2024"]).iloc[0]
    assert line["Datum vor Ort"] == "Mi., 19. Juni 2024" and line["Uhrzeit in Wien"] == "Di., 18. Juni, 19:22"
    assert line["Was geschah"].startswith("Putin landete in Pjöngjang")


def test_source_titles_get_the_languages_quotation_marks(lang):
    from lessonkit import data

    row = {"publisher": "DER STANDARD", "title": "Nach Nordkorea", "published": "2024-06-18"}
    want = {"en": "DER STANDARD, \u201cNach Nordkorea\u201d (18 Jun 2024)",
            "de": "DER STANDARD, \u201eNach Nordkorea\u201c (18. Juni 2024)"}
    assert data.format_source(row) == want[lang]
    assert data.format_source({"title": "Nach Nordkorea"}) == want[lang].split(", ")[1].split(" (")[0]
