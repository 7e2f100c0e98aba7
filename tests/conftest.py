"""Shared test set-up: the project's tools/ folder is importable (its scripts hold logic the
tests reuse, e.g. tools/student_edition.py's reading of cell tags and outputs)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
