"""Loading and validating question banks (lessonkit.quiz.bank)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lessonkit.quiz import bank as bank_mod
from lessonkit.quiz.bank import BankError, load, load_file

FIXTURE = Path(__file__).parent / "fixtures" / "quiz_all_types.toml"

GOOD_SINGLE = """
[[question]]
id = "q1"
type = "single"
prompt = "Pick one."
  [[question.option]]
  text = "A"
  correct = true
  feedback = "A is right because."
  [[question.option]]
  text = "B"
  feedback = "B is wrong because."
"""


def write_bank(tmp_path: Path, text: str, name: str = "bank") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_fixture_has_every_type():
    bank = load_file(FIXTURE)
    assert bank.name == "quiz_all_types"
    assert bank.title == "Fixture: all question types"
    assert {q.type for q in bank.questions} == set(bank_mod.TYPES)
    assert bank.ids() == ["first-stop", "abstainers", "treaty-defence", "votes-in-favour", "timeline"]


def test_fields_are_read():
    bank = load_file(FIXTURE)
    single = bank.question("first-stop")
    assert single.quote == "Putin reist nach Nordkorea und Vietnam."
    assert single.translation.startswith("Putin travels")
    assert single.hint and single.max_tries == 2
    assert [o.correct for o in single.options] == [True, False, False]
    assert all(o.feedback for o in single.options)

    multiple = bank.question("abstainers")
    assert multiple.table == "un_votes"
    assert sum(o.correct for o in multiple.options) == 2

    tf = bank.question("treaty-defence")
    assert tf.answer is True
    assert [o.text for o in tf.options] == ["True", "False"]
    assert [o.correct for o in tf.options] == [True, False]

    numeric = bank.question("votes-in-favour")
    assert numeric.answer == 141 and numeric.tolerance == 0 and numeric.unit == "states"
    assert numeric.max_tries == 3  # question-level setting wins over the bank's
    assert numeric.feedback_correct and numeric.feedback_wrong

    ordering = bank.question("timeline")
    assert len(ordering.items) == 4
    assert ordering.feedback_correct and ordering.feedback_wrong


def test_defaults(tmp_path):
    bank = load_file(write_bank(tmp_path, GOOD_SINGLE))
    assert bank.title == "bank"
    assert bank.shuffle is True
    assert bank.max_tries == 2
    q = bank.question("q1")
    assert q.max_tries == 2 and q.hint == "" and q.table == ""


def test_bank_level_settings(tmp_path):
    bank = load_file(write_bank(tmp_path, 'title = "T"\nshuffle = false\nmax_tries = 4\n' + GOOD_SINGLE))
    assert (bank.title, bank.shuffle, bank.max_tries) == ("T", False, 4)
    assert bank.question("q1").max_tries == 4


def test_load_by_name_uses_quizzes_dir(quiz_root):
    assert load("all_types").name == "all_types"
    assert load("all_types.toml").name == "all_types"
    with pytest.raises(FileNotFoundError, match="all_types"):
        load("02_missing")


def test_select_sections():
    bank = load_file(FIXTURE)
    assert [q.id for q in bank.select(["timeline", "first-stop"])] == ["timeline", "first-stop"]
    assert [q.id for q in bank.select("timeline")] == ["timeline"]
    assert len(bank.select(None)) == 5
    with pytest.raises(KeyError, match="nope"):
        bank.select(["nope"])


# --- bad banks: each error names the file, the question id and the problem -----------

BAD_BANKS = {
    "no correct option": ("""
        [[question]]
        id = "no-right"
        type = "single"
        prompt = "?"
          [[question.option]]
          text = "A"
          feedback = "no"
          [[question.option]]
          text = "B"
          feedback = "no"
        """, "no-right", "no correct option"),
    "no correct option (multiple)": ("""
        [[question]]
        id = "multi-none"
        type = "multiple"
        prompt = "?"
          [[question.option]]
          text = "A"
          correct = false
          feedback = "no"
          [[question.option]]
          text = "B"
          feedback = "no"
        """, "multi-none", "no correct option"),
    "duplicate id": (GOOD_SINGLE + GOOD_SINGLE, "q1", "duplicate id"),
    "unknown type": ("""
        [[question]]
        id = "odd-type"
        type = "essay"
        prompt = "?"
        """, "odd-type", "unknown type 'essay'"),
    "numeric answer not a number": ("""
        [[question]]
        id = "count"
        type = "numeric"
        prompt = "How many?"
        answer = "141"
        feedback_correct = "yes"
        feedback_wrong = "no"
        """, "count", "answer is not a number"),
    "missing option feedback": ("""
        [[question]]
        id = "silent"
        type = "single"
        prompt = "?"
          [[question.option]]
          text = "A"
          correct = true
          feedback = "A because."
          [[question.option]]
          text = "B"
        """, "silent", "missing feedback for option 2"),
    "missing numeric feedback": ("""
        [[question]]
        id = "count"
        type = "numeric"
        prompt = "How many?"
        answer = 141
        feedback_correct = "yes"
        """, "count", "missing feedback 'feedback_wrong'"),
    "missing true/false feedback": ("""
        [[question]]
        id = "tf"
        type = "truefalse"
        prompt = "?"
        answer = false
        feedback_true = "no, because"
        """, "tf", "missing feedback 'feedback_false'"),
    "missing ordering feedback": ("""
        [[question]]
        id = "order"
        type = "ordering"
        prompt = "?"
        items = ["a", "b"]
        feedback_wrong = "no"
        """, "order", "missing feedback 'feedback_correct'"),
    "unknown key": ("""
        [[question]]
        id = "typo"
        type = "numeric"
        prompt = "?"
        answer = 1
        feedback_correct = "yes"
        feedback_wrong = "no"
        tolerence = 2
        """, "typo", "unknown key 'tolerence'"),
    "key of another type": ("""
        [[question]]
        id = "mixed"
        type = "single"
        prompt = "?"
        answer = true
        """, "mixed", "unknown key 'answer' for type 'single'"),
    "unknown option key": ("""
        [[question]]
        id = "opt-typo"
        type = "single"
        prompt = "?"
          [[question.option]]
          text = "A"
          corect = true
          feedback = "f"
          [[question.option]]
          text = "B"
          feedback = "f"
        """, "opt-typo", "unknown key 'corect' in option 1"),
    "two correct in single": ("""
        [[question]]
        id = "two"
        type = "single"
        prompt = "?"
          [[question.option]]
          text = "A"
          correct = true
          feedback = "f"
          [[question.option]]
          text = "B"
          correct = true
          feedback = "f"
        """, "two", "2 options are marked correct"),
    "true/false answer in quotes": ("""
        [[question]]
        id = "tfq"
        type = "truefalse"
        prompt = "?"
        answer = "true"
        feedback_true = "a"
        feedback_false = "b"
        """, "tfq", "answer must be true or false"),
    "missing id": ("""
        [[question]]
        type = "truefalse"
        prompt = "?"
        """, "#1", "missing id"),
    "missing prompt": ("""
        [[question]]
        id = "mute"
        type = "truefalse"
        answer = true
        feedback_true = "a"
        feedback_false = "b"
        """, "mute", "missing key 'prompt'"),
    "negative tolerance": ("""
        [[question]]
        id = "tol"
        type = "numeric"
        prompt = "?"
        answer = 1
        tolerance = -1
        feedback_correct = "yes"
        feedback_wrong = "no"
        """, "tol", "tolerance must not be negative"),
    "one ordering item": ("""
        [[question]]
        id = "short"
        type = "ordering"
        prompt = "?"
        items = ["only"]
        feedback_correct = "yes"
        feedback_wrong = "no"
        """, "short", "at least two"),
    "empty table": ("""
        [[question]]
        id = "tbl"
        type = "truefalse"
        prompt = "?"
        table = ""
        answer = true
        feedback_true = "a"
        feedback_false = "b"
        """, "tbl", "table must be non-empty text"),
    "max_tries zero": ("""
        [[question]]
        id = "mt"
        type = "truefalse"
        prompt = "?"
        max_tries = 0
        answer = true
        feedback_true = "a"
        feedback_false = "b"
        """, "mt", "max_tries must be a whole number"),
    "id with a space": ("""
        [[question]]
        id = "two words"
        type = "truefalse"
        prompt = "?"
        answer = true
        feedback_true = "a"
        feedback_false = "b"
        """, "two words", "id may only hold"),
}


@pytest.mark.parametrize("case", sorted(BAD_BANKS))
def test_bad_bank_error_names_file_question_and_problem(tmp_path, case):
    text, qid, problem = BAD_BANKS[case]
    path = write_bank(tmp_path, text, name="lesson_bad")
    with pytest.raises(BankError) as info:
        load_file(path)
    message = str(info.value)
    assert "lesson_bad.toml" in message
    assert f"question {qid!r}" in message
    assert problem in message
    assert info.value.question_id == qid
    assert info.value.path.endswith("lesson_bad.toml")


def test_unknown_top_level_key(tmp_path):
    path = write_bank(tmp_path, 'titel = "typo"\n' + GOOD_SINGLE, name="top")
    with pytest.raises(BankError, match=r"top\.toml: unknown key 'titel' at the top"):
        load_file(path)


def test_invalid_toml_names_file(tmp_path):
    path = write_bank(tmp_path, '[[question]]\nid = "unterminated\n', name="broken")
    with pytest.raises(BankError, match=r"broken\.toml: not valid TOML"):
        load_file(path)


def test_bank_without_questions(tmp_path):
    with pytest.raises(BankError, match=r"empty\.toml: no questions"):
        load_file(write_bank(tmp_path, 'title = "nothing"\n', name="empty"))


def test_known_tables_hook(tmp_path):
    text = """
        [[question]]
        id = "fig"
        type = "truefalse"
        prompt = "?"
        table = "un_votes"
        answer = true
        feedback_true = "a"
        feedback_false = "b"
        """
    path = write_bank(tmp_path, text, name="tables")
    assert load_file(path, known_tables={"un_votes"}).question("fig").table == "un_votes"
    with pytest.raises(BankError, match=r"tables\.toml: question 'fig': table 'un_votes' is not a table"):
        load_file(path, known_tables={"arms_transfers"})


def test_readme_examples_are_valid_banks():
    """Every per-type example in quizzes/README.md loads (keeps the docs honest)."""
    import re
    import tomllib

    readme = (Path(__file__).parents[1] / "quizzes" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, flags=re.S)
    examples = [b for b in blocks if "title =" not in b]
    seen_types = set()
    for block in examples:
        bank = bank_mod.parse(tomllib.loads(block), Path("README.md"))
        seen_types |= {q.type for q in bank.questions}
    assert seen_types == set(bank_mod.TYPES)


# --- option ids (the German overlays in quizzes/de/ are keyed by them) ------------------------

def test_option_ids_are_read(tmp_path):
    text = GOOD_SINGLE.replace('text = "A"', 'id = "a"\n  text = "A"').replace('text = "B"', 'id = "b"\n  text = "B"')
    q = load_file(write_bank(tmp_path, text)).question("q1")
    assert [o.id for o in q.options] == ["a", "b"]


def test_truefalse_options_have_fixed_ids():
    tf = load_file(FIXTURE).question("treaty-defence")
    assert [o.id for o in tf.options] == ["true", "false"]


def test_duplicate_option_id_is_an_error(tmp_path):
    text = GOOD_SINGLE.replace('text = "A"', 'id = "same"\n  text = "A"').replace('text = "B"', 'id = "same"\n  text = "B"')
    with pytest.raises(BankError, match=r"question 'q1': two options have the same id 'same'"):
        load_file(write_bank(tmp_path, text))


def test_option_id_with_a_space_is_an_error(tmp_path):
    text = GOOD_SINGLE.replace('text = "A"', 'id = "a b"\n  text = "A"')
    with pytest.raises(BankError, match=r"option 1: id 'a b' may only hold"):
        load_file(write_bank(tmp_path, text))


@pytest.mark.parametrize("name", ["01_context", "02_arms_flows", "03_vietnam_balancing"])
def test_every_option_of_the_lesson_banks_has_an_id(name):
    for q in load(name).questions:
        assert all(o.id for o in q.options), f"{name}: question {q.id!r} has an option without id"
