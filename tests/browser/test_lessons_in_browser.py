"""What students see: each lesson in JupyterLab in Chromium, opened, run, clicked.

For each lesson of lessons.toml (expectations in tests/browser/expectations.toml):
  1. opened before running: no "Error displaying widget" / "model not found", no widget stuck at
     "Loading widget...", no stored widget output shown as its plain-text repr;
  2. Run All (Run menu): every code cell ran, no error output, at least the expected number of
     chart images and quiz widgets; a screenshot in build/screenshots/<stem>.png;
  3. one quiz question answered wrongly, then rightly, by clicking; the feedback read off the page;
  4. an interactive chart's dropdown changed; the chart image on screen changes.

test_harness_selftest runs the same steps on a notebook generated here (plain ipywidgets with
lessonkit's CSS classes), so the harness is proven before the lessons have content.
"""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

import nbformat
import pytest

import labdriver as ld
from lessonkit import manifest

EXPECTATIONS_FILE = Path(__file__).with_name("expectations.toml")
LESSONS = manifest.ids()  # the lessons of lessons.toml (tests/test_manifest.py: every notebook is one)

KEYS = {"min_charts", "min_quizzes", "quiz", "interactive"}
QUIZ_KEYS = {"id", "wrong", "right", "wrong_feedback", "right_feedback"}
INTERACTIVE_KEYS = {"index", "option", "control"}


def load_expectations() -> dict[str, dict]:
    with EXPECTATIONS_FILE.open("rb") as f:
        return tomllib.load(f).get("lessons", {})


def validate(stem: str, exp: dict) -> list[str]:
    """Problems in one lesson's expectations (empty if fine)."""
    where = f"{EXPECTATIONS_FILE.name} [lessons.\"{stem}\"]"
    problems = [f"{where}: unknown key {k!r}" for k in set(exp) - KEYS]
    for key in ("min_charts", "min_quizzes"):
        if not isinstance(exp.get(key), int) or exp[key] < 0:
            problems.append(f"{where}: {key} must be a whole number >= 0")
    quiz = exp.get("quiz")
    if quiz is not None:
        problems += [f"{where}.quiz: unknown key {k!r}" for k in set(quiz) - QUIZ_KEYS]
        problems += [f"{where}.quiz: {k} is missing" for k in ("id", "wrong", "right") if k not in quiz]
    interactive = exp.get("interactive", [])
    for n, chart in enumerate([interactive] if isinstance(interactive, dict) else interactive):
        problems += [f"{where}.interactive[{n}]: unknown key {k!r}" for k in set(chart) - INTERACTIVE_KEYS]
        if "option" not in chart:
            problems.append(f"{where}.interactive[{n}]: option is missing")
    return problems


def interactives(exp: dict) -> list[dict]:
    value = exp.get("interactive", [])
    return [value] if isinstance(value, dict) else list(value)


# --- the student's steps ----------------------------------------------------------------------

def check_before_running(lab: ld.LabPage, exp: dict) -> None:
    """Opened before running (trusted, as `make lab` and Binder open it): the stored widget
    state renders as widgets, with no widget error and nothing shown as plain-text repr."""
    lab.wait_widgets_settled()
    errors = lab.widget_error_texts()
    assert not errors, f"{lab.notebook_path} opened before running shows widget errors: {errors}"
    assert lab.loading_widget_count() == 0, (
        f"{lab.notebook_path} opened before running: widgets stuck at 'Loading widget...'")
    as_text = lab.stored_widgets_shown_as_text()
    assert not as_text, (f"{lab.notebook_path} opened before running shows stored widgets as text: "
                         f"{as_text[:2]} (is the stored widget state missing? run make execute)")
    quizzes = lab.quiz_count()
    assert quizzes >= exp["min_quizzes"], (
        f"{lab.notebook_path} opened before running shows {quizzes} quizzes from the stored widget "
        f"state, expected at least {exp['min_quizzes']}")


class Stopwatch:
    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 1)
        self._last = now


def run_all_and_look(lab: ld.LabPage, exp: dict, screenshot: Path, clock: Stopwatch | None = None,
                     summary_line=None) -> dict:
    clock = clock or Stopwatch()
    lab.run_all()
    clock.lap("run all")
    charts, quizzes = lab.wait_for_counts(exp["min_charts"], exp["min_quizzes"])
    lab.wait_widgets_settled()
    clock.lap("wait for charts and quizzes")
    lab.screenshot(screenshot)
    clock.lap("screenshot")
    prompts = lab.prompts()
    ran = [p for p in prompts if re.fullmatch(r"\[\d+\]:", p)]
    if summary_line:  # before the checks, so that a failing lesson still reports what it showed
        summary_line(seen(lab, {"charts": charts, "quizzes": quizzes, "cells run": len(ran)}, clock))
    errors = lab.error_outputs()
    assert not errors, f"{lab.notebook_path}: error output after Run All:\n" + "\n---\n".join(errors)
    expected = lab.code_cells_with_source()
    assert len(ran) == expected, f"{lab.notebook_path}: {len(ran)} of {expected} code cells ran: {prompts}"
    widget_errors = lab.widget_error_texts()
    assert not widget_errors, f"{lab.notebook_path} after Run All shows widget errors: {widget_errors}"
    assert charts >= exp["min_charts"], (
        f"{lab.notebook_path}: {charts} chart images rendered after Run All, expected at least "
        f"{exp['min_charts']} (screenshot: {screenshot})")
    assert quizzes >= exp["min_quizzes"], (
        f"{lab.notebook_path}: {quizzes} quiz widgets rendered after Run All, expected at least "
        f"{exp['min_quizzes']} (screenshot: {screenshot})")
    return {"charts": charts, "quizzes": quizzes, "cells run": len(ran)}


def seen(lab: ld.LabPage, report: dict, clock: Stopwatch) -> str:
    """One summary line: what the page showed (to fill in expectations.toml) and the times."""
    ids = lab.quiz_ids()
    return (f"{Path(lab.notebook_path).stem}: {report['cells run']} cells ran, {report['charts']} chart images, "
            f"{report['quizzes']} quizzes, {lab.interactive_count()} interactive charts; "
            f"quiz ids: {', '.join(ids) if ids else '-'}; "
            + (f"REQUESTS LEAVING THE MACHINE: {lab.external_requests[:5]}; " if lab.external_requests else "")
            + "seconds: " + ", ".join(f"{k} {v}" for k, v in clock.laps.items()))


def answer_quiz(lab: ld.LabPage, exp: dict) -> dict:
    quiz = exp.get("quiz")
    if not quiz:
        return {}
    wrong = lab.answer(quiz["id"], quiz["wrong"], quiz.get("wrong_feedback", "Not quite"))
    right = lab.answer(quiz["id"], quiz["right"], quiz.get("right_feedback", "Correct"))
    assert wrong != right, f"quiz {quiz['id']!r}: the same feedback for the wrong and the right answer"
    return {"wrong answer feedback": wrong, "right answer feedback": right}


def change_charts(lab: ld.LabPage, exp: dict) -> dict:
    changed = {}
    for chart in interactives(exp):
        before, after = lab.change_interactive(chart.get("index", 0), chart["option"], chart.get("control", 0))
        changed[f"interactive {chart.get('index', 0)} -> {chart['option']}"] = f"{before} => {after}"
    return changed


# --- tests ----------------------------------------------------------------------------------------

def test_expectations_cover_the_lessons():
    """Every lesson notebook has expectations, every expectation a notebook, and they are valid."""
    expectations = load_expectations()
    missing = sorted(set(LESSONS) - set(expectations))
    extra = sorted(set(expectations) - set(LESSONS))
    assert not missing, f"add [lessons.\"<stem>\"] to {EXPECTATIONS_FILE} for: {missing}"
    assert not extra, f"{EXPECTATIONS_FILE} names lessons that lessons.toml does not list: {extra}"
    problems = [p for stem, exp in expectations.items() for p in validate(stem, exp)]
    assert not problems, "\n".join(problems)
    with EXPECTATIONS_FILE.open("rb") as f:
        unknown = set(tomllib.load(f)) - {"lessons"}
    assert not unknown, f"{EXPECTATIONS_FILE.name}: unknown top-level keys {sorted(unknown)}"


@pytest.mark.parametrize("stem", LESSONS)
def test_lesson_in_browser(stem, open_notebook, lab_server, summary_line):
    exp = load_expectations().get(stem)
    if exp is None:
        pytest.fail(f"no expectations for {stem}: add [lessons.\"{stem}\"] to {EXPECTATIONS_FILE}")
    assert not validate(stem, exp), validate(stem, exp)
    clock = Stopwatch()
    lab_server.trust(f"{stem}.ipynb")  # as `make lab` and Binder's postBuild do
    lab = open_notebook(f"{stem}.ipynb")
    clock.lap("open")
    check_before_running(lab, exp)
    clock.lap("check before running")
    report = run_all_and_look(lab, exp, ld.SCREENSHOT_DIR / f"{stem}.png", clock, summary_line)
    report |= answer_quiz(lab, exp)
    clock.lap("quiz")
    report |= change_charts(lab, exp)
    clock.lap("interactive charts")
    print(f"{stem}: {report}\n  seconds: {clock.laps}")


def test_harness_selftest(open_notebook, lab_server, selftest_execution, summary_line):
    """The harness on a generated notebook: stored widget state, Run All, quiz, two interactive charts.

    The notebook is executed with tools/execute_notebooks.py (as `make execute` does), so it
    carries outputs and widget state. Two copies are opened before running:
      - untrusted (as on any machine that did not sign it: a student's, Binder, this test
        server): JupyterLab shows each stored widget output as its plain-text repr; no error text;
      - trusted (signed with the server's notary): the stored widget state renders as widgets.
    A third, trusted copy with broken widget state proves that the error checks see errors.
    """
    clock = Stopwatch()
    untrusted = selftest_execution.wait()
    folder = untrusted.parent
    trusted = folder / "harness_selftest_trusted.ipynb"
    # Signatures are by content: the trusted copy must differ or both would be trusted.
    nb = nbformat.read(untrusted, as_version=4)
    nb.metadata["lk_copy"] = "trusted"
    nbformat.write(nb, trusted)
    lab_server.trust(f"_harness/{trusted.name}")
    broken = ld.break_widget_state(untrusted, folder / "harness_selftest_broken.ipynb")
    lab_server.trust(f"_harness/{broken.name}")
    clock.lap("wait for tools/execute_notebooks.py")
    # The three pages load JupyterLab at the same time.
    pages = {nb: open_notebook(f"_harness/{nb.name}", wait=False) for nb in (untrusted, broken, trusted)}
    for lab in pages.values():
        lab.wait_open()
    clock.lap("open three copies")

    # Untrusted: the fallback the lessons would show. The detector must see all three widgets.
    lab = pages[untrusted]
    lab.wait_widgets_settled()
    assert lab.widget_error_texts() == []
    as_text = lab.stored_widgets_shown_as_text()
    assert len(as_text) == 3 and lab.quiz_count() == 0, (
        f"untrusted notebook: expected the 3 stored widgets as plain text, got {as_text} and "
        f"{lab.quiz_count()} rendered quizzes -- has JupyterLab's handling of untrusted widget "
        f"outputs changed? Update tests/browser/README.md")
    lab.close()

    # Negative control, trusted: a widget model missing from the stored state, and an Image view
    # that fails to build. The error checks must see both.
    lab = pages[broken]
    lab.wait_widgets_settled()
    errors = " | ".join(lab.widget_error_texts())
    assert "model not found" in errors and "Failed to create view for 'ImageView'" in errors, (
        f"the widget error checks missed a broken widget; they found: {errors!r}")
    lab.close()

    # Trusted: the full walk-through, starting with the stored widget state rendered.
    lab = pages[trusted]
    check_before_running(lab, ld.SELFTEST_EXPECT)
    stored = lab.wait_for_counts(3, 1)
    assert stored == (3, 1), f"stored widget state did not render: (charts, quizzes) = {stored}"
    clock.lap("check the three copies")
    exp = ld.SELFTEST_EXPECT
    report = run_all_and_look(lab, exp, ld.SCREENSHOT_DIR / "harness_selftest.png", clock)
    assert report["quizzes"] == 1 and report["charts"] == 3, report
    report |= answer_quiz(lab, exp)
    assert report["wrong answer feedback"].startswith("Not quite — Vietnam")
    assert report["right answer feedback"].startswith("Correct — Pyongyang")
    clock.lap("quiz")
    report |= change_charts(lab, exp)
    clock.lap("interactive charts")
    lab.screenshot(ld.SCREENSHOT_DIR / "harness_selftest-after-clicks.png")
    print(f"harness self-test: {report}")
    summary_line("harness self-test: stored widget state renders only when trusted (untrusted: "
                 f"{len(as_text)} widget outputs as plain text); quiz and {len(exp['interactive'])} "
                 "interactive charts clicked; seconds: " + ", ".join(f"{k} {v}" for k, v in clock.laps.items()))
