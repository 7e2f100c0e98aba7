"""The quiz widgets, previews, score line and hand-in summary speak German after use("de")."""

import pytest
from quiz_fixture import BANK
from test_quiz_widget import question

from lessonkit import i18n, plaintext
from lessonkit.quiz import handin, preview
from lessonkit.quiz import kernel_state
from lessonkit.quiz import widget as qw
from lessonkit.quiz.bank import load
from lessonkit.quiz.grading import Scoreboard

pytestmark = pytest.mark.usefixtures("quiz_root")


@pytest.fixture(autouse=True)
def german(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")


def test_buttons_feedback_and_hint_in_german():
    q = question("first-stop")
    assert (q.check_button.description, q.show_answer_button.description) == ("Prüfen", "Lösung zeigen")
    assert q.retry_button.description == "Noch einmal versuchen"
    q.check_button.click()
    assert "Wähle zuerst eine Antwort." in q.feedback.value
    q.choice.value = 1
    q.check_button.click()
    assert "Noch nicht —" in q.feedback.value and "Hinweis:" in q.hint.value
    q.choice.value = 0
    q.check_button.click()
    assert "Richtig —" in q.feedback.value
    assert "beim ersten Versuch richtig: 0" in kernel_state.score_line(BANK).value


def test_number_box_and_true_false_in_german():
    q = question("votes-in-favour")
    assert q.number.placeholder == "eine Zahl" and q.number.description.startswith("Deine Antwort")
    q.number.value = "2,5"
    q.check_button.click()
    assert "2,5 ist zu niedrig." in q.feedback.value
    tf = question("treaty-defence")
    assert [label for label, _ in tf.choice.options] == ["Richtig", "Falsch"]
    order = question("timeline")
    assert order.positions[0].description == "Platz"


def test_preview_plain_text_and_summary_in_german():
    bank = load(BANK)
    html = preview.quiz_html(bank, bank.questions, {q.id: n for n, q in enumerate(bank.questions, start=1)})
    assert "Frage 1." in html and "Führe diese Zelle aus (Shift+Enter), um zu antworten" in html
    assert "Antwort: richtig oder falsch." in html
    box = qw.quiz_box(bank)
    assert repr(box).startswith("[Quiz, 5 Fragen: führe diese Zelle aus")
    assert repr(plaintext.HTMLText()) == "[Interaktives Element: führe diese Zelle aus (Shift+Enter), um damit zu arbeiten.]"
    text = handin.summary_text(bank, Scoreboard(bank), [("Zähle die Stimmen", True)])
    assert text.startswith("Einheit: ") and "nicht beantwortet" in text
    assert "Du bist dran: 1 von 1 Aufgabe erledigt" in text and "— erledigt" in text


def test_english_stays_english(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "en")
    q = question("first-stop")
    assert q.check_button.description == "Check"
    assert repr(qw.quiz_box(load(BANK))).startswith("[Quiz, 5 questions: run this cell")

