"""Grading, per-question attempt state and the score. Pure Python, no widgets.

Answers, by question type (indexes are into the bank's order, not the shuffled display):
    single     -- the index of the chosen option, or None
    multiple   -- the indexes of the ticked options (a set or list; empty = not answered)
    truefalse  -- True or False, or None
    numeric    -- a number (or text like "2,5"), or None
    ordering   -- the item indexes in the order the student put them, or None
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lessonkit.i18n import nt, t
from lessonkit.quiz.bank import Question
from lessonkit.text import localise_number


@dataclass(frozen=True)
class Result:
    """The outcome of one check.

    complete -- False if there was no usable answer (nothing chosen); such a check is not
                counted as a try.
    correct  -- whether the answer is right.
    feedback -- paragraphs that explain why (plain text; the widget escapes it).
    """

    complete: bool
    correct: bool
    feedback: tuple[str, ...]


def _incomplete(message: str) -> Result:
    return Result(complete=False, correct=False, feedback=(message,))


def grade(question: Question, answer: object) -> Result:
    """Grade an answer to a question."""
    kind = question.type
    if kind in ("single", "truefalse"):
        return _grade_single(question, answer)
    if kind == "multiple":
        return _grade_multiple(question, answer)
    if kind == "numeric":
        return _grade_numeric(question, answer)
    if kind == "ordering":
        return _grade_ordering(question, answer)
    raise ValueError(f"question {question.id!r}: unknown type {kind!r}")


def _grade_single(question: Question, answer: object) -> Result:
    if question.type == "truefalse" and isinstance(answer, bool):
        answer = 0 if answer else 1  # options are (True, False)
    if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(question.options):
        return _incomplete(t("Choose an answer first."))
    option = question.options[answer]
    return Result(True, option.correct, (option.feedback,))


def _grade_multiple(question: Question, answer: object) -> Result:
    chosen = _indexes(answer, len(question.options))
    if not chosen:
        return _incomplete(t("Tick at least one option first."))
    right = {i for i, o in enumerate(question.options) if o.correct}
    feedback = [t("“{option}”: {feedback}", option=question.options[i].text, feedback=question.options[i].feedback)
                for i in sorted(chosen)]
    if chosen < right:
        feedback.append(t("Some correct options are not ticked yet."))
    return Result(True, chosen == right, tuple(feedback))


def _indexes(answer: object, n: int) -> set[int] | None:
    if answer is None or isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        return None
    chosen = set(answer)
    if not all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < n for i in chosen):
        return None
    return chosen


CLOCK_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.h]\s*(\d{2})\s*$")


def _grade_numeric(question: Question, answer: object) -> Result:
    value = to_number(answer)
    if value is None:
        if isinstance(answer, str) and (m := CLOCK_TIME.match(answer)) and ":" in answer:
            hour = int(m.group(1))
            return _incomplete(t("{time} is a clock time: type one number, the hour only ({hour} for {time}).",
                                 time=answer.strip(), hour=hour))
        if isinstance(answer, str) and answer.strip():
            return _incomplete(t("\u201c{text}\u201d is not one number: type digits only, with a "
                                 "comma or point for decimals (2,5 or 2.5).", text=answer.strip()[:20]))
        return _incomplete(t("Type a number first."))
    expected = float(question.answer)
    slack = question.tolerance + 1e-9 * max(1.0, abs(expected))
    if abs(value - expected) <= slack:
        return Result(True, True, (question.feedback_correct,))
    said = t("{value} is too high.") if value > expected else t("{value} is too low.")
    return Result(True, False, (said.format(value=format_number(value)), question.feedback_wrong))


NUMBER_TEXT = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?$", re.IGNORECASE)


def to_number(answer: object) -> float | None:
    """A float from a number or a text as students type it: "2,5" or "2.5" (a comma is a
    decimal comma), "1 000" (spaces group digits), "−3". None if it is not one number: an
    empty box, "19:22" (a clock time), "1.000,5", "nan", "inf"."""
    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, (int, float)):
        try:
            value = float(answer)
        except OverflowError:
            return None
    elif isinstance(answer, str):
        text = "".join(answer.split()).replace("\u2212", "-")
        if not NUMBER_TEXT.match(text):
            return None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _grade_ordering(question: Question, answer: object) -> Result:
    n = len(question.items)
    if answer is None or isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        return _incomplete(t("Give each event its own position, from 1 to {n}, first.", n=n))
    order = list(answer)
    if sorted(order) != list(range(n)):
        return _incomplete(t("Give each event its own position, from 1 to {n}, first.", n=n))
    if order == list(range(n)):
        return Result(True, True, (question.feedback_correct,))
    in_place = sum(1 for pos, i in enumerate(order) if pos == i)
    return Result(True, False, (nt("{k} of {n} event is in the right place.", "{k} of {n} events are in the right place.", n, k=in_place),
                                 question.feedback_wrong))


def format_number(value: float | int) -> str:
    """141.0 -> "141", 2.5 -> "2.5"."""
    value = float(value)
    return str(int(value)) if value.is_integer() else localise_number(repr(value))


def correct_answer(question: Question) -> str:
    """The correct answer as one line of plain text."""
    kind = question.type
    if kind in ("single", "truefalse"):
        return next(o.text for o in question.options if o.correct)
    if kind == "multiple":
        return "; ".join(o.text for o in question.options if o.correct)
    if kind == "numeric":
        text = format_number(question.answer)
        if question.tolerance:
            text += f" (± {format_number(question.tolerance)})"
        return f"{text} {question.unit}".strip()
    if kind == "ordering":
        return " → ".join(question.items)
    raise ValueError(f"question {question.id!r}: unknown type {kind!r}")


def explanation(question: Question) -> tuple[str, ...]:
    """Why the correct answer is correct (feedback of the correct options, or feedback_correct)."""
    if question.type in ("single", "truefalse", "multiple"):
        return tuple(o.feedback for o in question.options if o.correct)
    return (question.feedback_correct,)


def same_answer_key(question: Question, answer: object) -> object:
    """What makes two answers the same (the number, not how it was typed; a set of ticks)."""
    if question.type == "numeric":
        return to_number(answer)
    if question.type == "multiple":
        return frozenset(answer)
    if question.type == "ordering":
        return tuple(answer)
    return answer


@dataclass
class Attempt:
    """A student's tries at one question.

    The hint shows after the first wrong try; "show answer" after max_tries wrong tries.
    Checks without an answer (Result.complete is False) do not count, nor does checking the
    same answer again (a double click, or the same number typed again).
    """

    question: Question
    tries: int = 0
    wrong_tries: int = 0
    solved: bool = False
    first_try_right: bool | None = None
    answer_shown: bool = False
    last: Result | None = None
    last_answer: object = None

    def check(self, answer: object) -> Result:
        result = grade(self.question, answer)
        self.last = result
        if not result.complete:
            return result
        key = same_answer_key(self.question, answer)
        if self.tries and key == self.last_answer:
            return result
        self.last_answer = key
        self.tries += 1
        if self.first_try_right is None:
            self.first_try_right = result.correct
        if result.correct:
            self.solved = True
        else:
            self.wrong_tries += 1
        return result

    @property
    def answered(self) -> bool:
        return self.tries > 0

    @property
    def show_hint(self) -> bool:
        return bool(self.question.hint) and self.wrong_tries >= 1

    @property
    def can_show_answer(self) -> bool:
        return self.wrong_tries >= self.question.max_tries

    def show_answer(self) -> tuple[str, tuple[str, ...]]:
        """(correct answer, why); only once can_show_answer is true."""
        if not self.can_show_answer:
            raise RuntimeError(f"question {self.question.id!r}: the answer shows after "
                               f"{self.question.max_tries} wrong tries")
        self.answer_shown = True
        return correct_answer(self.question), explanation(self.question)


@dataclass
class Scoreboard:
    """The score of one bank: how many questions were answered, how many right at the first try."""

    total: int
    attempts: dict[str, Attempt] = field(default_factory=dict)

    def attempt(self, question: Question) -> Attempt:
        """The attempt for this question (the same one each time the question is shown).

        If the bank file was edited in between, a fresh attempt starts for the changed question.
        """
        current = self.attempts.get(question.id)
        if current is None or current.question != question:
            current = self.attempts[question.id] = Attempt(question)
        return current

    @property
    def answered(self) -> int:
        return sum(1 for a in self.attempts.values() if a.answered)

    @property
    def right_first_try(self) -> int:
        return sum(1 for a in self.attempts.values() if a.first_try_right)

    def line(self) -> str:
        return t("Answered {answered} of {total} · right at the first try: {first}", answered=self.answered,
                 total=self.total, first=self.right_first_try)
