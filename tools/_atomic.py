"""Build everything first, then replace files atomically; on failure, one line per failure.

Every generator (make execute, answer-key, student, html, worksheet) uses this so that a
failing lesson or bank never leaves a file half-written:

    from _atomic import Failures, write_all

    failures = Failures("execute")                  # log: build/logs/execute.log
    outputs = {}
    for path in paths:
        with failures.catch(path):                  # an exception here is recorded, not raised
            outputs[path] = build(path)
    if failures:
        return failures.report()                    # prints the lines, writes the log, returns 1
    write_all(outputs)                              # only now is any file replaced

write_all writes each file to a temporary file in the same folder, and only when all of them
are written renames them over the targets (os.replace is atomic on one file system).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOG_DIR = ROOT / "build" / "logs"


def write_all(files: dict[Path, str | bytes]) -> None:
    """Write every file, or none: temporary files first, then one rename per file."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temps.append((Path(name), target))
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if target.exists():
                os.chmod(name, target.stat().st_mode & 0o777)
            else:
                os.chmod(name, 0o644)
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """One file, atomically."""
    write_all({Path(path): text})


def place(path: Path | str) -> str:
    """A path as the user typed it relative to the repository (notebooks/01_context.ipynb)."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


def one_line(exc: BaseException, limit: int = 240) -> str:
    """'DataError: first line of the message' (cut to `limit` characters)."""
    name = getattr(exc, "ename", None) or type(exc).__name__
    text = str(getattr(exc, "evalue", None) or exc).strip().splitlines()
    first = text[0].strip() if text else ""
    line = f"{name}: {first}" if first else name
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


class Failures:
    """The failures of one generator run: a one-line summary each, full tracebacks in a log."""

    def __init__(self, name: str, log_dir: Path | None = None):
        self.name = name
        self.log = (log_dir or LOG_DIR) / f"{name}.log"
        self.items: list[tuple[str, str, str]] = []  # (summary line, where, full traceback)

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, where: str, exc: BaseException, detail: str = "") -> None:
        """Record a failure at `where` (e.g. 'notebooks/02_arms_flows.ipynb: cell 14')."""
        full = "".join(traceback.format_exception(exc))
        self.items.append((f"{where}: {detail or one_line(exc)}", where, full))

    @contextlib.contextmanager
    def catch(self, path: Path | str):
        try:
            yield
        except Exception as exc:  # every failure is reported; none stops the others
            self.add(place(path), exc)

    def report(self, stream=None) -> int:
        """Print one line per failure and the log's name; write the log. Returns 1."""
        stream = stream or sys.stderr
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w", encoding="utf-8") as fh:
            for line, _where, full in self.items:
                fh.write(f"=== {line}\n{full}\n")
        for line, _, _ in self.items:
            print(line, file=stream)
        print(f"{len(self.items)} failed; nothing was written. Full tracebacks: {place(self.log)}", file=stream)
        return 1
