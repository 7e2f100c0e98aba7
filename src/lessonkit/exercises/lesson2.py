"""'Your turn' tasks of lesson 2; each answer is computed from data/."""

from __future__ import annotations

import pandas as pd

from lessonkit import data
from lessonkit.i18n import N_
from lessonkit.exercises import task

LESSON = "02_arms_flows"

# The article appeared on 18 June 2024 (Central European Summer Time).
ARTICLE_DATE = "2024-06-18"


def _estimates_before_article() -> int:
    estimates = data.load("sk_estimates")
    return len(estimates[estimates["announced"] < pd.Timestamp(ARTICLE_DATE)])


def _alleged_rows() -> pd.DataFrame:
    transfers = data.load("transfers")
    return transfers[transfers["confidence"] == "alleged"]


def _confirmed_items_prk_rus(transfers: pd.DataFrame | None = None) -> pd.DataFrame:
    """The confirmed rows of transfers from North Korea to Russia (both ends are filtered)."""
    if transfers is None:
        transfers = data.load("transfers")
    return transfers[(transfers["from_iso3"] == "PRK") & (transfers["to_iso3"] == "RUS")
                     & (transfers["confidence"] == "confirmed")]


task(
    "l2_estimates_before_article",
    N_("How many of the estimates in sk_estimates were announced before 18 June 2024, the day the article appeared?"),
    "number",
    _estimates_before_article,
    hint=N_("keep the rows where estimates.announced < \"2024-06-18\", then count them with len(...)."),
    table="estimates", lesson=LESSON,
    wants=N_("the task wants one number, how many rows: put len( ) around the table of those rows"),
)

task(
    "l2_alleged_rows",
    N_("Which rows of the transfers table rest only on an allegation (confidence \"alleged\")?"),
    "set",
    _alleged_rows,
    hint=N_("compare the confidence column with the word \"alleged\" (two = signs, and quotes around the word)."),
    key="transfer_id",
    table="transfers", rows=lambda: data.load("transfers"), lesson=LESSON,
    wants=N_('give the rows of `transfers` whose confidence is "alleged": transfers[...]'),
)

task(
    "l2_confirmed_prk_rus",
    N_("Which items sent from North Korea to Russia have at least one confirmed row?"),
    "set",
    _confirmed_items_prk_rus,
    hint=N_("two conditions joined with &: from_iso3 is \"PRK\" and confidence is \"confirmed\"; each one in brackets."),
    key="item",
    table="transfers", rows=lambda: data.load("transfers"), noun=N_("items"), lesson=LESSON,
    wants=N_("give the rows of `transfers` that meet both conditions: transfers[(...) & (...)]"),
)
