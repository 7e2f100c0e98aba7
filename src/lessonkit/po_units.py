"""The translation units of a notebook, and putting translations back. Pure Python.

A unit is one markdown paragraph (blocks split on blank lines; a fenced code block stays one
unit) or the text of one comment in a code cell (after "# "). Blocks without letters outside
HTML tags (such as "</details>") are no units and stay as they are. tools/translations.py keeps
the units in locale/de/<lesson>.po with the cell id as msgctxt.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(```|~~~)")
TAG = re.compile(r"<[^>]+>")
LETTER = re.compile(r"[^\W\d_]")
COMMENT = re.compile(r"^#\s?(.*)$")
QUOTE = re.compile(r"^> „")


@dataclass(frozen=True)
class Unit:
    """One unit: the cell it is in, its English text and its kind ("markdown" or "comment")."""

    cell_id: str
    text: str
    kind: str

    @property
    def is_quote(self) -> bool:
        """A quote of the article: „German“ (¶N) and a translation line below it."""
        return self.kind == "markdown" and bool(QUOTE.match(self.text))


def _is_unit(block: str) -> bool:
    return bool(LETTER.search(TAG.sub("", block)))


def markdown_blocks(source: str) -> list[tuple[bool, str]]:
    """The source as a list of (is_unit, text) whose texts joined by "\\n" give the source back."""
    lines = source.split("\n")
    out: list[tuple[bool, str]] = []
    block: list[str] = []
    in_fence = False

    def flush() -> None:
        if block:
            text = "\n".join(block)
            out.append((_is_unit(text), text))
            block.clear()

    for line in lines:
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and not line.strip() and not FENCE.match(line):
            flush()
            out.append((False, line))
        else:
            block.append(line)
    flush()
    return out


def code_comments(source: str) -> list[tuple[int, int, str]]:
    """(line index, column, text after "# ") of each comment with letters in a code cell."""
    found = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return found
    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        text = COMMENT.match(tok.string).group(1).rstrip()
        if text and LETTER.search(text) and not text.startswith(("noqa", "type:", "!")):
            found.append((tok.start[0] - 1, tok.start[1], text))
    return found


def cell_units(cell: dict) -> list[Unit]:
    """The units of one notebook cell (a dict as nbformat stores it), in order."""
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    if cell["cell_type"] == "markdown":
        return [Unit(cell["id"], text, "markdown") for is_unit, text in markdown_blocks(source) if is_unit]
    if cell["cell_type"] == "code":
        return [Unit(cell["id"], text, "comment") for _, _, text in code_comments(source)]
    return []


def translate_cell(cell: dict, lookup) -> str:
    """The cell's source with every unit replaced by lookup(unit) (a str; lookup raises to refuse)."""
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    if cell["cell_type"] == "markdown":
        return "\n".join(lookup(Unit(cell["id"], text, "markdown")) if is_unit else text
                         for is_unit, text in markdown_blocks(source))
    if cell["cell_type"] != "code":
        return source
    lines = source.split("\n")
    for row, col, text in code_comments(source):
        line = lines[row]
        lines[row] = line[:col] + "# " + lookup(Unit(cell["id"], text, "comment"))
    return "\n".join(lines)
