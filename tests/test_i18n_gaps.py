"""German wording of lessonkit's own lines in the German lessons: quiz previews, the sources list."""

import pytest

from lessonkit import i18n, quiz
from lessonkit.quiz import preview


@pytest.fixture
def german(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")


def _number_previews(bank_name: str) -> dict[str, str]:
    bank = quiz.load(bank_name)
    return {q.id: preview.answer_form_html(bank, q) for q in bank.questions if q.type == "numeric"}


def test_number_question_preview_reads_as_german_with_its_unit(german):
    shown = _number_previews("01_context")
    assert "Antwort: eine Zahl (… Uhr)." in shown["vienna-hour"]
    assert any("Antwort: eine Zahl (… Staaten)." in text for text in shown.values())
    assert not any("(in " in text for text in shown.values())


def test_number_question_preview_stays_english():
    shown = _number_previews("01_context")
    assert "Answer: a number (in hour)." in shown["vienna-hour"]
