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
from lessonkit.i18n import N_, nt, t
from lessonkit.quiz.bank import Bank, BankError, Question, load_file
from lessonkit.quiz.grading import correct_answer, explanation

TYPE_NAMES = {
    "single": N_("single choice"),
    "multiple": N_("multiple select"),
    "truefalse": N_("true/false"),
    "numeric": N_("numeric"),
    "ordering": N_("ordering"),
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


def _shown(q: Question, text: str) -> str:
    """A true/false option ("True", "False") in the language in use; other text as it is."""
    return t(text) if q.type == "truefalse" and text in ("True", "False") else text


def question_markdown(question: Question, number: int, level: int = 2) -> str:
    """One question's entry: prompt, quote, correct answer, why, other options, hint, data table."""
    q = question
    out = [f"{'#' * level} {number}. `{q.id}` ({t(TYPE_NAMES[q.type])})", "",
           t("**Question:** {prompt}", prompt=md(q.prompt)), ""]
    if q.quote:
        out += [_quoted(q.quote), ""]
    if q.translation:
        out += [t("*Translation:* {text}", text=md(q.translation)), ""]
    if q.type == "ordering":
        out += [t("**Answer** (earliest first):"), ""]
        out += [f"{i}. {md(item)}" for i, item in enumerate(q.items, start=1)]
        out += [""]
    elif q.type == "multiple":
        out += [t("**Answer** (all of):"), ""]
        out += [f"- {md(o.text)}" for o in q.options if o.correct]
        out += [""]
    else:
        out += [t("**Answer:** {answer}", answer=md(_shown(q, correct_answer(q)))), ""]
    out += [t("**Why:** {why}", why=md(' '.join(explanation(q)))), ""]
    if q.type in ("single", "multiple", "truefalse"):
        out += [t("**Feedback per option:**"), ""]
        out += [f"- {'✔' if o.correct else '✘'} {md(_shown(q, o.text))} — {md(o.feedback)}" for o in q.options]
        out += [""]
    if q.type in ("numeric", "ordering"):
        out += [t("**Feedback for a wrong answer:** {feedback}", feedback=md(q.feedback_wrong)), ""]
    if q.hint:
        out += [t("**Hint** (after the first wrong try): {hint}", hint=md(q.hint)), ""]
    if q.table:
        out += [t("**Data:** `data/{table}.csv`", table=q.table), ""]
    out += [nt("*“Show answer” after {n} wrong try.*", "*“Show answer” after {n} wrong tries.*", q.max_tries), ""]
    return "\n".join(out)


def bank_markdown(bank: Bank, level: int = 1) -> str:
    """The whole answer key of one bank; level: the title's heading level (questions one below)."""
    head = [
        f"{'#' * level} " + t("Answer key: {title}", title=md(bank.title)),
        "",
        t("Generated from `{path}` ({n} questions). Do not edit this key: edit the bank and build it again.",
          path=_shown_path(bank.path), n=len(bank.questions)),
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
