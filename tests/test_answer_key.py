"""The teachers' answer key, built from the banks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from lessonkit import quiz
from lessonkit.quiz.key import bank_markdown, main
from lessonkit.quiz.bank import load_file

FIXTURE = Path(__file__).parent / "fixtures" / "quiz_all_types.toml"


def test_key_has_every_question_answer_why_and_table():
    key = bank_markdown(load_file(FIXTURE))
    assert key.startswith("# Answer key: Fixture: all question types\n")
    assert "(5 questions)" in key
    for n, qid in enumerate(["first-stop", "abstainers", "treaty-defence", "votes-in-favour", "timeline"], 1):
        assert f"## {n}. `{qid}`" in key
    # single: answer, why, every option's feedback, quote and translation, hint
    assert "**Answer:** North Korea" in key
    assert "**Why:** He landed in Pyongyang first and went on to Hanoi." in key
    assert "- ✘ China — China was not a stop on this trip." in key
    assert "> Putin reist nach Nordkorea und Vietnam." in key
    assert "*Translation:* Putin travels to North Korea and Vietnam." in key
    assert "**Hint** (after the first wrong try): Pyongyang came before Hanoi." in key
    # multiple: all correct options listed, data table named
    assert "**Answer** (all of):\n\n- North Korea\n- Vietnam\n" in key
    assert "**Data:** `data/un_votes.csv`" in key
    # true/false
    assert "**Answer:** True" in key
    # numeric: answer with unit, wrong-answer feedback, question-level tries
    assert "**Answer:** 141 states" in key
    assert "**Feedback for a wrong answer:** Look at the in-favour column" in key
    assert "after 3 wrong tries" in key
    # ordering: numbered in the correct order
    assert ("1. Putin's previous visit to North Korea\n2. UN General Assembly resolution ES-11/1\n"
            "3. Putin in Pyongyang\n4. Putin in Hanoi\n") in key


def test_key_escapes_html(tmp_path):
    path = tmp_path / "evil.toml"
    path.write_text(
        '[[question]]\nid = "e"\ntype = "truefalse"\nprompt = "<script>alert(1)</script>"\n'
        'answer = true\nfeedback_true = "<b>x</b>"\nfeedback_false = "y"\n', encoding="utf-8")
    key = bank_markdown(load_file(path))
    assert "<script>" not in key and "&lt;script&gt;alert(1)&lt;/script&gt;" in key
    assert "<b>" not in key


def test_answer_key_by_bank_name(quiz_root):
    key = quiz.answer_key("all_types")
    assert "Generated from `quizzes/all_types.toml`" in key
    assert "**Answer:** 141 states" in key


def test_heading_level_for_embedding(quiz_root):
    key = quiz.answer_key("all_types", level=3)
    assert key.startswith("### Answer key: ")
    assert "\n#### 1. `first-stop` (single choice)\n" in key


def test_main_prints_key(quiz_root, capsys):
    assert main([str(quiz_root / "quizzes" / "all_types.toml")]) == 0
    assert "# Answer key:" in capsys.readouterr().out


def test_main_without_arguments_builds_every_bank(project_copy, capsys):
    root = project_copy(fixture_bank=True)
    shutil.copy(FIXTURE, root / "quizzes" / "02_arms_flows.toml")
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "`quizzes/all_types.toml`" in out and "`quizzes/02_arms_flows.toml`" in out


def test_main_reports_a_bad_bank(project_copy, capsys):
    bad = project_copy(fixture_bank=True) / "quizzes" / "bad.toml"
    bad.write_text('[[question]]\nid = "x"\ntype = "essay"\nprompt = "?"\n', encoding="utf-8")
    assert main([str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.toml" in err and "'x'" in err and "unknown type" in err


def test_command_line(quiz_root):
    env = {**os.environ, "LESSONKIT_ROOT": str(quiz_root)}
    done = subprocess.run(
        [sys.executable, "-m", "lessonkit.quiz", str(quiz_root / "quizzes" / "all_types.toml")],
        capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("# Answer key: Fixture: all question types")
    assert "## 5. `timeline` (ordering)" in done.stdout
