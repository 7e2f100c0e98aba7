"""Helpers for tests: find the numbers in a text and look them up in the tables of data/."""

import re

import pandas as pd

from lessonkit import data

NUMBER = re.compile(r"(?<![¶\w])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s*million)?")
# Austrian German (Babel de_AT): "12.000.000", "3,5", "12 Millionen" / "12 Mio.", "19. Juni 2024"
# (the day's dot is no decimal point: a thousands group has three digits).
NUMBER_DE = re.compile(r"(?<![¶\w])(\d{1,3}(?:\.\d{3})+(?![\d])|\d+(?:,\d+)?)(\s*(?:Millionen|Million|Mio\.?))?")


def numbers_in(text: str, lang: str = "en") -> list[float]:
    out = []
    if lang == "de":
        for digits, million in NUMBER_DE.findall(text):
            value = float(digits.replace(".", "").replace(",", "."))
            out.append(value * 1e6 if million else value)
        return out
    for digits, million in NUMBER.findall(text):
        value = float(digits.replace(",", ""))
        out.append(value * 1e6 if million else value)
    return out


def table_values(name: str) -> tuple[set[float], str]:
    """Every number a table holds (numeric cells, years of dates) and its text, for lookups."""
    frame = data.load(name)
    values: set[float] = set()
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            values |= {float(d.year) for d in s.dropna()}
        elif pd.api.types.is_numeric_dtype(s):
            values |= {float(v) for v in s.dropna()}
    text = " ".join(str(v) for v in frame.to_numpy().ravel())
    return values, text


def in_table(value: float, values: set[float], text: str) -> bool:
    # "304 million TIV" is stored as 304 in a column counted in millions
    if any(abs(value - v) < 1e-9 or abs(value / 1e6 - v) < 1e-9 for v in values):
        return True
    forms = {f"{value:g}", f"{value:,.0f}" if value.is_integer() else f"{value}"}
    if value.is_integer():
        forms.add(str(int(value)))
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d,])", text) for f in forms)
