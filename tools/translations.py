"""The German edition's catalogues: PO files per lesson and quiz overlays.

Usage: python tools/translations.py update    refresh locale/de/<lesson>.po and quizzes/de/<bank>.toml
       python tools/translations.py report    untranslated / fuzzy / obsolete entries; exit 1 if any
       python tools/translations.py build [--draft]   write the German notebooks (lessons.toml)

English stays the source. A PO entry is one unit (lessonkit.po_units): msgctxt = the cell id,
msgid = the English paragraph or comment. `update` works like msgmerge: new units get an empty
msgstr; a unit whose English changed keeps the old translation, marked fuzzy, with the previous
msgid; units gone from the English become obsolete (#~). See locale/README.md.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _overlay_files import overlay_report, update_overlay  # noqa: E402

from lessonkit import manifest, paths  # noqa: E402
from lessonkit.po_units import Unit, cell_units  # noqa: E402

LANG = "de"
WRAP = 100
QUOTE_NOTE = ("Quote of the article: in German keep the first line („…“ (¶N)) exactly and "
              "drop the translation line in *…*.")


def root() -> Path:
    return paths.project_root()


def english_lessons() -> list[manifest.Lesson]:
    return [x for x in manifest.lessons(missing_ok=True) if x.language == "en"]


def po_path(lesson_id: str) -> Path:
    return root() / "locale" / LANG / f"{lesson_id}.po"


def notebook_units(notebook: Path) -> list[Unit]:
    import json

    nb = json.loads(notebook.read_text(encoding="utf-8"))
    units, seen = [], set()
    for cell in nb["cells"]:
        for unit in cell_units(cell):
            if (unit.cell_id, unit.text) not in seen:
                seen.add((unit.cell_id, unit.text))
                units.append(unit)
    return units


def new_catalogue(lesson: manifest.Lesson) -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = {
        "Project-Id-Version": f"lessonkit {lesson.id}",
        "Language": LANG,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    po.header = (f"German translation of {lesson.notebook.relative_to(root()).as_posix()}.\n"
                 "Written by tools/translations.py update: edit only the msgstr lines (and remove "
                 "the fuzzy flag once a translation is checked).")
    return po


def merge(old: polib.POFile | None, units: list[Unit], lesson: manifest.Lesson) -> tuple[polib.POFile, dict]:
    """The new catalogue for units, keeping old translations (like msgmerge). Returns counts."""
    po = new_catalogue(lesson)
    if old is not None:
        po.metadata.update({k: v for k, v in old.metadata.items() if k not in po.metadata})
    by_key = {(e.msgctxt, e.msgid): e for e in (old or [])}
    wanted = {(u.cell_id, u.text) for u in units}
    leftovers = [e for e in (old or []) if (e.msgctxt, e.msgid) not in wanted and e.msgstr.strip()]
    used: set[int] = set()
    counts = {"new": 0, "fuzzy": 0, "obsolete": 0, "dropped": 0}
    source = lesson.notebook.relative_to(root()).as_posix()
    for u in units:
        entry = polib.POEntry(msgctxt=u.cell_id, msgid=u.text, msgstr="", occurrences=[(source, u.cell_id)])
        entry.comment = QUOTE_NOTE if u.is_quote else ("Comment in a code cell (one line)." if u.kind == "comment" else "")
        same = by_key.get((u.cell_id, u.text))
        if same is not None:
            entry.msgstr, entry.flags = same.msgstr, [f for f in same.flags if f == "fuzzy"]
            entry.tcomment = same.tcomment
            entry.previous_msgid = same.previous_msgid if "fuzzy" in same.flags else None
        else:
            match = _closest(u, leftovers, used)
            if match is not None:
                used.add(id(match))
                entry.msgstr, entry.flags, entry.previous_msgid = match.msgstr, ["fuzzy"], match.msgid
                entry.tcomment = match.tcomment
                counts["fuzzy"] += 1
            else:
                counts["new"] += 1
        po.append(entry)
    for e in old or []:
        if (e.msgctxt, e.msgid) in wanted or id(e) in used:
            continue
        if not e.msgstr.strip():
            counts["dropped"] += 1  # an empty entry whose English is gone holds nothing to keep
            continue
        e.obsolete = True
        po.append(e)
        counts["obsolete"] += 1
    return po, counts


def _closest(unit: Unit, candidates: list[polib.POEntry], used: set[int]) -> polib.POEntry | None:
    """The old translated entry of the same cell most like the unit's new English (or None)."""
    best, best_ratio = None, 0.5
    for e in candidates:
        if id(e) in used or e.msgctxt != unit.cell_id or e.obsolete:
            continue
        ratio = difflib.SequenceMatcher(None, e.msgid, unit.text).ratio()
        if ratio > best_ratio:
            best, best_ratio = e, ratio
    return best


def save_po(po: polib.POFile, path: Path) -> bool:
    """Write the catalogue if its text changed. True if written."""
    text = po.__unicode__()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def cmd_update() -> int:
    for lesson in english_lessons():
        path = po_path(lesson.id)
        old = polib.pofile(str(path), wrapwidth=WRAP) if path.is_file() else None
        po, counts = merge(old, notebook_units(lesson.notebook), lesson)
        written = save_po(po, path)
        print(f"{path.relative_to(root())}: {len(po.untranslated_entries())} untranslated, "
              f"{len(po.fuzzy_entries())} fuzzy, {len(po.obsolete_entries())} obsolete"
              + (f" (new {counts['new']}, newly fuzzy {counts['fuzzy']}, removed empty {counts['dropped']})"
                 if written else " (unchanged)"))
        print(update_overlay(lesson.bank, LANG))
    return 0


def po_problems(path: Path) -> dict[str, list[str]]:
    """Untranslated, fuzzy and obsolete entries of a catalogue, as "cell-id: first words"."""
    po = polib.pofile(str(path), wrapwidth=WRAP)

    def name(e: polib.POEntry) -> str:
        first = e.msgid.split("\n")[0]
        return f"{e.msgctxt}: {first[:60]}{'…' if len(first) > 60 else ''}"

    return {"untranslated": [name(e) for e in po.untranslated_entries()],
            "fuzzy": [name(e) for e in po.fuzzy_entries()],
            "obsolete": [name(e) for e in po.obsolete_entries()]}


def cmd_report(verbose: bool = True) -> int:
    bad = 0
    for lesson in english_lessons():
        path = po_path(lesson.id)
        if not path.is_file():
            print(f"{path.relative_to(root())}: missing (run python tools/translations.py update)")
            bad += 1
            continue
        found = po_problems(path)
        n = sum(len(v) for v in found.values())
        print(f"{path.relative_to(root())}: " + ", ".join(f"{len(v)} {k}" for k, v in found.items()))
        if verbose:
            for kind, names in found.items():
                for item in names:
                    print(f"  {kind}: {item}")
        bad += n
        lines = overlay_report(lesson.bank, LANG)
        print(lines[0])
        if verbose:
            for line in lines[1:]:
                print("  " + line)
        bad += len(lines) - 1
    print("all translated" if not bad else f"{bad} entries to do")
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("update", "report", "build"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    if argv[0] == "update":
        return cmd_update()
    if argv[0] == "report":
        return cmd_report(verbose="--short" not in argv)
    from _build_de import cmd_build

    return cmd_build(draft="--draft" in argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
