"""Quiz attempts to and from the progress file (lessonkit.progress). Pure Python, no widgets.

An entry holds what a re-run needs to show the question as the student left it: the last
answer that was checked (in grading's form, as JSON), the tries, and whether the answer was
shown. `fingerprint` ties it to the question's answer structure (type, options, items, the
answer): if the bank changes those, a saved index could point at another option, so the
entry is ignored. Prose edits (prompt, feedback, hint) keep the entry.
"""

from __future__ import annotations

import hashlib
import json

from lessonkit.i18n import N_
from lessonkit.quiz.bank import Question
from lessonkit.quiz.grading import Attempt, Result, grade, same_answer_key

STATUS_FIRST_TRY = N_("right at the first try")
STATUS_AFTER_HINT = N_("right after a hint")
STATUS_LATER = N_("right after more tries")
STATUS_SHOWN = N_("answer shown")
STATUS_OPEN = N_("not right yet")
STATUS_UNANSWERED = N_("not answered")


def fingerprint(question: Question) -> str:
    shape = [question.type, [o.text for o in question.options], [o.correct for o in question.options],
             list(question.items), question.answer, question.tolerance]
    return hashlib.sha256(json.dumps(shape, ensure_ascii=False).encode()).hexdigest()[:16]


def to_json_answer(answer: object) -> object:
    """An answer in a JSON-safe form (sets become sorted lists)."""
    if isinstance(answer, (set, frozenset, tuple)):
        return sorted(answer) if isinstance(answer, (set, frozenset)) else list(answer)
    if answer is None or isinstance(answer, (bool, int, float, str, list)):
        return answer
    return None


def entry(attempt: Attempt, answer: object) -> dict:
    """What to save after a check or "Show answer"; answer: the last checked answer."""
    return {"fingerprint": fingerprint(attempt.question), "answer": to_json_answer(answer),
            "tries": attempt.tries, "wrong_tries": attempt.wrong_tries, "solved": attempt.solved,
            "first_try_right": attempt.first_try_right, "answer_shown": attempt.answer_shown}


def restore(attempt: Attempt, saved: dict) -> tuple[object, Result | None]:
    """Put a saved entry into a fresh attempt. Returns (answer, its Result) for the controls and
    the feedback; (None, None) if the entry does not fit this question (then nothing changes)."""
    try:
        if saved.get("fingerprint") != fingerprint(attempt.question):
            return None, None
        tries, wrong = saved["tries"], saved["wrong_tries"]
        first, answer = saved.get("first_try_right"), saved.get("answer")
    except (KeyError, AttributeError, TypeError):
        return None, None
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (tries, wrong)):
        return None, None
    result = grade(attempt.question, answer) if answer is not None else None
    if result is not None and not result.complete:
        return None, None
    attempt.tries, attempt.wrong_tries = tries, min(wrong, tries)
    attempt.solved = saved.get("solved") is True
    attempt.first_try_right = first if isinstance(first, bool) else None
    attempt.answer_shown = saved.get("answer_shown") is True
    attempt.last = result
    attempt.last_answer = same_answer_key(attempt.question, answer) if answer is not None else None
    return answer, result


def status(attempt: Attempt | None) -> str:
    """One of the STATUS_ phrases, for the hand-in summary."""
    if attempt is None or not attempt.answered:
        return STATUS_SHOWN if attempt is not None and attempt.answer_shown else STATUS_UNANSWERED
    if attempt.answer_shown:
        return STATUS_SHOWN
    if attempt.first_try_right:
        return STATUS_FIRST_TRY
    if attempt.solved:
        return STATUS_AFTER_HINT if attempt.question.hint else STATUS_LATER
    return STATUS_OPEN
