"""Quiz widgets: standard ipywidgets controls, graded by lessonkit.quiz.grading.

Every bank string that goes into an HTML widget passes through html.escape. Colours
come from JupyterLab's CSS variables so light and dark themes both read well, and
right/wrong is also said in words ("Correct —" / "Not quite —"), not by colour alone.

CSS classes for browser tests: lk-quiz (each question), lk-q-<id>, lk-quiz-check,
lk-quiz-retry, lk-quiz-show-answer, lk-quiz-feedback, lk-quiz-hint, lk-quiz-answer,
lk-quiz-prompt, lk-quiz-bank, lk-quiz-score, lk-quiz-notice.

Each quiz cell is displayed with its static preview (lessonkit.quiz.preview) beside the live
widget. Every checked answer is saved at once to the student's progress file
(lessonkit.progress, via lessonkit.quiz.saved); re-running the cell, even in a new kernel,
shows the question as it was left: the answer, its feedback, the tries, the hint. What the kernel
keeps per bank (scoreboard, score line, last answers) is lessonkit.quiz.kernel_state.
"""

from __future__ import annotations

import html
from collections.abc import Collection

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from lessonkit import plaintext, progress
from lessonkit.i18n import N_, nt, t

from lessonkit.quiz import kernel_state, preview, saved
from lessonkit.quiz.bank import Bank, Question
from lessonkit.quiz.grading import Attempt, Result, correct_answer, explanation
from lessonkit.quiz.preview import prompt_html, text_html  # noqa: F401  (used here and by tests)
from lessonkit.quiz.shuffle import display_order

HIDDEN = "none"
SHOWN = ""

# Long option texts: ipywidgets gives radio and checkbox labels one line of fixed height
# (long radio labels overlap, long checkbox labels are cut off). Let them wrap instead.
# Fixed text only, scoped to .lk-quiz; no bank text goes in here.
STYLE = """<style>
.lk-quiz .widget-radio-box { height: auto; }
.lk-quiz .widget-radio-box label { display: flex; align-items: flex-start; gap: 0.5em;
  height: auto; min-height: var(--jp-widgets-radio-item-height); line-height: 1.4;
  white-space: normal; padding: 2px 0; }
.lk-quiz .widget-radio-box input { order: -1; flex: none; height: auto; margin: 0.25em 0 0 1px; }
.lk-quiz .widget-checkbox { height: auto; }
.lk-quiz .widget-checkbox label.widget-label-basic { display: flex; align-items: flex-start;
  gap: 0.5em; height: auto; line-height: 1.4; white-space: normal; overflow: visible; }
.lk-quiz .widget-checkbox label.widget-label-basic span { white-space: normal; overflow: visible;
  text-overflow: clip; }
.lk-quiz .widget-checkbox input { flex: none; align-self: flex-start; margin-top: 0.25em; }
.lk-quiz .widget-html-content { line-height: 1.5; }
.lk-quiz .lk-quiz-event { padding-top: 4px; }
</style>"""

NOTICE_NOT_SAVED = N_("Your answer could not be saved on this computer: it will be gone after a restart.")


def _message_html(kind: str, paragraphs: tuple[str, ...], lead: str = "") -> str:
    """A feedback box. kind: correct, wrong, neutral, hint or answer."""
    border = {
        "correct": "var(--jp-success-color1)",
        "wrong": "var(--jp-error-color1)",
        "hint": "var(--jp-warn-color1)",
        "answer": "var(--jp-brand-color1)",
    }.get(kind, "var(--jp-border-color1)")
    lines = [text_html(p) for p in paragraphs]
    if lead:
        lines[0] = f"<strong>{html.escape(lead)}</strong> {lines[0]}"
    body = "".join(f"<p style='margin: 2px 0;'>{line}</p>" for line in lines)
    return (
        f'<div class="lk-quiz-msg lk-quiz-msg-{kind}" role="status" '
        f"style='border-left: 4px solid {border}; padding: 4px 8px; margin: 4px 0; "
        "color: var(--jp-ui-font-color1); background: var(--jp-layout-color2); "
        f"font-size: var(--jp-content-font-size1);'>{body}</div>"
    )


class QuestionWidget(widgets.VBox):
    """One question: prompt, labelled controls, Check / Try again / Show answer, feedback.

    Controls (one set, by type):
        choice      -- RadioButtons (single, truefalse); value = option index in the bank, or True/False
        checkboxes  -- list of Checkbox in display order (multiple); .option_index = bank index
        number      -- Text (numeric), empty at first, read by grading.to_number ("2,5", "1 000");
                       continuous_update=True sends every keystroke, so Check grades what the box
                       shows when it is clicked
        positions   -- list of Dropdown in display order (ordering); value = position 1..n or None;
                       .item_index = bank index of the event
    """

    def __init__(self, bank: Bank, question: Question, number: int):
        self.bank = bank
        self.question = question
        self.attempt: Attempt = kernel_state.scoreboard(bank).attempt(question)
        self.order = display_order(bank.name, question, bank.shuffle)
        self.choice: widgets.RadioButtons | None = None
        self.checkboxes: list[widgets.Checkbox] = []
        self.number: widgets.Text | None = None
        self.positions: list[widgets.Dropdown] = []

        # CSS classes and the first layout are given at creation (_dom_classes=, layout=): each
        # later add_class or layout change is one more message to the front end. The parts whose
        # layout and style never change share one of each (each widget would open two more of
        # its own): about 20 widgets a question instead of 31.
        plain = widgets.Layout()
        self._html_style = HTMLStyle()
        buttons_style = widgets.ButtonStyle()
        self.prompt = widgets.HTML(prompt_html(question, number), _dom_classes=("lk-quiz-prompt",),
                                   layout=plain, style=self._html_style)
        controls = self._build_controls()

        self.check_button = widgets.Button(description=t("Check"), button_style="primary",
                                           tooltip=t("Check your answer to question {number}", number=number),
                                           _dom_classes=("lk-quiz-check",), layout=plain, style=buttons_style)
        self.retry_button = widgets.Button(description=t("Try again"), tooltip=t("Clear your answer and try again"),
                                           _dom_classes=("lk-quiz-retry",), layout=widgets.Layout(display=HIDDEN),
                                           style=buttons_style)
        # hidden until _update_from_attempt says otherwise
        self.show_answer_button = widgets.Button(description=t("Show answer"), tooltip=t("Show the correct answer"),
                                                 _dom_classes=("lk-quiz-show-answer",),
                                                 layout=widgets.Layout(display=HIDDEN), style=buttons_style)
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        self.show_answer_button.on_click(lambda _: self.reveal())

        self.feedback = widgets.HTML(_dom_classes=("lk-quiz-feedback",), layout=plain, style=self._html_style)
        self.hint = widgets.HTML(_dom_classes=("lk-quiz-hint",), layout=plain, style=self._html_style)
        self.answer = widgets.HTML(_dom_classes=("lk-quiz-answer",), layout=plain, style=self._html_style)

        buttons = widgets.HBox([self.check_button, self.retry_button, self.show_answer_button], layout=plain)
        style = widgets.HTML(STYLE, layout=widgets.Layout(display="none"), style=self._html_style)
        super().__init__([style, self.prompt, controls, buttons, self.feedback, self.hint, self.answer],
                         layout=widgets.Layout(margin="8px 0 16px 0"),
                         _dom_classes=("lk-quiz", f"lk-q-{kernel_state.css_id(question.id)}",
                                       f"lk-quiz-{question.type}"))
        self._show_saved()
        self._update_from_attempt()
        kernel_state.live_questions(bank.name).append(self)  # (drops the closed ones: no pile-up on re-runs)

    # --- controls -------------------------------------------------------------------
    def _build_controls(self) -> widgets.Widget:
        q = self.question
        if q.type in ("single", "truefalse"):
            if q.type == "truefalse":
                options = [(t("True"), True), (t("False"), False)]
            else:
                options = [(q.options[i].text, i) for i in self.order]
            self.choice = widgets.RadioButtons(options=options, value=None,
                                              layout=widgets.Layout(width="auto"))
            return self.choice
        if q.type == "multiple":
            layout, box_style = widgets.Layout(width="auto"), CheckboxStyle()
            for i in self.order:
                box = widgets.Checkbox(value=False, description=q.options[i].text, indent=False,
                                       layout=layout, style=box_style)
                box.option_index = i
                self.checkboxes.append(box)
            return widgets.VBox([widgets.HTML(f"<em>{t('Tick every option that is right.')}</em>",
                                              layout=self.prompt.layout, style=self._html_style), *self.checkboxes])
        if q.type == "numeric":
            label = t("Your answer ({unit})", unit=q.unit) if q.unit else t("Your answer")
            self.number = widgets.Text(value="", placeholder=t("a number"), description=label, tooltip=label,
                                       continuous_update=True, style={"description_width": "initial"},
                                       layout=widgets.Layout(width="22em"), _dom_classes=("lk-quiz-number",))
            return self.number
        if q.type == "ordering":
            n = len(q.items)
            # how to use the dropdowns (the prompt already asks for the time order)
            rows = [widgets.HTML("<em>" + t("Give the earliest event position 1 and the latest position {n}.", n=n) + "</em>",
                                 layout=self.prompt.layout, style=self._html_style)]
            dropdown_layout, dropdown_style = widgets.Layout(width="12em", flex="none"), DescriptionStyle()
            event_layout, row_layout = widgets.Layout(flex="1 1 auto"), widgets.Layout(align_items="flex-start")
            for i in self.order:
                dropdown = widgets.Dropdown(
                    options=[("–", None)] + [(str(p), p) for p in range(1, n + 1)], value=None,
                    description=t("Position"), tooltip=t("Position of: {item}", item=q.items[i]),
                    layout=dropdown_layout, style=dropdown_style)
                dropdown.item_index = i
                self.positions.append(dropdown)
                event = widgets.HTML(text_html(q.items[i]), layout=event_layout, style=self._html_style,
                                     _dom_classes=("lk-quiz-event",))
                rows.append(widgets.HBox([dropdown, event], layout=row_layout))
            return widgets.VBox(rows)
        raise ValueError(f"question {q.id!r}: unknown type {q.type!r}")

    def current_answer(self) -> object:
        """The answer in the controls, in the form grading.grade expects (None if none)."""
        q = self.question
        if self.choice is not None:
            return self.choice.value
        if q.type == "multiple":
            return {box.option_index for box in self.checkboxes if box.value}
        if q.type == "numeric":
            return self.number.value if self.number.value.strip() else None
        if q.type == "ordering":
            chosen = [d.value for d in self.positions]
            if None in chosen or len(set(chosen)) != len(chosen):
                return None
            return [d.item_index for d in sorted(self.positions, key=lambda d: d.value)]
        return None

    # --- actions ----------------------------------------------------------------------
    def check(self) -> Result:
        answer = self.current_answer()
        result = self.attempt.check(answer)
        if result.complete:
            kernel_state.remember_answer(self.bank.name, self.question.id, answer)
            self._save()
        self._show_result(result)
        kernel_state.refresh_score_line(self.bank.name)
        return result

    def _show_result(self, result: Result) -> None:
        if not result.complete:
            self.feedback.value = _message_html("neutral", result.feedback)
        elif result.correct:
            self.feedback.value = _message_html("correct", result.feedback, t("Correct —"))
        else:
            self.feedback.value = _message_html("wrong", result.feedback, t("Not quite —"))
        self.retry_button.layout.display = SHOWN if result.complete else HIDDEN
        self._update_from_attempt()

    def retry(self) -> None:
        """Clear the answer and the feedback (tries so far still count)."""
        if self.choice is not None:
            self.choice.value = None
        for box in self.checkboxes:
            box.value = False
        if self.number is not None:
            self.number.value = ""
        for dropdown in self.positions:
            dropdown.value = None
        self.feedback.value = ""
        self.retry_button.layout.display = HIDDEN

    def reveal(self) -> None:
        """Show the correct answer and why (only once enough tries were made)."""
        if not self.attempt.can_show_answer:
            return
        self.attempt.show_answer()
        self._save()
        self._update_from_attempt()
        kernel_state.refresh_score_line(self.bank.name)

    # --- saved progress -------------------------------------------------------------------
    def _save(self) -> None:
        """Write this question's state to the progress file; on failure say so, in one line."""
        entry = saved.entry(self.attempt, kernel_state.last_answer(self.bank.name, self.question.id))
        try:
            progress.record_quiz(self.bank.name, self.question.id, entry)
        except (OSError, ValueError):
            self.hint.value = _message_html("neutral", (t(NOTICE_NOT_SAVED),))

    def _show_saved(self) -> None:
        """Put the last checked answer back into the controls, with its feedback."""
        answer = kernel_state.last_answer(self.bank.name, self.question.id)
        if self.attempt.last is None or answer is None:
            return
        try:
            self.set_answer(answer)
        except (TypeError, ValueError, IndexError, KeyError):
            return
        self._show_result(self.attempt.last)

    def set_answer(self, answer: object) -> None:
        """Set the controls to an answer in grading's form (as current_answer returns it)."""
        q = self.question
        if self.choice is not None:
            self.choice.value = answer
        elif q.type == "multiple":
            chosen = set(answer)
            for box in self.checkboxes:
                box.value = box.option_index in chosen
        elif q.type == "numeric":
            self.number.value = str(answer)
        elif q.type == "ordering":
            position = {item: pos for pos, item in enumerate(answer, start=1)}
            for dropdown in self.positions:
                dropdown.value = position[dropdown.item_index]

    def start_over(self) -> None:
        """Blank question (after "Start this lesson over"): a new attempt, nothing on screen."""
        self.attempt = kernel_state.scoreboard(self.bank).attempt(self.question)
        self.retry()
        self.hint.value = ""
        self.answer.value = ""
        self._update_from_attempt()

    def _update_from_attempt(self) -> None:
        a = self.attempt
        if a.show_hint:
            self.hint.value = _message_html("hint", (self.question.hint,), t("Hint:"))
        can_show = a.can_show_answer and not a.answer_shown
        self.show_answer_button.layout.display = SHOWN if can_show else HIDDEN
        if a.answer_shown:
            self.answer.value = _message_html(
                "answer", (correct_answer(self.question), *explanation(self.question)), t("Answer:"))


def quiz_box(bank: Bank, ids: str | Collection[str] | None = None) -> plaintext.Box:
    """The questions of a bank (or those with the given ids) as one widget."""
    numbers = {q.id: n for n, q in enumerate(bank.questions, start=1)}
    questions = [QuestionWidget(bank, q, numbers[q.id]) for q in bank.select(ids)]
    n = len(questions)
    notice = kernel_state.take_notice(bank.name)
    children = ([widgets.HTML(notice)] if notice else []) + questions
    box = plaintext.Box(children, text=nt("[Quiz, {n} question: {hint}.]", "[Quiz, {n} questions: {hint}.]", n,
                                          hint=plaintext.run_hint()),
                        preview=preview.quiz_html(bank, [q.question for q in questions], numbers),
                        _dom_classes=("lk-quiz-bank", f"lk-bank-{kernel_state.css_id(bank.name)}"))
    return box
