"""The "Your turn" checks speak German after use("de")."""

import pytest

from lessonkit import exercises, i18n


@pytest.fixture(autouse=True)
def german(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "de")


def test_your_turn_checks_in_german():
    fb = exercises.evaluate("l1_against_es11_3", ...)
    assert fb.message.startswith("Noch keine Antwort")
    votes = exercises.get("l1_against_es11_3").rows()
    right = exercises.expected("l1_against_es11_3")
    assert exercises.evaluate("l1_against_es11_3", right).message.startswith("alle ")
    part = exercises.evaluate("l1_against_es11_3", right.iloc[:-1]).message
    assert "Deine Antwort hat" in part and "Es fehlt:" in part and "Hinweis: behalte die Zeilen" in part
    assert "✘ Noch nicht" in exercises.result_bundle("l1_against_es11_3", exercises.evaluate("l1_against_es11_3", votes))["text/plain"]
    number = exercises.evaluate("l2_estimates_before_article", 10**6).message
    assert "ist zu hoch" in number or "viel zu hoch" in number


def test_friendly_errors_in_german():
    import pandas as pd

    from lessonkit import friendly

    frame = pd.DataFrame({"vote": ["Y"]})
    assert friendly._missing_label("Vote", frame) == \
        "Die Tabelle hat keine Spalte 'Vote'. Meinst du 'vote'? Namen müssen genau stimmen, auch Groß- und Kleinschreibung."
    exc = NameError("name 'answer' is not defined", name="answer")
    explanation = friendly.explain(exc, {})
    assert explanation.startswith("Es gibt noch kein `answer`")
    assert friendly.bundle(explanation, exc)["text/plain"].startswith("Diese Zelle wurde mit einem Fehler beendet.")
    try:
        compile("x = (1, 2", "<cell>", "exec")
    except SyntaxError as err:
        assert friendly.explain(err, {}).startswith("Die Klammern passen nicht zusammen")


def test_article_view_in_german():
    from lessonkit import article

    html = article.show_article(paragraphs=[1]).data
    assert "¶1" in html and "1 von " in html and "Absätzen angezeigt" in html and "Quelle: " in html
    block = article.quote_html(1, article.load_article().paragraph(1).text[:20], "English line")
    assert "English line" not in block, "in German the quote stands without its translation"
