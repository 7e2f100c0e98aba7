"""German quiz overlays: quizzes/de/<bank>.toml holds only the text of a bank, keyed by ids.

    title, en (fingerprint of the English title)
    [[question]] id, en (fingerprint of the question's English text), prompt, hint, unit,
                 feedback_true / feedback_false / feedback_correct / feedback_wrong, items
      [[question.option]] id, text, feedback

Answers, tolerances, tables, quotes and the option order come from the English bank. `en` is
written by tools/translations.py update: if the English text changes later, the entry is
stale. apply() builds the German Bank; a missing, empty or stale entry is an OverlayError
naming the overlay file, the question id and the option id. Pure Python (tomllib).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from pathlib import Path

from lessonkit import paths, textfile
from lessonkit.quiz.bank import Bank, Option, Question

# The text fields of a question, by type (as named in the overlay file).
QUESTION_FIELDS = {
    "single": ("prompt", "hint"),
    "multiple": ("prompt", "hint"),
    "truefalse": ("prompt", "hint", "feedback_true", "feedback_false"),
    "numeric": ("prompt", "hint", "unit", "feedback_correct", "feedback_wrong"),
    "ordering": ("prompt", "hint", "feedback_correct", "feedback_wrong"),
}
OPTION_FIELDS = ("text", "feedback")


class OverlayError(ValueError):
    """A missing, empty or stale entry of a quiz overlay (the message names the ids)."""


def overlay_path(bank_name: str, lang: str) -> Path:
    return paths.quizzes_dir() / lang / f"{bank_name}.toml"


def english_fields(q: Question) -> dict[str, str]:
    """The question's English text fields that the overlay translates (empty ones left out)."""
    values = {"prompt": q.prompt, "hint": q.hint, "unit": q.unit,
              "feedback_correct": q.feedback_correct, "feedback_wrong": q.feedback_wrong}
    if q.type == "truefalse":
        values["feedback_true"], values["feedback_false"] = q.options[0].feedback, q.options[1].feedback
    return {k: values[k] for k in QUESTION_FIELDS[q.type] if values.get(k)}


def has_options(q: Question) -> bool:
    return q.type in ("single", "multiple")


def fingerprint(q: Question) -> str:
    """A fingerprint of the question's English text (changes when any text students read does)."""
    shape = [english_fields(q), list(q.items),
             [[o.id, o.text, o.feedback] for o in q.options] if has_options(q) else []]
    return hashlib.sha256(json.dumps(shape, ensure_ascii=False).encode()).hexdigest()[:12]


def title_fingerprint(title: str) -> str:
    return hashlib.sha256(title.encode()).hexdigest()[:12]


def read(path: Path) -> dict:
    """The raw overlay file ({} if there is none)."""
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(textfile.decode(path.read_bytes()))
    except tomllib.TOMLDecodeError as e:
        raise OverlayError(f"{path}: not valid TOML: {e}") from None


def problems(bank: Bank, raw: dict, path: Path) -> list[str]:
    """Every missing, empty or stale entry of the overlay raw for bank, one line each."""
    out = []
    if not str(raw.get("title", "")).strip():
        out.append(f"{path}: title: missing German text")
    elif raw.get("en") != title_fingerprint(bank.title):
        out.append(f"{path}: title: stale (the English title changed since it was translated)")
    entries = {q.get("id"): q for q in raw.get("question", []) if isinstance(q, dict)}
    for q in bank.questions:
        out += _question_problems(q, entries.get(q.id), f"{path}: question {q.id!r}")
    for qid in entries:
        if qid not in bank.ids():
            out.append(f"{path}: question {qid!r}: not in the English bank {bank.path.name} (remove it)")
    return out


def _question_problems(q: Question, entry: dict | None, where: str) -> list[str]:
    if entry is None:
        return [f"{where}: missing (no [[question]] with this id)"]
    out = []
    if entry.get("en") != fingerprint(q):
        out.append(f"{where}: stale (the English text changed since it was translated; "
                   f"check the German, then set en = \"{fingerprint(q)}\")")
    for key in english_fields(q):
        if not str(entry.get(key, "")).strip():
            out.append(f"{where}: {key}: missing German text")
    if q.items:
        items = entry.get("items", [])
        if len(items) != len(q.items) or not all(isinstance(i, str) and i.strip() for i in items):
            out.append(f"{where}: items: needs {len(q.items)} German items in the English order")
    if has_options(q):
        options = {o.get("id"): o for o in entry.get("option", []) if isinstance(o, dict)}
        for o in q.options:
            got = options.get(o.id)
            if got is None:
                out.append(f"{where}: option {o.id!r}: missing")
                continue
            out += [f"{where}: option {o.id!r}: {k}: missing German text"
                    for k in OPTION_FIELDS if not str(got.get(k, "")).strip()]
        out += [f"{where}: option {oid!r}: not in the English question (remove it)"
                for oid in options if oid not in {o.id for o in q.options}]
    return out


def apply(bank: Bank, lang: str = "de") -> Bank:
    """The bank with the German text of quizzes/<lang>/<bank>.toml. Raises OverlayError."""
    path = overlay_path(bank.name, lang)
    if not path.is_file():
        raise OverlayError(f"{path}: no {lang} overlay for the quiz bank {bank.name!r} "
                           "(python tools/translations.py update writes it)")
    raw = read(path)
    found = problems(bank, raw, path)
    if found:
        raise OverlayError(f"{path}: the {lang} text of bank {bank.name!r} is incomplete:\n  " + "\n  ".join(found))
    entries = {q["id"]: q for q in raw["question"]}
    questions = tuple(_translated(q, entries[q.id]) for q in bank.questions)
    return dataclasses.replace(bank, title=raw["title"].strip(), questions=questions)


def _translated(q: Question, entry: dict) -> Question:
    fields = {k: entry[k].strip() for k in english_fields(q) if k in ("prompt", "hint", "unit",
                                                                       "feedback_correct", "feedback_wrong")}
    options = q.options
    if has_options(q):
        by_id = {o["id"]: o for o in entry["option"]}
        options = tuple(Option(by_id[o.id]["text"].strip(), o.correct, by_id[o.id]["feedback"].strip(), o.id)
                        for o in q.options)
    elif q.type == "truefalse":
        options = (dataclasses.replace(q.options[0], feedback=entry["feedback_true"].strip()),
                   dataclasses.replace(q.options[1], feedback=entry["feedback_false"].strip()))
    items = tuple(i.strip() for i in entry["items"]) if q.items else q.items
    # German quotes stand in the original, without the translation line.
    return dataclasses.replace(q, **fields, options=options, items=items, translation="")
