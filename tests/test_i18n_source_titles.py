"""sources.title_de: German for our own bracketed titles and notes only (issue 20). A publisher's
real title is never translated; the German edition shows it as it is."""

import csv
import html
import json
import re
import shutil

import pandas as pd
import pytest

from lessonkit import data, i18n, validate
from lessonkit.paths import project_root

BRACKETED = re.compile(r"\[[^\[\]]+\]")
ENGLISH_MARKER, GERMAN_MARKER = "(descriptive title)", "(beschreibender Titel)"
# Rows whose unbracketed words are ours too, so title_de translates them (the rest of the
# text outside the brackets is the publisher's and is copied unchanged):
OUR_WORDS_OUTSIDE_BRACKETS = {
    "vietnam-recordchina-2025-china",  # a description of a Japanese page, '(Japanese)'
    "vietnam-wiki-camranh-airbase",  # '(section: …)' -> '(Abschnitt: …)', the heading itself kept
}


def rows():
    return data.read_rows("sources")[1]


def test_title_de_is_filled_exactly_for_our_bracketed_titles_and_notes():
    filled = [r for r in rows() if r["title_de"].strip()]
    assert len(filled) == 61
    for r in rows():
        assert bool(r["title_de"].strip()) == bool(BRACKETED.search(r["title"])), r["source_id"]
    assert validate.check_translations("sources.csv", rows(), data.resource("sources")["schema"]["fields"]) == []


def test_title_de_keeps_brackets_marker_numbers_and_the_publishers_words():
    def digits(text):  # '7,000' and '7.000' are the same number; so are '9.2%' and '9,2 %'
        return sorted(re.sub(r"[.,]", "", n) for n in re.findall(r"\d[\d.,]*\d|\d", text))

    for r in rows():
        en, de = r["title"], r["title_de"]
        if not de:
            continue
        assert len(BRACKETED.findall(de)) == len(BRACKETED.findall(en)), r["source_id"]
        assert en.endswith(ENGLISH_MARKER) == de.endswith(GERMAN_MARKER), r["source_id"]
        assert "descriptive" not in de and de != en, r["source_id"]
        assert digits(en) == digits(de), (r["source_id"], en, de)
        outside_en, outside_de = BRACKETED.sub("[]", en), BRACKETED.sub("[]", de)
        if r["source_id"] not in OUR_WORDS_OUTSIDE_BRACKETS:
            assert outside_en.replace(ENGLISH_MARKER, GERMAN_MARKER) == outside_de, r["source_id"]


def test_german_load_shows_german_bracketed_titles_and_the_real_titles_unchanged(monkeypatch):
    english = data.load("sources").set_index("source_id")
    monkeypatch.setattr(i18n, "_chosen", "de")
    german = data.load("sources").set_index("source_id")
    assert german.loc["events-kbs-2024-06-19-arrival", "title"] == (
        "[Putin trifft in den frühen Morgenstunden des Mittwochs in Nordkorea ein] (beschreibender Titel)")
    assert german.loc["arms-guardian-2024-12-23-jcs", "title"] == (
        "More than 1,000 North Korean military casualties in Ukraine war, says South Korea [in einer Kopie gelesen]")
    assert german.loc["vietnam-gazeta-2025-10-28-nyt", "title"].startswith("NYT: Вьетнам тайно закупает")
    real = english["title_de"].isna()
    assert real.sum() == len(english) - 61
    assert german.loc[real, "title"].tolist() == english.loc[real, "title"].tolist()  # the fallback
    assert german.loc[~real, "title"].tolist() == english.loc[~real, "title_de"].tolist()
    assert german["title"].notna().all()
    assert not german["title"].str.contains(re.escape(ENGLISH_MARKER)).any()


def test_english_load_is_unchanged():
    frame = data.load("sources")
    assert frame["title"].tolist() == [r["title"] for r in rows()]
    assert frame.loc[frame.source_id == "events-kbs-2024-06-19-arrival", "title"].item() == (
        "[Putin arrives in North Korea in early hours of Wednesday] (descriptive title)")


def test_a_partial_german_column_falls_back_and_a_full_one_is_copied_wholesale(monkeypatch):
    fields = [{"name": "title", "shown_in_german": "title_de"},
              {"name": "title_de", "translated_only_where": {"pattern": r"\[[^\[\]]+\]"}},
              {"name": "note", "shown_in_german": "note_de"}, {"name": "note_de"}]
    frame = pd.DataFrame({"title": ["[Our words]", "Real title"], "title_de": ["[Unsere Worte]", None],
                          "note": ["A note", None], "note_de": ["Eine Anmerkung", None]})
    monkeypatch.setattr(i18n, "_chosen", "en")
    assert data.in_language(frame.copy(), fields)["title"].tolist() == ["[Our words]", "Real title"]
    monkeypatch.setattr(i18n, "_chosen", "de")
    german = data.in_language(frame.copy(), fields)
    assert german["title"].tolist() == ["[Unsere Worte]", "Real title"]
    assert german["note"].tolist()[0] == "Eine Anmerkung" and pd.isna(german["note"].tolist()[1])


def _break(source_id, **cells):
    broken = [dict(r) for r in rows()]
    at = next(i for i, r in enumerate(broken) if r["source_id"] == source_id)
    broken[at].update(cells)
    problems = validate.check_translations("sources.csv", broken, data.resource("sources")["schema"]["fields"])
    return at + 1, [str(p) for p in problems]


def test_a_title_de_for_a_real_title_is_an_error_naming_file_row_and_field():
    real = next(r for r in rows() if "[" not in r["title"])
    row, problems = _break(real["source_id"], title_de="Ein übersetzter Titel")
    assert problems == [f"sources.csv, row {row} (line {row + 1}): title_de is given, but title {real['title']!r} "
                        "has no part in [square brackets] (a publisher's own title is never translated); "
                        "leave title_de empty [translation]"]


def test_a_missing_or_unbracketed_title_de_is_an_error_naming_file_row_and_field():
    row, problems = _break("events-kbs-2024-06-19-arrival", title_de=" ")
    assert problems == [f"sources.csv, row {row} (line {row + 1}): title_de is empty, but title "
                        "'[Putin arrives in North Korea in early hours of Wednesday] (descriptive title)' has a part "
                        "in [square brackets]: translate it [translation]"]
    row, problems = _break("events-kbs-2024-06-19-arrival", title_de="Putin trifft in Nordkorea ein")
    assert problems == [f"sources.csv, row {row} (line {row + 1}): title_de has 0 part(s) in [square brackets], "
                        "title has 1: keep each one, translated [translation]"]


def test_data_load_reports_the_broken_row(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(project_root() / "data", folder, ignore=shutil.ignore_patterns("raw", "notes"))
    with (folder / "sources.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    row = next(i for i, cells in enumerate(table[1:], start=1) if "[" not in cells[table[0].index("title")])
    table[row][table[0].index("title_de")] = "Übersetzt"
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(table)
    with pytest.raises(validate.DataError) as info:
        data.load("sources", folder)
    assert str(info.value).startswith(f"sources.csv, row {row} (line {row + 1}): title_de is given, but title ")
    assert str(info.value).endswith("leave title_de empty [translation]")


def test_the_field_is_declared_and_shown_in_german():
    pkg = json.loads((project_root() / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in next(r for r in pkg["resources"] if r["name"] == "sources")["schema"]["fields"]}
    assert fields["title"]["shown_in_german"] == "title_de"
    assert fields["title_de"]["translated_only_where"]["pattern"] == BRACKETED.pattern
    assert "never translated" in fields["title_de"]["description"]


def test_german_sources_sections_show_no_english_description(monkeypatch):
    english = {r["source_id"]: r["title"] for r in rows() if r["title_de"]}
    monkeypatch.setattr(i18n, "_chosen", "de")
    section = html.unescape(data.sources_markdown([r["name"] for r in data.package()["resources"]]))
    assert "descriptive title" not in section and "(beschreibender Titel)" in section
    for title in english.values():
        for part in BRACKETED.findall(title):
            assert part not in section, part


@pytest.mark.parametrize("path", sorted((project_root() / "notebooks" / "de").glob("*.ipynb")), ids=lambda p: p.stem)
def test_stored_german_lessons_show_no_english_bracketed_title(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    shown = []
    for cell in nb["cells"]:
        shown.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            shown.append("".join(out.get("text", "")))
            for kind, value in out.get("data", {}).items():
                if kind.startswith("text/"):
                    shown.append("".join(value))
    text = html.unescape("\n".join(shown))
    assert "descriptive title" not in text
    for r in rows():
        if r["title_de"]:
            for part in BRACKETED.findall(r["title"]):
                assert part not in text, (r["source_id"], part)
