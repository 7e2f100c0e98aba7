"""tools/translations.py build: German notebooks from the English ones and the catalogues."""

from __future__ import annotations

import json

import _build_de as build
import polib
import pytest
import translations

from lessonkit import manifest, timing
from lessonkit.po_units import cell_units

ENGLISH = [x for x in manifest.lessons() if x.language == "en"]
GERMAN = [x for x in manifest.lessons() if x.language == "de"]


def english_nb(lesson=None):
    lesson = lesson or ENGLISH[0]
    return json.loads(lesson.notebook.read_text(encoding="utf-8"))


def fake_german(unit) -> str:
    """A stand-in translation that keeps the rules: quotes keep their line, header has its time."""
    if unit.is_quote:
        return build.quote_line(unit.text)
    if "**Time:**" in unit.text:
        return unit.text.replace("**Time:** ", "**Zeit:** 1 Minuten (Lesen 1, 1 Quizfragen 1, 1 Aufgaben 1, "
                                 "1 Diagramme 1) ").replace("**For:**", "**Für:**")
    return unit.text if unit.kind == "comment" and unit.text.startswith("DE") else "DE " + unit.text


def catalogue(nb, fill=fake_german) -> polib.POFile:
    units = [u for c in nb["cells"] for u in cell_units(c)]
    po, _ = translations.merge(None, units, ENGLISH[0])
    for entry, unit in zip(po, units):
        entry.msgstr = fill(unit)
    return po


def test_a_full_catalogue_builds_a_german_notebook_with_the_same_code():
    nb = english_nb()
    german, problems = build.build_notebook(nb, catalogue(nb), "notebooks/01_context.ipynb", draft=False)
    assert problems == []
    assert german["metadata"]["language"] == "de" and "draft" not in german["metadata"]["lessonkit"]
    assert [c["id"] for c in german["cells"]] == [c["id"] for c in nb["cells"]]
    codes = [(e, g) for e, g in zip(nb["cells"], german["cells"]) if e["cell_type"] == "code"]
    first_en, first_de = codes[0][0]["source"], codes[0][1]["source"]
    assert 'import lessonkit\nlessonkit.use("de")\n' in first_de
    strip = [ln for ln in first_de.split("\n") if "lessonkit.use" not in ln and ln != "import lessonkit"]
    assert len(strip) == len("".join(first_en).split("\n"))
    for e, g in codes[1:]:  # code identical; only comments may differ
        code_en = [ln.split("#")[0] for ln in "".join(e["source"]).split("\n")]
        assert code_en == [ln.split("#")[0] for ln in g["source"].split("\n")]
    markdown = [g["source"] for g in german["cells"] if g["cell_type"] == "markdown"]
    assert all("\n> *" not in m for m in markdown), "German quotes keep no translation line"


def test_the_header_gets_the_german_lessons_own_time():
    nb = english_nb()
    german, _ = build.build_notebook(nb, catalogue(nb), "x", draft=False)
    expected = timing.lesson_time(german["cells"]).time_line("de")
    assert f"**Zeit:** {expected}" in german["cells"][0]["source"]
    assert not expected.startswith("1 Minuten")


def test_build_refuses_untranslated_and_fuzzy_units_naming_their_cells():
    nb = english_nb()
    po = catalogue(nb)
    po[3].msgstr = ""
    po[5].flags.append("fuzzy")
    _, problems = build.build_notebook(nb, po, "x", draft=False)
    assert problems == [f"{po[3].msgctxt}: untranslated: {po[3].msgid.split(chr(10))[0][:50]}",
                        f"{po[5].msgctxt}: fuzzy (the English changed): {po[5].msgid.split(chr(10))[0][:50]}"]


def test_a_draft_keeps_english_for_untranslated_units_and_says_it_is_a_draft():
    nb = english_nb()
    german, problems = build.build_notebook(nb, catalogue(nb, lambda u: ""), "x", draft=True)
    assert problems == [] and german["metadata"]["lessonkit"]["draft"] is True
    assert german["cells"][0]["source"] == "".join(nb["cells"][0]["source"])


def test_a_quote_that_keeps_its_translation_line_is_refused():
    nb = english_nb()
    _, problems = build.build_notebook(nb, catalogue(nb, lambda u: u.text if u.is_quote else fake_german(u)),
                                       "x", draft=False)
    assert problems and all("a quote keeps its original line" in p for p in problems)


def test_outputs_of_unchanged_code_are_kept():
    nb = english_nb()
    po = catalogue(nb)
    first, _ = build.build_notebook(nb, po, "x", draft=False)
    code = next(c for c in first["cells"][3:] if c["cell_type"] == "code")
    code["outputs"], code["execution_count"] = [{"output_type": "stream", "name": "stdout", "text": "hi"}], 7
    again, _ = build.build_notebook(nb, po, "x", draft=False, old=first)
    kept = next(c for c in again["cells"] if c["id"] == code["id"])
    assert kept["outputs"] == code["outputs"] and kept["execution_count"] == 7


# --- the committed German edition (once lessons.toml lists it) -------------------------------

@pytest.mark.parametrize("lesson", GERMAN, ids=lambda x: x.id)
def test_catalogue_and_overlay_are_complete(lesson):
    found = translations.po_problems(translations.po_path(lesson.source))
    summary = {kind: f"{len(ids)}: {ids[:3]}" for kind, ids in found.items() if ids}
    assert not summary, f"locale/de/{lesson.source}.po (python tools/translations.py report): {summary}"
    lines = translations.overlay_report(lesson.bank, "de")
    assert len(lines) == 1, "\n".join(lines)


@pytest.mark.parametrize("lesson", GERMAN, ids=lambda x: x.id)
def test_the_german_notebook_is_what_build_makes_of_the_english(lesson):
    german = json.loads(lesson.notebook.read_text(encoding="utf-8"))
    source = manifest.lesson(lesson.source)
    po = polib.pofile(str(translations.po_path(source.id)))
    built, problems = build.build_notebook(english_nb(source), po, german["metadata"]["lessonkit"]["source"],
                                           draft=False, old=german)
    assert not problems
    assert "draft" not in german["metadata"]["lessonkit"], "a draft was committed: run build without --draft"
    assert [c["source"] for c in built["cells"]] == ["".join(c["source"]) for c in german["cells"]], \
        "run python tools/translations.py build (then make execute)"


@pytest.mark.skipif(not GERMAN, reason="lessons.toml lists no German lessons")
def test_the_german_answer_key_is_generated_from_the_overlays_and_the_german_lessons():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "tools/teacher_answer_key.py", "--de"], cwd=translations.root(),
                          capture_output=True, text=True, check=True)
    committed = (translations.root() / "teacher" / "de" / "answer_key.md").read_text(encoding="utf-8")
    assert committed == done.stdout, "run: make answer-key"
    assert committed.startswith("# Lösungsschlüssel") and "**Lösung:**" in committed
    assert "**Answer" not in committed and "Your turn" not in committed
