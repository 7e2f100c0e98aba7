"""`python tools/translations.py build [--draft]`: the German notebooks from English + PO.

For each lesson of lessons.toml with language = "de" and source = <English lesson id>: the
English notebook with every unit replaced by its msgstr in locale/de/<source>.po, code
unchanged but for `lessonkit.use("de")` at the top of the first code cell, and metadata
language "de". Refuses (exit 1, listing the cell ids) while a unit is untranslated, fuzzy or
breaks a rule (a comment of several lines, a quote that lost its original line). --draft keeps
the English for untranslated units, for work in progress; never for make execute or the tests.
Outputs of cells whose source is unchanged are kept; `make execute` runs the rest.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import polib
import translations

from lessonkit import manifest, timing
from lessonkit.po_units import Unit, translate_cell

USE_LINES = ["import lessonkit", "lessonkit.use(\"de\")"]


def german_lessons() -> list[manifest.Lesson]:
    return [x for x in manifest.lessons(missing_ok=True) if x.language == translations.LANG]


def quote_line(english: str) -> str:
    """The original line of a quote unit, without the Markdown line break."""
    return english.split("\n")[0].rstrip()


class Lookup:
    """unit -> German, recording what is missing (a callable for po_units.translate_cell)."""

    def __init__(self, po: polib.POFile, draft: bool):
        self.entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
        self.draft = draft
        self.problems: list[str] = []

    def __call__(self, unit: Unit) -> str:
        entry = self.entries.get((unit.cell_id, unit.text))
        first = unit.text.split("\n")[0][:50]
        if entry is None:
            self.problems.append(f"{unit.cell_id}: not in the catalogue (run update): {first}")
            return unit.text
        if not entry.msgstr.strip():
            if not self.draft:
                self.problems.append(f"{unit.cell_id}: untranslated: {first}")
            return unit.text
        if "fuzzy" in entry.flags and not self.draft:
            self.problems.append(f"{unit.cell_id}: fuzzy (the English changed): {first}")
        german = entry.msgstr
        if unit.kind == "comment" and "\n" in german.strip():
            self.problems.append(f"{unit.cell_id}: a code comment must stay one line: {first}")
        if unit.is_quote:
            original = quote_line(unit.text)
            if german.strip() != original:
                self.problems.append(f"{unit.cell_id}: a quote keeps its original line {original!r} "
                                     "and nothing else")
        return german.strip() if unit.kind == "comment" else german.strip("\n")


def add_use(cell: dict) -> None:
    """`import lessonkit` and lessonkit.use("de") after the first cell's leading comments and imports."""
    lines = cell["source"].split("\n")
    at = 0
    while at < len(lines) and (lines[at].lstrip().startswith(("#", "import ", "from ")) or not lines[at].strip()):
        at += 1
    cell["source"] = "\n".join(lines[:at] + USE_LINES + lines[at:])


def build_notebook(english: dict, po: polib.POFile, source: str, draft: bool,
                   old: dict | None = None) -> tuple[dict, list[str]]:
    """The German notebook (nbformat's JSON as a dict) and the problems found."""
    nb = copy.deepcopy(english)
    lookup = Lookup(po, draft)
    old_cells = {c["id"]: c for c in (old or {}).get("cells", [])}
    first_code = True
    for cell in nb["cells"]:
        cell["source"] = translate_cell(cell, lookup)
        if cell["cell_type"] != "code":
            continue
        if first_code:
            add_use(cell)
            first_code = False
        before = old_cells.get(cell["id"])
        if before is not None and "".join(before["source"]) == cell["source"]:
            cell["outputs"], cell["execution_count"] = before["outputs"], before["execution_count"]
        else:
            cell["outputs"], cell["execution_count"] = [], None
    if not fill_time(nb) and not draft:
        lookup.problems.append(f"{nb['cells'][0]['id']}: the header needs its time as "
                               "'- **Dauer:** N Minuten (Lesen N, N Quizfragen N, N Aufgaben N, N Diagramme N)'")
    nb["metadata"]["language"] = translations.LANG
    nb["metadata"]["lessonkit"] = {"source": source, "generated_by": "tools/translations.py build"}
    if draft:
        nb["metadata"]["lessonkit"]["draft"] = True  # a test refuses committed drafts
    return nb, lookup.problems


def fill_time(nb: dict) -> bool:
    """Put the German lesson's own time (lessonkit.timing, same method) into its header."""
    header = nb["cells"][0]
    if not timing.TIME_LINE_DE.search(header["source"]):
        return False
    line = timing.lesson_time(nb["cells"]).time_line("de")
    header["source"] = timing.TIME_LINE_DE.sub(line, header["source"], count=1)
    return True


def write_if_changed(nb: dict, path: Path) -> bool:
    import nbformat

    node = nbformat.from_dict(nb)
    nbformat.validate(node)
    text = nbformat.writes(node) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def cmd_build(draft: bool = False) -> int:
    lessons = german_lessons()
    if not lessons:
        print("lessons.toml lists no German lessons (language = \"de\", source = \"<English id>\")")
        return 1
    by_id = {x.id: x for x in manifest.lessons(missing_ok=True)}
    built, failed = [], 0
    for lesson in lessons:
        source = by_id[lesson.source]
        po = polib.pofile(str(translations.po_path(source.id)))
        english = json.loads(source.notebook.read_text(encoding="utf-8"))
        old = json.loads(lesson.notebook.read_text(encoding="utf-8")) if lesson.notebook.is_file() else None
        rel = source.notebook.relative_to(translations.root()).as_posix()
        nb, problems = build_notebook(english, po, rel, draft, old)
        target = lesson.notebook.relative_to(translations.root())
        if problems:
            failed += 1
            print(f"{target}: not built, {len(problems)} problems in locale/de/{source.id}.po:")
            print("\n".join("  " + p for p in problems))
            continue
        built.append(f"{target}: {'written' if write_if_changed(nb, lesson.notebook) else 'unchanged'}"
                     + (" (draft: untranslated units stay English)" if draft else ""))
    print("\n".join(built))
    if failed:
        print("Translate them (python tools/translations.py report lists them all), or build a draft "
              "with --draft (work in progress only).")
    return 1 if failed else 0
