"""The summary a student hands in: lesson, date, each question's outcome, the "Your turn" tasks.

Pure Python. The score cell shows it as text to copy and offers it as a small .txt file
(teacher/README.md says how to collect it). It names questions by number and a short piece of
their prompt, tasks by their prompt: no ids, no file paths.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

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
    lines = [f"Lesson: {bank.title}", f"Date: {date.isoformat()}",
             f"Quiz: {board.line()}"]
    for n, q in enumerate(bank.questions, start=1):
        lines.append(f"  {n}. {short(q.prompt)} — {saved.status(board.attempts.get(q.id))}")
    tasks = list(tasks)
    if tasks:
        done = sum(1 for _, ok in tasks if ok)
        lines.append(f"Your turn: {done} of {len(tasks)} tasks done")
        lines += [f"  - {short(prompt)} — {'done' if ok else 'not done yet'}" for prompt, ok in tasks]
    return "\n".join(lines) + "\n"


def file_name(bank: Bank, date: _dt.date | None = None) -> str:
    return f"{bank.name}-summary-{(date or _dt.date.today()).isoformat()}.txt"
