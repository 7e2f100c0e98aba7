"""Acting on a notebook page as a student does: a menu command, Run All (after clearing the
outputs), File > Save, answering a quiz by clicking, changing an interactive chart's dropdown.
NotebookActions is part of LabPage (lab_page.py), which gives it self.page, self.notebook, the
kernel waits and the queries of WidgetQueries (lab_queries.py).

The CSS classes come from lessonkit: lk-quiz-check / lk-quiz-retry / lk-quiz-feedback on quiz
widgets (lessonkit.quiz.widget).
"""

from __future__ import annotations

import re
import time


def plain(text: str) -> str:
    """Label text as typed: ipywidgets writes option labels with no-break spaces."""
    return " ".join(text.replace("\xa0", " ").split())


def short(src: str) -> str:
    return src if len(src) <= 60 else f"{src[:40]}…({len(src)} chars)"


class NotebookActions:
    """Menus, Run All, Save, quiz answers and dropdowns (part of LabPage)."""

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
