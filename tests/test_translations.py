"""The German edition's catalogues: units, PO merging (tools/translations.py) and overlays."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import polib
import pytest
import translations
from _overlay_files import render

from lessonkit import manifest
from lessonkit.po_units import cell_units, markdown_blocks, translate_cell
from lessonkit.quiz import bank as bank_mod
from lessonkit.quiz import overlay

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = [x for x in manifest.lessons() if x.language == "en"]


def cells(lesson):
    return json.loads(lesson.notebook.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("lesson", ENGLISH, ids=lambda x: x.id)
def test_putting_the_english_back_gives_the_same_source(lesson):
    for cell in cells(lesson):
        assert translate_cell(cell, lambda u: u.text) == "".join(cell["source"])


def test_blocks_split_on_blank_lines_but_not_in_a_fence():
    src = "## Head\n\nPara one\nstill one\n\n```python\nx = 1\n\ny = 2\n```\n\n</details>"
    units = [t for is_unit, t in markdown_blocks(src) if is_unit]
    assert units == ["## Head", "Para one\nstill one", "```python\nx = 1\n\ny = 2\n```"]


def test_comments_are_units_and_code_stays():
    cell = {"cell_type": "code", "id": "c1", "source": "# Load the tools\nx = '# not a comment'  # why\n"}
    assert [u.text for u in cell_units(cell)] == ["Load the tools", "why"]
    german = translate_cell(cell, lambda u: {"Load the tools": "Lade die Werkzeuge", "why": "warum"}[u.text])
    assert german == "# Lade die Werkzeuge\nx = '# not a comment'  # warum\n"


def lesson1():
    return ENGLISH[0]


def test_update_marks_changed_english_fuzzy_and_gone_english_obsolete():
    unit_a = translations.Unit("c1", "The trip had three stops.", "markdown")
    unit_b = translations.Unit("c1", "A paragraph that goes away.", "markdown")
    po, _ = translations.merge(None, [unit_a, unit_b], lesson1())
    assert [e.msgstr for e in po] == ["", ""]
    po[0].msgstr, po[1].msgstr = "Die Reise hatte drei Stationen.", "Ein Absatz, der verschwindet."
    changed = translations.Unit("c1", "The trip had three stops in all.", "markdown")
    new, counts = translations.merge(po, [changed], lesson1())
    active = [e for e in new if not e.obsolete]
    assert len(active) == 1 and "fuzzy" in active[0].flags
    assert active[0].msgstr == "Die Reise hatte drei Stationen."
    assert active[0].previous_msgid == "The trip had three stops."
    assert [e.msgid for e in new.obsolete_entries()] == ["A paragraph that goes away."]
    assert counts == {"new": 0, "fuzzy": 1, "obsolete": 1, "dropped": 0}


def test_update_keeps_translations_of_unchanged_english(tmp_path):
    unit = translations.Unit("c1", "Same text.", "markdown")
    po, _ = translations.merge(None, [unit], lesson1())
    po[0].msgstr = "Derselbe Text."
    path = tmp_path / "x.po"
    translations.save_po(po, path)
    again, counts = translations.merge(polib.pofile(str(path)), [unit], lesson1())
    assert again[0].msgstr == "Derselbe Text." and not again[0].flags
    assert counts["new"] == counts["fuzzy"] == 0
    assert translations.save_po(again, path) is False  # nothing changed, nothing written


def test_quote_units_tell_the_translator_to_drop_the_translation_line():
    quotes = [u for u in translations.notebook_units(lesson1().notebook) if u.is_quote]
    assert quotes and all("\n> *" in u.text for u in quotes)
    po, _ = translations.merge(None, quotes, lesson1())
    assert all("drop the translation line" in e.comment for e in po)


@pytest.mark.parametrize("lesson", ENGLISH, ids=lambda x: x.id)
def test_every_unit_has_an_entry_in_the_committed_catalogue(lesson):
    po = polib.pofile(str(translations.po_path(lesson.id)))
    keys = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    missing = [u for u in translations.notebook_units(lesson.notebook) if (u.cell_id, u.text) not in keys]
    assert not missing, f"run python tools/translations.py update: {missing[:3]}"


# --- quiz overlays ---------------------------------------------------------------------------

def filled_overlay(bank: bank_mod.Bank) -> dict:
    """An overlay with every field filled ("DE " + the English)."""
    raw = tomllib.loads(render(bank, {}))
    raw["title"] = "DE " + bank.title
    for entry, q in zip(raw["question"], bank.questions):
        for key, english in overlay.english_fields(q).items():
            entry[key] = "DE " + english
        if q.items:
            entry["items"] = ["DE " + i for i in q.items]
        for o_entry, o in zip(entry.get("option", []), q.options):
            o_entry["text"], o_entry["feedback"] = "DE " + o.text, "DE " + o.feedback
    return raw


@pytest.mark.parametrize("lesson", ENGLISH, ids=lambda x: x.id)
def test_skeleton_has_one_empty_field_per_english_text(lesson):
    bank = bank_mod.load(lesson.bank)
    raw = tomllib.loads(render(bank, {}))
    assert [q["id"] for q in raw["question"]] == bank.ids()
    assert all(q["en"] == overlay.fingerprint(b) for q, b in zip(raw["question"], bank.questions))
    found = overlay.problems(bank, raw, Path("x.toml"))
    assert any("question" in p and "prompt: missing German text" in p for p in found)
    assert not overlay.problems(bank, filled_overlay(bank), Path("x.toml"))


def test_render_keeps_german_text_and_marks_stale_entries():
    bank = bank_mod.load(lesson1().bank)
    raw = filled_overlay(bank)
    raw["question"][0]["en"] = "000000000000"  # as if translated from older English
    again = tomllib.loads(render(bank, raw))
    assert again["question"][0]["prompt"] == "DE " + bank.questions[0].prompt
    assert again["question"][0]["en"] == "000000000000"
    found = overlay.problems(bank, again, Path("x.toml"))
    assert len(found) == 1 and f"question {bank.questions[0].id!r}: stale" in found[0]
    assert overlay.fingerprint(bank.questions[0]) in found[0]


def test_missing_option_is_named():
    bank = bank_mod.load(lesson1().bank)
    raw = filled_overlay(bank)
    q = next(e for e in raw["question"] if e.get("option"))
    gone = q["option"].pop(0)
    found = overlay.problems(bank, raw, Path("x.toml"))
    assert found == [f"x.toml: question {q['id']!r}: option {gone['id']!r}: missing"]


def write_overlay(tmp_path, raw: dict) -> Path:
    """raw as a TOML file (through render, which writes every German field it is given)."""
    path = tmp_path / "overlay.toml"
    path.write_text(render(bank_mod.load(lesson1().bank), raw), encoding="utf-8")
    return path


def test_apply_takes_the_text_from_the_overlay_and_the_rest_from_the_english(tmp_path, monkeypatch):
    bank = bank_mod.load(lesson1().bank)
    path = write_overlay(tmp_path, filled_overlay(bank))
    monkeypatch.setattr(overlay, "overlay_path", lambda name, lang: path)
    german = overlay.apply(bank, "de")
    assert german.title == "DE " + bank.title and german.name == bank.name
    for de, en in zip(german.questions, bank.questions):
        assert de.prompt == "DE " + en.prompt and de.translation == ""
        assert (de.id, de.type, de.answer, de.tolerance, de.table, de.quote) == \
            (en.id, en.type, en.answer, en.tolerance, en.table, en.quote)
        assert [o.correct for o in de.options] == [o.correct for o in en.options]
        assert [o.id for o in de.options] == [o.id for o in en.options]
        assert all(o.feedback.startswith("DE ") for o in de.options)
        assert all(i.startswith("DE ") for i in de.items)


def test_apply_refuses_an_incomplete_overlay_naming_bank_question_and_option(tmp_path, monkeypatch):
    bank = bank_mod.load(lesson1().bank)
    raw = filled_overlay(bank)
    q = next(e for e in raw["question"] if e.get("option"))
    q["option"][1]["feedback"] = ""
    path = write_overlay(tmp_path, raw)
    monkeypatch.setattr(overlay, "overlay_path", lambda name, lang: path)
    with pytest.raises(overlay.OverlayError, match=rf"bank '01_context'.*\n.*question '{q['id']}': "
                                                   rf"option '{q['option'][1]['id']}': feedback: missing"):
        overlay.apply(bank, "de")


def test_apply_without_an_overlay_file_says_how_to_make_it(tmp_path, monkeypatch):
    monkeypatch.setattr(overlay, "overlay_path", lambda name, lang: tmp_path / "none.toml")
    with pytest.raises(overlay.OverlayError, match="no de overlay for the quiz bank '01_context'.*update"):
        overlay.apply(bank_mod.load(lesson1().bank), "de")
