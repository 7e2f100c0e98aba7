"""lessons.toml, the one list of lessons: it matches the notebooks, and a broken one says why."""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from lessonkit import manifest

ROOT = Path(__file__).resolve().parents[1]
ENTRY = """
[[lesson]]
id = "{id}"
notebook = "notebooks/{id}.ipynb"
bank = "{bank}"
title = "A lesson"
minutes = 45
"""


HEADING = {"en": "Lesson", "de": "Einheit"}


def test_the_manifest_lists_every_lesson_notebook_once_in_order():
    lessons = manifest.lessons()
    english = [x for x in lessons if x.language == "en"]
    assert [x.notebook for x in english] == sorted(x.notebook for x in english)
    listed = {x.notebook for x in lessons}
    on_disk = {p.resolve() for p in (ROOT / "notebooks").glob("**/*.ipynb") if ".ipynb_checkpoints" not in p.parts}
    assert on_disk == listed, "every notebook in notebooks/ must be a lesson in lessons.toml, and back"
    assert all(x.notebook.is_absolute() for x in lessons)
    assert all(x.notebook.parent == ROOT / "notebooks" / ("" if x.language == "en" else x.language)
               for x in lessons), "English lessons in notebooks/, translated ones in notebooks/<language>/"
    translated = [x for x in lessons if x.language != "en"]
    assert all(manifest.lesson(x.source).language == "en" for x in translated)
    assert manifest.lesson("02_arms_flows").bank == "02_arms_flows"
    with pytest.raises(KeyError, match="no lesson '99_x'.*01_context"):
        manifest.lesson("99_x")


@pytest.mark.parametrize("lesson", manifest.lessons(), ids=lambda x: x.id)
def test_title_and_minutes_are_those_of_the_notebook_header(lesson):
    header = nbformat.read(lesson.notebook, as_version=4).cells[0].source
    same = [x.id for x in manifest.lessons() if x.language == lesson.language]
    number = same.index(lesson.id) + 1
    assert header.splitlines()[0] == f"# {HEADING[lesson.language]} {number} · {lesson.title}", \
        "lessons.toml title != notebook heading"
    time = re.search(r"\*\*(?:Time|Zeit|Dauer):\*\*\s*(\d+) (?:minutes|Minuten)", header)
    assert time and int(time.group(1)) == lesson.minutes, "lessons.toml minutes != the header's Time"


@pytest.fixture
def project(tmp_path):
    """A folder with two notebooks and two banks; write its lessons.toml with write()."""
    for name in ("01_a", "02_b"):
        (tmp_path / "notebooks").mkdir(exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(), tmp_path / "notebooks" / f"{name}.ipynb")
        (tmp_path / "quizzes").mkdir(exist_ok=True)
        (tmp_path / "quizzes" / f"{name}.toml").write_text("", encoding="utf-8")
    return tmp_path


def write(folder: Path, text: str) -> Path:
    path = folder / "lessons.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_good_manifest(project):
    path = write(project, ENTRY.format(id="01_a", bank="01_a") + ENTRY.format(id="02_b", bank="01_a")
                 + 'language = "de"\nsource = "01_a"\n')
    a, b = manifest.load(path)
    assert a == manifest.Lesson("01_a", (project / "notebooks" / "01_a.ipynb").resolve(), "01_a", "A lesson", 45, "en")
    assert b.bank == "01_a" and b.language == "de" and b.source == "01_a"


def test_a_translated_lesson_may_be_missing_only_for_the_tool_that_builds_it(project):
    path = write(project, ENTRY.format(id="01_a", bank="01_a") + ENTRY.format(id="03_c", bank="01_a")
                 + 'language = "de"\nsource = "01_a"\n')
    with pytest.raises(manifest.ManifestError, match=r"03_c.ipynb does not exist \(python tools/translations.py build"):
        manifest.load(path)
    assert [x.id for x in manifest.load(path, missing_ok=True)] == ["01_a", "03_c"]


@pytest.mark.parametrize("extra, message", [
    ('language = "de"\n', r"lesson 02_b: source must be the id of an English lesson \(01_a\), got None"),
    ('language = "de"\nsource = "02_b"\n', "source must be the id of an English lesson"),
    ('source = "01_a"\n', "source is only for translated lessons"),
])
def test_a_translated_lesson_names_its_english_source(project, extra, message):
    path = write(project, ENTRY.format(id="01_a", bank="01_a") + ENTRY.format(id="02_b", bank="01_a") + extra)
    with pytest.raises(manifest.ManifestError, match=message):
        manifest.load(path)


def test_a_translated_lesson_shares_the_bank_of_its_source(project):
    path = write(project, ENTRY.format(id="01_a", bank="01_a") + ENTRY.format(id="02_b", bank="02_b")
                 + 'language = "de"\nsource = "01_a"\n')
    with pytest.raises(manifest.ManifestError, match="bank must be its source's bank '01_a'"):
        manifest.load(path)


@pytest.mark.parametrize(
    "text, message",
    [
        (ENTRY.format(id="03_c", bank="01_a"), r"lesson 1 \(03_c\): notebook notebooks/03_c.ipynb does not exist"),
        (ENTRY.format(id="01_a", bank="nope"), r"lesson 1 \(01_a\): unknown bank 'nope': no quizzes/nope.toml "
                                               r"\(banks: 01_a, 02_b\)"),
        (ENTRY.format(id="01_a", bank="01_a") * 2, r"lesson 2 \(01_a\): duplicate id '01_a' \(also lesson 1\)"),
        (ENTRY.format(id="01_a", bank="01_a").replace("minutes = 45", 'minutes = "45"'),
         r"minutes must be a whole number, not '45'"),
        (ENTRY.format(id="01_a", bank="01_a").replace("minutes = 45", "minutes = 0"), "minutes must be positive"),
        (ENTRY.format(id="01_a", bank="01_a").replace('title = "A lesson"\n', ""), "missing field 'title'"),
        (ENTRY.format(id="01_a", bank="01_a") + "time = 3\n", "unknown field 'time'"),
        (ENTRY.format(id="01_a", bank="01_a") + 'language = "English"\n', "two-letter code"),
        (ENTRY.format(id="01_a", bank="01_a").replace("notebooks/01_a.ipynb", "notebooks/02_b.ipynb"),
         "notebook must be 01_a.ipynb"),
        (ENTRY.format(id="01_a", bank="01_a").replace("notebooks/01_a", "../01_a"), "outside the project folder"),
        ("[lessons]\n", "no lessons"),
        ("[[lesson]\n", "not valid TOML"),
    ],
)
def test_a_broken_manifest_names_the_lesson_and_the_problem(project, text, message):
    path = write(project, text)
    with pytest.raises(manifest.ManifestError, match=message) as err:
        manifest.load(path)
    assert str(path) in str(err.value)


def test_every_problem_is_listed_at_once(project):
    path = write(project, ENTRY.format(id="03_c", bank="nope") + ENTRY.format(id="01_a", bank="zip"))
    with pytest.raises(manifest.ManifestError) as err:
        manifest.load(path)
    assert str(err.value).count("\n  ") == 3  # missing notebook, two unknown banks


def test_a_missing_manifest(tmp_path):
    with pytest.raises(manifest.ManifestError, match="lessons.toml: the lesson manifest is missing"):
        manifest.load(tmp_path / "lessons.toml")


def run_cli(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "lessonkit.manifest", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_shell_prints_the_notebooks_for_the_makefile():
    done = run_cli("notebooks")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [x.notebook.relative_to(ROOT).as_posix() for x in manifest.lessons()]
    assert run_cli("ids").stdout.split() == manifest.ids()
    assert run_cli("titles").returncode == 2


def test_shell_fails_loudly_on_a_broken_manifest(project):
    write(project, ENTRY.format(id="01_a", bank="nope"))
    (project / "data").mkdir()
    (project / "data" / "datapackage.json").write_text("{}", encoding="utf-8")
    done = run_cli("notebooks", cwd=project / "notebooks")
    assert done.returncode == 1 and done.stdout == ""
    assert "unknown bank 'nope'" in done.stderr


def test_make_reads_the_notebooks_from_the_manifest():
    show = "show-notebooks: ; @echo $(NOTEBOOKS)"
    done = subprocess.run(["make", "-s", f"--eval={show}", "show-notebooks"], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.split() == [x.notebook.relative_to(ROOT).as_posix() for x in manifest.lessons()]
