"""'Your turn' tasks: compare a student's answer with the answer computed from data/.

In a notebook:

    from lessonkit.exercises import check
    check("l1_against_es11_3", answer)

`evaluate` is the pure part (returns a Feedback, never raises); `check` shows the feedback
under the cell, with display metadata {"lessonkit": {"kind": "check", "task": id, "ok": bool}}
that tools and tests read. Before grading, check() asks the cell log (freshness.py) whether
`answer` is fresh: an exercise cell that stopped with an error, or a check run before its
exercise cell, gets one sentence instead of a grade.

Each lesson registers its tasks in its own module (lesson1.py, ...) with `task(...)`. The
expected answer is always computed from data/ by the task's `solve` function, never typed in.
Importing this package in IPython also switches on lessonkit's friendly error messages and
keeps arrow keys inside quiz controls (lessonkit.keys).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable

from lessonkit import i18n
from lessonkit.exercises.compare import Feedback, compare_number, compare_set, compare_table, data_decimals

KINDS = ("set", "number", "table")


@dataclass(frozen=True)
class Task:
    """One "Your turn" task.

    kind      "set" (which rows), "number" or "table" (a number for each label)
    key       for "set": the column that identifies a row
    table     the lesson's name of the table the student works on (for messages)
    rows      for "set": that table, so rows given without the key column are still found
    noun      what the rows are, plural ("states", "claims")
    wants     the shape the task wants, in its own words ("one number: how many rows ...")
    decimals  for numbers: the data's precision (a function of the data), None for counts
    lesson    the lesson id (progress is recorded under it)
    """

    id: str
    prompt: str
    kind: str
    solve: Callable[[], Any]
    hint: str = ""
    key: str = "iso3"
    table: str = "the table"
    rows: Callable[[], Any] | None = None
    noun: str = "rows"
    wants: str = ""
    decimals: Callable[[], int] | None = None
    lesson: str = ""


TASKS: dict[str, Task] = {}


def task(id: str, prompt: str, kind: str, solve: Callable[[], Any], hint: str = "", key: str = "iso3",
         **details: Any) -> Task:
    """Register a task; used by the lesson modules (details: the other fields of Task).

    Registering the same id again from the same module replaces the task (so re-importing a
    lesson module, e.g. with %autoreload, is safe); the same id from another module is an error.
    """
    if kind not in KINDS:
        raise ValueError(f"task {id}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    old = TASKS.get(id)
    if old is not None and _module(old.solve) != _module(solve):
        raise ValueError(f"task {id}: registered twice, in {_module(old.solve)} and in {_module(solve)}")
    TASKS[id] = Task(id, prompt, kind, solve, hint, key, **details)
    return TASKS[id]


def _module(func: Callable) -> str:
    return getattr(func, "__module__", "") or ""


def get(task_id: str) -> Task:
    _register_lessons()
    try:
        return TASKS[task_id]
    except KeyError:
        raise KeyError(f"no task {task_id!r}; tasks: {', '.join(sorted(TASKS))}") from None


def expected(task_id: str) -> Any:
    """The right answer, computed from data/."""
    return get(task_id).solve()


NO_ANSWER = i18n.N_("There is no answer yet: replace the `...` with your code and run the cell again.")


def evaluate(task_id: str, answer: Any) -> Feedback:
    """Compare an answer with the task's expected answer (pure: no display). Never raises for
    any answer; an unknown task id is a KeyError (a mistake in the lesson, not the student's)."""
    t = get(task_id)
    if answer is None or answer is ...:
        return Feedback(False, i18n.t(NO_ANSWER))
    try:
        return _compare(t, answer)
    except Exception as exc:  # noqa: BLE001 - a check must never crash on a student's answer
        wants = i18n.t(t.wants or i18n.N_("give the answer in the form the task asks for"))
        return Feedback(False, i18n.t("lessonkit could not compare this answer ({error}). {wants}.",
                                      error=f"{type(exc).__name__}: {str(exc)[:120]}", wants=_sentence(wants)))


def _compare(t: Task, answer: Any) -> Feedback:
    if t.kind == "set":
        return compare_set(answer, t.solve(), key=t.key, hint=t.hint, table=t.table,
                           rows=t.rows() if t.rows else None, noun=t.noun, wants=t.wants)
    decimals = t.decimals() if t.decimals else None
    if t.kind == "number":
        return compare_number(answer, t.solve(), hint=t.hint, decimals=decimals,
                              wants=t.wants or i18n.N_("give one number"))
    return compare_table(answer, t.solve(), hint=t.hint, wants=t.wants or i18n.N_("one number for each label"),
                         decimals=decimals)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def check(task_id: str, answer: Any = None) -> None:
    """Show feedback on a student's answer under the cell. Never raises. (Returns None, so that
    nothing more is shown; checked() gives the Feedback as a value.)"""
    checked(task_id, answer)


def checked(task_id: str, answer: Any = None) -> Feedback:
    """What check() does, returning the Feedback it showed."""
    from lessonkit.exercises import freshness

    try:
        t = get(task_id)
    except KeyError as exc:
        fb = Feedback(False, str(exc.args[0]))
        _show(task_id, fb)
        return fb
    log = freshness.LOG
    stale = log.stale_reason(task_id, has_answer=answer is not None and answer is not ...)
    fb = Feedback(False, stale) if stale else evaluate(task_id, answer)
    if not stale:
        log.checked(task_id)
        _record(t, fb)
    _show(task_id, fb)
    return fb


def _show(task_id: str, fb: Feedback) -> None:
    try:
        from IPython.display import display
    except ImportError:  # plain Python: print it
        print(result_bundle(task_id, fb)["text/plain"])
        return
    display(result_bundle(task_id, fb), raw=True, metadata=result_metadata(task_id, fb))


def _record(t: Task, fb: Feedback) -> None:
    """Tell lessonkit.progress (if this lessonkit has it) how the task went."""
    import importlib.util

    if not t.lesson or importlib.util.find_spec("lessonkit.progress") is None:
        return
    from lessonkit import progress

    try:
        progress.record_task(t.lesson, t.id, fb.ok)
    except Exception:  # noqa: BLE001 - a full disk must not stop the check from showing
        pass


def result_metadata(task_id: str, fb: Feedback) -> dict:
    """The display metadata of a check's output: tools and tests read this, never the UI text."""
    return {"lessonkit": {"kind": "check", "task": task_id, "ok": bool(fb.ok)}}


def result_bundle(task_id: str, fb: Feedback) -> dict:
    """The check's output as a mime bundle (HTML and plain text)."""
    mark = i18n.t("✔ Right") if fb.ok else i18n.t("✘ Not yet")
    colour = "var(--jp-success-color1, #1a7f37)" if fb.ok else "var(--jp-warn-color1, #9a6700)"
    return {
        "text/html": f'<div class="lk-check" role="status" data-task="{html.escape(task_id)}" '
                     f'style="border-left:4px solid {colour};padding:0.3em 0.8em">'
                     f"<strong>{mark}</strong> — {html.escape(fb.message)}</div>",
        "text/plain": f"{mark} — {fb.message}",
    }


PREVIEW_TEXT = i18n.N_("Run the cell above, then this one to check your answer.")


def preview_metadata(task_id: str) -> dict:
    """The metadata of a check's stored preview: which task, and no verdict."""
    return {"lessonkit": {"kind": "check-preview", "task": task_id}}


def preview_bundle(task_id: str) -> dict:
    """What a stored lesson shows under a check before anyone runs it (make execute stores it)."""
    text = i18n.t(PREVIEW_TEXT)
    return {
        "text/html": f'<div class="lk-check-preview" data-task="{html.escape(task_id)}" '
                     'style="border-left:4px solid var(--jp-border-color1, #8c8c8c);padding:0.3em 0.8em">'
                     f"{html.escape(text)}</div>",
        "text/plain": text,
    }


def _register_lessons() -> None:
    from lessonkit.exercises import lesson1, lesson2, lesson3  # noqa: F401  (they call task())


def tasks_of(lesson_id: str) -> list[Task]:
    """The "Your turn" tasks of a lesson (Task.lesson), in the order they were registered."""
    _register_lessons()
    return [t for t in TASKS.values() if t.lesson == lesson_id]


def _activate_in_ipython() -> None:
    """In a running IPython kernel: log cell runs (for check) and show friendly errors."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "events"):
        return
    from lessonkit import friendly, keys
    from lessonkit.exercises import freshness

    freshness.install(shell)
    friendly.install(shell)
    if getattr(shell, "kernel", None) is not None:  # a notebook, not a terminal IPython
        keys.show_once(shell)


_activate_in_ipython()

__all__ = ["check", "evaluate", "expected", "preview_bundle", "task", "Task", "Feedback", "TASKS", "data_decimals"]
