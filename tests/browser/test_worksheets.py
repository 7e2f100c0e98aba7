"""`make worksheet`: each lesson page and the teacher's answer key printed to PDF by Chromium,
with text that can be extracted (pdftotext), room to write, and no code prompts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import lab_process
from lessonkit import manifest

LESSONS = [x.id for x in manifest.lessons() if x.language == "en"]
GERMAN = [x.id for x in manifest.lessons() if x.language == "de"]


@pytest.fixture(scope="module")
def worksheets(html_dir, chromium_executable, pdftotext_ready, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("print") / "worksheets"
    done = subprocess.run([sys.executable, "tools/worksheets.py", str(html_dir), str(out)],
                          cwd=lab_process.REPO_ROOT, capture_output=True, text=True, timeout=540)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_one_pdf_per_lesson_and_the_answer_key(worksheets):
    assert sorted(p.stem for p in worksheets.glob("*.pdf")) == sorted([*LESSONS, "answer_key"])
    if GERMAN:
        assert sorted(p.stem for p in (worksheets / "de").glob("*.pdf")) == sorted([*GERMAN, "answer_key"])
        assert "Lösungsschlüssel" in pdf_text(worksheets / "de" / "answer_key.pdf")


@pytest.mark.parametrize("stem", LESSONS)
def test_lesson_worksheet_has_text_room_to_write_and_no_prompts(stem, worksheets, html_dir):
    text = pdf_text(worksheets / f"{stem}.pdf")
    title = re.search(r"<title>([^<]+)</title>", (html_dir / f"{stem}.html").read_text(encoding="utf-8")).group(1)
    words = title.replace("&#39;", "'").split()[:4]
    assert " ".join(words) in " ".join(text.split()), f"{stem}.pdf: the title is not in the text"
    assert text.count("Your answer:") >= 2, f"{stem}.pdf: no room to write under the tasks"
    assert not re.search(r"\[\d*\]:", text), f"{stem}.pdf shows code prompts"
    assert "✔ Right" not in text and "check(" not in text


def test_answer_key_pdf_holds_the_solutions(worksheets):
    text = pdf_text(worksheets / "answer_key.pdf")
    assert "Answer key" in text
    key = (lab_process.REPO_ROOT / "teacher" / "answer_key.md").read_text(encoding="utf-8")
    first_solution = re.search(r"```python\n(.+)\n", key).group(1).strip()
    assert " ".join(first_solution.split()[:3]) in " ".join(text.split())
