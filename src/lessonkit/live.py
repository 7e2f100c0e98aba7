"""Live widgets in the kernel: one per notebook cell, the old one closed when a cell re-runs.

Re-running a quiz or explorer cell builds new widgets; the ones it replaces would stay alive
in the kernel (and in the front end's widget manager) until the kernel stops. `replace(key,
widget)` closes the widget shown before under the same key, with every widget inside it
(children, layouts, styles). The key is the running cell's id when the front end sends one
(JupyterLab and nbclient do), else what the caller gives (e.g. the bank and question ids).
"""

from __future__ import annotations

from collections.abc import Hashable

import ipywidgets as widgets

_shown: dict[Hashable, widgets.Widget] = {}


def cell_id() -> str | None:
    """The id of the notebook cell being run, if the front end sent one."""
    try:
        from ipykernel.kernelbase import Kernel

        if not Kernel.initialized():
            return None
        parent = Kernel.instance().get_parent()
    except Exception:  # not in a kernel, or an ipykernel without get_parent
        return None
    meta = (parent or {}).get("metadata") or {}
    value = meta.get("cellId")
    return value if isinstance(value, str) and value else None


def key(kind: str, fallback: Hashable) -> tuple:
    """The registry key for a widget of this kind shown by the running cell."""
    cell = cell_id()
    return (kind, "cell", cell) if cell else (kind, fallback)


def replace(registry_key: Hashable, widget: widgets.Widget) -> None:
    """Remember `widget` under the key; close the one remembered before (if another)."""
    old = _shown.get(registry_key)
    _shown[registry_key] = widget
    if old is not None and old is not widget:
        close_tree(old)


def close_tree(widget: widgets.Widget) -> int:
    """Close a widget, everything inside it, and their layout and style widgets. Returns how
    many widgets were closed."""
    seen: set[int] = set()
    stack = [widget]
    closed = 0
    while stack:
        w = stack.pop()
        if not isinstance(w, widgets.Widget) or id(w) in seen:
            continue
        seen.add(id(w))
        stack.extend(getattr(w, "children", ()) or ())
        for name in ("layout", "style"):
            part = getattr(w, name, None)
            if isinstance(part, widgets.Widget):
                stack.append(part)
        if w.comm is not None:
            closed += 1
        w.close()
    return closed


def forget_all() -> None:
    """Close every remembered widget (tests)."""
    for w in list(_shown.values()):
        close_tree(w)
    _shown.clear()
