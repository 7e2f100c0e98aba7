"""What one kernel keeps of the quizzes, per bank (the bank's name is the lesson id): its
scoreboard, filled from the progress file on first use; its score line, the one widget every
quiz.score cell shows and every check updates; the last checked answers, put back into the
controls on a re-run; a one-line notice (an unreadable progress file), shown once; and the
question widgets still open. reset() forgets a bank's state and saved progress.

A kernel restart forgets all of this; the progress file stays (lessonkit.progress).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import ipywidgets as widgets

from lessonkit import plaintext, progress
from lessonkit.i18n import t
from lessonkit.quiz import saved
from lessonkit.quiz.bank import Bank
from lessonkit.quiz.grading import Scoreboard

if TYPE_CHECKING:
    from lessonkit.quiz.widget import QuestionWidget

# Per-bank state in the kernel: one scoreboard and one score-line widget per bank name.
_scoreboards: dict[str, Scoreboard] = {}
_score_lines: dict[str, widgets.HTML] = {}
_bank_titles: dict[str, str] = {}
# The last checked answer per (bank, question id), to put back into the controls on a re-run;
# a one-line notice per bank (an unreadable progress file), shown once; the live questions.
_answers: dict[tuple[str, str], object] = {}
_notices: dict[str, str] = {}
_live_questions: dict[str, list[QuestionWidget]] = {}


def css_id(text: str) -> str:
    """A string safe to use in a CSS class name."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def scoreboard(bank: Bank) -> Scoreboard:
    """The kernel's scoreboard for this bank (created on first use, from the progress file)."""
    board = _scoreboards.get(bank.name)
    if board is None:
        board = _scoreboards[bank.name] = Scoreboard(total=len(bank.questions))
        _restore(bank, board)
    board.total = len(bank.questions)
    _bank_titles[bank.name] = bank.title
    return board


def _restore(bank: Bank, board: Scoreboard) -> None:
    """Fill a new scoreboard with the answers saved for this lesson (bank name = lesson id)."""
    saved_progress = progress.load(bank.name)
    if saved_progress.notice:
        _notices[bank.name] = t(saved_progress.notice)
    for q in bank.questions:
        entry = saved_progress.quiz.get(q.id)
        if entry is None:
            continue
        answer, _ = saved.restore(board.attempt(q), entry)
        if answer is not None:
            _answers[(bank.name, q.id)] = answer


def remember_answer(bank_name: str, question_id: str, answer: object) -> None:
    """The answer just checked, to put back into the controls when the question is shown again."""
    _answers[(bank_name, question_id)] = answer


def last_answer(bank_name: str, question_id: str) -> object:
    """The last checked answer to the question in this kernel (or restored from the progress
    file), None if there is none."""
    return _answers.get((bank_name, question_id))


def take_notice(bank_name: str) -> str:
    """The bank's pending one-line notice as HTML ('' if none); shown once."""
    text = _notices.pop(bank_name, "")
    return (f"<p class='lk-quiz-notice' role='status' style='margin:4px 0;color:var(--jp-ui-font-color1)'>"
            f"<strong>{html.escape(t('Note:'))}</strong> {html.escape(text)}</p>") if text else ""


def score_line(bank_name: str) -> widgets.HTML:
    """The bank's score line; the same widget every time, updated in place on every check."""
    line = _score_lines.get(bank_name)
    if line is None:
        line = _score_lines[bank_name] = plaintext.HTMLText(t("[Quiz score: {hint}.]", hint=plaintext.run_hint()),
                                                            _dom_classes=("lk-quiz-score", f"lk-bank-{css_id(bank_name)}"))
    refresh_score_line(bank_name)
    return line


def refresh_score_line(bank_name: str) -> None:
    line = _score_lines.get(bank_name)
    if line is None:
        return
    board = _scoreboards.get(bank_name)
    text = board.line() if board else t("Answered 0 questions yet")
    title = _bank_titles.get(bank_name, bank_name)
    line.value = (
        '<div role="status" style="color: var(--jp-ui-font-color1); '
        'font-size: var(--jp-content-font-size1); padding: 4px 0;">'
        f"<strong>{html.escape(title)}</strong> — {html.escape(text)}</div>"
    )


def reset(bank_name: str | None = None) -> None:
    """Start over: forget the attempts and the saved progress of one bank (or of every bank
    this kernel has seen) and clear the questions on screen."""
    names = [bank_name] if bank_name else sorted(set(_scoreboards) | set(_live_questions))
    for name in names:
        progress.clear(name)
        if name in _scoreboards:
            _scoreboards[name].attempts.clear()
        for key in [k for k in _answers if k[0] == name]:
            del _answers[key]
        for question in live_questions(name):
            question.start_over()
        refresh_score_line(name)


def live_questions(bank_name: str) -> list[QuestionWidget]:
    """The questions of a bank whose widgets are still open in the front end."""
    alive = [q for q in _live_questions.get(bank_name, []) if q.comm is not None]
    _live_questions[bank_name] = alive
    return alive
