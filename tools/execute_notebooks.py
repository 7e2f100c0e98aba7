"""Re-execute lesson notebooks in place so their stored outputs match the code.

Usage: python tools/execute_notebooks.py notebooks/01_context.ipynb [...]

Widget state is saved into the notebook's metadata, so a lesson opened before it is run
shows its widgets as they were. A cell that raises stops the run with the error.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    )
    client.execute()
    elapsed = time.perf_counter() - started
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(paths: list[str]) -> int:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    for p in paths:
        seconds = execute(Path(p))
        print(f"executed {p} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
