"""Arms estimates and imports: South Korea's (and its partners') estimates of shipments to
Russia, and Vietnam's arms imports by supplier and period (SIPRI)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lessonkit.text import is_blank


def estimator_label(announced_by) -> str:
    """'Multilateral Sanctions Monitoring Team (11 states; report released by …)' ->
    'Multilateral Sanctions Monitoring Team (11 states)': the name and the first bracketed clause."""
    text = "" if is_blank(announced_by) else " ".join(str(announced_by).split())
    name, _, rest = text.partition(" (")
    first = rest.rstrip(")").split(";")[0].split(",")[0].strip()
    return f"{name} ({first})" if first else name


def sk_series(sk: pd.DataFrame) -> pd.DataFrame:
    """The estimates in date order: announced, announced_by, estimator ('south_korea' or
    'multilateral', the table's estimator_kind), estimator_tag (the table's short name of who
    estimated, e.g. MSMT), containers, containers_qualifier, shells, qualifier (of the shell
    figure), shells_basis, shells_from_capacity and counting_since where the table has them."""
    out = sk.copy()
    for col in ("shells", "containers"):  # nullable integers -> floats (NaN where not given)
        out[col] = out[col].astype("float64")
    # 'qualifier' qualifies the shell figure; containers have their own where the table has one
    if "containers_qualifier" not in out.columns:
        out["containers_qualifier"] = out.get("qualifier")
    out["estimator"] = out["estimator_kind"]
    keep = [c for c in ("estimate_id", "announced", "announced_by", "estimator", "estimator_tag", "containers",
                        "containers_qualifier", "shells", "qualifier", "shells_basis", "shells_from_capacity",
                        "counting_since", "source_id", "source_id_2")
            if c in out.columns]
    return out.sort_values("announced", kind="stable")[keep].reset_index(drop=True)


def period_label(start, end) -> str:
    s = "" if is_blank(start) else str(start)[:4]
    e = "" if is_blank(end) else str(end)[:4]
    if s and e and s != e:
        return f"{s}\u2013{e}"
    return s or e or "?"


OTHER_SUPPLIERS = "OTHER"


SIPRI_PERIOD_YEARS = 5  # SIPRI compares arms transfers over five-year periods


def _dash(label) -> str:
    return str(label).strip().replace("-", "\u2013").replace(" ", "")


def arms_import_shares(imports: pd.DataFrame, measure: str | None = None, top: int = 5,
                       periods: str | Sequence[str] | None = None) -> tuple[pd.DataFrame, str, str]:
    """Vietnam's arms imports as a period x supplier table.

    measure: the rows' `measure` to use (default: 'imports' where there are such rows, else the
    most common); rows of other measures (e.g. a share of the inventory) are left out.
    periods: None = SIPRI's standard five-year periods where the rows have any (else every
    period); 'all' = every period, e.g. also 2000–2023; or a list of labels ('2014–2018' or
    '2014-2018'). Values are share_pct where every chosen row has one, else tiv_million. The
    `top` suppliers (by their largest value) keep their own column, the rest are summed in the
    column OTHER_SUPPLIERS. Periods are labelled '2014–2018' and sorted by start, then end.
    Returns (table, value column, measure)."""
    df = imports.copy()
    if "measure" in df.columns and df["measure"].notna().any():
        measures = df["measure"].dropna().astype(str)
        if measure is None:
            measure = "imports" if "imports" in set(measures) else measures.value_counts().index[0]
        if measure not in set(measures):
            raise ValueError(f"No arms-import rows with measure {measure!r}; measures: {', '.join(sorted(set(measures)))}.")
        df = df[df["measure"].astype(str) == measure]
    df["period"] = [period_label(s, e) for s, e in zip(df["period_start"], df["period_end"])]
    if periods is None:
        span = (pd.to_numeric(df["period_end"], errors="coerce") - pd.to_numeric(df["period_start"], errors="coerce") + 1)
        if (span == SIPRI_PERIOD_YEARS).any():
            df = df[span == SIPRI_PERIOD_YEARS]
    elif not (isinstance(periods, str) and periods.strip().lower() == "all"):
        wanted = [_dash(p) for p in ([periods] if isinstance(periods, str) else periods)]
        valid = list(dict.fromkeys(df["period"]))
        unknown = [p for p in wanted if p not in valid]
        if unknown:
            raise ValueError(f"No arms-import rows for period {', '.join(unknown)}; periods: {', '.join(valid)} "
                             "(or 'all').")
        df = df[df["period"].isin(wanted)]
    shares = pd.to_numeric(df.get("share_pct"), errors="coerce")
    tiv = pd.to_numeric(df.get("tiv_million"), errors="coerce")
    value = "share_pct" if shares.notna().all() and len(df) else "tiv_million"
    df["value"] = shares if value == "share_pct" else tiv
    df = df[df["value"].notna()].copy()
    if df.empty:
        return pd.DataFrame(), value, measure or ""
    codes = df["supplier_iso3"] if "supplier_iso3" in df.columns else pd.Series([None] * len(df), index=df.index)
    df["supplier"] = [OTHER_SUPPLIERS if is_blank(c) else str(c) for c in codes]
    df["_order"] = [(str(s), str(e)) for s, e in zip(df["period_start"], df["period_end"])]
    table = df.pivot_table(index="period", columns="supplier", values="value", aggfunc="sum")
    order = df.drop_duplicates("period").sort_values("_order")["period"]
    table = table.reindex(list(order))
    ranked = [c for c in table.max().sort_values(ascending=False, kind="stable").index if c != OTHER_SUPPLIERS]
    keep = ranked[:top]
    rest = [c for c in table.columns if c not in keep]
    out = table[keep].copy()
    if rest:
        summed = table[rest].sum(axis=1, min_count=1)
        if summed.notna().any():
            out[OTHER_SUPPLIERS] = summed
    out.columns.name = "supplier"
    return out, value, measure or ""


def periods_overlap(periods: Sequence[str]) -> bool:
    """True if any two periods labelled 'YYYY–YYYY' (or 'YYYY') share a year."""
    spans = []
    for p in periods:
        parts = str(p).split("\u2013")
        try:
            a, b = int(parts[0]), int(parts[-1])
        except ValueError:
            continue
        spans.append((a, b))
    return any(a1 <= b2 and a2 <= b1 for i, (a1, b1) in enumerate(spans) for (a2, b2) in spans[i + 1:])
