"""lessonkit.paths finds the project folder: LESSONKIT_ROOT, then the working directory upwards."""

import json
import shutil
from pathlib import Path

import pytest

from lessonkit import data, paths

ROOT = Path(__file__).resolve().parents[1]


def make_project(folder: Path) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "datapackage.json").write_text(json.dumps({"resources": []}), encoding="utf-8")
    return folder


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """No LESSONKIT_ROOT, an empty working directory, and no editable checkout to fall back on."""
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path / "empty")
    monkeypatch.setattr(paths, "_SOURCE_CHECKOUT", tmp_path / "not-a-checkout")
    return tmp_path


def test_lessonkit_root_comes_first(nowhere, monkeypatch):
    project = make_project(nowhere / "project")
    monkeypatch.chdir(project)
    other = nowhere / "other"
    other.mkdir()
    monkeypatch.setenv(paths.ENV_VAR, str(other))
    assert paths.project_root() == other.resolve()
    assert paths.quizzes_dir() == other.resolve() / "quizzes"


def test_lessonkit_root_that_is_no_folder_is_an_error(nowhere, monkeypatch):
    monkeypatch.setenv(paths.ENV_VAR, str(nowhere / "missing"))
    with pytest.raises(paths.RootNotFound, match="LESSONKIT_ROOT is set to .*missing.*not a folder"):
        paths.project_root()


def test_nearest_folder_at_or_above_the_working_directory(nowhere, monkeypatch):
    outer = make_project(nowhere / "outer")
    inner = make_project(outer / "lessons" / "inner")
    (inner / "notebooks").mkdir()
    monkeypatch.chdir(inner / "notebooks")  # where a lesson's kernel starts
    assert paths.project_root() == inner.resolve()
    monkeypatch.chdir(outer / "lessons")
    assert paths.project_root() == outer.resolve()
    assert paths.project_root(start=inner) == inner.resolve()


def test_a_data_folder_without_descriptor_does_not_count(nowhere, monkeypatch):
    project = make_project(nowhere / "project")
    (project / "sub" / "data").mkdir(parents=True)
    monkeypatch.chdir(project / "sub")
    assert paths.project_root() == project.resolve()


def test_editable_checkout_is_the_last_resort(nowhere, monkeypatch):
    checkout = make_project(nowhere / "checkout")
    monkeypatch.setattr(paths, "_SOURCE_CHECKOUT", checkout)
    assert paths.project_root() == checkout


def test_nothing_found_gives_one_error_naming_every_way(nowhere):
    with pytest.raises(paths.RootNotFound) as err:
        paths.data_dir()
    message = str(err.value)
    assert str(nowhere / "empty") in message
    assert "data/datapackage.json" in message and "LESSONKIT_ROOT" in message and "pip install -e ." in message


def test_data_load_reads_the_copy_the_working_directory_is_in(nowhere, monkeypatch):
    copy = nowhere / "copy"
    shutil.copytree(ROOT / "data", copy / "data", ignore=shutil.ignore_patterns("raw", "_staging"))
    (copy / "notebooks").mkdir()
    countries = copy / "data" / "countries.csv"
    lines = countries.read_text(encoding="utf-8").splitlines(keepends=True)
    countries.write_text("".join(lines[:3]), encoding="utf-8")  # header and two rows
    monkeypatch.chdir(copy / "notebooks")
    assert paths.data_dir() == (copy / "data").resolve()
    assert len(data.load("countries")) == 2
