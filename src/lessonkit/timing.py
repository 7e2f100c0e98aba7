"""How long a lesson takes, counted one way for the header, the teacher guide and lessons.toml.

The method (the teacher guide states it too):
    reading  = words of prose on the core path / 120 words a minute, rounded up
    quizzes  = 1.5 minutes per quiz question, rounded up
    tasks    = 5 minutes per "Your turn" task
    charts   = 1 minute per chart (static or interactive)
    total    = reading + quizzes + tasks + charts
The core path is every cell that is not tagged `optional` ("Go further") or `solution`.
Prose is the markdown cells, quotes included; a word is what stands between spaces, if it
holds a letter or a digit (so "ES-11/1" is one word, a table's "|" none).
The discussion and the "Go further" boxes are not in the total.

Pure Python on notebook cells as dicts (nbformat nodes work too): no Jupyter needed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from collections.abc import Iterable, Mapping

from lessonkit.text import localise_number

WORDS_PER_MINUTE = 120
MINUTES_PER_QUESTION = 1.5
MINUTES_PER_TASK = 5
MINUTES_PER_CHART = 1
MAX_WORDS = 2200   # reading budget of the core path (issue 16)
MAX_TABLES = 8

WORD = re.compile(r"\S*[^\W_]\S*")  # a whitespace-separated token with a letter or digit
_TAG = re.compile(r"<[^>]+>")
_QUIZ = re.compile(r"quiz\.show\(\s*\"[^\"]+\"\s*,\s*ids\s*=\s*\[([^\]]*)\]")
_CHART = re.compile(r"\bcharts\.\w+\(")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)
SKIPPED_TAGS = ("optional", "solution")


@dataclass(frozen=True)
class LessonTime:
    words: int
    tables: int
    questions: int
    tasks: int
    charts: int

    @property
    def reading(self) -> int:
        return math.ceil(self.words / WORDS_PER_MINUTE)

    @property
    def quizzes(self) -> int:
        return math.ceil(self.questions * MINUTES_PER_QUESTION)

    @property
    def task_minutes(self) -> int:
        return self.tasks * MINUTES_PER_TASK

    @property
    def chart_minutes(self) -> int:
        return self.charts * MINUTES_PER_CHART

    @property
    def minutes(self) -> int:
        return self.reading + self.quizzes + self.task_minutes + self.chart_minutes

    def time_line(self, lang: str = "en") -> str:
        """The header's time, e.g. '55 minutes (reading 19, 11 quiz questions 17, 3 tasks 15, 4 charts 4)';
        lang="de": '55 Minuten (Lesen 19, 11 Quizfragen 17, 3 Aufgaben 15, 4 Diagramme 4)'."""
        if lang == "de":
            def n(count: int, one: str, more: str) -> str:
                return f"{count} {one if count == 1 else more}"
            return (f"{self.minutes} Minuten (Lesen {self.reading}, {n(self.questions, 'Quizfrage', 'Quizfragen')} "
                    f"{self.quizzes}, {n(self.tasks, 'Aufgabe', 'Aufgaben')} {self.task_minutes}, "
                    f"{n(self.charts, 'Diagramm', 'Diagramme')} {self.chart_minutes})")
        return (f"{self.minutes} minutes (reading {self.reading}, {self.questions} quiz questions {self.quizzes}, "
                f"{self.tasks} tasks {self.task_minutes}, {self.charts} charts {self.chart_minutes})")


def _source(cell: Mapping) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _tags(cell: Mapping) -> list[str]:
    return list((cell.get("metadata") or {}).get("tags", []))


def core_cells(cells: Iterable[Mapping]) -> list[Mapping]:
    """The cells a student reads on the core path: not 'Go further' (optional), not solutions."""
    return [c for c in cells if not any(t in _tags(c) for t in SKIPPED_TAGS)]


def count_words(text: str) -> int:
    """Words of a markdown text (see the module docstring), HTML tags left out."""
    return len(WORD.findall(_TAG.sub(" ", text)))


def _html_of(output: Mapping) -> str:
    html = (output.get("data") or {}).get("text/html", "")
    return "".join(html) if isinstance(html, list) else str(html)


def count_tables(cells: Iterable[Mapping]) -> int:
    """Tables a student sees: markdown tables plus stored table outputs of code cells."""
    n = 0
    for c in cells:
        if c.get("cell_type") == "markdown":
            n += len(_TABLE_SEPARATOR.findall(_source(c)))
        elif c.get("cell_type") == "code":
            n += sum(_html_of(o).count("<table") for o in c.get("outputs", []))
    return n


def lesson_time(cells: Iterable[Mapping]) -> LessonTime:
    """Count a notebook's core path (its cells, in order)."""
    core = core_cells(list(cells))
    words = sum(count_words(_source(c)) for c in core if c.get("cell_type") == "markdown")
    code = [_source(c) for c in core if c.get("cell_type") == "code"]
    questions = sum(len(re.findall(r"\"[^\"]+\"", ids)) for src in code for ids in _QUIZ.findall(src))
    tasks = sum(1 for c in core if "exercise" in _tags(c))
    charts = sum(1 for src in code if _CHART.search(src))
    return LessonTime(words=words, tables=count_tables(core), questions=questions, tasks=tasks, charts=charts)


def _heading(cell: Mapping) -> str | None:
    if cell.get("cell_type") != "markdown":
        return None
    first = _source(cell).lstrip().split("\n", 1)[0]
    return first.lstrip("#").strip() if re.match(r"#{1,2} ", first) else None


def parts(cells: Iterable[Mapping]) -> list[tuple[str, LessonTime]]:
    """The core path split at the lesson's top headings (# and ##): [(heading, its count), ...],
    for the teacher guide's timing table. The parts add up to lesson_time's counts."""
    out: list[tuple[str, list[Mapping]]] = []
    for c in core_cells(list(cells)):
        title = _heading(c)
        if title is not None or not out:
            out.append((title or "Start", []))
        out[-1][1].append(c)
    return [(title, lesson_time(group)) for title, group in out]


def exact_minutes(t: LessonTime) -> float:
    """A part's minutes before rounding (the header rounds reading and quizzes up once, for the whole lesson)."""
    return (t.words / WORDS_PER_MINUTE + t.questions * MINUTES_PER_QUESTION
            + t.tasks * MINUTES_PER_TASK + t.charts * MINUTES_PER_CHART)


METHOD = (f"words of prose on the core path at {WORDS_PER_MINUTE} words a minute (rounded up), plus "
          f"{MINUTES_PER_QUESTION:g} minutes per quiz question (rounded up), {MINUTES_PER_TASK} per \"Your turn\" "
          f"task and {MINUTES_PER_CHART} per chart. \"Go further (optional)\" boxes are not counted, nor is the "
          "time for the discussion itself.")
METHOD_DE = (f"Wörter des Fließtexts auf dem Kernpfad, {WORDS_PER_MINUTE} Wörter pro Minute (aufgerundet), dazu "
             f"{MINUTES_PER_QUESTION:g} Minuten pro Quizfrage (aufgerundet), {MINUTES_PER_TASK} pro Aufgabe "
             f"„Du bist dran“ und {MINUTES_PER_CHART} pro Diagramm. Die Kästen „Zum Weiterdenken (freiwillig)“ "
             "zählen nicht mit, ebenso wenig die Zeit für die Diskussion selbst.").replace("1.5", "1,5")
# The German header's time, as time_line("de") writes it (tools/translations.py build fills it in).
TIME_LINE_DE = re.compile(r"\d+ Minuten \(Lesen \d+, \d+ Quizfragen? \d+, \d+ Aufgaben? \d+, \d+ Diagramme? \d+\)")


# --- the teacher guide's timing table (tools/timing_tables.py writes it; a test keeps it current) ---
_TABLE_WORDS = {
    "en": ("| Part | Words | Quiz questions | Tasks | Charts | Minutes |",
           "Header (title, objectives, how to use)", "**Total** (as in the notebook's header)"),
    "de": ("| Teil | Wörter | Quizfragen | Aufgaben | Diagramme | Minuten |",
           "Kopf (Titel, Lernziele, Anleitung)", "**Summe** (wie im Kopf des Notebooks)"),
}


def _number(x: float, lang: str, decimals: int = 1) -> str:
    """1.8 / 6 / 2,180 in English; 1,8 / 6 / 2.180 in German (one decimal, none when it is .0)."""
    text = f"{round(x, decimals):,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{x:,}"
    return localise_number(text, lang)


def guide_table(cells: Iterable[Mapping], lang: str = "en") -> str:
    """The guide's table: one row per part of timing.parts (the first is the header), then the total."""
    head, first, total = _TABLE_WORDS[lang]
    cells = list(cells)
    rows = [head, "|---|---:|---:|---:|---:|---:|"]
    for i, (title, t) in enumerate(parts(cells)):
        rows.append(f"| {first if i == 0 else title} | {_number(t.words, lang, 0)} | {t.questions} | {t.tasks} "
                    f"| {t.charts} | {_number(exact_minutes(t), lang)} |")
    t = lesson_time(cells)
    rows.append(f"| {total} | {_number(t.words, lang, 0)} | {t.questions} | {t.tasks} | {t.charts} | **{t.minutes}** |")
    return "\n".join(rows)


def replace_guide_table(guide: str, cells: Iterable[Mapping], lang: str = "en") -> str:
    """The guide's text with its timing table (header line to total line) replaced by guide_table."""
    head, _, total = _TABLE_WORDS[lang]
    lines = guide.split("\n")
    try:
        start = lines.index(head)
        end = next(i for i in range(start, len(lines)) if lines[i].startswith(f"| {total} |"))
    except (ValueError, StopIteration):
        raise ValueError(f"no timing table (from '{head}' to '| {total} |') in the guide") from None
    return "\n".join(lines[:start] + [guide_table(cells, lang)] + lines[end + 1:])
