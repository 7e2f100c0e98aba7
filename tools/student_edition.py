"""Build the student edition of the lessons: solutions removed, exercise outputs cleared.

Usage: python tools/student_edition.py OUT_DIR notebooks/01_context.ipynb [...]

Before it writes anything it runs each lesson (solutions included) and requires every cell
tagged `check` to report a passing check (the output's display metadata
{"lessonkit": {"kind": "check", "ok": true}}, never its UI text): a solution that no longer passes its check stops the
build. Then it drops the cells tagged `solution` and clears the outputs of the cells tagged
`exercise` or `check`, so students see the task, not its answer.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

SOLUTION, EXERCISE, CHECK = "solution", "exercise", "check"


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def output_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        for value in out.get("data", {}).values():
            parts.append(value if isinstance(value, str) else "")
    return "".join(parts)


def check_results(cell) -> list[dict]:
    """The lessonkit check results in a cell's outputs: [{"kind": "check", "task": ..., "ok": ...}]."""
    found = []
    for out in cell.get("outputs", []):
        meta = out.get("metadata", {}).get("lessonkit")
        if isinstance(meta, dict) and meta.get("kind") == "check":
            found.append(meta)
    return found


def check_passed(cell) -> bool:
    """True if the cell shows at least one check result and every one of them passed."""
    results = check_results(cell)
    return bool(results) and all(r.get("ok") is True for r in results)


def failing_checks(path: Path) -> list[str]:
    """Run the lesson with its solutions; return a line for every check that did not pass."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    problems = []
    n_checks = 0
    for i, cell in enumerate(nb.cells, start=1):
        if CHECK in tags(cell):
            n_checks += 1
            if not check_passed(cell):
                problems.append(f"{path.name}, cell {i}: the solution does not pass its check: {cell.source.strip()[:80]}")
    if n_checks == 0:
        problems.append(f"{path.name}: no cell is tagged '{CHECK}'")
    return problems


def student_copy(nb):
    """The notebook without solution cells and with exercise and check outputs cleared."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if SOLUTION not in tags(c)]
    for cell in nb.cells:
        if cell.cell_type == "code" and tags(cell) & {EXERCISE, CHECK}:
            cell.outputs = []
            cell.execution_count = None
    return nb


def main(args: list[str]) -> int:
    out_dir, paths = Path(args[0]), [Path(a) for a in args[1:]]
    problems = [p for path in paths for p in failing_checks(path)]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in paths:
        nb = student_copy(nbformat.read(path, as_version=4))
        nbformat.write(nb, out_dir / path.name)
        print(f"wrote {out_dir / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
