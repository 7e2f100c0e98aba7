"""Question banks: load a quizzes/<name>.toml file, validate it, return dataclasses.

The format is documented for teachers in quizzes/README.md. Problems raise BankError, whose
message names the file, the question id and the problem; the problems of all questions of a
file are reported together (up to MAX_REPORTED). Files are read as UTF-8 (a byte-order mark is
dropped); a question's `table` must be a table of data/datapackage.json.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from lessonkit import paths, textfile

TYPES = ("single", "multiple", "truefalse", "numeric", "ordering")
DEFAULT_MAX_TRIES = 2

BANK_KEYS = {"title", "shuffle", "max_tries", "question"}
COMMON_KEYS = {"id", "type", "prompt", "quote", "translation", "hint", "table", "max_tries"}
TYPE_KEYS = {
    "single": {"option"},
    "multiple": {"option"},
    "truefalse": {"answer", "feedback_true", "feedback_false"},
    "numeric": {"answer", "tolerance", "unit", "feedback_correct", "feedback_wrong"},
    "ordering": {"items", "feedback_correct", "feedback_wrong"},
}
OPTION_KEYS = {"id", "text", "correct", "feedback"}
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# A longer word cannot wrap and pushes the question out of its box (addresses are allowed).
MAX_WORD = 60
MAX_REPORTED = 20


class BankError(ValueError):
    """A problem in a question bank. Knows the file, the question id and the problem."""

    def __init__(self, path: Path | str, question_id: str | None, problem: str,
                 others: list[BankError] | None = None):
        self.path = str(path)
        self.question_id = question_id
        self.problem = problem
        self.others = others or []  # further problems of the same file, reported together
        where = f"{self.path}: question {question_id!r}" if question_id else self.path
        lines = [f"{where}: {problem}"] + [str(e) for e in self.others[: MAX_REPORTED - 1]]
        if len(self.others) >= MAX_REPORTED:
            lines.append(f"... and {len(self.others) - MAX_REPORTED + 1} more")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Option:
    """One answer option of a single, multiple or true/false question."""

    text: str
    correct: bool
    feedback: str
    id: str = ""  # unique in the question; the German overlay (quizzes/de/) is keyed by it


@dataclass(frozen=True)
class Question:
    """One question. Fields that do not belong to its type are left empty.

    single / multiple: options.
    truefalse: answer (bool); options holds "True" and "False" with their feedback.
    numeric: answer (number), tolerance, unit, feedback_correct, feedback_wrong.
    ordering: items (in the correct time order), feedback_correct, feedback_wrong.
    """

    id: str
    type: str
    prompt: str
    max_tries: int
    quote: str = ""
    translation: str = ""
    hint: str = ""
    table: str = ""
    options: tuple[Option, ...] = ()
    answer: bool | int | float | None = None
    tolerance: float = 0.0
    unit: str = ""
    items: tuple[str, ...] = ()
    feedback_correct: str = ""
    feedback_wrong: str = ""


@dataclass(frozen=True)
class Bank:
    """A lesson's question bank."""

    name: str
    path: Path
    title: str
    shuffle: bool
    max_tries: int
    questions: tuple[Question, ...]

    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"{self.path}: no question with id {question_id!r} (ids: {', '.join(self.ids())})")

    def select(self, ids: str | Collection[str] | None = None) -> list[Question]:
        """The questions with these ids, in the order given (all questions if ids is None)."""
        if ids is None:
            return list(self.questions)
        if isinstance(ids, str):
            ids = [ids]
        return [self.question(i) for i in ids]


def bank_path(bank_name: str) -> Path:
    """quizzes/<bank_name>.toml (bank_name may end in .toml)."""
    name = bank_name.removesuffix(".toml")
    return paths.quizzes_dir() / f"{name}.toml"


def load(bank_name: str, known_tables: Collection[str] | None = None) -> Bank:
    """Load and validate quizzes/<bank_name>.toml. Every question's `table` must be a table of
    data/datapackage.json (or of known_tables, if given)."""
    path = bank_path(bank_name)
    if not path.is_file():
        found = sorted(p.stem for p in paths.quizzes_dir().glob("*.toml"))
        raise FileNotFoundError(f"no quiz bank {path} (banks found: {', '.join(found) or 'none'})")
    if known_tables is None and (paths.data_dir() / "datapackage.json").is_file():
        from lessonkit import data  # here, not at the top: banks load without pandas otherwise

        known_tables = data.table_names()
    return load_file(path, known_tables)


def load_file(path: Path | str, known_tables: Collection[str] | None = None) -> Bank:
    """Load and validate a bank file. known_tables: if given, every `table` must be one of them."""
    path = Path(path)
    try:
        raw = tomllib.loads(textfile.decode(path.read_bytes()))
    except textfile.NotUtf8 as e:
        raise BankError(path, None, f"{e}; {textfile.SAVE_AS_UTF8}") from None
    except tomllib.TOMLDecodeError as e:
        raise BankError(path, None, f"not valid TOML: {e}") from None
    return parse(raw, path, known_tables)


def parse(raw: dict, path: Path | str, known_tables: Collection[str] | None = None) -> Bank:
    """Validate the data read from a bank file and build a Bank."""
    path = Path(path)
    _no_unknown_keys(raw, BANK_KEYS, path, None, "at the top of the file")
    title = raw.get("title", path.stem)
    if not isinstance(title, str):
        raise BankError(path, None, "title must be text")
    shuffle = raw.get("shuffle", True)
    if not isinstance(shuffle, bool):
        raise BankError(path, None, "shuffle must be true or false")
    max_tries = _max_tries(raw.get("max_tries", DEFAULT_MAX_TRIES), path, None)
    raw_questions = raw.get("question", [])
    if not isinstance(raw_questions, list) or not raw_questions:
        raise BankError(path, None, "no questions: add [[question]] blocks")

    questions: list[Question] = []
    problems: list[BankError] = []
    seen: dict[str, int] = {}
    for number, rq in enumerate(raw_questions, start=1):
        try:
            q = _question(rq, number, path, max_tries, known_tables)
            if q.id in seen:
                raise BankError(path, q.id, f"duplicate id (question #{number} has the same id as question #{seen[q.id]})")
        except BankError as e:
            problems.append(e)
            continue
        seen[q.id] = number
        questions.append(q)
    if problems:
        first = problems[0]
        raise BankError(first.path, first.question_id, first.problem, problems[1:])
    return Bank(path.stem, path, title, shuffle, max_tries, tuple(questions))


def _question(rq: object, number: int, path: Path, bank_max_tries: int,
              known_tables: Collection[str] | None) -> Question:
    if not isinstance(rq, dict):
        raise BankError(path, f"#{number}", "a question must be a [[question]] block")
    qid = rq.get("id")
    if not isinstance(qid, str) or not qid.strip():
        raise BankError(path, f"#{number}", "missing id (every question needs id = \"...\")")
    if not ID_PATTERN.match(qid):
        raise BankError(path, qid, "id may only hold letters, digits, '-', '_' and '.', and no spaces")

    qtype = rq.get("type")
    if qtype not in TYPES:
        raise BankError(path, qid, f"unknown type {qtype!r} (use one of: {', '.join(TYPES)})")
    _no_unknown_keys(rq, COMMON_KEYS | TYPE_KEYS[qtype], path, qid, f"for type {qtype!r}")

    fields = {
        "id": qid,
        "type": qtype,
        "prompt": _text(rq, "prompt", path, qid),
        "max_tries": _max_tries(rq.get("max_tries", bank_max_tries), path, qid),
        "quote": _text(rq, "quote", path, qid, required=False),
        "translation": _text(rq, "translation", path, qid, required=False),
        "hint": _text(rq, "hint", path, qid, required=False),
        "table": _text(rq, "table", path, qid, required=False),
    }
    if fields["translation"] and not fields["quote"]:
        raise BankError(path, qid, "translation given without a quote")
    if known_tables is not None and fields["table"] and fields["table"] not in known_tables:
        raise BankError(path, qid, f"table {fields['table']!r} is not a table in data/datapackage.json "
                                   f"(tables: {', '.join(sorted(known_tables))})")

    if qtype in ("single", "multiple"):
        fields["options"] = _options(rq, qtype, path, qid)
    elif qtype == "truefalse":
        answer = rq.get("answer")
        if not isinstance(answer, bool):
            raise BankError(path, qid, "answer must be true or false (without quotes)")
        fields["answer"] = answer
        fields["options"] = (
            Option("True", answer is True, _text(rq, "feedback_true", path, qid), "true"),
            Option("False", answer is False, _text(rq, "feedback_false", path, qid), "false"),
        )
    elif qtype == "numeric":
        fields["answer"] = _number(rq, "answer", path, qid, required=True)
        tolerance = _number(rq, "tolerance", path, qid, required=False)
        if tolerance < 0:
            raise BankError(path, qid, "tolerance must not be negative")
        fields["tolerance"] = tolerance
        fields["unit"] = _text(rq, "unit", path, qid, required=False)
        fields["feedback_correct"] = _text(rq, "feedback_correct", path, qid)
        fields["feedback_wrong"] = _text(rq, "feedback_wrong", path, qid)
    elif qtype == "ordering":
        fields["items"] = _items(rq, path, qid)
        fields["feedback_correct"] = _text(rq, "feedback_correct", path, qid)
        fields["feedback_wrong"] = _text(rq, "feedback_wrong", path, qid)
    return Question(**fields)


def _options(rq: dict, qtype: str, path: Path, qid: str) -> tuple[Option, ...]:
    raw = rq.get("option")
    if not isinstance(raw, list) or len(raw) < 2:
        raise BankError(path, qid, "needs at least two [[question.option]] blocks")
    options = []
    for n, ro in enumerate(raw, start=1):
        if not isinstance(ro, dict):
            raise BankError(path, qid, f"option {n} must be a [[question.option]] block")
        _no_unknown_keys(ro, OPTION_KEYS, path, qid, f"in option {n}")
        text = _text(ro, "text", path, qid, where=f"option {n}")
        correct = ro.get("correct", False)
        if not isinstance(correct, bool):
            raise BankError(path, qid, f"option {n}: correct must be true or false (without quotes)")
        feedback = ro.get("feedback")
        if not isinstance(feedback, str) or not feedback.strip():
            raise BankError(path, qid, f"missing feedback for option {n} ({text!r}): say why it is right or wrong")
        options.append(Option(text, correct, feedback, _option_id(ro, n, path, qid)))
    texts = [o.text for o in options]
    if len(set(texts)) != len(texts):
        raise BankError(path, qid, "two options have the same text")
    ids = [o.id for o in options if o.id]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise BankError(path, qid, f"two options have the same id {dup!r} (option ids must be unique in the question)")
    n_correct = sum(o.correct for o in options)
    if n_correct == 0:
        raise BankError(path, qid, "no correct option: mark at least one option with correct = true")
    if qtype == "single" and n_correct > 1:
        raise BankError(path, qid, f"{n_correct} options are marked correct; a single-choice question needs "
                                   "exactly one (use type = \"multiple\" for several)")
    return tuple(options)


def _option_id(ro: dict, n: int, path: Path, qid: str) -> str:
    """The option's id: optional, but if given, letters, digits, '-', '_' and '.'."""
    oid = ro.get("id", "")
    if not isinstance(oid, str) or (oid and not ID_PATTERN.match(oid)):
        raise BankError(path, qid, f"option {n}: id {oid!r} may only hold letters, digits, '-', '_' and '.', "
                                   "and no spaces")
    return oid


def _items(rq: dict, path: Path, qid: str) -> tuple[str, ...]:
    items = rq.get("items")
    if (not isinstance(items, list) or len(items) < 2
            or not all(isinstance(i, str) and i.strip() for i in items)):
        raise BankError(path, qid, "items must be a list of at least two texts, in the correct order")
    if len(set(items)) != len(items):
        raise BankError(path, qid, "two items have the same text")
    return tuple(items)


def _text(raw: dict, key: str, path: Path, qid: str, required: bool = True, where: str = "") -> str:
    value = raw.get(key)
    prefix = f"{where}: " if where else ""
    if value is None:
        if required:
            kind = "feedback" if key.startswith("feedback") else "key"
            raise BankError(path, qid, f"{prefix}missing {kind} {key!r}")
        return ""
    if not isinstance(value, str) or not value.strip():
        raise BankError(path, qid, f"{prefix}{key} must be non-empty text")
    long = [w for w in value.split() if len(w) > MAX_WORD and not w.startswith(("http://", "https://"))]
    if long:
        raise BankError(path, qid, f"{prefix}{key} has a word of {len(long[0])} characters ({long[0][:20]!r}…); "
                                   f"words longer than {MAX_WORD} characters cannot wrap: add spaces")
    return value.strip()


def _number(raw: dict, key: str, path: Path, qid: str, required: bool) -> float | int:
    value = raw.get(key)
    if value is None:
        if required:
            raise BankError(path, qid, f"missing key {key!r}")
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise BankError(path, qid, f"{key} is not a number: {value!r} (write it without quotes, e.g. 141 or 2.5)")
    return value


def _max_tries(value: object, path: Path, qid: str | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BankError(path, qid, f"max_tries must be a whole number of at least 1, not {value!r}")
    return value


def _no_unknown_keys(raw: dict, allowed: set[str], path: Path, qid: str | None, where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise BankError(path, qid, f"unknown key {unknown[0]!r} {where} (allowed: {', '.join(sorted(allowed))})")
