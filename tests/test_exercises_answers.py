"""Student answers to the "Your turn" tasks, wrong and right, as a beginner writes them.

Each case: (task, a function making the answer from the lesson's tables, right?, words the
message must contain). Whatever the answer, evaluate() must not raise, and its message stays
short (a few lines) and keeps the case of the names it quotes.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from lessonkit import data
from lessonkit.exercises import evaluate

MAX_MESSAGE = 420  # characters: a few lines under the cell


# --- the tables as the lessons make them ----------------------------------------------------
def votes():
    countries = data.load("countries")[["iso3", "name_en", "un_region_group"]]
    return data.load("un_votes").merge(countries, on="iso3")


def against():
    v = votes()
    return v[(v.resolution == "ES-11/3") & (v.vote == "N")]


def claims():
    return data.load("claims")


def estimates():
    return data.load("sk_estimates")


def transfers():
    return data.load("transfers")


def csp():
    names = data.load("countries").set_index("iso3")["name_en"]
    p = data.load("vietnam_partnerships")
    c = p[p.level == "comprehensive strategic partnership"]
    return c.assign(partner=c.partner_iso3.map(names))


def us_2024():
    trade = data.load("vietnam_trade")
    return trade[(trade.year == 2024) & (trade.partner_iso3 == "USA")].set_index("reporter")


def gap():
    t = us_2024()
    return t.loc["US Census Bureau", "exports_usd_bn"] - t.loc["Vietnam customs (GSO)", "exports_usd_bn"]


def grid():
    return data.load("un_votes").pivot(index="iso3", columns="resolution", values="vote")


def others_eq_vietnam():
    g = grid()
    return g.loc[["RUS", "CHN", "USA"]] == g.loc["VNM"]


def huge_strings():
    return pd.Series(["BLR"] * 10 + [f"X{i}" for i in range(1_000_000)])


def huge_index():
    return pd.Series(1, index=[f"g{i}" for i in range(1_000_000)])


HUGE = {huge_strings, huge_index}  # a million labels to read: about a second each, so `slow` (make test)


S1 = "l1_against_es11_3"
# --- set tasks: which rows / which states ---------------------------------------------------
SET_CASES = [
    # right, in the forms a beginner writes them
    (S1, lambda: against(), True, []),
    (S1, lambda: against()[["name_en", "un_region_group"]], True, []),  # only the columns shown
    (S1, lambda: against()[["iso3"]], True, []),
    (S1, lambda: against()["iso3"], True, []),
    (S1, lambda: against()["iso3"].tolist(), True, []),
    (S1, lambda: set(against()["iso3"]), True, []),
    (S1, lambda: tuple(against()["iso3"]), True, []),
    (S1, lambda: against()["iso3"].to_numpy(), True, []),
    (S1, lambda: pd.Index(against()["iso3"]), True, []),
    (S1, lambda: against()["name_en"], True, []),  # names instead of codes
    (S1, lambda: list(against()["name_en"]), True, []),
    (S1, lambda: [n.lower() for n in against()["name_en"]], True, []),
    (S1, lambda: [{"Russian Federation": "Russia", "Iran": "Iran", "Laos": "Laos"}.get(n, n)
                  for n in against()["name_en"]], True, []),
    (S1, lambda: against().reset_index(drop=True), True, []),
    (S1, lambda: against().sort_values("name_en"), True, []),
    (S1, lambda: against().set_index("iso3"), True, []),
    (S1, lambda: votes().query('resolution == "ES-11/3" and vote == "N"'), True, []),
    (S1, lambda: pd.DataFrame({"ISO3": list(against()["iso3"])}), True, []),
    # wrong
    (S1, lambda: (votes().resolution == "ES-11/3") & (votes().vote == "N"), False, ["True/False", "votes["]),
    (S1, lambda: votes()[votes().vote == "N"], False, []),
    (S1, lambda: votes()[votes().resolution == "ES-11/3"], False, ["Not in the answer"]),
    (S1, lambda: against()[against().iso3 != "BLR"], False, ["Belarus"]),
    (S1, lambda: [c for c in against()["iso3"] if c != "BLR"], False, ["BLR"]),
    (S1, lambda: [n for n in against()["name_en"] if n != "Belarus"], False, ["Belarus"]),
    (S1, lambda: pd.concat([against(), against().head(2)]), False, ["twice"]),
    (S1, lambda: list(against()["iso3"]) + ["RUS"], False, ["twice"]),
    (S1, lambda: [list(against()["iso3"][:3]), list(against()["iso3"][3:])], False, ["list"]),
    (S1, lambda: [1, 2, 3], False, []),
    (S1, lambda: 24, False, ["24"]),
    (S1, lambda: None, False, ["no answer"]),
    (S1, lambda: ..., False, ["no answer"]),
    (S1, lambda: "RUS", False, []),
    (S1, lambda: 10**400, False, []),
    (S1, lambda: float("nan"), False, []),
    (S1, huge_strings, False, []),
    (S1, lambda: against()[["vote"]], True, []),  # the right rows, found by their row labels
    (S1, lambda: against()[["vote"]].reset_index(drop=True), False, ["iso3"]),
    (S1, lambda: against().iloc[0:0], False, ["no rows"]),
    (S1, lambda: list(against()["iso3"][:-1]) + ["Narnia"], False, ["Narnia"]),
    (S1, lambda: pd.Series(list(against()["iso3"]), index=[0] * 24), True, []),
    (S1, lambda: {"a": 1}, False, []),
    # the other set tasks
    ("l1_hedged_claims", lambda: claims()[claims()["hedge"].notna()], True, []),
    ("l1_hedged_claims", lambda: claims()[claims()["hedge"].notna()][["quote_de", "hedge"]], True, []),
    ("l1_hedged_claims", lambda: claims()[claims()["hedge"].notna()]["claim_id"].tolist(), True, []),
    ("l1_hedged_claims", lambda: claims()["hedge"].notna(), False, ["claims["]),
    ("l1_hedged_claims", lambda: claims()[claims()["hedge"].isna()], False, []),
    ("l1_hedged_claims", lambda: claims(), False, []),
    ("l2_alleged_rows", lambda: transfers()[transfers().confidence == "alleged"], True, []),
    ("l2_alleged_rows", lambda: transfers()[transfers().confidence == "alleged"][["item", "reported_by"]], True, []),
    ("l2_alleged_rows", lambda: transfers()[transfers().confidence == "reported"], False, []),
    ("l2_alleged_rows", lambda: transfers().confidence == "alleged", False, ["transfers["]),
    ("l2_confirmed_prk_rus", lambda: transfers()[(transfers().from_iso3 == "PRK")
                                                 & (transfers().confidence == "confirmed")], True, []),
    ("l2_confirmed_prk_rus", lambda: transfers()[(transfers().from_iso3 == "PRK")
                                                 & (transfers().confidence == "confirmed")][["item", "reported_by"]],
     True, []),
    ("l2_confirmed_prk_rus", lambda: ["troops", "ballistic missiles"], True, []),
    ("l2_confirmed_prk_rus", lambda: transfers()[transfers().from_iso3 == "PRK"], False, []),
    ("l3_csp_after_article", lambda: csp()[csp().date > "2024-06-18"], True, []),
    ("l3_csp_after_article", lambda: csp()[csp().date > "2024-06-18"][["partner", "date"]], True, []),
    ("l3_csp_after_article", lambda: csp()[csp().date > "2024-06-18"]["partner"], True, []),
    ("l3_csp_after_article", lambda: csp()[csp().date > "2024-06-18"][["partner"]], True, []),
    ("l3_csp_after_article", lambda: ["France", "Malaysia", "New Zealand", "Indonesia", "Singapore", "Thailand",
                                      "UK"], True, []),
    ("l3_csp_after_article", lambda: csp()[csp().year >= 2024], False, ["Australia"]),
]

N1 = "l2_estimates_before_article"
N3 = "l3_mirror_gap_us_2024"
NUMBER_CASES = [
    (N1, lambda: len(estimates()[estimates().announced < "2024-06-18"]), True, []),
    (N1, lambda: 6, True, []),
    (N1, lambda: 6.0, True, []),
    (N1, lambda: np.int64(6), True, []),
    (N1, lambda: np.float32(6), True, []),
    (N1, lambda: "6", True, []),
    (N1, lambda: Decimal(6), True, []),
    (N1, lambda: pd.Series([6]), True, []),
    (N1, lambda: pd.DataFrame({"n": [6]}), True, []),
    (N1, lambda: [6], True, []),
    (N1, lambda: estimates()[estimates().announced < "2024-06-18"].shape[0], True, []),
    (N1, lambda: 5, False, ["5", "too low"]),
    (N1, lambda: 7, False, ["7", "too high"]),
    (N1, lambda: 0, False, ["too low"]),
    (N1, lambda: -1, False, ["too low"]),
    (N1, lambda: 6.5, False, ["6.5"]),
    (N1, lambda: float("nan"), False, ["NaN"]),
    (N1, lambda: float("inf"), False, []),
    (N1, lambda: 10**400, False, ["too high"]),
    (N1, lambda: True, False, ["True"]),
    (N1, lambda: None, False, ["no answer"]),
    (N1, lambda: ..., False, ["no answer"]),
    (N1, lambda: "six", False, ["six"]),
    (N1, lambda: estimates()[estimates().announced < "2024-06-18"], False, ["len("]),
    (N1, lambda: estimates().announced < "2024-06-18", False, []),
    (N1, lambda: pd.Series(range(1_000_000)), False, []),
    (N1, lambda: [1, 2, 3], False, []),
    (N1, lambda: 3 + 4j, False, []),
    (N1, lambda: pd.Timestamp("2024-06-18"), False, []),
    (N3, gap, True, []),
    (N3, lambda: 17.6, True, []),
    (N3, lambda: round(gap(), 1), True, []),
    (N3, lambda: float(gap()), True, []),
    (N3, lambda: 136.6 - 119.0, True, []),
    (N3, lambda: "17,6", True, []),
    (N3, lambda: 18, False, ["decimal"]),
    (N3, lambda: -gap(), False, ["the other way"]),
    (N3, lambda: 17.7, False, ["17.7", "too high"]),
    (N3, lambda: 136.6, False, ["136.6 is too high"]),
    (N3, lambda: 17.5, False, ["17.5", "too low"]),
    (N3, lambda: us_2024()["exports_usd_bn"], False, []),
    (N3, lambda: float("nan"), False, ["NaN"]),
]

T1 = "l1_against_by_group"
T3 = "l3_same_vote_as_vietnam"
TABLE_CASES = [
    (T1, lambda: against()["un_region_group"].value_counts(), True, []),
    (T1, lambda: against().groupby("un_region_group").size(), True, []),
    (T1, lambda: against()["un_region_group"].value_counts().to_frame(), True, []),
    (T1, lambda: against()["un_region_group"].value_counts().reset_index(), True, []),
    (T1, lambda: dict(against()["un_region_group"].value_counts()), True, []),
    (T1, lambda: against()["un_region_group"].value_counts().sort_index(), True, []),
    (T1, lambda: against()["un_region_group"].value_counts().astype(float), True, []),
    (T1, lambda: against()["un_region_group"].value_counts().astype("int32"), True, []),
    (T1, lambda: pd.concat([against()["un_region_group"].value_counts(), pd.Series({"none": 0})]), True, []),
    (T1, lambda: against().groupby("un_region_group")["iso3"].count(), True, []),
    (T1, lambda: against()["un_region_group"], False, ["value_counts"]),
    (T1, lambda: [10, 9, 3, 2], False, ["label"]),
    (T1, lambda: against()["un_region_group"].value_counts().drop("African"), False, ["African"]),
    (T1, lambda: against()["un_region_group"].value_counts().replace({9: 8}), False, ["African", "too low"]),
    (T1, lambda: pd.concat([against()["un_region_group"].value_counts(), pd.Series({"Mars": 2})]), False, ["Mars"]),
    (T1, lambda: pd.concat([against()["un_region_group"].value_counts(), pd.Series({"African": 9})]), False,
     ["twice"]),
    (T1, lambda: 24, False, []),
    (T1, lambda: None, False, ["no answer"]),
    (T1, lambda: against()["un_region_group"].value_counts(normalize=True), False, []),
    (T1, lambda: pd.Series({"African": float("nan"), "Asia-Pacific": 10}), False, []),
    (T1, lambda: pd.Series({"African": 10**400}, dtype=object), False, []),
    (T1, huge_index, False, []),
    (T1, lambda: "Asia-Pacific", False, []),
    (T1, lambda: against()["un_region_group"].value_counts() > 2, False, []),
    (T1, lambda: pd.Series({"african": 9, "asia-pacific": 10, "latin american and caribbean": 3,
                            "eastern european": 2}), False, ["African"]),
    (T3, lambda: others_eq_vietnam().sum(axis="columns"), True, []),
    (T3, lambda: others_eq_vietnam().sum(axis=1), True, []),
    (T3, lambda: others_eq_vietnam().sum(axis=1).to_frame("same"), True, []),
    (T3, lambda: pd.Series({"Russian Federation": 1, "China": 5, "United States": 0}), True, []),
    (T3, lambda: pd.Series({"Russia": 1, "China": 5, "USA": 0}), True, []),
    (T3, lambda: {"RUS": 1, "CHN": 5, "USA": 0}, True, []),
    (T3, lambda: pd.Series({"RUS": 1, "CHN": 5}), True, []),  # a zero may be left out
    (T3, lambda: others_eq_vietnam(), False, ["True/False", "sum"]),
    (T3, lambda: others_eq_vietnam().sum(), False, []),
    (T3, lambda: others_eq_vietnam().sum().sum(), False, []),
    (T3, lambda: [1, 5, 0], False, ["label"]),
    (T3, lambda: pd.Series({"RUS": 1, "CHN": 4, "USA": 0}), False, ["CHN", "too low"]),
    (T3, lambda: grid().loc[["RUS", "CHN", "USA"]], False, []),
]


def run(task_id, make):
    answer = make()
    fb = evaluate(task_id, answer)
    assert isinstance(fb.message, str) and fb.message
    assert len(fb.message) <= MAX_MESSAGE, fb.message
    return fb


def _ids(cases):
    return [f"{t}-{i}-{'right' if ok else 'wrong'}" for i, (t, _, ok, _) in enumerate(cases)]


def _params(cases):
    return [pytest.param(*case, marks=pytest.mark.slow) if case[1] in HUGE else case for case in cases]


@pytest.mark.parametrize("task_id,make,ok,words", _params(SET_CASES), ids=_ids(SET_CASES))
def test_set_answers(task_id, make, ok, words):
    fb = run(task_id, make)
    assert fb.ok is ok, fb.message
    for w in words:
        assert w in fb.message, fb.message


@pytest.mark.parametrize("task_id,make,ok,words", _params(NUMBER_CASES), ids=_ids(NUMBER_CASES))
def test_number_answers(task_id, make, ok, words):
    fb = run(task_id, make)
    assert fb.ok is ok, fb.message
    for w in words:
        assert w in fb.message, fb.message


@pytest.mark.parametrize("task_id,make,ok,words", _params(TABLE_CASES), ids=_ids(TABLE_CASES))
def test_table_answers(task_id, make, ok, words):
    fb = run(task_id, make)
    assert fb.ok is ok, fb.message
    for w in words:
        assert w in fb.message, fb.message


def test_at_least_30_answers_per_kind_of_task():
    assert min(len(SET_CASES), len(NUMBER_CASES), len(TABLE_CASES)) >= 30
    for cases in (SET_CASES, NUMBER_CASES, TABLE_CASES):
        assert any(ok for *_, ok, _ in cases) and any(not ok for *_, ok, _ in cases)


def test_numbers_print_at_the_datas_precision_not_three_figures():
    assert "136.6" in evaluate(N3, 136.6).message
    assert "137 " not in evaluate(N3, 136.6).message


def test_names_keep_their_case_in_messages():
    fb = evaluate(S1, pd.DataFrame({"Vote": ["N"] * 3, "ISO": ["x", "y", "z"]}))
    assert "`Vote`" in fb.message and "`ISO`" in fb.message, fb.message
    fb = evaluate(S1, against()[against().iso3 != "CAF"])
    assert "Central African Republic" in fb.message, fb.message
    fb = evaluate(S1, [n for n in against()["name_en"] if n != "Russian Federation"])
    assert "Russian Federation" in fb.message, fb.message


def test_a_wrong_shape_is_described_in_the_tasks_words():
    msg = evaluate(T3, others_eq_vietnam()).message
    assert "one number" in msg
    msg = evaluate(S1, 24).message
    assert "votes" in msg


def test_check_never_raises_on_odd_objects():
    class Weird:
        def __len__(self):
            raise RuntimeError("boom")

        def __iter__(self):
            raise RuntimeError("boom")

        def __float__(self):
            raise RuntimeError("boom")

    for task_id in (S1, N1, T1):
        for answer in (Weird(), object(), b"RUS", np.array([[1, 2], [3, 4]]), math.pi, pd.NA, pd.NaT):
            fb = evaluate(task_id, answer)
            assert fb.ok is False and fb.message
