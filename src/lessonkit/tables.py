"""Tables that read well in a lesson: text left-aligned, numbers with thousands separators,
dates that never break across lines, long texts wrapped to a readable width, empty cells as "–",
and no internal ids as row labels.

    from lessonkit import tables
    tables.use()            # once, in a lesson's first cell: every table shown after it is styled
    tables.html(frame)      # the HTML itself (pure: pandas only, no Jupyter)

Only the HTML view changes; the frame itself and its plain-text view stay as pandas makes them,
so students' own code works on the same values they see.
"""

from __future__ import annotations

import html as _html
import re

import pandas as pd

from lessonkit.i18n import column_label, t
from lessonkit.text import localise_number

EMPTY = "–"
LONG_TEXT = 40          # characters: a text column with longer cells wraps at WIDE_COLUMN
SHORT_TEXT = 18         # characters: a text column with cells up to this long never wraps
WIDE_COLUMN = "28em"
_PLAIN_INTEGER = re.compile(r"(^|_)(year|years|period|paragraph|no|n|test_no|rank)(_|$)|^period_|_year$", re.I)

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+){2,}$")  # an internal id such as "putin-arrives-hanoi-2024"
_CELL = "padding:2px 8px;vertical-align:top;border-bottom:1px solid var(--jp-border-color2,#ddd);"
_LEFT = "text-align:left;"
_RIGHT = "text-align:right;"
_NOWRAP = "white-space:nowrap;"
_WRAP = f"white-space:normal;min-width:9em;max-width:{WIDE_COLUMN};"
_MEDIUM = "white-space:normal;min-width:5em;"


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value, plain: bool = False) -> str:
    """12000000 -> '12,000,000'; 51.7 -> '51.7'; 2024 with plain=True -> '2024'."""
    if _is_missing(value):
        return EMPTY
    if isinstance(value, bool):
        return str(value)
    if plain:
        return str(int(value)) if float(value).is_integer() else str(value)
    if float(value).is_integer():
        return localise_number(f"{int(value):,}")
    return localise_number(f"{value:,.12g}")


def format_date(value) -> str:
    """A timestamp as an ISO date ('2024-03-28'), with the clock time only where there is one."""
    if _is_missing(value):
        return EMPTY
    ts = pd.Timestamp(value)
    return ts.strftime("%Y-%m-%d %H:%M") if (ts.hour, ts.minute) != (0, 0) else ts.strftime("%Y-%m-%d")


def _column_kind(name, series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "text"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if pd.api.types.is_numeric_dtype(series):
        return "plain" if _PLAIN_INTEGER.search(str(name)) else "number"
    return "text"


def _cells(series: pd.Series, kind: str) -> tuple[list[str], str]:
    if kind == "date":
        return [format_date(v) for v in series], _RIGHT + _NOWRAP
    if kind in ("number", "plain"):
        return [format_number(v, plain=kind == "plain") for v in series], _RIGHT + _NOWRAP
    texts = [EMPTY if _is_missing(v) else str(v) for v in series]
    longest = max((len(t) for t in texts), default=0)
    return texts, _LEFT + (_WRAP if longest > LONG_TEXT else _NOWRAP if longest <= SHORT_TEXT else _MEDIUM)


def header(name) -> str:
    """A column's heading: its name; in German a data column's German label above its name, which
    is what students type in their code ("Gemeldet von" over `reported_by`)."""
    label = column_label(name)
    if label is None:
        return _html.escape(str(name))
    return (f'<span lang="de">{_html.escape(label)}</span><br>'
            f'<code lang="en" style="font-size:85%;font-weight:normal;">{_html.escape(str(name))}</code>')


def html(frame: pd.DataFrame) -> str:
    """The frame as an HTML table with the lesson's reading rules (see the module docstring)."""
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    # row labels are shown when they name the rows ("RUS", "ES-11/1", "Vienna"); not row numbers
    # (positions in a bigger table) and not internal ids ("putin-arrives-hanoi-2024"): the rows'
    # own columns say what they are
    labels = [str(v) for v in frame.index]
    show_index = (frame.index.name is not None and not all(_SLUG.match(v) for v in labels)) \
        or (frame.index.name is None and not pd.api.types.is_integer_dtype(frame.index))
    columns = []
    if show_index:
        idx = frame.index.to_series(index=range(len(frame)))
        label = frame.index.name if frame.index.name is not None else ""
        columns.append((label, *_cells(idx, _column_kind(label, idx))))
    for name in frame.columns:
        col = frame[name].reset_index(drop=True)
        columns.append((name, *_cells(col, _column_kind(name, col))))
    corner = frame.columns.name if (show_index and frame.index.name is None and frame.columns.name) else None
    head = []
    for i, (name, _, style) in enumerate(columns):
        text = corner if (i == 0 and corner) else name
        align = _LEFT if _LEFT in style else _RIGHT
        head.append(f'<th scope="col" style="{_CELL}{align}white-space:normal;">{header(text)}</th>')
    rows = []
    for r in range(len(frame)):
        cells = []
        for i, (_, values, style) in enumerate(columns):
            tag = "th" if (show_index and i == 0) else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f'<{tag}{scope} style="{_CELL}{style}">{_html.escape(values[r])}</{tag}>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    # a wide table scrolls inside a region that the keyboard can reach (axe: scrollable-region-focusable)
    region = _html.escape(t("Table"), quote=True)
    return (f'<div class="lk-table-region" role="region" tabindex="0" aria-label="{region}" style="overflow-x:auto;">'
            '<table class="lk-table" style="border-collapse:collapse;margin:0.3em 0;font-size:var(--jp-content-font-size1,13px);">'
            f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def use() -> None:
    """Show every DataFrame of this session with html(); long texts in full in the plain view."""
    pd.set_option("display.max_colwidth", None)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - lessonkit is used outside IPython too
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, html)


class Folded:
    """A table shown folded: one line, "Show the table", that opens it (HTML <details>), for the
    "Go further (optional)" parts of a lesson. The plain view is the frame's own."""

    def __init__(self, frame: pd.DataFrame, label: str | None = None):
        self.frame, self.label = frame, label if label is not None else t("Show the table")

    def _repr_html_(self) -> str:
        return (f"<details class='lk-folded'><summary>{_html.escape(self.label)}</summary>"
                f"{html(self.frame)}</details>")

    def __repr__(self) -> str:
        return repr(self.frame)


def fold(frame, label: str | None = None) -> Folded:
    """fold(table): the table behind a "Show the table" line a student can open."""
    return Folded(frame, label)
