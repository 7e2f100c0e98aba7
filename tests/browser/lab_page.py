"""One notebook open in one browser page of JupyterLab: LabPage opens it, waits until its kernel
is idle, fails on a dialog, closes it with its kernel, and takes a screenshot of the whole
notebook; it reads the page with WidgetQueries (lab_queries.py) and acts on it with
NotebookActions (lab_actions.py). new_lab_page opens one in a fresh browser context;
show_failure keeps a screenshot and the console of a failed test.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from lab_actions import NotebookActions
from lab_queries import WidgetQueries
from lab_process import REPO_ROOT, LabServer

SCREENSHOT_DIR = REPO_ROOT / "build" / "screenshots"


class LabPage(WidgetQueries, NotebookActions):
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
