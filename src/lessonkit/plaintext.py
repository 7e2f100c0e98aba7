"""Widgets that carry a static preview beside the live view.

Every lessonkit widget is displayed as one mime bundle:

    application/vnd.jupyter.widget-view+json   the live widget (drawn while the kernel runs)
    text/html                                  its static preview: readable, nothing clickable
    text/plain                                 one short line saying what to do

`make execute` and the Jupyter pre-save hook (lessonkit.jupyter_presave) drop the widget view
and the notebook's widget state, so a stored or saved lesson keeps only the preview: that is
what JupyterLab shows before the cell is run (trusted or not), and what GitHub, nbviewer, VS
Code and the HTML export show. Running the cell replaces it with the live widget.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from lessonkit.i18n import N_, t

RUN_HINT = N_("run this cell (Shift+Enter) to use it")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def run_hint() -> str:
    """RUN_HINT in the language in use."""
    return t(RUN_HINT)


def run_line(text: str) -> str:
    """The preview's one line of instruction, e.g. run_line("Run this cell (Shift+Enter) to answer")."""
    return (f"<p class='lk-preview-run' style='margin:6px 0;font-style:italic;"
            f"color:var(--jp-ui-font-color2, #555)'>{html.escape(text)}.</p>")


class WithText:
    """Mixin: `repr()` (the text/plain that ipywidgets stores) is `self.text`; the displayed
    bundle also carries `self.preview_html` (if set) as text/html."""

    text = ""  # "" = "[Interactive element: run this cell (Shift+Enter) to use it.]"
    preview_html = ""

    def __repr__(self) -> str:
        return self.text or t("[Interactive element: {hint}.]", hint=run_hint())

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = repr(self)
        if self.preview_html:
            data["text/html"] = (f"<div class='lk-preview' data-lk-preview='1'>{self.preview_html}</div>")
        return data


class Box(WithText, widgets.VBox):
    """A VBox with a plain-text instruction and a static preview:
    Box(children, text="[Quiz: ...]", preview="<p>...</p>")."""

    def __init__(self, children=(), text: str | None = None, preview: str = "", **kwargs):
        super().__init__(children, **kwargs)
        if text:
            self.text = text
        self.preview_html = preview


class HTMLText(WithText, widgets.HTML):
    """An HTML widget with a plain-text instruction."""

    def __init__(self, text: str | None = None, preview: str = "", **kwargs):
        super().__init__(**kwargs)
        if text:
            self.text = text
        self.preview_html = preview
