"""The seed article: verbatim copy, paragraph roles, quote checking."""

import hashlib
import json
from pathlib import Path

import pytest

from lessonkit import article
from lessonkit.article import ArticleError, check_quote, find_quotes, load_article, parse, show_article

ROOT = Path(__file__).resolve().parents[1]
# The scraped original's SHA-256 (the project's shared seed 000_5bb45834fb4c4abc.txt).
SEED_SHA256 = "ff69761a1a2cd194bec17621e7a082a0ec0bf905daabfc9aad1785bee933ce1a"


def test_seed_is_verbatim_copy_of_the_scraped_original():
    art = load_article()
    assert art.meta["sha256"] == SEED_SHA256
    ours = (ROOT / "seeds" / art.meta["file"]).read_bytes()
    assert hashlib.sha256(ours).hexdigest() == SEED_SHA256
    assert ours.startswith(b" date 2024-06 Wladimir Putin besucht")


def test_an_edited_seed_is_refused_naming_the_file(project_copy):
    text = next((project_copy("seeds") / "seeds").glob("*.txt"))
    text.write_bytes(text.read_bytes().replace(b"Putin", b"Putn", 1))
    with pytest.raises(ArticleError, match=rf"{text.name}: the text is not the scraped original"):
        load_article()


def test_paragraph_roles_and_numbers():
    art = load_article()
    assert len(art.paragraphs) == 18
    roles = [p.role for p in art.paragraphs]
    assert roles.count("heading") == 3
    assert art.paragraph(2).role == "teaser"
    assert art.paragraph(2).text.startswith("G7-Länder")
    assert art.paragraph(3).text == "AFP"
    assert art.paragraph(8).role == "caption"
    assert art.paragraph(8).caption.endswith("zu beobachten.")
    assert art.paragraph(1).text.startswith("Wladimir Putin besucht")  # scrape marker removed
    assert art.paragraph(18).text.endswith("(Marina Mai, Manuel Escher, 18.6.2024)")


def test_citation_names_outlet_authors_date():
    c = load_article().citation()
    assert "DER STANDARD" in c and "Marina Mai" in c and "2024-06-18" in c


def test_check_quote_accepts_verbatim_and_omissions():
    check_quote(6, "wohl versehentlich die Grenze zum Süden übertraten")
    check_quote(6, "Sie wurden zurückgedrängt … soll es aber Verletzte gegeben haben")


@pytest.mark.parametrize(
    "n, quote, message",
    [
        (6, "wohl absichtlich die Grenze", "¶6 does not contain"),
        (6, "soll es aber Verletzte gegeben haben … Sie wurden zurückgedrängt", "does not contain"),
        (19, "Putin", "paragraphs 1 to 18"),
    ],
)
def test_check_quote_rejects_wrong_quotes(n, quote, message):
    with pytest.raises(ArticleError, match=message):
        check_quote(n, quote)


def test_find_quotes_in_markdown():
    md = "> „Freilich ist das ein Drahtseilakt.“ (¶11)\n> *Of course, this is a tightrope walk.*"
    assert find_quotes(md) == [(11, "Freilich ist das ein Drahtseilakt.")]


def test_parse_names_mismatch_between_text_and_metadata():
    meta = json.loads(next((ROOT / "seeds").glob("*.json")).read_text(encoding="utf-8"))
    meta["paragraphs"] = meta["paragraphs"][:-1]
    text = (ROOT / "seeds" / meta["file"]).read_text(encoding="utf-8")
    with pytest.raises(ArticleError, match="18 paragraphs but the metadata describes 17"):
        parse(text, meta, source="x.txt")


def test_parse_rejects_unknown_role():
    meta = {"paragraphs": [{"n": 1, "role": "advert"}]}
    with pytest.raises(ArticleError, match="unknown role 'advert'"):
        parse("Hello", meta)


def test_paragraphs_table_lists_every_paragraph():
    table = article.paragraphs_table()
    assert list(table.index) == list(range(1, 19))
    assert table.loc[5, "role"] == "sub-heading"


def test_article_view_and_citation_in_german():
    from lessonkit import i18n

    art = load_article()
    english = show_article(paragraphs=[2, 18]).data
    assert "(Vienna)" in english and "Central European Summer Time" in english
    i18n.use("de")
    try:
        german = show_article(paragraphs=[2, 18]).data
        citation = art.citation()
    finally:
        i18n.use("en")
    assert "(Wien)" in german and "Mitteleuropäische Sommerzeit" in german and "18. Juni 2024" in german
    assert "Titel eines verlinkten Artikels" in german and "Headline of a linked article" not in german
    assert "Vienna" not in german.replace("Europe/Vienna", "")
    assert "„Nach Nordkorea" in citation and "(Wien), 18. Juni 2024" in citation


def test_every_english_note_of_the_seed_has_its_german():
    art = load_article()
    for key in ("place", "section", "clock", "headline_note"):
        assert art.meta.get(f"{key}_de"), f"seeds/*.json: {key}_de is missing"
    for p in art.paragraphs:
        assert bool(p.note) == bool(p.note_de), f"seeds/*.json: paragraph {p.n} has note but no note_de"
