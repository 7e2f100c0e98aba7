"""Accessibility of the lessons as students see them in JupyterLab: axe-core finds no serious
or critical violation in the lesson's content (its rendered text and the outputs of its cells),
opened before running (the stored previews) and after Run All (live quizzes and charts).

JupyterLab's own parts are left out: its code editor has no accessible name and its cell list's
ARIA roles fail axe; they are JupyterLab's, not the lesson's. The pages of `make html` are
checked in test_html_export.py."""

from __future__ import annotations

import pytest

import axe
import edition
from lessonkit import manifest

CONTENT = [".jp-Notebook .jp-MarkdownOutput", ".jp-Notebook .jp-OutputArea"]


@pytest.mark.parametrize("stem", manifest.ids())
def test_lesson_content_has_no_serious_axe_violation(stem, open_notebook, axe_ready):
    lab = open_notebook(edition.notebook_path(stem))
    lab.wait_widgets_settled()
    before = axe.serious_violations(lab.page, include=CONTENT)
    assert before == [], f"{stem}, opened before running:\n{axe.describe(before)}"
    lab.run_all()
    lab.wait_widgets_settled()
    assert lab.interactive_count() >= 1 or lab.chart_count() >= 1, f"{stem}: nothing rendered after Run All"
    after = axe.serious_violations(lab.page, include=CONTENT)
    assert after == [], f"{stem}, after Run All:\n{axe.describe(after)}"
