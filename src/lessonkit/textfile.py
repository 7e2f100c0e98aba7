"""Reading the text files teachers edit (data/*.csv, quizzes/*.toml) the way editors save them.

UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8" writes one) is read as UTF-8;
anything else is refused with the line of the first bad byte and how to save the file again.
A CSV separated by ";" or tabs (Excel in many European locales) is recognised as such.
"""

from __future__ import annotations

SAVE_AS_CSV_UTF8 = 'save it as "CSV UTF-8" (Excel: File > Save As > "CSV UTF-8 (Comma delimited)")'
SAVE_AS_UTF8 = "save it as UTF-8 (in the editor's Save As dialog, choose the encoding UTF-8)"
SEPARATOR_NAMES = {";": "semicolons (;)", "\t": "tabs"}


class NotUtf8(ValueError):
    """The file is not UTF-8: `line` is the line of the first byte that is not."""

    def __init__(self, line: int, byte: int):
        self.line = line
        self.byte = byte
        guess = bytes([byte]).decode("cp1252", errors="replace")
        looks = f" ({guess!r} in Windows-1252/Latin-1)" if guess != "\ufffd" else ""
        super().__init__(f"line {line}: not UTF-8 text: byte 0x{byte:02x}{looks}")


def decode(raw: bytes) -> str:
    """The text of a file's bytes: UTF-8, a leading byte-order mark dropped."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NotUtf8(line, raw[exc.start]) from None


def other_separator(first_line: str) -> str | None:
    """";" or a tab when the line is separated by it rather than by commas, else None."""
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if best != "," and counts[best] > counts[","] else None
