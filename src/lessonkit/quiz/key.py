"""The teachers' answer key, generated from the banks as Markdown (never kept by hand).

Command line:
    python -m lessonkit.quiz quizzes/01_context.toml [more.toml ...]
    python -m lessonkit.quiz          # every bank in quizzes/
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from lessonkit import paths
from lessonkit.quiz.bank import Bank, BankError, Question, load_file
from lessonkit.quiz.grading import correct_answer, explanation

TYPE_NAMES = {
    "single": "single choice",
    "multiple": "multiple select",
    "truefalse": "true/false",
    "numeric": "numeric",
    "ordering": "ordering",
}


def md(text: str) -> str:
    """Bank text for Markdown: HTML characters escaped, so nothing in a bank becomes markup."""
    return html.escape(text, quote=False)


def _quoted(text: str) -> str:
    return "\n".join(f"> {md(line)}" if line.strip() else ">" for line in text.splitlines())


def _shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.project_root().resolve()).as_posix()
    except ValueError:
        return path.name


def question_markdown(question: Question, number: int, level: int = 2) -> str:
    """One question's entry: prompt, quote, correct answer, why, other options, hint, data table."""
    q = question
    out = [f"{'#' * level} {number}. `{q.id}` ({TYPE_NAMES[q.type]})", "", f"**Question:** {md(q.prompt)}", ""]
    if q.quote:
        out += [_quoted(q.quote), ""]
    if q.translation:
        out += [f"*Translation:* {md(q.translation)}", ""]
    if q.type == "ordering":
        out += ["**Answer** (earliest first):", ""]
        out += [f"{i}. {md(item)}" for i, item in enumerate(q.items, start=1)]
        out += [""]
    elif q.type == "multiple":
        out += ["**Answer** (all of):", ""]
        out += [f"- {md(o.text)}" for o in q.options if o.correct]
        out += [""]
    else:
        out += [f"**Answer:** {md(correct_answer(q))}", ""]
    out += [f"**Why:** {md(' '.join(explanation(q)))}", ""]
    if q.type in ("single", "multiple", "truefalse"):
        out += ["**Feedback per option:**", ""]
        out += [f"- {'✔' if o.correct else '✘'} {md(o.text)} — {md(o.feedback)}" for o in q.options]
        out += [""]
    if q.type in ("numeric", "ordering"):
        out += [f"**Feedback for a wrong answer:** {md(q.feedback_wrong)}", ""]
    if q.hint:
        out += [f"**Hint** (after the first wrong try): {md(q.hint)}", ""]
    if q.table:
        out += [f"**Data:** `data/{q.table}.csv`", ""]
    out += [f"*“Show answer” after {q.max_tries} wrong {'try' if q.max_tries == 1 else 'tries'}.*", ""]
    return "\n".join(out)


def bank_markdown(bank: Bank, level: int = 1) -> str:
    """The whole answer key of one bank; level: the title's heading level (questions one below)."""
    head = [
        f"{'#' * level} Answer key: {md(bank.title)}",
        "",
        f"Generated from `{_shown_path(bank.path)}` ({len(bank.questions)} questions). "
        "Do not edit this key: edit the bank and build it again.",
        "",
    ]
    body = [question_markdown(q, n, level + 1) for n, q in enumerate(bank.questions, start=1)]
    return "\n".join(head + body).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help") for a in args):
        print(__doc__.strip())
        return 0
    files = [Path(a) for a in args] or sorted(paths.quizzes_dir().glob("*.toml"))
    if not files:
        print(f"no banks found in {paths.quizzes_dir()}", file=sys.stderr)
        return 1
    try:
        keys = [bank_markdown(load_file(f)) for f in files]
    except (BankError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print("\n".join(keys), end="")
    return 0
