"""ruff finds nothing in the repository (rules in pyproject.toml [tool.ruff])."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ruff() -> str:
    beside = Path(sys.executable).with_name("ruff")
    found = str(beside) if beside.exists() else shutil.which("ruff")
    assert found, "ruff is not installed: pip install -e '.[test]' (make test does)"
    return found


def test_ruff_check_is_clean():
    done = subprocess.run([ruff(), "check", "--no-cache", "--output-format=concise", "."], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"ruff check . found problems (ruff check --fix . repairs most):\n{done.stdout}{done.stderr}"


def test_ruff_reads_the_projects_rules():
    done = subprocess.run([ruff(), "check", "--show-settings", "pyproject.toml"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    assert str(ROOT / "pyproject.toml") in done.stdout
    assert "flake8-bugbear" in done.stdout.lower() or "B0" in done.stdout
