"""Run lesson notebooks in memory and fail on any error or warning; never write a file.

Usage: python tools/check_notebooks_run.py notebooks/01_context.ipynb [...]

`make test-oldest` runs it in .venv-oldest, with the oldest versions pyproject.toml admits.
Text outputs may differ between versions; errors and warnings (stderr outputs) may not.
One line per failing cell ("notebooks/01_context.ipynb: cell 13: AttributeError: ..."), full
outputs in build/logs/check-run.log.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from _atomic import Failures, one_line, place
from nbclient import NotebookClient


class CellProblem(Exception):
    """A cell that printed a warning or other stderr text."""


def problems(nb) -> list[tuple[int, str, str]]:
    """(cell number from 1, one-line summary, full text) for every error or stderr output."""
    found = []
    for n, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                full = "\n".join(out.get("traceback", []))
                found.append((n, f"{out.get('ename')}: {str(out.get('evalue', '')).splitlines()[0][:200]}", full))
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = "".join(out.get("text", ""))
                first = next((line for line in text.splitlines() if line.strip()), "")
                found.append((n, f"stderr: {first.strip()[:200]}", text))
    return found


def check(path: Path, failures: Failures) -> None:
    nb = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    found = problems(nb)
    for n, line, full in found:
        failures.add(f"{place(path)}: cell {n}", CellProblem(full), line)
    print(f"ran {place(path)} in {time.perf_counter() - started:.1f} s: "
          f"{'ok' if not found else f'{len(found)} problem(s)'}")


def main(paths: list[str]) -> int:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    failures = Failures("check-run")
    for p in paths:
        try:
            check(Path(p), failures)
        except Exception as exc:
            failures.add(place(p), exc, one_line(exc))
    if failures:
        return failures.report()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
