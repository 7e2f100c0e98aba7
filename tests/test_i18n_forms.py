"""A "Your turn" answer of the wrong form is explained in German after use("de"), in English without."""

import numpy as np
import pandas as pd
import pytest

from lessonkit import exercises, i18n
from lessonkit.exercises import forms


@pytest.fixture
def german(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")


def test_describe_in_german(german):
    assert forms.describe(None) == "None (nichts)"
    assert forms.describe(True) == "True, ein Ja/Nein-Wert"
    assert forms.describe(3.5) == "die Zahl 3,5"
    assert forms.describe("abc") == "der Text „abc“"
    assert forms.describe(pd.DataFrame({"a": range(1200), "b": 0})) == "eine Tabelle mit 1.200 Zeilen und 2 Spalten"
    assert forms.describe(pd.DataFrame({"a": [True]})) == "eine Tabelle aus True/False-Werten mit 1 Zeile und 1 Spalte"
    assert forms.describe(pd.Series(["x", "y"])) == "eine Spalte mit 2 Texten"
    assert forms.describe([1]) == "eine Liste mit 1 Zahl"
    assert forms.describe({"a": 1, "b": 2}) == "ein dict mit 2 Einträgen"
    assert forms.describe(10**20) == "eine Zahl mit 21 Stellen"
    assert forms.format_number(float("inf")) == "unendlich"


def test_wrong_forms_explained_in_german(german):
    votes = exercises.get("l1_against_es11_3").rows()
    mask = exercises.evaluate("l1_against_es11_3", votes.vote == "N").message
    assert mask.startswith("Deine Antwort ist eine Spalte mit True/False-Werten") and "`votes[ ]`" in mask
    empty = exercises.evaluate("l1_against_es11_3", votes[votes.vote == "no"]).message
    assert empty.startswith("Deine Tabelle hat keine Zeilen: keine Zeile von `votes` erfüllt deine Bedingungen.")
    # the column the student types stays English, the sentence around it is German
    lost = exercises.evaluate("l1_against_es11_3", pd.DataFrame({"land": ["x"]})).message
    assert lost.startswith("lessonkit kann nicht erkennen, welche Zeilen von `votes` das sind: behalte die Spalte `iso3`")
    text = exercises.evaluate("l2_estimates_before_article", "drei").message
    assert text.startswith("Deine Antwort ist der Text „drei“, keine Zahl: die Aufgabe will")
    nested = exercises.evaluate("l1_against_es11_3", [["RUS"], ["PRK"]]).message
    assert nested.startswith("Deine Antwort ist eine Liste aus Listen: gib eine einfache Liste wie [")
    unlabelled = exercises.evaluate("l1_against_by_group", np.array([1, 2])).message
    assert "ohne Bezeichnungen" in unlabelled and "Your answer" not in unlabelled


def test_wrong_forms_stay_english_without_use():
    assert i18n.current() == "en"
    votes = exercises.get("l1_against_es11_3").rows()
    assert exercises.evaluate("l1_against_es11_3", votes.vote == "N").message == (
        "Your answer is a column of True/False values, one for each row of `votes`: put it inside `votes[ ]` to "
        "keep the rows where it is True.")
    assert forms.describe(pd.DataFrame({"a": range(1200), "b": 0})) == "a table with 1,200 rows and 2 columns"
    assert forms.describe({"a": 1}) == "a dict of 1 entry"
    assert forms.describe([True, False]) == "a list of 2 True/False values"


def test_set_feedback_names_states_in_german(german):
    from lessonkit.exercises import compare

    expected = ["RUS", "PRK", "BLR", "SYR", "KOR"]
    by_code = compare.compare_set(["RUS", "PRK", "VNM"], expected, table="votes").message
    assert "Es fehlt: Belarus (BLR), Südkorea (KOR), Syrien (SYR)." in by_code
    assert "Nicht in der Lösung: Vietnam (VNM)." in by_code
    by_name = compare.compare_set(["Russland", "Nordkorea", "Vietnam"], expected, table="votes").message
    assert "Es fehlt: Belarus, Südkorea, Syrien." in by_name and "Syria" not in by_name


def test_set_feedback_names_states_in_english():
    from lessonkit.exercises import compare

    message = compare.compare_set(["RUS", "PRK", "VNM"], ["RUS", "PRK", "SYR", "KOR"], table="votes").message
    assert "Missing: South Korea (KOR), Syria (SYR). Not in the answer: Vietnam (VNM)." in message
