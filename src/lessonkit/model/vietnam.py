"""Vietnam: its partnerships (levels, ranks, order) and its trade by partner."""

from __future__ import annotations

import pandas as pd

from lessonkit import i18n
from lessonkit.model.codes import name_map
from lessonkit.text import check_date


def partnership_timeline(partnerships: pd.DataFrame, countries: pd.DataFrame | None,
                         levels: pd.DataFrame) -> pd.DataFrame:
    """One row per partnership step: partner_iso3, name, level, rank and level_label (from the
    partnership_levels table), year, slot (the stacking position among steps of the same level
    and year), sorted by year."""
    df = partnerships.copy()
    df["year"] = df["year"].astype("Int64").fillna(df["date"].dt.year.astype("Int64"))
    df = df[df["year"].notna()].copy()
    df["year"] = df["year"].astype(int)
    unknown = sorted(set(df["level"]) - set(levels["level"]))
    if unknown:
        raise ValueError(f"Partnership level {', '.join(map(repr, unknown))} is not in the partnership_levels table.")
    df["rank"] = df["level"].map(dict(zip(levels["level"], levels["rank"]))).astype(int)
    df["level_label"] = df["level"].map(dict(zip(levels["level"], i18n.column(levels, "label", fallback=True))))
    df["name"] = df["partner_iso3"].map(name_map(countries, df["partner_iso3"]))
    df = df.sort_values(["year", "rank", "name"], kind="stable").reset_index(drop=True)
    df["slot"] = df.groupby(["year", "rank"]).cumcount()
    return df


def partnerships_as_of(partnerships: pd.DataFrame, as_of) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The partnership steps known to have happened on or before `as_of`, and the steps that
    cannot be placed (only the year is given, and it is the year of `as_of`).

    A step with a day counts if that day is not after as_of; a step with only a year counts if
    the year is before as_of's year. Returns (kept, undecided)."""
    when = check_date(as_of, "as_of")
    df = partnerships
    day = df["date"]
    year = df["year"].astype("Int64").fillna(day.dt.year.astype("Int64"))
    kept = day.notna() & (day <= when) | day.isna() & (year < when.year)
    undecided = day.isna() & (year == when.year)
    return df[kept], df[undecided]


def trade_by_partner(trade: pd.DataFrame, year: int | None = None, reporter: str | None = None) -> pd.DataFrame:
    """Vietnam's trade with each partner: one row per partner, largest total first.

    year: that year only (default: each partner's latest year with a total). reporter: that
    reporter only, by its exact value (default: prefer Vietnam's own statistics, the rows whose
    reporter_iso3 is VNM, then any other). Columns: partner_iso3, year, reporter (and reporter_de
    where the table has it), reporter_iso3, exports_usd_bn, imports_usd_bn, total_usd_bn
    (exports + imports where no total is given), source_id, source_id_2."""
    if "reporter_iso3" not in trade.columns:
        raise ValueError("vietnam_trade has no column 'reporter_iso3' (whose statistics a row gives, e.g. VNM): "
                       "add it to the table (data/datapackage.json declares it)")
    df = trade.copy()
    df["year"] = pd.to_numeric(df["year"], errors="coerce")
    for col in ("exports_usd_bn", "imports_usd_bn", "total_usd_bn"):
        df[col] = pd.to_numeric(df.get(col), errors="coerce")
    df["total_usd_bn"] = df["total_usd_bn"].fillna(df["exports_usd_bn"] + df["imports_usd_bn"])
    df = df[df["total_usd_bn"].notna() & df["year"].notna()]
    df["reporter"] = df["reporter"].fillna("").astype(str)
    if year is not None:
        years = sorted(set(df["year"].astype(int)))
        if int(year) not in years:
            raise ValueError(f"No trade data for {year}; years with data: {', '.join(map(str, years))}.")
        df = df[df["year"] == int(year)]
    if reporter is not None:
        reporters = sorted(set(df["reporter"]))
        if reporter not in reporters:
            raise ValueError(f"No trade data reported by {reporter!r}; reporters: {', '.join(reporters)}.")
        df = df[df["reporter"] == reporter]
    df["_own"] = df["reporter_iso3"] == "VNM"
    df = df.sort_values(["partner_iso3", "year", "_own"], ascending=[True, False, False], kind="stable")
    best = df.groupby("partner_iso3", sort=False).head(1)
    cols = ["partner_iso3", "year", "reporter"] + [c for c in ("reporter_de",) if c in best.columns]
    cols += ["reporter_iso3", "exports_usd_bn", "imports_usd_bn", "total_usd_bn"]
    cols += [c for c in ("source_id", "source_id_2") if c in best.columns]
    out = best[cols].sort_values("total_usd_bn", ascending=False, kind="stable").reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    return out


def partner_order(timeline: pd.DataFrame) -> list[str]:
    """Partners in the order they reached the highest level in the table (those that never did
    after them, by their first step), ties by name."""
    top = int(timeline["rank"].max()) if len(timeline) else 0
    keys = {}
    for code, g in timeline.groupby("partner_iso3"):
        reached = g.loc[g["rank"] == top, "year"]
        keys[code] = (0 if len(reached) else 1, int(reached.min()) if len(reached) else int(g["year"].min()),
                      str(g["name"].iloc[0]))
    return sorted(keys, key=keys.get)
