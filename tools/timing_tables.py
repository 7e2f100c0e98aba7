"""Write the timing table of every teacher guide from its lesson (make timing-tables).

Usage: python tools/timing_tables.py          (rewrite the tables in teacher/lessonNN.md and teacher/de/lessonNN.md)

Each guide's table (one row per part of the lesson, then the total) is rebuilt by
lessonkit.timing.guide_table from the stored notebook, so the words and minutes a teacher plans
with are the ones the lesson has. tests/test_reading_budget.py fails when a table is out of date.
All guides are built first; a file is replaced only when every guide could be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from _atomic import ROOT, Failures, write_all
from lessonkit import manifest, timing


def guide_path(lesson: manifest.Lesson) -> Path:
    """teacher/lessonNN.md for an English lesson, teacher/<language>/lessonNN.md for a translation."""
    folder = ROOT / "teacher" if lesson.language == "en" else ROOT / "teacher" / lesson.language
    return folder / f"lesson{int(lesson.id[:2]):02d}.md"


def main() -> int:
    failures = Failures("timing-tables")
    outputs = {}
    for lesson in manifest.lessons():
        path = guide_path(lesson)
        with failures.catch(path):
            cells = nbformat.read(lesson.notebook, as_version=4).cells
            text = path.read_text(encoding="utf-8")
            new = timing.replace_guide_table(text, cells, lesson.language)
            if new != text:
                outputs[path] = new
    if failures:
        return failures.report()
    write_all(outputs)
    for path in outputs:
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
