"""'Your turn' tasks: compare a student's answer with the answer computed from data/.

In a notebook:

    from lessonkit.exercises import check
    check("l1_against_es11_3", answer)

`evaluate` is the pure part (returns a Feedback); `check` shows the feedback in the notebook.
Each lesson registers its tasks in its own module (lesson1.py, ...) with `task(...)`.
The expected answer is always computed from data/ by the task's `solve` function, never
typed in.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Callable

from lessonkit.exercises.compare import Feedback, compare_number, compare_set, compare_table

COMPARERS = {"set": compare_set, "number": compare_number, "table": compare_table}


@dataclass(frozen=True)
class Task:
    id: str
    prompt: str
    kind: str  # "set", "number" or "table"
    solve: Callable[[], Any]
    hint: str = ""
    key: str = "iso3"  # for "set": the column that identifies a row


TASKS: dict[str, Task] = {}


def task(id: str, prompt: str, kind: str, solve: Callable[[], Any], hint: str = "", key: str = "iso3") -> Task:
    """Register a task; used by the lesson modules.

    Registering the same id again from the same module replaces the task (so re-importing a
    lesson module, e.g. with %autoreload, is safe); the same id from another module is an error.
    """
    if kind not in COMPARERS:
        raise ValueError(f"task {id}: unknown kind {kind!r}; use one of {', '.join(COMPARERS)}")
    old = TASKS.get(id)
    if old is not None and _module(old.solve) != _module(solve):
        raise ValueError(f"task {id}: registered twice, in {_module(old.solve)} and in {_module(solve)}")
    TASKS[id] = Task(id, prompt, kind, solve, hint, key)
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


def evaluate(task_id: str, answer: Any) -> Feedback:
    """Compare an answer with the task's expected answer (pure: no display)."""
    t = get(task_id)
    if answer is None or answer is ...:
        return Feedback(False, "There is no answer yet: replace the `...` with your code and run the cell again.")
    if t.kind == "set":
        return compare_set(answer, t.solve(), key=t.key, hint=t.hint)
    return COMPARERS[t.kind](answer, t.solve(), hint=t.hint)


def check(task_id: str, answer: Any) -> None:
    """Show feedback on a student's answer under the cell (evaluate() gives it as a value)."""
    from IPython.display import display

    fb = evaluate(task_id, answer)
    display(result_bundle(task_id, fb), raw=True, metadata=result_metadata(task_id, fb))


def result_metadata(task_id: str, fb: Feedback) -> dict:
    """The display metadata of a check's output: tools and tests read this, never the UI text."""
    return {"lessonkit": {"kind": "check", "task": task_id, "ok": bool(fb.ok)}}


def result_bundle(task_id: str, fb: Feedback) -> dict:
    """The check's output as a mime bundle (HTML and plain text)."""
    mark = "✔ Right" if fb.ok else "✘ Not yet"
    colour = "var(--jp-success-color1, #1a7f37)" if fb.ok else "var(--jp-warn-color1, #9a6700)"
    return {
        "text/html": f'<div class="lk-check" role="status" data-task="{html.escape(task_id)}" '
                     f'style="border-left:4px solid {colour};padding:0.3em 0.8em">'
                     f"<strong>{mark}</strong> — {html.escape(fb.message)}</div>",
        "text/plain": f"{mark} — {fb.message}",
    }


def _register_lessons() -> None:
    from lessonkit.exercises import lesson1, lesson2, lesson3  # noqa: F401  (they call task())


__all__ = ["check", "evaluate", "expected", "task", "Task", "Feedback", "TASKS"]

