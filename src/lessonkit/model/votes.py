"""UN General Assembly votes: one resolution's votes, the hemicycle's seats, the tile map's
tiles, named groups of states and the states x resolutions grid with agreement rates."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from importlib import resources

import numpy as np
import pandas as pd

from lessonkit.i18n import N_, t
from lessonkit.model.codes import (ARTICLE_ACTORS, SEAT_BLOCKS, VOTE_CODES, check_countries, name_map,
                                   normalise_vote, subject_names)
from lessonkit.text import brief_list, is_blank


MEMBERSHIP_GROUPS = {  # English; t() shows them
    "asean": N_("the ASEAN members"),
    "eu": N_("the EU members"),
    "nato": N_("the NATO members"),
    "csto": N_("the CSTO members"),
    "sco": N_("the SCO members"),
    "brics": N_("the BRICS members"),
}


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
    """True if the resolutions row is flagged has_country_votes and the votes table holds its
    per-country votes."""
    if not bool(row["has_country_votes"]):
        return False
    return bool((votes["resolution"] == str(row["short_id"])).any())


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


def votes_by_region(votes_res: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """UN regional group x vote counts (rows: groups, columns: Y N A NV)."""
    merged = votes_res.merge(countries[["iso3", "un_region_group"]], on="iso3", how="left")
    merged["un_region_group"] = merged["un_region_group"].fillna("unknown")
    table = pd.crosstab(merged["un_region_group"], merged["vote"])
    return table.reindex(columns=list(VOTE_CODES), fill_value=0)


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


def seat_shape(row: pd.Series, votes: pd.DataFrame, countries: pd.DataFrame,
               highlight: Sequence[str]) -> dict:
    """What the seat chart of one resolution (a resolutions row) shows: `seats` (seat_assignment,
    or anonymous_seats where the data hold only totals), `counts` (Y/N/A/NV), `named` ((name,
    vote, plural) of the highlighted states, in the order given; codes.subject_names) and
    `with_countries`."""
    sid = str(row["short_id"])
    with_countries = has_country_votes(row, votes)
    if with_countries:
        votes_res = votes_for(votes, sid)
        seats = seat_assignment(votes_res, countries, highlight)
        vote_of = dict(zip(seats["iso3"], seats["vote"]))
        subjects = subject_names(countries, [h for h in highlight if h in vote_of])
        return {"seats": seats, "counts": vote_counts(votes_res), "with_countries": True,
                "named": [(subjects[h][0], vote_of[h], subjects[h][1]) for h in subjects]}
    counts = totals_from_resolution(row)
    return {"seats": anonymous_seats(counts), "counts": counts, "with_countries": False, "named": []}


def seat_table(shape: dict) -> pd.DataFrame:
    """The data a seat chart shows: one row per seat, or the totals where that is all there is."""
    if shape["with_countries"]:
        return shape["seats"][["seat", "iso3", "name", "group", "vote", "highlighted"]].reset_index(drop=True)
    counts = shape["counts"]
    return pd.DataFrame({"vote": list(counts), "count": list(counts.values())})


def tile_shape(row: pd.Series, votes: pd.DataFrame, countries: pd.DataFrame, tiles: pd.DataFrame,
               highlight: Sequence[str]) -> dict:
    """What the tile map of one resolution shows: `tiles` (tile_votes with each state's name),
    `counts`, `by_region` (votes_by_region, None without country votes), `named` ((name, vote,
    plural) of the highlighted states that voted, in the order given; codes.subject_names) and
    `with_countries`."""
    sid = str(row["short_id"])
    with_countries = has_country_votes(row, votes)
    votes_res = votes_for(votes, sid) if with_countries else None
    tv = tile_votes(tiles, votes_res, highlight)
    names = name_map(countries, tv["iso3"])
    tv["name"] = tv["iso3"].map(names)
    if not with_countries:
        return {"tiles": tv, "counts": totals_from_resolution(row), "by_region": None, "named": [],
                "with_countries": False}
    vote_of = {h: v for h, v in zip(tv["iso3"], tv["vote"]) if h in highlight and v}
    subjects = subject_names(countries, [h for h in highlight if h in vote_of])
    named = [(subjects[h][0], vote_of[h], subjects[h][1]) for h in subjects]
    return {"tiles": tv, "counts": vote_counts(votes_res), "by_region": votes_by_region(votes_res, countries),
            "named": named, "with_countries": True}


def tile_table(shape: dict) -> pd.DataFrame:
    """The data a tile map shows: one row per tile, top to bottom, left to right."""
    tv = shape["tiles"][["iso3", "name", "col", "row", "vote", "highlighted"]]
    return tv.sort_values(["row", "col"]).reset_index(drop=True)


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
        names = subject_names(countries, codes)  # the label stands in sentences: 'wie die USA … abstimmten'
        return codes, (", ".join(names[c][0] for c in codes) if len(codes) <= 4 else t("{n} chosen states", n=len(codes)))
    key = group.strip()
    low = key.lower()
    if low in MEMBERSHIP_GROUPS:
        if low not in countries.columns:
            raise ValueError(f"The countries table has no column {low!r}.")
        mask = countries[low].fillna(False).astype(bool)  # blank: membership not known
        return sorted(countries.loc[mask, "iso3"].astype(str)), t(MEMBERSHIP_GROUPS[low])
    if low == "actors":
        codes = [c for c in ARTICLE_ACTORS if c in set(countries["iso3"])]
        return codes, t("the states named in the article")
    if ":" in key:
        vote_word, short_id = key.split(":", 1)
        vote = normalise_vote(vote_word)
        if votes is None:
            raise ValueError(f"Group {group!r} needs the votes table.")
        res = votes_for(votes, short_id.strip())
        if res.empty:
            known = sorted(set(votes["resolution"].astype(str)))
            raise ValueError(f"No country votes recorded for {short_id.strip()!r}; "
                             f"resolutions with country votes: {brief_list(known)}.")
        codes = sorted(res.loc[res["vote"] == vote, "iso3"])
        fields = {"n": len(codes), "sid": short_id.strip()}
        return codes, {"Y": t("the {n} states that voted yes on {sid}", **fields),
                       "N": t("the {n} states that voted against {sid}", **fields),
                       "A": t("the {n} states that abstained on {sid}", **fields),
                       "NV": t("the {n} states that did not vote on {sid}", **fields)}[vote]
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
