"""Country names as students type them: codes, names and the aliases in data/country_aliases.csv."""

from __future__ import annotations

import pytest

from lessonkit import countrynames, data
from lessonkit.countrynames import fold, to_code


@pytest.mark.parametrize("typed,code", [
    ("USA", "USA"), ("usa", "USA"), ("United States", "USA"), ("united states of america", "USA"), ("US", "USA"),
    ("UK", "GBR"), ("United Kingdom", "GBR"), ("great britain", "GBR"),
    ("Turkey", "TUR"), ("Türkiye", "TUR"), ("turkiye", "TUR"),
    ("germany", "DEU"), ("  Viet   Nam ", "VNM"), ("Vietnam", "VNM"), ("Russia", "RUS"), ("North Korea", "PRK"),
    ("Cote d’Ivoire", "CIV"),
])
def test_names_codes_and_aliases_match_without_case_or_accents(typed, code):
    assert to_code(typed) == code


@pytest.mark.parametrize("typed", ["Narnia", "", "Korea", 42, None])
def test_unknown_or_ambiguous_names_give_none(typed):
    assert to_code(typed) is None


def test_aliases_are_unique_without_case_and_never_another_states_name():
    aliases = data.load("country_aliases")
    folded = [fold(a) for a in aliases["alias"]]
    assert len(folded) == len(set(folded))
    countries = data.load("countries")
    by_name = {fold(n): c for n, c in zip(countries["name_en"], countries["iso3"])}
    by_code = {fold(c) for c in countries["iso3"]}
    for alias, iso3 in zip(aliases["alias"], aliases["iso3"]):
        assert by_name.get(fold(alias), iso3) == iso3, alias
        assert fold(alias) not in by_code or fold(alias) == fold(iso3), alias


def test_suggestions_start_with_the_data_names_and_keep_their_spelling():
    s = countrynames.suggestions()
    names = set(data.load("countries")["name_en"])
    assert set(s[: len(names)]) == names and "Türkiye" in s and "Turkey" in s and "UK" in s
