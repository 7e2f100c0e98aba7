"""Session fixtures for the browser tests: Chromium, one JupyterLab server, one browser.

Without Chromium the browser tests skip and say why; with LESSONKIT_REQUIRE_BROWSER=1 (set by
.ci/run) they fail instead. The generic CI variable is not read.
The suite's wall time is printed in the terminal summary.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import axe  # noqa: E402
import lab_browser  # noqa: E402
import lab_page  # noqa: E402
import lab_process  # noqa: E402
import lab_selftest  # noqa: E402

_clock: dict[str, float] = {}
_counted: set[str] = set()
_summary: list[str] = []


def _missing(message: str) -> None:
    if lab_browser.browser_required():
        pytest.fail(f"{message} ({lab_browser.REQUIRE_BROWSER} is set, so this fails instead of skipping)",
                    pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = lab_browser.find_chromium()
    if path is None:
        _missing(lab_browser.CHROMIUM_MISSING)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("Playwright not installed: pip install -e '.[test]' (PyPI playwright; never `playwright install`)")
    return path


@pytest.fixture(scope="session")
def axe_ready() -> None:
    """axe-core's axe.min.js, installed from npm by `make test` (make axe)."""
    if axe.axe_script() is None:
        _missing(axe.AXE_MISSING)


@pytest.fixture(scope="session")
def pdftotext_ready() -> None:
    """pdftotext (Debian's poppler-utils) reads the worksheet PDFs."""
    if shutil.which("pdftotext") is None:
        _missing("pdftotext not found: apt-get install poppler-utils")


@pytest.fixture(scope="session")
def html_dir(student_repo, tmp_path_factory) -> Path:
    """The pages of `make html`, built from the student repository (tests/conftest.py)."""
    out = tmp_path_factory.mktemp("pages") / "html"
    done = subprocess.run([sys.executable, "tools/html_pages.py", str(student_repo), str(out)],
                          cwd=lab_process.REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """A temporary copy of notebooks/: the server's root folder."""
    root = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(lab_process.REPO_ROOT / "notebooks", root,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return root


@pytest.fixture(scope="session")
def selftest_execution(chromium_executable, lab_root, tmp_path_factory):
    """The harness self-test notebook, being executed by tools/execute_notebooks.py in the
    background from the start of the browser tests (test_harness_selftest waits for it)."""
    notebook = lab_selftest.write_selftest_notebook(lab_root / "_harness" / "harness_selftest.ipynb")
    ipython_dir = tmp_path_factory.mktemp("selftest-ipython")
    job = lab_selftest.ExecuteLikeMake(notebook, env={"IPYTHONDIR": str(ipython_dir)}).start()
    yield job
    job.stop()


@pytest.fixture(scope="session")
def lab_server(chromium_executable, lab_root, selftest_execution, tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token; kernels read the real data via LESSONKIT_ROOT.

    (It asks for selftest_execution only to start that in the background early.)"""
    server = lab_process.LabServer(lab_root, tmp_path_factory.mktemp("lab-state"),
                                   env={"LESSONKIT_ROOT": str(lab_process.REPO_ROOT), "PYTHONHASHSEED": "0"})
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=chromium_executable, headless=True,
                                      args=lab_browser.CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    yield chromium
    chromium.close()
    pw.stop()


@pytest.fixture
def open_notebook(browser, lab_server, request):
    """open_notebook("01_context.ipynb") -> LabPage in a fresh browser context (own cookies)."""
    opened: list[lab_page.LabPage] = []

    def _open(notebook_path: str, wait: bool = True) -> lab_page.LabPage:
        lab = lab_page.new_lab_page(browser, lab_server, notebook_path, wait)
        opened.append(lab)
        return lab

    yield _open
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for lab in opened:
        if failed:
            lab_page.show_failure(lab)
        lab.close()


@pytest.fixture
def summary_line():
    """summary_line("...") adds a line to the browser section of the terminal summary."""
    return _summary.append


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


# --- wall time ------------------------------------------------------------------------------

def pytest_runtest_logstart(nodeid, location):
    _clock.setdefault("start", time.perf_counter())
    _counted.add(nodeid)


def pytest_runtest_logfinish(nodeid, location):
    _clock["end"] = time.perf_counter()


def pytest_terminal_summary(terminalreporter):
    if "start" not in _clock:
        return
    seconds = _clock.get("end", time.perf_counter()) - _clock["start"]
    terminalreporter.write_sep("-", "browser tests (tests/browser)")
    for line in _summary:
        terminalreporter.write_line(line)
    terminalreporter.write_line(
        f"browser suite wall time: {seconds:.1f} s for {len(_counted)} tests "
        f"(server start, Chromium, every lesson; target < 120 s). Screenshots: "
        f"{lab_page.SCREENSHOT_DIR.relative_to(lab_process.REPO_ROOT)}/")
