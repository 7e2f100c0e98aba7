"""Grading, attempts, score and shuffling: pure Python, no widgets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lessonkit.quiz.bank import load_file
from lessonkit.quiz.grading import Attempt, Scoreboard, correct_answer, explanation, grade, to_number
from lessonkit.quiz.shuffle import display_order, seed

FIXTURE = Path(__file__).parent / "fixtures" / "quiz_all_types.toml"
BANK = load_file(FIXTURE)
SINGLE = BANK.question("first-stop")
MULTIPLE = BANK.question("abstainers")
TRUEFALSE = BANK.question("treaty-defence")
NUMERIC = BANK.question("votes-in-favour")
ORDERING = BANK.question("timeline")


# --- grade ---------------------------------------------------------------------------

def test_single_right_and_wrong_give_that_options_feedback():
    right = grade(SINGLE, 0)
    assert right.complete and right.correct
    assert right.feedback == (SINGLE.options[0].feedback,)
    wrong = grade(SINGLE, 1)
    assert wrong.complete and not wrong.correct
    assert wrong.feedback == (SINGLE.options[1].feedback,)


@pytest.mark.parametrize("answer", [None, -1, 3, "0", True])
def test_single_without_usable_answer_is_incomplete(answer):
    result = grade(SINGLE, answer)
    assert not result.complete and not result.correct
    assert result.feedback == ("Choose an answer first.",)


def test_multiple_needs_exactly_the_correct_set():
    assert grade(MULTIPLE, {0, 1}).correct
    assert grade(MULTIPLE, [1, 0]).correct
    wrong = grade(MULTIPLE, {0, 2})
    assert wrong.complete and not wrong.correct
    assert any("North Korea" in f and "voted against" in f for f in wrong.feedback)
    assert any("Germany" in f and "in favour" in f for f in wrong.feedback)


def test_multiple_subset_says_something_is_missing():
    result = grade(MULTIPLE, {0})
    assert not result.correct
    assert "Some correct options are not ticked yet." in result.feedback


@pytest.mark.parametrize("answer", [None, set(), [], [7], "01"])
def test_multiple_without_usable_answer_is_incomplete(answer):
    assert not grade(MULTIPLE, answer).complete


def test_truefalse_accepts_bools():
    right = grade(TRUEFALSE, True)
    assert right.correct and right.feedback == (TRUEFALSE.options[0].feedback,)
    wrong = grade(TRUEFALSE, False)
    assert not wrong.correct and wrong.feedback == (TRUEFALSE.options[1].feedback,)
    assert not grade(TRUEFALSE, None).complete


def test_numeric_exact_and_tolerance():
    assert grade(NUMERIC, 141).correct
    assert grade(NUMERIC, 141.0).correct
    assert grade(NUMERIC, "141,0").correct
    assert not grade(NUMERIC, 140).correct
    loose = dataclasses.replace(NUMERIC, tolerance=2)
    assert grade(loose, 139).correct and grade(loose, 143).correct
    assert not grade(loose, 143.5).correct
    fractional = dataclasses.replace(NUMERIC, answer=0.3, tolerance=0)
    assert grade(fractional, 0.1 + 0.2).correct


def test_numeric_wrong_says_direction_and_why():
    high = grade(NUMERIC, 150)
    assert high.feedback == ("150 is too high.", NUMERIC.feedback_wrong)
    low = grade(NUMERIC, 2.5)
    assert low.feedback[0] == "2.5 is too low."
    right = grade(NUMERIC, 141)
    assert right.feedback == (NUMERIC.feedback_correct,)


@pytest.mark.parametrize("answer", [None, "", "  ", float("nan"), True])
def test_numeric_without_number_is_incomplete(answer):
    result = grade(NUMERIC, answer)
    assert not result.complete
    assert result.feedback == ("Type a number first.",)


def test_to_number():
    assert to_number("1 000") == 1000.0
    assert to_number("2,5") == 2.5
    assert to_number(3) == 3.0
    assert to_number("x") is None


def test_ordering():
    right = grade(ORDERING, [0, 1, 2, 3])
    assert right.correct and right.feedback == (ORDERING.feedback_correct,)
    wrong = grade(ORDERING, [1, 0, 2, 3])
    assert wrong.complete and not wrong.correct
    assert wrong.feedback == ("2 of 4 events are in the right place.", ORDERING.feedback_wrong)


@pytest.mark.parametrize("answer", [None, [0, 1, 2], [0, 0, 1, 2], [0, 1, 2, 9], "0123"])
def test_ordering_needs_every_position_once(answer):
    result = grade(ORDERING, answer)
    assert not result.complete
    assert "from 1 to 4" in result.feedback[0]


def test_correct_answer_and_explanation():
    assert correct_answer(SINGLE) == "North Korea"
    assert correct_answer(MULTIPLE) == "North Korea; Vietnam"
    assert correct_answer(TRUEFALSE) == "True"
    assert correct_answer(NUMERIC) == "141 states"
    assert correct_answer(dataclasses.replace(NUMERIC, tolerance=0.5)) == "141 (± 0.5) states"
    assert correct_answer(ORDERING).split(" → ")[0] == ORDERING.items[0]
    assert explanation(SINGLE) == (SINGLE.options[0].feedback,)
    assert explanation(MULTIPLE) == (MULTIPLE.options[0].feedback, MULTIPLE.options[1].feedback)
    assert explanation(NUMERIC) == (NUMERIC.feedback_correct,)


# --- attempts ------------------------------------------------------------------------

def test_hint_after_first_wrong_try_and_answer_after_max_tries():
    attempt = Attempt(SINGLE)  # max_tries 2
    assert not attempt.show_hint and not attempt.can_show_answer
    attempt.check(1)
    assert attempt.show_hint and not attempt.can_show_answer
    with pytest.raises(RuntimeError, match="2 wrong tries"):
        attempt.show_answer()
    attempt.check(2)
    assert attempt.can_show_answer
    answer, why = attempt.show_answer()
    assert answer == "North Korea" and why == (SINGLE.options[0].feedback,)
    assert attempt.answer_shown
    assert attempt.tries == 2 and attempt.wrong_tries == 2
    assert attempt.first_try_right is False


def test_question_level_max_tries():
    attempt = Attempt(NUMERIC)  # max_tries 3
    for value in (1, 2):
        attempt.check(value)
    assert not attempt.can_show_answer
    attempt.check(3)
    assert attempt.can_show_answer


def test_incomplete_check_is_not_a_try():
    attempt = Attempt(SINGLE)
    attempt.check(None)
    assert attempt.tries == 0 and not attempt.answered and attempt.first_try_right is None
    attempt.check(0)
    assert attempt.first_try_right is True and attempt.solved


def test_no_hint_when_question_has_none():
    attempt = Attempt(TRUEFALSE)
    attempt.check(False)
    assert not attempt.show_hint


def test_right_after_wrong_is_solved_but_not_first_try():
    attempt = Attempt(SINGLE)
    attempt.check(1)
    attempt.check(0)
    assert attempt.solved and attempt.first_try_right is False


# --- score ---------------------------------------------------------------------------

def test_scoreboard_counts_answered_and_first_try_right():
    board = Scoreboard(total=len(BANK.questions))
    assert board.line() == "Answered 0 of 5 · right at the first try: 0"
    board.attempt(SINGLE).check(0)
    board.attempt(MULTIPLE).check({0})
    board.attempt(MULTIPLE).check({0, 1})
    board.attempt(NUMERIC).check(None)
    assert board.answered == 2 and board.right_first_try == 1
    assert board.line() == "Answered 2 of 5 · right at the first try: 1"


def test_scoreboard_keeps_one_attempt_per_question():
    board = Scoreboard(total=5)
    first = board.attempt(SINGLE)
    assert board.attempt(SINGLE) is first
    edited = dataclasses.replace(SINGLE, prompt="Edited prompt")
    assert board.attempt(edited) is not first


# --- shuffling -----------------------------------------------------------------------

def test_seed_is_stable_across_runs():
    # sha256-based, so this number never changes (hash() would change per process).
    assert seed("01_context", "first-stop") == seed("01_context", "first-stop")
    assert seed("01_context", "first-stop") != seed("02_arms_flows", "first-stop")
    assert seed("a", "b") == 13928751565125340061  # first 8 bytes of sha256(b"a/b")


def test_display_order_is_a_fixed_permutation():
    order = display_order("quiz_all_types", MULTIPLE)
    assert sorted(order) == [0, 1, 2, 3]
    assert display_order("quiz_all_types", MULTIPLE) == order
    # Pinned: a change here would change every saved notebook output.
    assert order == [1, 2, 3, 0]


def test_display_order_without_shuffle():
    assert display_order("b", MULTIPLE, shuffle=False) == [0, 1, 2, 3]
    assert display_order("b", TRUEFALSE) == [0, 1]


def test_ordering_is_never_shown_in_the_right_order():
    for name in ("a", "b", "c", "d", "e", "f", "g", "h"):
        order = display_order(name, ORDERING, shuffle=False)
        assert sorted(order) == [0, 1, 2, 3] and order != [0, 1, 2, 3]
    two = dataclasses.replace(ORDERING, items=("x", "y"))
    for name in ("a", "b", "c", "d"):
        assert display_order(name, two) == [1, 0]


# --- number boxes: what students type ---------------------------------------------------------
@pytest.mark.parametrize("typed,value", [
    ("19", 19.0), (" 19 ", 19.0), ("0", 0.0), ("19,5", 19.5), ("19.5", 19.5), ("1 000", 1000.0),
    ("1\u202f000", 1000.0), ("-3", -3.0), ("+3", 3.0), ("\u22123", -3.0), ("2,5e3", 2500.0),
])
def test_to_number_reads_what_students_type(typed, value):
    assert to_number(typed) == value


@pytest.mark.parametrize("typed", ["", "  ", "19:22", "1.000,5", "abc", "1,2,3", "nan", "inf", "1e400"])
def test_to_number_refuses_what_is_not_one_number(typed):
    assert to_number(typed) is None


def test_zero_is_an_answer_and_an_empty_box_is_not():
    assert grade(NUMERIC, "0").complete and not grade(NUMERIC, "0").correct
    assert grade(NUMERIC, "").feedback == ("Type a number first.",)


def test_a_clock_time_is_refused_with_a_hint_to_give_the_hour():
    result = grade(NUMERIC, "19:22")
    assert not result.complete
    assert "19:22" in result.feedback[0] and "19" in result.feedback[0] and "hour" in result.feedback[0]


def test_a_try_counts_only_when_the_answer_changed():
    attempt = Attempt(NUMERIC)
    attempt.check("150")
    attempt.check("150")      # a double click
    attempt.check(" 150,0 ")  # the same number, typed again
    assert attempt.tries == 1 and attempt.wrong_tries == 1
    attempt.check("140")
    assert attempt.tries == 2
    attempt.check("141")
    attempt.check("141")
    assert attempt.tries == 3 and attempt.solved


def test_a_double_click_on_a_choice_is_one_try():
    attempt = Attempt(SINGLE)
    wrong = next(i for i, o in enumerate(SINGLE.options) if not o.correct)
    attempt.check(wrong)
    attempt.check(wrong)
    assert attempt.tries == 1


def test_text_that_is_not_a_number_says_so():
    result = grade(NUMERIC, "abc")
    assert not result.complete and "not one number" in result.feedback[0]
