"""`jupyter lab` for the browser tests: LabServer starts it from this venv on 127.0.0.1 with a
random token, in its own process group, and stops it by its process id; write_lab_settings
keeps JupyterLab off the network (no news, no update check) and puts every cell in the page
(windowing off)."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def makefile_presave_flags() -> list[str]:
    """The flags `make lab` passes to enable lessonkit's pre-save hook (the Makefile's PRESAVE),
    so the test server is started as the README starts JupyterLab."""
    text = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^PRESAVE\s*:=\s*(.+)$", text, re.MULTILINE)
    if not found:
        raise RuntimeError("Makefile: no PRESAVE := ... line (the flags that enable lessonkit's pre-save hook)")
    return found.group(1).split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- settings ------------------------------------------------------------------------------

LAB_SETTINGS = {
    # No news feed, no "would you like news?" toast, no update check: nothing leaves the machine
    # and no toast covers the page.
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Every cell in the DOM, so counting and screenshots see the whole lesson.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}


def write_lab_settings(settings_dir: Path, extra: dict[str, dict] | None = None) -> None:
    """User settings as JupyterLab stores them: <dir>/<package>/<plugin>.jupyterlab-settings."""
    for plugin, values in {**LAB_SETTINGS, **(extra or {})}.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2), encoding="utf-8")


# --- server --------------------------------------------------------------------------------


class LabServer:
    """`jupyter lab` on 127.0.0.1:<free port> with a random token, serving root_dir."""

    def __init__(self, root_dir: Path, state_dir: Path, env: dict[str, str] | None = None):
        self.root_dir = Path(root_dir)
        self.state_dir = Path(state_dir)
        self.token = secrets.token_hex(24)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.state_dir / "jupyter-lab.log"
        self.extra_env = env or {}
        self.progress_dir = self.state_dir / "progress"
        self.proc: subprocess.Popen | None = None

    def command(self) -> list[str]:
        jupyter = Path(sys.executable).parent / "jupyter"
        cmd = [
            str(jupyter), "lab", "--no-browser",
            f"--ServerApp.token={self.token}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.news_url=None",
            "--ServerApp.disable_check_xsrf=False",
            # Notebook trust signatures in the temporary folder, not in ~/.local/share/jupyter.
            f"--NotebookNotary.db_file={self.state_dir / 'nbsignatures.db'}",
            f"--NotebookNotary.secret_file={self.state_dir / 'notebook_secret'}",
            *makefile_presave_flags(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        bin_dir = str(Path(sys.executable).parent)
        env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
        # Only JupyterLab's user settings and workspaces move to the temporary folder: kernel
        # specs and the widget extension are still found in the venv.
        env["JUPYTERLAB_SETTINGS_DIR"] = str(self.state_dir / "lab-settings")
        env["JUPYTERLAB_WORKSPACES_DIR"] = str(self.state_dir / "lab-workspaces")
        env["JUPYTER_RUNTIME_DIR"] = str(self.state_dir / "runtime")
        # The kernels' IPython history database of their own (not shared with every other
        # kernel on the machine).
        env["IPYTHONDIR"] = str(self.state_dir / "ipython")
        # The students' progress files (lessonkit.progress) in the temporary folder too.
        env["LESSONKIT_PROGRESS_DIR"] = str(self.progress_dir)
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 60.0) -> None:
        env = self.environment()
        write_lab_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]))
        Path(env["JUPYTERLAB_WORKSPACES_DIR"]).mkdir(parents=True, exist_ok=True)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(
                self.command(), cwd=self.root_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,  # own process group: kernels too
            )
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with code {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer /api/status within {timeout:.0f} s:\n{self.log_tail()}")

    def trust(self, notebook_path: str) -> None:
        """Sign a notebook with this server's notary (what `jupyter trust` does on a machine)."""
        import nbformat
        from nbformat.sign import NotebookNotary

        path = self.root_dir / notebook_path
        nb = nbformat.read(path, as_version=4)
        NotebookNotary(db_file=str(self.state_dir / "nbsignatures.db"),
                       secret_file=str(self.state_dir / "notebook_secret")).sign(nb)
        assert self.is_trusted(notebook_path)

    def is_trusted(self, notebook_path: str) -> bool:
        """Whether this server's notary has signed the notebook as it is on disk."""
        import nbformat
        from nbformat.sign import NotebookNotary

        nb = nbformat.read(self.root_dir / notebook_path, as_version=4)
        return NotebookNotary(db_file=str(self.state_dir / "nbsignatures.db"),
                              secret_file=str(self.state_dir / "notebook_secret")).check_signature(nb)

    def stop(self) -> None:
        """SIGTERM to the server's process group (server and kernels), SIGKILL if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        pgid = self.proc.pid  # start_new_session: the group id is the server's pid
        try:
            os.killpg(pgid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        # Kernels that outlived the server (same group) go too.
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def api(self, method: str, path: str) -> object:
        req = urllib.request.Request(f"{self.base_url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels_of(self, notebook_path: str) -> None:
        """Close the sessions (and kernels) of one notebook, to keep memory down between lessons."""
        try:
            for s in self.api("GET", "/api/sessions") or []:
                if s.get("path") == notebook_path:
                    self.api("DELETE", f"/api/sessions/{s['id']}")
        except (urllib.error.URLError, OSError):
            pass

    def notebook_url(self, notebook_path: str, workspace: str) -> str:
        # A workspace of its own per page and ?reset: only this notebook is open.
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{notebook_path}?reset&token={self.token}"
