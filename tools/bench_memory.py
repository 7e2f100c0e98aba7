"""Benchmark: does re-running a lesson's interactive cells make the kernel grow?

Usage: python tools/bench_memory.py [notebooks/01_context.ipynb] [--runs 20] [--limit-mb 50]

Starts a kernel as JupyterLab does, runs the whole lesson once, then re-runs every interactive
cell (quizzes, the score, explorers and chart cells) `--runs` times, each with its cell id as
JupyterLab sends it, and prints the kernel's resident memory before and after (after a garbage
collection in the kernel). Exits with 1 if it grew by the limit or more. Quiz progress goes to a
temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]
INTERACTIVE = ("quiz.show(", "quiz.score(", "_explorer(", "charts.")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def run(kc, code: str, cell_id: str, timeout: float = 120) -> None:
    """Execute like JupyterLab: an execute_request with the cell's id in its metadata."""
    msg = kc.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                             "user_expressions": {}, "allow_stdin": False,
                                             "stop_on_error": True}, metadata={"cellId": cell_id})
    kc.shell_channel.send(msg)
    deadline = time.monotonic() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(1.0, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            break
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell {cell_id} failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook", nargs="?", default=str(ROOT / "notebooks" / "01_context.ipynb"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--limit-mb", type=float, default=50.0)
    args = parser.parse_args(argv)
    path = Path(args.notebook)
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    interactive = [c for c in code if any(k in c.source for k in INTERACTIVE)]
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as progress:
        os.environ["LESSONKIT_PROGRESS_DIR"] = progress
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(path.parent))
        try:
            pid = km.provisioner.process.pid
            for cell in code:
                run(kc, cell.source, cell.id)
            run(kc, "import gc; gc.collect()", "bench-gc")
            before = rss_mb(pid)
            started = time.perf_counter()
            for _ in range(args.runs):
                for cell in interactive:
                    run(kc, cell.source, cell.id)
            seconds = time.perf_counter() - started
            run(kc, "import gc; gc.collect()", "bench-gc")
            after = rss_mb(pid)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    growth = after - before
    print(f"kernel memory after re-running the {len(interactive)} interactive cells of {path.name} "
          f"{args.runs} times ({seconds:.0f} s): {before:.0f} MB -> {after:.0f} MB, growth {growth:+.1f} MB "
          f"(limit {args.limit_mb:.0f} MB)")
    return 0 if growth < args.limit_mb else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
