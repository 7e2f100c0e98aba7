"""Quizzes for the lessons: question banks in quizzes/<bank>.toml, shown as widgets.

In a notebook:
    from lessonkit import quiz
    quiz.show("01_context")                        # every question of the bank
    quiz.show("01_context", ids=["treaty-date"])   # or a section of it
    quiz.score("01_context")                       # "Answered 3 of 8 · right at the first try: 2"
    quiz.reset("01_context")                       # start over (also a button in the score cell)

Modules: bank (load + validate), grading (pure: grade, attempts, score),
shuffle (fixed-seed option order), widget (ipywidgets), key (the Markdown answer key),
preview (static HTML stored in the notebook), saved (attempts to and from lessonkit.progress),
handin (the summary to hand in), scorecard (the score cell).
The file format is described in quizzes/README.md. When the lesson speaks German
(lessonkit.use("de")), load and show apply the overlay quizzes/de/<bank>.toml (quiz.overlay).
"""

from __future__ import annotations

from collections.abc import Collection

from lessonkit.quiz import bank as _bank
from lessonkit.quiz.bank import Bank, BankError, Question, load_file
from lessonkit.quiz.grading import Result, grade
from lessonkit.quiz.overlay import OverlayError

__all__ = ["show", "score", "answer_key", "reset", "load", "load_file", "grade",
           "Bank", "BankError", "OverlayError", "Question", "Result"]


def language() -> str:
    """The language the lesson speaks (lessonkit.i18n.current(); English without lessonkit.i18n)."""
    try:
        from lessonkit import i18n
    except ImportError:  # lessonkit.i18n is being written (issue 20); until then English only
        return "en"
    return i18n.current()


def load(bank_name: str, known_tables: Collection[str] | None = None) -> Bank:
    """quizzes/<bank_name>.toml, validated; in a German lesson with the text of quizzes/de/.
    A missing or stale German entry raises OverlayError naming the bank, question and option."""
    bank = _bank.load(bank_name, known_tables)
    lang = language()
    if lang != "en":
        from lessonkit.quiz import overlay

        bank = overlay.apply(bank, lang)
    return bank


def show(bank_name: str, ids: str | Collection[str] | None = None) -> None:
    """Display the questions of quizzes/<bank_name>.toml (or only those with the given ids)."""
    from IPython.display import display

    from lessonkit import live
    from lessonkit.quiz import widget as _widget  # here: banks and grading load without ipywidgets

    bank = load(bank_name)
    box = _widget.quiz_box(bank, ids)
    chosen = (ids,) if isinstance(ids, str) else tuple(ids or ())
    live.replace(live.key("quiz", (bank.name, chosen)), box)  # closes the widgets it replaces
    display(box)


def score(bank_name: str) -> None:
    """Display the bank's score card: the score line (it updates in place whenever a question
    is checked), "Summary to hand in" and "Start this lesson over"."""
    from IPython.display import display

    from lessonkit.quiz import scorecard

    display(scorecard.score_card(load(bank_name)))


def answer_key(bank_name: str, level: int = 1) -> str:
    """The bank's answer key as Markdown (level: heading level of its title; questions one below)."""
    from lessonkit.quiz import key as _key

    return _key.bank_markdown(load(bank_name), level)


def reset(bank_name: str | None = None) -> None:
    """Start over: forget the attempts and saved progress of one bank (or all banks)."""
    from lessonkit.quiz import kernel_state

    kernel_state.reset(bank_name and bank_name.removesuffix(".toml"))
