"""lessonkit.i18n: the language switch, the German catalogues, German data columns."""

import subprocess
import sys

import pandas as pd
import pytest
import ui_strings

import lessonkit
from lessonkit import i18n


@pytest.fixture
def german(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", None)
    i18n.use("de")
    yield
    monkeypatch.setattr(i18n, "_chosen", None)


@pytest.fixture
def catalogue(monkeypatch):
    """A catalogue of our own, in place of the real one."""
    entries = {"Check": "Prüfen", "{n} try left": {0: "Noch {n} Versuch", 1: "Noch {n} Versuche"},
               "Hello {name}": "Servus {name}"}
    monkeypatch.setattr(i18n, "catalogue", lambda lang="de": entries)
    return entries


def test_english_by_default_and_msgid_back(monkeypatch, catalogue):
    monkeypatch.setattr(i18n, "_chosen", None)
    monkeypatch.delenv("LESSONKIT_LANG", raising=False)
    assert i18n.current() == "en"
    assert i18n.t("Check") == "Check"
    assert i18n.t("Hello {name}", name="Ana") == "Hello Ana"
    assert i18n.nt("{n} try left", "{n} tries left", 2) == "2 tries left"


def test_use_german(german, catalogue):
    assert i18n.current() == "de" and i18n.babel_locale() == "de_AT"
    assert i18n.t("Check") == "Prüfen"
    assert i18n.t("Hello {name}", name="Ana") == "Servus Ana"
    assert i18n.nt("{n} try left", "{n} tries left", 1) == "Noch 1 Versuch"
    assert i18n.nt("{n} try left", "{n} tries left", 3) == "Noch 3 Versuche"
    assert i18n.t("Not in the catalogue") == "Not in the catalogue"


def test_lessonkit_use_is_lazy_and_the_same(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", None)
    assert lessonkit.use is i18n.use
    assert lessonkit.use("de") == "de" and i18n.current() == "de"
    with pytest.raises(AttributeError):
        lessonkit.no_such_name  # noqa: B018


def test_environment_variable(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", None)
    monkeypatch.setenv("LESSONKIT_LANG", "de")
    assert i18n.current() == "de"
    i18n.use("en")
    assert i18n.current() == "en", "use() wins over the environment"
    monkeypatch.setattr(i18n, "_chosen", None)
    monkeypatch.setenv("LESSONKIT_LANG", "fr")
    with pytest.raises(ValueError, match="LESSONKIT_LANG.*'fr'"):
        i18n.current()


def test_unknown_language_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", None)
    with pytest.raises(ValueError, match="unknown language 'klingon'.*en, de"):
        i18n.use("klingon")
    assert i18n.use("de-AT") == "de"


def test_column_picks_the_german_column(monkeypatch):
    frame = pd.DataFrame({"label": ["Vote"], "label_de": ["Abstimmung"], "n": [1]})
    monkeypatch.setattr(i18n, "_chosen", "en")
    assert i18n.column(frame, "label").tolist() == ["Vote"]
    monkeypatch.setattr(i18n, "_chosen", "de")
    german = i18n.column(frame, "label")
    assert german.tolist() == ["Abstimmung"] and german.name == "label"
    with pytest.raises(KeyError, match="n_de"):
        i18n.column(frame, "n")


def test_catalogues_merge_and_conflicts_name_both_files(tmp_path, monkeypatch):
    (tmp_path / "de").mkdir()
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (tmp_path / "de" / "a.po").write_text(head + 'msgid "Check"\nmsgstr "Prüfen"\n\n'
                                          '#, fuzzy\nmsgid "Hint"\nmsgstr "Tipp"\n', encoding="utf-8")
    (tmp_path / "de" / "b.po").write_text(head + 'msgid "Score"\nmsgstr "Punkte"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        assert i18n.catalogue("de") == {"Check": "Prüfen", "Score": "Punkte"}, "fuzzy entries are left out"
        (tmp_path / "de" / "b.po").write_text(head + 'msgid "Check"\nmsgstr "Kontrolle"\n', encoding="utf-8")
        i18n.catalogue.cache_clear()
        with pytest.raises(ValueError, match="b.po and a.po translate 'Check' differently"):
            i18n.catalogue("de")
    finally:
        i18n.catalogue.cache_clear()


def test_every_string_in_the_code_has_its_german_entry():
    """Each t()/nt()/N_() literal has a non-empty, non-fuzzy entry; no entry is obsolete or unused."""
    assert ui_strings.report() == []


def test_the_scan_finds_strings_and_flags_what_it_cannot_read(tmp_path):
    pkg = tmp_path / "lessonkit"
    pkg.mkdir()
    (pkg / "w.py").write_text(
        "from lessonkit.i18n import t, nt\n"
        "a = t('Check this odd string')\nb = nt('{n} try', '{n} tries', 2)\nc = t(f'Hi {a}')\nd = t(a)\n", encoding="utf-8")
    (pkg / "other.py").write_text("t = str\nx = t('not ours')\n", encoding="utf-8")
    found, problems = ui_strings.scan(pkg)
    assert set(found) == {"Check this odd string", "{n} try"} and found["{n} try"].plural == "{n} tries"
    assert len(problems) == 1 and "w.py:4" in problems[0]
    missing = ui_strings.report(found)
    assert any("'Check this odd string' has no entry in locale/de/ui.po" in p for p in missing)


def test_the_catalogues_ship_in_the_package():
    import tomllib

    from lessonkit.paths import project_root

    config = tomllib.loads((project_root() / "pyproject.toml").read_text(encoding="utf-8"))
    assert "locale/*/*.po" in config["tool"]["setuptools"]["package-data"]["lessonkit"]
    assert (i18n.LOCALE_DIR / "de" / "ui.po").exists()


def test_importing_i18n_loads_no_po_reader_until_german_is_asked_for():
    code = "import sys, lessonkit, lessonkit.i18n as i; i.t('x'); print('polib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"LESSONKIT_LANG": "en", "PATH": ""}).stdout
    assert out.strip() == "False"


def test_every_data_column_has_a_german_label_and_no_label_is_left_over(tmp_path):
    import json

    assert ui_strings.column_problems() == []
    package = tmp_path / "datapackage.json"
    package.write_text(json.dumps({"resources": [{"schema": {"fields": [{"name": "reported_by"}, {"name": "new_col"}]}}]}))
    problems = ui_strings.column_problems(package)
    assert any("field 'new_col' has no German label in locale/de/columns.po" in p for p in problems)
    assert any("'abstain' is not a field of datapackage.json any more" in p for p in problems)
    assert not any("'reported_by'" in p for p in problems)


def test_column_labels_are_german_only_and_apart_from_the_ui_strings(german):
    assert i18n.column_label("reported_by") == "Gemeldet von" and i18n.column_label("ES-11/1") is None
    assert "reported_by" not in i18n.catalogue("de"), "a column label is not a UI string"
    i18n.use("en")
    assert i18n.column_label("reported_by") is None
