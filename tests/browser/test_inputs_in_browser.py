"""In Chromium: the quiz number box, keys in quiz controls, the explorer's state box and the
stale-answer message of a "Your turn" check (issue 14).

The tests share one page: the notebook below is opened and run once for the module (each test
used to open and run it again, about 6 s each); each test acts on its own quiz or control (the
one test that narrows the window gives the old size back)."""

from __future__ import annotations

import re

import nbformat
import pytest

import lab_page

SETUP = ("from lessonkit import data, quiz, charts\nfrom lessonkit.exercises import check\n"
         "estimates = data.load('sk_estimates')")
CELLS = [
    SETUP,
    'quiz.show("01_context", ids=["vienna-hour", "which-day"])',
    'charts.vote_explorer("ES-11/3", ["RUS"])',
    "answer = 6",
    'check("l2_estimates_before_article", answer)',
    "answer = len(estimates[estimates.announced < 2024-6-18])",
    'check("l2_estimates_before_article", answer)',
]


@pytest.fixture(scope="module")
def lab(browser, lab_server, lab_root):
    path = lab_root / "_checks" / "inputs.ipynb"
    path.parent.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    page = lab_page.new_lab_page(browser, lab_server, "_checks/inputs.ipynb")
    try:
        run_all(page)
    except BaseException:
        lab_page.show_failure(page)
        page.close()
        raise
    yield page
    page.close()


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request, lab):
    """The shared page as it was when a test failed (build/screenshots/inputs-FAILED.png)."""
    yield
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        lab_page.show_failure(lab)


def run_all(page, timeout: float = 120_000) -> None:
    """Run > Run All Cells, then run the cells after the failing one (Run All stops there)."""
    page.run_all(timeout)  # stops at the cell that fails, as for a student
    cells = page.notebook.locator(".jp-CodeCell")
    for i in range(cells.count()):
        prompt = cells.nth(i).locator(".jp-InputPrompt").inner_text()
        if not any(ch.isdigit() for ch in prompt):
            cells.nth(i).locator(".jp-InputArea-editor").click()
            page.page.keyboard.press("Shift+Enter")
            page.page.wait_for_timeout(500)
            page.wait_kernel_idle(timeout)


def test_number_box_zero_comma_and_no_race(lab):
    from playwright.sync_api import expect

    q = lab.quiz("vienna-hour")
    q.wait_for(state="visible", timeout=30_000)
    box = q.locator(".lk-quiz-number input").first
    expect(box).to_have_value("")
    check = q.locator(".lk-quiz-check").first
    box.fill("0")
    check.click()
    expect(q.locator(".lk-quiz-feedback").first).to_contain_text("0 is too low")
    box.fill("19:22")
    check.click()
    expect(q.locator(".lk-quiz-feedback").first).to_contain_text("the hour only")
    box.fill("")
    box.press_sequentially("19,0", delay=20)
    check.click()  # at once: Check must grade what the box shows
    expect(q.locator(".lk-quiz-feedback").first).to_contain_text("Correct")


ACTIVE_CELL = ("() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]"
               ".indexOf(document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active'))")
FOCUSED = ("() => { const a = document.activeElement; return !a ? '' : a.classList.contains('jp-Cell') ? 'cell'"
           " : a.tagName === 'INPUT' ? 'input:' + a.type : a.tagName.toLowerCase() + ':' + a.className; }")


def keys_stay(lab, quiz) -> None:
    """Click the first option, then ArrowDown twice, Tab, Enter: all of it stays in the quiz."""
    from playwright.sync_api import expect

    cells = lab.notebook.locator(".jp-Cell").count()
    quiz.get_by_role("radio").first.click()  # as a student does; then the keyboard
    active = lab.page.evaluate(ACTIVE_CELL)
    lab.page.keyboard.press("ArrowDown")
    lab.page.keyboard.press("ArrowDown")
    assert lab.page.evaluate(ACTIVE_CELL) == active, "the arrow keys moved the notebook to another cell"
    assert lab.page.evaluate(FOCUSED) == "input:radio"
    checked = quiz.locator("input[type=radio]:checked")
    expect(checked).to_have_count(1)
    assert checked.evaluate("(el) => el.value") == "2"  # the arrows chose the third option
    for _ in range(quiz.get_by_role("radio").count()):  # Tab: the options after it, then Check
        lab.page.keyboard.press("Tab")
        assert quiz.evaluate("(el) => el.contains(document.activeElement)"), "Tab left the quiz"
        if "lk-quiz-check" in lab.page.evaluate(FOCUSED):
            break
    assert "lk-quiz-check" in lab.page.evaluate(FOCUSED), "Tab from the options goes on to Check"
    lab.page.keyboard.press("Enter")  # presses Check; no notebook command (a cell was duplicated)
    expect(quiz.locator(".lk-quiz-feedback").first).to_contain_text(re.compile("Correct|Not quite"))
    assert lab.notebook.locator(".jp-Cell").count() == cells
    assert lab.page.evaluate(ACTIVE_CELL) == active


def test_arrow_keys_tab_and_enter_stay_in_a_quiz_control(lab):
    q = lab.quiz("which-day")
    q.wait_for(state="visible", timeout=30_000)
    keys_stay(lab, q)
    # the same after the quiz cell is run again (new widgets, the page's script from before)
    q.evaluate("(el) => el.setAttribute('data-lk-old', '')")
    lab.notebook.locator(".jp-CodeCell").nth(1).locator(".jp-InputArea-editor").click()
    lab.page.keyboard.press("Control+Enter")
    lab.wait_kernel_idle()
    q = lab.notebook.locator(".lk-quiz.lk-q-which-day:not([data-lk-old])").first
    q.wait_for(state="visible", timeout=30_000)
    keys_stay(lab, q)


def test_arrow_keys_stay_in_a_menu_and_escape_gives_them_back(lab):
    from playwright.sync_api import expect

    chart = lab.interactive(0)
    chart.locator(".widget-label", has_text="Resolution").first.click()  # the cell is now active
    menu = chart.locator("select").first
    before = menu.input_value()
    menu.focus()
    active = lab.page.evaluate(ACTIVE_CELL)
    lab.page.keyboard.press("ArrowDown")
    expect(menu).not_to_have_value(before)  # the arrow chose the next resolution
    assert lab.page.evaluate(ACTIVE_CELL) == active
    assert lab.page.evaluate(FOCUSED).startswith("select")
    lab.page.keyboard.press("Escape")  # back to the notebook: its cell has the focus
    assert lab.page.evaluate(FOCUSED) == "cell"
    lab.page.keyboard.press("ArrowDown")
    assert lab.page.evaluate(ACTIVE_CELL) == active + 1, "after Escape the arrows move between cells again"


def test_enter_in_the_explorer_box_adds_a_state_and_unknown_names_get_a_message(lab):
    from playwright.sync_api import expect

    chart = lab.interactive(0)
    box = chart.locator(".lk-add-state input").first
    box.fill("united states")
    box.press("Enter")
    expect(chart.locator(".jupyter-widget-tagsinput, .widget-tagsinput").first).to_contain_text("USA")
    expect(box).to_have_value("")
    box.fill("Narnia")
    box.press("Enter")
    expect(chart.locator(".lk-add-message").first).to_contain_text("Narnia")
    expect(box).to_have_value("")


def test_the_explorer_controls_fit_in_1000_px(lab):
    size = lab.page.viewport_size
    lab.page.set_viewport_size({"width": 1000, "height": 900})
    try:
        chart = lab.interactive(0)
        width = lab.notebook.evaluate("(el) => el.getBoundingClientRect().right")  # the notebook's right edge
        for control in chart.locator(".widget-toggle-buttons, select, .lk-add-state").all():
            assert control.evaluate("(el) => el.getBoundingClientRect().right") <= width + 1
    finally:
        lab.page.set_viewport_size(size)


def test_a_failed_exercise_cell_gives_the_stale_answer_sentence(lab):
    text = lab.notebook.locator(".jp-CodeCell").nth(6).inner_text()
    assert "Right" not in text
    assert "earlier attempt" in text
    assert '"2024-06-18"' in lab.notebook.locator(".jp-CodeCell").nth(5).inner_text()
