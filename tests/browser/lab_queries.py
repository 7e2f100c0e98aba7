"""Reading a notebook page in JupyterLab: widget errors, error outputs, how many charts,
quizzes and interactive charts rendered, the quiz ids, the images and controls in the outputs.
WidgetQueries is part of LabPage (lab_page.py), which gives it self.page, self.notebook and
self.server.

The CSS classes come from lessonkit: lk-quiz / lk-q-<id> on quiz widgets
(lessonkit.quiz.widget) and lk-interactive on interactive charts (a Dropdown control and an image).
"""

from __future__ import annotations

import re
import time

# Text that means a widget did not render: ipywidgets' renderer writes the first two into the
# page; a view that fails to build shows an error widget ("Click to show javascript error.").
WIDGET_ERRORS = re.compile(r"error displaying widget|model not found|click to show javascript error|"
                           r"failed to create view", re.IGNORECASE)
# Signs of an exception in a stderr/error output (error outputs render as stderr in JupyterLab).
ERROR_TEXT = re.compile(r"Traceback|\b\w*(Error|Exception)\b:")
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def css_id(text: str) -> str:
    """Same rule as lessonkit.quiz.kernel_state.css_id."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


class WidgetQueries:
    """What the open notebook shows (part of LabPage)."""

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
