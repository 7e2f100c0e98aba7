"""Benchmark: how long the lessons take under nbval, against a floor.

Usage: python tools/bench_notebooks.py notebooks/01_context.ipynb [...]

The floor is the same number of minimal notebooks that only import what the lessons import
(pandas, matplotlib, ipywidgets and the lessonkit modules): what any notebook of ours costs before it does
anything. Each measurement runs pytest --nbval in a fresh process, as `make test` does (with its
tests.nbval_quiet plugin, for the lessons and the floor alike).
Prints wall times in seconds and the ratio lessons / floor (goals: at most 1.3 for each lesson, 1.4 for all together).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
FLOOR_CODE = (
    "import pandas as pd\nimport matplotlib.pyplot as plt\nimport ipywidgets\n"
    "from lessonkit import data, quiz, charts, clocks\nfrom lessonkit.article import load_article\n"
    "from lessonkit.exercises import check\n%matplotlib inline"
)
REPEATS = 3


def nbval_seconds(paths: list[Path]) -> float:
    """Median wall time of `pytest --nbval` over the given notebooks."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.nbval_quiet", "--nbval",
           "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), *map(str, paths)]
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"nbval failed on {paths}:\n{result.stdout[-2000:]}")
    return statistics.median(times)


def floor_notebooks(folder: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(FLOOR_CODE)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        path = folder / f"floor_{i + 1}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def main(args: list[str]) -> int:
    lessons = [Path(a).resolve() for a in args]
    with tempfile.TemporaryDirectory() as tmp:
        floors = floor_notebooks(Path(tmp), len(lessons))
        print(f"{'notebook':32} {'lesson s':>9} {'floor s':>8} {'ratio':>6}   (median of {REPEATS} runs)")
        for lesson, floor in zip(lessons, floors):
            a, b = nbval_seconds([lesson]), nbval_seconds([floor])
            print(f"{lesson.name:32} {a:9.2f} {b:8.2f} {a / b:6.2f}")
        a, b = nbval_seconds(lessons), nbval_seconds(floors)
        print(f"{'all ' + str(len(lessons)) + ' together':32} {a:9.2f} {b:8.2f} {a / b:6.2f}   goal: ratio <= 1.4 (each lesson <= 1.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
