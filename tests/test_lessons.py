"""Every lesson follows the lesson standard: header, quotes, quizzes, tasks, closing sections.

These tests read the stored notebooks (as students first see them) and the quiz banks.
"""

import re
from pathlib import Path

import nbformat
import pytest

from lessonkit import data, manifest, quiz
from lessonkit.article import ArticleError, check_quote, find_quotes, load_article

ROOT = Path(__file__).resolve().parents[1]
LESSONS = manifest.ids()  # both editions; the German ones are generated (tools/translations.py build)
ENGLISH = [x.id for x in manifest.lessons() if x.language == "en"]
# The words of the lesson standard, per language (German: locale/de/glossary.md).
HEADER_LABELS = {"en": ("For", "Time", "Prerequisites"), "de": ("Für", "Dauer", "Voraussetzungen")}
CLOSING = {"en": ("Discussion", "Key points", "Sources", "What's next"),
           "de": ("Diskussion", "Das Wichtigste", "Quellen", "Wie geht es weiter")}
OBJECTIVE_DE = re.compile(r"^\s*\d\.\s.*\*\*\w+\*\*", re.MULTILINE)  # a numbered objective with its verb in bold
OBJECTIVE_VERBS = re.compile(
    r"^\s*[-*\d.]+\s*\**(compare|explain|locate|compute|judge|identify|describe|list|classify|read|"
    r"distinguish|count|filter|sort|evaluate|interpret|calculate|find|name|summarise|summarize|"
    r"place|convert|argue|trace|assess|measure|recognise|recognize|check|use|weigh|order)\b",
    re.IGNORECASE | re.MULTILINE,
)


def lesson(stem):
    return manifest.lesson(stem)


def notebook(stem):
    return nbformat.read(lesson(stem).notebook, as_version=4)


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def tagged(nb, tag):
    return [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]


@pytest.mark.parametrize("stem", LESSONS)
def test_header_has_audience_time_prerequisites_and_objectives(stem):
    header = notebook(stem).cells[0].source
    lang = lesson(stem).language
    assert header.startswith("# ")
    for label in HEADER_LABELS[lang]:
        assert re.search(rf"\*\*{label}:?\*\*|{label}:", header), f"{stem}: header lacks '{label}'"
    objectives = (OBJECTIVE_VERBS if lang == "en" else OBJECTIVE_DE).findall(header)
    assert 3 <= len(objectives) <= 5, f"{stem}: {len(objectives)} learning objectives starting with a verb"


@pytest.mark.parametrize("stem", LESSONS)
def test_every_quote_stands_verbatim_in_the_article(stem):
    quotes = find_quotes(markdown(notebook(stem)))
    assert len(quotes) >= 3, f"{stem}: sections should open with quotes from the article"
    for n, text in quotes:
        check_quote(n, text)


@pytest.mark.parametrize("stem", ENGLISH)  # a German lesson uses its English lesson's bank
def test_quiz_bank_has_six_questions_of_three_types_on_known_tables(stem):
    bank = quiz.load(stem, known_tables=data.table_names())
    assert len(bank.questions) >= 6
    assert len({q.type for q in bank.questions}) >= 3
    article = load_article()
    for q in bank.questions:
        if q.quote:
            assert any(_in_paragraph(article, p.n, q.quote) for p in article.paragraphs), f"{stem}/{q.id}: quote not in the article"


def _in_paragraph(article, n, text) -> bool:
    try:
        check_quote(n, text, article)
        return True
    except ArticleError:
        return False


@pytest.mark.parametrize("stem", LESSONS)
def test_every_quiz_question_is_shown_in_the_lesson(stem):
    code = "\n".join(c.source for c in notebook(stem).cells if c.cell_type == "code")
    bank = lesson(stem).bank
    shown_all = re.search(rf'quiz\.show\("{bank}"\)', code)
    for qid in quiz.load(bank).ids():
        assert shown_all or f'"{qid}"' in code, f"{stem}: question {qid} is never shown"


@pytest.mark.parametrize("stem", LESSONS)
def test_two_or_more_your_turn_tasks_with_exercise_solution_and_check(stem):
    nb = notebook(stem)
    exercises, solutions, checks = (tagged(nb, t) for t in ("exercise", "solution", "check"))
    assert len(exercises) >= 2 and len(solutions) == len(exercises) == len(checks)
    # (that each solution passes its check is tested on a run: tests/test_stored_lessons.py)


@pytest.mark.parametrize("stem", LESSONS)
def test_closing_sections_are_there(stem):
    md = markdown(notebook(stem))
    for heading in CLOSING[lesson(stem).language]:
        assert re.search(rf"^#+ .*{re.escape(heading)}", md, re.MULTILINE | re.IGNORECASE), f"{stem}: no '{heading}'"


@pytest.mark.parametrize("stem", LESSONS)
def test_stored_outputs_have_no_errors_or_warnings(stem):
    nb = notebook(stem)
    code = [c for c in nb.cells if c.cell_type == "code"]
    # (that every cell was run and its outputs are current: nbval, make notebooks)
    for c in code:
        for out in c.outputs:
            assert out.output_type != "error", f"{stem}: stored error in {c.source[:60]}"
            if out.output_type == "stream":
                assert out.name != "stderr", f"{stem}: stored stderr output: {out.text[:200]}"


@pytest.mark.parametrize("stem", LESSONS)
def test_code_cells_are_short(stem):
    # The German edition's first cell also says lessonkit.use("de") (tools/translations.py build).
    added = {"import lessonkit", 'lessonkit.use("de")'} if lesson(stem).language == "de" else set()
    for c in notebook(stem).cells:
        if c.cell_type == "code":
            lines = [ln for ln in c.source.splitlines()
                     if ln.strip() and not ln.strip().startswith("#") and ln.strip() not in added]
            assert len(lines) <= 6, f"{stem}: a code cell has {len(lines)} lines; move the logic to lessonkit:\n{c.source}"


@pytest.mark.parametrize("stem", LESSONS)
def test_no_cell_assigns_over_a_tool_the_lesson_imports(stem):
    """A cell like `tables = [...]` replaces the lesson's `tables` module: a student who runs it and
    then an earlier `tables.fold(...)` cell again gets an AttributeError."""
    cells = [c.source for c in notebook(stem).cells if c.cell_type == "code"]
    imported = set()
    for src in cells:
        for names in re.findall(r"^from (?:lessonkit|lesson\d+)\S* import (.+)$", src, re.MULTILINE):
            imported |= {n.split(" as ")[-1].strip() for n in names.split(",")}
        imported |= set(re.findall(r"^import (\w+)", src, re.MULTILINE))
    assert {"data", "quiz"} <= imported, f"{stem}: the lesson's imports were not found"
    for src in cells:
        for name in re.findall(r"^(\w+)\s*=[^=]", src, re.MULTILINE):
            assert name not in imported, f"{stem}: a cell assigns {name} = …, which replaces the imported {name}:\n{src}"


@pytest.mark.parametrize("stem", LESSONS)
def test_interactive_cells_store_static_previews_never_widgets(stem):
    """No widget view, no widget state: each quiz, score and explorer output is its preview."""
    nb = notebook(stem)
    lang = lesson(stem).language
    assert "widgets" not in nb.metadata, f"{stem}: widget state stored (make execute)"
    previews = {}
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        for out in c.outputs:
            data = out.get("data", {})
            assert "application/vnd.jupyter.widget-view+json" not in data, f"{stem}: a widget view is stored"
            page = str(data.get("text/html", ""))
            for kind in ("lk-preview-quiz", "lk-preview-score"):
                if kind in page:
                    previews.setdefault(kind, []).append(data)
    assert set(previews) == {"lk-preview-quiz", "lk-preview-score"}, f"{stem}: quiz previews missing"
    for source, outs in previews.items():
        for data in outs:
            text, page = str(data["text/plain"]), str(data["text/html"])
            assert text.startswith("[") and "Shift+Enter" in text, f"{stem}: widget text/plain is {text[:80]!r}"
            if lang == "en":
                assert "Run this cell (Shift+Enter)" in page
            else:  # the German edition's previews speak German (lessonkit.i18n)
                assert "Shift+Enter" in page and "Run this cell" not in page, f"{stem}: an English preview"
            for tag in ("<input", "<button", "<select", "<textarea", "<script"):
                assert tag not in page, f"{stem}: the preview of {source} has {tag}"
    for c in nb.cells:
        if c.cell_type == "code" and "_explorer(" in c.source:
            (page,) = [str(o["data"]["text/html"]) for o in c.outputs if "text/html" in o.get("data", {})]
            assert "<img src=\"data:image/png;base64," in page and 'alt="' in page, f"{stem}: explorer preview"
            assert ("Run this cell (Shift+Enter) to change the view." in page) == (lang == "en"), \
                f"{stem}: the explorer's preview is not in the lesson's language"


@pytest.mark.parametrize("stem", LESSONS)
def test_stored_notebook_is_small(stem):
    size = lesson(stem).notebook.stat().st_size
    assert size <= 1_000_000, f"{stem}.ipynb is {size / 1e6:.2f} MB; at most 1.0 MB"


@pytest.mark.parametrize("stem", LESSONS)
def test_every_number_in_the_prose_is_in_data(stem):
    """A number in a lesson's text (outside the header, quotes, headings and code) is in data/;
    German text is read in its Austrian form ("12.000.000", "3,5", "19. Juni 2024")."""
    from numbers_in_data import in_table, numbers_in, table_values

    values, texts = set(), []
    for name in data.table_names():
        v, t = table_values(name)
        values |= v
        texts.append(t)
    text = " ".join(texts)
    lang = lesson(stem).language
    cells = notebook(stem).cells[1:]  # the header's numbers are the lesson's own time plan
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith(("> ", "#")) or re.match(r"\d\. ", line.strip()):
                continue
            for value in numbers_in(re.sub(r"`[^`]*`", "", line), lang):
                assert in_table(value, values, text), f"{stem}: {value:g} is not in data/: {line}"
