"""Accessibility that can be read off the stored lessons (the browser tests run axe-core on the
rendered pages): headings go down one level at a time, and every stored chart image has a
text alternative."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from lessonkit import manifest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = [lesson.notebook for lesson in manifest.lessons()]


def heading_levels(nb) -> list[tuple[int, str]]:
    levels = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        fenced = False
        for line in cell.source.splitlines():
            if line.startswith("```"):
                fenced = not fenced
            match = None if fenced else re.match(r"(#{1,6})\s+(.*)", line)
            if match:
                levels.append((len(match.group(1)), match.group(2)))
    return levels


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_headings_skip_no_level(path):
    levels = heading_levels(nbformat.read(path, as_version=4))
    assert levels and levels[0][0] == 1, f"{path.name} does not start with one H1"
    assert [t for lv, t in levels if lv == 1] == [levels[0][1]], f"{path.name} has more than one H1"
    for (before, _), (level, title) in zip(levels, levels[1:]):
        assert level <= before + 1, f"{path.name}: heading {title!r} jumps from H{before} to H{level}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_stored_chart_image_has_alt_text(path):
    for cell in nbformat.read(path, as_version=4).cells:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            for img in re.findall(r"<img\b[^>]*>", html if isinstance(html, str) else "".join(html)):
                alt = re.search(r'\balt="([^"]*)"', img)
                assert alt and alt.group(1).strip(), f"{path.name}, cell {cell.id}: an image without alt text"
