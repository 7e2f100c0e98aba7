"""Keep charts and explorers out of IPython's output history.

A cell that ends with `charts.seat_chart(...)` or `charts.vote_explorer(...)` returns an object
that IPython keeps in `Out[n]`, `_n` and `_`, `__`, `___` for the whole session, with its
figures and widgets: re-running such cells made a kernel grow by hundreds of megabytes. After
each cell, a lessonkit object returned by it (a class with `_lessonkit_no_history = True`) is
dropped from that history again; what it displayed stays on screen. The variable a student
assigns it to (`chart = charts.seat_chart(...)`) is not touched.
"""

from __future__ import annotations

_registered: set[int] = set()


def keep_out_of_history() -> None:
    """Make sure the running IPython drops lessonkit results from its output history."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or id(shell) in _registered:
        return
    shell.events.register("post_run_cell", _forget)
    _registered.add(id(shell))


def _forget(result) -> None:
    value = getattr(result, "result", None)
    if not getattr(type(value), "_lessonkit_no_history", False):
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    ns, hidden = shell.user_ns, getattr(shell, "user_ns_hidden", {})
    count = getattr(result, "execution_count", None)
    out = ns.get("_oh")
    if isinstance(out, dict) and out.get(count) is value:
        del out[count]
    for space in (ns, hidden):
        if space.get(f"_{count}") is value:
            del space[f"_{count}"]
    hook = shell.displayhook
    for name in ("_", "__", "___"):
        if getattr(hook, name, None) is value:
            setattr(hook, name, "")
        for space in (ns, hidden):  # IPython compares both to decide whether to update _
            if space.get(name) is value:
                space[name] = getattr(hook, name, "")
