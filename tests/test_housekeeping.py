"""The repository's licences and git settings are in place."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_code_licence_is_the_mit_licence_pyproject_declares():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == {"text": "MIT"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text


def test_content_note_covers_article_data_and_our_prose():
    note = (ROOT / "LICENSE-content.md").read_text(encoding="utf-8")
    assert "© DER STANDARD" in note and "seeds/" in note
    assert "data/sources.csv" in note
    assert "CC BY 4.0" in note and "creativecommons.org/licenses/by/4.0" in note
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(LICENSE)" in readme and "(LICENSE-content.md)" in readme


def test_notebooks_diff_and_merge_through_nbdime():
    lines = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.ipynb diff=jupyternotebook merge=jupyternotebook" in lines
    assert "nbdime config-git --enable" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
