"""'Your turn' tasks of lesson 3; each answer is computed from data/."""

import pandas as pd

from lessonkit import data
from lessonkit.i18n import N_
from lessonkit.exercises import data_decimals, task

LESSON = "03_vietnam_balancing"

# The article appeared on 18 June 2024 (Central European Summer Time, Vienna).
ARTICLE_DATE = "2024-06-18"
TOP_LEVEL = "comprehensive strategic partnership"
# The three powers Vietnam balances between, in the order the lesson names them.
POWERS = ["RUS", "CHN", "USA"]


def csp_after_article() -> pd.DataFrame:
    """Partners that reached the top level (comprehensive strategic partnership) after the article."""
    partnerships = data.load("vietnam_partnerships")
    csp = partnerships[partnerships["level"] == TOP_LEVEL]
    return csp[csp["date"] > pd.Timestamp(ARTICLE_DATE)]


def _us_2024() -> pd.DataFrame:
    trade = data.load("vietnam_trade")
    return trade[(trade["year"] == 2024) & (trade["partner_iso3"] == "USA")].set_index("reporter")


def _gap_decimals() -> int:
    """The precision of the two figures subtracted (the data's, not a guess)."""
    return data_decimals(_us_2024()["exports_usd_bn"])


def _partnerships() -> pd.DataFrame:
    return data.load("vietnam_partnerships")


def mirror_gap_us_2024() -> float:
    """US-reported imports from Vietnam minus Vietnam-reported exports to the US, 2024 (US$ bn)."""
    us_2024 = _us_2024()
    return float(us_2024.loc["US Census Bureau", "exports_usd_bn"] - us_2024.loc["Vietnam customs (GSO)", "exports_usd_bn"])


def vote_grid_table() -> pd.DataFrame:
    """States x resolutions: the vote of every state on every resolution with a per-country list."""
    votes = data.load("un_votes")
    return votes.pivot(index="iso3", columns="resolution", values="vote")


def same_vote_as_vietnam() -> pd.Series:
    """For Russia, China and the US: on how many resolutions each cast the same vote as Vietnam."""
    grid = vote_grid_table()
    vietnam = grid.loc["VNM"]
    others = grid.loc[POWERS]
    return (others == vietnam).sum(axis="columns")


task(
    "l3_csp_after_article",
    N_("Which partners got Vietnam's top level, the comprehensive strategic partnership, after the article "
    "appeared on 18 June 2024?"),
    "set",
    csp_after_article,
    hint=N_('compare the date column with "2024-06-18" (csp.date > "2024-06-18"). The year alone is not enough: '
         "one upgrade of 2024 came before the article."),
    key="partner_iso3",
    table="csp", rows=_partnerships, noun=N_("partners"), lesson=LESSON,
    wants=N_("give the rows of `csp` whose date comes after the article: csp[...]"),
)

task(
    "l3_mirror_gap_us_2024",
    N_("For 2024: how many US$ billion more goods from Vietnam does the US count as arriving than Vietnam "
    "counts as leaving for the US?"),
    "number",
    mirror_gap_us_2024,
    hint=N_("take the US Census Bureau's exports figure (the larger one) minus Vietnam customs' exports figure."),
    table="us_2024", decimals=_gap_decimals, lesson=LESSON,
    wants=N_("the task wants one number: one exports figure minus the other"),
)

task(
    "l3_same_vote_as_vietnam",
    N_("On how many of the resolutions with a per-country list did Russia, China and the United States each "
    "cast the same vote as Vietnam?"),
    "table",
    same_vote_as_vietnam,
    hint=N_('count the True values along each row (one row per state): (others == vietnam).sum(axis="columns").'),
    table="others", noun=N_("states"), lesson=LESSON,
    wants=N_('the task wants one number for each state: count the True values in each row with .sum(axis="columns")'),
)
