"""`make lab`, the README's first command, serves JupyterLab with the lessons.

The test runs the Makefile's own lab command with NO_INSTALL=1: the test suite never installs
packages into .venv (make test has set it up already)."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from lessonkit import manifest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_with_no_install_installs_nothing():
    plan = subprocess.run(["make", "-n", "lab", "NO_INSTALL=1"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "jupyter lab" in plan.stdout
    commands = plan.stdout.replace(str(ROOT), "<root>")  # the folder's name may hold "pip" (a worktree)
    assert "pip" not in commands and "venv" not in commands.replace(".venv/bin/", ""), plan.stdout


@pytest.mark.slow
def test_make_lab_serves_the_lessons_and_prints_their_address(tmp_path):
    port = free_port()
    notebooks = [x.notebook.relative_to(ROOT).as_posix() for x in manifest.lessons()]
    first = notebooks[0]  # make lab opens the first lesson of lessons.toml
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"))
    log = (tmp_path / "lab.log").open("w+")
    proc = subprocess.Popen(
        ["make", "-s", "lab", "NO_INSTALL=1", f"LAB_ARGS=--no-browser --ServerApp.ip=127.0.0.1 --port={port} --ServerApp.port_retries=0"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        url = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and url is None:
            time.sleep(0.5)
            log.seek(0)
            found = re.search(rf"http://127\.0\.0\.1:{port}/lab/tree/{re.escape(first)}\?token=\w+", log.read())
            url = found.group(0) if found else None
            assert proc.poll() is None, "make lab stopped:\n" + (tmp_path / "lab.log").read_text()
        assert url, "make lab printed no address:\n" + (tmp_path / "lab.log").read_text()
        token = url.rsplit("=", 1)[1]
        try:
            for nb in notebooks:
                api = f"http://127.0.0.1:{port}/api/contents/{nb}?content=0&token={token}"
                with urllib.request.urlopen(api, timeout=10) as response:
                    assert response.status == 200
            with urllib.request.urlopen(url, timeout=10) as response:
                assert b"JupyterLab" in response.read()
        except (OSError, AssertionError) as error:  # show what the server said
            pytest.fail(f"{error!r} from {url}; make lab is {'running' if proc.poll() is None else 'stopped'}; "
                        "its log:\n" + (tmp_path / "lab.log").read_text())
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
