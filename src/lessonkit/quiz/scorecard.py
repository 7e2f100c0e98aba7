"""The score cell: the score line, a summary to hand in, and "Start this lesson over".

    quiz.score("01_context")

One card per bank and kernel (the same widget each time the cell runs). The summary is made
when asked for (it carries the date, so it is never stored in the notebook): text to copy and
a link that downloads it as a small .txt file. "Start this lesson over" asks first.

CSS classes for browser tests: lk-quiz-card, lk-quiz-score, lk-quiz-summary-button,
lk-quiz-summary, lk-quiz-download, lk-quiz-start-over, lk-quiz-start-over-yes,
lk-quiz-start-over-no, lk-quiz-card-message.
"""

from __future__ import annotations

import base64
import html

import ipywidgets as widgets

from lessonkit import i18n, plaintext, progress
from lessonkit.quiz import handin, kernel_state, preview
from lessonkit.quiz import widget as qw
from lessonkit.quiz.bank import Bank

HIDDEN, SHOWN = qw.HIDDEN, qw.SHOWN
CONFIRM = i18n.N_("Start this lesson over? All your quiz answers and “Your turn” results of this lesson "
           "are cleared, on this computer, for good.")

_cards: dict[str, ScoreCard] = {}


def lesson_tasks(lesson_id: str) -> list[tuple[str, bool]]:
    """(prompt, done) for each "Your turn" task of the lesson, from the progress file."""
    from lessonkit import exercises

    done = progress.load(lesson_id).tasks
    return [(i18n.t(t.prompt), done.get(t.id, {}).get("ok") is True) for t in exercises.tasks_of(lesson_id)]


class ScoreCard(plaintext.Box):
    def __init__(self, bank: Bank):
        self.bank = bank
        self.line = kernel_state.score_line(bank.name)
        self.notice = widgets.HTML()
        # CSS classes and the first layout at creation: each later change is one more message
        self.summary_button = widgets.Button(description=i18n.t("Summary to hand in"), icon="file-text",
                                             tooltip=i18n.t("Show a summary of your answers to copy or download"),
                                             _dom_classes=("lk-quiz-summary-button",))
        self.over_button = widgets.Button(description=i18n.t("Start this lesson over"), icon="undo",
                                          tooltip=i18n.t("Clear your answers of this lesson (asks first)"),
                                          _dom_classes=("lk-quiz-start-over",))
        self.yes_button = widgets.Button(description=i18n.t("Yes, start over"), button_style="danger",
                                         _dom_classes=("lk-quiz-start-over-yes",))
        self.no_button = widgets.Button(description=i18n.t("Cancel"), _dom_classes=("lk-quiz-start-over-no",))
        self.question = widgets.HTML(f"<p style='margin:4px 0'>{html.escape(i18n.t(CONFIRM))}</p>")
        self.confirm = widgets.VBox([self.question, widgets.HBox([self.yes_button, self.no_button])],
                                    layout=widgets.Layout(display=HIDDEN))
        self.summary = widgets.HTML(_dom_classes=("lk-quiz-summary",))
        self.message = widgets.HTML(_dom_classes=("lk-quiz-card-message",))
        self.summary_button.on_click(lambda _: self.show_summary())
        self.over_button.on_click(lambda _: self.ask())
        self.yes_button.on_click(lambda _: self.start_over())
        self.no_button.on_click(lambda _: self.cancel())
        super().__init__([self.notice, self.line, widgets.HBox([self.summary_button, self.over_button]),
                          self.confirm, self.message, self.summary],
                         text=i18n.t("[Quiz score: {hint}.]", hint=plaintext.run_hint()), preview=preview.score_html(bank),
                         _dom_classes=("lk-quiz-card", f"lk-bank-{kernel_state.css_id(bank.name)}"))

    def refresh(self) -> None:
        self.notice.value = kernel_state.take_notice(self.bank.name)
        kernel_state.refresh_score_line(self.bank.name)

    def summary_text(self) -> str:
        return handin.summary_text(self.bank, kernel_state.scoreboard(self.bank), lesson_tasks(self.bank.name))

    def show_summary(self) -> str:
        text = self.summary_text()
        data = base64.b64encode(text.encode("utf-8")).decode("ascii")
        name = handin.file_name(self.bank)
        self.summary.value = (
            "<p style='margin:4px 0'>" + html.escape(i18n.t(
                "Copy this text, or download it as a file, and hand it in as your teacher asks (for example, "
                "upload the file to your school's learning platform).")) + "</p>"
            f"<pre style='white-space:pre-wrap;user-select:text;border:1px solid var(--jp-border-color1);"
            f"padding:6px;margin:4px 0'>{html.escape(text)}</pre>"
            f"<p style='margin:4px 0'><a class='lk-quiz-download' download='{html.escape(name, quote=True)}' "
            f"href='data:text/plain;charset=utf-8;base64,{data}'>{html.escape(i18n.t('Download the summary ({name})', name=name))}</a></p>")
        return text

    def ask(self) -> None:
        self.confirm.layout.display = SHOWN
        self.message.value = ""

    def cancel(self) -> None:
        self.confirm.layout.display = HIDDEN

    def start_over(self) -> None:
        kernel_state.reset(self.bank.name)
        self.confirm.layout.display = HIDDEN
        self.summary.value = ""
        self.message.value = ("<p role='status' style='margin:4px 0'>" + html.escape(i18n.t(
            "Started over: your answers of this lesson are cleared. Scroll up and answer the questions again."))
            + "</p>")


def score_card(bank: Bank) -> ScoreCard:
    """The bank's card (one per kernel), refreshed."""
    kernel_state.scoreboard(bank)
    card = _cards.get(bank.name)
    if card is None or card.comm is None:
        card = _cards[bank.name] = ScoreCard(bank)
    card.refresh()
    return card
