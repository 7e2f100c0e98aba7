"""Country names in German: display_name, German names and aliases in the name boxes."""

import pytest

from lessonkit import countrynames, data, i18n


@pytest.fixture
def lang(monkeypatch):
    def set_lang(code):
        monkeypatch.setattr(i18n, "_chosen", code)
    return set_lang


def test_display_name_follows_the_language(lang):
    lang("en")
    assert countrynames.display_name("PRK") == "North Korea" and countrynames.display_name("USA", short=True) == "USA"
    assert countrynames.display_name("RUS") == "Russian Federation"
    assert countrynames.display_name("RUS", short=True) == "Russia"
    lang("de")
    assert countrynames.display_name("TUR") == "Türkei"
    assert countrynames.display_name("PRK", short=True) == "Nordkorea"
    assert countrynames.display_name("gbr", short=True) == "Großbritannien"
    assert countrynames.display_names(short=True)["VNM"] == "Vietnam"
    with pytest.raises(KeyError, match="XXX"):
        countrynames.display_name("XXX")


@pytest.mark.parametrize("typed, iso3", [("Vereinigte Staaten", "USA"), ("USA", "USA"), ("Türkei", "TUR"),
                                         ("turkei", "TUR"), ("Großbritannien", "GBR"), ("Grossbritannien", "GBR"),
                                         ("Nordkorea", "PRK"), ("Südkorea", "KOR"), ("Russland", "RUS"),
                                         ("Weißrussland", "BLR"), ("Elfenbeinküste", "CIV"), ("Österreich", "AUT")])
def test_german_names_are_understood(typed, iso3):
    assert countrynames.to_code(typed) == iso3


def test_no_german_name_takes_another_states_place():
    """A German name or short name never folds to the key of a different state."""
    countries = data.load("countries")
    table = countrynames.lookup()
    for col in ("name_de", "short_name_de"):
        for name, iso3 in zip(countries[col], countries["iso3"]):
            assert table[countrynames.fold(name)] == iso3, (col, name)
    aliases = data.load("country_aliases")
    for alias, iso3 in zip(aliases["alias"], aliases["iso3"]):
        assert table[countrynames.fold(alias)] == iso3, alias


def test_every_state_has_a_german_short_name():
    countries = data.load("countries")
    assert countries["short_name_de"].str.strip().ne("").all()
    assert not countries["short_name_de"].str.contains(",").any(), "short names are not in ISO's inverted form"


def test_german_suggestions(lang):
    lang("de")
    names = countrynames.suggestions()
    assert "Vereinigte Staaten" in names and "Weißrussland" in names
