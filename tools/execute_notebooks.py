"""Re-execute lesson notebooks in place so their stored outputs match the code.

Usage: python tools/execute_notebooks.py notebooks/01_context.ipynb [...]

No widget state is stored: each live widget's output keeps only its static preview
(text/html and text/plain, see lessonkit.plaintext); the widget view and the notebook's
widget state are dropped (lessonkit.jupyter_presave.strip_widgets, the same step the Jupyter
pre-save hook does), and no run timestamps, so unchanged code gives unchanged bytes. The kernel
saves quiz progress into a temporary folder, so nobody's answers end up in the stored lesson.
Nothing waits for a student who has not run anything (tools/_checks.py): no cell keeps an
execution count, and a "Your turn" check cell keeps a static preview ("Run the cell above, then
this one to check your answer.") instead of the verdict its solution got, tagged
`nbval-ignore-output`. The verdicts are read from the run first: a lesson whose solution fails
its check is not stored.
Every notebook is executed first; only when all of them run
without an error are the files replaced, atomically (tools/_atomic.py). Otherwise it prints one
line per failing notebook ("notebooks/02_arms_flows.ipynb: cell 14: DataError: ...") and the
log file with the full tracebacks (build/logs/execute.log), and changes no file.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from _atomic import Failures, place, write_all
from _checks import check_problems, store_without_verdicts
from nbclient import NotebookClient

from lessonkit.jupyter_presave import strip_widgets


def failing_cell(nb) -> str:
    """'cell 14' for the first code cell with an error output (cells counted from 1), or ''."""
    for n, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return f"cell {n}"
    return ""


class CheckFailed(Exception):
    """A solution of the lesson does not pass its check (the message lists them)."""


def run(path: Path, nb=None):
    """Run one notebook with its solutions, in place; the executed notebook and the seconds it took."""
    nb = nb if nb is not None else nbformat.read(path, as_version=4)
    started = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        # nbclient must track widget state to run Output widgets (with False it raises KeyError on
        # their messages); strip_widgets below drops the state and the widget views.
        store_widget_state=True,
        record_timing=False,  # no run timestamps: re-running unchanged code changes no bytes
    )
    saved = os.environ.get("LESSONKIT_PROGRESS_DIR")
    with tempfile.TemporaryDirectory(prefix="lessonkit-progress-") as progress_dir:
        os.environ["LESSONKIT_PROGRESS_DIR"] = progress_dir  # the kernel inherits it
        try:
            client.execute()
        finally:
            if saved is None:
                os.environ.pop("LESSONKIT_PROGRESS_DIR", None)
            else:
                os.environ["LESSONKIT_PROGRESS_DIR"] = saved
    return nb, time.perf_counter() - started


def execute(path: Path, nb=None) -> tuple[str, float]:
    """Run one notebook; its new text (not yet written) and the seconds it took."""
    nb, elapsed = run(path, nb)
    problems = check_problems(nb, path.name, need_checks=False)
    if problems:
        raise CheckFailed("; ".join(problems))
    store_without_verdicts(nb, language_of(path))
    strip_widgets(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps stored by earlier versions of this tool
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n", elapsed


def language_of(path: Path) -> str:
    """The language lessons.toml gives the notebook ("en" for a notebook it does not list)."""
    from lessonkit import manifest

    try:
        lessons = manifest.lessons()
    except manifest.ManifestError:
        return "en"
    return next((le.language for le in lessons if le.notebook.resolve() == path.resolve()), "en")


def main(paths: list[str]) -> int:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    failures = Failures("execute")
    outputs: dict[Path, str] = {}
    for p in paths:
        path = Path(p)
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:
            failures.add(place(path), exc)
            continue
        try:
            outputs[path], seconds = execute(path, nb)
        except Exception as exc:
            cell = failing_cell(nb)
            failures.add(f"{place(path)}: {cell}" if cell else place(path), exc)
            continue
        print(f"executed {p} in {seconds:.1f} s")
    if failures:
        return failures.report()
    write_all(outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
