"""One source as a reader sees it: 'Publisher, “Title” (2 Mar 2022)', and the 'Source: …' line
under a chart or table. The one formatter: lessonkit.data.source_line and
lessonkit.model.captions use it; it reads no files."""

from __future__ import annotations

import pandas as pd

from lessonkit import i18n
from lessonkit.i18n import nt, t
from lessonkit.text import format_date, is_blank, shorten


# Quotation marks around a source's title, per language (German: „Titel“).
TITLE_QUOTES = {"en": ("\u201c", "\u201d"), "de": ("\u201e", "\u201c")}


def format_source(row, max_title: int | None = None, drawable=None) -> str:
    """One source as 'Publisher, “Title” (2 Mar 2022)' (German: 'Publisher, „Titel“ (2. März 2022)');
    the date is left out when undated, and titles longer than max_title characters are shortened.
    A row with neither publisher nor title shows its source_id (so a broken reference is visible).
    drawable (text -> bool, for a picture): a title it cannot draw (e.g. Hangul in a chart's font)
    is given as '[title in the Sources section]'."""
    publisher = "" if is_blank(row.get("publisher")) else str(row["publisher"]).strip()
    title = "" if is_blank(row.get("title")) else str(row["title"]).strip()
    if max_title and title:
        title = shorten(title, max_title)
    date = format_date(row.get("published"))
    if not publisher and not title:
        return str(row.get("source_id", "?"))
    text = publisher
    if title and drawable is not None and not drawable(title):
        text = f"{text}, {t('[title in the Sources section]')}" if text else t("[title in the Sources section]")
    elif title:
        opening, closing = TITLE_QUOTES[i18n.current()]
        quoted = f"{opening}{title}{closing}"
        text = f"{text}, {quoted}" if text else quoted
    if date:
        text += f" ({date})"
    return text


def format_source_line(rows, limit: int = 3, max_title: int | None = None, more_hint: str = "",
                       drawable=None) -> str:
    """'Source: …' / 'Sources: …; and 2 more' from rows of the sources table (a DataFrame or
    a list of dicts with publisher, title, published, source_id), in the given order: the
    first `limit` sources, titles cut to max_title characters; more_hint is added in
    brackets after the count of the rest (e.g. "see the chart's .sources"); drawable: see
    format_source."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else [dict(r) for r in rows]
    if not records:
        return t("Source: none cited")
    parts = [format_source(r, max_title, drawable) for r in records[:limit]]
    rest = len(records) - limit
    more = t("; and {n} more", n=rest) + (f" ({t(more_hint)})" if more_hint else "") if rest > 0 else ""
    return nt("Source: {list}", "Sources: {list}", len(records), list="; ".join(parts)) + more
