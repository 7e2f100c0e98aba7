"""The suite passes in anyone's CI: environment switches are the project's own, and the tests
that depend on the environment pass in a fresh copy of the repository with CI=true and
nothing beside it (no ../shared, no .venv, no LESSONKIT_ROOT)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
import lab_browser  # noqa: E402

# The tests whose outcome could depend on what lies around the checkout or on CI variables.
ENVIRONMENT_SENSITIVE = [
    "tests/test_article.py",
    "tests/test_fresh_clone.py",
    "tests/test_data.py::test_every_table_loads_and_has_sources",
    "tests/test_environment.py::test_tests_import_this_checkouts_lessonkit",
]


@pytest.mark.parametrize(
    "env, required",
    [
        ({"CI": "true"}, False),
        ({"CI": "1", "GITHUB_ACTIONS": "true"}, False),
        ({"LESSONKIT_REQUIRE_BROWSER": "1"}, True),
        ({"LESSONKIT_REQUIRE_BROWSER": "yes", "CI": "false"}, True),
        ({"LESSONKIT_REQUIRE_BROWSER": "0", "CI": "true"}, False),
        ({"LESSONKIT_REQUIRE_BROWSER": "false"}, False),
        ({"LESSONKIT_REQUIRE_BROWSER": "FALSE"}, False),
        ({"LESSONKIT_REQUIRE_BROWSER": ""}, False),
        ({"LESSONKIT_REQUIRE_BROWSER": " "}, False),
        ({}, False),
    ],
)
def test_browser_switch_is_the_projects_own(monkeypatch, env, required):
    for name in ("CI", "GITHUB_ACTIONS", "LESSONKIT_REQUIRE_BROWSER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert lab_browser.browser_required() is required


def test_ci_run_sets_the_browser_switch_and_runs_make_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export LESSONKIT_REQUIRE_BROWSER=1" in script
    assert "apt-get install" in script
    assert "need+=(chromium)" in script and "need+=(chromium-driver)" in script
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-2:] == ["make test", "make test-oldest"]
    assert "CI=" not in script


def test_no_code_reads_the_generic_ci_variable():
    offenders = []
    for path in [*ROOT.glob("src/**/*.py"), *ROOT.glob("tools/*.py"), *ROOT.glob("tests/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        for needle in ('environ.get("CI"', "environ['CI']", 'environ["CI"]', 'getenv("CI"'):
            if needle in text and path.name != Path(__file__).name:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert not offenders


def _tracked_copy(dest: Path) -> None:
    """What a fresh clone holds: the files git tracks or would (not ignored), as in the working tree."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


@pytest.mark.slow
def test_environment_sensitive_tests_pass_in_a_fresh_clone_with_ci_true(tmp_path):
    clone = tmp_path / "clone"
    _tracked_copy(clone)
    assert not (clone / ".venv").exists() and not (clone.parent / "shared").exists()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LESSONKIT_", "PYTEST_", "CI", "GITHUB_")) and k != "PYTHONPATH"}
    # This checkout's venv, but the clone's own lessonkit (first on the path).
    env.update(CI="true", GITHUB_ACTIONS="true", PYTHONPATH=str(clone / "src"), HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-m", "not slow", *ENVIRONMENT_SENSITIVE],
        cwd=clone, env=env, capture_output=True, text=True, timeout=300,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert " passed" in out and "skipped" not in out and "failed" not in out, out
