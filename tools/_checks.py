"""The "Your turn" check cells of a lesson: read their results, store them without a verdict.

A check cell calls `check(task_id, answer)`; run, it displays a result whose display metadata is
{"lessonkit": {"kind": "check", "task": ..., "ok": ...}} (lessonkit.exercises.result_metadata).
Tools and tests read that metadata, never the text. Check cells are the cells tagged `check`;
a cell that shows a check result without the tag is reported, so none is missed.

A stored lesson (make execute) keeps no verdict and no run numbers: `store_without_verdicts`
replaces a check cell's outputs with a static preview (lessonkit.exercises.preview_bundle), tags
the cell `nbval-ignore-output` (nbval runs it but does not compare it with the preview), and sets
every execution count to null. Whether the solutions pass is read from a run
(`check_problems` on the executed notebook), before that step.
"""

from __future__ import annotations

import contextlib

import nbformat

SOLUTION, EXERCISE, CHECK = "solution", "exercise", "check"
NBVAL_IGNORE = "nbval-ignore-output"


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _lessonkit_meta(out) -> dict:
    meta = out.get("metadata", {}).get("lessonkit")
    return meta if isinstance(meta, dict) else {}


def check_results(cell) -> list[dict]:
    """The check results a cell displayed: the `lessonkit` display metadata of kind "check"."""
    return [m for m in map(_lessonkit_meta, cell.get("outputs", [])) if m.get("kind") == "check"]


def check_passed(cell) -> bool:
    """True if the cell shows at least one check result and every one of them passed."""
    results = check_results(cell)
    return bool(results) and all(r.get("ok") is True for r in results)


def shows_verdict(cell) -> bool:
    """True if a stored cell still holds a check result (right or wrong)."""
    return bool(check_results(cell))


def check_problems(nb, name: str, need_checks: bool = True) -> list[str]:
    """A line for every check cell of an executed notebook that did not report ok."""
    problems, n_checks = [], 0
    for i, cell in enumerate(nb.cells, start=1):
        where = f"{name}, cell {i} (id {cell.get('id', '?')})"
        if CHECK not in tags(cell):
            if check_results(cell):
                problems.append(f"{where}: shows a check result but is not tagged '{CHECK}'")
            continue
        n_checks += 1
        results = check_results(cell)
        if not results:
            problems.append(f"{where}: the check shows no result (no lessonkit check metadata): {cell.source.strip()[:80]}")
        for r in results:
            if r.get("ok") is not True:
                problems.append(f"{where}: the solution does not pass its check {r.get('task')!r}: {cell.source.strip()[:80]}")
    if need_checks and n_checks == 0:
        problems.append(f"{name}: no cell is tagged '{CHECK}'")
    return problems


@contextlib.contextmanager
def in_language(language: str):
    """lessonkit's own texts in `language` (lessonkit.i18n, where this lessonkit has it)."""
    try:
        from lessonkit import i18n
    except ImportError:  # a lessonkit without translations: English
        yield
        return
    before = i18n.current()
    i18n.use(language)
    try:
        yield
    finally:
        i18n.use(before)


def preview_output(task_id: str):
    """The stored output of a check cell: the static preview, with the task but no verdict."""
    from lessonkit.exercises import preview_bundle, preview_metadata

    return nbformat.v4.new_output("display_data", data=preview_bundle(task_id), metadata=preview_metadata(task_id))


def store_without_verdicts(nb, language: str = "en") -> None:
    """In place: check cells show the preview in the lesson's language (tagged
    nbval-ignore-output); no cell keeps an execution count."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        for out in cell.get("outputs", []):
            if out.get("output_type") == "execute_result":
                out["execution_count"] = None
        if CHECK not in tags(cell):
            continue
        shown = check_results(cell) or [m for m in map(_lessonkit_meta, cell.get("outputs", [])) if m.get("kind") == "check-preview"]
        tasks = dict.fromkeys(m.get("task") for m in shown)  # a preview stays (so twice = once)
        with in_language(language):
            cell.outputs = [preview_output(t) for t in tasks if t]
        cell_tags = cell.metadata.setdefault("tags", [])
        if NBVAL_IGNORE not in cell_tags:
            cell_tags.append(NBVAL_IGNORE)
