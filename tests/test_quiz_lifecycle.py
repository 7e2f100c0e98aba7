"""A quiz across restarts: answers saved at once, restored on a re-run in a new kernel (the
in-kernel state forgotten, the progress file kept), "Start this lesson over", the summary to
hand in, the static previews, and re-runs that close the widgets they replace."""

from __future__ import annotations

import base64
import html
import json
import re

import pytest

from lessonkit import live, plaintext, progress, quiz
from lessonkit.quiz import handin, scorecard
from lessonkit.quiz import kernel_state
from lessonkit.quiz import widget as qw
from lessonkit.quiz.bank import load
from quiz_fixture import BANK, forget_kernel_state
from test_quiz_widget import question


pytestmark = pytest.mark.usefixtures("quiz_root")


def displayed(monkeypatch) -> list:
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    return shown


def test_a_checked_answer_is_saved_at_once():
    q = question("first-stop")
    q.choice.value = 1  # Vietnam: wrong
    q.check_button.click()
    saved = progress.load(BANK).quiz["first-stop"]
    assert (saved["answer"], saved["tries"], saved["wrong_tries"], saved["first_try_right"]) == (1, 1, 1, False)


def test_after_a_restart_every_question_type_comes_back():
    q = question("first-stop")
    q.choice.value = 1
    q.check_button.click()
    q.retry_button.click()
    q.choice.value = 0
    q.check_button.click()
    multi = question("abstainers")
    for box in multi.checkboxes:
        box.value = box.description in ("North Korea", "Vietnam")
    multi.check_button.click()
    tf = question("treaty-defence")
    tf.choice.value = False
    tf.check_button.click()
    number = question("votes-in-favour")
    number.number.value = "100"
    number.check_button.click()
    order = question("timeline")
    for d in order.positions:
        d.value = d.item_index + 1
    order.check_button.click()

    forget_kernel_state()  # Restart Kernel: only the progress file is left
    again = {qid: question(qid) for qid in ("first-stop", "abstainers", "treaty-defence", "votes-in-favour",
                                            "timeline")}
    a = again["first-stop"]
    assert a.choice.value == 0 and "Correct —" in a.feedback.value
    assert (a.attempt.tries, a.attempt.first_try_right) == (2, False)
    assert "Pyongyang came before Hanoi." in a.hint.value
    assert {b.description for b in again["abstainers"].checkboxes if b.value} == {"North Korea", "Vietnam"}
    assert "Correct —" in again["abstainers"].feedback.value
    assert again["treaty-defence"].choice.value is False and "Not quite —" in again["treaty-defence"].feedback.value
    assert again["votes-in-favour"].number.value == "100" and "100 is too low." in again["votes-in-favour"].feedback.value
    assert [d.value for d in again["timeline"].positions] == [d.item_index + 1 for d in again["timeline"].positions]
    assert "Correct —" in again["timeline"].feedback.value
    assert a.retry_button.layout.display == ""  # the restored question shows its retry button, as before the restart


def test_the_score_counts_restored_answers_before_any_quiz_cell_runs(monkeypatch):
    q = question("first-stop")
    q.choice.value = 0
    q.check_button.click()
    forget_kernel_state()
    shown = displayed(monkeypatch)
    quiz.score(BANK)
    (card,) = shown
    assert "Answered 1 of 5 · right at the first try: 1" in card.line.value


def test_shown_answer_is_restored():
    q = question("first-stop")
    for wrong in (2, 1):  # two different wrong answers (the same one twice is one try)
        q.choice.value = wrong
        q.check_button.click()
    q.show_answer_button.click()
    forget_kernel_state()
    again = question("first-stop")
    assert again.attempt.answer_shown and "North Korea" in again.answer.value
    assert again.show_answer_button.layout.display == "none"


def test_a_changed_question_starts_fresh_but_a_reworded_one_keeps_its_answer(project_copy):
    root = project_copy(fixture_bank=True)  # this test edits the bank
    q = question("first-stop")
    q.choice.value = 0
    q.check_button.click()
    forget_kernel_state()
    bank_file = root / "quizzes" / f"{BANK}.toml"
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace('hint = "Pyongyang came before Hanoi."', 'hint = "Pyongyang first."'),
                         encoding="utf-8")
    assert question("first-stop").attempt.tries == 1  # prose edit: kept
    forget_kernel_state()
    bank_file.write_text(text.replace('text = "China"', 'text = "Laos"'), encoding="utf-8")
    fresh = question("first-stop")
    assert fresh.attempt.tries == 0 and fresh.choice.value is None and fresh.feedback.value == ""


def test_a_corrupt_progress_file_gives_one_line_and_a_fresh_start(monkeypatch):
    path = progress.path(BANK)
    path.parent.mkdir(parents=True)
    path.write_text("{broken", encoding="utf-8")
    shown = displayed(monkeypatch)
    quiz.show(BANK, ids=["first-stop"])
    (box,) = shown
    notice = box.children[0]
    assert "lk-quiz-notice" in notice.value and progress.NOTICE_UNREADABLE in html.unescape(notice.value)
    assert box.children[1].attempt.tries == 0
    quiz.show(BANK, ids=["first-stop"])
    assert not any("lk-quiz-notice" in getattr(w, "value", "") for w in shown[1].children)  # once


def test_a_progress_folder_that_cannot_be_written_says_so_in_one_line(tmp_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("LESSONKIT_PROGRESS_DIR", str(blocker / "progress"))
    box = qw.quiz_box(load(BANK), ["first-stop"])
    assert progress.NOTICE_NO_ACCESS in html.unescape(box.children[0].value)
    q = box.children[1]
    q.choice.value = 0
    q.check_button.click()
    assert "Correct —" in q.feedback.value and qw.NOTICE_NOT_SAVED in html.unescape(q.hint.value)


def test_start_over_asks_first_then_clears_everything(monkeypatch):
    shown = displayed(monkeypatch)
    quiz.show(BANK, ids=["first-stop"])
    quiz.score(BANK)
    box, card = shown
    q = box.children[0]
    q.choice.value = 1
    q.check_button.click()
    progress.record_task(BANK, "some-task", True)
    card.over_button.click()
    assert card.confirm.layout.display == "" and "Start this lesson over?" in html.unescape(card.question.value)
    card.no_button.click()
    assert card.confirm.layout.display == "none" and progress.load(BANK).quiz  # nothing cleared
    card.over_button.click()
    card.yes_button.click()
    assert not progress.path(BANK).exists()
    assert "Answered 0 of 5" in card.line.value and "Started over" in card.message.value
    assert q.choice.value is None and q.feedback.value == "" and q.hint.value == "" and q.attempt.tries == 0
    forget_kernel_state()
    assert question("first-stop").attempt.tries == 0


def test_summary_to_hand_in(monkeypatch):
    import datetime as dt

    shown = displayed(monkeypatch)
    quiz.show(BANK)
    quiz.score(BANK)
    box, card = shown
    first, multi = box.children[0], box.children[1]
    first.choice.value = 0
    first.check_button.click()
    for box_ in multi.checkboxes:
        box_.value = box_.description == "North Korea"
    multi.check_button.click()
    for box_ in multi.checkboxes:
        box_.value = box_.description in ("North Korea", "Vietnam")
    multi.check_button.click()
    text = card.summary_text()
    assert text.startswith("Lesson: Fixture: all question types\nDate: ")
    assert f"Date: {dt.date.today().isoformat()}" in text
    assert re.search(r"1\. .* — right at the first try", text)
    assert re.search(r"2\. .* — right after a hint", text)
    assert re.search(r"3\. .* — not answered", text)
    card.summary_button.click()
    assert html.escape(text.splitlines()[0]) in card.summary.value
    link = re.search(r"download='([^']+)' href='data:text/plain;charset=utf-8;base64,([^']+)'", card.summary.value)
    assert link and link.group(1) == handin.file_name(load(BANK))
    assert base64.b64decode(link.group(2)).decode("utf-8") == text


def test_summary_lists_the_your_turn_tasks_of_the_lesson():
    from lessonkit import exercises

    tasks = exercises.tasks_of("01_context")
    assert [t.id for t in tasks] == ["l1_against_es11_3", "l1_against_by_group", "l1_hedged_claims"]
    assert exercises.get("l2_alleged_rows").lesson == "02_arms_flows"
    progress.record_task("01_context", "l1_against_by_group", True)
    assert scorecard.lesson_tasks("01_context") == [(t.prompt, t.id == "l1_against_by_group") for t in tasks]
    board = kernel_state.scoreboard(load(BANK))
    text = handin.summary_text(load(BANK), board, scorecard.lesson_tasks("01_context"))
    assert "Your turn: 1 of 3 tasks done" in text and "l1_" not in text


def test_check_records_the_task_in_the_lessons_progress(monkeypatch):
    from pathlib import Path

    from lessonkit.exercises import check, expected

    monkeypatch.setenv("LESSONKIT_ROOT", str(Path(__file__).resolve().parents[1]))  # the real data

    check("l1_hedged_claims", expected("l1_hedged_claims"))
    assert progress.load("01_context").tasks["l1_hedged_claims"]["ok"] is True
    check("l1_hedged_claims", None)
    assert progress.load("01_context").tasks["l1_hedged_claims"]["ok"] is True  # done stays done


# --- previews -------------------------------------------------------------------------------

def test_quiz_and_score_bundles_carry_a_static_preview(monkeypatch):
    shown = displayed(monkeypatch)
    quiz.show(BANK)
    quiz.score(BANK)
    box, card = shown
    data = box._repr_mimebundle_()
    assert set(data) == {plaintext.WIDGET_VIEW, "text/html", "text/plain"}
    preview = data["text/html"]
    assert "Run this cell (Shift+Enter) to answer." in preview
    for tag in ("<input", "<button", "<select", "<textarea", "onclick", "<script", "<a "):
        assert tag not in preview
    bank = load(BANK)
    for q in bank.questions:
        assert html.escape(q.prompt).replace("\n", "<br>") in preview
    assert "North Korea" in preview and "Germany" in preview  # options as text
    assert data["text/plain"].startswith("[Quiz, 5 questions")
    card_data = card._repr_mimebundle_()
    assert "your score" in card_data["text/html"] and "Answered" not in card_data["text/html"]


def test_preview_does_not_change_with_answers(monkeypatch):
    shown = displayed(monkeypatch)
    quiz.show(BANK, ids=["first-stop"])
    before = shown[0]._repr_mimebundle_()["text/html"]
    q = shown[0].children[0]
    q.choice.value = 0
    q.check_button.click()
    quiz.show(BANK, ids=["first-stop"])
    assert shown[1]._repr_mimebundle_()["text/html"] == before


def test_rerunning_a_quiz_cell_closes_the_widgets_it_replaces(monkeypatch):
    from ipywidgets.widgets.widget import _instances

    shown = displayed(monkeypatch)
    quiz.show(BANK)
    first = shown[0]
    alive_after_one = len(_instances)
    for _ in range(5):
        quiz.show(BANK)
    assert first.comm is None and all(q.comm is None for q in first.children)
    assert first.children[0].layout.comm is None  # layouts too
    assert len(_instances) <= alive_after_one
    assert len(kernel_state._live_questions[BANK]) <= 10  # closed questions are dropped (the last box is closed after the new one is built)
    assert shown[-1].comm is not None


def test_live_key_uses_the_cell_id_when_the_front_end_sends_one(monkeypatch):
    monkeypatch.setattr(live, "cell_id", lambda: "cell-42")
    assert live.key("quiz", ("b", ())) == ("quiz", "cell", "cell-42")
    monkeypatch.setattr(live, "cell_id", lambda: None)
    assert live.key("quiz", ("b", ())) == ("quiz", ("b", ()))


def test_progress_file_is_small():
    for qid in [q.id for q in load(BANK).questions]:
        question(qid).check_button.click()
    q = question("first-stop")
    q.choice.value = 0
    q.check_button.click()
    assert progress.path(BANK).stat().st_size < 2000
    json.loads(progress.path(BANK).read_text(encoding="utf-8"))


def test_the_german_edition_does_not_see_the_english_answers(monkeypatch):
    from lessonkit import i18n

    monkeypatch.setattr(i18n, "_chosen", "en")
    q = question("first-stop")
    q.choice.value = 0
    q.check_button.click()
    forget_kernel_state()
    monkeypatch.setattr(i18n, "_chosen", "de")  # the same bank, opened in the German lesson
    de = question("first-stop")
    assert de.choice.value is None and de.attempt.tries == 0 and "Richtig" not in de.feedback.value
    de.choice.value = 1
    de.check_button.click()
    assert progress.load(BANK).quiz["first-stop"]["answer"] == 1
    forget_kernel_state()
    monkeypatch.setattr(i18n, "_chosen", "en")
    back = question("first-stop")
    assert back.choice.value == 0 and "Correct —" in back.feedback.value and back.attempt.tries == 1
