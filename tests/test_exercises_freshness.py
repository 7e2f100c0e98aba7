"""check() never grades a stale answer: the cell log (exercises/freshness.py) and check()."""

from __future__ import annotations

import pytest

from lessonkit import exercises
from lessonkit.exercises import freshness
from lessonkit.exercises.freshness import CellLog, sets_answer


@pytest.mark.parametrize("source,sets", [
    ("answer = ...", True),
    ("# Replace ...\nanswer = votes[(votes.a == 1)]", True),
    ("answer += 1", True),
    ("answer, other = 1, 2", True),
    ("for answer in range(3): pass", True),
    ('answer = votes[votes.resolution == "ES-11/3)]', True),  # does not parse: read the lines
    ('check("l1_against_es11_3", answer)', False),
    ("answer == 5", False),
    ("print(answer)", False),
    ("answers = 3", False),
])
def test_which_cells_set_answer(source, sets):
    assert sets_answer(source) is sets


def run(log: CellLog, source: str, ok: bool = True, before: int | None = 1, after: int | None = 1):
    log.before_cell(source, before)
    log.after_cell(ok, after)


def at_check(log: CellLog, task: str, has_answer: bool = True) -> str | None:
    log.before_cell(f'check("{task}", answer)', 1)
    reason = log.stale_reason(task, has_answer)
    if reason is None:
        log.checked(task)
    log.after_cell(True, 1)
    return reason


def test_a_fresh_answer_is_graded():
    log = CellLog()
    run(log, "answer = 5", before=None, after=2)
    assert at_check(log, "t1") is None


def test_an_exercise_cell_that_failed_leaves_an_earlier_attempt():
    log = CellLog()
    run(log, "answer = 5", before=None, after=2)
    assert at_check(log, "t1") is None
    run(log, "answer = vots[...]", ok=False, before=2, after=2)  # NameError: answer unchanged
    reason = at_check(log, "t1")
    assert "stopped with an error" in reason and "earlier attempt" in reason


def test_a_first_attempt_that_failed_does_not_say_replace_the_dots():
    log = CellLog()
    run(log, "answer = ...", before=None, after=7)
    run(log, "answer = len(estimates[estimates.announced < 2024-6-18])", ok=False, before=7, after=7)
    reason = at_check(log, "t1", has_answer=False)
    assert "stopped with an error before it set `answer`" in reason and "`...`" not in reason


def test_a_check_run_before_its_exercise_cell():
    log = CellLog()
    run(log, "answer = 5", before=None, after=2)
    assert at_check(log, "t1") is None
    reason = at_check(log, "t2")  # the next task's check, its exercise cell not run yet
    assert "task before" in reason
    run(log, "answer = 6", before=2, after=3)
    assert at_check(log, "t2") is None


def test_a_cell_that_sets_answer_and_checks_is_fresh():
    log = CellLog()
    run(log, "answer = 1", ok=False, before=None, after=None)
    log.before_cell('answer = 5\ncheck("t1", answer)', None)
    assert log.stale_reason("t1", True) is None


def test_nothing_known_means_grade():
    assert CellLog().stale_reason("t1", True) is None


def test_check_says_stale_and_does_not_grade(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    log = CellLog()
    monkeypatch.setattr(freshness, "LOG", log)
    run(log, "answer = 6", before=None, after=2)
    run(log, "answer = len(estimates[estimates.announced < 2024-6-18])", ok=False, before=2, after=2)
    log.before_cell('check("l2_estimates_before_article", answer)', 2)
    fb = exercises.checked("l2_estimates_before_article", 6)  # 6 would be right
    assert not fb.ok and "earlier attempt" in fb.message
    (args, kwargs), = shown
    assert kwargs["metadata"]["lessonkit"]["ok"] is False


def test_check_never_raises_for_an_unknown_task(monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    fb = exercises.checked("no_such_task", 5)
    assert not fb.ok and "no task" in fb.message
