"""Teacher material: the answer key is current, the student edition has no solutions, links work."""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lessonkit import manifest

ROOT = Path(__file__).resolve().parents[1]

import links  # noqa: E402
import student_edition  # noqa: E402

LESSONS = [x.notebook for x in manifest.lessons()]


@pytest.mark.slow
def test_answer_key_is_generated_from_the_current_banks_and_lessons():
    fresh = subprocess.run(
        [sys.executable, "tools/teacher_answer_key.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert (ROOT / "teacher" / "answer_key.md").read_text(encoding="utf-8") == fresh, "run: make answer-key"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_student_edition_holds_no_solution(path):
    nb = nbformat.read(path, as_version=4)
    solutions = [c.source.strip() for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= 2
    student = student_edition.student_copy(nb)
    text = nbformat.writes(student)
    for s in solutions:
        for line in s.splitlines():
            if line.strip().isidentifier():
                continue  # a bare name such as `answer` that shows the result: not a solution
            if line.strip() and "answer = ..." not in line:
                assert line.strip() not in text, f"solution line reaches the student edition: {line}"
    for cell in student.cells:
        tags = set(cell.metadata.get("tags", []))
        assert "solution" not in tags
        if tags & {"exercise", "check"}:
            assert cell.outputs == [] and cell.execution_count is None


def test_binder_and_hub_links():
    assert links.binder_link("school/lessons", "main", "notebooks/01_context.ipynb") == (
        "https://mybinder.org/v2/gh/school/lessons/main?urlpath=lab%2Ftree%2Fnotebooks%2F01_context.ipynb"
    )
    hub = links.nbgitpuller_link("https://hub.example.edu/", "school/lessons", "main", "notebooks/01_context.ipynb")
    assert hub.startswith("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fschool%2Flessons")
    assert "branch=main" in hub and "urlpath=lab%2Ftree%2Flessons%2Fnotebooks%2F01_context.ipynb" in hub
    assert [nb for nb, _ in links.lesson_notebooks()] == [p.relative_to(ROOT).as_posix() for p in LESSONS]


def test_make_links_prints_one_link_per_lesson():
    out = subprocess.run(
        ["make", "-s", "links", "REPO=school/lessons", "REF=main", "HUB=https://hub.example.edu"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    assert out.count("https://mybinder.org/v2/gh/school/lessons/main?urlpath=") == len(LESSONS)
    assert out.count("/hub/user-redirect/git-pull?") == len(LESSONS)
