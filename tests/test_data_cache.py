"""data.load validates a table once per version of the files it rests on, and again after an
edit to any of them (the table, a table it refers to, datapackage.json)."""

import shutil
from pathlib import Path

import pytest

from lessonkit import data
from lessonkit.validate import DataError

FIXTURE = Path(__file__).parent / "fixtures" / "charts"


@pytest.fixture
def package(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "package"))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_to_the_table_is_seen(package):
    assert "Brasilien" in set(data.load("countries", package)["name_de"])
    replace_in(package / "countries.csv", "Brasilien", "Brasil")  # shorter: the size changes too
    assert "Brasil" in set(data.load("countries", package)["name_de"])


def test_an_edit_to_a_referenced_table_validates_again(package):
    data.load("transfers", package)
    sources = (package / "sources.csv").read_text(encoding="utf-8").splitlines()
    cited = set(data.load("transfers", package)["source_id"])
    kept = [line for line in sources if line.split(",")[0] not in cited]
    (package / "sources.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="transfers.csv"):
        data.load("transfers", package)


def test_an_edit_to_the_descriptor_validates_again(package):
    data.load("countries", package)
    replace_in(package / "datapackage.json", '"name": "name_en"', '"name": "name_english"')
    with pytest.raises(DataError, match="name_english"):
        data.load("countries", package)


def test_a_returned_frame_is_a_copy(package):
    frame = data.load("countries", package)
    frame["name_en"] = "changed"
    assert "changed" not in set(data.load("countries", package)["name_en"])
