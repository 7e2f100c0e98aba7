"""A student's progress in a lesson: checked quiz answers and "Your turn" results, kept on disk.

Pure Python (no widgets). One small JSON file per student and lesson, written at once after
every check, so a restart, a reopened notebook or another day on a hub finds it again:

    <Jupyter data folder>/lessonkit/progress/<lesson id>.json       (English)
    <Jupyter data folder>/lessonkit/progress/<lesson id>.<lang>.json  (another edition, e.g. .de)

Each edition keeps its own file: a German lesson shares its quiz bank (and lesson id) with its
English source, but a student working in both sees only that edition's answers and score (the
German texts differ, so an English answer would not match them). English keeps the plain name.

The Jupyter data folder (`jupyter --data-dir`, e.g. ~/.local/share/jupyter) belongs to the
user, not to the lesson folder: every student on a hub has their own, it is never inside the
repository (so never committed or overwritten by a lesson update), and it outlives the kernel.
LESSONKIT_PROGRESS_DIR replaces the folder (tests and `make execute` point it at a temporary
one).

    record_quiz(lesson_id, question_id, entry)   # entry: a dict of JSON values
    record_task(lesson_id, task_id, ok)
    load(lesson_id) -> Progress                   # never raises on a bad file: Progress.notice
    clear(lesson_id)                              # "Start this lesson over"

Writes are atomic (a temporary file in the same folder, then os.replace). A file that cannot
be read, or that belongs to another lesson or program, is moved aside (<name>.json.unreadable)
and the lesson starts fresh with a one-line notice.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path

from lessonkit import i18n
from lessonkit.i18n import N_

FORMAT = "lessonkit-progress"
VERSION = 1
ENV = "LESSONKIT_PROGRESS_DIR"
NOTICE_UNREADABLE = N_("Your saved answers for this lesson could not be read, so it starts fresh "
                        "(the old file was kept beside the new one).")
NOTICE_NO_ACCESS = N_("Your saved answers for this lesson could not be opened, so it starts fresh.")


@dataclass
class Progress:
    """What is saved for one lesson. quiz: question id -> entry; tasks: task id -> entry."""

    lesson: str
    quiz: dict[str, dict] = field(default_factory=dict)
    tasks: dict[str, dict] = field(default_factory=dict)
    notice: str = ""

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "lesson": self.lesson,
                "quiz": self.quiz, "tasks": self.tasks}


def folder() -> Path:
    """Where the progress files are (LESSONKIT_PROGRESS_DIR, else the Jupyter data folder)."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "lessonkit" / "progress"


def path(lesson_id: str, lang: str | None = None) -> Path:
    """The lesson's file for the edition `lang` (default: the language in use)."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", lesson_id) or lesson_id.startswith("."):
        raise ValueError(f"lesson id {lesson_id!r}: use letters, digits, '_', '-' or '.'")
    return folder() / file_name(lesson_id, lang)


def file_name(lesson_id: str, lang: str | None = None) -> str:
    """'01_context.json' for English, '01_context.de.json' for the German edition."""
    lang = lang or i18n.current()
    return f"{lesson_id}.json" if lang == "en" else f"{lesson_id}.{lang}.json"


def load(lesson_id: str) -> Progress:
    """The saved progress (empty if none). A bad file: moved aside, fresh start, .notice set."""
    p = path(lesson_id)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Progress(lesson_id)
    except OSError:
        return Progress(lesson_id, notice=NOTICE_NO_ACCESS)
    try:
        return _parse(lesson_id, json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError):
        _move_aside(p)
        return Progress(lesson_id, notice=NOTICE_UNREADABLE)


def _parse(lesson_id: str, raw: object) -> Progress:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("version") != VERSION:
        raise ValueError("not a lessonkit progress file")
    if raw.get("lesson") != lesson_id:
        raise ValueError("progress of another lesson")
    quiz, tasks = raw.get("quiz", {}), raw.get("tasks", {})
    for part in (quiz, tasks):
        if not isinstance(part, dict) or not all(isinstance(k, str) and isinstance(v, dict)
                                                 for k, v in part.items()):
            raise ValueError("bad entries")
    return Progress(lesson_id, quiz=quiz, tasks=tasks)


def _move_aside(p: Path) -> None:
    try:
        os.replace(p, p.with_name(p.name + ".unreadable"))
    except OSError:
        pass


def save(progress: Progress) -> Path:
    """Write the whole file atomically; returns its path."""
    p = path(progress.lesson)
    p.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(progress.to_json(), ensure_ascii=False, indent=1, sort_keys=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text + "\n")
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record_quiz(lesson_id: str, question_id: str, entry: dict) -> Progress:
    """Save one question's state (read, update, write: other entries are kept)."""
    progress = load(lesson_id)
    progress.quiz[question_id] = {**entry, "saved": _now()}
    save(progress)
    return progress


def record_task(lesson_id: str, task_id: str, ok: bool) -> Progress:
    """Save a "Your turn" check: done once any check was right; counts the checks."""
    progress = load(lesson_id)
    old = progress.tasks.get(task_id, {})
    checks = old.get("checks", 0)
    checks = checks if isinstance(checks, int) and not isinstance(checks, bool) else 0
    progress.tasks[task_id] = {"ok": bool(ok) or old.get("ok") is True, "last_ok": bool(ok),
                               "checks": checks + 1, "saved": _now()}
    save(progress)
    return progress


def clear(lesson_id: str) -> None:
    """Forget everything saved for the lesson ("Start this lesson over")."""
    path(lesson_id).unlink(missing_ok=True)
