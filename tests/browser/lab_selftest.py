"""The harness self-test: a notebook of plain ipywidgets with lessonkit's CSS classes (a static
chart, a quiz question, two interactive charts) and what it shows after Run All; a copy with a
widget view whose model is missing (a negative control); and ExecuteLikeMake, which runs
tools/execute_notebooks.py on a notebook in the background, as `make execute` does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from lab_process import REPO_ROOT

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

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
