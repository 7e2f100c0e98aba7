"""Drive a real JupyterLab in Debian's Chromium, the way a student uses it.

The pieces used by tests/browser/conftest.py and the browser tests:

    LabServer         -- `jupyter lab` from this venv on 127.0.0.1 with a random token, started
                         in its own process group and stopped by its process id
    write_lab_settings -- user settings that keep JupyterLab off the network (no news, no update
                         check) and put every cell in the page (windowing off)
    LabPage           -- one notebook open in one browser page: wait for it, check for widget
                         errors, Run All through the menu, count charts and quizzes, answer a
                         quiz by clicking, change an interactive chart, take a screenshot

The CSS classes come from lessonkit: lk-quiz / lk-q-<id> / lk-quiz-check / lk-quiz-retry /
lk-quiz-feedback on quiz widgets (lessonkit.quiz.widget) and lk-interactive on interactive
charts (a Dropdown control and an image).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "build" / "screenshots"

CHROMIUM_MISSING = "Chromium not found: install Debian's chromium and chromium-driver"
# The flags this machine needs; headless is passed by Playwright (headless=True).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Text that means a widget did not render: ipywidgets' renderer writes the first two into the
# page; a view that fails to build shows an error widget ("Click to show javascript error.").
WIDGET_ERRORS = re.compile(r"error displaying widget|model not found|click to show javascript error|"
                           r"failed to create view", re.IGNORECASE)
# Signs of an exception in a stderr/error output (error outputs render as stderr in JupyterLab).
ERROR_TEXT = re.compile(r"Traceback|\b\w*(Error|Exception)\b:")

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def makefile_presave_flags() -> list[str]:
    """The flags `make lab` passes to enable lessonkit's pre-save hook (the Makefile's PRESAVE),
    so the test server is started as the README starts JupyterLab."""
    text = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^PRESAVE\s*:=\s*(.+)$", text, re.MULTILINE)
    if not found:
        raise RuntimeError("Makefile: no PRESAVE := ... line (the flags that enable lessonkit's pre-save hook)")
    return found.group(1).split()


def find_chromium() -> str | None:
    """Debian's Chromium: /usr/bin/chromium, else `chromium` on PATH; None if neither."""
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


REQUIRE_BROWSER = "LESSONKIT_REQUIRE_BROWSER"


def flag_is_set(name: str) -> bool:
    """An on/off switch of the environment: unset, "", "0", "false", "no" and "off" mean off."""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no", "off")


def browser_required() -> bool:
    """LESSONKIT_REQUIRE_BROWSER=1 (set by .ci/run): missing Chromium fails instead of skipping.
    The generic CI variable is never read."""
    return flag_is_set(REQUIRE_BROWSER)


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


# --- the page -----------------------------------------------------------------------------


class LabPage:
    """One notebook open in one Playwright page of a JupyterLab server."""

    def __init__(self, page, server: LabServer, notebook_path: str):
        self.page = page
        self.server = server
        self.notebook_path = notebook_path
        self.console: list[str] = []
        self.closed = False
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        # Requests that leave this machine (there should be none: news and update check are off).
        self.external_requests: list[str] = []
        page.on("request", lambda r: None if r.url.startswith((server.base_url, "data:", "blob:", "about:"))
                else self.external_requests.append(r.url))

    def close(self) -> None:
        """Close the page and shut down the notebook's kernel (once)."""
        if self.closed:
            return
        self.closed = True
        self.page.context.close()
        self.server.shutdown_kernels_of(self.notebook_path)

    # selectors scoped to the open notebook
    @property
    def panel(self):
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first

    @property
    def notebook(self):
        return self.panel.locator(".jp-Notebook")

    def open(self, workspace: str, timeout: float = 60_000) -> None:
        """Open the notebook as a student does and wait until it shows and its kernel is idle."""
        self.start_open(workspace)
        self.wait_open(timeout)

    def start_open(self, workspace: str) -> None:
        """Only navigate: several pages can load JupyterLab at the same time."""
        self.page.goto(self.server.notebook_url(self.notebook_path, workspace), wait_until="commit")

    def wait_open(self, timeout: float = 60_000) -> None:
        self.notebook.locator(".jp-Cell").first.wait_for(state="visible", timeout=timeout)
        self.wait_kernel_idle(timeout)
        self.dismiss_dialogs()

    KERNEL_IDLE_JS = """(panel) => {
        // The toolbar indicator says "idle" even before a kernel exists ("No Kernel |
        // Initializing" in the status bar), so both must agree: a kernel, and it is idle.
        const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
        const bar = document.querySelector('#jp-main-statusbar') || document.body;
        const status = bar.innerText.split('\\n').map(t => t.trim()).find(t => / \\| /.test(t)) || '';
        return indicator && indicator.dataset.status === 'idle'
            && /\\| Idle$/.test(status) && !/^No Kernel/.test(status);
    }"""

    def wait_kernel_idle(self, timeout: float = 60_000) -> None:
        try:
            self.page.wait_for_function(self.KERNEL_IDLE_JS, arg=self.panel.element_handle(),
                                        timeout=timeout, polling=100)
        except Exception as e:
            raise AssertionError(f"{self.notebook_path}: the kernel did not become idle: {self.status()}") from e

    def status(self) -> str:
        """Kernel status, prompts and dialogs: for failure messages."""
        bar = [line.strip() for t in self.page.locator("#jp-main-statusbar").all_inner_texts()
               for line in t.splitlines() if " | " in line]
        return f"status bar {bar}, prompts {self.prompts()}, dialogs {self.dialogs()}"

    def dialogs(self) -> list[str]:
        return [t.strip() for t in self.page.locator(".jp-Dialog").all_inner_texts()]

    def dismiss_dialogs(self) -> None:
        """Fail on an unexpected dialog (kernel died, no kernel...): a student would be stuck."""
        texts = self.dialogs()
        if texts:
            raise AssertionError(f"JupyterLab shows a dialog in {self.notebook_path}: {texts}")

    # --- reading -------------------------------------------------------------------------
    def page_text(self) -> str:
        return self.page.locator("body").inner_text()

    def widget_error_texts(self) -> list[str]:
        """Lines on the page with 'Error displaying widget', 'model not found' or a widget view
        error, each error widget with its hidden message (why the view failed)."""
        lines = [line.strip() for line in self.page_text().splitlines() if WIDGET_ERRORS.search(line)]
        # An error widget shows its message when clicked, as a student would click it.
        closed = self.page.locator(".jupyter-widgets-error-widget.icon-error")
        for _ in range(closed.count()):
            try:
                closed.first.click(timeout=5_000)
            except Exception:
                break
        details = self.page.locator(".jupyter-widgets-error-widget.text-error").evaluate_all(
            "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim().slice(0, 400))")
        return lines + details

    def loading_widget_count(self) -> int:
        """Widget outputs still saying 'Loading widget...' (the manager never restored them)."""
        return self.notebook.locator(".jp-OutputArea-output", has_text="Loading widget...").count()

    def wait_widgets_settled(self, timeout: float = 10.0) -> None:
        """Wait until no widget output says 'Loading widget...' (or the timeout passes)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.loading_widget_count():
            self.page.wait_for_timeout(200)

    def error_outputs(self) -> list[str]:
        """Texts of outputs that show an exception (error outputs and stderr tracebacks)."""
        found = []
        for text in self.notebook.locator(STDERR_OUTPUT).all_inner_texts():
            if ERROR_TEXT.search(text):
                found.append(text.strip()[-1500:])
        return found

    def stderr_outputs(self) -> list[str]:
        return [t.strip()[-500:] for t in self.notebook.locator(STDERR_OUTPUT).all_inner_texts()]

    def chart_count(self) -> int:
        """Rendered images in cell outputs: static PNG charts and interactive chart images."""
        return self.page.evaluate(
            """(root) => [...root.querySelectorAll('.jp-OutputArea-output img')]
                   .filter(img => img.complete && img.naturalWidth > 0).length""",
            self.notebook.element_handle(),
        )

    def quiz_count(self) -> int:
        return self.notebook.locator(".lk-quiz").count()

    def quiz_ids(self) -> list[str]:
        """The question ids on the page (from the lk-q-<id> classes), in page order."""
        return self.notebook.locator(".lk-quiz").evaluate_all(
            """els => els.map(e => [...e.classList].find(c => c.startsWith('lk-q-')))
                          .filter(Boolean).map(c => c.slice(5))""")

    def interactive_count(self) -> int:
        return self.notebook.locator(".lk-interactive").count()

    def wait_for_counts(self, charts: int, quizzes: int, timeout: float = 20.0) -> tuple[int, int]:
        """Poll until at least `charts` chart images and `quizzes` quiz widgets rendered."""
        deadline = time.monotonic() + timeout
        while True:
            got = (self.chart_count(), self.quiz_count())
            if (got[0] >= charts and got[1] >= quizzes) or time.monotonic() > deadline:
                return got
            self.page.wait_for_timeout(250)

    def code_cells_with_source(self) -> int:
        """Code cells that Run All gives an execution count (empty cells get none)."""
        import nbformat

        nb = nbformat.read(self.server.root_dir / self.notebook_path, as_version=4)
        return sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())

    def prompts(self) -> list[str]:
        return [t.strip() for t in self.notebook.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()]

    # --- acting --------------------------------------------------------------------------
    def menu_command(self, menu: str, command: str) -> None:
        """Click a top menu ("Run", "Edit") and then the item for a JupyterLab command id."""
        self.page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^\s*{re.escape(menu)}\s*$")).click()
        item = self.page.locator(f'.lm-Menu-item[data-command="{command}"]').first
        item.wait_for(state="visible", timeout=10_000)
        item.click()

    def run_all(self, timeout: float = 180_000, restart: bool = False) -> None:
        """Edit > Clear Outputs of All Cells, then Run > Run All Cells (restart=True: Kernel >
        Restart Kernel and Run All Cells, confirmed); wait until done.

        Clearing first makes the end unambiguous: every code cell with source must come back
        with a fresh execution count ([n]), and no cell may still be queued ([*]).
        """
        self.wait_kernel_idle()
        self.menu_command("Edit", "editmenu:clear-all")  # Clear Outputs of All Cells
        self.page.wait_for_function(
            """(root) => [...root.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                   .every(p => !/\\d/.test(p.textContent))""",
            arg=self.notebook.element_handle(), timeout=10_000)
        if restart:
            self.menu_command("Kernel", "runmenu:restart-and-run-all")
            accept = self.page.locator(".jp-Dialog .jp-mod-accept").first
            accept.wait_for(state="visible", timeout=10_000)
            accept.click()
        else:
            self.menu_command("Run", "runmenu:run-all")  # Run All Cells
        # Done: nothing queued or running ([*]), at least one cell ran, the kernel idle.
        done = """([root, panel]) => {
            const prompts = [...root.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                .map(p => p.textContent.trim());
            return prompts.some(p => /\\[\\d+\\]/.test(p)) && !prompts.some(p => p.includes('*'))
                && (%s)(panel);
        }""" % self.KERNEL_IDLE_JS
        try:
            self.page.wait_for_function(done, arg=[self.notebook.element_handle(), self.panel.element_handle()],
                                        timeout=timeout, polling=250)
        except Exception as e:
            raise AssertionError(f"{self.notebook_path}: Run All did not finish within "
                                 f"{timeout / 1000:.0f} s: {self.status()}") from e
        self.dismiss_dialogs()

    def save(self, timeout: float = 20.0) -> None:
        """File > Save Notebook; wait until the tab is no longer marked as changed."""
        self.menu_command("File", "docmanager:save")
        deadline = time.monotonic() + timeout
        while self.page.locator(".jp-mod-dirty").count():
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.notebook_path}: still unsaved {timeout:.0f} s after File > Save")
            self.page.wait_for_timeout(200)
        self.dismiss_dialogs()

    def output_controls(self) -> list[str]:
        """Things in cell outputs that look clickable: form controls, buttons, widget views."""
        return self.notebook.locator(".jp-OutputArea-output").locator(
            "input, button, select, textarea, .jupyter-widgets, .widget-button").evaluate_all(
            "els => els.map(e => e.outerHTML.slice(0, 120))")

    def disconnected_widgets(self) -> int:
        """Widget views drawn as disconnected (ipywidgets' broken-link icon: no kernel model)."""
        return self.notebook.locator(".jupyter-widgets-disconnected").count()

    def outputs_with_text(self, text: str) -> int:
        return self.notebook.locator(".jp-OutputArea-output", has_text=text).count()

    def preview_images(self, text: str = "to change the view") -> list[tuple[str, bool]]:
        """(alt, drawn) of each image in an output that says `text` ("to change the view")."""
        return self.notebook.locator(".jp-OutputArea-output", has_text=text).locator(
            "img").evaluate_all("els => els.map(i => [i.getAttribute('alt') || '', i.complete && i.naturalWidth > 0])")

    def quiz(self, qid: str):
        return self.notebook.locator(f".lk-quiz.lk-q-{css_id(qid)}").first

    def choose(self, quiz, labels: str | list[str]) -> None:
        """Click the radio button or tick the checkbox(es) with these visible labels."""
        for label in [labels] if isinstance(labels, str) else labels:
            radio = quiz.get_by_role("radio", name=label, exact=True)
            if radio.count():
                radio.first.check()
                continue
            box = quiz.get_by_role("checkbox", name=label, exact=True)
            if box.count():
                box.first.check()
                continue
            options = quiz.locator("label").all_inner_texts()
            raise AssertionError(f"quiz {quiz}: no option labelled {label!r}; labels on screen: {options}")

    def answer(self, qid: str, labels: str | list[str], expect_text: str, timeout: float = 15_000) -> str:
        """Choose by label, click Check, wait for feedback containing expect_text; return it."""
        from playwright.sync_api import expect

        q = self.quiz(qid)
        q.wait_for(state="visible", timeout=timeout)
        retry = q.locator(".lk-quiz-retry")
        if retry.count() and retry.first.is_visible():
            retry.first.click()  # "Try again" clears the previous answer and its feedback
            expect(q.locator(".lk-quiz-feedback").first).not_to_contain_text(expect_text, timeout=timeout)
        self.choose(q, labels)
        q.locator(".lk-quiz-check").first.click()
        feedback = q.locator(".lk-quiz-feedback").first
        try:
            expect(feedback).to_contain_text(expect_text, timeout=timeout)
        except AssertionError as e:
            raise AssertionError(
                f"quiz {qid!r}: after choosing {labels!r} and Check, the feedback on screen is "
                f"{feedback.inner_text()!r}, expected it to contain {expect_text!r}") from e
        return feedback.inner_text().strip()

    def interactive(self, index: int):
        return self.notebook.locator(".lk-interactive").nth(index)

    def chart_image(self, chart):
        return chart.locator("img").first

    def image_state(self, chart) -> tuple[str, bytes]:
        img = self.chart_image(chart)
        img.wait_for(state="visible", timeout=15_000)
        self.page.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                                    arg=img.element_handle(), timeout=15_000)
        return img.get_attribute("src") or "", img.screenshot(animations="disabled")

    def change_interactive(self, index: int, option: str, control: int = 0,
                           timeout: float = 20.0) -> tuple[str, str]:
        """Pick `option` in the chart's dropdown; wait until the image on screen changes.

        Returns the image src before and after (abbreviated). Compares the pixels, not only the
        src: a new blob: URL alone would not prove the chart changed.
        """
        chart = self.interactive(index)
        chart.wait_for(state="visible", timeout=15_000)
        select = chart.locator("select").nth(control)
        before_src, before_png = self.image_state(chart)
        options = [plain(o) for o in select.locator("option").all_text_contents()]
        # The exact label, else the one label that starts with it ("ES-11/3 (2022)" is enough).
        matches = [i for i, o in enumerate(options) if o == plain(option)] or \
                  [i for i, o in enumerate(options) if o.startswith(plain(option))]
        if len(matches) != 1:
            raise AssertionError(f"interactive chart {index}: {len(matches)} options match {option!r}; "
                                 f"options: {options}")
        current = select.evaluate("(s) => s.selectedIndex")
        if current == matches[0]:
            raise AssertionError(f"interactive chart {index}: {option!r} is already selected; "
                                 "pick another option in the expectations")
        select.select_option(index=matches[0])
        deadline = time.monotonic() + timeout
        while True:
            try:
                after_src, after_png = self.image_state(chart)
            except Exception:  # the image is being replaced (output cleared and redrawn)
                after_src, after_png = before_src, before_png
            if after_png != before_png and after_src != before_src:
                return short(before_src), short(after_src)
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"interactive chart {index}: the image did not change within {timeout:.0f} s after "
                    f"choosing {option!r} (src {'changed' if after_src != before_src else 'unchanged'}, "
                    f"pixels {'changed' if after_png != before_png else 'unchanged'})")
            self.page.wait_for_timeout(250)

    def screenshot(self, path: Path, tile_height: int = 2400) -> Path:
        """The whole notebook, top to bottom, in one PNG.

        The notebook scrolls inside its own panel, so a page screenshot shows one screenful.
        The viewport is made taller, the panel is scrolled a screenful at a time, and the
        pieces are stitched (with Pillow, which matplotlib already needs) under the notebook's
        tab and toolbar.
        """
        from io import BytesIO

        from PIL import Image

        path.parent.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size or {"width": 1400, "height": 900}
        self.page.set_viewport_size({"width": size["width"], "height": tile_height})
        scroller = self.notebook.locator(".jp-WindowedPanel-outer").first
        try:
            self.page.wait_for_timeout(300)
            geometry = scroller.evaluate(
                """(s) => {
                    // Down to the end of the last cell (not the scroll-past-end space below it).
                    const cells = s.querySelectorAll('.jp-Cell');
                    const last = cells[cells.length - 1];
                    const r = s.getBoundingClientRect();
                    const content = last ? last.getBoundingClientRect().bottom - r.top + s.scrollTop + 16
                                         : s.scrollHeight;
                    return {x: r.left, y: r.top, width: s.clientWidth, height: s.clientHeight,
                            content: Math.min(s.scrollHeight, Math.ceil(content))};
                }""")
            x, y = geometry["x"], geometry["y"]
            width, view, content = int(geometry["width"]), int(geometry["height"]), int(geometry["content"])
            header = Image.open(BytesIO(self.page.screenshot(
                clip={"x": x, "y": 0, "width": width, "height": y}, animations="disabled")))
            sheet = Image.new("RGB", (width, header.height + content), "white")
            sheet.paste(header, (0, 0))
            # Tiles overlap a little: a scrolled panel draws a shadow along its top edge, which is
            # cut off every tile but the first.
            overlap = 12
            offset = 0
            while offset < content:
                top = int(scroller.evaluate("(s, top) => { s.scrollTop = top; return s.scrollTop; }", offset))
                self.page.wait_for_timeout(50)  # let the browser paint the scrolled content
                tile = Image.open(BytesIO(self.page.screenshot(
                    clip={"x": x, "y": y, "width": width, "height": view}, animations="disabled")))
                cut = overlap if top > 0 else 0
                sheet.paste(tile.crop((0, cut, width, min(view, content - top))), (0, header.height + top + cut))
                if top + view >= content:
                    break
                offset = top + view - overlap
            sheet.save(path, compress_level=3)
            scroller.evaluate("(s) => { s.scrollTop = 0; }")
        finally:
            self.page.set_viewport_size(size)
        return path


_workspaces = itertools.count(1)


def new_lab_page(browser, lab_server, notebook_path: str, wait: bool = True) -> LabPage:
    """A LabPage for the notebook in a fresh browser context (own cookies) and its own workspace.
    wait=False: only start loading (call lab.wait_open() later); pages load in parallel."""
    (SCREENSHOT_DIR / f"{Path(notebook_path).stem}-FAILED.png").unlink(missing_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(30_000)
    lab = LabPage(context.new_page(), lab_server, notebook_path)
    try:
        lab.start_open(workspace=f"w{next(_workspaces)}-{Path(notebook_path).stem}")
        if wait:
            lab.wait_open()
    except BaseException:
        show_failure(lab)
        lab.close()
        raise
    return lab


def show_failure(lab: LabPage) -> None:
    """What the page looked like when a test failed: a screenshot and the browser console."""
    if lab.closed:
        return
    try:
        lab.screenshot(SCREENSHOT_DIR / f"{Path(lab.notebook_path).stem}-FAILED.png")
    except Exception:
        pass
    if lab.console:
        print(f"browser console of {lab.notebook_path}:\n  " + "\n  ".join(lab.console[:20]))


def css_id(text: str) -> str:
    """Same rule as lessonkit.quiz.kernel_state.css_id."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def plain(text: str) -> str:
    """Label text as typed: ipywidgets writes option labels with no-break spaces."""
    return " ".join(text.replace("\xa0", " ").split())


def short(src: str) -> str:
    return src if len(src) <= 60 else f"{src[:40]}…({len(src)} chars)"


# --- the harness self-test notebook ---------------------------------------------------------

SELFTEST_CELLS = [
    ("markdown", "# Harness self-test\nPlain ipywidgets with lessonkit's CSS classes: a static chart, "
                 "a quiz question and two interactive charts (ipywidgets.Image and an Output area)."),
    ("code", """\
import io
import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
from IPython.display import display

fig, ax = plt.subplots(figsize=(4, 2.4))
ax.bar(["Pyongyang", "Hanoi"], [2, 1], color=["#0072B2", "#E69F00"])
ax.set_title("Static chart")
plt.show()"""),
    ("code", """\
choice = widgets.RadioButtons(options=["Vietnam", "North Korea", "China"], value=None)
check = widgets.Button(description="Check")
check.add_class("lk-quiz-check")
feedback = widgets.HTML()
feedback.add_class("lk-quiz-feedback")

def on_check(_):
    if choice.value is None:
        feedback.value = "Choose an answer first."
    elif choice.value == "North Korea":
        feedback.value = "<strong>Correct —</strong> Pyongyang came first, then Hanoi."
    else:
        feedback.value = f"<strong>Not quite —</strong> {choice.value} was not the first stop."

check.on_click(on_check)
question = widgets.VBox([widgets.HTML("<b>Question 1.</b> Which country did Putin visit first?"),
                         choice, check, feedback])
question.add_class("lk-quiz")
question.add_class("lk-q-first-stop")
question"""),
    ("code", """\
VALUES = {"North Korea": [5, 3, 1], "Vietnam": [1, 4, 2]}

def draw(country):
    fig, ax = plt.subplots(figsize=(4, 2.4))
    ax.bar(["2022", "2023", "2024"], VALUES[country], color="#009E73")
    ax.set_title(country)
    return fig

def png(country):
    fig = draw(country)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()

# 1. the image is an ipywidgets.Image
country = widgets.Dropdown(options=list(VALUES), description="Country")
image = widgets.Image(value=png(country.value), format="png")
country.observe(lambda change: setattr(image, "value", png(change["new"])), names="value")
chart = widgets.VBox([country, image])
chart.add_class("lk-interactive")
chart"""),
    ("code", """\
# 2. the image is a PNG in an Output area, redrawn on change
country2 = widgets.Dropdown(options=list(VALUES), description="Country")
out = widgets.Output()

def redraw(*_):
    with out:
        out.clear_output(wait=True)
        fig = draw(country2.value)
        display(fig)
        plt.close(fig)

country2.observe(redraw, names="value")
redraw()
chart2 = widgets.VBox([country2, out])
chart2.add_class("lk-interactive")
chart2"""),
]

# What the self-test notebook shows after Run All (same keys as expectations.toml).
SELFTEST_EXPECT = {
    "min_charts": 3,
    "min_quizzes": 1,
    "quiz": {"id": "first-stop", "wrong": "Vietnam", "right": "North Korea"},
    "interactive": [{"index": 0, "option": "Vietnam"}, {"index": 1, "option": "Vietnam"}],
}


def write_selftest_notebook(path: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    for kind, source in SELFTEST_CELLS:
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        nb.cells.append(make(source))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


class ExecuteLikeMake:
    """tools/execute_notebooks.py on a notebook (outputs stored, no widget state), run in
    the background: start() returns at once, wait() waits for it and raises if it failed."""

    def __init__(self, path: Path, env: dict[str, str] | None = None):
        self.path = Path(path)
        self.tool = REPO_ROOT / "tools" / "execute_notebooks.py"
        self.proc: subprocess.Popen | None = None
        self.log = self.path.with_suffix(".execute.log")
        self.env = {**os.environ, **(env or {})}

    def start(self) -> ExecuteLikeMake:
        self.started = time.monotonic()
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen([sys.executable, str(self.tool), str(self.path)], stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True, env=self.env)
        return self

    def wait(self, timeout: float = 180) -> Path:
        try:
            code = self.proc.wait(timeout=max(1.0, timeout - (time.monotonic() - self.started)))
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            raise RuntimeError(f"{self.tool.name} did not finish {self.path.name} within {timeout:.0f} s:\n"
                               f"{self.log.read_text(encoding='utf-8', errors='replace')}") from None
        if code:
            raise RuntimeError(f"{self.tool.name} failed on {self.path.name}:\n"
                               f"{self.log.read_text(encoding='utf-8', errors='replace')}")
        return self.path

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def with_missing_widget_model(source: Path, target: Path) -> Path:
    """A copy of the executed self-test notebook with a widget view output whose model is not in
    its (empty) widget state -- what the old rule of storing widget state left behind after a
    save. A negative control: the error checks must see "model not found"."""
    import nbformat

    nb = nbformat.read(source, as_version=4)
    quiz = next(c for c in nb.cells if c.cell_type == "code" and "lk-quiz" in c.source)
    quiz.outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "0" * 32, "version_major": 2, "version_minor": 0},
        "text/plain": "VBox()"})]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {}, "version_major": 2, "version_minor": 0}}
    nb.metadata["lk_copy"] = "broken"
    nbformat.write(nb, target)
    return target
