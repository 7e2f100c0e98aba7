"""Lessons fit their time (issue 16): the reading budget, one way of counting the time for the
header, the teacher guide and the course plan, "Go further" boxes that are optional and collapsed,
and text on a student's screen without developer jargon."""

import re
from pathlib import Path

import nbformat
import pytest

from lessonkit import manifest, quiz, timing

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {"01_context": "lesson01.md", "02_arms_flows": "lesson02.md", "03_vietnam_balancing": "lesson03.md"}


def notebook(stem):
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


# --- the counting itself (pure, on small cells) ----------------------------------------------

def md(text, *tags):
    return {"cell_type": "markdown", "source": text, "metadata": {"tags": list(tags)}}


def code(text, *tags, html=None):
    outputs = [{"output_type": "execute_result", "data": {"text/html": html}}] if html else []
    return {"cell_type": "code", "source": text, "metadata": {"tags": list(tags)}, "outputs": outputs}


def test_words_tables_questions_tasks_and_charts_are_counted_on_the_core_path():
    cells = [
        md("# Title\n\nTwo words. ES-11/1 is one word; a | table | counts | its cells.\n\n|a|b|\n|---|---|\n|1|2|"),
        code('quiz.show("x", ids=["a", "b", "c"])'),
        code("charts.seat_chart('ES-11/1')"),
        code("answer = ...", "exercise"),
        code("answer = 1", "solution", html="<table></table>"),
        code("frame", html="<table><tr><td>1</td></tr></table>"),
        md("<details><summary>Go further (optional)</summary>\n\nmany words " * 50, "optional"),
        code("frame2", "optional", html="<table></table>"),
    ]
    t = timing.lesson_time(cells)
    assert (t.questions, t.tasks, t.charts, t.tables) == (3, 1, 1, 2)
    # 'Title', 'Two', 'words.', 9 words with 'ES-11/1' as one, '|a|b|' and '|1|2|' (the separator row has none)
    assert t.words == timing.count_words(cells[0]["source"]) == 14
    assert t.minutes == 1 + 5 + 5 + 1 and t.time_line().startswith("12 minutes (reading 1, 3 quiz questions 5,")


def test_reading_rounds_up_at_120_words_a_minute():
    assert timing.lesson_time([md("word " * 120)]).reading == 1
    assert timing.lesson_time([md("word " * 121)]).reading == 2
    assert timing.count_words("<summary><strong>Go</strong> on</summary>") == 2


# --- the three lessons -----------------------------------------------------------------------

@pytest.mark.parametrize("stem", LESSONS)
def test_core_path_keeps_the_reading_budget(stem):
    t = timing.lesson_time(notebook(stem).cells)
    assert t.words <= timing.MAX_WORDS, f"{stem}: {t.words} words of prose on the core path (budget {timing.MAX_WORDS}); move depth into a Go further box"
    assert t.tables <= timing.MAX_TABLES, f"{stem}: {t.tables} tables on the core path (budget {timing.MAX_TABLES})"


@pytest.mark.parametrize("stem", LESSONS)
def test_header_guide_and_course_plan_give_the_computed_time(stem):
    t = timing.lesson_time(notebook(stem).cells)
    header = notebook(stem).cells[0].source
    assert f"**Time:** {t.time_line()}" in header, f"{stem}: the header's time is not the computed {t.time_line()}"
    guide = (ROOT / "teacher" / LESSONS[stem]).read_text(encoding="utf-8")
    assert f"· {t.minutes} minutes." in guide.splitlines()[2]
    assert f"## Timing ({t.minutes} minutes)" in guide and t.time_line() in guide and timing.METHOD in guide
    plan = (ROOT / "teacher" / "README.md").read_text(encoding="utf-8")
    n = int(stem[:2])
    row = next(line for line in plan.splitlines() if line.startswith(f"| {n} · "))
    assert f"| {t.minutes} min" in row, row


def test_guide_tables_count_the_stored_lessons():
    """Each teacher guide's timing table (parts, words, minutes) is the one tools/timing_tables.py
    writes from the stored lesson, in English and in German."""
    stale = []
    for lesson in manifest.lessons():
        folder = ROOT / "teacher" if lesson.language == "en" else ROOT / "teacher" / lesson.language
        guide = folder / f"lesson{int(lesson.id[:2]):02d}.md"
        text = guide.read_text(encoding="utf-8")
        cells = nbformat.read(lesson.notebook, as_version=4).cells
        if timing.replace_guide_table(text, cells, lesson.language) != text:
            stale.append(str(guide.relative_to(ROOT)))
    assert not stale, f"timing tables out of date in {stale}: run make timing-tables"


def test_guide_table_numbers_follow_the_language():
    cells = [md("# Title\n\n" + "word " * 1500), md("## 1. Part\n\n" + "word " * 12), code('quiz.show("x", ids=["a"])')]
    en, de = timing.guide_table(cells, "en"), timing.guide_table(cells, "de")
    assert "| Header (title, objectives, how to use) | 1,501 | 0 | 0 | 0 | 12.5 |" in en
    assert "| 1. Part | 14 | 1 | 0 | 0 | 1.6 |" in en and en.endswith("| 1,515 | 1 | 0 | 0 | **15** |")
    assert "| Kopf (Titel, Lernziele, Anleitung) | 1.501 | 0 | 0 | 0 | 12,5 |" in de and "| **Summe**" in de
    with pytest.raises(ValueError, match="no timing table"):
        timing.replace_guide_table("# A guide without a table\n", cells, "en")


def test_lesson_manifest_minutes_agree_with_the_computed_time():
    import tomllib

    manifest = ROOT / "lessons.toml"
    lessons = tomllib.loads(manifest.read_text(encoding="utf-8"))["lesson"]
    for lesson in lessons:
        t = timing.lesson_time(nbformat.read(ROOT / lesson["notebook"], as_version=4).cells)
        assert lesson["minutes"] == t.minutes, f"{lesson['id']}: lessons.toml says {lesson['minutes']}, computed {t.minutes}"


@pytest.mark.parametrize("stem", LESSONS)
def test_go_further_boxes_are_optional_collapsed_and_marked(stem):
    cells = notebook(stem).cells
    for i, c in enumerate(cells):
        optional = "optional" in c.metadata.get("tags", [])
        if c.cell_type == "markdown":
            marked = "<summary><strong>Go further (optional):" in c.source
            assert marked == optional, f"{stem} cell {c.id}: 'Go further (optional)' and the tag go together"
            if optional:  # collapsed: <details> shows only its summary line until clicked
                assert c.source.startswith("<details>\n<summary><strong>Go further (optional):</strong>"), c.id
                assert c.source.rstrip().endswith("</details>"), c.id
        elif optional:  # its table is folded behind "Show the table" (a collapsed output would show raw HTML)
            assert c.source.rstrip().splitlines()[-1].startswith("tables.fold("), f"{stem} cell {c.id}: not folded"
            shown = [o for o in c.outputs if "text/html" in o.get("data", {})]
            assert shown and all(str(o["data"]["text/html"]).startswith("<details") for o in shown), c.id
            assert "optional" in cells[i - 1].metadata.get("tags", []), f"{stem} cell {c.id}: not under a Go further box"


@pytest.mark.parametrize("stem", LESSONS)
def test_headings_do_not_skip_a_level(stem):
    level = 0
    for c in notebook(stem).cells:
        if c.cell_type != "markdown":
            continue
        for line in re.sub(r"```.*?```", "", c.source, flags=re.S).splitlines():
            m = re.match(r"(#{1,6}) ", line)
            if m:
                assert len(m.group(1)) <= level + 1, f"{stem}: heading jumps to level {len(m.group(1))}: {line}"
                level = len(m.group(1))


def test_headers_share_one_skeleton():
    lines = []
    for stem in LESSONS:
        header = notebook(stem).cells[0].source
        assert "**If something goes wrong:** menu *Kernel → Restart Kernel and Run All Cells*." in header, stem
        lines.append([re.match(r"- \*\*(\w+):\*\*", ln).group(1) for ln in header.splitlines() if ln.startswith("- **")])
        assert re.search(r"^\*\*Learning objectives\.\*\*", header, re.M) and "**How to use this notebook.**" in header
    assert lines[0] == lines[1] == lines[2] == ["For", "Time", "Prerequisites"]


def test_prerequisites_agree_with_the_course_plan():
    plan = (ROOT / "teacher" / "README.md").read_text(encoding="utf-8")
    for stem in LESSONS:
        header = notebook(stem).cells[0].source
        prereq = re.search(r"\*\*Prerequisites:\*\* (.*)", header).group(1)
        row = next(line for line in plan.splitlines() if line.startswith(f"| {int(stem[:2])} · ")).split("|")
        planned = row[3].strip()
        assert prereq.lower().startswith(planned.lower()), f"{stem}: header '{prereq}' vs course plan '{planned}'"


# --- what a student sees ----------------------------------------------------------------------

JARGON = ["chart's .sources", "Data: data/", ".csv</code>", "single_source"]


@pytest.mark.parametrize("stem", LESSONS)
def test_no_developer_jargon_or_quoted_strings_in_stored_outputs(stem):
    for c in notebook(stem).cells:
        if c.cell_type != "code":
            continue
        for out in c.outputs:
            texts = [str(v) for k, v in out.get("data", {}).items() if k.startswith("text/")] + [str(out.get("text", ""))]
            for text in texts:
                for word in JARGON:
                    assert word not in text, f"{stem}: '{word}' on screen under: {c.source[:60]}"
            plain = str(out.get("data", {}).get("text/plain", ""))
            if out.output_type == "execute_result":
                assert not re.match(r"^['\"]", plain), f"{stem}: a string shown with its quotes: {c.source[:60]}"


LEAD = re.compile(r"^(Right|Correct|Not quite|No|Yes|Wrong|Exactly)\b[.:!,]")


@pytest.mark.parametrize("stem", LESSONS)
def test_feedback_does_not_repeat_the_widgets_lead_word(stem):
    """The widget already says "Correct —" / "Not quite —": a bank's feedback starts with the reason."""
    for q in quiz.load(stem).questions:
        texts = [q.feedback_correct, q.feedback_wrong] + [o.feedback for o in q.options]
        for text in filter(None, texts):
            assert not LEAD.match(text.strip()), f"{stem}/{q.id}: feedback starts with a lead word: {text[:50]}"


# --- the German edition: the same budget, counted the same way --------------------------------

GERMAN = [x for x in manifest.lessons() if x.language == "de"]


@pytest.mark.parametrize("lesson", GERMAN, ids=lambda x: x.id)
def test_german_lesson_keeps_the_reading_budget(lesson):
    t = timing.lesson_time(nbformat.read(lesson.notebook, as_version=4).cells)
    assert t.words <= timing.MAX_WORDS, f"{lesson.id}: {t.words} words on the core path (budget {timing.MAX_WORDS})"
    assert t.tables <= timing.MAX_TABLES, f"{lesson.id}: {t.tables} tables on the core path (budget {timing.MAX_TABLES})"


@pytest.mark.parametrize("lesson", GERMAN, ids=lambda x: x.id)
def test_german_header_guide_and_course_plan_give_the_computed_time(lesson):
    nb = nbformat.read(lesson.notebook, as_version=4)
    t = timing.lesson_time(nb.cells)
    line = t.time_line("de")
    assert f"**Dauer:** {line}" in nb.cells[0].source, f"{lesson.id}: the header's time is not the computed {line}"
    n = int(lesson.id[:2])
    guide = (ROOT / "teacher" / "de" / f"lesson{n:02d}.md").read_text(encoding="utf-8")
    assert f"· {t.minutes} Minuten." in guide.splitlines()[2]
    assert f"## Zeitplanung ({t.minutes} Minuten)" in guide and line in guide and timing.METHOD_DE in guide
    plan = (ROOT / "teacher" / "de" / "README.md").read_text(encoding="utf-8")
    row = next(r for r in plan.splitlines() if r.startswith(f"| {n} · "))
    assert f"| {t.minutes} min" in row, row
