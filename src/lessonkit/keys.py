"""Keys stay in the quiz controls and explorers: arrow keys on a radio option or a menu must
not move the notebook to the next cell.

JupyterLab's shortcuts (Lumino's CommandRegistry) listen for keydown on the document, in the
bubbling phase. Its command-mode bindings ("ArrowDown": next cell, "D D": delete the cell, ...)
have selectors ending in `:focus`, which match a focused radio button or <select> itself, so
an attribute such as `data-lm-suppress-shortcuts` on a box around the control is too late.
This tiny script (shown once per kernel, when a lesson's first cell imports lessonkit.exercises)
listens in the capture phase; when the key press starts inside an element with class lk-quiz
or lk-interactive it adds a listener to that element that stops the press from bubbling on to
the notebook and JupyterLab. The control itself still gets it: arrows move between options,
Space ticks a box, Tab moves on, Enter presses the focused button. Keys that are not the
control's stay JupyterLab's: with Ctrl, Alt or Cmd (Ctrl+S saves), Shift+Enter (runs the
cell), and Escape, which also gives the focus back to the control's cell, so that the arrows
move between cells again. Outside these widgets nothing changes.
"""

from __future__ import annotations

SELECTOR = ".lk-quiz, .lk-interactive"
VERSION = 2  # a page that ran an older script installs this one too

SCRIPT = f"""(function () {{
  if (window.lessonkitKeys >= {VERSION}) {{ return; }}
  window.lessonkitKeys = {VERSION};
  function keep(event) {{ if (event.lessonkitKeep) {{ event.stopPropagation(); }} }}
  document.addEventListener("keydown", function (event) {{
    var target = event.target;
    var box = target && target.closest ? target.closest("{SELECTOR}") : null;
    if (!box) {{ return; }}
    if (event.key === "Escape") {{
      var cell = box.closest(".jp-Cell");
      if (cell) {{ cell.focus(); }}
      return;
    }}
    if (event.ctrlKey || event.altKey || event.metaKey || (event.key === "Enter" && event.shiftKey)) {{ return; }}
    event.lessonkitKeep = true;
    if (!box.lessonkitKeys) {{ box.lessonkitKeys = true; box.addEventListener("keydown", keep); }}
  }}, true);
}})();"""


def bundle() -> dict:
    """The script as a display bundle (nothing visible; plain text is empty)."""
    return {"application/javascript": SCRIPT, "text/plain": ""}


_shown: set[int] = set()


def show_once(shell) -> None:
    """Display the script once per kernel."""
    if id(shell) in _shown:
        return
    from IPython.display import display

    display(bundle(), raw=True)
    _shown.add(id(shell))
