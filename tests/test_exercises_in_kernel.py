"""In a real kernel: check() knows about failed exercise cells, errors are explained briefly."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from student_edition import check_results  # tools/ is on the path: conftest.py

SETUP = "from lessonkit import data, quiz, charts\nfrom lessonkit.exercises import check\nimport pandas as pd"
TASK = "l2_estimates_before_article"


def run_cells(*sources: str):
    """Run the cells one by one like a student (errors do not stop the run); return the cells."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in (SETUP, *sources)]
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True)
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
    return nb.cells[1:]


def text(cell) -> str:
    parts = []
    for out in cell.outputs:
        parts.append(out.get("text", ""))
        parts.append(str(out.get("data", {}).get("text/plain", "")))
        parts.append(str(out.get("evalue", "")))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def cells():
    return run_cells(
        f'check("{TASK}", answer)',                                        # 0: before any exercise cell
        "estimates = data.load('sk_estimates')\nanswer = 6",               # 1: an earlier attempt
        f'check("{TASK}", answer)',                                        # 2: graded
        "answer = len(estimates[estimates.announced < 2024-6-18])",        # 3: TypeError
        f'check("{TASK}", answer)',                                        # 4: stale
        'estimates["Announced"]',                                          # 5: KeyError on a column
        "clocks.zone('Tokyo')",                                            # 6: first cell not run for clocks
        "from lessonkit import clocks\nclocks.zone('Tokyo')",              # 7: lessonkit's own message
        'x = estimates[estimates.shells > 1 and estimates.containers > 1]', # 8: and on a Series
        "1 / 0",                                                            # 9: the usual traceback
    )


def test_check_before_the_exercise_cell_gets_a_sentence(cells):
    assert "no `answer` yet" in text(cells[0])


def test_a_fresh_answer_is_graded_with_metadata(cells):
    assert check_results(cells[2]) == [{"kind": "check", "task": TASK, "ok": True}]


def test_a_failed_exercise_cell_is_not_graded(cells):
    assert check_results(cells[4]) == [{"kind": "check", "task": TASK, "ok": False}]
    assert "earlier attempt" in text(cells[4])
    assert '"2024-06-18"' in text(cells[3])  # the TypeError, explained


def test_friendly_errors_keep_the_traceback_one_click_away(cells):
    html = "".join(str(o.get("data", {}).get("text/html", "")) for o in cells[5].outputs)
    assert "no column 'Announced'" in html and "<details>" in html and "Traceback" in html
    assert not any(o.output_type == "error" for o in cells[5].outputs)
    assert "first code cell" in text(cells[6])
    assert text(cells[7]).count("Unknown time zone") == 1 and "Traceback" not in text(cells[7])
    assert "round brackets" in text(cells[8])
    assert any(o.output_type == "error" and o.ename == "ZeroDivisionError" for o in cells[9].outputs)


def test_a_friendly_error_still_stops_run_all():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell("data.load('countries')['Name']")]
    with pytest.raises(CellExecutionError):
        NotebookClient(nb, timeout=120, kernel_name="python3").execute()
