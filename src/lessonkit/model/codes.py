"""Codes and names: votes (Y/N/A/NV), resolutions ('ES-11/1') and countries (ISO3 codes or
English names), checked with errors that name the bad value and suggest a valid one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pandas as pd

from lessonkit import i18n
from lessonkit.i18n import current
from lessonkit.text import brief_list, is_blank


VOTE_CODES = ("Y", "N", "A", "NV")


SEAT_BLOCKS = ("Y", "A", "NV", "N")  # left to right in the hemicycle


VOTE_ALIASES = {
    "Y": "Y", "YES": "Y", "IN FAVOUR": "Y", "IN FAVOR": "Y",
    "N": "N", "NO": "N", "AGAINST": "N",
    "A": "A", "ABSTAIN": "A", "ABSTENTION": "A", "ABSTAINED": "A",
    "NV": "NV", "X": "NV", "NOT VOTING": "NV", "NON-VOTING": "NV", "ABSENT": "NV",
}


# The states the DER STANDARD article (18 June 2024) names: Russia, North Korea, Vietnam,
# South Korea, Ukraine, China, the United States.
ARTICLE_ACTORS = ("RUS", "PRK", "VNM", "CHN", "KOR", "UKR", "USA")


class UnknownCode(ValueError):
    """A vote, resolution or country that the tables do not know (the message names it and
    suggests valid ones). The interactive explorers show it; any other error is a bug and raises."""


def certainty_labels(certainty: pd.DataFrame) -> dict[str, str]:
    """level -> the word students see for it ('confirmed' -> 'Confirmed'), in the order of the
    certainty table's rank (firmest first); in German its label_de column where there is one."""
    rows = certainty.sort_values("rank", kind="stable")
    col = "label_de" if current() == "de" and "label_de" in rows.columns else "label_en"
    return dict(zip(rows["level"].astype(str), rows[col].astype(str)))


def certainty_counted(certainty: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """level -> (the label for a count of one, the label for any other count), firmest first:
    ('Official estimate', 'Official estimates') from label_en and label_plural_en (German:
    label_de and label_plural_de). Without a plural column the label serves for every count."""
    rows = certainty.sort_values("rank", kind="stable")

    def col(stem: str) -> str:
        return f"{stem}_de" if current() == "de" and f"{stem}_de" in rows.columns else f"{stem}_en"

    many = col("label_plural") if "label_plural_en" in rows.columns else col("label")
    return {str(level): (str(one), str(other)) for level, one, other in zip(rows["level"], rows[col("label")], rows[many])}


def normalise_vote(value) -> str:
    key = "" if is_blank(value) else str(value).strip().upper()
    if key not in VOTE_ALIASES:
        raise UnknownCode(f"Unknown vote {value!r}: expected one of Y, N, A, NV.")
    return VOTE_ALIASES[key]


def name_map(countries: pd.DataFrame | None, codes: Iterable[str]) -> dict[str, str]:
    """Code -> the countries table's short_name, short_name_de in German (the code itself where
    the table has none)."""
    lookup = {}
    if countries is not None:
        lookup = dict(zip(countries["iso3"], i18n.column(countries, "short_name", fallback=True)))
    return {c: lookup[c] if not is_blank(lookup.get(c)) else c for c in codes}


def subject_names(countries: pd.DataFrame | None, codes: Iterable[str]) -> dict[str, tuple[str, bool]]:
    """Code -> (the state's name as the subject of a sentence, whether its verb is plural), in
    the language in use. German: countries.article_de before short_name_de and number_de
    ('die USA', True: 'die USA stimmten'; 'Russland', False). English: the short name, its verb
    singular (the verbs of the charts are the same for both). A table without these columns:
    the name alone, singular."""
    names = name_map(countries, codes)
    if current() != "de" or countries is None:
        return {c: (name, False) for c, name in names.items()}
    article = dict(zip(countries["iso3"], countries["article_de"])) if "article_de" in countries.columns else {}
    number = dict(zip(countries["iso3"], countries["number_de"])) if "number_de" in countries.columns else {}
    return {c: (name if is_blank(article.get(c)) else f"{article[c]} {name}", number.get(c) == "plural")
            for c, name in names.items()}


def _case_names(countries: pd.DataFrame | None, codes: Iterable[str], column: str, bare: str = "{}") -> dict[str, str]:
    """Code -> the countries table's German case form `column` in German (where the table has no
    such column or no value, a student's own table: the short name in `bare`, e.g. 'von {}'); the
    short name in English."""
    names = name_map(countries, codes)
    if current() != "de":
        return names
    known = countries is not None and column in countries.columns
    forms = dict(zip(countries["iso3"], countries[column])) if known else {}
    return {c: bare.format(name) if is_blank(forms.get(c)) else str(forms[c]) for c, name in names.items()}


def dative_names(countries: pd.DataFrame | None, codes: Iterable[str]) -> dict[str, str]:
    """Code -> the name after a German preposition that takes the dative (von, zwischen, mit):
    'den USA', 'den Niederlanden', 'dem Iran', 'der Ukraine', 'Russland' (countries.short_name_de_dative).
    English: the short name."""
    return _case_names(countries, codes, "short_name_de_dative")


def genitive_names(countries: pd.DataFrame | None, codes: Iterable[str]) -> dict[str, str]:
    """Code -> the name after a German noun that takes the genitive (unter Beteiligung …): 'der USA',
    'der Ukraine', 'des Iran', 'Russlands', 'von Laos' (countries.short_name_de_genitive). English:
    the short name."""
    return _case_names(countries, codes, "short_name_de_genitive")


def route_names(countries: pd.DataFrame | None, codes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Code -> (where a flow comes from, where it goes), with their prepositions in German:
    ('von Russland', 'nach Russland'), ('von den USA', 'in die USA'), ('vom Iran', 'in den Iran')
    (countries.short_name_de_von, short_name_de_nach; 'von …', 'nach …' where the table has none).
    English: the short name twice ('from {a} to {b}' has its prepositions)."""
    sources = _case_names(countries, codes, "short_name_de_von", bare="von {}")
    goals = _case_names(countries, codes, "short_name_de_nach", bare="nach {}")
    return {c: (source, goals[c]) for c, source in sources.items()}


def resolution_ids(resolutions: pd.DataFrame) -> list[str]:
    """Short ids in date order (ties by id)."""
    frame = resolutions.sort_values(["date", "short_id"], kind="stable")
    return [str(s) for s in frame["short_id"]]


def check_resolution(short_id: str, resolutions: pd.DataFrame) -> pd.Series:
    """The resolutions row for a short id ('ES-11/1') or symbol ('A/RES/ES-11/1').

    Raises ValueError naming the code and listing the valid ones."""
    key = str(short_id).strip()
    for column in ("short_id", "symbol"):
        if column in resolutions.columns:
            hit = resolutions[resolutions[column].astype(str).str.upper() == key.upper()]
            if len(hit):
                return hit.iloc[0]
    valid = resolution_ids(resolutions)
    close = difflib.get_close_matches(key, valid, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise UnknownCode(f"Unknown resolution {short_id!r}.{hint} Valid resolutions: {brief_list(valid)}.")


def check_countries(codes: str | Iterable[str], countries: pd.DataFrame | Iterable[str]) -> list[str]:
    """Upper-case ISO3 codes, checked against the countries table (or a list of codes).

    English names from the table are accepted too ('Vietnam' -> 'VNM'). Raises ValueError
    naming every unknown code, with a suggestion and a few valid examples."""
    if isinstance(codes, str):
        codes = [codes]
    if isinstance(countries, pd.DataFrame):
        valid = [str(c) for c in countries["iso3"]]
        by_name = {}
        if "name_en" in countries.columns:
            by_name = {str(n).lower(): str(c) for c, n in zip(countries["iso3"], countries["name_en"])}
        if "short_name" in countries.columns:
            by_name.update({str(n).lower(): str(c) for c, n in zip(countries["iso3"], countries["short_name"])})
    else:
        valid = [str(c) for c in countries]
        by_name = {}
    valid_set = set(valid)
    out, unknown = [], []
    for code in codes:
        key = str(code).strip()
        if key.upper() in valid_set:
            iso = key.upper()
        elif key.lower() in by_name:
            iso = by_name[key.lower()]
        else:
            unknown.append(str(code))
            continue
        if iso not in out:
            out.append(iso)
    if unknown:
        hints = []
        for u in unknown:
            close = difflib.get_close_matches(u.upper(), valid, n=1) or [
                by_name[m] for m in difflib.get_close_matches(u.lower(), list(by_name), n=1)
            ]
            hints.append(f"{u!r}" + (f" (did you mean {close[0]}?)" if close else ""))
        examples = [c for c in ("RUS", "PRK", "VNM", "CHN", "KOR", "UKR", "USA") if c in valid_set] or sorted(valid)[:7]
        raise UnknownCode(
            f"Unknown country code {', '.join(hints)}. Use ISO 3166-1 alpha-3 codes of UN member states, "
            f"e.g. {', '.join(examples)} ({len(valid)} valid codes: lessonkit.data.load('countries').iso3)."
        )
    return out
