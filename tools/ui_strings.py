"""lessonkit's own translatable strings: find them in the source, keep the PO catalogues in step.

    python tools/ui_strings.py check    # list missing, untranslated, fuzzy and unused entries (exit 1 if any)
    python tools/ui_strings.py update   # add the missing msgids (empty) to their catalogue

A translatable string is a literal first argument of t("…"), nt("…", "…", n) or N_("…") in a
module that imports lessonkit.i18n. Strings under lessonkit/charts/ belong in charts.po (owner:
charts), all others in ui.po. Every field name of data/datapackage.json has a German label in
columns.po (msgctxt "column"; lessonkit.tables shows it above the name). tests/test_i18n.py runs
the check.
"""

from __future__ import annotations

import ast
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "lessonkit"
LOCALE = SRC / "locale" / "de"
PACKAGE = ROOT / "data" / "datapackage.json"
COLUMNS = "columns.po"  # German labels of the data's field names (msgctxt "column")
COLUMN = "column"
CALLS = {"t": 1, "nt": 2, "N_": 1}  # name -> how many leading literal msgids


@dataclass
class Found:
    msgid: str
    plural: str | None
    where: list[str] = field(default_factory=list)
    catalogue: str = "ui.po"


def _imports_i18n(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if (node.module or "").endswith("i18n") or any(a.name == "i18n" for a in node.names):
                return True
        if isinstance(node, ast.Import) and any(a.name.endswith("i18n") for a in node.names):
            return True
    return False


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name) and func.id in CALLS:
        return func.id
    if isinstance(func, ast.Attribute) and func.attr in CALLS and isinstance(func.value, ast.Name) \
            and func.value.id == "i18n":
        return func.attr
    return None


def scan(src: Path = SRC) -> tuple[dict[str, Found], list[str]]:
    """(msgid -> Found, problems): problems are calls whose msgid is not a plain literal."""
    found: dict[str, Found] = {}
    problems: list[str] = []
    for path in sorted(src.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        if not _imports_i18n(tree):
            continue
        rel = path.relative_to(src.parent)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not (name := _call_name(node)):
                continue
            where = f"{rel}:{node.lineno}"
            args = node.args[:CALLS[name]]
            literal = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in args]
            if len(args) < CALLS[name] or None in literal:
                if name == "t" and args and not isinstance(args[0], ast.JoinedStr):
                    continue  # t(variable): the variable's strings are marked with N_ where they are defined
                problems.append(f"{where}: {name}() needs a plain string literal as its msgid")
                continue
            msgid, plural = literal[0], (literal[1] if name == "nt" else None)
            entry = found.setdefault(msgid, Found(msgid, plural))
            entry.where.append(where)
            if "charts" in rel.parts:
                entry.catalogue = "charts.po"
            if plural and entry.plural != plural:
                problems.append(f"{where}: {msgid!r} has two plurals ({entry.plural!r}, {plural!r})")
    return found, problems


def load(name: str):
    import polib

    path = LOCALE / name
    if path.exists():
        return polib.pofile(str(path), wrapwidth=0)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "lessonkit", "Language": "de_AT", "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    return po


def report(found: dict[str, Found] | None = None) -> list[str]:
    """Every problem: unliteral msgids, missing / untranslated / fuzzy / obsolete / unused entries."""
    if found is None:
        found, problems = scan()
    else:
        problems = []
    entries = {}
    for path in sorted(LOCALE.glob("*.po")):
        for entry in load(path.name):
            if entry.obsolete:
                problems.append(f"{path.name}: obsolete entry {entry.msgid!r} (delete it)")
                continue
            if entry.msgctxt == COLUMN:
                continue  # the data's column labels: column_problems
            entries.setdefault(entry.msgid, []).append((path.name, entry))
    problems += column_problems()
    for msgid, item in found.items():
        if msgid not in entries:
            problems.append(f"{item.where[0]}: {msgid!r} has no entry in locale/de/{item.catalogue}")
            continue
        for name, entry in entries[msgid]:
            text = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            if "fuzzy" in entry.flags:
                problems.append(f"{name}: {msgid!r} is fuzzy (check the German, then remove the flag)")
            elif not all(s.strip() for s in text) or (item.plural and len(text) < 2):
                problems.append(f"{name}: {msgid!r} has no German text")
            if item.plural and entry.msgid_plural != item.plural:
                problems.append(f"{name}: {msgid!r} has plural {entry.msgid_plural!r}, the code {item.plural!r}")
    for msgid, where in entries.items():
        if msgid not in found:
            problems.append(f"{where[0][0]}: {msgid!r} is not used in the code any more (delete it)")
    return problems


def field_names(package: Path = PACKAGE) -> list[str]:
    """Every field name of the data package, each once, in the order they first appear."""
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    names = [f["name"] for r in descriptor["resources"] for f in r["schema"]["fields"]]
    return list(dict.fromkeys(names))


def column_problems(package: Path = PACKAGE, catalogue: Path = LOCALE / COLUMNS) -> list[str]:
    """A field without a German label in columns.po, an empty or fuzzy label, a label for no field."""
    import polib

    found = polib.pofile(str(catalogue), wrapwidth=0) if catalogue.exists() else []
    labels = {e.msgid: e for e in found if e.msgctxt == COLUMN and not e.obsolete}
    names = field_names(package)
    problems = [f"{package.name}: field {n!r} has no German label in locale/de/{COLUMNS} (`make translations` adds an empty entry to fill in)"
                for n in names if n not in labels]
    for msgid, entry in labels.items():
        if msgid not in names:
            problems.append(f"{COLUMNS}: {msgid!r} is not a field of {package.name} any more (delete it)")
        elif "fuzzy" in entry.flags:
            problems.append(f"{COLUMNS}: {msgid!r} is fuzzy (check the German, then remove the flag)")
        elif not entry.msgstr.strip():
            problems.append(f"{COLUMNS}: {msgid!r} has no German label")
    return problems


def update() -> list[str]:
    """Add the missing msgids to their catalogue; returns what was added."""
    import polib

    found, _ = scan()
    have = {e.msgid for path in LOCALE.glob("*.po") for e in load(path.name)}
    added = []
    for name in ("ui.po", "charts.po"):
        new = [f for f in found.values() if f.catalogue == name and f.msgid not in have]
        if not new:
            continue
        po = load(name)
        for item in new:
            po.append(polib.POEntry(msgid=item.msgid, msgstr="", occurrences=[(item.where[0].split(":")[0], "")],
                                    **({"msgid_plural": item.plural, "msgstr_plural": {0: "", 1: ""}}
                                       if item.plural else {})))
            added.append(f"{name}: {item.msgid!r}")
        LOCALE.mkdir(parents=True, exist_ok=True)
        po.save(str(LOCALE / name))
    po = load(COLUMNS)
    labelled = {e.msgid for e in po if e.msgctxt == COLUMN}
    new_fields = [n for n in field_names() if n not in labelled]
    for name in new_fields:
        po.append(polib.POEntry(msgctxt=COLUMN, msgid=name, msgstr="", occurrences=[("data/datapackage.json", "")]))
        added.append(f"{COLUMNS}: {name!r}")
    if new_fields:
        po.save(str(LOCALE / COLUMNS))
    return added


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        print("\n".join(update()) or "nothing to add")
    elif command == "check":
        problems = report()
        print("\n".join(problems) or "every string has its German entry")
        sys.exit(1 if problems else 0)
    else:
        sys.exit(__doc__)
