"""lessonkit.history: charts and explorers returned by a cell do not stay in IPython's Out[]."""

from __future__ import annotations

import pytest


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    yield sh
    sh.reset()


def test_returned_charts_leave_the_output_history_but_assigned_ones_stay(shell):
    shell.run_cell("from lessonkit import charts", store_history=True)
    result = shell.run_cell('charts.seat_chart("ES-11/1", ["RUS"])', store_history=True)
    assert result.success, result.error_in_exec
    assert type(result.result).__name__ == "Chart"
    assert result.execution_count not in shell.user_ns["Out"]
    assert shell.user_ns.get(f"_{result.execution_count}") is None
    assert shell.user_ns["_"] == "" and shell.displayhook._ == ""
    shell.run_cell('kept = charts.seat_chart("ES-11/1", ["RUS"])', store_history=True)
    assert type(shell.user_ns["kept"]).__name__ == "Chart"
    other = shell.run_cell("1 + 1", store_history=True)
    assert shell.user_ns["Out"][other.execution_count] == 2 and shell.user_ns["_"] == 2  # history still works
