"""The student edition is a repository of its own: what it holds, what it must not hold,
and that its lessons run under nbval on its own data and its own copy of lessonkit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lessonkit import manifest

import student_edition

ROOT = Path(__file__).resolve().parents[1]
LESSONS = [lesson.notebook for lesson in manifest.lessons()]
GERMAN = [lesson.notebook for lesson in manifest.lessons() if lesson.language == "de"]
TEACHER_ONLY = ["teacher", "tests", "tools", "docs", "CONTRIBUTING.md"]


def solution_lines() -> list[str]:
    """Every line of every solution cell that gives something away (not a bare name)."""
    lines = []
    for path in LESSONS:
        for cell in nbformat.read(path, as_version=4).cells:
            if "solution" in cell.metadata.get("tags", []):
                lines += [ln.strip() for ln in cell.source.splitlines()
                          if ln.strip() and not ln.strip().isidentifier() and "answer = ..." not in ln]
    return lines


@pytest.mark.slow
def test_student_repository_holds_what_a_student_needs(student_repo):
    for name in ["data", "quizzes", "seeds", "src/lessonkit", "notebooks", "requirements"]:
        assert (student_repo / name).is_dir(), f"{name}/ missing"
    for name in ["environment.yml", "postBuild", "pyproject.toml", "README.md", "Makefile", ".gitignore"]:
        assert (student_repo / name).is_file(), f"{name} missing"
    assert list(student_repo.glob("LICENSE*")), "no LICENSE"
    assert sorted(p.relative_to(student_repo) for p in (student_repo / "notebooks").rglob("*.ipynb")) \
        == sorted(p.relative_to(ROOT) for p in LESSONS)
    assert (student_repo / "data" / "datapackage.json").is_file()
    dry_run = subprocess.run(["make", "-n", "lab"], cwd=student_repo, capture_output=True, text=True)
    assert dry_run.returncode == 0, dry_run.stderr
    assert "jupyter lab" in dry_run.stdout and "notebooks/01_context.ipynb" in dry_run.stdout
    for lang in ("C.UTF-8", "en_US.UTF-8", "de_AT.UTF-8"):  # the shell's LANG never means German
        dry_run = subprocess.run(["make", "-n", "lab"], cwd=student_repo, capture_output=True, text=True,
                                 env={**os.environ, "LANG": lang})
        assert "notebooks/01_context.ipynb" in dry_run.stdout, lang
    if GERMAN:
        dry_run = subprocess.run(["make", "-n", "lab", "LANG=de"], cwd=student_repo, capture_output=True, text=True)
        assert f"lab/tree/{GERMAN[0].relative_to(ROOT).as_posix()}" in dry_run.stdout, dry_run.stdout


@pytest.mark.slow
def test_student_readme_says_how_to_start_and_that_quizzes_are_self_checks(student_repo):
    readme = (student_repo / "README.md").read_text(encoding="utf-8")
    assert "{{" not in readme
    assert "make lab" in readme and "Shift+Enter" in readme
    assert "not for marks" in readme and "quizzes/" in readme
    for path in set(LESSONS) - set(GERMAN):
        assert f"notebooks/{path.name}" in readme
    german = (student_repo / "README.de.md").read_text(encoding="utf-8")
    assert "{{" not in german and "make lab LANG=de" in german and "nicht benotet" in german
    for path in GERMAN:
        assert f"({path.relative_to(ROOT).as_posix()})" in german


@pytest.mark.slow
def test_student_repository_has_no_teacher_files_and_no_solutions(student_repo):
    for name in TEACHER_ONLY:
        assert not (student_repo / name).exists(), f"{name} reached the student repository"
    names = [p.name.lower() for p in student_repo.rglob("*")]
    assert not [n for n in names if "answer_key" in n or n.startswith("lesson0") and n.endswith(".md")]
    assert not [n for n in names if n in ("__pycache__", ".ipynb_checkpoints") or n.endswith(".egg-info")]
    lines = solution_lines()
    assert len(lines) >= 6
    for nb_path in (student_repo / "notebooks").rglob("*.ipynb"):
        text = nb_path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=4)
        for line in lines:
            assert json.dumps(line)[1:-1] not in text, f"{nb_path.name}: solution text {line!r}"
        for cell in nb.cells:
            tags = set(cell.metadata.get("tags", []))
            assert "solution" not in tags
            if tags & {"exercise", "check"}:
                assert cell.outputs == [] and cell.execution_count is None, f"{nb_path.name}: stored output in {cell.id}"
        assert "✔" not in text, f"{nb_path.name}: a stored check result"


@pytest.mark.slow
def test_student_lessons_run_under_nbval_on_their_own_data(student_repo, tmp_path):
    """A copy elsewhere, its own src/ on the path, no LESSONKIT_ROOT: every cell runs, and every
    stored output except the exercise and check cells (which a student fills in) comes back."""
    copy = tmp_path / "handed-out"
    shutil.copytree(student_repo, copy)
    for nb_path in (copy / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            if set(cell.metadata.get("tags", [])) & {"exercise", "check"} and "nbval-ignore-output" not in cell.metadata["tags"]:
                cell.metadata["tags"] = [*cell.metadata["tags"], "nbval-ignore-output"]
        nbformat.write(nb, nb_path)
    env = {k: v for k, v in os.environ.items() if k != "LESSONKIT_ROOT"}
    env.update(PYTHONPATH=str(copy / "src"), PYTHONHASHSEED="0")
    plugin_env = {**env, "PYTHONPATH": os.pathsep.join([str(copy / "src"), str(ROOT / "tests")])}  # -p nbval_counts
    where = subprocess.run([sys.executable, "-c", "import lessonkit, lessonkit.data as d; print(lessonkit.__file__)"],
                           cwd=copy / "notebooks", env=env, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(copy), f"lessonkit imported from {where}"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "nbval_counts", "--nbval", "notebooks",
         "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), "--rootdir", str(copy)],
        cwd=copy, env=plugin_env, capture_output=True, text=True, timeout=540,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_check_results_are_read_from_display_metadata_not_text():
    def cell(outputs):
        return nbformat.v4.new_code_cell("check('t', answer)", metadata={"tags": ["check"]}, outputs=outputs)

    def out(ok, text="✔ Right"):
        return nbformat.v4.new_output("display_data", data={"text/html": text},
                                      metadata={"lessonkit": {"kind": "check", "task": "t", "ok": ok}})

    nb = nbformat.v4.new_notebook()
    nb.cells = [cell([out(True, "anything")])]
    assert student_edition.check_problems(nb, "x.ipynb") == []
    nb.cells = [cell([out(False, "✔ Right")])]  # the text says right, the metadata says not
    assert "does not pass its check 't'" in student_edition.check_problems(nb, "x.ipynb")[0]
    nb.cells = [cell([nbformat.v4.new_output("display_data", data={"text/html": "✔ Right"})])]
    assert "no lessonkit check metadata" in student_edition.check_problems(nb, "x.ipynb")[0]
    nb.cells = [nbformat.v4.new_code_cell("1")]
    assert "no cell is tagged 'check'" in student_edition.check_problems(nb, "x.ipynb")[0]


@pytest.mark.slow
def test_a_failing_solution_stops_the_build_and_leaves_the_old_edition(tmp_path):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell("from lessonkit.exercises import check\nanswer = []", metadata={"tags": ["solution"]}),
                nbformat.v4.new_code_cell('check("l1_against_es11_3", answer)', metadata={"tags": ["check"]})]
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("the edition before", encoding="utf-8")
    done = subprocess.run([sys.executable, "tools/student_edition.py", str(out), str(broken)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert "does not pass its check 'l1_against_es11_3'" in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["old.txt"]


def minimal_root(tmp_path: Path) -> Path:
    root = tmp_path / "teacher-repo"
    (root / "data").mkdir(parents=True, exist_ok=True)
    for name in ["environment.yml", "postBuild", "pyproject.toml", "LICENSE"]:
        (root / name).write_text(name, encoding="utf-8")
    return root


def test_a_failed_write_leaves_the_old_edition(tmp_path, monkeypatch):
    out = tmp_path / "student"
    out.mkdir()
    (out / "old.txt").write_text("the edition before", encoding="utf-8")
    monkeypatch.setattr(student_edition, "student_copy", lambda nb: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        student_edition.build(out, LESSONS[:1], root=minimal_root(tmp_path))
    assert sorted(p.name for p in out.iterdir()) == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["student", "teacher-repo"], "a temporary folder was left"


def test_a_repository_without_licence_gives_no_edition(tmp_path):
    root = minimal_root(tmp_path)
    (root / "LICENSE").unlink()
    with pytest.raises(SystemExit, match="LICENSE missing"):
        student_edition.build(tmp_path / "student", LESSONS[:1], root=root)
    assert not (tmp_path / "student").exists()


def test_a_second_build_replaces_the_first(tmp_path):
    out = tmp_path / "student"
    student_edition.build(out, LESSONS[:1], root=minimal_root(tmp_path))
    (out / "stale.txt").write_text("from before", encoding="utf-8")
    student_edition.build(out, LESSONS[:1], root=minimal_root(tmp_path))
    assert not (out / "stale.txt").exists()
    assert (out / "notebooks" / LESSONS[0].name).is_file() and (out / "LICENSE").is_file()
