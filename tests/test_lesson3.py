"""Lesson 3 (Vietnam's balancing act): tasks, quiz bank and notebook agree with data/ and the article."""

import re
from pathlib import Path

import nbformat
import pytest

from lessonkit import data, quiz
from lessonkit.article import check_quote, find_quotes
from lessonkit.exercises import evaluate, expected, get
from lessonkit.exercises import lesson3
from lessonkit.paths import data_dir
from student_edition import check_passed, check_results  # tools/ is on the path: conftest.py

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03_vietnam_balancing.ipynb"
BANK = "03_vietnam_balancing"
TASK_IDS = ["l3_csp_after_article", "l3_mirror_gap_us_2024", "l3_same_vote_as_vietnam"]


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def bank():
    return quiz.load(BANK, known_tables=data.table_names())


def csv_text(*tables: str) -> str:
    return "\n".join((data_dir() / data.resource(t)["path"]).read_text(encoding="utf-8") for t in tables)


def numbers_in(text: str) -> set[str]:
    """Every number written with digits (1972, 3.75, 75.8); ES-11/3-style ids count as their parts."""
    return set(re.findall(r"\d+(?:\.\d+)?", text))


# --- tasks -------------------------------------------------------------------------------------


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_every_task_is_registered_solved_from_data_and_accepts_its_answer(task_id):
    task = get(task_id)
    assert task.id.startswith("l3_") and task.prompt and task.hint
    answer = expected(task_id)
    assert evaluate(task_id, answer).ok
    assert not evaluate(task_id, ...).ok  # the untouched exercise cell gets a friendly "no answer yet"


def test_csp_after_article_uses_the_day_not_the_year():
    csp = data.load("vietnam_partnerships")
    csp = csp[csp.level == "comprehensive strategic partnership"]
    notebook_solution = csp[csp.date > "2024-06-18"]
    assert evaluate("l3_csp_after_article", notebook_solution).ok
    got = set(notebook_solution.partner_iso3)
    assert {"FRA", "GBR"} <= got and not got & {"CHN", "RUS", "USA", "AUS"}
    # a plausible mistake: filtering on the year takes in Australia (March 2024, before the article)
    by_year = csp[csp.year >= 2024]
    fb = evaluate("l3_csp_after_article", by_year)
    assert not fb.ok and "AUS" in fb.message and "date" in fb.message


def test_mirror_gap_is_the_us_figure_minus_vietnams():
    trade = data.load("vietnam_trade")
    us_2024 = trade[(trade.year == 2024) & (trade.partner_iso3 == "USA")].set_index("reporter")
    gap = us_2024.loc["US Census Bureau", "exports_usd_bn"] - us_2024.loc["Vietnam customs (GSO)", "exports_usd_bn"]
    assert gap > 0 and evaluate("l3_mirror_gap_us_2024", gap).ok
    fb = evaluate("l3_mirror_gap_us_2024", -gap)  # subtracted the wrong way round
    assert not fb.ok and "the other way round" in fb.message


def test_same_vote_as_vietnam_counts_rows_not_columns():
    votes = data.load("un_votes")
    grid = votes.pivot(index="iso3", columns="resolution", values="vote")
    vietnam, others = grid.loc["VNM"], grid.loc[["RUS", "CHN", "USA"]]
    right = (others == vietnam).sum(axis="columns")
    assert list(right.index) == ["RUS", "CHN", "USA"]
    assert evaluate("l3_same_vote_as_vietnam", right).ok
    # summing down the columns gives one number per resolution instead of per state
    fb = evaluate("l3_same_vote_as_vietnam", (others == vietnam).sum())
    assert not fb.ok and "RUS is missing" in fb.message and "axis" in fb.message
    # shares instead of counts
    fb = evaluate("l3_same_vote_as_vietnam", (others == vietnam).mean(axis="columns"))
    assert not fb.ok and "not counts" in fb.message


def test_agreement_uses_every_resolution_with_country_votes():
    flagged = set(data.load("un_resolutions").query("has_country_votes").short_id)
    assert set(lesson3.vote_grid_table().columns) == flagged
    counts = expected("l3_same_vote_as_vietnam")
    assert counts.max() <= len(flagged)


# --- quiz bank ---------------------------------------------------------------------------------


def test_bank_has_enough_questions_types_and_known_tables(bank):
    assert len(bank.questions) >= 6
    assert len({q.type for q in bank.questions}) >= 3
    tables = set(data.table_names())
    for q in bank.questions:
        assert not q.table or q.table in tables, q.id


def test_bank_quotes_are_verbatim(bank):
    from lessonkit.article import load_article

    article = load_article()
    for q in bank.questions:
        if q.quote:
            assert any(q.quote in p.text for p in article.paragraphs), q.id


# Numbers a question may use from a second table besides its own `table`.
ALSO = {"russia-trade-claim": ["vietnam_misc"], "es11-3-against": ["un_resolutions"]}


def test_every_number_in_a_data_question_is_in_its_table(bank):
    for q in bank.questions:
        if not q.table:
            continue
        text = " ".join([q.prompt, q.hint, q.feedback_correct, q.feedback_wrong, *q.items,
                         *(o.text + " " + o.feedback for o in q.options)])
        source = csv_text(q.table, *ALSO.get(q.id, []))
        missing = {n for n in numbers_in(text) if n not in source}
        assert not missing, f"{q.id}: numbers not in data/{q.table}.csv: {sorted(missing)}"


def test_quiz_answers_match_the_data(bank):
    res = data.load("un_resolutions").set_index("short_id")
    votes = data.load("un_votes")
    asean = data.load("countries").query("asean").iso3
    es11_3 = votes[(votes.resolution == "ES-11/3") & votes.iso3.isin(asean)]
    assert bank.question("es11-3-against").answer == (es11_3.vote == "N").sum() < res.at["ES-11/3", "no"]

    counts = expected("l3_same_vote_as_vietnam")
    names = {"RUS": "Russia", "CHN": "China", "USA": "The United States"}
    right = [o.text for o in bank.question("vietnam-votes-like").options if o.correct]
    assert right == [names[counts.idxmax()]] and (counts == counts.max()).sum() == 1

    steps = data.load("vietnam_partnerships").query("partner_iso3 == 'USA'").sort_values("year")
    before = steps.level.iloc[-2]
    assert steps.level.iloc[-1] == "comprehensive strategic partnership" and before == "comprehensive partnership"
    assert [o.text for o in bank.question("usa-before-csp").options if o.correct][0].lower().startswith(before)

    arms = data.load("vietnam_arms_imports")
    latest = arms[(arms.period_start == 2019) & (arms.period_end == 2023) & (arms.measure == "imports")]
    ranked = latest.sort_values("share_pct", ascending=False).supplier_name.tolist()
    assert ranked[0] == "Russia" and [o.text for o in bank.question("arms-second-supplier").options if o.correct] == [ranked[1]]
    assert "CHN" not in set(arms.supplier_iso3)  # the feedback says China never appears

    cam = data.load("cam_ranh")
    us_handover = cam[(cam.user == "South Vietnam") & (cam.arrangement == "handover")].iloc[0]
    assert us_handover.period_start == 1972 and bank.question("us-left-1975").answer is False
    order = ["base built/used", "handover", "capture", "lease", "handover", "international port"]
    users = ["United States", "South Vietnam", "Vietnam", "Soviet Union", "Vietnam", "Vietnam"]
    years = [int(cam[(cam.arrangement == a) & (cam.user == u)].period_start.iloc[0]) for a, u in zip(order, users)]
    assert years == sorted(years) and len(bank.question("cam-ranh-order").items) == len(order)

    trade = data.load("vietnam_trade")
    series = trade[(trade.partner_iso3 == "RUS") & (trade.reporter == "Vietnam Ministry of Industry and Trade")]
    rus = series.set_index("year").total_usd_bn  # the one series the lessons use (data/notes/vietnam.md)
    assert rus[2022] < rus[2021] and rus[2023] < rus[2021] and bank.question("russia-trade-claim").answer is False


# --- notebook ----------------------------------------------------------------------------------


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_notebook_quotes_are_verbatim(nb):
    quotes = find_quotes(markdown(nb))
    assert len(quotes) >= 6
    for n, text in quotes:
        check_quote(n, text)


def test_every_section_opens_with_a_quote(nb):
    for c in nb.cells:
        if c.cell_type == "markdown" and re.match(r"## \d\.", c.source):
            first = c.source.split("\n\n")[1]
            assert find_quotes(first), f"section does not open with a quote: {c.source[:60]}"


def test_every_quiz_question_is_shown_once(nb, bank):
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for qid in bank.ids():
        assert code.count(f'"{qid}"') == 1, qid
    assert f'quiz.score("{BANK}")' in code


@pytest.mark.slow
def test_tasks_have_exercise_solution_and_passing_check(nb, executed_lessons):
    tagged = {t: [c for c in nb.cells if t in c.metadata.get("tags", [])] for t in ("exercise", "solution", "check")}
    assert len(tagged["exercise"]) == len(tagged["solution"]) == len(tagged["check"]) == len(TASK_IDS)
    ran = [c for c in executed_lessons[BANK].cells if "check" in c.metadata.get("tags", [])]
    for task_id, cell, run in zip(TASK_IDS, tagged["check"], ran, strict=True):
        assert task_id in cell.source
        assert check_passed(run) and check_results(run)[0]["task"] == task_id  # from a run, not the stored file
    for cell in tagged["exercise"]:
        assert "answer = ..." in cell.source


@pytest.mark.parametrize("path", [NOTEBOOK, ROOT / "notebooks" / "de" / "03_vietnams_balanceakt.ipynb"],
                         ids=["en", "de"])
def test_stored_output_names_the_resolutions_with_country_votes(path):
    """Two lines of ids (every state's vote, then totals only), no English label printed, so
    the German edition shows the same output; the prose above says which line is which."""
    res = data.load("un_resolutions")
    with_list = ", ".join(res[res.has_country_votes].short_id)
    totals_only = ", ".join(res[~res.has_country_votes].short_id)
    cells = nbformat.read(path, as_version=4).cells
    outputs = "".join(o.get("text", "") for c in cells if c.cell_type == "code" for o in c.outputs)
    assert f"{with_list}\n{totals_only}\n" in outputs


def test_numbers_in_the_prose_are_in_data(nb):
    """A number a student reads in our own words must be in some table of data/ (quotes excluded)."""
    every_table = csv_text(*data.table_names())
    cells = [c for c in nb.cells if c.cell_type == "markdown"][1:]  # the header holds ages and minutes
    missing = set()
    for c in cells:
        for line in c.source.splitlines():
            if line.startswith(">") or line.startswith("#"):
                continue
            line = re.sub(r"`[^`]*`", "", line)  # code such as "2024-06-18" in a hint is checked by the task
            missing |= {n for n in numbers_in(line) if n not in every_table}
    assert not missing, f"numbers in the lesson's prose that are not in data/: {sorted(missing)}"


def test_code_cells_are_short(nb):
    for c in nb.cells:
        if c.cell_type == "code":
            lines = [ln for ln in c.source.splitlines() if ln.strip() and not ln.strip().startswith("#")]
            assert len(lines) <= 6, c.source
