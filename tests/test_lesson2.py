"""Lesson 2 (notebooks/02_arms_flows.ipynb): its tasks, its quiz bank, its quotes and its stored outputs."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from lessonkit import data, quiz
from lessonkit.article import check_quote, find_quotes, load_article
from lessonkit.exercises import TASKS, evaluate, expected, get
from numbers_in_data import in_table as _in_table
from numbers_in_data import numbers_in, table_values

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_arms_flows.ipynb"
BANK = "02_arms_flows"
TASK_IDS = ["l2_estimates_before_article", "l2_alleged_rows", "l2_confirmed_prk_rus"]


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


from student_edition import tags  # noqa: E402  (tools/ is on the path: conftest.py)


def markdown(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


# --- "Your turn" tasks ------------------------------------------------------------------------

def test_lesson_tasks_are_registered():
    get(TASK_IDS[0])  # registers the lessons
    assert sorted(t for t in TASKS if t.startswith("l2_")) == sorted(TASK_IDS)


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_solve_runs_on_the_real_data(task_id):
    answer = expected(task_id)
    if get(task_id).kind == "number":
        assert answer > 0
    else:
        assert len(answer) > 0


def _solutions():
    """The answers the notebook's solution cells compute, written the same way."""
    estimates = data.load("sk_estimates")
    transfers = data.load("transfers")
    return {
        "l2_estimates_before_article": len(estimates[estimates.announced < "2024-06-18"]),
        "l2_alleged_rows": transfers[transfers.confidence == "alleged"],
        "l2_confirmed_prk_rus": transfers[(transfers.from_iso3 == "PRK") & (transfers.confidence == "confirmed")],
    }


# Plausible mistakes a student makes (built from the tables when the test runs, never at import:
# one broken table must not stop the collection of the whole suite), and a word the feedback
# must contain.
WRONG_ANSWERS = {
    "forgot-the-filter": ("l2_estimates_before_article", lambda e, t: len(e), "too high"),
    "one-too-few": ("l2_estimates_before_article",
                    lambda e, t: len(e[e.announced <= "2024-06-14"]) - 1, "too low"),
    "rows-not-a-number": ("l2_estimates_before_article", lambda e, t: e[e.announced < "2024-06-18"],
                          "len("),
    "reported-not-alleged": ("l2_alleged_rows", lambda e, t: t[t.confidence == "reported"], "Missing"),
    "all-unconfirmed": ("l2_alleged_rows", lambda e, t: t[t.confidence != "confirmed"], "Not in the answer"),
    "forgot-prk": ("l2_confirmed_prk_rus", lambda e, t: t[t.confidence == "confirmed"], "Not in the answer"),
    "forgot-confirmed": ("l2_confirmed_prk_rus", lambda e, t: t[t.from_iso3 == "PRK"], "Not in the answer"),
    "no-answer": ("l2_confirmed_prk_rus", lambda e, t: ..., "no answer yet"),
}


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_check_accepts_the_solution(task_id):
    fb = evaluate(task_id, _solutions()[task_id])
    assert fb.ok, fb.message


@pytest.mark.parametrize("case", sorted(WRONG_ANSWERS))
def test_check_rejects_plausible_mistakes_with_help(case):
    task_id, make_answer, words = WRONG_ANSWERS[case]
    answer = make_answer(data.load("sk_estimates"), data.load("transfers"))
    fb = evaluate(task_id, answer)
    assert not fb.ok
    assert words in fb.message
    if answer is not ...:
        assert "Hint:" in fb.message or "the task wants" in fb.message


def test_task_answers_match_what_the_lesson_says():
    alleged = expected("l2_alleged_rows")
    assert set(alleged.item) == {"military technology"} and set(alleged.to_iso3) == {"PRK"}
    confirmed = set(expected("l2_confirmed_prk_rus").item)
    assert confirmed == {"ballistic missiles", "troops"} and "artillery shells" not in confirmed
    # the text after the first task: no flow rests on allegations alone
    transfers = data.load("transfers")
    best = transfers.groupby(["from_iso3", "to_iso3", "item"]).confidence.agg(set)
    assert not any(levels == {"alleged"} for levels in best)


# --- The quiz bank ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bank():
    return quiz.load(BANK, known_tables=data.table_names())


def test_every_question_table_exists(bank):
    names = set(data.table_names())
    for q in bank.questions:
        assert not q.table or q.table in names, q.id


def test_quiz_figures_are_in_the_named_table(bank):
    """A question that names a table: every number in its text is in that table."""
    for q in bank.questions:
        if not q.table:
            continue
        values, text = table_values(q.table)
        parts = [q.prompt, q.feedback_correct, q.feedback_wrong, *q.items]
        parts += [o.text + " " + o.feedback for o in q.options]
        for part in parts:
            for value in numbers_in(part):
                assert _in_table(value, values, text), f"{q.id}: {value:g} is not in table {q.table}"


def test_numeric_answer_comes_from_the_data(bank):
    q = next(q for q in bank.questions if q.id == "last-test-year")
    tests = data.load("nk_nuclear_tests")
    assert q.answer == tests.date.max().year


def test_ordering_matches_the_dates(bank):
    q = next(q for q in bank.questions if q.id == "monitoring-timeline")
    events = data.load("sanctions_events").sort_values("date")
    keywords = ["vetoes", "Kharkiv", "expires", "Launch", "first report"]
    assert [k for k in keywords for e in events.event if k in e] == keywords
    assert len(q.items) == len(events)


def test_quiz_quotes_are_verbatim(bank):
    article = load_article()
    for q in bank.questions:
        if q.quote:
            assert any(q.quote.strip() in p.text for p in article.paragraphs), q.id


# --- The notebook -----------------------------------------------------------------------------

def test_every_quote_is_verbatim_and_translated(nb):
    text = markdown(nb)
    quotes = find_quotes(text)
    assert len(quotes) >= 6
    for n, german in quotes:
        check_quote(n, german)
    for line in text.splitlines():
        if line.startswith("> „"):
            assert line.rstrip().endswith(")"), line
    for cell in nb.cells:
        lines = cell.source.splitlines() if cell.cell_type == "markdown" else []
        for i, line in enumerate(lines):
            if line.startswith("> „"):
                assert lines[i + 1].startswith("> *") and lines[i + 1].rstrip().endswith("*"), line


def test_header_and_skeleton(nb):
    head = nb.cells[0].source
    for field in ("**For:**", "**Time:**", "**Prerequisites:**", "Learning objectives", "Shift+Enter"):
        assert field in head
    assert re.search(r"\*\*Time:\*\* \d+ minutes \(reading \d+, ", head)  # the method: tests/test_reading_budget.py
    text = markdown(nb)
    for heading in ("## Discussion", "## Key points", "## Sources", "## What's next"):
        assert heading in text


def test_each_section_opens_with_a_quote(nb):
    sections = [c for c in nb.cells if c.cell_type == "markdown" and re.match(r"## \d\. ", c.source)]
    assert 3 <= len(sections) <= 6
    for cell in sections:
        first = [ln for ln in cell.source.splitlines()[1:] if ln.strip()][0]
        assert first.startswith("> „"), cell.source.splitlines()[0]


def test_your_turn_blocks(nb):
    cells = nb.cells
    starts = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("### Your turn:")]
    assert len(starts) >= 2
    seen = []
    for i in starts:
        ex, sol, chk = cells[i + 1], cells[i + 2], cells[i + 3]
        assert tags(ex) == {"exercise"} and "answer = ..." in ex.source
        assert tags(sol) == {"solution"} and "answer =" in sol.source
        assert tags(chk) == {"check", "nbval-ignore-output"}
        task_id = re.fullmatch(r'check\("(l2_\w+)", answer\)', chk.source.strip()).group(1)
        seen.append(task_id)
    assert sorted(seen) == sorted(TASK_IDS)


def test_every_quiz_question_is_shown_once(nb, bank):
    shown = []
    for c in nb.cells:
        for ids in re.findall(r'quiz\.show\("02_arms_flows", ids=\[([^\]]*)\]\)', c.source):
            shown += re.findall(r'"([^"]+)"', ids)
    assert sorted(shown) == sorted(q.id for q in bank.questions)
    assert any('quiz.score("02_arms_flows")' in c.source for c in nb.cells)


def test_code_cells_are_short(nb):
    for c in nb.cells:
        if c.cell_type == "code":
            assert len(c.source.strip().splitlines()) <= 4, c.source


def test_stored_outputs_are_clean(nb):
    images = 0
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        for out in c.outputs:
            assert out.output_type != "error", c.source
            assert not (out.output_type == "stream" and out.name == "stderr"), c.source
            text = out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            assert "Warning" not in text and "Traceback" not in text, c.source
            images += "data:image/png;base64," in str(out.get("data", {}).get("text/html", ""))
    assert images >= 3


def test_charts_show_their_text_alternative(nb):
    for c in nb.cells:
        if c.cell_type == "code" and any("image/png" in o.get("data", {}) for o in c.outputs):
            assert any("Text alternative" in str(o.get("data", {}).get("text/markdown", "")) for o in c.outputs)


LESSON_TABLES = ["sk_estimates", "transfers", "claims", "sanctions_events", "vietnam_arms_imports",
                 "nk_missile_launches", "nk_nuclear_tests", "events"]


# Numbers that belong to the lesson itself, not to the data: the time plan and the 8% grouping
# threshold of the Vietnam chart.
LESSON_NUMBERS = {55.0, 30.0, 25.0, 8.0}


def test_numbers_in_the_prose_are_in_data(nb):
    """Every number in the lesson's Markdown (outside quotes and headings) is in a table it uses."""
    numeric: set[float] = set()
    texts = []
    for name in LESSON_TABLES:
        values, table_text = table_values(name)
        numeric |= values
        texts.append(table_text)
    text = " ".join(texts)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith(("> ", "#", "| ")) or re.match(r"\d\. ", line.strip()):
                continue
            line = re.sub(r"`[^`]*`", "", line)  # code and column names
            for value in numbers_in(line):
                if value in LESSON_NUMBERS:
                    continue
                assert _in_table(value, numeric, text), f"{value:g} in: {line}"
