"""Static previews of quiz questions and the score cell: plain HTML, nothing clickable.

This is what a stored lesson shows where a quiz cell has not run yet (JupyterLab before
running, GitHub, nbviewer, the HTML export): each question with its options as a plain list,
and one line "Run this cell (Shift+Enter) to answer". Pure Python, no widgets; every bank
string passes through html.escape.
"""

from __future__ import annotations

import html

from lessonkit.i18n import N_, nt, t
from lessonkit.plaintext import run_line
from lessonkit.quiz.bank import Bank, Question
from lessonkit.quiz.shuffle import display_order

RUN_TO_ANSWER = N_("Run this cell (Shift+Enter) to answer")
RUN_FOR_SCORE = N_("Run this cell (Shift+Enter) to see your score, get a summary to hand in, "
                   "or start this lesson over")


def text_html(text: str) -> str:
    """Plain bank text as HTML: escaped, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def prompt_html(question: Question, number: int) -> str:
    """The question text: number, prompt, optional German quote with translation, data table."""
    lead = html.escape(t("Question {number}.", number=number))
    parts = [f"<p style='margin: 4px 0;'><strong>{lead}</strong> {text_html(question.prompt)}</p>"]
    if question.quote:
        parts.append(
            "<blockquote lang='de' style='margin: 4px 0 4px 12px; padding-left: 8px; "
            "border-left: 3px solid var(--jp-border-color1);'>"
            f"{text_html(question.quote)}</blockquote>"
        )
    if question.translation:
        parts.append(f"<p style='margin: 4px 0 4px 12px;'><em>{html.escape(t('Translation:'))}</em> {text_html(question.translation)}</p>")
    if question.table:
        parts.append(f"<p style='margin: 4px 0; color: var(--jp-ui-font-color2);'>"
                     f"{html.escape(t('Source table: {table}', table=question.table))}</p>")
    return f"<div style='color: var(--jp-ui-font-color1);'>{''.join(parts)}</div>"


def _items(texts: list[str]) -> str:
    return "<ul style='margin: 2px 0 2px 1.2em;'>" + "".join(f"<li>{text_html(t)}</li>" for t in texts) + "</ul>"


def _em(text: str) -> str:
    return f"<p style='margin: 2px 0;'><em>{html.escape(text)}</em></p>"


def answer_form_html(bank: Bank, question: Question) -> str:
    """The options (or what kind of answer is asked for), as plain text and lists."""
    q = question
    order = display_order(bank.name, q, bank.shuffle)
    if q.type == "truefalse":
        return _em(t("Answer: true or false."))
    if q.type == "single":
        return _em(t("Choose one:")) + _items([q.options[i].text for i in order])
    if q.type == "multiple":
        return (_em(t("Choose every option that is right:"))
                + _items([q.options[i].text for i in order]))
    if q.type == "numeric":
        return _em(t("Answer: a number (in {unit}).", unit=q.unit) if q.unit else t("Answer: a number."))
    if q.type == "ordering":
        return (_em(t("Put these events in time order:"))
                + _items([q.items[i] for i in order]))
    raise ValueError(f"question {q.id!r}: unknown type {q.type!r}")


def question_html(bank: Bank, question: Question, number: int) -> str:
    return (f"<div class='lk-preview-question' style='margin: 8px 0 12px 0;'>"
            f"{prompt_html(question, number)}{answer_form_html(bank, question)}</div>")


def quiz_html(bank: Bank, questions: list[Question], numbers: dict[str, int]) -> str:
    """The preview of a quiz cell: its questions, then the instruction line."""
    body = "".join(question_html(bank, q, numbers[q.id]) for q in questions)
    return f"<div class='lk-preview-quiz'>{body}{run_line(t(RUN_TO_ANSWER))}</div>"


def score_html(bank: Bank) -> str:
    """The preview of the score cell (no score: it belongs to the student, not the file)."""
    n = len(bank.questions)
    return (f"<div class='lk-preview-score'><p style='margin: 4px 0;'><strong>{html.escape(bank.title)}</strong>"
            f" — {html.escape(nt('your score ({n} question)', 'your score ({n} questions)', n))}</p>"
            f"{run_line(t(RUN_FOR_SCORE))}</div>")
