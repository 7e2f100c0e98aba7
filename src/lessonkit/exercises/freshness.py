"""Is `answer` fresh? What the kernel saw of the cells that set it, for check().

IPython's pre_run_cell / post_run_cell events tell us, for every cell run, its source and
whether it stopped with an error. A cell "sets answer" if its code assigns the name `answer`.
check() asks `CellLog.stale_reason(task_id)` before grading:

- the last cell that sets `answer` stopped with an error -> `answer` is an earlier attempt
  (or none at all): say so instead of grading it;
- `answer` was already checked for another task and no cell has set it since -> the check ran
  before its exercise cell: say so.

Pure Python (no IPython import): `install(shell)` connects a CellLog to a running shell.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from lessonkit.i18n import t

NAME = "answer"
_ASSIGN = re.compile(rf"^\s*{NAME}\s*(?:\[.*\])?\s*[-+*/]?=(?!=)", re.MULTILINE)


def sets_answer(source: str) -> bool:
    """True if the code assigns the name `answer` (a = ..., a += ..., for answer in ..., ...)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):  # a cell that does not parse: look at its lines instead
        return bool(_ASSIGN.search(source))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == NAME and isinstance(node.ctx, ast.Store):
            return True
    return False


@dataclass
class AnswerCell:
    """The last run of a cell that sets `answer`."""

    run: int          # the how-manieth cell run of the session
    ok: bool          # ran to the end without an error
    changed: bool     # `answer` is another object than before the cell ran


@dataclass
class CellLog:
    """What check() needs to know about the cells run so far."""

    runs: int = 0
    last_answer_cell: AnswerCell | None = None
    checked_for: dict[int, str] = field(default_factory=dict)  # answer-cell run -> task checked
    current_sets_answer: bool = False
    _before: int | None = None

    # --- events (called by IPython through install(), or directly by tests) -----------------
    def before_cell(self, source: str, answer_id: int | None) -> None:
        self.runs += 1
        self.current_sets_answer = sets_answer(source or "")
        self._before = answer_id

    def after_cell(self, ok: bool, answer_id: int | None) -> None:
        if self.current_sets_answer:
            self.last_answer_cell = AnswerCell(self.runs, ok, answer_id != self._before)
        self.current_sets_answer = False

    # --- questions check() asks -------------------------------------------------------------
    def stale_reason(self, task_id: str, has_answer: bool) -> str | None:
        """One sentence if `answer` should not be graded for this task now, else None.

        Called from inside the check cell (between before_cell and after_cell). A check cell
        that sets `answer` itself is always fresh.
        """
        if self.current_sets_answer:
            return None
        last = self.last_answer_cell
        if last is None:
            return None  # nothing known (e.g. lessonkit was imported after the exercise cell)
        if not last.ok:
            if has_answer and not last.changed:
                return t("The cell above that sets `answer` stopped with an error, so `answer` is still "
                        "your earlier attempt: fix that cell and run it again, then run this check.")
            if not has_answer:
                return t("The cell above that sets `answer` stopped with an error before it set `answer`: "
                        "read its message, fix it and run it again, then run this check.")
            return t("The cell above that sets `answer` stopped with an error: fix it and run it again "
                    "(it has to run to the end), then run this check.")
        earlier = self.checked_for.get(last.run)
        if earlier is not None and earlier != task_id:
            return t("`answer` still holds your answer to the task before: run the exercise cell of this "
                    "task (the one with `answer = ...` just above) first, then this check.")
        return None

    def checked(self, task_id: str) -> None:
        """Note that the current `answer` was checked for this task."""
        if self.last_answer_cell is not None and not self.current_sets_answer:
            self.checked_for[self.last_answer_cell.run] = task_id


LOG = CellLog()
_installed: set[int] = set()


def install(shell) -> CellLog:
    """Register LOG's events with an IPython shell (once per shell); returns LOG."""
    if id(shell) in _installed:
        return LOG
    ns = shell.user_ns

    def pre(info) -> None:
        LOG.before_cell(getattr(info, "raw_cell", "") or "", _answer_id(ns))

    def post(result) -> None:
        ok = result.error_before_exec is None and result.error_in_exec is None
        LOG.after_cell(ok, _answer_id(ns))

    shell.events.register("pre_run_cell", pre)
    shell.events.register("post_run_cell", post)
    _installed.add(id(shell))
    return LOG


def _answer_id(ns: dict) -> int | None:
    return id(ns[NAME]) if NAME in ns else None
