"""lessonkit.friendly: one or two sentences with the fix for the slips beginners make."""

from __future__ import annotations

import pandas as pd
import pytest

from lessonkit import clocks, friendly
from lessonkit.errors import ArgumentError, LessonkitError


def error_of(code: str, ns: dict | None = None) -> tuple[BaseException, dict]:
    ns = {"pd": pd, **(ns or {})}
    try:
        exec(compile(code, "<cell>", "exec"), ns)
    except BaseException as exc:  # noqa: BLE001
        return exc, ns
    raise AssertionError(f"no error from {code!r}")


VOTES = pd.DataFrame({"resolution": ["ES-11/3", "ES-11/1"], "iso3": ["RUS", "VNM"], "vote": ["N", "A"]})

CASES = [
    ('votes["Resolution"]', ["no column 'Resolution'", "Did you mean 'resolution'"]),
    ('votes["country"]', ["no column 'country'", "resolution, iso3, vote"]),
    ("votes.Vote", ["'Vote'", "Did you mean 'vote'"]),
    ('votes.set_index("iso3").loc["USA"]', ["'USA'"]),
    ("check('x', answer)", ["no `answer` yet", "exercise cell"]),
    ("charts.seat_chart('ES-11/3')", ["first code cell"]),
    ("Votes.head()", ["Did you mean `votes`"]),
    ("votes[votes.vote == alleged]", ['"alleged"']),
    ('votes[votes.resolution == "ES-11/3" and votes.vote == "N"]', ["&", "round brackets"]),
    ('votes[votes.resolution == "ES-11/3" or votes.vote == "N"]', ["|"]),
    ('votes[votes.resolution == "ES-11/3" & votes.vote == "N"]', ["round brackets"]),
    ('pd.Series(pd.to_datetime(["2024-06-01"])) < 2024-6-18', ['"2024-06-18"']),
    ('votes[votes.resolution == "ES-11/3)]', ["not closed"]),
    ("x = 2024-06-18", ['"2024-06-18"']),
    ("votes[votes.vote = 'N']", ["=="]),
    ("votes[votes.vote == \u201cN\u201d]", ["straight quotes"]),
    ("votes[(votes.vote == 'N']", ["brackets"]),
]


@pytest.mark.parametrize("code,words", CASES)
def test_common_slips_get_one_or_two_sentences_with_the_fix(code, words):
    exc, ns = error_of(code, {"votes": VOTES, "check": lambda *a: None})
    text = friendly.explain(exc, ns)
    assert text, f"no explanation for {type(exc).__name__}: {exc}"
    assert text.count(". ") + text.count("? ") <= 3 and len(text) < 300, text
    for w in words:
        assert w in text, text


def test_lessonkit_own_errors_show_their_message_only():
    exc, _ = error_of("clocks.moment('2024-06-19 02:22', tz='Tokyo')", {"clocks": clocks})
    assert isinstance(exc, ValueError)
    text = friendly.explain(exc, {})
    assert text == str(exc) and "Tokyo" in text


def test_a_lessonkit_error_class_shows_its_message():
    exc = ArgumentError("Unknown resolution 'ES-11/9'; valid: ES-11/1 ... ES-11/8.")
    assert isinstance(exc, ValueError) and isinstance(exc, LessonkitError)
    assert friendly.explain(exc, {}) == str(exc)


def test_other_errors_keep_the_usual_traceback():
    exc, ns = error_of("1 / 0")
    assert friendly.explain(exc, ns) is None
    exc, ns = error_of("d = {}; d['k']")  # not a pandas key error
    assert friendly.explain(exc, ns) is None


def test_the_full_traceback_is_one_click_away():
    exc, ns = error_of('votes["Resolution"]', {"votes": VOTES})
    out = friendly.bundle(friendly.explain(exc, ns), exc)
    html = out["text/html"]
    assert "<details>" in html and "KeyError" in html and "Traceback" in html
    assert "Did you mean" in out["text/plain"]


def test_errors_raised_by_a_raise_line_inside_lessonkit_show_their_message():
    from lessonkit import data
    from lessonkit.model import codes

    exc, _ = error_of("codes.check_countries(['Narnia'], data.load('countries'))", {"codes": codes, "data": data})
    assert friendly.explain(exc, {}) == str(exc) and "Narnia" in str(exc)
    exc, _ = error_of("data.load('no_such_table')", {"data": data})
    assert "no table 'no_such_table'" in friendly.explain(exc, {})
