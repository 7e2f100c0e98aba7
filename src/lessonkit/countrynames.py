"""Country names, codes and aliases as a student types them: "USA", "united states", "Turkey".

The names come from data/countries.csv (iso3, name_en, short_name, name_de, short_name_de)
and data/country_aliases.csv (other English and German names and abbreviations). Matching
ignores case, accents and extra spaces and takes English and German names alike; what is
shown keeps the data's spelling, in the language in use (display_name). Pure Python: no
widgets, no plotting.
"""

from __future__ import annotations

import functools
import unicodedata

from lessonkit import data, i18n


def fold(text: object) -> str:
    """The form names are matched in: no case, no accents, one space, straight apostrophes."""
    return _fold(str(text))


@functools.lru_cache(maxsize=8192)  # the few hundred names and aliases, folded for every lookup()
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.casefold().split())


def _tables(countries=None):
    """The countries table (or the one given, e.g. a test fixture) and the aliases of its states."""
    countries = data.load("countries") if countries is None else countries
    aliases = data.load("country_aliases")
    return countries, aliases[aliases["iso3"].isin(set(countries["iso3"]))]


def lookup(countries=None) -> dict[str, str]:
    """Folded code, name or alias -> iso3."""
    countries, aliases = _tables(countries)
    found: dict[str, str] = {}
    for alias, iso3 in zip(aliases["alias"], aliases["iso3"]):
        found[fold(alias)] = iso3
    extra = [c for c in ("short_name", "name_de", "short_name_de") if c in countries.columns]
    for col in ["name_en", *extra]:
        for name, iso3 in zip(countries[col], countries["iso3"]):
            if isinstance(name, str) and name:
                found[fold(name)] = iso3
    for iso3 in countries["iso3"]:
        found[fold(iso3)] = iso3
    return found


def names() -> dict[str, str]:
    """iso3 -> English name (countries.csv's name_en)."""
    countries = data.load("countries")
    return dict(zip(countries["iso3"], countries["name_en"]))


def display_name(iso3: str, short: bool = False) -> str:
    """The name a student reads: name_en (short: short_name), in German name_de (short_name_de).
    An unknown code is a KeyError naming it."""
    return display_names(short)[_known(iso3)]


def display_names(short: bool = False) -> dict[str, str]:
    """iso3 -> display_name(iso3, short) for every state."""
    countries = data.load("countries")
    col = ("short_name" if short else "name_en") if i18n.current() == "en" else \
        ("short_name_de" if short else "name_de")
    return dict(zip(countries["iso3"], countries[col]))


def by_code():
    """A pandas Series iso3 -> the name a lesson prints: name_en in English; in German short_name_de,
    the German edition's text name (Nordkorea, not ISO's "Korea, Demokratische Volksrepublik").
    `names = countrynames.by_code()` gives `names["VNM"]` and `codes.map(names)` in either edition."""
    import pandas as pd

    shown = display_names(short=i18n.current() == "de")
    return pd.Series(shown, name="name").rename_axis("iso3")


def _known(iso3: str) -> str:
    code = str(iso3).strip().upper()
    if code not in set(data.load("countries")["iso3"]):
        raise KeyError(f"{iso3!r} is not an ISO3 code in data/countries.csv")
    return code


def to_code(text: object, table: dict[str, str] | None = None) -> str | None:
    """The iso3 code a typed name, alias or code stands for, or None."""
    if not isinstance(text, str):
        return None
    return (table if table is not None else lookup()).get(fold(text))


def suggestions(countries=None) -> list[str]:
    """What a name box may offer: every name (English, or German when German is in use), then
    the aliases, alphabetically."""
    countries, aliases = _tables(countries)
    col = "name_de" if i18n.current() == "de" and "name_de" in countries.columns else "name_en"
    shown = sorted(countries[col], key=fold)
    taken = {fold(n) for n in shown}
    extra = sorted((a for a in aliases["alias"] if fold(a) not in taken), key=fold)
    return shown + extra
