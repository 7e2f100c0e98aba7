"""Widgets whose plain-text form tells a student what to do.

A stored widget is drawn only where JupyterLab trusts the notebook (`make lab` and Binder
trust the lessons); elsewhere — an untrusted copy opened before running, GitHub — the page
shows the output's text/plain, which for ipywidgets is a long repr like "VBox(children=(...".
These classes replace that repr with one short instruction.
"""

from __future__ import annotations

import ipywidgets as widgets

RUN_HINT = "run this cell (Shift+Enter) to use it"


class WithText:
    """Mixin: `repr()` (the text/plain that ipywidgets stores) is `self.text`."""

    text = f"[Interactive element: {RUN_HINT}.]"

    def __repr__(self) -> str:
        return self.text


class Box(WithText, widgets.VBox):
    """A VBox with a plain-text instruction, e.g. Box(children, text="[Quiz: ...]")."""

    def __init__(self, children=(), text: str | None = None, **kwargs):
        super().__init__(children, **kwargs)
        if text:
            self.text = text


class HTMLText(WithText, widgets.HTML):
    """An HTML widget with a plain-text instruction."""

    def __init__(self, text: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if text:
            self.text = text
