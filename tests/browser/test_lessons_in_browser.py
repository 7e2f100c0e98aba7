"""What students see: each lesson in JupyterLab in Chromium, through a student's whole session.

For each notebook in notebooks/ (expectations in tests/browser/expectations.toml), on one shared
JupyterLab server started with the flags `make lab` uses (lessonkit's pre-save hook):
  1. opened before running, untrusted (and, at step 4, trusted): every quiz, score and explorer cell shows its
     static preview; nothing in an output can be clicked; no widget error, no disconnected
     widget, nothing stuck at "Loading widget...";
  2. Run All (Run menu): every code cell ran, no error output, at least the expected number of
     chart images and quiz widgets (LESSONKIT_SCREENSHOTS=1: a screenshot of the whole lesson in
     build/screenshots/<stem>.png; a failing test always leaves one); the "Your turn"
     checks that ran are saved in the progress file;
  3. one quiz question answered wrongly, then rightly, by clicking; the feedback read off the page;
     an interactive chart's dropdown changed; the chart image on screen changes;
  4. saved (File > Save), kernel shut down, reopened: the file holds no widget view or state, the
     page shows the previews and no widget error;
  5. Run All: the answer, its feedback and the score are back; the summary to hand in says so;
  6. Kernel > Restart Kernel and Run All: still back;
  7. Start this lesson over (confirmed): cleared on screen and on disk.
On the page of steps 1 and 2, axe-core checks the lesson's content (its rendered text and the
outputs of its cells) for serious or critical violations, before running (the stored previews)
and after Run All (live quizzes and charts): the page is already open and run, so no second
Run All is needed for it (JupyterLab's own parts are left out, see AXE_CONTENT).

test_harness_selftest runs the harness on a notebook generated here (plain ipywidgets with
lessonkit's CSS classes), including a broken copy that proves the widget-error checks see errors.
"""

from __future__ import annotations

import json
import os
import re
import time
import tomllib
from pathlib import Path

import nbformat
import pytest

import axe
import edition
import lab_page
import lab_selftest
from lessonkit import manifest

EXPECTATIONS_FILE = Path(__file__).with_name("expectations.toml")
LESSONS = manifest.ids()  # the lessons of lessons.toml (tests/test_manifest.py: every notebook is one)
# A German lesson's expectations are its English lesson's, translated (tests/browser/edition.py).
ENGLISH = [x.id for x in manifest.lessons() if x.language == "en"]

KEYS = {"min_charts", "min_quizzes", "quiz", "interactive"}
QUIZ_KEYS = {"id", "wrong", "right", "wrong_feedback", "right_feedback"}
INTERACTIVE_KEYS = {"index", "option", "control"}
# axe-core looks at the lesson's content only: JupyterLab's code editor has no accessible name and
# its cell list's ARIA roles fail axe; they are JupyterLab's, not the lesson's. (The pages of
# `make html` are checked in test_html_export.py.)
AXE_CONTENT = [".jp-Notebook .jp-MarkdownOutput", ".jp-Notebook .jp-OutputArea"]


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

def stored_cells(lab: lab_page.LabPage) -> dict[str, int]:
    """How many quiz, score and explorer cells the notebook file has (from the code)."""
    nb = nbformat.read(lab.server.root_dir / lab.notebook_path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    return {"quiz": sum("quiz.show(" in c for c in code), "score": sum("quiz.score(" in c for c in code),
            "explorer": sum("_explorer(" in c for c in code)}


def check_before_running(lab: lab_page.LabPage, how: str = "", words: dict | None = None) -> dict:
    """Opened before running (or reopened after saving): previews, nothing clickable, no errors.
    words: the texts to look for in the lesson's language (edition.texts)."""
    words = words or edition.texts(ENGLISH[0])
    where = f"{lab.notebook_path} opened {how or 'before running'}"
    lab.wait_widgets_settled()
    errors = lab.widget_error_texts()
    assert not errors, f"{where} shows widget errors: {errors}"
    assert lab.loading_widget_count() == 0, f"{where}: outputs stuck at 'Loading widget...'"
    assert lab.disconnected_widgets() == 0, f"{where}: disconnected widget icons"
    controls = lab.output_controls()
    assert not controls, f"{where}: outputs that look clickable before running: {controls[:3]}"
    cells = stored_cells(lab)
    seen = {"quiz": lab.outputs_with_text(words["run to answer"]),
            "score": lab.outputs_with_text(words["see your score"]),
            "explorer": lab.outputs_with_text(words["run to change"])}
    assert seen == cells, f"{where}: previews shown {seen}, cells in the notebook {cells}"
    images = lab.preview_images(words["change the view"])
    assert len(images) >= cells["explorer"] and all(alt and drawn for alt, drawn in images), (
        f"{where}: explorer previews should show their chart with a text alternative: {images}")
    return seen


class Stopwatch:
    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 1)
        self._last = now


def run_all_and_look(lab: lab_page.LabPage, exp: dict, screenshot: Path, clock: Stopwatch | None = None,
                     summary_line=None) -> dict:
    clock = clock or Stopwatch()
    lab.run_all()
    clock.lap("run all")
    charts, quizzes = lab.wait_for_counts(exp["min_charts"], exp["min_quizzes"])
    lab.wait_widgets_settled()
    clock.lap("wait for charts and quizzes")
    if os.environ.get("LESSONKIT_SCREENSHOTS", "") not in ("", "0"):  # ~15 s per lesson
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


def seen(lab: lab_page.LabPage, report: dict, clock: Stopwatch) -> str:
    """One summary line: what the page showed (to fill in expectations.toml) and the times."""
    ids = lab.quiz_ids()
    return (f"{Path(lab.notebook_path).stem}: {report['cells run']} cells ran, {report['charts']} chart images, "
            f"{report['quizzes']} quizzes, {lab.interactive_count()} interactive charts; "
            f"quiz ids: {', '.join(ids) if ids else '-'}; "
            + (f"REQUESTS LEAVING THE MACHINE: {lab.external_requests[:5]}; " if lab.external_requests else "")
            + "seconds: " + ", ".join(f"{k} {v}" for k, v in clock.laps.items()))


def answer_quiz(lab: lab_page.LabPage, exp: dict) -> dict:
    quiz = exp.get("quiz")
    if not quiz:
        return {}
    wrong = lab.answer(quiz["id"], quiz["wrong"], quiz.get("wrong_feedback", "Not quite"))
    right = lab.answer(quiz["id"], quiz["right"], quiz.get("right_feedback", "Correct"))
    assert wrong != right, f"quiz {quiz['id']!r}: the same feedback for the wrong and the right answer"
    return {"wrong answer feedback": wrong, "right answer feedback": right}


def change_charts(lab: lab_page.LabPage, exp: dict) -> dict:
    changed = {}
    for chart in interactives(exp):
        before, after = lab.change_interactive(chart.get("index", 0), chart["option"], chart.get("control", 0))
        changed[f"interactive {chart.get('index', 0)} -> {chart['option']}"] = f"{before} => {after}"
    return changed


# --- tests ----------------------------------------------------------------------------------------

def test_expectations_cover_the_lessons():
    """Every lesson notebook has expectations, every expectation a notebook, and they are valid."""
    expectations = load_expectations()
    missing = sorted(set(ENGLISH) - set(expectations))
    extra = sorted(set(expectations) - set(ENGLISH))
    assert not missing, f"add [lessons.\"<stem>\"] to {EXPECTATIONS_FILE} for: {missing}"
    assert not extra, f"{EXPECTATIONS_FILE} names lessons that lessons.toml does not list: {extra}"
    problems = [p for stem, exp in expectations.items() for p in validate(stem, exp)]
    assert not problems, "\n".join(problems)
    with EXPECTATIONS_FILE.open("rb") as f:
        unknown = set(tomllib.load(f)) - {"lessons"}
    assert not unknown, f"{EXPECTATIONS_FILE.name}: unknown top-level keys {sorted(unknown)}"


def progress_of(lab_server, stem: str) -> dict:
    path = lab_server.progress_dir / f"{stem}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def check_answer_is_back(lab: lab_page.LabPage, exp: dict, when: str, stem: str) -> None:
    """After a re-run: the quiz shows the right answer chosen with its feedback, the score counts it."""
    from playwright.sync_api import expect

    quiz = exp["quiz"]
    q = lab.quiz(quiz["id"])
    feedback = q.locator(".lk-quiz-feedback").first
    try:
        expect(feedback).to_contain_text(quiz.get("right_feedback", "Correct"), timeout=15_000)
    except AssertionError as e:
        raise AssertionError(f"{lab.notebook_path} {when}: quiz {quiz['id']!r} shows {feedback.inner_text()!r}, "
                             "not the saved answer's feedback") from e
    right = quiz["right"] if isinstance(quiz["right"], str) else quiz["right"][0]
    chosen = q.get_by_role("radio", name=right, exact=True)
    if not chosen.count():
        chosen = q.get_by_role("checkbox", name=right, exact=True)
    assert chosen.first.is_checked(), f"{lab.notebook_path} {when}: the saved option {right!r} is not chosen"
    score = lab.notebook.locator(".lk-quiz-score").first.inner_text()
    assert re.search(edition.score_pattern(stem, "1"), score), f"{lab.notebook_path} {when}: score line {score!r}"


def axe_check(lab: lab_page.LabPage, stem: str, when: str, found: dict[str, list], summary_line) -> None:
    """axe-core on the lesson's content as it is on screen now; serious or critical violations are
    kept in `found` (asserted at the end of the lifecycle, so that they never hide a later step)
    and named in the summary at once (so that a later failure does not hide them)."""
    violations = axe.serious_violations(lab.page, include=AXE_CONTENT)
    if violations:
        found[when] = violations
        summary_line(f"{stem} AXE VIOLATIONS {when}:\n{axe.describe(violations)}")


@pytest.mark.parametrize("stem", LESSONS)
def test_lesson_lifecycle_in_browser(stem, open_notebook, lab_server, summary_line, axe_ready):
    exp = edition.expectations(stem, load_expectations())
    if exp is None:
        pytest.fail(f"no expectations for {stem}: add [lessons.\"{stem}\"] to {EXPECTATIONS_FILE}")
    words = edition.texts(stem)
    assert not validate(stem, exp), validate(stem, exp)
    assert exp.get("quiz"), f"{stem}: the lifecycle needs a quiz question in {EXPECTATIONS_FILE.name}"
    clock = Stopwatch()
    notebook = edition.notebook_path(stem)
    progress_name = edition.progress_name(stem)
    # A fresh student: earlier browser tests on the same server may have answered this lesson's
    # questions (the input tests use its bank), and their saved answers would be restored here.
    (lab_server.progress_dir / f"{progress_name}.json").unlink(missing_ok=True)
    # 1. Before running, untrusted (any student's copy: make lab and Binder trust nothing).
    assert not lab_server.is_trusted(notebook)
    lab = open_notebook(notebook)
    clock.lap("open")
    check_before_running(lab, "before running (untrusted)", words)
    clock.lap("check before running")
    accessibility: dict[str, list] = {}
    axe_check(lab, stem, "opened before running", accessibility, summary_line)
    clock.lap("axe before running")

    # 2. Run All, 3. answer and explore.
    report = run_all_and_look(lab, exp, lab_page.SCREENSHOT_DIR / f"{stem}.png", clock, summary_line)
    assert lab.interactive_count() >= 1 or lab.chart_count() >= 1, f"{stem}: nothing rendered after Run All"
    axe_check(lab, stem, "after Run All", accessibility, summary_line)
    clock.lap("axe after Run All")
    tasks = progress_of(lab_server, progress_name).get("tasks", {})
    assert tasks and all(t["ok"] for t in tasks.values()), (
        f"{stem}: after Run All (solutions and checks ran) the progress file should list the Your-turn "
        f"tasks as done: {tasks}")
    report |= answer_quiz(lab, exp)
    saved = progress_of(lab_server, progress_name)["quiz"][exp["quiz"]["id"]]
    assert saved["tries"] == 2 and saved["solved"] and saved["first_try_right"] is False, saved
    report |= change_charts(lab, exp)
    clock.lap("quiz, tasks, interactive charts")

    # 4. Save, shut the kernel down, reopen.
    lab.save()
    stored = (lab_server.root_dir / notebook).read_text(encoding="utf-8")
    assert lab_selftest.WIDGET_VIEW not in stored and "widget-state" not in stored, (
        f"{stem}: the saved file still holds widget views or state (is the pre-save hook enabled?)")
    lab.close()  # closes the page and shuts the kernel down
    # Saved after running, the file is signed by the server (trusted); reopening it is the
    # trusted case of "opened before running".
    signed_by_save = lab_server.is_trusted(notebook)
    if not signed_by_save:
        lab_server.trust(notebook)
    lab = open_notebook(notebook)
    check_before_running(lab, "again after saving (trusted)", words)
    clock.lap("save, shut down, reopen")

    # 5. Run All: answers back. 6. Restart and Run All: still back.
    lab.run_all()
    lab.wait_widgets_settled()
    check_answer_is_back(lab, exp, "after reopening and Run All", stem)
    card = lab.notebook.locator(".lk-quiz-card").first
    card.locator(".lk-quiz-summary-button").first.click()
    summary = card.locator(".lk-quiz-summary pre").first
    summary.wait_for(state="visible", timeout=15_000)
    text = summary.inner_text()
    assert re.search(words["right after"], text) and re.search(edition.tasks_pattern(stem), text), text
    with lab.page.expect_download(timeout=15_000) as download:
        card.locator(".lk-quiz-download").first.click()
    assert Path(download.value.path()).read_text(encoding="utf-8").strip() == text.strip()
    clock.lap("run all after reopening")
    lab.run_all(restart=True)
    lab.wait_widgets_settled()
    check_answer_is_back(lab, exp, "after Restart Kernel and Run All", stem)
    assert not lab.widget_error_texts() and not lab.error_outputs()
    clock.lap("restart and run all")

    # 7. Start over.
    from playwright.sync_api import expect

    card = lab.notebook.locator(".lk-quiz-card").first
    card.locator(".lk-quiz-start-over").first.click()
    card.locator(".lk-quiz-start-over-yes").first.click()
    expect(card.locator(".lk-quiz-score").first).to_contain_text(re.compile(edition.score_pattern(stem, "0")),
                                                                 timeout=15_000)
    q = lab.quiz(exp["quiz"]["id"])
    assert q.locator(".lk-quiz-feedback").first.inner_text().strip() == ""
    assert not (lab_server.progress_dir / f"{progress_name}.json").exists()
    clock.lap("start over")
    assert not accessibility, f"{stem}: axe-core found serious or critical violations in the lesson's content:\n" + \
        "\n".join(f"{when}:\n{axe.describe(found)}" for when, found in accessibility.items())
    print(f"{stem}: {report}\n  seconds: {clock.laps}")
    summary_line(f"{stem} lifecycle (saved file signed by the server: {signed_by_save}) seconds: " + ", ".join(f"{k} {v}" for k, v in clock.laps.items()))


def test_harness_selftest(open_notebook, lab_server, selftest_execution, summary_line):
    """The harness on a generated notebook: executed as `make execute` does (no widget state
    stored), opened before running, Run All, quiz, two interactive charts. A trusted copy with a
    widget view whose model is missing proves that the error checks see "model not found"."""
    clock = Stopwatch()
    executed = selftest_execution.wait()
    nb = nbformat.read(executed, as_version=4)
    assert "widgets" not in nb.metadata and lab_selftest.WIDGET_VIEW not in json.dumps(nb), (
        "tools/execute_notebooks.py stored widget views or state")
    broken = lab_selftest.with_missing_widget_model(executed, executed.parent / "harness_selftest_broken.ipynb")
    lab_server.trust(f"_harness/{broken.name}")
    clock.lap("wait for tools/execute_notebooks.py")
    pages = {p: open_notebook(f"_harness/{p.name}", wait=False) for p in (executed, broken)}
    for page in pages.values():
        page.wait_open()
    clock.lap("open two copies")

    lab = pages[broken]
    lab.wait_widgets_settled()
    errors = " | ".join(lab.widget_error_texts())
    assert "model not found" in errors, f"the widget error checks missed a missing model; they found: {errors!r}"
    lab.close()

    lab = pages[executed]
    lab.wait_widgets_settled()
    assert lab.widget_error_texts() == [] and lab.output_controls() == [] and lab.disconnected_widgets() == 0
    clock.lap("check the two copies")
    exp = lab_selftest.SELFTEST_EXPECT
    report = run_all_and_look(lab, exp, lab_page.SCREENSHOT_DIR / "harness_selftest.png", clock)
    assert report["quizzes"] == 1 and report["charts"] == 3, report
    assert lab.output_controls(), "after Run All the live widgets should be there"
    report |= answer_quiz(lab, exp)
    assert report["wrong answer feedback"].startswith("Not quite — Vietnam")
    assert report["right answer feedback"].startswith("Correct — Pyongyang")
    clock.lap("quiz")
    report |= change_charts(lab, exp)
    clock.lap("interactive charts")
    print(f"harness self-test: {report}")
    summary_line("harness self-test: no widget state stored, a missing model is caught; quiz and "
                 f"{len(exp['interactive'])} interactive charts clicked; seconds: "
                 + ", ".join(f"{k} {v}" for k, v in clock.laps.items()))
