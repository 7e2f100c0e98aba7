"""pytest set-up for every run, also `pytest notebooks --nbval`: the kernels that nbval starts
save quiz progress in a fresh temporary folder, so a developer's own answers (kept in the
Jupyter data folder, see lessonkit.progress) never show up in, or change, a notebook under test."""

import os
import tempfile

os.environ["LESSONKIT_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="lessonkit-progress-test-")

# nbval reads the stored lessons, which keep no run numbers: tests/nbval_counts.py.
pytest_plugins = ["tests.nbval_counts"]
