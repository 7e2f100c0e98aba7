"""A non-editable install (a wheel, as `pip install .` makes) runs the lessons from a copy of the repository.

The wheel holds only the code; the lessons find data/, quizzes/ and seeds/ from the working
directory (lessonkit.paths). Fast and offline: the wheel is built with --no-build-isolation and
installed with --no-deps into a bare venv that borrows this environment's packages (a .pth line);
a check proves that `import lessonkit` there is the wheel, not this editable checkout.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from lessonkit import manifest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def run(args, **kw):
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)
    assert done.returncode == 0, f"{args[:4]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory):
    """(python of a venv with lessonkit installed from a wheel, its site-packages)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # build from a copy, so no build/ or egg-info lands in the repository
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), str(source)])
    (wheel,) = (tmp / "dist").glob("lessonkit-*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    run([*pip, "--python", str(python), "install", "--no-deps", str(wheel)])
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    # Borrow pandas, matplotlib, ipykernel, ... from this environment, after the venv's own packages.
    # (A path in a .pth is not itself scanned for .pth files, so the editable hook stays out.)
    (site / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return python, site


@pytest.fixture
def lessons_copy(tmp_path):
    """The repository's content without its code: what a student's folder holds."""
    copy = tmp_path / "lessons"
    for folder in ("data", "quizzes", "seeds", "notebooks"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("raw", "_staging"))
    shutil.copy(ROOT / "lessons.toml", copy / "lessons.toml")
    return copy


def clean_env():
    return {k: v for k, v in os.environ.items() if k not in ("LESSONKIT_ROOT", "PYTHONPATH")}


SMOKE = """
import sys, lessonkit
from pathlib import Path
from lessonkit import data, i18n, manifest, paths, quiz
assert Path(lessonkit.__file__).is_relative_to(Path(sys.argv[1])), lessonkit.__file__
assert (i18n.LOCALE_DIR / "de" / "ui.po").is_file(), "the German catalogues are package data"
print(paths.project_root())
print(len(data.load("un_votes")), len(quiz.load("01_context").questions), len(manifest.lessons()))
"""


def test_wheel_finds_the_copy_it_is_run_from(wheel_venv, lessons_copy):
    python, site = wheel_venv
    out = run([python, "-c", SMOKE, str(site)], cwd=lessons_copy / "notebooks", env=clean_env()).stdout.splitlines()
    assert out[0] == str(lessons_copy.resolve())
    rows, questions, lessons = map(int, out[1].split())
    assert rows > 100 and questions >= 6 and lessons == len(manifest.lessons())


def test_wheel_outside_any_copy_says_how_to_fix_it(wheel_venv, tmp_path):
    python, _ = wheel_venv
    done = subprocess.run([python, "-c", "from lessonkit import data; data.load('un_votes')"], cwd=tmp_path,
                          env=clean_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "RootNotFound" in done.stderr and "LESSONKIT_ROOT" in done.stderr and "pip install -e ." in done.stderr


def test_a_lesson_runs_with_the_wheel(wheel_venv, lessons_copy):
    python, site = wheel_venv
    first = manifest.lessons()[0]
    script = f"""
import nbformat
from nbclient import NotebookClient
nb = nbformat.read({str(lessons_copy / first.notebook.relative_to(ROOT))!r}, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import lessonkit, sys; print(lessonkit.__file__, sys.executable)"))
NotebookClient(nb, timeout=300, kernel_name="python3",
               resources={{"metadata": {{"path": {str(lessons_copy / "notebooks")!r}}}}}).execute()
print(nb.cells[-1].outputs[0]["text"])
"""
    out = run([python, "-c", script], cwd=lessons_copy, env=clean_env()).stdout
    module, executable = out.split()
    assert Path(module).is_relative_to(site), f"the kernel imported {module}, not the wheel"
    assert Path(executable).parent == python.parent
