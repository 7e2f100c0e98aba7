"""The stored lessons wait for a student who has run nothing (issue 16, item 6): no run numbers,
no check verdict; the check cells show a preview, and the solutions pass their checks when run."""

from __future__ import annotations

import re

import nbformat
import pytest

from _checks import NBVAL_IGNORE, check_problems, check_results, store_without_verdicts, tags
from _checks import in_language as _in_language
from lessonkit import manifest
from lessonkit.exercises import PREVIEW_TEXT

LESSONS = manifest.ids()  # every lesson of lessons.toml, whatever its language
VERDICT = re.compile(r"✔|✘|\bRight\b|\bNot yet\b|\bWrong\b|\bCorrect\b|\bRichtig\b|\bNoch nicht\b")


def stored(stem):
    return nbformat.read(manifest.lesson(stem).notebook, as_version=4)


def check_task(cell) -> str:
    return re.search(r'check\(\s*"([^"]+)"', cell.source).group(1)


@pytest.mark.parametrize("stem", LESSONS)
def test_no_stored_run_numbers(stem):
    for cell in stored(stem).cells:
        if cell.cell_type == "code":
            assert cell.execution_count is None, f"{stem}, cell {cell.id}: stored as [{cell.execution_count}]"
            for out in cell.outputs:
                assert out.get("execution_count") is None, f"{stem}, cell {cell.id}: an output numbered {out['execution_count']}"


@pytest.mark.parametrize("stem", LESSONS)
def test_check_cells_store_a_preview_and_no_verdict(stem):
    checks = [c for c in stored(stem).cells if "check" in tags(c)]
    assert checks, f"{stem}: no check cell"
    for cell in checks:
        assert check_results(cell) == [], f"{stem}, cell {cell.id}: stores a check result"
        (out,) = cell.outputs
        assert out.metadata["lessonkit"] == {"kind": "check-preview", "task": check_task(cell)}
        text = out.data["text/plain"] + out.data["text/html"]
        assert not VERDICT.search(text), f"{stem}, cell {cell.id}: {text}"
        assert NBVAL_IGNORE in tags(cell)


@pytest.mark.parametrize("stem", LESSONS)
def test_no_stored_output_shows_a_verdict_and_nbval_skips_only_checks(stem):
    for cell in stored(stem).cells:
        if cell.cell_type != "code":
            continue
        assert not check_results(cell), f"{stem}, cell {cell.id}: a check result"
        assert 'class="lk-check"' not in str(cell.outputs), f"{stem}, cell {cell.id}: a check verdict"
        if NBVAL_IGNORE in tags(cell):
            assert "check" in tags(cell), f"{stem}, cell {cell.id}: nbval ignores a cell that is no check"


def test_the_english_preview_says_what_to_do():
    nb = stored(manifest.lessons()[0].id)
    (cell, *_) = [c for c in nb.cells if "check" in tags(c)]
    assert cell.outputs[0].data["text/plain"] == PREVIEW_TEXT == "Run the cell above, then this one to check your answer."


def executed_cell(task, ok, *, number=7, with_result=True):
    outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "✔ Right — 6 is right."},
                                      metadata={"lessonkit": {"kind": "check", "task": task, "ok": ok}})]
    cell = nbformat.v4.new_code_cell(f'check("{task}", answer)', metadata={"tags": ["check"]},
                                     outputs=outputs if with_result else [], execution_count=number)
    return cell


def test_store_without_verdicts_keeps_the_task_and_drops_numbers_and_verdict():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("answer = 6", execution_count=6,
                                          outputs=[nbformat.v4.new_output("execute_result", data={"text/plain": "6"},
                                                                          execution_count=6)]),
                executed_cell("t1", True), nbformat.v4.new_markdown_cell("text")]
    store_without_verdicts(nb)
    store_without_verdicts(nb)  # twice: the same (make execute on a stored lesson changes nothing)
    first, check, _ = nb.cells
    assert first.execution_count is None and first.outputs[0]["execution_count"] is None
    assert first.outputs[0].data == {"text/plain": "6"}  # other outputs stay
    assert check.execution_count is None and check.metadata["tags"] == ["check", NBVAL_IGNORE]
    assert [o.metadata["lessonkit"] for o in check.outputs] == [{"kind": "check-preview", "task": "t1"}]
    assert check.outputs[0].data["text/plain"] == PREVIEW_TEXT
    nbformat.validate(nb)


def test_check_problems_read_the_run():
    nb = nbformat.v4.new_notebook()
    nb.cells = [executed_cell("t1", True)]
    assert check_problems(nb, "x.ipynb") == []
    nb.cells = [executed_cell("t1", False)]
    assert "does not pass its check 't1'" in check_problems(nb, "x.ipynb")[0]
    nb.cells = [executed_cell("t1", True, with_result=False)]
    assert "shows no result" in check_problems(nb, "x.ipynb")[0]
    untagged = executed_cell("t1", True)
    untagged.metadata["tags"] = []
    nb.cells = [executed_cell("t2", True), untagged]
    assert "not tagged 'check'" in check_problems(nb, "x.ipynb")[0]
    store_without_verdicts(nb)  # a stored lesson: the previews are no results
    assert "shows no result" in check_problems(nb, "x.ipynb")[0]


@pytest.mark.slow
@pytest.mark.parametrize("stem", LESSONS)
def test_the_solutions_pass_their_checks_when_run(stem, executed_lessons):
    """The real verdicts, from running the lesson in a kernel as make execute does."""
    nb = executed_lessons[stem]
    assert check_problems(nb, stem) == []
    ran = [c for c in nb.cells if "check" in tags(c)]
    assert [r["task"] for c in ran for r in check_results(c)] == [check_task(c) for c in ran]
    assert all("✔" in c.outputs[0].data["text/plain"] for c in ran)  # and the student would read so


def test_the_preview_speaks_the_lessons_language():
    """make execute writes the preview in the language lessons.toml gives the lesson."""
    from _checks import preview_output
    from execute_notebooks import language_of

    from lessonkit import i18n

    before = i18n.current()
    with _in_language("de"):
        german = preview_output("t").data["text/plain"]
    assert german == "Führe die Zelle darüber aus, dann diese, um deine Antwort zu prüfen."
    assert i18n.current() == before and preview_output("t").data["text/plain"] == PREVIEW_TEXT
    for lesson in manifest.lessons():
        assert language_of(lesson.notebook) == lesson.language
