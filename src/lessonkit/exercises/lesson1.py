"""'Your turn' tasks of lesson 1; each answer is computed from data/.

    l1_against_es11_3    the member states that voted against ES-11/3 (set of iso3 codes)
    l1_against_by_group  those states counted by UN regional group (a Series by group)
    l1_hedged_claims     the article's claims that carry a hedge word (set of claim ids)
"""

from __future__ import annotations

import pandas as pd

from lessonkit import data
from lessonkit.i18n import N_
from lessonkit.exercises import task

LESSON = "01_context"
HRC_RESOLUTION = "ES-11/3"  # suspension of Russia from the Human Rights Council, 7 April 2022


def votes_with_countries() -> pd.DataFrame:
    """un_votes with each state's English name and UN regional group (as the lesson shows it)."""
    countries = data.load("countries")[["iso3", "name_en", "un_region_group"]]
    return data.load("un_votes").merge(countries, on="iso3", how="left")


def against(resolution: str = HRC_RESOLUTION) -> pd.DataFrame:
    """The rows of the states that voted against a resolution (with names and regional groups)."""
    votes = votes_with_countries()
    if not (votes["resolution"] == resolution).any():
        raise LookupError(
            f"data/un_votes.csv has no per-country votes for {resolution} yet "
            "(see has_country_votes in data/un_resolutions.csv)."
        )
    return votes[(votes["resolution"] == resolution) & (votes["vote"] == "N")]


def _against_es11_3() -> pd.DataFrame:
    return against(HRC_RESOLUTION)


def _against_by_group() -> pd.Series:
    return against(HRC_RESOLUTION)["un_region_group"].value_counts()


def _hedged_claims() -> pd.DataFrame:
    claims = data.load("claims")
    return claims[claims["hedge"].notna()]


task(
    "l1_against_es11_3",
    N_("List the member states that voted against ES-11/3 (suspending Russia from the Human Rights Council)."),
    "set",
    _against_es11_3,
    hint=N_('keep the rows where votes.resolution == "ES-11/3" AND votes.vote == "N": '
    "put each condition in round brackets and join them with &."),
    table="votes", rows=votes_with_countries, noun=N_("states"), lesson=LESSON,
    wants=N_('give the rows of `votes` that meet both conditions: votes[(...) & (...)]'),
)

task(
    "l1_against_by_group",
    N_("Count the states that voted against ES-11/3 by UN regional group."),
    "table",
    _against_by_group,
    hint=N_('start from the rows in `against` and count the column "un_region_group" with .value_counts().'),
    table="against", noun=N_("groups"), lesson=LESSON,
    wants=N_('the task wants one number for each regional group: against["un_region_group"].value_counts()'),
)

task(
    "l1_hedged_claims",
    N_("Find the claims in the article that carry a hedge word."),
    "set",
    _hedged_claims,
    hint=N_('keep the rows whose "hedge" column is not empty: put claims["hedge"].notna() inside claims[ ].'),
    key="claim_id",
    table="claims", rows=lambda: data.load("claims"), noun=N_("claims"), lesson=LESSON,
    wants=N_('give the rows of `claims` whose "hedge" is not empty: claims[...]'),
)
