"""Write and check the quiz overlay files quizzes/<lang>/<bank>.toml (tools/translations.py).

update_overlay keeps every German text already written, fills in the fields that the English
bank has and the file lacks (empty, with the English in a comment line above), and sets `en`
(the fingerprint of the English) on entries that have no German text yet. An entry with German
text keeps its old `en`, so a later English change shows as stale in the report.
"""

from __future__ import annotations

import json

from lessonkit import paths
from lessonkit.quiz import bank as bank_mod
from lessonkit.quiz import overlay

HEADER = """\
# German text of quizzes/{bank}.toml. Written by `python tools/translations.py update`, which keeps
# what you write here. Fill each "" with the German of the English line above it; keep the ids.
# Answers, tolerances, tables, quotes and the option order come from the English bank; quotes
# stay German and get no translation. `en` is a fingerprint of the English text: when the
# English changes, `python tools/translations.py report` says the entry is stale; check the
# German, then set en to the value the report prints.
"""


def _value(text: str) -> str:
    if "\n" in text:
        return '"""\n' + text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '"""'
    return json.dumps(text, ensure_ascii=False)


def _comment(english: str, indent: str) -> list[str]:
    lines = english.split("\n")
    return [f"{indent}# English: {lines[0]}"] + [f"{indent}#          {line}" for line in lines[1:]]


def _field(key: str, english: str, old: dict, indent: str = "") -> list[str]:
    return _comment(english, indent) + [f"{indent}{key} = {_value(str(old.get(key, '')))}"]


def _filled(entry: dict) -> bool:
    """Whether an old entry holds any German text."""
    for key, value in entry.items():
        if key in ("id", "en"):
            continue
        if isinstance(value, str) and value.strip():
            return True
        if isinstance(value, list) and any(_filled(v) if isinstance(v, dict) else str(v).strip() for v in value):
            return True
    return False


def render(bank: bank_mod.Bank, old: dict) -> str:
    """The overlay file's text for the English bank, keeping the German of old."""
    out = [HEADER.format(bank=bank.name)]
    title_en = overlay.title_fingerprint(bank.title)
    out += _comment(bank.title, "") + [f"title = {_value(str(old.get('title', '')))}",
                                        f"en = {_value(old.get('en', title_en) if old.get('title') else title_en)}"]
    olds = {q.get("id"): q for q in old.get("question", []) if isinstance(q, dict)}
    for q in bank.questions:
        entry = olds.pop(q.id, {})
        new_en = overlay.fingerprint(q)
        en = entry.get("en", new_en) if _filled(entry) else new_en
        out += ["", "[[question]]", f"id = {_value(q.id)}", f"en = {_value(en)}"]
        if en != new_en:
            out.append(f'# STALE: the English changed. Check the German, then set en = "{new_en}"')
        for key, english in overlay.english_fields(q).items():
            out += _field(key, english, entry)
        if q.items:
            old_items = entry.get("items", [])
            out.append("# English items, in the correct order (keep this order):")
            out.append("items = [")
            for n, item in enumerate(q.items):
                german = old_items[n] if n < len(old_items) and isinstance(old_items[n], str) else ""
                out.append(f"  {_value(german)},  # {item}")
            out.append("]")
        if overlay.has_options(q):
            old_options = {o.get("id"): o for o in entry.get("option", []) if isinstance(o, dict)}
            for o in q.options:
                got = old_options.pop(o.id, {})
                out += ["", "  [[question.option]]", f"  id = {_value(o.id)}"]
                out += _field("text", o.text, got, "  ") + _field("feedback", o.feedback, got, "  ")
            for oid, got in old_options.items():
                if _filled(got):
                    out += ["", "  # NOT IN ENGLISH ANY MORE: reuse the text, then delete this option",
                            "  [[question.option]]", f"  id = {_value(str(oid))}"]
                    out += [f"  {k} = {_value(str(v))}" for k, v in got.items() if k != "id"]
    for entry in olds.values():
        if _filled(entry):
            out += ["", "# NOT IN ENGLISH ANY MORE: reuse the text, then delete this question", "[[question]]"]
            out += [f"{k} = {_value(str(v))}" for k, v in entry.items() if isinstance(v, str)]
    return "\n".join(out) + "\n"


def update_overlay(bank_name: str, lang: str) -> str:
    """Write quizzes/<lang>/<bank>.toml; returns a line for the terminal."""
    path = overlay.overlay_path(bank_name, lang)
    text = render(bank_mod.load(bank_name), overlay.read(path))
    rel = path.relative_to(paths.project_root()).as_posix()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return f"{rel}: unchanged"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return f"{rel}: written"


def overlay_report(bank_name: str, lang: str) -> list[str]:
    """A summary line, then one line per missing, empty or stale entry."""
    path = overlay.overlay_path(bank_name, lang)
    rel = path.relative_to(paths.project_root()).as_posix()
    if not path.is_file():
        return [f"{rel}: missing (run python tools/translations.py update)", f"{rel}: missing"]
    found = overlay.problems(bank_mod.load(bank_name), overlay.read(path), path)
    prefix = f"{path}: "
    return [f"{rel}: {len(found)} entries to do"] + [p.removeprefix(prefix) for p in found]
