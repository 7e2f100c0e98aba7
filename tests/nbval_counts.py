"""A pytest plugin for nbval and lessons stored without run numbers.

The stored lessons keep no execution counts (tools/execute_notebooks.py: nothing says [12] before a
student has run a cell). nbval takes a cell without a count for one never run and refuses its
stored outputs ("Unrun reference cell has outputs"), so this gives its reference cells their
position as the count. nbval never compares counts; it still compares every output (the check
cells are tagged nbval-ignore-output). Loaded by the root conftest.py, or with `-p nbval_counts`
(tests/ on the path) where a copy has no conftest.py (tests/test_student_repo.py).
"""


def pytest_collection_modifyitems(config, items):
    """Give nbval's reference cells without a count their position as the count."""
    for position, item in enumerate(items, start=1):
        cell = getattr(item, "cell", None)
        if type(item).__name__ == "IPyNbCell" and cell is not None and cell.get("execution_count") is None:
            cell.execution_count = position
