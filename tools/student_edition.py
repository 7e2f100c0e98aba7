"""Build the student edition: a complete repository a teacher can hand out.

Usage: python tools/student_edition.py [--executed DIR] OUT_DIR notebooks/01_context.ipynb [...]

1. Runs each lesson with its solutions. Every cell tagged `check` must display a check result
   whose display metadata is {"lessonkit": {"kind": "check", "task": ..., "ok": true}}; a
   solution that no longer passes its check (or a cell that raises) stops the build, and
   nothing is written.
2. Writes OUT_DIR as a repository of its own: the lessons without the cells tagged `solution`
   and with the outputs of the cells tagged `exercise` or `check` cleared; data/, quizzes/,
   seeds/, src/, requirements/, environment.yml, postBuild, pyproject.toml, the LICENSE files;
   and the student README, Makefile and .gitignore from tools/student_repo/. No teacher/,
   no tests/, no answer key.

OUT_DIR is built in a temporary folder beside it and renamed into place, so it is either the
old edition or the complete new one, never half-written.

--executed DIR also writes each lesson as it ran with its solutions (check verdicts included) to
DIR/<its place in the student repository>, whether its checks passed or not (the tests read the
verdicts from there instead of running every lesson a second time).
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from _checks import CHECK, EXERCISE, SOLUTION, check_passed, check_problems, check_results, tags  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().with_name("student_repo")
# What the student repository holds besides the lessons (folders, then files).
COPIED_DIRS = ["data", "quizzes", "seeds", "src", "requirements"]
COPIED_FILES = ["environment.yml", "postBuild", "pyproject.toml", "lessons.toml"]
REQUIRED_FILES = ["environment.yml", "postBuild", "pyproject.toml"]
TEMPLATE_FILES = {"README.md": "README.md", "README.de.md": "README.de.md", "Makefile": "Makefile",
                  "gitignore": ".gitignore"}
# The README that lists the lessons of each language, and its table's heading.
READMES = {"en": ("README.md", "| Lesson | Open it |"), "de": ("README.de.md", "| Einheit | Öffnen |")}
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints", "_staging", "*.pyc")


def failing_checks(path: Path, executed: Path | None = None) -> list[str]:
    """Run the lesson with its solutions; return a line for every check that did not pass.
    executed: also write the notebook as it ran (up to the cell that raised, if one did) there."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as err:
        first = str(err).strip().splitlines()
        return [f"{path.name}: a cell raised while running the solutions: {first[-1] if first else err}"]
    finally:
        if executed is not None:
            executed.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, executed)
    return check_problems(nb, path.name)


def student_copy(nb):
    """The notebook without solution cells and with exercise and check outputs cleared."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if SOLUTION not in tags(c)]
    for cell in nb.cells:
        if cell.cell_type == "code" and tags(cell) & {EXERCISE, CHECK}:
            cell.outputs = []
            cell.execution_count = None
    return nb


def licence_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("LICENSE*") if p.is_file())


def write_repository(out: Path, notebooks: list[Path], root: Path = ROOT) -> None:
    """Write the student repository into the empty folder `out`."""
    missing = [f for f in REQUIRED_FILES if not (root / f).is_file()]
    if not licence_files(root):
        missing.append("LICENSE")
    if missing:
        raise SystemExit(f"cannot build the student repository: {', '.join(missing)} missing in {root}")
    for name in COPIED_DIRS:
        if (root / name).is_dir():
            shutil.copytree(root / name, out / name, ignore=IGNORED)
    for name in COPIED_FILES:
        if (root / name).is_file():
            shutil.copy2(root / name, out / name)
    for path in licence_files(root):
        shutil.copy2(path, out / path.name)
    for src, dest in TEMPLATE_FILES.items():
        shutil.copy2(TEMPLATE / src, out / dest)
    titles: dict[str, list[tuple[str, str]]] = {lang: [] for lang in READMES}
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        rel = notebook_place(path, root)
        titles.setdefault(nb.metadata.get("language", "en"), []).append((rel, lesson_title(nb)))
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student_copy(nb), out / rel)
    for lang, (name, heading) in READMES.items():
        readme = out / name
        readme.write_text(readme.read_text(encoding="utf-8").replace("{{LESSONS}}", lesson_table(titles[lang], heading)),
                          encoding="utf-8")


def notebook_place(path: Path, root: Path) -> str:
    """Where the lesson goes in the student repository: its place under notebooks/ here
    (notebooks/de/… for the German edition), else notebooks/<name>."""
    try:
        rel = path.resolve().relative_to((root / "notebooks").resolve())
    except ValueError:
        return f"notebooks/{path.name}"
    return f"notebooks/{rel.as_posix()}"


def lesson_title(nb) -> str:
    """The lesson's first heading, without the '#'."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip().splitlines()[0].lstrip("# ").strip()
    return ""


def lesson_table(titles: list[tuple[str, str]], heading: str = READMES["en"][1]) -> str:
    rows = [heading, "| --- | --- |"]
    rows += [f"| {title} | [`{rel}`]({rel}) |" for rel, title in titles]
    return "\n".join(rows)


def replace_dir(new: Path, target: Path) -> None:
    """Put the finished folder `new` at `target` (renames, so never a half-written target)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{new.name}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)


def build(out_dir: Path, notebooks: list[Path], root: Path = ROOT) -> None:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        write_repository(tmp, notebooks, root)
        replace_dir(tmp, out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def main(args: list[str]) -> int:
    executed = None
    if args[:1] == ["--executed"] and len(args) > 1:
        executed, args = Path(args[1]), args[2:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir, paths = Path(args[0]), [Path(a) for a in args[1:]]
    # Running the solutions records tasks as done: keep that out of the teacher's own progress.
    with tempfile.TemporaryDirectory() as progress:
        saved = os.environ.get("LESSONKIT_PROGRESS_DIR")
        os.environ["LESSONKIT_PROGRESS_DIR"] = progress  # the kernels inherit it
        try:
            problems = [p for path in paths for p in failing_checks(
                path, executed / notebook_place(path, ROOT) if executed is not None else None)]
        finally:
            if saved is None:
                os.environ.pop("LESSONKIT_PROGRESS_DIR", None)
            else:
                os.environ["LESSONKIT_PROGRESS_DIR"] = saved
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("The student edition was not written.", file=sys.stderr)
        return 1
    build(out_dir, paths)
    print(f"wrote {out_dir}: {len(paths)} lessons, data, quizzes, seeds and lessonkit (make lab starts it)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
