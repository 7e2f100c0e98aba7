"""The quiz widgets, driven from pytest: set .value, click, read the feedback."""

from __future__ import annotations

import textwrap

import ipywidgets as widgets
import pytest

from lessonkit import quiz
from lessonkit.quiz import kernel_state
from lessonkit.quiz import widget as qw
from lessonkit.quiz.bank import load
from quiz_fixture import BANK

pytestmark = pytest.mark.usefixtures("quiz_root")


def question(qid: str, bank: str = BANK) -> qw.QuestionWidget:
    box = qw.quiz_box(load(bank), [qid])
    return box.children[0]


def shown(w: widgets.Widget) -> bool:
    return w.layout.display != "none"


def all_html(w: widgets.Widget) -> str:
    """The text of every HTML widget inside w."""
    parts = []
    if isinstance(w, widgets.HTML):
        parts.append(w.value)
    for child in getattr(w, "children", ()):
        parts.append(all_html(child))
    return "\n".join(parts)


def all_widgets(w: widgets.Widget) -> list[widgets.Widget]:
    out = [w]
    for child in getattr(w, "children", ()):
        out += all_widgets(child)
    return out


# --- single choice -------------------------------------------------------------------

def test_single_choice_wrong_then_hint_then_show_answer():
    q = question("first-stop")
    labels = [label for label, _ in q.choice.options]
    assert sorted(labels) == ["China", "North Korea", "Vietnam"]
    assert q.choice.value is None
    assert not shown(q.show_answer_button) and q.hint.value == ""

    q.choice.value = 1  # Vietnam (bank index)
    q.check_button.click()
    assert "Not quite —" in q.feedback.value
    assert "Hanoi was the second stop" in q.feedback.value
    assert "Pyongyang came before Hanoi." in q.hint.value  # hint after the first wrong try
    assert not shown(q.show_answer_button)                  # not yet: max_tries = 2

    q.choice.value = 2  # China
    q.check_button.click()
    assert "China was not a stop" in q.feedback.value
    assert shown(q.show_answer_button)
    assert q.answer.value == ""

    q.show_answer_button.click()
    assert "North Korea" in q.answer.value and "He landed in Pyongyang first" in q.answer.value
    assert not shown(q.show_answer_button)


def test_single_choice_right_at_first_try():
    q = question("first-stop")
    q.choice.value = 0
    q.check_button.click()
    assert "Correct —" in q.feedback.value
    assert "He landed in Pyongyang first" in q.feedback.value
    assert q.hint.value == ""
    assert q.attempt.first_try_right is True


def test_check_without_answer_does_not_count():
    q = question("first-stop")
    q.check_button.click()
    assert "Choose an answer first." in q.feedback.value
    assert "Correct" not in q.feedback.value and "Not quite" not in q.feedback.value
    assert q.attempt.tries == 0
    assert not shown(q.retry_button)


def test_retry_clears_answer_and_feedback_but_keeps_tries():
    q = question("first-stop")
    q.choice.value = 1
    q.check_button.click()
    assert shown(q.retry_button)
    q.retry_button.click()
    assert q.choice.value is None and q.feedback.value == ""
    assert q.attempt.tries == 1
    assert "Pyongyang came before Hanoi." in q.hint.value
    q.choice.value = 0
    q.check_button.click()
    assert "Correct —" in q.feedback.value
    assert q.attempt.first_try_right is False


# --- multiple select -----------------------------------------------------------------

def test_multiple_select():
    q = question("abstainers")
    by_text = {box.description: box for box in q.checkboxes}
    assert set(by_text) == {"North Korea", "Vietnam", "Germany", "Austria"}
    by_text["North Korea"].value = True
    q.check_button.click()
    assert "Not quite —" in q.feedback.value
    assert "Some correct options are not ticked yet." in q.feedback.value
    assert "One voted against, one abstained." in q.hint.value

    by_text["Vietnam"].value = True
    q.check_button.click()
    assert "Correct —" in q.feedback.value
    assert "North Korea voted against." in q.feedback.value and "Vietnam abstained." in q.feedback.value


def test_multiple_select_nothing_ticked():
    q = question("abstainers")
    q.check_button.click()
    assert "Tick at least one option first." in q.feedback.value
    assert q.attempt.tries == 0


# --- true/false ----------------------------------------------------------------------

def test_true_false():
    q = question("treaty-defence")
    assert [label for label, _ in q.choice.options] == ["True", "False"]
    q.choice.value = False
    q.check_button.click()
    assert "Not quite —" in q.feedback.value and "It does:" in q.feedback.value
    q.choice.value = True
    q.check_button.click()
    assert "Correct —" in q.feedback.value


# --- numeric -------------------------------------------------------------------------

def test_numeric_with_unit_and_three_tries():
    q = question("votes-in-favour")
    assert isinstance(q.number, widgets.Text) and q.number.value == "" and q.number.continuous_update
    assert "states" in q.number.description
    q.check_button.click()  # nothing typed yet
    assert "Type a number first." in q.feedback.value

    for value in ("150", "100"):
        q.number.value = value
        q.check_button.click()
    assert "100 is too low." in q.feedback.value
    assert "Look at the in-favour column" in q.feedback.value
    assert "It was more than 140." in q.hint.value
    assert not shown(q.show_answer_button)  # this question has max_tries = 3

    q.number.value = "140"
    q.check_button.click()
    assert shown(q.show_answer_button)
    q.show_answer_button.click()
    assert "141 states" in q.answer.value

    q.number.value = "141"
    q.check_button.click()
    assert "Correct —" in q.feedback.value and "35 abstained" in q.feedback.value


def test_number_box_takes_zero_a_decimal_comma_and_counts_a_try_only_for_a_new_answer():
    q = question("votes-in-favour")
    q.number.value = "0"
    q.check_button.click()
    assert "0 is too low." in q.feedback.value and q.attempt.tries == 1
    q.check_button.click()  # a double click
    q.check_button.click()
    assert q.attempt.tries == 1 and not shown(q.show_answer_button)
    q.number.value = "140,5"
    q.check_button.click()
    assert "140.5 is too low." in q.feedback.value and q.attempt.tries == 2
    q.retry_button.click()
    assert q.number.value == ""


# --- ordering ------------------------------------------------------------------------

def test_ordering_with_position_dropdowns():
    q = question("timeline")
    bank_q = q.question
    assert len(q.positions) == 4
    assert all(d.description == "Position" for d in q.positions)
    assert [d.item_index for d in q.positions] != [0, 1, 2, 3]  # never shown in order
    assert all(bank_q.items[d.item_index] in d.tooltip for d in q.positions)

    q.positions[0].value = 1
    q.check_button.click()
    assert "from 1 to 4" in q.feedback.value and q.attempt.tries == 0

    # Swap the first two events.
    for d in q.positions:
        d.value = {0: 2, 1: 1}.get(d.item_index, d.item_index + 1)
    q.check_button.click()
    assert "Not quite —" in q.feedback.value
    assert "2 of 4 events are in the right place." in q.feedback.value

    for d in q.positions:
        d.value = d.item_index + 1
    q.check_button.click()
    assert "Correct —" in q.feedback.value


def test_ordering_duplicate_positions_are_incomplete():
    q = question("timeline")
    for d in q.positions:
        d.value = 1
    q.check_button.click()
    assert "its own position" in q.feedback.value
    assert q.attempt.tries == 0


# --- score line ----------------------------------------------------------------------

def test_score_line_updates_in_place():
    line = kernel_state.score_line(BANK)
    kernel_state.scoreboard(load(BANK))
    assert kernel_state.score_line(BANK) is line
    q1 = question("first-stop")
    q2 = question("treaty-defence")
    q1.choice.value = 0
    q1.check_button.click()
    assert "Answered 1 of 5 · right at the first try: 1" in line.value
    q2.choice.value = False
    q2.check_button.click()
    q2.choice.value = True
    q2.check_button.click()
    assert "Answered 2 of 5 · right at the first try: 1" in line.value
    assert "Fixture: all question types" in line.value
    assert "lk-quiz-score" in line._dom_classes


def test_score_and_show_display_widgets(monkeypatch):
    shown_widgets = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown_widgets.append(obj))
    quiz.show(BANK, ids=["timeline", "first-stop"])
    quiz.score(BANK)
    box, card = shown_widgets
    line = card.line
    assert [child.question.id for child in box.children] == ["timeline", "first-stop"]
    assert "Answered 0 of 5 · right at the first try: 0" in line.value
    box.children[1].choice.value = 0
    box.children[1].check_button.click()
    assert "Answered 1 of 5" in line.value


def test_show_whole_bank_numbers_questions(monkeypatch):
    shown_widgets = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown_widgets.append(obj))
    quiz.show(BANK)
    (box,) = shown_widgets
    assert len(box.children) == 5
    assert "Question 4." in box.children[3].prompt.value
    assert "lk-quiz-bank" in box._dom_classes


def test_reset_forgets_attempts():
    line = kernel_state.score_line(BANK)
    q = question("first-stop")
    q.choice.value = 0
    q.check_button.click()
    quiz.reset(BANK)
    assert "Answered 0 of 5" in line.value


def test_showing_a_question_again_keeps_its_state():
    q = question("first-stop")
    q.choice.value = 1
    q.check_button.click()
    again = question("first-stop")
    assert again.attempt is q.attempt
    assert "Pyongyang came before Hanoi." in again.hint.value


# --- structure, labels, classes, stable order ----------------------------------------

def test_css_classes_for_browser_tests():
    q = question("votes-in-favour")
    assert {"lk-quiz", "lk-q-votes-in-favour", "lk-quiz-numeric"} <= set(q._dom_classes)
    assert "lk-quiz-check" in q.check_button._dom_classes
    assert "lk-quiz-feedback" in q.feedback._dom_classes
    assert "lk-quiz-hint" in q.hint._dom_classes
    assert "lk-quiz-show-answer" in q.show_answer_button._dom_classes
    assert "lk-quiz-answer" in q.answer._dom_classes
    assert kernel_state.css_id("a b<c>.d") == "a-b-c--d"


def test_every_control_is_labelled():
    box = qw.quiz_box(load(BANK))
    for w in all_widgets(box):
        if isinstance(w, (widgets.Checkbox, widgets.Text, widgets.Dropdown, widgets.Button)):
            assert w.description.strip(), w
        if isinstance(w, widgets.RadioButtons):
            assert all(label.strip() for label, _ in w.options)


def test_option_order_is_stable_between_builds():
    first = [label for label, _ in question("first-stop").choice.options]
    second = [label for label, _ in question("first-stop").choice.options]
    assert first == second


def test_feedback_does_not_rely_on_colour_alone_and_uses_theme_variables():
    q = question("first-stop")
    q.choice.value = 1
    q.check_button.click()
    assert "Not quite —" in q.feedback.value
    assert "var(--jp-error-color1)" in q.feedback.value
    assert "var(--jp-ui-font-color1)" in q.feedback.value
    assert "#" not in q.feedback.value.split("<p")[0]  # no fixed hex colours in the box style


def test_prompt_shows_quote_translation_and_table():
    html_text = question("first-stop").prompt.value
    assert "lang='de'" in html_text and "Putin reist nach Nordkorea und Vietnam." in html_text
    assert "Translation:" in html_text
    assert "Source table: un_votes" in question("abstainers").prompt.value and "data/" not in question("abstainers").prompt.value


# --- escaping ------------------------------------------------------------------------

EVIL = """
[[question]]
id = "evil"
type = "single"
prompt = "<script>alert('prompt')</script> Which?"
quote = "<img src=x onerror=alert(1)>"
translation = "<b>bold</b>"
hint = "<script>alert('hint')</script>"
table = "<script>t</script>"
max_tries = 1
  [[question.option]]
  text = "<script>alert('option')</script>"
  correct = true
  feedback = "<script>alert('right')</script>"
  [[question.option]]
  text = "B"
  feedback = "<script>alert('wrong')</script>"
"""


def test_script_in_bank_is_escaped(project_copy):
    (project_copy(fixture_bank=True) / "quizzes" / "evil.toml").write_text(textwrap.dedent(EVIL), encoding="utf-8")
    q = question("evil", bank="evil")
    q.choice.value = 1
    q.check_button.click()
    q.show_answer_button.click()
    text = all_html(q)
    assert "&lt;script&gt;alert(&#x27;prompt&#x27;)&lt;/script&gt;" in text
    assert "&lt;script&gt;alert(&#x27;hint&#x27;)" in text
    assert "&lt;script&gt;alert(&#x27;wrong&#x27;)" in text
    assert "&lt;script&gt;alert(&#x27;right&#x27;)" in text  # in the shown answer
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    # Option labels go to RadioButtons, which the front end sets as text, not HTML.
    assert q.choice.options[0][0].startswith("<script>") or q.choice.options[1][0].startswith("<script>")


def test_script_in_bank_title_is_escaped_in_score_line(project_copy):
    (project_copy(fixture_bank=True) / "quizzes" / "evil.toml").write_text(
        'title = "<script>alert(1)</script>"\n' + textwrap.dedent(EVIL), encoding="utf-8")
    kernel_state.scoreboard(load("evil"))
    value = kernel_state.score_line("evil").value
    assert "<script" not in value and "&lt;script&gt;" in value
