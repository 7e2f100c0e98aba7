"""lessonkit.progress: one small JSON file per lesson, written at once, atomically; bad files
give a notice and a fresh start, never an exception."""

from __future__ import annotations

import json
import os

import pytest

from lessonkit import progress


def test_folder_is_the_jupyter_data_folder_unless_overridden(monkeypatch, tmp_path):
    from jupyter_core.paths import jupyter_data_dir

    monkeypatch.delenv(progress.ENV, raising=False)
    assert progress.folder() == progress.Path(jupyter_data_dir()) / "lessonkit" / "progress"
    monkeypatch.setenv(progress.ENV, str(tmp_path / "p"))
    assert progress.path("01_context") == tmp_path / "p" / "01_context.json"


def test_nothing_saved_is_an_empty_progress():
    p = progress.load("01_context")
    assert (p.quiz, p.tasks, p.notice) == ({}, {}, "")


def test_record_quiz_and_task_keep_each_other():
    progress.record_quiz("01_context", "q1", {"tries": 1, "answer": 2})
    progress.record_task("01_context", "t1", False)
    progress.record_task("01_context", "t1", True)
    progress.record_task("01_context", "t1", False)  # done stays done
    p = progress.load("01_context")
    assert p.quiz["q1"]["answer"] == 2 and p.quiz["q1"]["saved"]
    assert p.tasks["t1"]["ok"] is True and p.tasks["t1"]["last_ok"] is False and p.tasks["t1"]["checks"] == 3
    raw = json.loads(progress.path("01_context").read_text(encoding="utf-8"))
    assert raw["format"] == "lessonkit-progress" and raw["lesson"] == "01_context"


def test_lessons_have_separate_files_and_clear_removes_one():
    progress.record_task("01_context", "t1", True)
    progress.record_task("02_arms_flows", "t2", True)
    progress.clear("01_context")
    assert progress.load("01_context").tasks == {}
    assert progress.load("02_arms_flows").tasks["t2"]["ok"] is True


@pytest.mark.parametrize("content", [
    "{not json",
    "",
    "[1, 2]",
    json.dumps({"format": "something-else", "version": 1, "lesson": "01_context"}),
    json.dumps({"format": "lessonkit-progress", "version": 99, "lesson": "01_context"}),
    json.dumps({"format": "lessonkit-progress", "version": 1, "lesson": "02_arms_flows"}),
    json.dumps({"format": "lessonkit-progress", "version": 1, "lesson": "01_context", "quiz": [1]}),
    json.dumps({"format": "lessonkit-progress", "version": 1, "lesson": "01_context", "quiz": {"q": 3}}),
])
def test_corrupt_or_foreign_file_gives_a_notice_and_a_fresh_start(content):
    path = progress.path("01_context")
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    p = progress.load("01_context")
    assert p.notice == progress.NOTICE_UNREADABLE and p.quiz == {} and p.tasks == {}
    assert "\n" not in p.notice
    assert path.with_name("01_context.json.unreadable").read_text(encoding="utf-8") == content
    progress.record_task("01_context", "t1", True)  # the fresh start is saved over it
    assert progress.load("01_context").notice == ""


def test_bad_values_inside_a_valid_file_do_not_raise():
    path = progress.path("01_context")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": "lessonkit-progress", "version": 1, "lesson": "01_context",
                                "tasks": {"t1": {"checks": "many", "ok": "yes"}}}), encoding="utf-8")
    p = progress.record_task("01_context", "t1", False)
    assert p.tasks["t1"] == {**p.tasks["t1"], "ok": False, "checks": 1}


def test_writes_are_atomic(monkeypatch):
    progress.record_task("01_context", "t1", True)
    before = progress.path("01_context").read_bytes()

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(progress.os, "replace", fail)
    with pytest.raises(OSError):
        progress.record_task("01_context", "t2", True)
    assert progress.path("01_context").read_bytes() == before
    assert sorted(os.listdir(progress.folder())) == ["01_context.json"]  # no temporary file left


def test_lesson_ids_cannot_leave_the_folder():
    for bad in ("../x", "a/b", ".hidden", ""):
        with pytest.raises(ValueError):
            progress.path(bad)


def test_each_edition_keeps_its_own_file_and_english_keeps_its_name(monkeypatch):
    from lessonkit import i18n

    monkeypatch.setattr(i18n, "_chosen", "en")
    progress.record_quiz("01_context", "q1", {"answer": "English option"})
    progress.record_task("01_context", "t1", True)
    assert progress.path("01_context").name == "01_context.json"  # existing English progress stays found
    monkeypatch.setattr(i18n, "_chosen", "de")
    assert progress.path("01_context").name == "01_context.de.json"
    assert progress.load("01_context").quiz == {} and progress.load("01_context").tasks == {}
    progress.record_quiz("01_context", "q1", {"answer": "deutsche Antwort"})
    progress.clear("01_context")  # "Einheit neu beginnen" forgets the German edition only
    assert not progress.path("01_context").exists()
    monkeypatch.setattr(i18n, "_chosen", "en")
    english = progress.load("01_context")
    assert english.quiz["q1"]["answer"] == "English option" and english.tasks["t1"]["ok"] is True
    assert sorted(os.listdir(progress.folder())) == ["01_context.json"]
    assert progress.path("01_context", "de").name == "01_context.de.json"
