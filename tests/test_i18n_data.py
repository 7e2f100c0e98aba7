"""German data columns: declared, filled wherever the English is, picked by lessonkit in German."""

import pytest

from lessonkit import clocks, data, i18n, validate
from lessonkit.model import captions, codes, vietnam
from lessonkit.paths import project_root

GERMAN = {"events": ["label", "event"], "un_resolutions": ["short_title"], "partnership_levels": ["label"],
          "countries": ["short_name"],
          "claims": ["explanation"], "transfers": ["item", "description", "unit"],
          "cam_ranh": ["user", "arrangement", "description"], "vietnam_misc": ["description", "unit"],
          "vietnam_doctrine": ["principle"], "sk_estimates": ["announced_by"], "sanctions_events": ["event", "actors"],
          "nk_missile_launches": ["counted_by", "counting_rule"]}
GERMAN["transfers"] = GERMAN["transfers"] + ["reported_by"]
GERMAN["events"] = GERMAN["events"] + ["place"]
GERMAN["events"] = GERMAN["events"] + ["note"]
GERMAN["transfers"] = GERMAN["transfers"] + ["note"]
GERMAN["vietnam_doctrine"] = GERMAN["vietnam_doctrine"] + ["document"]
GERMAN["vietnam_arms_imports"] = ["supplier_name"]


@pytest.mark.parametrize("name", sorted(GERMAN))
def test_german_columns_are_filled_where_the_english_is(name):
    frame = data.load(name)
    for col in GERMAN[name]:
        english, german = frame[col].fillna("").str.strip(), frame[f"{col}_de"].fillna("").str.strip()
        assert (german[english != ""] != "").all(), f"{name}.{col}_de"
        assert (german != english).any() or name == "partnership_levels", f"{name}.{col}_de copies the English"


def test_a_german_column_left_empty_is_an_error_naming_file_row_and_column():
    fields = [{"name": "label"}, {"name": "label_de"}, {"name": "definition_en"}, {"name": "definition_de"}]
    rows = [{"label": "Vote", "label_de": "Abstimmung", "definition_en": "", "definition_de": ""},
            {"label": "Veto", "label_de": " ", "definition_en": "A no", "definition_de": ""}]
    problems = validate.check_translations("x.csv", rows, fields)
    assert [(p.row, p.column) for p in problems] == [(2, "definition_de"), (2, "label_de")]
    assert "label_de is empty where label is not" in str(problems[-1])


def test_numbers_in_the_german_texts_are_those_of_the_english():
    """Translating changes words, never a number: the same digits (grouping aside) in each row."""
    import re

    def digits(text):
        return sorted(re.sub(r"(?<=\d)[.,](?=\d{3}\b)", "", n) for n in re.findall(r"\d[\d.,]*\d|\d", str(text)))

    for name, cols in GERMAN.items():
        frame = data.load(name)
        for col in cols:
            for en, de in zip(frame[col].fillna(""), frame[f"{col}_de"].fillna("")):
                assert digits(en) == digits(de) or _dates_only(en, de), (name, col, en, de)


def _dates_only(en: str, de: str) -> bool:
    # "2 Jan 2024" -> "2. Jänner 2024", "27–28 Feb" -> "27.–28. Feb.": same numbers, the day keeps its dot
    import re

    def nums(text):
        return sorted(re.findall(r"\d+", text.replace(".", "").replace(",", "")))
    return nums(en) == nums(de)


def test_lessonkit_shows_the_german_texts(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")
    events = data.load("events").set_index("event_id", drop=False)
    row = events.loc[["treaty-signed-pyongyang-2024"]]
    assert i18n.column(row, "label").tolist() == ["Vertrag unterzeichnet"]
    assert clocks.timeline(row)["Was geschah"].iloc[0].startswith("Putin und Kim unterzeichneten")
    res = data.load("un_resolutions").set_index("short_id", drop=False).loc["ES-11/3"]
    assert captions.resolution_subtitle(res, totals_only=False).endswith("Russlands Rechte im Menschenrechtsrat aussetzen")
    assert "2. März 2022" in captions.resolution_subtitle(data.load("un_resolutions").iloc[0], totals_only=False)
    assert codes.name_map(data.load("countries"), ["PRK", "RUS"]) == {"PRK": "Nordkorea", "RUS": "Russland"}
    monkeypatch.setattr(i18n, "_chosen", "en")
    assert codes.name_map(data.load("countries"), ["PRK"]) == {"PRK": "North Korea"}


def test_partnership_levels_in_german(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")
    frame = vietnam.partnership_timeline(data.load("vietnam_partnerships"), data.load("countries"),
                                         data.load("partnership_levels"))
    assert "Umfassende strategische Partnerschaft" in set(frame["level_label"])


def test_german_columns_are_declared():
    import json

    pkg = json.loads((project_root() / "data" / "datapackage.json").read_text(encoding="utf-8"))
    declared = {r["name"]: {f["name"] for f in r["schema"]["fields"]} for r in pkg["resources"]}
    for name, cols in GERMAN.items():
        assert {f"{c}_de" for c in cols} <= declared[name], name


def test_sources_section_in_german_has_german_titles_and_dates(monkeypatch):
    english = data.sources_markdown(["events", "transfers", "sources"])
    assert "Timeline: Trump–Kim diplomacy" in english and ", 2024-06-18</li>" in english and ", undated</li>" in english
    monkeypatch.setattr(i18n, "_chosen", "de")
    german = data.sources_markdown(["events", "transfers", "sources"])
    assert "<code>events</code> — Zeitleiste: die Diplomatie zwischen Trump und Kim" in german
    assert ", 18. Juni 2024</li>" in german and ", 4. Jänner 2024</li>" in german and ", ohne Datum</li>" in german
    assert "2024-06-18" not in german and "undated" not in german
    assert german.count("<li>") == english.count("<li>")


def test_german_source_dates_of_every_form(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")
    assert [data._published(d) for d in ("2024-06-18", "2024-01-02", "2024-10", "2019", "undated")] == [
        "18. Juni 2024", "2. Jänner 2024", "Oktober 2024", "2019", "ohne Datum"]


def test_every_table_has_a_german_title():
    for res in data.package()["resources"]:
        assert res.get("title_de", "").strip() and res["title_de"] != res["title"], res["name"]
