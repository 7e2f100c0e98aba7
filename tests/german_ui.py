"""Helpers for tests: the German of lessonkit's own strings, read from its catalogues
(src/lessonkit/locale/de/*.po), so tests never hard-code a German label."""

from functools import cache
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "lessonkit" / "locale" / "de"


@cache
def _entries() -> dict[str, str]:
    found = {}
    for path in sorted(LOCALE.glob("*.po")):
        for e in polib.pofile(str(path)):
            if e.msgstr and not e.obsolete and "fuzzy" not in e.flags:
                found[e.msgid] = e.msgstr
    return found


def german(msgid: str) -> str:
    """The German of an English UI string; a clear error if the catalogue lacks it."""
    try:
        return _entries()[msgid]
    except KeyError:
        raise AssertionError(f"no German for {msgid!r} in {LOCALE}/*.po") from None


def ui(msgid: str, lang: str) -> str:
    """msgid itself in English, its German in German."""
    return msgid if lang == "en" else german(msgid)
