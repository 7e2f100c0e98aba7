"""`make publish-student`: the student edition becomes a commit on a branch of a (temporary)
git repository, and the teacher's working tree, index and HEAD stay as they were."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import links
import publish_student

ROOT = Path(__file__).resolve().parents[1]
IDENTITY = ["-c", "user.name=Teacher", "-c", "user.email=teacher@school.example"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *IDENTITY, *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def teacher_repo(tmp_path, monkeypatch) -> Path:
    repo = tmp_path / "teacher"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "lesson.ipynb").write_text("teacher edition\n", encoding="utf-8")
    git(repo, "add", "lesson.ipynb")
    git(repo, "commit", "-q", "-m", "teacher")
    (repo / "lesson.ipynb").write_text("teacher edition, unsaved change\n", encoding="utf-8")  # dirty tree
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Teacher")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "teacher@school.example")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Teacher")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "teacher@school.example")
    return repo


@pytest.fixture
def edition(tmp_path) -> Path:
    folder = tmp_path / "build" / "student"
    (folder / "notebooks").mkdir(parents=True)
    (folder / "notebooks" / "01.ipynb").write_text("student edition\n", encoding="utf-8")
    (folder / "README.md").write_text("for students\n", encoding="utf-8")
    (folder / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    (folder / ".venv").mkdir()
    (folder / ".venv" / "big").write_text("not for the branch\n", encoding="utf-8")
    return folder


def state(repo: Path) -> tuple[str, str, str]:
    return git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain"), (repo / "lesson.ipynb").read_text()


def test_publish_commits_the_folder_to_a_branch_and_leaves_the_working_tree(teacher_repo, edition):
    before = state(teacher_repo)
    first = publish_student.publish(edition, "student", cwd=teacher_repo)
    assert first and state(teacher_repo) == before
    assert git(teacher_repo, "ls-tree", "-r", "--name-only", "student").splitlines() == [
        ".gitignore", "README.md", "notebooks/01.ipynb"]
    assert git(teacher_repo, "show", "student:notebooks/01.ipynb") == "student edition"
    assert git(teacher_repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"

    assert publish_student.publish(edition, "student", cwd=teacher_repo) is None  # nothing new
    (edition / "notebooks" / "01.ipynb").write_text("student edition, fixed\n", encoding="utf-8")
    second = publish_student.publish(edition, "student", cwd=teacher_repo)
    assert git(teacher_repo, "rev-parse", "student^") == first
    assert git(teacher_repo, "rev-parse", "student") == second
    assert state(teacher_repo) == before


def test_publish_refuses_the_checked_out_branch_and_a_folder_that_is_no_edition(teacher_repo, edition, tmp_path):
    with pytest.raises(SystemExit, match="checked out"):
        publish_student.publish(edition, "main", cwd=teacher_repo)
    with pytest.raises(SystemExit, match="not a student edition"):
        publish_student.publish(tmp_path, "student", cwd=teacher_repo)


def test_links_default_to_the_student_branch_once_published(teacher_repo, edition):
    assert links.default_ref(str(teacher_repo)) == "main"
    publish_student.publish(edition, "student", cwd=teacher_repo)
    assert links.default_ref(str(teacher_repo)) == "student"
    env = {**os.environ, "LESSONKIT_ROOT": str(ROOT)}  # the lessons from this project's lessons.toml
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "links.py"), "school/lessons"],
                         cwd=teacher_repo, env=env, capture_output=True, text=True, check=True).stdout
    assert out.count("https://mybinder.org/v2/gh/school/lessons/student?urlpath=") == len(links.lesson_notebooks())
