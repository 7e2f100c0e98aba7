"""Lesson 1 (notebooks/01_context.ipynb): tasks, quiz bank, quotes, skeleton, show_article."""

import re
from pathlib import Path

import nbformat
import pytest

from lessonkit import clocks, data, quiz
from lessonkit.article import ROLES, Article, ArticleError, Paragraph, check_quote, find_quotes, load_article, show_article
from lessonkit.exercises import evaluate, expected, get
from lessonkit.exercises import lesson1

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01_context.ipynb"
BANK = "01_context"
TASK_IDS = ["l1_against_es11_3", "l1_against_by_group", "l1_hedged_claims"]
HEDGES = ["soll", "wohl", "vermutlich*", "gilt", "wird kolportiert"]


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


from student_edition import tags  # noqa: E402  (tools/ is on the path: conftest.py)


# --- "Your turn" tasks ----------------------------------------------------------------------

def test_es11_3_country_votes_are_in_the_data():
    """The ES-11/3 tasks need the per-country list (un_resolutions.has_country_votes)."""
    res = data.load("un_resolutions").set_index("short_id")
    assert bool(res.loc["ES-11/3", "has_country_votes"]), "data/un_votes.csv has no ES-11/3 rows yet"


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_every_task_solves_on_the_real_data_and_accepts_its_solution(task_id):
    answer = expected(task_id)
    assert len(answer) > 0
    fb = evaluate(task_id, answer)
    assert fb.ok, fb.message
    assert get(task_id).hint


def test_against_es11_3_matches_the_total_and_the_article():
    against = expected("l1_against_es11_3")
    res = data.load("un_resolutions").set_index("short_id")
    assert len(against) == res.loc["ES-11/3", "no"]  # the article's "nur 24 Staaten"
    assert {"RUS", "PRK", "VNM", "CHN"} <= set(against.iso3)
    assert against["name_en"].notna().all() and against["un_region_group"].notna().all()


def test_against_es11_3_rejects_the_es11_1_list_and_names_what_is_missing():
    fb = evaluate("l1_against_es11_3", lesson1.against("ES-11/1"))
    assert not fb.ok
    assert "Missing:" in fb.message and "Hint:" in fb.message
    fb = evaluate("l1_against_es11_3", ...)
    assert not fb.ok and "no answer yet" in fb.message


def test_against_es11_3_accepts_the_student_pattern():
    votes = data.load("un_votes").merge(data.load("countries")[["iso3", "name_en", "un_region_group"]], on="iso3")
    answer = votes[(votes.resolution == "ES-11/3") & (votes.vote == "N")]
    assert evaluate("l1_against_es11_3", answer).ok
    assert evaluate("l1_against_es11_3", list(answer.iso3)).ok


def test_against_by_group_counts_add_up_and_reject_a_wrong_count():
    counts = expected("l1_against_by_group")
    assert counts.sum() == len(expected("l1_against_es11_3"))
    assert evaluate("l1_against_by_group", expected("l1_against_es11_3")["un_region_group"].value_counts()).ok
    wrong = lesson1.against("ES-11/1")["un_region_group"].value_counts()
    fb = evaluate("l1_against_by_group", wrong)
    assert not fb.ok and "too low" in fb.message and "Hint:" in fb.message
    fb = evaluate("l1_against_by_group", expected("l1_against_es11_3"))  # the rows, not counted
    assert not fb.ok and "one number for each regional group" in fb.message


def test_hedged_claims_are_those_with_a_hedge_and_a_wrong_answer_is_named():
    claims = data.load("claims").set_index("claim_id")
    hedged = expected("l1_hedged_claims")
    assert set(hedged.claim_id) == set(claims.index[claims.hedge.notna()])
    assert evaluate("l1_hedged_claims", claims[claims["hedge"].notna()]).ok  # the lesson indexes by claim_id
    fb = evaluate("l1_hedged_claims", claims[claims["kind"] == "rumour"])
    assert not fb.ok and "Missing:" in fb.message


def test_against_names_a_resolution_without_country_votes():
    with pytest.raises(LookupError, match="no per-country votes for ES-11/8"):
        lesson1.against("ES-11/8")


# --- quiz bank ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bank():
    return quiz.load(BANK, known_tables=data.table_names())


def test_quiz_quotes_are_verbatim(bank):
    text = "\n\n".join(p.text for p in load_article().paragraphs)
    for q in bank.questions:
        if q.quote:
            assert q.quote in text, f"{q.id}: quote not verbatim in the seed"


def _correct_option(q):
    return next(o.text for o in q.options if o.correct)


def test_numeric_answers_come_from_the_data(bank):
    vienna = clocks.event_clocks("putin-arrives-pyongyang-2024").loc["Vienna", "time"]
    assert bank.question("vienna-hour").answer == int(vienna.split(":")[0])
    res = data.load("un_resolutions").set_index("short_id").loc["ES-11/3"]
    assert bank.question("not-yes-es11-3").answer == res["no"] + res["abstain"] + res["non_voting"]
    assert bank.question("not-yes-es11-3").answer == len(data.load("countries")) - res["yes"]


def test_vote_questions_match_un_votes(bank):
    votes = data.load("un_votes").set_index(["resolution", "iso3"])["vote"]
    words = {"Y": "in favour", "N": "against", "A": "abstained"}
    assert words[votes[("ES-11/1", "VNM")]] in _correct_option(bank.question("vietnam-es11-1"))
    assert words[votes[("ES-11/3", "CHN")]] in _correct_option(bank.question("china-es11-3")).lower()


def test_claims_questions_match_the_claims_table(bank):
    claims = data.load("claims").set_index("claim_id")
    naval = claims.loc["russia-seeks-naval-base"]
    assert bank.question("naval-base-kind").quote == naval["quote_de"]
    assert _correct_option(bank.question("naval-base-kind")).lower().endswith(naval["kind"])
    # "own-words": the three correct options are attributed statements, the two others are not
    kinds = {
        "Putin openly thanked": "putin-thanked-for-support",
        "Vietnam regards Russia": "to-lam-russia-priority-partner",
        "A spokesperson of the US embassy": "us-embassy-platform-criticism",
        "For Pyongyang": "pyongyang-needs-hard-currency",
        "Russia trains": "russia-trains-vietnam-navy",
    }
    for option in bank.question("own-words").options:
        claim = next(cid for start, cid in kinds.items() if option.text.startswith(start))
        assert option.correct == (claims.loc[claim, "kind"] == "attributed statement"), option.text
    # "no-hedge-confirmed" is false because an unhedged claim is contradicted
    unhedged = claims[claims.hedge.isna()]
    assert bank.question("no-hedge-confirmed").answer is False
    assert (unhedged.verdict == "contradicted").any()


def test_ordering_follows_the_event_dates(bank):
    events = data.load("events").set_index("event_id")
    items = {
        "Putin lands in Pyongyang": "putin-arrives-pyongyang-2024",
        "Putin and Kim Jong Un sign": "treaty-signed-pyongyang-2024",
        "Russia's State Duma votes": "duma-ratifies-treaty-2024",
        "The treaty enters into force": "treaty-enters-into-force-2024",
        "North Korea confirms": "prk-acknowledges-troops-2025",
    }
    ids = [next(e for start, e in items.items() if item.startswith(start)) for item in bank.question("after-order").items]
    times = events["local_time"].fillna("24:00")  # an unknown time on the same day: after the known one
    moments = [(events.loc[e, "date"], times[e]) for e in ids]
    assert moments == sorted(moments)


# --- notebook -------------------------------------------------------------------------------

def test_every_quote_in_the_notebook_is_verbatim(nb):
    found = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for n, german in find_quotes(cell.source):
                check_quote(n, german)
                found += 1
    assert found >= 6


def test_every_section_opens_with_a_quote_and_a_translation(nb):
    sections = [c for c in nb.cells if c.cell_type == "markdown" and re.match(r"## \d+\. ", c.source)]
    assert 3 <= len(sections) <= 6
    for cell in sections:
        lines = cell.source.splitlines()
        quote_line = next(i for i, line in enumerate(lines) if line.strip())
        quote_line = next(i for i in range(quote_line + 1, len(lines)) if lines[i].strip())
        assert re.match(r"> „[^“]+“ \(¶\d+\)", lines[quote_line]), cell.source[:80]
        assert re.match(r"> \*[^*]+\*$", lines[quote_line + 1]), cell.source[:80]


def test_skeleton_parts_are_there(nb):
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in ("## Discussion", "## Key points", "## Sources", "## What's next"):
        assert heading in md
    assert "**For:**" in md and "**Time:**" in md and "**Prerequisites:**" in md
    assert md.count("### Your turn") >= 2
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert 'quiz.score("01_context")' in code
    assert "sources_markdown" in code and "article=True" in code


def test_quiz_cells_show_every_question_once(nb, bank):
    shown = []
    for cell in nb.cells:
        for ids in re.findall(r'quiz\.show\("01_context", ids=\[([^\]]*)\]\)', cell.source):
            shown += re.findall(r'"([^"]+)"', ids)
    assert sorted(shown) == sorted(bank.ids())


def test_your_turn_tasks_are_exercise_solution_check(nb):
    cells = nb.cells
    checked = []
    for i, cell in enumerate(cells):
        if "exercise" in tags(cell):
            assert "answer = ..." in cell.source
            assert "solution" in tags(cells[i + 1]) and cells[i + 1].source.startswith("answer = ")
            assert "check" in tags(cells[i + 2])
            task_id = re.search(r'check\("([^"]+)", answer\)', cells[i + 2].source).group(1)
            checked.append(task_id)
    assert sorted(checked) == sorted(TASK_IDS)
    assert all(t.startswith("l1_") for t in checked)


def test_stored_outputs_have_no_errors(nb):
    """(The solutions passing their checks is tested on a run: tests/test_stored_lessons.py.)"""
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            assert out.output_type != "error", f"cell {i}: {out.get('ename')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"cell {i}: {out.text[:200]}"


def test_code_cells_are_short(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            lines = [ln for ln in cell.source.splitlines() if ln.strip() and not ln.strip().startswith("#")]
            assert len(lines) <= (5 if cell is nb.cells[1] else 3), cell.source  # the setup cell holds the imports


# --- show_article -------------------------------------------------------------------------

def test_show_article_tags_every_paragraph_with_number_and_role():
    page = show_article().data
    article = load_article()
    for p in article.paragraphs:
        assert f"<strong>¶{p.n}</strong>" in page
        assert f"lk-role-{p.role}" in page
    for label in ("body text", "sub-heading", "teaser headline", "photo caption", "photo credit"):
        assert label in page
    assert "18 of 18 paragraphs shown" in page
    assert "Marina Mai, Manuel Escher" in page and "Central European Summer Time" in page


def test_show_article_splits_caption_and_credit():
    page = show_article(paragraphs=[12]).data
    assert "photo caption" in page and "photo credit" in page
    assert "IMAGO/Sergei Karpukhin" in page
    assert "1 of 18 paragraphs shown" in page


def test_show_article_escapes_html():
    fake = Article(
        {"outlet": "<b>Outlet</b>", "authors": ["A & B"], "headline": "H", "published": "2024", "place": "X", "url": "u"},
        (Paragraph(1, "body", "Text with <script>alert(1)</script> & soll"), Paragraph(2, "teaser", "<i>teaser</i>")),
    )
    page = show_article(article=fake, highlight=["soll"]).data
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>Outlet</b>" not in page and "&lt;b&gt;Outlet&lt;/b&gt;" in page
    assert "<i>teaser</i>" not in page
    assert "A &amp; B" in page
    assert '<mark class="lk-hedge"><strong>soll</strong></mark>' in page


def test_show_article_highlights_hedges_in_body_text_only():
    page = show_article(roles=["body"], highlight=HEDGES, only_highlighted=True).data
    shown = [int(n) for n in re.findall(r"<strong>¶(\d+)</strong>", page)]
    assert shown == [6, 9, 13, 17]
    marked = re.findall(r'<mark class="lk-hedge"><strong>([^<]+)</strong></mark>', page)
    assert "vermutlichen" in marked and "wird kolportiert" in marked and "wohl" in marked
    assert "sollen" not in marked  # ¶1 "werden sollen" is not matched by the whole word "soll"
    claims = data.load("claims")
    for _, c in claims[claims.hedge.notna()].iterrows():
        assert c["paragraph"] in shown


def test_show_article_rejects_unknown_roles_and_paragraphs():
    with pytest.raises(ArticleError, match="unknown role 'advert'"):
        show_article(roles=["advert"])
    with pytest.raises(ArticleError, match="paragraphs 1 to 18"):
        show_article(paragraphs=[19])
    assert set(ROLES) == {"body", "heading", "teaser", "caption", "credit"}
