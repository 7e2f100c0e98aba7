"""Shared test set-up: the project's tools/ folder is importable (its scripts hold logic the
tests reuse, e.g. tools/student_edition.py's reading of cell tags and outputs); the project
folders tests point LESSONKIT_ROOT at: quiz_root (the fixture bank, one folder for the session,
read only) and project_copy (a copy of the test's own, of only what it changes)."""

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import pytest  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]


_serial = itertools.count()


@pytest.fixture(scope="session")
def _progress_base(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("progress")


@pytest.fixture(autouse=True)
def _progress_in_tmp(_progress_base, monkeypatch):
    """Every test saves quiz and task progress in a folder of its own, never in the user's (the
    folder is made when progress is first saved: no tmp_path for every test)."""
    monkeypatch.setenv("LESSONKIT_PROGRESS_DIR", str(_progress_base / f"test-{next(_serial)}"))


@pytest.fixture(scope="module")
def t():
    """The chart tests' fixture tables (tests/fixtures/charts), loaded once per test module:
    name -> typed DataFrame (chart_fixture.fixture_tables)."""
    from chart_fixture import fixture_tables

    return fixture_tables()


def make_project(root: Path, *paths: str, fixture_bank: bool = False) -> Path:
    """A project folder at `root` with copies of these paths of the repository ("data",
    "quizzes", "seeds", or one file such as "data/datapackage.json"; data/raw and data/notes are
    left out: nothing loads them) and, with fixture_bank, the fixture bank as quizzes/all_types.toml."""
    from quiz_fixture import BANK, FIXTURE

    for rel in paths:
        source, target = REPO_ROOT / rel, root / rel
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("raw", "notes"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    if fixture_bank:
        (root / "quizzes").mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURE, root / "quizzes" / f"{BANK}.toml")
    return root


@pytest.fixture(scope="session")
def _shared_quiz_project(tmp_path_factory) -> Path:
    """A project folder whose quizzes/ holds only the fixture bank, made once per session."""
    return make_project(tmp_path_factory.mktemp("quiz-project"), fixture_bank=True)


@pytest.fixture
def quiz_root(_shared_quiz_project, monkeypatch):
    """LESSONKIT_ROOT at a project folder whose quizzes/ holds only the fixture bank
    (all_types.toml); fresh quiz state in the kernel. The folder is shared by the whole session:
    read it, never change it (a test that writes a bank takes project_copy(fixture_bank=True)).
    Used by the quiz tests: pytestmark = pytest.mark.usefixtures("quiz_root")."""
    from quiz_fixture import BANK, FIXTURE, forget_kernel_state

    root = _shared_quiz_project
    monkeypatch.setenv("LESSONKIT_ROOT", str(root))
    forget_kernel_state()
    yield root
    forget_kernel_state()
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert files == {f"quizzes/{BANK}.toml": FIXTURE.read_bytes()}, (
        "this test changed the shared quiz project; a test that writes takes project_copy(fixture_bank=True)")


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    """For a test that changes files: project_copy("data") makes a project folder of the test's
    own (tmp_path / "project", with make_project's copies: only what the test changes or
    needs), points LESSONKIT_ROOT at it and returns it."""
    def make(*paths: str, fixture_bank: bool = False) -> Path:
        root = make_project(tmp_path / "project", *paths, fixture_bank=fixture_bank)
        monkeypatch.setenv("LESSONKIT_ROOT", str(root))
        return root

    return make


# Tests that draw whole charts from the real tables or start a subprocess: marked `slow` here
# (make unit skips them, make test runs them) so that `make unit` stays under 20 s. Mark new slow
# tests with @pytest.mark.slow in their own file; this list only spares other helpers' files edits.
SLOW_TESTS = {
    "tests/test_charts_timeline.py::test_what_followed_on_the_real_data",
    "tests/test_charts_timeline.py::test_the_trip_on_the_real_data",
    "tests/test_answer_key.py::test_command_line",
    "tests/test_translations_build.py::test_the_german_answer_key_is_generated_from_the_overlays_and_the_german_lessons",
    "tests/test_presave.py::test_execute_stores_no_widget_state_and_is_stable",  # runs make execute
    "tests/test_quiz_lifecycle.py::test_summary_to_hand_in",
    "tests/test_exercises_in_kernel.py",  # a whole file: real kernels
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.split("[")[0] in SLOW_TESTS or item.nodeid.split("::")[0] in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def _student_build(tmp_path_factory):
    """tools/student_edition.py over the lessons of lessons.toml, once per session (it runs every
    lesson with its solutions): (the student repository, the lessons as they ran, the tool's run)."""
    from lessonkit import manifest

    base = tmp_path_factory.mktemp("edition")
    out, executed = base / "student", base / "executed"
    lessons = [lesson.notebook for lesson in manifest.lessons()]
    env = {**os.environ, "LESSONKIT_PROGRESS_DIR": str(tmp_path_factory.mktemp("edition-progress"))}
    done = subprocess.run([sys.executable, "tools/student_edition.py", "--executed", str(executed), str(out),
                           *map(str, lessons)], cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    return out, executed, done


@pytest.fixture(scope="session")
def student_repo(_student_build) -> Path:
    """The student repository as `make student` builds it, in a temporary folder (built once:
    it runs every lesson with its solutions)."""
    out, _, done = _student_build
    assert done.returncode == 0, f"tools/student_edition.py failed:\n{done.stdout}\n{done.stderr}"
    return out


class _Executed(dict):
    """{lesson id: the lesson as tools/student_edition.py ran it with its solutions}."""

    def __init__(self, folder: Path, done: subprocess.CompletedProcess):
        super().__init__()
        self.folder, self.done = folder, done

    def __missing__(self, lesson_id):
        import nbformat
        import student_edition
        from lessonkit import manifest

        notebook = manifest.lesson(lesson_id).notebook
        path = self.folder / student_edition.notebook_place(notebook, REPO_ROOT)
        raised = [line for line in self.done.stderr.splitlines() if line.startswith(f"{notebook.name}: a cell raised")]
        if raised or not path.is_file():
            raise AssertionError(f"{lesson_id}: running it with its solutions (tools/student_edition.py) failed:\n"
                                 + ("\n".join(raised) or self.done.stderr[-3000:]))
        self[lesson_id] = nbformat.read(path, as_version=4)
        return self[lesson_id]


@pytest.fixture(scope="session")
def executed_lessons(_student_build) -> dict:
    """The lessons of lessons.toml run with their solutions, before the verdicts are replaced by
    previews: executed_lessons["01_context"] is the executed notebook. The stored lessons hold no
    check results; tests that need them read them from this run. It is the run of the student
    edition's build (student_repo), which runs every lesson with its solutions anyway: each lesson
    runs once per session for both (such tests are slow)."""
    _, executed, done = _student_build
    return _Executed(executed, done)
