"""Shared test set-up: the project's tools/ folder is importable (its scripts hold logic the
tests reuse, e.g. tools/student_edition.py's reading of cell tags and outputs)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _progress_in_tmp(tmp_path, monkeypatch):
    """Every test saves quiz and task progress in its own folder, never in the user's."""
    monkeypatch.setenv("LESSONKIT_PROGRESS_DIR", str(tmp_path / "progress"))
