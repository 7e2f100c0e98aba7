"""Arms flows: the transfers table filtered by how sure and what flows, merged into one edge
per (from, to, category), and where each state sits in the diagram."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lessonkit.text import is_blank


# The flow categories (transfers.category), in the order of the diagram's legend.
CATEGORY_ORDER = ("missiles", "troops", "weapons", "ammunition", "technology", "goods", "other")


CONFIDENCE_ORDER = ("confirmed", "official_estimate", "reported", "alleged")


def item_label(item, unit=None) -> str:
    """What a transfer row moves, for a label: the item, or its unit where the item is only
    'other' (e.g. 'containers')."""
    if is_blank(item) or str(item).strip().lower() == "other":
        return "other" if is_blank(unit) else str(unit).strip()
    return str(item).strip()


def flow_edges(transfers: pd.DataFrame) -> pd.DataFrame:
    """One edge per (from, to, category): the items it stands for, its firmest confidence
    (confirmed > official_estimate > reported > alleged), how many rows of each confidence it
    merges, and a curvature so that edges between the same two states do not overlap.

    Columns: from_iso3, to_iso3, category, confidence, confidences, items (labels: the item, or
    its unit where the item is 'other'), item_confidence (item label -> its firmest level), kinds (the distinct `item` values, 'other' for blank),
    transfer_ids, n, rad."""
    columns = ["from_iso3", "to_iso3", "category", "confidence", "confidences", "items", "item_confidence", "kinds",
               "transfer_ids", "n", "rad"]
    if transfers.empty:
        return pd.DataFrame(columns=columns)
    t = transfers.copy()
    blank = pd.Series([None] * len(t), index=t.index)
    t["label"] = [item_label(i, u) for i, u in zip(t["item"], t.get("unit", blank))]
    t["kind"] = ["other" if is_blank(i) else str(i).strip().lower() for i in t["item"]]
    t["confidence"] = t["confidence"].astype(str).str.strip().str.lower()
    rank = {c: i for i, c in enumerate(CONFIDENCE_ORDER)}
    rows = []
    for (f, to, cat), g in t.groupby(["from_iso3", "to_iso3", "category"], sort=True):
        g = g.assign(_rank=g["confidence"].map(lambda c: rank.get(c, 9))).sort_values("_rank", kind="stable")
        counts = g["confidence"].value_counts()
        rows.append({
            "from_iso3": f, "to_iso3": to, "category": cat,
            "confidence": g["confidence"].iloc[0],
            "confidences": {c: int(counts[c]) for c in CONFIDENCE_ORDER if c in counts},
            "items": list(dict.fromkeys(g["label"])),
            # each item's firmest confidence (g is sorted firmest first), so a label can say it
            "item_confidence": dict(reversed(list(zip(g["label"], g["confidence"])))),
            "kinds": list(dict.fromkeys(g["kind"])),
            "transfer_ids": [str(i) for i in g.get("transfer_id", pd.Series(range(len(g))))],
            "n": len(g),
        })
    edges = pd.DataFrame(rows)
    cat_rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    edges["_pair"] = [tuple(sorted((a, b))) for a, b in zip(edges["from_iso3"], edges["to_iso3"])]
    edges["_cat"] = edges["category"].map(lambda c: cat_rank.get(c, 99))
    edges = edges.sort_values(["_pair", "from_iso3", "_cat"], kind="stable").reset_index(drop=True)
    rads = {}
    for _, g in edges.groupby("_pair", sort=False):
        k = len(g)
        for j, (idx, row) in enumerate(g.iterrows()):
            rad = 0.0 if k == 1 else (j - (k - 1) / 2) * min(0.3, 1.2 / (k - 1))
            # arc3's bend is relative to the direction of travel: flip for the reverse direction
            if (row["from_iso3"], row["to_iso3"]) != row["_pair"]:
                rad = -rad
            rads[idx] = rad
    edges["rad"] = pd.Series(rads)
    return edges[columns]


def check_confidence(value) -> list[str] | None:
    """None / 'all' -> None (no filter); a level or a list of levels -> the levels, in the order
    firmest first. Accepts 'official estimate' and 'Official estimate' for 'official_estimate'.
    Raises ValueError naming the valid levels."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "all")):
        return None
    values = [value] if isinstance(value, str) else list(value)
    out = []
    for v in values:
        key = str(v).strip().lower().replace(" ", "_").replace("-", "_")
        if key not in CONFIDENCE_ORDER:
            raise ValueError(f"Unknown confidence {v!r}; valid: {', '.join(CONFIDENCE_ORDER)} (or 'all').")
        out.append(key)
    return [c for c in CONFIDENCE_ORDER if c in out]


def check_category(value, labels: dict[str, str] | None = None) -> list[str] | None:
    """None / 'all' -> None (no filter); a category key ('goods') or its label
    ('Oil, food, money, goods'), or a list of them -> the keys in CATEGORY_ORDER.
    Raises ValueError naming the valid categories."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "all")):
        return None
    by_label = {str(v).strip().lower(): k for k, v in (labels or {}).items()}
    values = [value] if isinstance(value, str) else list(value)
    out = []
    for v in values:
        key = str(v).strip().lower()
        key = key if key in CATEGORY_ORDER else by_label.get(key)
        if key is None:
            raise ValueError(f"Unknown category {v!r}; valid: {', '.join(CATEGORY_ORDER)} (or 'all').")
        out.append(key)
    return [c for c in CATEGORY_ORDER if c in out]


def transfer_categories(transfers: pd.DataFrame) -> pd.Series:
    """The flow category of each transfer row (the table's `category` column)."""
    return transfers["category"].astype(object)


def filter_transfers(transfers: pd.DataFrame, confidence: Sequence[str] | None = None,
                     categories: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows rated one of these confidence levels and in one of these categories (None: any)."""
    keep = pd.Series(True, index=transfers.index)
    if confidence is not None:
        keep &= transfers["confidence"].astype(str).str.strip().str.lower().isin(list(confidence))
    if categories is not None:
        keep &= transfer_categories(transfers).isin(list(categories))
    return transfers[keep]


def node_positions(codes: Sequence[str], positions: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The positions of the flow_positions table (chosen by hand, in a 10 x 6 box); states
    without one are lined up along the bottom, in code order."""
    known = {c: (float(x), float(y)) for c, x, y in zip(positions["iso3"], positions["x"], positions["y"])}
    pos = {c: known[c] for c in codes if c in known}
    extra = sorted(c for c in codes if c not in known)
    for i, c in enumerate(extra):
        pos[c] = (0.8 + i * (8.6 / max(len(extra), 1)), -0.05)
    return pos
