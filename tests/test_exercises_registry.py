"""Task registration, check-result metadata and the lesson 2 PRK -> RUS task."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

from lessonkit import exercises
from lessonkit.exercises import Feedback, lesson2, result_bundle, result_metadata


def test_reimporting_a_lesson_module_replaces_its_tasks():
    before = exercises.get("l2_alleged_rows")
    importlib.reload(lesson2)  # what %autoreload does
    after = exercises.get("l2_alleged_rows")
    assert after.id == before.id and after.solve is not before.solve


def test_the_same_id_from_another_module_is_still_an_error():
    def solve():
        return 1

    solve.__module__ = "somebody.else"
    with pytest.raises(ValueError, match="registered twice"):
        exercises.task("l2_alleged_rows", "x", "number", solve)


def test_check_result_carries_metadata_and_says_right_or_not():
    meta = result_metadata("l1_against_es11_3", Feedback(True, "all 24 are there"))
    assert meta == {"lessonkit": {"kind": "check", "task": "l1_against_es11_3", "ok": True}}
    assert result_metadata("t", Feedback(False, "no"))["lessonkit"]["ok"] is False
    bundle = result_bundle("t", Feedback(False, "5 is <too> low."))
    assert "&lt;too&gt;" in bundle["text/html"] and "5 is <too> low." in bundle["text/plain"]


def test_check_displays_the_metadata(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    exercises.check("l2_estimates_before_article", exercises.expected("l2_estimates_before_article"))
    (args, kwargs), = shown
    assert kwargs["metadata"]["lessonkit"] == {"kind": "check", "task": "l2_estimates_before_article", "ok": True}


def test_confirmed_items_filter_on_both_ends():
    transfers = pd.DataFrame({
        "transfer_id": ["a", "b", "c", "d"],
        "from_iso3": ["PRK", "PRK", "PRK", "RUS"],
        "to_iso3": ["RUS", "SYR", "RUS", "PRK"],
        "item": ["troops", "shells", "missiles", "oil"],
        "confidence": ["confirmed", "confirmed", "reported", "confirmed"],
    })
    got = lesson2._confirmed_items_prk_rus(transfers)
    assert list(got["transfer_id"]) == ["a"]


def test_check_returns_nothing_so_the_cell_shows_only_the_message(monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    assert exercises.check("l2_estimates_before_article", 6) is None
