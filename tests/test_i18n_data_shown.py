"""German data texts in the lessons' own tables: validated, put in place by data.load, in the
stored German lessons."""

import html
import json
import re

import pytest

from lessonkit import countrynames, data, i18n, validate
from lessonkit.paths import project_root

# The German columns issue 20 added for what students read (table -> English columns).
COLUMNS = [("events", "place"), ("claims", "explanation"), ("transfers", "item"), ("transfers", "description"),
           ("transfers", "unit"), ("cam_ranh", "user"), ("cam_ranh", "arrangement"), ("cam_ranh", "description"),
           ("vietnam_misc", "description"), ("vietnam_misc", "unit"), ("vietnam_doctrine", "principle"),
           ("transfers", "reported_by"), ("sk_estimates", "announced_by"), ("sanctions_events", "actors"),
           ("nk_missile_launches", "counted_by"), ("nk_missile_launches", "counting_rule"),
           ("events", "note"), ("transfers", "note"), ("vietnam_doctrine", "document"),
           ("vietnam_arms_imports", "supplier_name"), ("un_resolutions", "short_title")]


@pytest.mark.parametrize("name, col", COLUMNS)
def test_an_empty_german_cell_is_an_error_naming_file_row_and_column(name, col):
    _, rows = data.read_rows(name)
    fields = data.resource(name)["schema"]["fields"]
    assert f"{col}_de" in [f["name"] for f in fields], f"{name}.{col}_de is not declared"
    assert validate.check_translations(f"{name}.csv", rows, fields) == []
    at = next(i for i, r in enumerate(rows) if r[col].strip())
    broken = [dict(r) for r in rows]
    broken[at][f"{col}_de"] = "  "
    problems = validate.check_translations(f"{name}.csv", broken, fields)
    assert [(p.row, p.column) for p in problems] == [(at + 1, f"{col}_de")]
    assert str(problems[0]) == (f"{name}.csv, row {at + 1} (line {at + 2}): {col}_de is empty where {col} is not "
                                "[translation]")


def test_shown_in_german_must_name_a_column():
    fields = [{"name": "description", "shown_in_german": "descripton_de"}, {"name": "description_de"}]
    problems = validate.check_translations("x.csv", [{"description": "A", "description_de": "B"}], fields)
    assert [str(p) for p in problems] == ["x.csv: description is shown_in_german as 'descripton_de', which is not "
                                          "a column of this table [translation]"]


def test_in_german_the_shown_columns_hold_the_german_text(monkeypatch):
    english = data.load("cam_ranh")
    monkeypatch.setattr(i18n, "_chosen", "de")
    german = data.load("cam_ranh")
    for col in ("user", "arrangement", "description"):
        assert german[col].tolist() == english[f"{col}_de"].tolist()
    assert german.loc[0, "user"] == "USA" and english.loc[0, "user"] == "United States"
    # a column code filters on keeps its English values: transfers.item == "ballistic missiles"
    transfers = data.load("transfers")
    assert (transfers.item == "ballistic missiles").sum() == 7
    assert transfers.description.iloc[0].startswith("Container mit Militärausrüstung")
    assert data.load("sanctions_events").event.iloc[0].startswith("Russland legt sein Veto")
    assert data.load("sanctions_events").actors.iloc[0].startswith("RUS (Veto); CHN (Enthaltung)")
    assert transfers.reported_by.iloc[0] == "Weißes Haus (NSC-Sprecher John Kirby)"
    assert data.load("sk_estimates").announced_by.iloc[0] == "Verteidigungsministerium (offiziell)"
    assert data.load("nk_missile_launches").counted_by.iloc[1] == "Japanisches Verteidigungsministerium"


def test_the_msmt_keeps_its_tag_in_german(monkeypatch):
    """The seoul chart labels the multilateral estimate by the table's estimator_tag, not by the
    initials of its (German) name."""
    import matplotlib

    from lessonkit import charts

    monkeypatch.setattr(i18n, "_chosen", "de")
    chart = charts.seoul_estimates()
    texts = [t.get_text() for t in chart.fig.findobj(matplotlib.text.Text)]
    assert "MSMT: Multilaterales Sanktionsüberwachungsteam (11 Staaten)" in texts
    assert any(t.startswith("MSMT: bis zu 9 Millionen") for t in texts)
    assert not any(t.startswith("MS:") for t in texts)
    assert ", Multilaterales Sanktionsüberwachungsteam (11 Staaten; Bericht" in chart.alt_text


def test_country_names_by_code_follow_the_language(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "en")
    assert countrynames.by_code()[["PRK", "VNM"]].tolist() == ["North Korea", "Vietnam"]
    monkeypatch.setattr(i18n, "_chosen", "de")
    names = countrynames.by_code()
    assert names[["PRK", "RUS", "USA"]].tolist() == ["Nordkorea", "Russland", "USA"]
    assert names.index.name == "iso3" and len(names) == 193


def _outputs(notebook: str, cell_id: str) -> str:
    nb = json.loads((project_root() / "notebooks" / "de" / notebook).read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c.get("id") == cell_id)
    parts = []
    for out in cell.get("outputs", []):
        for value in (out.get("data", {}).get("text/html"), out.get("text")):
            if value:
                parts.append("".join(value))
    return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))


# (German lesson, cell id, table, column, rows shown: a pandas query on the English table)
SHOWN = [
    ("01_kontext.ipynb", "l1-008", "events", "place", "date >= '2024-06-18' and date <= '2024-06-20'"),
    ("01_kontext.ipynb", "l1-049", "claims", "explanation", "verdict != 'consistent'"),
    ("02_waffenstroeme.ipynb", "00d30037", "sanctions_events", "event", "index == index"),
    ("02_waffenstroeme.ipynb", "9aca6701", "transfers", "description", "from_iso3 == 'KOR'"),
    ("02_waffenstroeme.ipynb", "aff1d4f9", "transfers", "description", "to_iso3 == 'VNM'"),
    ("02_waffenstroeme.ipynb", "92dd7b5d", "transfers", "unit", "item == 'oil'"),
    ("03_vietnams_balanceakt.ipynb", "cd7f6d60", "vietnam_doctrine", "principle", "index == index"),
    ("03_vietnams_balanceakt.ipynb", "6eb141ef", "cam_ranh", "description", "index == index"),
    ("03_vietnams_balanceakt.ipynb", "6eb141ef", "cam_ranh", "user", "index == index"),
    ("03_vietnams_balanceakt.ipynb", "4c0f4f7a", "vietnam_misc", "description",
     "topic in ['intelligence', 'transnational repression']"),
    ("03_vietnams_balanceakt.ipynb", "8d47491c", "vietnam_misc", "description", "topic == 'tourism'"),
    ("02_waffenstroeme.ipynb", "e85ab6ee", "sk_estimates", "announced_by", "index == index"),
    ("02_waffenstroeme.ipynb", "4c138308", "transfers", "reported_by", "item == 'ballistic missiles'"),
    ("02_waffenstroeme.ipynb", "e155e3b3", "transfers", "reported_by", "to_iso3 == 'PRK'"),
    ("02_waffenstroeme.ipynb", "92dd7b5d", "transfers", "reported_by", "item == 'oil'"),
    ("02_waffenstroeme.ipynb", "00d30037", "sanctions_events", "actors", "index == index"),
    ("02_waffenstroeme.ipynb", "d90e1d18", "nk_missile_launches", "counted_by", "index == index"),
    ("02_waffenstroeme.ipynb", "d90e1d18", "nk_missile_launches", "counting_rule", "index == index"),
    ("01_kontext.ipynb", "l1-055", "events", "note", "event_id == 'treaty-signed-pyongyang-2024'"),
    ("01_kontext.ipynb", "l1-019", "un_resolutions", "short_title", "short_id in ['ES-11/1', 'ES-11/3']"),
    ("02_waffenstroeme.ipynb", "d2b16de9", "events", "note", "event_id == 'north-korea-6th-nuclear-test-2017'"),
    ("02_waffenstroeme.ipynb", "ac117a23", "transfers", "note", "item == 'money'"),
    ("02_waffenstroeme.ipynb", "92dd7b5d", "transfers", "note", "item == 'oil'"),
    ("03_vietnams_balanceakt.ipynb", "c0c64df5", "vietnam_doctrine", "document",
     "principle_id in ['wp2019_no_bases', 'mofa2016_no_bases']"),
    ("03_vietnams_balanceakt.ipynb", "4cf81495", "vietnam_arms_imports", "supplier_name",
     "period_end - period_start != 4"),
]


def test_in_german_notes_documents_and_suppliers_are_german(monkeypatch):
    """Lesson 1 prints the treaty's note on the core path; lessons 2 and 3 show notes, documents and
    suppliers in tables: in German they come from note_de, document_de, supplier_name_de."""
    english = data.load("events").set_index("event_id")
    assert english.loc["treaty-signed-pyongyang-2024", "note"].startswith("Disagreement: the Wikipedia infobox")
    monkeypatch.setattr(i18n, "_chosen", "de")
    events = data.load("events").set_index("event_id")
    assert events.loc["treaty-signed-pyongyang-2024", "note"].startswith(
        "Widersprüchliche Angaben: Der Infokasten der Wikipedia nennt als Datum der Unterzeichnung den 18. Juni 2024")
    assert data.load("transfers").set_index("transfer_id").loc["rus-prk-oil-2024-osc", "note"].startswith(
        "„Mehr als eine Million Barrel“")
    doctrine = data.load("vietnam_doctrine").set_index("principle_id")
    assert doctrine.loc["mofa2016_no_bases", "document"] == "Pressebriefing des Außenministeriums (Sprecher Le Hai Binh)"
    arms = data.load("vietnam_arms_imports")
    assert set(arms.supplier_name) >= {"Russland", "Niederlande", "USA", "unbekannte(r) Lieferant(en)"}
    # measure is compared with values (lesson 2 filters measure == "imports"): it stays English
    assert set(arms.measure) == {"imports", "inventory"}
    resolutions = data.load("un_resolutions").set_index("short_id")
    assert resolutions.loc["ES-11/3", "short_title"] == resolutions.loc["ES-11/3", "short_title_de"]
    assert "Human Rights Council" not in resolutions.loc["ES-11/3", "short_title"]


def test_the_german_lesson_1_no_longer_prints_the_english_treaty_note():
    shown = _outputs("01_kontext.ipynb", "l1-055")
    assert "Disagreement" not in shown and "infobox" not in shown
    assert "Regierungsgebäude Nr. 1" in shown


@pytest.mark.parametrize("notebook, cell_id, name, col, rows", SHOWN)
def test_the_german_lessons_show_the_german_text(notebook, cell_id, name, col, rows):
    shown = _outputs(notebook, cell_id)
    frame = data.load(name).query(rows)
    assert len(frame)
    for en, de in zip(frame[col], frame[f"{col}_de"]):
        assert de in shown, f"{notebook} {cell_id}: no {name}.{col}_de {de!r}"
        if en != de and len(en) > 12:  # short words ("Vietnam", "lease") may stand elsewhere in the table
            assert en not in shown, f"{notebook} {cell_id}: English {name}.{col} {en!r}"


def test_lesson_3_prints_german_country_names():
    shown = _outputs("03_vietnams_balanceakt.ipynb", "97668e13")
    assert "Nordkorea" in shown and "Russland" in shown
    assert "North Korea" not in shown and "Russian Federation" not in shown


def test_the_german_claims_table_quotes_the_article_in_the_original(monkeypatch):
    """In German the article's quotes stand in the original (issue 20, item 4): the claims
    table's translation_en column shows quote_de there, and lesson 1 prints no English translation."""
    english = data.load("claims")
    assert (english.translation_en != english.quote_de).all()
    monkeypatch.setattr(i18n, "_chosen", "de")
    assert data.load("claims").translation_en.tolist() == english.quote_de.tolist()
    shown = _outputs("01_kontext.ipynb", "l1-049")
    for row in english.query("verdict != 'consistent'").itertuples():
        assert row.quote_de in shown, f"l1-049: no original quote {row.quote_de!r}"
        assert row.translation_en not in shown, f"l1-049: English translation {row.translation_en!r}"
