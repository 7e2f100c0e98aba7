"""Friendly error messages in the lessons: one or two sentences with the fix, the full
traceback one click away (an HTML <details> block).

    explain(exc, namespace)  the sentences for an exception, or None (then IPython's usual
                             traceback is shown)
    install(shell)           make IPython use them (set_custom_exc); done by importing
                             lessonkit.exercises, which every lesson's first cell does

Explained: a KeyError or attribute error on a column, a NameError for `answer`, for a name the
lesson's first cell makes, or for a misspelt name, `and`/`or` on a Series, conditions without
brackets, a date without quotes, and bad literals (unclosed quotes, curly quotes, "=" for "==").
An error lessonkit raises on purpose (a bad time zone, country, resolution) shows its own
message only. The cell still counts as failed (Run All stops there).
"""

from __future__ import annotations

import difflib
import html
import linecache
import re
import traceback
from pathlib import Path

from lessonkit.errors import LessonkitError
from lessonkit.i18n import N_, t

PACKAGE_DIR = Path(__file__).resolve().parent
# Names the first code cell of a lesson makes ("run the first cell").
FIRST_CELL_NAMES = {"data", "quiz", "charts", "clocks", "check", "pd", "load_article", "show_article",
                    "Markdown", "names"}
CONDITIONS = N_('put each condition in round brackets and join them with & (and) or | (or): (t.a == "x") & (t.b == "y")')


def _frames(tb):
    while tb is not None:
        yield tb
        tb = tb.tb_next


def raised_by_lessonkit(exc: BaseException) -> bool:
    """True for a LessonkitError, or an error raised by a `raise` line inside lessonkit."""
    if isinstance(exc, LessonkitError):
        return True
    if not isinstance(exc, (ValueError, LookupError, TypeError)):
        return False
    frames = list(_frames(exc.__traceback__))
    if not frames:
        return False
    last = frames[-1]
    filename = Path(last.tb_frame.f_code.co_filename)
    try:
        inside = filename.resolve().is_relative_to(PACKAGE_DIR)
    except (OSError, ValueError):
        return False
    if not inside or filename.name == "friendly.py":
        return False
    return linecache.getline(str(filename), last.tb_lineno).lstrip().startswith("raise")


def _pandas_object(exc: BaseException):
    """The DataFrame or Series a pandas error was raised for (the outermost pandas frame's self)."""
    import pandas as pd

    for tb in _frames(exc.__traceback__):
        obj = tb.tb_frame.f_locals.get("self")
        if isinstance(obj, (pd.DataFrame, pd.Series)):
            return obj
        inner = getattr(obj, "obj", None)
        if isinstance(inner, (pd.DataFrame, pd.Series)):
            return inner
    return None


def _close(word: str, options) -> str | None:
    options = [str(o) for o in options]
    folded = {o.casefold(): o for o in options}
    if word.casefold() in folded:
        return folded[word.casefold()]
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.75)
    return match[0] if match else None


def _listing(items, n: int = 12) -> str:
    items = [str(i) for i in items]
    return ", ".join(items[:n]) + (t(" and {n} more", n=len(items) - n) if len(items) > n else "")


def _missing_label(label: object, obj, method: bool = False) -> str:
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        cols = list(obj.columns)
        text = (t("The table has no column (and no method) {label}.", label=repr(label)) if method
                else t("The table has no column {label}.", label=repr(label)))
        near = _close(str(label), cols)
        if near is not None:
            text += " " + t("Did you mean {near}? Names must match exactly, capitals too.", near=repr(near))
        else:
            text += " " + t("Its columns are: {items}.", items=_listing(cols))
        return text
    labels = list(obj.index[:1000])
    text = t("There is no label {label} here.", label=repr(label))
    near = _close(str(label), labels)
    if near is not None:
        return text + " " + t("Did you mean {near}? Labels must match exactly, capitals too.", near=repr(near))
    return text + " " + t("The labels are: {items}.", items=_listing(labels))


def _name_error(name: str, namespace: dict) -> str:
    if name == "answer":
        return t("There is no `answer` yet: run the exercise cell above (the one with `answer = ...`) first, "
                 "then run this cell again.")
    if name in FIRST_CELL_NAMES:
        return t("`{name}` comes from the lesson's first code cell, the one that loads the tools: run that cell "
                 "(at the top of the notebook), then this one again.", name=name)
    visible = [k for k in namespace if not k.startswith("_")]
    near = _close(name, visible)
    if near is not None and near != name:
        return t("Python knows no name `{name}`. Did you mean `{near}`? Names must match exactly, capitals too.",
                 name=name, near=near)
    return t("Python knows no name `{name}`. If a cell above makes it, run the cells above first "
             "(Run menu, Run All Above Selected Cell). If you meant the text {name}, put it in quotes: \"{name}\".",
             name=name)


def _syntax_error(exc: SyntaxError) -> str | None:
    msg = str(exc.msg or "")
    line = (exc.text or "").strip()
    if "leading zeros" in msg or re.search(r"\b\d{4}-\d\d?-\d\d?\b", line) and "invalid" in msg:
        return t('A date has to be text in quotes: write "2024-06-18", not 2024-06-18.')
    if "unterminated string" in msg or "EOL while scanning" in msg:
        return t("A text in quotes is not closed: every opening \" needs a closing \" on the same line.")
    if "invalid character" in msg and any(q in msg for q in "\u201c\u201d\u2018\u2019\u201e"):
        return t("Curly quotes (\u201c \u201d) do not work in code: type straight quotes, \" or '.")
    if "Maybe you meant '==' " in msg or "maybe you meant '==' " in msg.lower():
        return t("To compare, write two = signs: `==`. One = sign stores a value in a name.")
    if "was never closed" in msg or "unmatched" in msg or "does not match opening" in msg:
        return t("The brackets do not pair up: every ( [ or { needs its closing ) ] or } (count them).")
    if "invalid decimal literal" in msg:
        return t("A number is glued to letters here: put text in quotes, and write decimals with a point (2.5).")
    return None


def explain(exc: BaseException, namespace: dict | None = None) -> str | None:
    """One or two sentences that say what went wrong and how to fix it, or None."""
    namespace = namespace or {}
    if raised_by_lessonkit(exc):
        return str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    if isinstance(exc, SyntaxError):
        return _syntax_error(exc)
    if isinstance(exc, NameError) and getattr(exc, "name", None):
        return _name_error(exc.name, namespace)
    text = str(exc)
    if isinstance(exc, ValueError) and "truth value of a" in text and "ambiguous" in text:
        return t("Python's `and`, `or` and `not` do not work on whole columns: write & for and, | for or, ~ for not, "
                 "and put each condition in round brackets: (t.a == \"x\") & (t.b == \"y\").")
    if isinstance(exc, TypeError) and re.search(r"Cannot perform '(r?and_|r?or_)'|unsupported operand type\(s\) "
                                                r"for [&|]", text):
        return t("Python joins with & before it compares: {conditions}.", conditions=t(CONDITIONS))
    if isinstance(exc, TypeError) and "Invalid comparison between dtype=datetime64" in text:
        return t('A date has to be text in quotes: write "2024-06-18", not 2024-06-18.')
    if isinstance(exc, KeyError) and exc.args:
        obj = _pandas_object(exc)
        if obj is not None:
            return _missing_label(exc.args[0], obj)
    if isinstance(exc, AttributeError):
        m = re.match(r"'(DataFrame|Series)' object has no attribute '([^']+)'", text)
        obj = _pandas_object(exc)
        if m and obj is not None:
            return _missing_label(m.group(2), obj, method=True)
    return None


def traceback_text(exc: BaseException) -> str:
    """The full traceback as plain text, without IPython's own frames."""
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "".join(line for line in lines if "IPython/core/interactiveshell.py" not in line)


def bundle(explanation: str, exc: BaseException) -> dict:
    """The friendly message as HTML (with the traceback in a details block) and plain text."""
    name = type(exc).__name__
    full = html.escape(traceback_text(exc))
    return {
        "text/html": (
            '<div class="lk-error" role="alert" style="border-left:4px solid var(--jp-error-color1, #b00020);'
            'padding:0.3em 0.8em;background:var(--jp-rendermime-error-background, #fdd)">'
            f"<strong>{html.escape(t('This cell stopped with an error.'))}</strong> {html.escape(explanation, quote=False)}"
            f"<details><summary>{html.escape(t('The full error message ({name})', name=name))}</summary>"
            f"<pre style='white-space:pre-wrap'>{full}</pre></details></div>"
        ),
        "text/plain": t("This cell stopped with an error.") + f" {explanation}"
                      + ("" if str(exc) in explanation else f"\n({name}: {str(exc)[:200]})"),
    }


def _handler(shell, etype, value, tb, tb_offset=None):
    try:
        explanation = explain(value, shell.user_ns)
    except Exception:  # noqa: BLE001 - never let the helper hide the real error
        explanation = None
    if explanation is None:
        if issubclass(etype, SyntaxError):
            shell.showsyntaxerror()
        else:
            shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
        return None
    from IPython.display import display

    display(bundle(explanation, value), raw=True)
    return []


_installed: set[int] = set()


def install(shell) -> None:
    """Show friendly messages in this IPython shell (once; leaves other custom handlers alone)."""
    if id(shell) in _installed or getattr(shell, "custom_exceptions", ()) not in ((), None):
        return
    shell.set_custom_exc((Exception,), _handler)
    _installed.add(id(shell))
