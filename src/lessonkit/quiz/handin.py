"""The summary a student hands in: lesson, date, each question's outcome, the "Your turn" tasks.

Pure Python. The score cell shows it as text to copy and offers it as a small .txt file
(teacher/README.md says how to collect it). It names questions by number and a short piece of
their prompt, tasks by their prompt: no ids, no file paths.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from lessonkit.i18n import nt, t
from lessonkit.quiz import saved
from lessonkit.quiz.bank import Bank
from lessonkit.quiz.grading import Scoreboard


def short(text: str, limit: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def summary_text(bank: Bank, board: Scoreboard, tasks: Iterable[tuple[str, bool]] = (),
                 date: _dt.date | None = None) -> str:
    """tasks: (prompt, done) for each "Your turn" task of the lesson."""
    date = date or _dt.date.today()
    lines = [t("Lesson: {title}", title=bank.title), t("Date: {date}", date=date.isoformat()),
             t("Quiz: {score}", score=board.line())]
    for n, q in enumerate(bank.questions, start=1):
        lines.append(f"  {n}. {short(q.prompt)} — {t(saved.status(board.attempts.get(q.id)))}")
    tasks = list(tasks)
    if tasks:
        done = sum(1 for _, ok in tasks if ok)
        lines.append(nt("Your turn: {done} of {n} task done", "Your turn: {done} of {n} tasks done", len(tasks),
                        done=done))
        lines += [f"  - {short(prompt)} — {t('done') if ok else t('not done yet')}" for prompt, ok in tasks]
    return "\n".join(lines) + "\n"


def file_name(bank: Bank, date: _dt.date | None = None) -> str:
    return f"{bank.name}-{t('summary')}-{(date or _dt.date.today()).isoformat()}.txt"
