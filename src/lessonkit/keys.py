"""Keys stay in the quiz controls and explorers: arrow keys on a radio option or a menu must
not move the notebook to the next cell.

JupyterLab's shortcuts (Lumino's CommandRegistry) skip a key press whose target sits inside
an element with the attribute `data-lm-suppress-shortcuts`. ipywidgets can set CSS classes
but no attributes, and a radio button or <select> never counts as an editable element, so
there is no CSS-only way. This tiny script (shown once, when a lesson's first cell imports
lessonkit.exercises) adds the attribute to the element with class lk-quiz or lk-interactive
around the focused control, in the capture phase, before JupyterLab's own (bubbling) keydown
handler looks. Inside those widgets: arrow keys move between options, Space ticks a box,
Enter presses the focused button; outside them the notebook's shortcuts work as before.
"""

from __future__ import annotations

SELECTOR = ".lk-quiz, .lk-interactive"
ATTRIBUTE = "data-lm-suppress-shortcuts"

SCRIPT = f"""(function () {{
  if (window.lessonkitKeys) {{ return; }}
  window.lessonkitKeys = true;
  document.addEventListener("keydown", function (event) {{
    var target = event.target;
    var box = target && target.closest ? target.closest("{SELECTOR}") : null;
    if (box && !box.hasAttribute("{ATTRIBUTE}")) {{ box.setAttribute("{ATTRIBUTE}", "true"); }}
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
