"""Checking codes and naming states (lessonkit.model.codes), on the fixture data package, without a
display."""

import pandas as pd
import pytest

from lessonkit import data
from lessonkit.model import codes as code_model
from model_fixture import fx

pytestmark = pytest.mark.filterwarnings("error")


def test_name_map_uses_the_short_name_column():
    countries = pd.DataFrame({"iso3": ["GBR", "FRA"], "name_en": ["United Kingdom", "France"],
                              "short_name": ["UK", "France"]})
    assert code_model.name_map(countries, ["GBR", "FRA", "XYZ"]) == {"GBR": "UK", "FRA": "France", "XYZ": "XYZ"}
    assert code_model.check_countries(["uk", "france"], countries) == ["GBR", "FRA"]
    real = data.load("countries")
    assert code_model.name_map(real, ["PRK", "VNM"]) == {"PRK": "North Korea", "VNM": "Viet Nam"} or \
        code_model.name_map(real, ["PRK"]) == {"PRK": "North Korea"}



def test_check_resolution_accepts_short_id_and_symbol():
    res = fx("un_resolutions")
    assert code_model.check_resolution("FX-2", res)["symbol"] == "A/RES/FX/2"
    assert code_model.check_resolution("a/res/fx/2", res)["short_id"] == "FX-2"



def test_unknown_resolution_names_code_and_lists_valid_ones():
    with pytest.raises(ValueError) as err:
        code_model.check_resolution("FX-9", fx("un_resolutions"))
    msg = str(err.value)
    assert "'FX-9'" in msg and "FX-1, FX-2, FX-3" in msg



def test_check_countries_normalises_and_accepts_names():
    countries = fx("countries")
    assert code_model.check_countries(["rus", "Vietnam", "North Korea", "RUS"], countries) == ["RUS", "VNM", "PRK"]
    assert code_model.check_countries("chn", countries) == ["CHN"]



def test_unknown_country_code_names_it_and_suggests():
    with pytest.raises(ValueError) as err:
        code_model.check_countries(["RUS", "XYZ", "VMN"], fx("countries"))
    msg = str(err.value)
    assert "'XYZ'" in msg and "'VMN'" in msg and "VNM" in msg and "RUS" in msg
    assert "alpha-3" in msg



def test_normalise_vote():
    assert [code_model.normalise_vote(v) for v in ("y", "No", "abstain", "NV", "x")] == ["Y", "N", "A", "NV", "NV"]
    with pytest.raises(ValueError, match="Unknown vote"):
        code_model.normalise_vote("maybe")
