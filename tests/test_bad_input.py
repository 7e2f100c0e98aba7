"""What teachers do to the files, and what they then see: one test per kind of bad input.

Each test breaks a copy of the repository's data or banks in a temporary folder (conftest's
project_copy: data/, or quizzes/ with the descriptor that names the tables; LESSONKIT_ROOT
points lessonkit at it), then asserts that the message names the place (file,
row or line, column or question, rule) and that nothing was written.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessonkit import data, quiz
from lessonkit.validate import DataError

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "tools"
sys.path.insert(0, str(TOOLS))
import _atomic  # noqa: E402


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    def change(rows):
        rows[row][rows[0].index(column)] = value

    edit_csv(path, change)


def load_error(root: Path, name: str) -> str:
    before = snapshot(root)
    with pytest.raises(DataError) as info:
        data.load(name)
    assert snapshot(root) == before, "loading wrote to the folder"
    assert "KeyError" not in str(info.value)
    return str(info.value)


def bank_error(root: Path, name: str, pattern: str | None = None) -> quiz.BankError:
    before = snapshot(root)
    with pytest.raises(quiz.BankError, match=pattern) as info:
        quiz.load(name)
    assert snapshot(root) == before, "loading a bank wrote to the folder"
    return info.value


# --- encodings and separators -------------------------------------------------------------------

def test_excel_csv_utf8_with_byte_order_mark_loads(project_copy):
    root = project_copy("data")
    path = root / "data" / "countries.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "iso3" in data.load("countries").columns
    assert len(data.load("un_votes")) > 0  # tables that refer to countries still load


def test_bank_with_byte_order_mark_loads(project_copy):
    root = project_copy("quizzes", "data/datapackage.json")
    path = root / "quizzes" / "01_context.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(quiz.load("01_context").questions) >= 6


def test_latin1_csv_names_file_and_line_and_says_save_as_csv_utf8(project_copy):
    root = project_copy("data")
    path = root / "data" / "countries.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines, start=1) if any(127 < ord(c) < 256 for c in line))
    path.write_bytes(text.encode("latin-1", errors="replace"))
    msg = load_error(root, "countries")
    assert msg.count("\n") == 0, "one error, not one per row"
    assert f"countries.csv: line {n}: not UTF-8" in msg and 'save it as "CSV UTF-8"' in msg and "[encoding]" in msg


def test_cp1252_sources_names_sources_when_another_table_loads(project_copy):
    root = project_copy("data")
    path = root / "data" / "sources.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("Putin", "Putin \u201cquoted\u201d", 1).encode("cp1252", errors="replace"))
    msg = load_error(root, "claims")
    assert "claims.csv, column source_id: cannot check source_id against sources: sources.csv: line" in msg
    assert "not UTF-8" in msg and "CSV UTF-8" in msg


def test_latin1_bank_names_file_and_line(project_copy):
    root = project_copy("quizzes", "data/datapackage.json")
    path = root / "quizzes" / "02_arms_flows.toml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Korea", "K\u00f6rea", 1).encode("latin-1", "replace"))
    bank_error(root, "02_arms_flows", r"02_arms_flows\.toml: line \d+: not UTF-8 text: byte 0xf6 .*save it as UTF-8")


@pytest.mark.parametrize("separator, word", [(";", "semicolons"), ("\t", "tabs")])
def test_semicolon_or_tab_separated_file_is_recognised(project_copy, separator, word):
    root = project_copy("data")
    path = root / "data" / "un_resolutions.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=separator, lineterminator="\n").writerows(rows)
    msg = load_error(root, "un_resolutions")
    assert msg.count("\n") == 0, "one error, not one per row"
    assert f"un_resolutions.csv: the columns are separated by {word}" in msg and "CSV UTF-8" in msg


def test_empty_line_in_the_middle_is_named(project_copy):
    root = project_copy("data")
    path = root / "data" / "claims.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(lines[:3] + [""] + lines[3:]), encoding="utf-8")
    assert "claims.csv, row 3 (line 4): is an empty line" in load_error(root, "claims")


def test_row_of_only_separators_is_named_as_an_empty_line(project_copy):
    root = project_copy("data")
    path = root / "data" / "vietnam_trade.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    width = lines[0].count(",")
    path.write_text("\n".join(lines[:2] + ["," * width] + lines[2:]), encoding="utf-8")
    msg = load_error(root, "vietnam_trade")
    assert "vietnam_trade.csv, row 2 (line 3): is an empty line (delete it) [csv]" in msg
    assert "[required]" not in msg


def test_descriptor_that_is_not_utf8_is_named(project_copy):
    root = project_copy("data")
    path = root / "data" / "datapackage.json"
    path.write_bytes(path.read_text(encoding="utf-8").replace("United", "Unit\u00e9d", 1).encode("latin-1", "replace"))
    msg = load_error(root, "claims")
    assert "datapackage.json: line" in msg and "not UTF-8" in msg and "[encoding]" in msg


# --- headers and references -----------------------------------------------------------------------

def test_broken_header_of_a_referenced_table_is_named_not_a_key_error(project_copy):
    root = project_copy("data")
    edit_csv(root / "data" / "countries.csv", lambda rows: rows[0].__setitem__(0, "ISO3"))
    msg = load_error(root, "un_votes")
    assert "un_votes.csv, column iso3: cannot check iso3 against countries: countries.csv: missing column(s) iso3" in msg


def test_header_with_a_stray_space_is_named(project_copy):
    root = project_copy("data")
    edit_csv(root / "data" / "transfers.csv", lambda rows: rows[0].__setitem__(1, " " + rows[0][1]))
    msg = load_error(root, "transfers")
    assert "transfers.csv: missing column(s)" in msg and "unexpected column(s) ' " in msg and "[header]" in msg
    assert "a column name has spaces around it" in msg


# --- cells that must not pass --------------------------------------------------------------------

@pytest.mark.parametrize("table, column, row, value, expected", [
    ("events", "source_id", 2, "   ", "events.csv, row 2 (line 3): source_id is empty (only spaces) [required]"),
    ("vietnam_arms_imports", "share_pct", 1, "nan", "share_pct 'nan' is not a valid number [type]"),
    ("vietnam_arms_imports", "tiv_million", 2, "inf", "tiv_million 'inf' is not a valid number [type]"),
    ("vietnam_arms_imports", "share_pct", 1, "517", "vietnam_arms_imports.csv, row 1 (line 2): share_pct 517 is above the maximum 100 [maximum]"),
    ("claims", "paragraph", 1, "99", "claims.csv, row 1 (line 2): paragraph 99 is above the maximum 18 [maximum]"),
    ("vietnam_trade", "exports_usd_bn", 1, "-3", "exports_usd_bn -3 is below the minimum 0 [minimum]"),
    ("nk_missile_launches", "launches", 1, "1_000", "launches '1_000' is not a valid integer [type]"),
    ("vietnam_trade", "exports_usd_bn", 1, "30,6", "exports_usd_bn '30,6' is not a valid number [type]"),
    ("events", "confidence", 1, "sure", "events.csv, row 1 (line 2): confidence 'sure' is not one of"),
    ("transfers", "from_iso3", 1, "rus", "transfers.csv, row 1 (line 2): from_iso3 'rus' does not match"),
    ("events", "tz", 3, "Asia/Pyongang", "events.csv, row 3 (line 4): tz 'Asia/Pyongang' is not an IANA time zone"),
    ("events", "tz", 3, "asia/pyongyang", "(did you mean Asia/Pyongyang?) [time-zone]"),
    ("un_resolutions", "date", 1, "18.06.2024", "un_resolutions.csv, row 1 (line 2): date '18.06.2024' is not a valid date"),
    ("countries", "asean", 1, "ja", "countries.csv, row 1 (line 2): asean 'ja' is not a valid boolean [type]"),
])
def test_bad_cell_is_named_with_file_row_column_and_rule(project_copy, table, column, row, value, expected):
    root = project_copy("data")
    set_cell(root / "data" / f"{table}.csv", row, column, value)
    assert expected in load_error(root, table)


def test_all_problems_of_a_file_are_reported_together_up_to_a_limit(project_copy):
    root = project_copy("data")

    def change(rows):
        i = rows[0].index("vote")
        for r in rows[1:31]:
            r[i] = "X"

    edit_csv(root / "data" / "un_votes.csv", change)
    with pytest.raises(DataError) as info:
        data.load("un_votes")
    assert len([p for p in info.value.problems if p.rule == "enum"]) == 30
    msg = str(info.value)
    assert "un_votes.csv, row 1 (line 2): vote 'X'" in msg and "un_votes.csv, row 20 (line 21): vote 'X'" in msg
    assert "row 21 (line 22)" not in msg and "... and" in msg and "more" in msg


def test_unknown_constraint_in_the_descriptor_is_reported_not_ignored(project_copy):
    root = project_copy("data")
    path = root / "data" / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"minimum": 1,', '"minimum": 1, "exclusiveMaximum": 19,', 1),
                    encoding="utf-8")
    assert "constraint 'exclusiveMaximum' is not checked by lessonkit [schema]" in load_error(root, "claims")


# --- quiz banks --------------------------------------------------------------------------------

def test_bank_table_that_is_not_in_the_package_is_named(project_copy):
    root = project_copy("quizzes", "data/datapackage.json")
    path = root / "quizzes" / "01_context.toml"
    text = path.read_text(encoding="utf-8")
    assert 'table = "un_votes"' in text
    path.write_text(text.replace('table = "un_votes"', 'table = "event"', 1), encoding="utf-8")
    bank_error(root, "01_context", r"01_context\.toml: question '[^']+': table 'event' is not a table in data/datapackage\.json")


def test_bank_word_too_long_to_wrap_is_named(project_copy):
    root = project_copy("quizzes", "data/datapackage.json")
    path = root / "quizzes" / "03_vietnam_balancing.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('prompt = "', 'prompt = "' + "x" * 3000 + " ", 1), encoding="utf-8")
    bank_error(root, "03_vietnam_balancing", r"03_vietnam_balancing\.toml: question '[^']+': prompt has a word of 3000 characters")


def test_every_broken_question_of_a_bank_is_reported_at_once(project_copy):
    root = project_copy("quizzes", "data/datapackage.json")
    path = root / "quizzes" / "02_arms_flows.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count('type = "single"') >= 1 and text.count('prompt = "') >= 3
    broken = text.replace('prompt = "', 'prompt = "' + "y" * 100 + " ", 3)
    path.write_text(broken, encoding="utf-8")
    error = bank_error(root, "02_arms_flows")
    assert len(error.others) == 2
    assert str(error).count("prompt has a word of 100 characters") == 3


def test_bank_that_is_not_toml_names_file_and_line(project_copy):
    root = project_copy("quizzes", "data/datapackage.json")
    path = root / "quizzes" / "01_context.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\nprompt = "unfinished\n', encoding="utf-8")
    bank_error(root, "01_context", r"01_context\.toml: not valid TOML: .*line \d+")


# --- generators: everything first, then atomic replacement; one line per failure ---------------------

def test_write_all_replaces_every_file_or_none(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a", encoding="utf-8")
    with pytest.raises(TypeError):
        _atomic.write_all({a: "new a", b: 42})  # the second file cannot be written
    assert a.read_text(encoding="utf-8") == "old a" and not b.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"], "a temporary file was left behind"
    _atomic.write_all({a: "new a", b: b"new b"})
    assert a.read_text(encoding="utf-8") == "new a" and b.read_bytes() == b"new b"


def answer_key_run(root: Path, capsys, *args: str) -> subprocess.CompletedProcess:
    """tools/teacher_answer_key.py's main, in this process (LESSONKIT_ROOT points at root)."""
    import teacher_answer_key

    for nb in (ROOT / "notebooks").rglob("0*.ipynb"):  # both editions (notebooks/de/)
        target = root / nb.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(nb, target)
    shutil.copy(ROOT / "lessons.toml", root / "lessons.toml")  # the list of lessons the key covers
    capsys.readouterr()
    code = teacher_answer_key.main(list(args))
    out = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out.out, out.err)


def test_answer_key_with_a_broken_bank_leaves_the_key_as_it_was(project_copy, tmp_path, capsys):
    root = project_copy("quizzes", "data/datapackage.json")
    key = tmp_path / "answer_key.md"
    key.write_text("the old key\n", encoding="utf-8")
    path = root / "quizzes" / "02_arms_flows.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('type = "', 'type = "essay', 1), encoding="utf-8")
    done = answer_key_run(root, capsys, str(key))
    assert done.returncode == 1
    assert key.read_text(encoding="utf-8") == "the old key\n"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, done.stderr
    assert "02_arms_flows.toml: question '" in lines[0] and "unknown type" in lines[0]
    assert "nothing was written" in lines[1] and "build/logs/answer-key.log" in lines[1]
    assert not list(tmp_path.glob(".answer_key.md.*")), "a temporary file was left behind"


def test_answer_key_writes_the_file_when_every_bank_builds(project_copy, tmp_path, capsys):
    root = project_copy("quizzes", "data/datapackage.json")
    key = tmp_path / "answer_key.md"
    done = answer_key_run(root, capsys, str(key))
    assert done.returncode == 0, done.stderr
    assert key.read_text(encoding="utf-8") == (ROOT / "teacher" / "answer_key.md").read_text(encoding="utf-8")


def test_makefile_answer_key_does_not_truncate_through_a_redirect():
    plan = subprocess.run(["make", "-n", "answer-key", "NO_INSTALL=1"], cwd=ROOT, capture_output=True, text=True)
    recipe = [line for line in plan.stdout.splitlines() if "teacher_answer_key.py" in line]
    assert recipe and ">" not in recipe[0] and recipe[0].endswith("teacher/answer_key.md"), plan.stdout


def tiny_notebook(path: Path, code: str) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# tiny"), nbformat.v4.new_code_cell("from lessonkit import data"),
                nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, path)


@pytest.mark.slow
def test_execute_with_a_broken_table_names_notebook_and_cell_and_writes_nothing(project_copy):
    root = project_copy("data")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    tiny_notebook(notebooks / "01_good.ipynb", 'len(data.load("countries"))')
    tiny_notebook(notebooks / "02_bad.ipynb", 'data.load("claims")')
    (notebooks / "03_not_json.ipynb").write_text("{ not json", encoding="utf-8")
    set_cell(root / "data" / "claims.csv", 1, "paragraph", "99")
    before = snapshot(notebooks)
    env = {**__import__("os").environ, "LESSONKIT_ROOT": str(root)}
    done = subprocess.run([sys.executable, str(TOOLS / "execute_notebooks.py"), *map(str, sorted(notebooks.iterdir()))],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert snapshot(notebooks) == before, "a notebook was rewritten although another failed"
    lines = [line for line in done.stderr.strip().splitlines() if not line.startswith("[IPKernelApp]")]
    assert len(lines) == 3, done.stderr
    assert lines[0].endswith("02_bad.ipynb: cell 3: DataError: claims.csv, row 1 (line 2): "
                             "paragraph 99 is above the maximum 18 [maximum]"), lines[0]
    assert "03_not_json.ipynb: " in lines[1] and "Error" in lines[1]
    assert "2 failed; nothing was written" in lines[2] and "execute.log" in lines[2]
    log = Path(lines[2].rsplit(": ", 1)[1])
    log = log if log.is_absolute() else ROOT / log
    assert "Traceback" in log.read_text(encoding="utf-8") and "02_bad.ipynb" in log.read_text(encoding="utf-8")


@pytest.mark.slow
def test_check_run_fails_on_a_warning_or_an_error_and_names_the_cell(project_copy):
    """tools/check_notebooks_run.py (make test-oldest) fails on warnings too, and writes nothing."""
    root = project_copy("data")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    tiny_notebook(notebooks / "01_warns.ipynb", 'import warnings\nwarnings.warn("old matplotlib")')
    tiny_notebook(notebooks / "02_fine.ipynb", 'len(data.load("countries"))')
    before = snapshot(notebooks)
    env = {**__import__("os").environ, "LESSONKIT_ROOT": str(root)}
    done = subprocess.run([sys.executable, str(TOOLS / "check_notebooks_run.py"), *map(str, sorted(notebooks.iterdir()))],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert snapshot(notebooks) == before
    lines = [line for line in done.stderr.strip().splitlines() if not line.startswith("[IPKernelApp]")]
    assert len(lines) == 2, done.stderr
    assert "01_warns.ipynb: cell 3: stderr: " in lines[0] and "UserWarning: old matplotlib" in lines[0]
    assert "1 failed" in lines[1] and "check-run.log" in lines[1]
