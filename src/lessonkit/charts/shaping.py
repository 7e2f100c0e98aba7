"""Data shaping for the charts: checking codes, seat order, tile lookup, vote matrix,
agreement rates, flow edges and the small tables behind the other charts.

Pure functions on pandas DataFrames: no matplotlib, no display, no files (except the tile
layout, read by `load_tiles`). Tested in tests/test_charts_shaping.py.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Sequence
from importlib import resources

import numpy as np
import pandas as pd

from lessonkit.charts.captions import is_blank
from lessonkit.clocks import row_moment

VOTE_CODES = ("Y", "N", "A", "NV")
SEAT_BLOCKS = ("Y", "A", "NV", "N")  # left to right in the hemicycle
VOTE_ALIASES = {
    "Y": "Y", "YES": "Y", "IN FAVOUR": "Y", "IN FAVOR": "Y",
    "N": "N", "NO": "N", "AGAINST": "N",
    "A": "A", "ABSTAIN": "A", "ABSTENTION": "A", "ABSTAINED": "A",
    "NV": "NV", "X": "NV", "NOT VOTING": "NV", "NON-VOTING": "NV", "ABSENT": "NV",
}

# The states the DER STANDARD article (18 June 2024) names: Russia, North Korea, Vietnam,
# South Korea, Ukraine, China, the United States.
ARTICLE_ACTORS = ("RUS", "PRK", "VNM", "CHN", "KOR", "UKR", "USA")
MEMBERSHIP_GROUPS = {
    "asean": "the ASEAN members",
    "eu": "the EU members",
    "nato": "the NATO members",
    "csto": "the CSTO members",
    "sco": "the SCO members",
    "brics": "the BRICS members",
}


# --- types ---------------------------------------------------------------------------------


def as_bool(series: pd.Series) -> pd.Series:
    """A column of booleans however it was read ('true', 'True', 1, True, 'yes')."""
    return series.map(lambda v: False if is_blank(v) else str(v).strip().lower() in ("true", "1", "yes", "t"))


def as_date(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce", format="mixed")


def normalise_vote(value) -> str:
    key = "" if is_blank(value) else str(value).strip().upper()
    if key not in VOTE_ALIASES:
        raise ValueError(f"Unknown vote {value!r}: expected one of Y, N, A, NV.")
    return VOTE_ALIASES[key]


# --- names and codes ----------------------------------------------------------------------


def name_map(countries: pd.DataFrame | None, codes: Iterable[str]) -> dict[str, str]:
    """Code -> the countries table's short_name (the code itself where the table has none)."""
    lookup = {}
    if countries is not None:
        lookup = dict(zip(countries["iso3"], countries["short_name"]))
    return {c: lookup[c] if not is_blank(lookup.get(c)) else c for c in codes}


def _brief_list(values: Sequence[str], limit: int = 12) -> str:
    values = list(values)
    if len(values) <= limit:
        return ", ".join(values)
    return ", ".join(values[:limit]) + f", … ({len(values)} in all)"


def resolution_ids(resolutions: pd.DataFrame) -> list[str]:
    """Short ids in date order (ties by id)."""
    frame = resolutions.assign(_d=as_date(resolutions["date"])) if "date" in resolutions else resolutions
    frame = frame.sort_values(["_d", "short_id"] if "_d" in frame else ["short_id"], kind="stable")
    return [str(s) for s in frame["short_id"]]


def check_resolution(short_id: str, resolutions: pd.DataFrame) -> pd.Series:
    """The resolutions row for a short id ('ES-11/1') or symbol ('A/RES/ES-11/1').

    Raises ValueError naming the code and listing the valid ones."""
    key = str(short_id).strip()
    for column in ("short_id", "symbol"):
        if column in resolutions.columns:
            hit = resolutions[resolutions[column].astype(str).str.upper() == key.upper()]
            if len(hit):
                return hit.iloc[0]
    valid = resolution_ids(resolutions)
    close = difflib.get_close_matches(key, valid, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"Unknown resolution {short_id!r}.{hint} Valid resolutions: {_brief_list(valid)}.")


def check_countries(codes: str | Iterable[str], countries: pd.DataFrame | Iterable[str]) -> list[str]:
    """Upper-case ISO3 codes, checked against the countries table (or a list of codes).

    English names from the table are accepted too ('Vietnam' -> 'VNM'). Raises ValueError
    naming every unknown code, with a suggestion and a few valid examples."""
    if isinstance(codes, str):
        codes = [codes]
    if isinstance(countries, pd.DataFrame):
        valid = [str(c) for c in countries["iso3"]]
        by_name = {}
        if "name_en" in countries.columns:
            by_name = {str(n).lower(): str(c) for c, n in zip(countries["iso3"], countries["name_en"])}
        if "short_name" in countries.columns:
            by_name.update({str(n).lower(): str(c) for c, n in zip(countries["iso3"], countries["short_name"])})
    else:
        valid = [str(c) for c in countries]
        by_name = {}
    valid_set = set(valid)
    out, unknown = [], []
    for code in codes:
        key = str(code).strip()
        if key.upper() in valid_set:
            iso = key.upper()
        elif key.lower() in by_name:
            iso = by_name[key.lower()]
        else:
            unknown.append(str(code))
            continue
        if iso not in out:
            out.append(iso)
    if unknown:
        hints = []
        for u in unknown:
            close = difflib.get_close_matches(u.upper(), valid, n=1) or [
                by_name[m] for m in difflib.get_close_matches(u.lower(), list(by_name), n=1)
            ]
            hints.append(f"{u!r}" + (f" (did you mean {close[0]}?)" if close else ""))
        examples = [c for c in ("RUS", "PRK", "VNM", "CHN", "KOR", "UKR", "USA") if c in valid_set] or sorted(valid)[:7]
        raise ValueError(
            f"Unknown country code {', '.join(hints)}. Use ISO 3166-1 alpha-3 codes of UN member states, "
            f"e.g. {', '.join(examples)} ({len(valid)} valid codes: lessonkit.data.load('countries').iso3)."
        )
    return out


# --- votes ---------------------------------------------------------------------------------


def votes_for(votes: pd.DataFrame, short_id: str) -> pd.DataFrame:
    """iso3, vote (Y/N/A/NV) for one resolution, in table order."""
    rows = votes[votes["resolution"].astype(str) == str(short_id)]
    out = pd.DataFrame({"iso3": rows["iso3"].astype(str).str.upper(), "vote": rows["vote"].map(normalise_vote)})
    dup = out["iso3"][out["iso3"].duplicated()]
    if len(dup):
        raise ValueError(f"{short_id}: more than one vote for {', '.join(sorted(set(dup)))}.")
    return out.reset_index(drop=True)


def vote_counts(votes_res: pd.DataFrame) -> dict[str, int]:
    counts = votes_res["vote"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VOTE_CODES}


def totals_from_resolution(row: pd.Series) -> dict[str, int]:
    """The official Y/N/A/NV totals of a resolutions row (blank = 0)."""
    out = {}
    for code, col in (("Y", "yes"), ("N", "no"), ("A", "abstain"), ("NV", "non_voting")):
        value = row.get(col)
        out[code] = 0 if is_blank(value) else int(value)
    return out


def has_country_votes(row: pd.Series, votes: pd.DataFrame) -> bool:
    flagged = row.get("has_country_votes")
    if not is_blank(flagged) and as_bool(pd.Series([flagged])).iloc[0] is False:
        return False
    return bool((votes["resolution"].astype(str) == str(row["short_id"])).any())


def hemicycle_rows(n: int, inner: float = 0.38) -> int:
    """How many rows make seats about as far apart along a row as the rows are apart."""
    if n <= 1:
        return 1
    k = math.pi * (1 + inner) / (2 * (1 - inner))
    return max(1, round(0.5 + math.sqrt(0.25 + n / k)))


def hemicycle_layout(n: int, rows: int | None = None, inner: float = 0.38) -> pd.DataFrame:
    """Seat positions of an n-seat hemicycle of outer radius 1, ordered left to right.

    Columns: seat (0..n-1), x, y, angle (radians, pi = far left), ring (0 = innermost).
    Seats per row are proportional to the row's radius; the seats are sorted by angle so
    that consecutive seats form wedges (a vote block fills a wedge)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rows = rows or hemicycle_rows(n, inner)
    radii = np.array([1.0]) if rows == 1 else np.linspace(inner, 1.0, rows)
    raw = n * radii / radii.sum()
    per_row = np.floor(raw).astype(int)
    # hand out the remaining seats by largest remainder, outer rows first on ties
    order = sorted(range(rows), key=lambda i: (-(raw[i] - per_row[i]), -i))
    for i in order[: n - per_row.sum()]:
        per_row[i] += 1
    xs, ys, angles, rings = [], [], [], []
    for ring, (r, k) in enumerate(zip(radii, per_row)):
        if k == 0:
            continue
        a = np.array([math.pi / 2]) if k == 1 else np.linspace(math.pi, 0, k)
        xs.extend(r * np.cos(a))
        ys.extend(r * np.sin(a))
        angles.extend(a)
        rings.extend([ring] * k)
    frame = pd.DataFrame({"x": xs, "y": ys, "angle": angles, "ring": rings})
    # left to right; seats at the same angle (the two ends) inner row first, so the last block
    # ends at the outer right corner
    frame = frame.sort_values(["angle", "ring"], ascending=[False, True], kind="stable").reset_index(drop=True)
    frame.insert(0, "seat", range(len(frame)))
    return frame


def seat_assignment(
    votes_res: pd.DataFrame,
    countries: pd.DataFrame | None = None,
    highlight: Sequence[str] = (),
    blocks: Sequence[str] = SEAT_BLOCKS,
) -> pd.DataFrame:
    """Give each state a seat: vote blocks left to right, within a block by UN regional group
    then name; highlighted states sit in the outer row, spread through their block so their
    labels have room.

    Returns seat, x, y, angle, ring, iso3, name, group, vote, highlighted."""
    codes = [str(c) for c in votes_res["iso3"]]
    vote_of = dict(zip(codes, (normalise_vote(v) for v in votes_res["vote"])))
    names = name_map(countries, codes)
    groups = {}
    if countries is not None and "un_region_group" in countries.columns:
        groups = dict(zip(countries["iso3"], countries["un_region_group"]))
    chosen_set = set(highlight)
    layout = hemicycle_layout(len(codes))
    rings = layout["ring"].tolist()
    seat_state: list[str | None] = [None] * len(codes)
    start = 0
    for vote in blocks:
        members = sorted((c for c in codes if vote_of[c] == vote),
                         key=lambda c: (str(groups.get(c, "") or ""), names[c]))
        seat_ids = list(range(start, start + len(members)))
        start += len(members)
        chosen = [c for c in highlight if c in members]
        rest = [c for c in members if c not in chosen_set]
        k = len(chosen)
        # split the block (in left-to-right order) into k stretches and seat one highlighted
        # state in the outermost seat of each: they end up apart and near the labels
        picks = []
        for j in range(k):
            stretch = seat_ids[j * len(seat_ids) // k:(j + 1) * len(seat_ids) // k]
            mid = (len(stretch) - 1) / 2
            picks.append(max(stretch, key=lambda i: (rings[i], -abs(stretch.index(i) - mid))))
        picked = set(picks)
        for i, c in zip(picks, chosen):
            seat_state[i] = c
        for i, c in zip([i for i in seat_ids if i not in picked], rest):
            seat_state[i] = c
    layout["iso3"] = seat_state
    layout["name"] = [names[c] for c in seat_state]
    layout["group"] = [str(groups.get(c, "") or "") for c in seat_state]
    layout["vote"] = [vote_of[c] for c in seat_state]
    layout["highlighted"] = [c in chosen_set for c in seat_state]
    return layout


def anonymous_seats(counts: dict[str, int], blocks: Sequence[str] = SEAT_BLOCKS) -> pd.DataFrame:
    """Seats for a resolution known only by its totals: same layout, no states."""
    order = [v for v in blocks for _ in range(int(counts.get(v, 0)))]
    layout = hemicycle_layout(len(order))
    layout["iso3"] = None
    layout["name"] = None
    layout["group"] = ""
    layout["vote"] = order
    layout["highlighted"] = False
    return layout


def spread_angles(angles: Sequence[float], min_gap: float, low: float = 0.0, high: float = math.pi) -> list[float]:
    """Move label angles apart so neighbours are at least min_gap apart, staying in [low, high],
    changing as little as possible (keeps the input order by angle)."""
    if not angles:
        return []
    order = sorted(range(len(angles)), key=lambda i: angles[i])
    vals = [angles[i] for i in order]
    for _ in range(50):
        moved = False
        for j in range(1, len(vals)):
            gap = vals[j] - vals[j - 1]
            if gap < min_gap - 1e-9:
                push = (min_gap - gap) / 2
                vals[j - 1] -= push
                vals[j] += push
                moved = True
        span = min_gap * (len(vals) - 1)
        if vals[0] < low:
            shift = low - vals[0]
            vals = [v + shift for v in vals]
        if vals[-1] > high and span <= high - low:
            shift = vals[-1] - high
            vals = [v - shift for v in vals]
        if not moved:
            break
    out = [0.0] * len(angles)
    for i, v in zip(order, vals):
        out[i] = v
    return out


# --- regions --------------------------------------------------------------------------------


def votes_by_region(votes_res: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """UN regional group x vote counts (rows: groups, columns: Y N A NV)."""
    merged = votes_res.merge(countries[["iso3", "un_region_group"]], on="iso3", how="left")
    merged["un_region_group"] = merged["un_region_group"].fillna("unknown")
    table = pd.crosstab(merged["un_region_group"], merged["vote"])
    return table.reindex(columns=list(VOTE_CODES), fill_value=0)


# --- tile map -------------------------------------------------------------------------------


def load_tiles() -> pd.DataFrame:
    """The equal-tile world layout: iso3, col, row (row 0 at the top), one tile per member."""
    with resources.files("lessonkit").joinpath("tiles.csv").open(encoding="utf-8") as fh:
        tiles = pd.read_csv(fh, dtype={"iso3": str, "col": int, "row": int})
    return tiles


def tile_problems(tiles: pd.DataFrame, members: Iterable[str]) -> list[str]:
    """Everything wrong with a tile layout: members without a tile, tiles for non-members,
    states with two tiles, cells holding two tiles."""
    members = [str(m) for m in members]
    problems = []
    dup_states = sorted(set(tiles["iso3"][tiles["iso3"].duplicated()]))
    if dup_states:
        problems.append(f"more than one tile for {', '.join(dup_states)}")
    missing = sorted(set(members) - set(tiles["iso3"]))
    if missing:
        problems.append(f"no tile for {', '.join(missing)}")
    extra = sorted(set(tiles["iso3"]) - set(members))
    if extra:
        problems.append(f"tiles for non-members {', '.join(extra)}")
    cells = tiles.groupby(["col", "row"])["iso3"].apply(list)
    for (col, row), states in cells.items():
        if len(states) > 1:
            problems.append(f"cell (col {col}, row {row}) holds {', '.join(states)}")
    return problems


def tile_votes(tiles: pd.DataFrame, votes_res: pd.DataFrame | None, highlight: Sequence[str] = ()) -> pd.DataFrame:
    """The tiles with each state's vote ('' where none is recorded) and a highlighted flag.

    Raises ValueError if a state that voted has no tile."""
    out = tiles.copy()
    if votes_res is None or votes_res.empty:
        out["vote"] = ""
    else:
        missing = sorted(set(votes_res["iso3"]) - set(tiles["iso3"]))
        if missing:
            raise ValueError(f"No tile for {', '.join(missing)}: add it to src/lessonkit/tiles.csv.")
        out = out.merge(votes_res[["iso3", "vote"]], on="iso3", how="left")
        out["vote"] = out["vote"].fillna("")
    out["highlighted"] = out["iso3"].isin(list(highlight))
    return out


# --- states x resolutions -------------------------------------------------------------------


def group_members(
    group: str | Sequence[str],
    countries: pd.DataFrame,
    votes: pd.DataFrame | None = None,
) -> tuple[list[str], str]:
    """The states of a named group and a label for it.

    group: 'asean', 'eu', 'nato', 'csto', 'sco', 'brics' (columns of countries), 'actors'
    (the states the article names), '<vote>:<resolution>' such as 'N:ES-11/1' or
    'against:ES-11/1' (the states that voted so), or a list of ISO3 codes."""
    if not isinstance(group, str):
        codes = check_countries(list(group), countries)
        names = name_map(countries, codes)
        return codes, (", ".join(names[c] for c in codes) if len(codes) <= 4 else f"{len(codes)} chosen states")
    key = group.strip()
    low = key.lower()
    if low in MEMBERSHIP_GROUPS:
        if low not in countries.columns:
            raise ValueError(f"The countries table has no column {low!r}.")
        mask = as_bool(countries[low])
        return sorted(countries.loc[mask, "iso3"].astype(str)), MEMBERSHIP_GROUPS[low]
    if low == "actors":
        codes = [c for c in ARTICLE_ACTORS if c in set(countries["iso3"])]
        return codes, "the states named in the article"
    if ":" in key:
        vote_word, short_id = key.split(":", 1)
        vote = normalise_vote(vote_word)
        if votes is None:
            raise ValueError(f"Group {group!r} needs the votes table.")
        res = votes_for(votes, short_id.strip())
        if res.empty:
            known = sorted(set(votes["resolution"].astype(str)))
            raise ValueError(f"No country votes recorded for {short_id.strip()!r}; "
                             f"resolutions with country votes: {_brief_list(known)}.")
        codes = sorted(res.loc[res["vote"] == vote, "iso3"])
        verb = {"Y": "voted yes on", "N": "voted against", "A": "abstained on", "NV": "did not vote on"}[vote]
        return codes, f"the {len(codes)} states that {verb} {short_id.strip()}"
    valid = ", ".join([*MEMBERSHIP_GROUPS, "actors", "against:<resolution>"])
    raise ValueError(f"Unknown group {group!r}. Valid groups: {valid}, or a list of ISO3 codes.")


def vote_matrix(votes: pd.DataFrame, states: Sequence[str], resolutions: Sequence[str]) -> pd.DataFrame:
    """States (rows, in the given order) x resolutions (columns): Y/N/A/NV, '' if not recorded."""
    sub = votes[votes["resolution"].astype(str).isin(list(resolutions)) & votes["iso3"].isin(list(states))]
    sub = sub.assign(vote=sub["vote"].map(normalise_vote))
    table = sub.pivot_table(index="iso3", columns="resolution", values="vote", aggfunc="first")
    table = table.reindex(index=list(states), columns=list(resolutions)).astype(object)
    table = table.where(table.notna(), "")
    table.index.name = "iso3"
    table.columns.name = "resolution"
    return table


def agreement_rates(matrix: pd.DataFrame, reference: str) -> pd.DataFrame:
    """How often each state voted as the reference state did, counting only resolutions where
    both cast a vote (yes, no or abstain). Columns: same, compared, share (NaN if none)."""
    if reference not in matrix.index:
        raise ValueError(f"The reference state {reference!r} is not in the grid.")
    ref = matrix.loc[reference]
    rows = []
    for iso3, row in matrix.iterrows():
        both = [(a, b) for a, b in zip(row, ref) if a in ("Y", "N", "A") and b in ("Y", "N", "A")]
        same = sum(a == b for a, b in both)
        rows.append({"iso3": iso3, "same": same, "compared": len(both),
                     "share": same / len(both) if both else float("nan")})
    return pd.DataFrame(rows).set_index("iso3")


# --- arms flows -----------------------------------------------------------------------------

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


def estimator_label(announced_by) -> str:
    """'Multilateral Sanctions Monitoring Team (11 states; report released by …)' ->
    'Multilateral Sanctions Monitoring Team (11 states)': the name and the first bracketed clause."""
    text = "" if is_blank(announced_by) else " ".join(str(announced_by).split())
    name, _, rest = text.partition(" (")
    first = rest.rstrip(")").split(";")[0].split(",")[0].strip()
    return f"{name} ({first})" if first else name


def acronym(name: str) -> str:
    """'Multilateral Sanctions Monitoring Team (11 states)' -> 'MSMT'."""
    words = str(name).split(" (")[0].split()
    caps = "".join(w[0] for w in words if w[:1].isupper())
    return caps if len(caps) >= 2 else str(name)


def sk_series(sk: pd.DataFrame) -> pd.DataFrame:
    """The estimates in date order: announced, announced_by, estimator ('south_korea' or
    'multilateral', the table's estimator_kind), containers, containers_qualifier, shells,
    qualifier (of the shell figure), shells_basis, shells_from_capacity and counting_since
    where the table has them."""
    out = sk.copy()
    out["announced"] = as_date(out["announced"])
    for col in ("shells", "containers"):
        out[col] = pd.to_numeric(out.get(col), errors="coerce")
    # 'qualifier' qualifies the shell figure; containers have their own where the table has one
    if "containers_qualifier" not in out.columns:
        out["containers_qualifier"] = out.get("qualifier")
    out["estimator"] = out["estimator_kind"]
    if "counting_since" in out.columns:
        out["counting_since"] = as_date(out["counting_since"])
    keep = [c for c in ("estimate_id", "announced", "announced_by", "estimator", "containers", "containers_qualifier",
                        "shells", "qualifier", "shells_basis", "shells_from_capacity",
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


def partnership_timeline(partnerships: pd.DataFrame, countries: pd.DataFrame | None,
                         levels: pd.DataFrame) -> pd.DataFrame:
    """One row per partnership step: partner_iso3, name, level, rank and level_label (from the
    partnership_levels table), year, slot (the stacking position among steps of the same level
    and year), sorted by year."""
    df = partnerships.copy()
    year = pd.to_numeric(df.get("year"), errors="coerce")
    if "date" in df.columns:
        year = year.fillna(as_date(df["date"]).dt.year)
    df["year"] = year
    df = df[df["year"].notna()].copy()
    df["year"] = df["year"].astype(int)
    unknown = sorted(set(df["level"]) - set(levels["level"]))
    if unknown:
        raise ValueError(f"Partnership level {', '.join(map(repr, unknown))} is not in the partnership_levels table.")
    df["rank"] = df["level"].map(dict(zip(levels["level"], levels["rank"]))).astype(int)
    df["level_label"] = df["level"].map(dict(zip(levels["level"], levels["label"])))
    df["name"] = df["partner_iso3"].map(name_map(countries, df["partner_iso3"]))
    df = df.sort_values(["year", "rank", "name"], kind="stable").reset_index(drop=True)
    df["slot"] = df.groupby(["year", "rank"]).cumcount()
    return df


def check_as_of(value) -> pd.Timestamp | None:
    """None -> None; '2024-06-18' (or a date / Timestamp) -> Timestamp. Raises ValueError for
    anything that is not a full date."""
    if value is None:
        return None
    text = str(value).strip()
    if not isinstance(value, (pd.Timestamp,)) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]):
        raise ValueError(f"as_of must be a date like '2024-06-18', not {value!r}.")
    try:
        return pd.Timestamp(text[:10] if not isinstance(value, pd.Timestamp) else value).normalize()
    except ValueError:
        raise ValueError(f"as_of must be a date like '2024-06-18', not {value!r}.") from None


def partnerships_as_of(partnerships: pd.DataFrame, as_of) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The partnership steps known to have happened on or before `as_of`, and the steps that
    cannot be placed (only the year is given, and it is the year of `as_of`).

    A step with a day counts if that day is not after as_of; a step with only a year counts if
    the year is before as_of's year. Returns (kept, undecided)."""
    when = check_as_of(as_of)
    df = partnerships.copy()
    year = pd.to_numeric(df.get("year"), errors="coerce")
    day = as_date(df["date"]) if "date" in df.columns else pd.Series(pd.NaT, index=df.index)
    year = year.fillna(day.dt.year)
    kept = day.notna() & (day <= when) | day.isna() & (year < when.year)
    undecided = day.isna() & (year == when.year)
    return df[kept], df[undecided]


def trade_by_partner(trade: pd.DataFrame, year: int | None = None, reporter: str | None = None) -> pd.DataFrame:
    """Vietnam's trade with each partner: one row per partner, largest total first.

    year: that year only (default: each partner's latest year with a total). reporter: that
    reporter only (default: prefer Vietnamese statistics, i.e. a reporter naming Vietnam, then
    any other). Columns: partner_iso3, year, reporter, exports_usd_bn, imports_usd_bn,
    total_usd_bn (exports + imports where no total is given), source_id, source_id_2."""
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
    df["_own"] = df["reporter"].str.lower().str.contains("vietnam|viet nam|vnm")
    df = df.sort_values(["partner_iso3", "year", "_own"], ascending=[True, False, False], kind="stable")
    best = df.groupby("partner_iso3", sort=False).head(1)
    cols = ["partner_iso3", "year", "reporter", "exports_usd_bn", "imports_usd_bn", "total_usd_bn"]
    cols += [c for c in ("source_id", "source_id_2") if c in best.columns]
    out = best[cols].sort_values("total_usd_bn", ascending=False, kind="stable").reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    return out


def pack_intervals(starts: Sequence[float], lengths: Sequence[float], gap: float = 0.0) -> list[int]:
    """Give each interval [start, start + length] the lowest slot (0, 1, ...) in which it
    overlaps no interval placed before it; intervals are placed in start order. Used to stack
    labels on a timeline so they do not overlap."""
    order = sorted(range(len(starts)), key=lambda i: (starts[i], i))
    ends: list[float] = []  # right end of the last interval in each slot
    slots = [0] * len(starts)
    for i in order:
        for slot, end in enumerate(ends):
            if starts[i] >= end + gap:
                ends[slot] = starts[i] + lengths[i]
                slots[i] = slot
                break
        else:
            ends.append(starts[i] + lengths[i])
            slots[i] = len(ends) - 1
    return slots


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


# --- event timeline -------------------------------------------------------------------------

# Parts of a place that are not the place itself: a country or a region after the city
# ("Yakutsk, Sakha Republic (Yakutia), Russia" -> "Yakutsk").
PLACE_COUNTRIES = frozenset(n.lower() for n in (
    "Russia", "Vietnam", "China", "Ukraine", "Japan", "United States", "DR Congo", "Congo", "Micronesia", "UK", "USA",
    "Laos", "North Korea", "South Korea", "Syria", "Iran", "Venezuela", "Bolivia", "Tanzania", "Moldova", "UAE", "Brunei",
))
PLACE_REGION = re.compile(r"\b(oblast|republic|province|region|krai|prefecture)\b", re.IGNORECASE)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def check_date(value, name: str = "date") -> pd.Timestamp | None:
    """None -> None; '2024-06-18' (or a date / Timestamp) -> Timestamp at midnight. Raises
    ValueError naming the argument for anything that is not a full date."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.normalize()
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]):
        raise ValueError(f"{name} must be a date like '2024-06-18', not {value!r}.")
    try:
        return pd.Timestamp(text[:10])
    except ValueError:
        raise ValueError(f"{name} must be a date like '2024-06-18', not {value!r}.") from None


def _event_sort_key(row) -> tuple:
    """Local date, then the moment (UTC) where the row has a clock time; a day's events
    without a time come after those with one, in table order."""
    try:
        m = row_moment({"date": row["date"], "local_time": row.get("local_time"), "tz": row.get("tz")})
    except (ValueError, TypeError):
        m = None
    utc = m.timestamp() if m is not None else math.inf
    return (row["date"], utc)


def select_events(events: pd.DataFrame, event_ids: str | Iterable[str] | None = None, start=None,
                  end=None) -> pd.DataFrame:
    """The rows of the events table to put on a timeline, in time order (local date, then the
    moment where a clock time is given). `date` comes back as a Timestamp.

    event_ids: one id or several (None: every row). start / end: local dates, inclusive.
    Raises ValueError naming every unknown id (with a suggestion), any named event outside
    start-end, and an empty selection."""
    df = events.copy()
    df["date"] = as_date(df["date"]).dt.normalize()
    first, last = check_date(start, "start"), check_date(end, "end")
    if first is not None and last is not None and first > last:
        raise ValueError(f"start ({first:%Y-%m-%d}) is after end ({last:%Y-%m-%d}).")
    named: list[str] = []
    if event_ids is not None:
        named = [str(event_ids)] if isinstance(event_ids, str) else [str(e) for e in event_ids]
        valid = [str(e) for e in df["event_id"]]
        unknown = [e for e in named if e not in set(valid)]
        if unknown:
            hints = []
            for u in unknown:
                close = difflib.get_close_matches(u, valid, n=1, cutoff=0.5)
                hints.append(f"{u!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            raise ValueError(f"Unknown event id {', '.join(hints)}. The ids are the column event_id of the events "
                             "table (lessonkit.data.load('events').event_id).")
        df = df[df["event_id"].astype(str).isin(named)]
    keep = pd.Series(True, index=df.index)
    if first is not None:
        keep &= df["date"] >= first
    if last is not None:
        keep &= df["date"] <= last
    lo = "…" if first is None else f"{first:%Y-%m-%d}"
    hi = "…" if last is None else f"{last:%Y-%m-%d}"
    outside = [e for e in named if e in set(df.loc[~keep, "event_id"].astype(str))]
    if outside:
        raise ValueError(f"Event {', '.join(repr(e) for e in outside)} is outside the dates asked for ({lo} to {hi}).")
    df = df[keep]
    if df.empty:
        span = f" between {lo} and {hi}" if first is not None or last is not None else ""
        raise ValueError(f"No events{span} in the events table.")
    order = sorted(range(len(df)), key=lambda i: (_event_sort_key(df.iloc[i]), i))
    return df.iloc[order].reset_index(drop=True)


def place_label(place) -> str:
    """A short place name: the last part of the place that is neither a country nor a region,
    without brackets. 'Sunan International Airport, Pyongyang' -> 'Pyongyang';
    'Yakutsk, Sakha Republic (Yakutia), Russia' -> 'Yakutsk'; 'Moscow (video conference)' -> 'Moscow'."""
    if is_blank(place):
        return ""
    text = re.sub(r"\s*\([^)]*\)", "", str(place)).strip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return str(place).strip()
    keep = [p for i, p in enumerate(parts)
            if not (i > 0 and (p.lower() in PLACE_COUNTRIES or PLACE_REGION.search(p)))]
    return (keep or parts)[-1]


def date_bands(first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """The bands of a timeline's date axis from `first` to `last` (inclusive): days for up to
    14 days, months for up to 4 years, else years. Columns: start, end (Timestamps, end
    exclusive), label ('Tue 18 Jun'; 'Jun 2024' for the first month and each January, else
    'Jul'; '2024'), unit ('day', 'month' or 'year')."""
    first, last = pd.Timestamp(first).normalize(), pd.Timestamp(last).normalize()
    if last < first:
        first, last = last, first
    days = (last - first).days + 1
    rows = []
    if days <= 14:
        for d in pd.date_range(first, last, freq="D"):
            rows.append({"start": d, "end": d + pd.Timedelta(days=1),
                         "label": f"{WEEKDAYS[d.weekday()]} {d.day} {MONTH_NAMES[d.month - 1]}", "unit": "day"})
    elif (last.year - first.year) * 12 + last.month - first.month < 48:
        m = first.replace(day=1)
        while m <= last:
            nxt = m + pd.offsets.MonthBegin(1)
            name = MONTH_NAMES[m.month - 1]
            rows.append({"start": m, "end": nxt, "label": f"{name} {m.year}" if not rows or m.month == 1 else name,
                         "unit": "month"})
            m = nxt
    else:
        for y in range(first.year, last.year + 1):
            rows.append({"start": pd.Timestamp(year=y, month=1, day=1), "end": pd.Timestamp(year=y + 1, month=1, day=1),
                         "label": str(y), "unit": "year"})
    return pd.DataFrame(rows, columns=["start", "end", "label", "unit"])


def spread_positions(values: Sequence[float], min_gap: float, low: float, high: float) -> list[float]:
    """Move points on a line apart so that neighbours are at least min_gap apart, inside
    [low, high], keeping their order and moving them as little as possible (least squares).
    If [low, high] is too short for the gap, the gap shrinks to fit."""
    n = len(values)
    if n == 0:
        return []
    order = sorted(range(n), key=lambda i: (values[i], i))
    gap = min_gap if n == 1 or (high - low) >= min_gap * (n - 1) else (high - low) / (n - 1)
    # with u_k = v_k - k * gap the gaps hold exactly when u is non-decreasing: pool adjacent
    # violators gives the closest non-decreasing sequence
    blocks: list[list[float]] = []  # [sum, count]
    for k, i in enumerate(order):
        blocks.append([float(values[i]) - k * gap, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    q: list[float] = []
    for total, count in blocks:
        q += [total / count] * int(count)
    top = high - gap * (n - 1)
    out = [0.0] * n
    for k, i in enumerate(order):
        out[i] = min(max(q[k], low), top) + k * gap
    return out


def _overlaps(a: tuple[float, float], b: tuple[float, float], gap: float) -> bool:
    return a[0] < b[1] + gap and b[0] < a[1] + gap


def _label_levels(xs: Sequence[float], spans: Sequence[tuple[float, float]], sides: Sequence[int],
                  gap: float) -> tuple[list[int], int]:
    """Levels for labels whose sides and spans are given, and how many labels had to be
    placed with a crossing. A label that covers another's stem must stand higher (the stem
    ends below it), so labels are placed covered-first, each on the lowest level above the
    stems it covers where it overlaps no label already on that level. Two labels on one side
    that cover each other's stems can't both be placed so: the first of them in axis order is
    placed anyway, and counted."""
    levels = [0] * len(xs)
    stuck = 0
    for side in (1, -1):
        members = [i for i in range(len(xs)) if sides[i] == side]
        covers = {i: [j for j in members if j != i and spans[i][0] < xs[j] < spans[i][1]] for i in members}
        placed: list[int] = []
        todo = sorted(members, key=lambda i: (xs[i], i))
        while todo:
            i = next((i for i in todo if all(levels[j] for j in covers[i])), None)
            if i is None:
                i, stuck = todo[0], stuck + 1
            level = 1 + max((levels[j] for j in covers[i]), default=0)
            while any(levels[k] == level and _overlaps(spans[i], spans[k], gap) for k in placed):
                level += 1
            levels[i] = level
            placed.append(i)
            todo.remove(i)
    return levels, stuck


def stagger_labels(anchors: Sequence[float], widths: Sequence[float], right: float, pad: float = 0.08,
                   gap: float = 0.1, margin: float = 0.04, cluster_gap: float = 0.0) -> pd.DataFrame:
    """Where each label of a timeline goes: above (side +1) or below (side -1) the axis, on
    level 1, 2, ... counted from the axis, so that no two labels on one level overlap and no
    label's stem (a vertical line at its anchor, from the axis to its level) runs through
    another label.

    anchors: the x of each stem; widths: the width of each label (same unit, e.g. inches);
    right: the right end of the space for labels (the left end is 0). A label starts `pad`
    right of its stem (align 'left') or ends `pad` left of it (align 'right'), whichever keeps
    it inside. It starts from: sides alternating along the axis; stems closer than cluster_gap
    form a cluster whose left half opens to the left and right half to the right (so a
    cluster's labels spread out both ways), or, where that blocks, every label opening to the
    right where it fits. Then, one label at a time, it keeps any change of side or alignment
    that makes the stacks lower (fewest levels above plus below, then the lowest levels; so
    labels far apart may all end up on one side). Columns: anchor, start, end, align, side,
    level, crossing (True only if no layout without a stem crossing a label was found)."""
    n = len(anchors)
    xs = [float(x) for x in anchors]
    ws = [float(w) for w in widths]
    if n == 0:
        return pd.DataFrame(columns=["anchor", "start", "end", "align", "side", "level", "crossing"])

    def span(i: int, align: str) -> tuple[float, float]:
        if align == "left":
            return (xs[i] - margin, xs[i] + pad + ws[i])
        return (xs[i] - pad - ws[i], xs[i] + margin)

    def overflow(i: int, align: str) -> float:
        lo, hi = span(i, align)
        return max(0.0, -margin - lo) + max(0.0, hi - right)

    allowed = []
    for i in range(n):
        ok = [a for a in ("left", "right") if overflow(i, a) <= 1e-9]
        allowed.append(ok or [min(("left", "right"), key=lambda a: overflow(i, a))])
    by_x = sorted(range(n), key=lambda i: (xs[i], i))
    align = ["left"] * n
    run: list[int] = []
    for i in [*by_x, None]:
        if i is not None and (not run or xs[i] - xs[run[-1]] < cluster_gap):
            run.append(i)
            continue
        for j in run[: len(run) // 2]:
            align[j] = "right"
        run = [i] if i is not None else []
    align = [a if a in allowed[i] else allowed[i][0] for i, a in enumerate(align)]
    sides = [0] * n
    for k, i in enumerate(by_x):
        sides[i] = 1 if k % 2 == 0 else -1

    def cost(sides, align):
        levels, stuck = _label_levels(xs, [span(i, align[i]) for i in range(n)], sides, gap)
        tops = [max((lv for lv, s in zip(levels, sides) if s == side), default=0) for side in (1, -1)]
        return (stuck, sum(tops), sum(levels)), levels

    best, levels = cost(sides, align)
    if best[0]:  # the clusters' labels block each other: try every label opening to the right
        plain = ["left" if "left" in allowed[i] else allowed[i][0] for i in range(n)]
        c, lv = cost(sides, plain)
        if c < best:
            best, levels, align = c, lv, plain
    for _ in range(8):
        improved = False
        for i in by_x:
            for side in (1, -1):
                for a in allowed[i]:
                    if (side, a) == (sides[i], align[i]):
                        continue
                    s2, a2 = list(sides), list(align)
                    s2[i], a2[i] = side, a
                    c, lv = cost(s2, a2)
                    if c < best:
                        best, levels, sides, align, improved = c, lv, s2, a2, True
        if not improved:
            break
    crossing = best[0] > 0
    rows = [{"anchor": xs[i], "start": span(i, align[i])[0], "end": span(i, align[i])[1], "align": align[i],
             "side": sides[i], "level": levels[i], "crossing": crossing} for i in range(n)]
    return pd.DataFrame(rows, columns=["anchor", "start", "end", "align", "side", "level", "crossing"])
