"""Words, dates and text sizes for what students read: one home for blanks, month and weekday
names, date formats, name lists, sentences, numbers and the estimate of how wide a line of text
is. Pure Python and pandas (no matplotlib), used by lessonkit.data, lessonkit.model and the charts.

Dates, numbers and name lists follow lessonkit.i18n.current(): in German they take Babel's
de_AT forms ("19. Juni 2024", "5. Jänner 2025", "12.000", "3,5", "A, B und C").
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import pandas as pd

from lessonkit import i18n

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# The one estimate of text width: an average glyph of the house font (DejaVu Sans) is about
# 0.54 em wide; bold glyphs are about a ninth wider. Everything that sizes a box, a margin or a
# line break from the number of characters uses text_width / wrap below.
CHAR_EM = 0.54
BOLD_SCALE = 0.60 / 0.54
LINE_EM = 1.3  # line height, in em
# German text averages wider glyphs (capitalised nouns, ä/ö/ü/ß, more m and w): its estimate is
# wider, so a wrapped German subtitle does not run off the picture's edge.
CHAR_EM_DE = 0.58


def is_blank(value) -> bool:
    """None, NaN, NaT, pd.NA or only whitespace."""
    if value is None:
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        pass
    return str(value).strip() == ""


# --- dates ----------------------------------------------------------------------------------


def german() -> bool:
    return i18n.current() == "de"


def month_name(month: int, short: bool = True) -> str:
    """1 -> 'Jan' (short) or 'January'; in German 'Jän' / 'Jänner' (Babel de_AT)."""
    if german():
        from babel.dates import get_month_names

        width = "abbreviated" if short else "wide"
        return get_month_names(width, context="stand-alone", locale="de_AT")[month]
    if short:
        return MONTHS[month - 1]
    return pd.Timestamp(year=2000, month=month, day=1).month_name()


def weekday_name(weekday: int, short: bool = True) -> str:
    """0 (Monday) -> 'Mon' (short) or 'Monday'; in German 'Mo.' / 'Montag'."""
    if german():
        from babel.dates import get_day_names

        return get_day_names("abbreviated" if short else "wide", locale="de_AT")[weekday]
    return WEEKDAYS[weekday] if short else pd.Timestamp(2024, 6, 17 + weekday).day_name()


def _de_date(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return str(year)
    if day is None:
        return f"{month_name(month, short=False)} {year}"
    return f"{day}. {month_name(month, short=False)} {year}"


def format_date(value) -> str:
    """'2022-03-02' or a Timestamp -> '2 Mar 2022'; '2024-07' -> 'Jul 2024'; '2024' -> '2024';
    blank or 'undated' -> ''. In German: '2. März 2022', 'Juli 2024'."""
    if is_blank(value):
        return ""
    if isinstance(value, pd.Timestamp):
        if german():
            return _de_date(value.year, value.month, value.day)
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    text = str(value).strip()
    parts = text[:10].split("-")
    try:
        if german() and len(parts) in (2, 3):
            ymd = [int(p) for p in parts]
            if not 1 <= ymd[1] <= 12:
                raise ValueError
            return _de_date(*ymd)
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
        if len(parts) == 1 and parts[0].isdigit():
            return parts[0]
    except (ValueError, IndexError):
        pass
    return "" if text.lower() == "undated" else text


def day_label(day: pd.Timestamp) -> str:
    """Timestamp('2024-06-18') -> 'Tue 18 Jun'; in German 'Di., 18. Juni'."""
    if german():
        return f"{weekday_name(day.weekday())}, {day.day}. {month_name(day.month, short=False)}"
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def check_date(value, name: str = "date") -> pd.Timestamp | None:
    """An argument that should be a day: None -> None; '2024-06-18' (or a date / Timestamp) ->
    Timestamp at midnight. Raises ValueError naming the argument for anything that is not a
    full date."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.normalize()
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]):
        raise ValueError(f"{name} must be a date like '2024-06-18', not {value!r}.")
    try:
        return pd.Timestamp(text[:10])
    except ValueError:
        raise ValueError(f"{name} must be a date like '2024-06-18', not {value!r}.") from None


# --- words ----------------------------------------------------------------------------------


def join_names(names: Sequence[str]) -> str:
    """['A', 'B', 'C'] -> 'A, B and C' ('A, B und C' in German)."""
    names = list(names)
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (" und " if german() else " and ") + names[-1]


def brief_list(values: Sequence[str], limit: int = 12) -> str:
    """The first `limit` values joined by commas, then how many there are in all."""
    values = list(values)
    if len(values) <= limit:
        return ", ".join(values)
    return ", ".join(values[:limit]) + i18n.t(", … ({n} in all)", n=len(values))


def mid_sentence(label: str) -> str:
    """A label ('Official estimate') as a word inside a sentence: 'official estimate'. German
    lower-cases only the first letter ('Offizielle Schätzung' -> 'offizielle Schätzung'): its
    nouns keep their capital."""
    label = str(label)
    return label[:1].lower() + label[1:] if german() else label.lower()


def sentence(text: str) -> str:
    """Capitalise the first letter and end with exactly one full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def shorten(text: str, limit: int) -> str:
    """Cut text at a word boundary to at most `limit` characters, marking the cut with '…'."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:([")
    return cut + "\u2026"


def localise_number(text: str, lang: str | None = None) -> str:
    """An English-formatted number ('12,000,000', '3.5') in the language in use (or `lang`): in
    German the separators swap ('12.000.000', '3,5'), as Babel's de_AT writes them."""
    return text.translate(_DE_SEPARATORS) if (lang or i18n.current()) == "de" else text


_DE_SEPARATORS = str.maketrans({",": ".", ".": ","})


def grouped(value: float, decimals: int = 0) -> str:
    """12000000 -> '12,000,000' ('12.000.000' in German); decimals as given."""
    return localise_number(f"{float(value):,.{decimals}f}")


def number(value: float, unit: str = "") -> str:
    """1500000 -> '1.5 million'; 0.85 -> '0.85'; 12.0 -> '12'. In German '1,5 Millionen', '0,85'."""
    if value is None or pd.isna(value):
        return "?"
    v = float(value)
    if abs(v) >= 1_000_000:
        short = f"{v / 1_000_000:.1f}".rstrip("0").rstrip(".")
        if german():
            return f"{localise_number(short)} {'Million' if short == '1' else 'Millionen'} {unit}".strip()
        text = short + " million"
    elif abs(v) >= 1_000:
        text = f"{v:,.0f}"
    elif v == int(v):
        text = f"{int(v)}"
    else:
        text = f"{v:.2f}".rstrip("0").rstrip(".") if abs(v) < 10 else f"{v:.1f}".rstrip("0").rstrip(".")
    return f"{localise_number(text)} {unit}".strip()


# --- sizes ----------------------------------------------------------------------------------


def char_width(fontsize: float, bold: bool = False) -> float:
    """The width of an average character at fontsize points, in inches."""
    return fontsize * (CHAR_EM_DE if german() else CHAR_EM) * (BOLD_SCALE if bold else 1.0) / 72


def text_width(text: str, fontsize: float, bold: bool = False) -> float:
    """Estimated width in inches of the longest line of text at fontsize points."""
    return max((len(line) for line in str(text).split("\n")), default=0) * char_width(fontsize, bold)


def line_height(fontsize: float) -> float:
    """The height of one line of text at fontsize points, in inches."""
    return fontsize * LINE_EM / 72


def wrap(text: str, fontsize: float, width_in: float, bold: bool = False) -> list[str]:
    """Split text into lines that fit width_in inches at fontsize (a conservative estimate)."""
    if not text:
        return []
    chars = max(20, int(width_in / char_width(fontsize, bold)))
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(textwrap.wrap(para, chars, break_on_hyphens=False) or [""])
    return lines
