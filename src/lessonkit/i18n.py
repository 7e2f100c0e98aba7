"""Which language lessonkit speaks, and its German strings.

`use("de")` (or the environment variable LESSONKIT_LANG=de) switches lessonkit to German:
`t(msgid)` and `nt(singular, plural, n)` then return the German text from the gettext
catalogues in lessonkit/locale/de/*.po (merged, read once), `column(frame, "label")` picks
the German data column `label_de`, and lessonkit.text formats dates and numbers as in
Austria (Babel, locale de_AT). English is the source: a msgid is the English text itself,
with `{name}` placeholders filled by `.format(**fields)`. Pure: no matplotlib, no ipywidgets.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "de")
# The Babel locale each language formats dates and numbers with ("en" keeps lessonkit's own forms).
LOCALES = {"en": "en", "de": "de_AT"}
ENV = "LESSONKIT_LANG"
COLUMN = "column"  # msgctxt of the data's column labels (locale/de/columns.po)
LOCALE_DIR = Path(__file__).with_name("locale")

_chosen: str | None = None


def _checked(lang: object, where: str) -> str:
    code = str(lang).strip().lower().replace("_", "-")
    code = {"de-at": "de", "en-gb": "en", "en-us": "en"}.get(code, code)
    if code not in LANGUAGES:
        raise ValueError(f"{where}: unknown language {lang!r}; lessonkit speaks {', '.join(LANGUAGES)}")
    return code


def use(lang: str) -> str:
    """Make lessonkit speak `lang` ("en" or "de") from now on; returns the language code."""
    global _chosen
    _chosen = _checked(lang, "lessonkit.use")
    return _chosen


def current() -> str:
    """The language in use: the one given to use(), else $LESSONKIT_LANG, else "en"."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV, "").strip()
    return _checked(env, f"the environment variable {ENV}") if env else "en"


def babel_locale() -> str:
    """The Babel locale for the language in use ("de_AT" for German)."""
    return LOCALES[current()]


def catalogue_files(lang: str = "de") -> list[Path]:
    return sorted((LOCALE_DIR / lang).glob("*.po"))


@cache
def catalogue(lang: str = "de") -> dict[str, str | dict[int, str]]:
    """msgid -> German text (a plural entry: {0: singular, 1: plural}), from every PO file of `lang`.

    Untranslated and fuzzy entries are left out (English shows instead); the same msgid with two
    different translations in two files is an error naming both files."""
    import polib

    merged: dict[str, str | dict[int, str]] = {}
    origin: dict[str, Path] = {}
    for path in catalogue_files(lang):
        try:
            po = polib.pofile(str(path), wrapwidth=0)
        except (OSError, ValueError) as err:
            raise ValueError(f"{path.name}: not a readable PO file ({err})") from err
        for entry in po.translated_entries():
            if entry.obsolete or entry.msgctxt == COLUMN:
                continue
            text = {int(k): v for k, v in entry.msgstr_plural.items()} if entry.msgid_plural else entry.msgstr
            if entry.msgid in merged and merged[entry.msgid] != text:
                raise ValueError(f"{path.name} and {origin[entry.msgid].name} translate {entry.msgid!r} differently")
            merged[entry.msgid] = text
            origin[entry.msgid] = path
    return merged


@cache
def column_labels(lang: str = "de") -> dict[str, str]:
    """Column name -> its label in `lang` (entries with msgctxt "column", from every PO file)."""
    import polib

    return {entry.msgid: entry.msgstr for path in catalogue_files(lang)
            for entry in polib.pofile(str(path), wrapwidth=0).translated_entries()
            if entry.msgctxt == COLUMN and not entry.obsolete}


def column_label(name) -> str | None:
    """The German label of a data column ("reported_by" -> "Gemeldet von") when German is in use;
    None in English, and for names that are not data columns ("ES-11/1", "RUS")."""
    if current() != "de" or not isinstance(name, str):
        return None
    return column_labels("de").get(name)


def N_(msgid: str) -> str:
    """Marks a string for the catalogue without translating it (for tables built at import time;
    translate it where it is shown, with t(variable))."""
    return msgid


def _fill(text: str, fields: dict) -> str:
    return text.format(**fields) if fields else text


def t(msgid: str, /, **fields) -> str:
    """`msgid` (English) in the language in use, with `{name}` placeholders filled from `fields`."""
    text = msgid
    if current() == "de":
        found = catalogue("de").get(msgid)
        if isinstance(found, str) and found:
            text = found
    return _fill(text, fields)


def nt(singular: str, plural: str, n: int, /, **fields) -> str:
    """The singular or plural form for `n` in the language in use; `{n}` is filled with n."""
    fields.setdefault("n", n)
    text = singular if n == 1 else plural
    if current() == "de":
        found = catalogue("de").get(singular)
        if isinstance(found, dict) and found:
            # German has two forms, as English: index 0 for one, 1 for the rest.
            text = found.get(0 if n == 1 else 1) or text
    return _fill(text, fields)


def column(frame, col: str, fallback: bool = False):
    """frame[col], or in German its translation frame[col + "_de"] (named `col`, so it drops in).

    A frame without the German column is a KeyError, unless fallback=True (frames that are not
    straight from data/, e.g. a student's own): then the English column."""
    if current() != "de":
        return frame[col]
    name = f"{col}_de"
    if name not in frame.columns:
        if fallback:
            return frame[col]
        raise KeyError(f"no German column {name!r} next to {col!r} (columns: {', '.join(map(str, frame.columns))})")
    return frame[name].rename(col)


def cell(row, col: str):
    """row[col] of one row (a Series), or in German row[col + "_de"] where the row has it."""
    if current() == "de" and f"{col}_de" in row.index:
        return row[f"{col}_de"]
    return row[col]
