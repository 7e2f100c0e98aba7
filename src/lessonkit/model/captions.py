"""Words for the charts, computed from the data: source lines, titles that state the finding,
and one-sentence text alternatives. Pure functions: no matplotlib here. The general text
helpers (dates, joins, sentences, numbers) are lessonkit.text, re-exported here for the charts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from lessonkit import i18n
from lessonkit.data import format_source, format_source_line  # noqa: F401 (one source formatter)
from lessonkit.text import MONTHS, format_date, is_blank, join_names, number, sentence, shorten  # noqa: F401

SOURCE_COLUMNS = ("source_id", "source_id_2", "votes_source_id")
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "NV": "not voting"}
VOTE_VERBS = {"Y": ("voted yes", "voted yes"), "N": ("voted no", "voted no"),
              "A": ("abstained", "abstained"), "NV": ("did not vote", "did not vote")}


def cited_ids(*frames: pd.DataFrame, columns: Iterable[str] = SOURCE_COLUMNS) -> list[str]:
    """The source ids that the rows of the given tables cite, in first-cited order."""
    ids: list[str] = []
    for frame in frames:
        if frame is None:
            continue
        present = [c for c in columns if c in frame.columns]
        for row in frame[present].itertuples(index=False):
            for value in row:
                if not is_blank(value) and str(value) not in ids:
                    ids.append(str(value))
    return ids


def cited_sources(sources: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    """The rows of the sources table for these ids, in the given order (unknown ids are kept
    as rows with only their id, so a broken reference shows instead of vanishing)."""
    by_id = sources.set_index("source_id") if "source_id" in sources.columns else sources
    rows = []
    for sid in ids:
        if sid in by_id.index:
            row = by_id.loc[sid]
            if isinstance(row, pd.DataFrame):
                row = row.iloc[0]
            rows.append({"source_id": sid, **row.to_dict()})
        else:
            rows.append({"source_id": sid})
    return pd.DataFrame(rows, columns=["source_id", *[c for c in by_id.columns]])


def source_line(sources: pd.DataFrame, ids: Sequence[str], limit: int = 3, max_title: int = 70) -> str:
    """'Source: …' / 'Sources: …; and 2 more (all in the Sources section)', built from the sources
    table for the cited ids (the first `limit` sources, titles cut to max_title characters).
    The formatting is lessonkit.data.format_source_line, shared with data.source_line."""
    cited = cited_sources(sources, list(dict.fromkeys(str(i) for i in ids if not is_blank(i))))
    return format_source_line(cited, limit=limit, max_title=max_title, more_hint="all in the Sources section")


# --- votes ---------------------------------------------------------------------------------


def vote_summary(counts: Mapping[str, int]) -> str:
    """{'Y': 141, 'N': 5, 'A': 35, 'NV': 12} -> '141 yes, 5 no, 35 abstain, 12 not voting'."""
    return ", ".join(f"{int(counts.get(v, 0))} {VOTE_WORDS[v]}" for v in ("Y", "N", "A", "NV"))


def highlight_phrase(named_votes: Sequence[tuple[str, str]]) -> str:
    """[('Russia','N'), ('North Korea','N'), ('China','A')] ->
    'Russia and North Korea voted no; China abstained' (grouped by vote, in the order given)."""
    groups: dict[str, list[str]] = {}
    for name, vote in named_votes:
        groups.setdefault(vote, []).append(name)
    parts = []
    for vote, names in groups.items():
        verb = VOTE_VERBS.get(vote, ("had no recorded vote", "had no recorded vote"))[len(names) > 1]
        parts.append(f"{join_names(names)} {verb}")
    return "; ".join(parts)


def seat_title(short_id: str, counts: Mapping[str, int], named_votes: Sequence[tuple[str, str]]) -> str:
    title = f"{short_id}: {counts.get('Y', 0)} in favour, {counts.get('N', 0)} against"
    phrase = highlight_phrase(named_votes)
    return f"{title} \u2013 {phrase}" if phrase else title


def region_finding(by_region: pd.DataFrame, vote: str = "A") -> str:
    """From a region x vote count table: 'most abstentions came from African states (22 of 35)'."""
    if vote not in by_region.columns or by_region[vote].sum() == 0:
        return ""
    col = by_region[vote]
    top = col.sort_values(ascending=False, kind="stable")
    region, k = top.index[0], int(top.iloc[0])
    word = {"A": "abstentions", "N": "no votes", "Y": "yes votes", "NV": "non-votes"}[vote]
    return f"most {word} came from {region_label(region)} ({k} of {int(col.sum())})"


REGION_LABELS = {
    "African": "African states",
    "Asia-Pacific": "Asia-Pacific states",
    "Eastern European": "Eastern European states",
    "Latin American and Caribbean": "Latin American and Caribbean states",
    "Western European and Others": "Western European and other states",
    "none": "states outside the regional groups",
}


def region_label(region: str) -> str:
    return REGION_LABELS.get(region, str(region))


def group_vote_phrase(named_votes: Sequence[tuple[str, str]], max_names: int = 4) -> str:
    """Like highlight_phrase, but a vote shared by more than max_names states is given as a
    count: '8 voted yes; Laos and Vietnam abstained'."""
    groups: dict[str, list[str]] = {}
    for name, vote in named_votes:
        groups.setdefault(vote, []).append(name)
    order = sorted(groups, key=lambda v: (-len(groups[v]), ("Y", "N", "A", "NV", "").index(v) if v in ("Y", "N", "A", "NV", "") else 9))
    parts = []
    for vote in order:
        names = groups[vote]
        plural = len(names) > 1
        verb = VOTE_VERBS.get(vote, ("had no recorded vote", "had no recorded vote"))[plural]
        who = join_names(names) if len(names) <= max_names else f"{len(names)}"
        parts.append(f"{who} {verb}")
    return "; ".join(parts)


# --- the seat chart and the tile map of one resolution ------------------------------------------


def resolution_subtitle(row: pd.Series, totals_only: bool) -> str:
    """'A/RES/ES-11/1, 2 March 2022 · Aggression against Ukraine' (+ a sentence where the data
    hold only the totals)."""
    parts = [str(row.get("symbol") or row["short_id"])]
    date = format_date(row.get("date"))
    if date:
        parts.append(date)
    text = ", ".join(parts)
    if not is_blank(row.get("short_title")):
        text += f" \u00b7 {i18n.cell(row, 'short_title')}"
    if totals_only:
        text += ". The data hold only the totals for this resolution, not how each state voted."
    return text


def seat_words(row: pd.Series, shape: Mapping, highlight: Sequence[str]) -> tuple[str, str, str]:
    """Title, subtitle and text alternative of the seat chart (shape: model.votes.seat_shape)."""
    sid, counts, named = str(row["short_id"]), shape["counts"], shape["named"]
    title = seat_title(sid, counts, named)
    subtitle = resolution_subtitle(row, totals_only=not shape["with_countries"])
    date = format_date(row.get("date"))
    alt = f"Seat chart of {sid}{f' ({date})' if date else ''}: {vote_summary(counts)}"
    if named:
        alt += f"; {highlight_phrase(named)}"
    elif highlight and not shape["with_countries"]:
        alt += "; how individual states voted is not in the data"
    return title, subtitle, alt


def tile_words(row: pd.Series, shape: Mapping) -> tuple[str, str, str]:
    """Title, subtitle and text alternative of the tile map (shape: model.votes.tile_shape)."""
    sid, counts = str(row["short_id"]), shape["counts"]
    if shape["with_countries"]:
        finding = region_finding(shape["by_region"], "A")
    else:
        finding = "the data do not say which state voted how"
    title = f"{sid}: {counts['Y']} in favour, {counts['N']} against" + (f"; {finding}" if finding else "")
    subtitle = resolution_subtitle(row, totals_only=not shape["with_countries"])
    subtitle = subtitle.rstrip(".") + ". One equal tile per member state, placed roughly where it lies."
    alt = (f"Tile map of {sid}, one equal tile per member state placed roughly where it lies: "
           f"{vote_summary(counts)}")
    if finding:
        alt += f"; {finding}"
    if shape["named"]:
        alt += f"; {highlight_phrase(shape['named'])}"
    return title, subtitle, alt
