"""The browser tests in either edition: a lesson's notebook path on the server, its progress
file, its expectations and the UI texts it shows, in its own language.

German lessons (lessons.toml language = "de", source = the English lesson) have no table of
their own in expectations.toml: theirs is their source's, with every visible label translated
from the catalogues (option texts from quizzes/de/ by option id, lessonkit's strings from
src/lessonkit/locale/de/*.po), never typed in here.
"""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

from lessonkit import manifest, progress
from lessonkit.quiz import bank as bank_mod
from lessonkit.quiz import overlay
from lessonkit.quiz.preview import RUN_FOR_SCORE, RUN_TO_ANSWER

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from german_ui import german, ui  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RUN_TO_CHANGE = "Run this cell (Shift+Enter) to change the view"
SCORE = "Answered {answered} of {total} · right at the first try: {first}"
TASKS = ("Your turn: {done} of {n} task done", "Your turn: {done} of {n} tasks done")
RIGHT_AFTER = ("right after a hint", "right after more tries")


def lesson(stem: str) -> manifest.Lesson:
    return manifest.lesson(stem)


def language(stem: str) -> str:
    return lesson(stem).language


def notebook_path(stem: str) -> str:
    """The notebook's path on the server (whose root is a copy of notebooks/)."""
    return lesson(stem).notebook.relative_to(ROOT / "notebooks").as_posix()


def progress_name(stem: str) -> str:
    """The progress file's stem: the English lesson id (the bank), with the edition's language for a
    German lesson ("01_context.de"): each edition keeps its own file (lessonkit.progress.file_name)."""
    x = lesson(stem)
    return progress.file_name(x.source or stem, x.language).removesuffix(".json")


def _option_text(stem: str, qid: str, english: str) -> str:
    x = lesson(stem)
    if english in ("True", "False"):
        return german(english)
    q = bank_mod.load(x.bank).question(qid)
    (option,) = [o for o in q.options if o.text == english]
    raw = overlay.read(overlay.overlay_path(x.bank, x.language))
    entry = next(e for e in raw["question"] if e["id"] == qid)
    return next(o["text"] for o in entry["option"] if o["id"] == option.id).strip()


def _label(english: str) -> str:
    """A chart control's label in German: the catalogue, else the data's German label column."""
    try:
        return german(english)
    except AssertionError:
        import pandas as pd

        frame = pd.read_csv(ROOT / "data" / "certainty.csv")
        if "label_de" in frame.columns and english in set(frame.label_en):
            return frame.set_index("label_en").label_de[english]
        return english  # a language-neutral label such as "ES-11/1 (2022)"


def expectations(stem: str, tables: dict[str, dict]) -> dict | None:
    x = lesson(stem)
    if x.language == "en":
        return tables.get(stem)
    exp = copy.deepcopy(tables.get(x.source))
    if exp is None:
        return None
    quiz = exp.get("quiz")
    if quiz:
        for key in ("wrong", "right"):
            value = quiz[key]
            quiz[key] = (_option_text(stem, quiz["id"], value) if isinstance(value, str)
                         else [_option_text(stem, quiz["id"], v) for v in value])
        quiz["wrong_feedback"] = german("Not quite —").rstrip(" —")
        quiz["right_feedback"] = german("Correct —").rstrip(" —")
    charts = exp.get("interactive", [])
    for chart in [charts] if isinstance(charts, dict) else charts:
        chart["option"] = _label(chart["option"])
    return exp


def texts(stem: str) -> dict[str, str]:
    """The texts the lifecycle looks for, in the lesson's language."""
    lang = language(stem)
    return {"run to answer": ui(RUN_TO_ANSWER, lang),
            "see your score": "to see your score" if lang == "en" else ui(RUN_FOR_SCORE, lang),
            "change the view": "to change the view" if lang == "en" else ui(RUN_TO_CHANGE, lang),
            "run to change": ui(RUN_TO_CHANGE, lang),
            "right after": "right after" if lang == "en" else "|".join(map(german, RIGHT_AFTER))}


def score_pattern(stem: str, answered: str) -> str:
    """A regex for the score line with `answered` questions (any total and first-try count)."""
    template = ui(SCORE, language(stem))
    parts = re.split(r"(\{\w+\})", template)
    fill = {"{answered}": re.escape(answered), "{total}": r"\d+", "{first}": r"\d+"}
    return "".join(fill.get(p, re.escape(p)) for p in parts)


def tasks_pattern(stem: str) -> str:
    """A regex for "Your turn: N of N tasks done" in the lesson's language."""
    template = TASKS[1] if language(stem) == "en" else _plural_de()
    parts = re.split(r"(\{\w+\})", template)
    fill = {"{done}": r"(\d+)", "{n}": r"\1"}
    return "".join(fill.get(p, re.escape(p)) for p in parts)


def _plural_de() -> str:
    import polib

    for path in sorted((ROOT / "src" / "lessonkit" / "locale" / "de").glob("*.po")):
        for e in polib.pofile(str(path)):
            if e.msgid == TASKS[0] and e.msgstr_plural:
                return e.msgstr_plural[1]
    raise AssertionError(f"no German plural for {TASKS[0]!r}")
