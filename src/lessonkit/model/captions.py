"""Words for the charts, computed from the data: source lines, titles that state the finding,
and one-sentence text alternatives. Pure functions: no matplotlib here. The general text
helpers (dates, joins, sentences, numbers) are lessonkit.text, re-exported here for the charts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from lessonkit import i18n
from lessonkit.i18n import N_, nt, t
from lessonkit.citations import format_source, format_source_line  # noqa: F401 (one source formatter)
from lessonkit.text import MONTHS, format_date, is_blank, join_names, number, sentence, shorten  # noqa: F401

SOURCE_COLUMNS = ("source_id", "source_id_2", "votes_source_id")


def vote_verb(vote: str, n: int) -> str:
    """What n states did: 'voted yes', 'abstained', … (German: singular or plural)."""
    if vote == "Y":
        return nt("voted yes", "voted yes", n)
    if vote == "N":
        return nt("voted no", "voted no", n)
    if vote == "A":
        return nt("abstained", "abstained", n)
    if vote == "NV":
        return nt("did not vote", "did not vote", n)
    return nt("had no recorded vote", "had no recorded vote", n)


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
    first = {}  # id -> position of its first row (one look-up per id: .loc row by row is slow)
    for position, sid in enumerate(by_id.index):
        first.setdefault(sid, position)
    wanted = [first[sid] for sid in dict.fromkeys(ids) if sid in first]
    records = dict(zip((by_id.index[p] for p in wanted), by_id.iloc[wanted].to_dict("records")))
    rows = [{"source_id": sid, **records[sid]} if sid in records else {"source_id": sid} for sid in ids]
    return pd.DataFrame(rows, columns=["source_id", *[c for c in by_id.columns]])


def source_line(sources: pd.DataFrame, ids: Sequence[str], limit: int = 3, max_title: int = 70,
                drawable=None) -> str:
    """'Source: …' / 'Sources: …; and 2 more (all in the Sources section)', built from the sources
    table for the cited ids (the first `limit` sources, titles cut to max_title characters; a
    title `drawable` cannot draw is '[title in the Sources section]'). The formatting is
    lessonkit.data.format_source_line, shared with data.source_line."""
    cited = cited_sources(sources, list(dict.fromkeys(str(i) for i in ids if not is_blank(i))))
    return format_source_line(cited, limit=limit, max_title=max_title, more_hint=N_("all in the Sources section"),
                              drawable=drawable)


# --- votes ---------------------------------------------------------------------------------


def vote_summary(counts: Mapping[str, int]) -> str:
    """{'Y': 141, 'N': 5, 'A': 35, 'NV': 12} -> '141 yes, 5 no, 35 abstain, 12 not voting'."""
    return t("{y} yes, {n} no, {a} abstain, {nv} not voting", y=int(counts.get("Y", 0)), n=int(counts.get("N", 0)),
             a=int(counts.get("A", 0)), nv=int(counts.get("NV", 0)))


def _by_vote(named: Sequence[tuple]) -> dict[str, list[tuple[str, bool]]]:
    """vote -> [(name, plural), …] from (name, vote) or (name, vote, plural) entries, in order."""
    groups: dict[str, list[tuple[str, bool]]] = {}
    for entry in named:
        groups.setdefault(entry[1], []).append((entry[0], bool(entry[2]) if len(entry) > 2 else False))
    return groups


def verb_count(subjects: Sequence[tuple[str, bool]]) -> int:
    """The count a verb agrees with for these subjects: 2 (plural) for more than one or for one
    plural name ('die USA stimmten'), else 1."""
    return 2 if len(subjects) > 1 or any(plural for _, plural in subjects) else 1


def highlight_phrase(named: Sequence[tuple]) -> str:
    """[('Russia','N'), ('North Korea','N'), ('China','A')] ->
    'Russia and North Korea voted no; China abstained' (grouped by vote, in the order given).
    An entry may carry a third item, True where the name takes a plural verb (codes.subject_names:
    'die USA stimmten mit Ja')."""
    parts = []
    for vote, members in _by_vote(named).items():
        parts.append(f"{join_names([n for n, _ in members])} {vote_verb(vote, verb_count(members))}")
    return "; ".join(parts)


def seat_title(short_id: str, counts: Mapping[str, int], named_votes: Sequence[tuple[str, str]]) -> str:
    title = t("{sid}: {y} in favour, {n} against", sid=short_id, y=counts.get("Y", 0), n=counts.get("N", 0))
    phrase = highlight_phrase(named_votes)
    return f"{title} \u2013 {phrase}" if phrase else title


def region_finding(by_region: pd.DataFrame, vote: str = "A") -> str:
    """From a region x vote count table: 'most abstentions came from African states (22 of 35)'."""
    if vote not in by_region.columns or by_region[vote].sum() == 0:
        return ""
    col = by_region[vote]
    top = col.sort_values(ascending=False, kind="stable")
    region, k = top.index[0], int(top.iloc[0])
    fields = {"region": region_label(region), "k": k, "total": int(col.sum())}
    if vote == "A":
        return t("most abstentions came from {region} ({k} of {total})", **fields)
    if vote == "N":
        return t("most no votes came from {region} ({k} of {total})", **fields)
    if vote == "Y":
        return t("most yes votes came from {region} ({k} of {total})", **fields)
    return t("most non-votes came from {region} ({k} of {total})", **fields)


REGION_LABELS = {
    "African": N_("African states"),
    "Asia-Pacific": N_("Asia-Pacific states"),
    "Eastern European": N_("Eastern European states"),
    "Latin American and Caribbean": N_("Latin American and Caribbean states"),
    "Western European and Others": N_("Western European and other states"),
    "none": N_("states outside the regional groups"),
}


def region_label(region: str) -> str:
    return t(REGION_LABELS[region]) if region in REGION_LABELS else str(region)


def group_vote_phrase(named: Sequence[tuple], max_names: int = 4) -> str:
    """Like highlight_phrase, but a vote shared by more than max_names states is given as a
    count: '8 voted yes; Laos and Vietnam abstained'."""
    groups = _by_vote(named)
    order = sorted(groups, key=lambda v: (-len(groups[v]), ("Y", "N", "A", "NV", "").index(v) if v in ("Y", "N", "A", "NV", "") else 9))
    parts = []
    for vote in order:
        members = groups[vote]
        who = join_names([n for n, _ in members]) if len(members) <= max_names else f"{len(members)}"
        parts.append(f"{who} {vote_verb(vote, verb_count(members))}")
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
        text += ". " + t("The data hold only the totals for this resolution, not how each state voted.")
    return text


def seat_words(row: pd.Series, shape: Mapping, highlight: Sequence[str]) -> tuple[str, str, str]:
    """Title, subtitle and text alternative of the seat chart (shape: model.votes.seat_shape)."""
    sid, counts, named = str(row["short_id"]), shape["counts"], shape["named"]
    title = seat_title(sid, counts, named)
    subtitle = resolution_subtitle(row, totals_only=not shape["with_countries"])
    date = format_date(row.get("date"))
    if date:
        alt = t("Seat chart of {sid} ({date}): {summary}", sid=sid, date=date, summary=vote_summary(counts))
    else:
        alt = t("Seat chart of {sid}: {summary}", sid=sid, summary=vote_summary(counts))
    if named:
        alt += f"; {highlight_phrase(named)}"
    elif highlight and not shape["with_countries"]:
        alt += "; " + t("how individual states voted is not in the data")
    return title, subtitle, alt


def tile_words(row: pd.Series, shape: Mapping) -> tuple[str, str, str]:
    """Title, subtitle and text alternative of the tile map (shape: model.votes.tile_shape)."""
    sid, counts = str(row["short_id"]), shape["counts"]
    if shape["with_countries"]:
        finding = region_finding(shape["by_region"], "A")
    else:
        finding = t("the data do not say which state voted how")
    title = t("{sid}: {y} in favour, {n} against", sid=sid, y=counts["Y"], n=counts["N"])
    title += f"; {finding}" if finding else ""
    subtitle = resolution_subtitle(row, totals_only=not shape["with_countries"])
    subtitle = subtitle.rstrip(".") + ". " + t("One equal tile per member state, placed roughly where it lies.")
    alt = t("Tile map of {sid}, one equal tile per member state placed roughly where it lies: {summary}",
            sid=sid, summary=vote_summary(counts))
    if finding:
        alt += f"; {finding}"
    if shape["named"]:
        alt += f"; {highlight_phrase(shape['named'])}"
    return title, subtitle, alt
