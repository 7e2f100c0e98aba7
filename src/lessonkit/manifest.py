"""The list of lessons: lessons.toml at the project root, read and checked.

    from lessonkit import manifest
    manifest.lessons()        # [Lesson(id="01_context", notebook=Path(...), bank=..., ...), ...]
    manifest.lesson("01_context")

Shell (the Makefile uses it):  python -m lessonkit.manifest notebooks   # one path a line
                                python -m lessonkit.manifest notebooks de   # only the German lessons
                                python -m lessonkit.manifest ids

Pure Python (tomllib only). A broken manifest raises ManifestError naming the file, the lesson
and every problem found (missing notebook, unknown bank, duplicate id, wrong field).
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lessonkit import paths

FIELDS = {"id": str, "notebook": str, "bank": str, "title": str, "minutes": int, "language": str,
          "source": str}
OPTIONAL = {"language": "en", "source": ""}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2}$")


class ManifestError(ValueError):
    """lessons.toml is missing or broken; the message lists every problem."""


@dataclass(frozen=True)
class Lesson:
    id: str
    notebook: Path  # absolute
    bank: str  # quizzes/<bank>.toml
    title: str
    minutes: int
    language: str = "en"
    source: str = ""  # a translated lesson: the id of the English lesson it is generated from


def _field_problems(where: str, entry: dict) -> list[str]:
    problems = []
    for key in sorted(set(entry) - set(FIELDS)):
        problems.append(f"{where}: unknown field {key!r} (fields: {', '.join(FIELDS)})")
    for key, kind in FIELDS.items():
        if key not in entry:
            if key not in OPTIONAL:
                problems.append(f"{where}: missing field {key!r}")
        elif type(entry[key]) is not kind:
            problems.append(f"{where}: {key} must be {'a whole number' if kind is int else 'a string'}, "
                            f"not {entry[key]!r}")
    return problems


def _lesson_problems(where: str, entry: dict, root: Path, missing_ok: bool = False) -> list[str]:
    """Problems of one well-typed entry: its values and the files it names."""
    problems = []
    if not ID_PATTERN.match(entry["id"]):
        problems.append(f"{where}: id must be lower-case letters, digits and _ (got {entry['id']!r})")
    notebook = root / entry["notebook"]
    if notebook.suffix != ".ipynb" or notebook.stem != entry["id"]:
        problems.append(f"{where}: notebook must be {entry['id']}.ipynb in some folder (the id is its stem), "
                        f"got {entry['notebook']!r}")
    elif not notebook.resolve().is_relative_to(root.resolve()):
        problems.append(f"{where}: notebook {entry['notebook']} lies outside the project folder {root}")
    elif not notebook.is_file() and not (missing_ok and entry.get("source")):
        hint = " (python tools/translations.py build makes it)" if entry.get("source") else ""
        problems.append(f"{where}: notebook {entry['notebook']} does not exist{hint}")
    bank = root / "quizzes" / f"{entry['bank']}.toml"
    if not bank.is_file():
        known = sorted(p.stem for p in (root / "quizzes").glob("*.toml"))
        problems.append(f"{where}: unknown bank {entry['bank']!r}: no quizzes/{entry['bank']}.toml "
                        f"(banks: {', '.join(known) or 'none'})")
    if not entry["title"].strip():
        problems.append(f"{where}: title is empty")
    if entry["minutes"] <= 0:
        problems.append(f"{where}: minutes must be positive, got {entry['minutes']}")
    if not LANGUAGE_PATTERN.match(entry.get("language", OPTIONAL["language"])):
        problems.append(f"{where}: language must be a two-letter code such as 'en', got {entry['language']!r}")
    return problems


def _source_problems(entries: list[dict]) -> list[str]:
    """A translated lesson names an English lesson as its source and shares its bank."""
    english = {e["id"]: e for e in entries if e.get("language", "en") == "en" and not e.get("source")}
    problems = []
    for e in entries:
        where = f"lesson {e['id']}"
        if e.get("language", "en") == "en" and e.get("source"):
            problems.append(f"{where}: source is only for translated lessons (language other than 'en')")
        elif e.get("language", "en") != "en":
            if e.get("source") not in english:
                problems.append(f"{where}: source must be the id of an English lesson "
                                f"({', '.join(english)}), got {e.get('source')!r}")
            elif e["bank"] != english[e["source"]]["bank"]:
                problems.append(f"{where}: bank must be its source's bank {english[e['source']]['bank']!r} "
                                f"(the text comes from quizzes/{e['language']}/)")
    return problems


def load(path: Path | str, root: Path | str | None = None, missing_ok: bool = False) -> list[Lesson]:
    """Read and check a manifest file; root (default: the file's folder) anchors its paths.
    missing_ok: a translated lesson's notebook may not exist yet (the tool that builds it)."""
    path = Path(path)
    root = Path(root) if root is not None else path.resolve().parent
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: the lesson manifest is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: not valid TOML: {exc}") from None
    entries = raw.get("lesson")
    problems = [f"unknown top-level key {k!r} (only [[lesson]] tables)" for k in sorted(set(raw) - {"lesson"})]
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        problems.append("no lessons: add one [[lesson]] table per lesson")
        entries = []
    seen: dict[str, int] = {}
    lessons = []
    for n, entry in enumerate(entries, start=1):
        where = f"lesson {n}" + (f" ({entry['id']})" if isinstance(entry.get("id"), str) else "")
        found = _field_problems(where, entry)
        if not found:
            found = _lesson_problems(where, entry, root, missing_ok)
            if entry["id"] in seen:
                found.append(f"{where}: duplicate id {entry['id']!r} (also lesson {seen[entry['id']]})")
            seen.setdefault(entry["id"], n)
        problems += found
        if not found:
            lessons.append(Lesson(**{**OPTIONAL, **entry, "notebook": (root / entry["notebook"]).resolve()}))
    if not problems:
        problems = _source_problems(entries)
    if problems:
        raise ManifestError(f"{path}:\n  " + "\n  ".join(problems))
    return lessons


def lessons(missing_ok: bool = False) -> list[Lesson]:
    """The lessons of lessons.toml in the project folder, in teaching order."""
    root = paths.project_root()
    return load(root / "lessons.toml", root, missing_ok)


def ids() -> list[str]:
    return [lesson.id for lesson in lessons()]


def lesson(lesson_id: str) -> Lesson:
    found = {x.id: x for x in lessons()}
    if lesson_id not in found:
        raise KeyError(f"no lesson {lesson_id!r} in lessons.toml; lessons: {', '.join(found)}")
    return found[lesson_id]


def main(args: list[str]) -> int:
    if not args or args[0] not in ("notebooks", "ids") or len(args) > 2 \
            or (len(args) == 2 and not LANGUAGE_PATTERN.match(args[1])):
        print("usage: python -m lessonkit.manifest notebooks|ids [LANGUAGE]", file=sys.stderr)
        return 2
    try:
        root = paths.project_root()
        found = load(root / "lessons.toml", root)
    except (ManifestError, paths.RootNotFound) as exc:
        print(exc, file=sys.stderr)
        return 1
    for x in found:
        if len(args) == 2 and x.language != args[1]:
            continue
        print(x.notebook.relative_to(root.resolve()).as_posix() if args[0] == "notebooks" else x.id)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
