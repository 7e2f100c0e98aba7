"""UN General Assembly votes: the 193-seat hemicycle and the states x resolutions grid."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from lessonkit.charts import build, style
from lessonkit.charts.inputs import table
from lessonkit.charts.result import Chart
from lessonkit.i18n import nt, t
from lessonkit.model import captions
from lessonkit.model import layout as label_layout
from lessonkit.model import codes as code_model
from lessonkit.model import votes as vote_model

DEFAULT_HIGHLIGHT = ("RUS", "PRK", "VNM", "CHN")
MARKER_SCALE = {"o": 1.0, "s": 0.78, "^": 1.05}


def resolution_tables(resolution, resolutions, votes, countries, sources):
    """The resolutions row asked for and the tables a one-resolution chart draws from."""
    resolutions = table("un_resolutions", resolutions)
    votes = table("un_votes", votes)
    countries = table("countries", countries)
    sources = table("sources", sources)
    row = code_model.check_resolution(resolution, resolutions)
    return row, votes, countries, sources


@style.house_style
def seat_chart(
    resolution: str = "ES-11/1",
    highlight: str | Sequence[str] = DEFAULT_HIGHLIGHT,
    *,
    resolutions: pd.DataFrame | None = None,
    votes: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    frame: bool = True,
    canvas: SeatCanvas | None = None,
) -> Chart:
    """The General Assembly as a hemicycle of seats, one per member state, grouped by vote
    (yes, abstain, not voting, no from left to right), with the chosen states outlined and named.

    frame=False leaves title, subtitle and source line off the figure (they stay on the
    Chart); the interactive explorer shows them as text instead, and passes its SeatCanvas
    to be redrawn in place.

    seat_chart("ES-11/1", ["RUS", "PRK", "VNM", "CHN"])"""
    row, votes, countries, sources = resolution_tables(resolution, resolutions, votes, countries, sources)
    highlight = code_model.check_countries(highlight, countries)
    shape = vote_model.seat_shape(row, votes, countries, highlight)
    title, subtitle, alt = captions.seat_words(row, shape, highlight)
    ids = captions.cited_ids(pd.DataFrame([row]))
    src_line = captions.source_line(sources, ids, drawable=style.drawable)
    fig = build.draw_on(canvas, SeatCanvas, frame, title, src_line, subtitle, shape["seats"], shape["counts"],
                        str(row["short_id"])).fig
    return build.chart("seat_chart", fig, title, subtitle, src_line, alt, vote_model.seat_table(shape), sources, ids)


# Labels round the arc: spread_angles keeps them 0.2 rad apart in [0.3, pi - 0.3], room for 12;
# more would overlap, so the rest stay outlined and a line says how many.
MAX_LABELS = 12


class SeatCanvas:
    """The hemicycle's figure, built once and redrawn in place by `update` (the interactive
    explorer keeps one and updates it for every change, which is much faster than building a
    new figure). Not framed: `finish` is applied by seat_chart to one-off figures only."""

    XLIM, YLIM = 1.62, (-0.32, 1.25)

    def __init__(self):
        self.inch_per_unit = 0.98 * style.WIDTH / (2 * self.XLIM)
        self.fig = style.new_figure((self.YLIM[1] - self.YLIM[0]) * self.inch_per_unit)
        ax = self.ax = self.fig.add_axes((0.01, 0.0, 0.98, 1.0))
        ax.set_xlim(-self.XLIM, self.XLIM)
        ax.set_ylim(*self.YLIM)
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        self.seats, self.highlights = {}, {}
        for vote in style.VOTE_CODES:
            edge = style.DARK if vote != "NV" else style.MID_GREY
            self.seats[vote] = ax.scatter([], [], marker=style.VOTE_MARKERS[vote], facecolors=style.VOTE_COLORS[vote],
                                          edgecolors=edge, linewidths=0.4, gid=f"seats-{vote}", zorder=2)
            # a highlighted seat keeps its shape and colour and gets a heavy dark outline
            self.highlights[vote] = ax.scatter([], [], marker=style.VOTE_MARKERS[vote],
                                               facecolors=style.VOTE_COLORS[vote], edgecolors=style.HIGHLIGHT,
                                               linewidths=2.0, gid=f"highlight-{vote}", zorder=3)
        self.centre = ax.text(0, 0.17, "", ha="center", va="center", fontsize=16, fontweight="bold",
                              color=style.DARK, gid="centre")
        self.count = ax.text(0, 0.05, "", ha="center", va="center", fontsize=style.FONT["small"], color=style.MUTED)
        self.more = ax.text(0, -0.12, "", ha="center", va="center", fontsize=style.FONT["small"], color=style.DARK,
                            gid="more-highlighted")
        handles = []
        for vote in code_model.SEAT_BLOCKS:
            marker = style.VOTE_MARKERS[vote]
            handles.append(Line2D([], [], linestyle="none", marker=marker,
                                  markersize=9 * MARKER_SCALE[marker] * (0.8 if vote == "NV" else 1),
                                  markerfacecolor=style.VOTE_COLORS[vote],
                                  markeredgecolor=style.DARK if vote != "NV" else style.MID_GREY,
                                  markeredgewidth=0.5, label=style.vote_label(vote)))
        self.legend = ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4,
                                frameon=False, fontsize=style.FONT["body"], handletextpad=0.3, columnspacing=1.6)
        self.labels: list = []  # leader lines and names of the highlighted states

    def update(self, seats: pd.DataFrame, counts: dict[str, int], sid: str) -> None:
        ax = self.ax
        n = len(seats)
        rows = int(seats["ring"].max()) + 1 if n else 1
        spacing = (1 - 0.38) / (rows - 1) if rows > 1 else 0.3
        outer_k = int((seats["ring"] == rows - 1).sum()) if n else 1
        if outer_k > 1:
            spacing = min(spacing, math.pi / (outer_k - 1))
        diameter_pt = 0.82 * min(spacing, 0.2) * self.inch_per_unit * 72
        xy = seats[["x", "y"]].to_numpy(dtype=float)
        votes = seats["vote"].to_numpy()
        hi_mask = seats["highlighted"].to_numpy(dtype=bool)
        for vote in style.VOTE_CODES:
            scale = MARKER_SCALE[style.VOTE_MARKERS[vote]]
            size = (diameter_pt * scale) ** 2 * (0.55 if vote == "NV" else 1)  # an empty seat: smaller, paler
            mask = votes == vote
            self.seats[vote].set_offsets(xy[mask].reshape(-1, 2))
            self.seats[vote].set_sizes([size])
            self.highlights[vote].set_offsets(xy[mask & hi_mask].reshape(-1, 2))
            self.highlights[vote].set_sizes([(diameter_pt * scale * 1.12) ** 2])
        for artist in self.labels:
            artist.remove()
        self.labels = []
        hi = seats[hi_mask]
        more = max(0, len(hi) - MAX_LABELS)  # beyond what fits round the arc without overlapping
        hi = hi.iloc[:MAX_LABELS]
        placed = []  # boxes of the labels kept; a label that would overlap one is dropped (counted in "more")
        if len(hi):
            # label directions as seen from just below the centre: seats at the same angle (the
            # floor of the hemicycle) then get their labels in left-to-right order, so lines don't cross
            seen = [math.atan2(y + 0.3, x) for x, y in zip(hi["x"], hi["y"])]
            angles = label_layout.spread_positions(seen, min_gap=0.2, low=0.3, high=math.pi - 0.3)
            gap = diameter_pt * 0.6 / 72 / self.inch_per_unit
            for (_, st), a in zip(hi.iterrows(), angles):
                lx, ly = 1.13 * math.cos(a), 1.1 * math.sin(a)
                dx, dy = lx - st["x"], ly - st["y"]
                norm = math.hypot(dx, dy) or 1.0
                ux, uy = dx / norm, dy / norm
                line = Line2D([st["x"] + ux * gap, lx - ux * 0.03], [st["y"] + uy * gap, ly - uy * 0.03],
                              color=style.DARK, linewidth=0.8, zorder=4, gid=f"leader-{st['iso3']}")
                ha = "center" if abs(math.cos(a)) < 0.3 else ("right" if math.cos(a) < 0 else "left")
                text = ax.text(lx, ly, f"{st['name']}: {style.vote_word(st['vote'])}", ha=ha,
                               va="center", fontsize=style.FONT["body"], fontweight="bold", color=style.DARK,
                               gid=f"label-{st['iso3']}", zorder=4)
                box = text.get_window_extent(renderer=self.fig.canvas.get_renderer())
                if any(box.overlaps(other) for other in placed):
                    text.remove()
                    more += 1
                    continue
                placed.append(box)
                ax.add_line(line)
                self.labels += [line, text]
        self.more.set_text(t("+{n} more highlighted (outlined; named in the text alternative)", n=more) if more else "")
        self.centre.set_text(sid)
        self.count.set_text(t("{n} member states", n=n) if n == 193 else nt("{n} seat", "{n} seats", n))
        for text, vote in zip(self.legend.get_texts(), code_model.SEAT_BLOCKS):
            text.set_text(f"{style.vote_label(vote)} ({counts.get(vote, 0)})")


# --- states x resolutions --------------------------------------------------------------------


@style.house_style
def vote_grid(
    group: str | Sequence[str] = "actors",
    shown: Sequence[str] | None = None,
    reference: str | None = "RUS",
    *,
    resolutions: pd.DataFrame | None = None,
    votes: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> Chart:
    """How a group of states voted on several resolutions: one row per state, one column per
    resolution, each cell coloured and lettered by vote; the last column counts how often the
    state voted as the reference state (Russia by default) did.

    group: 'actors', 'asean', 'eu', 'nato', 'csto', 'sco', 'brics', 'against:ES-11/1', or a
    list of ISO3 codes. shown: resolution short ids (default: every resolution with country
    votes, in date order; one without them gets a column marked 'no country list').

    vote_grid("asean"); vote_grid(["RUS", "PRK", "VNM", "CHN"], ["ES-11/1", "ES-11/4"])"""
    resolutions = table("un_resolutions", resolutions)
    votes = table("un_votes", votes)
    countries = table("countries", countries)
    sources = table("sources", sources)
    states, label = vote_model.group_members(group, countries, votes)
    if not states:
        raise ValueError(f"The group {group!r} has no states.")
    if reference is not None:
        reference = code_model.check_countries(reference, countries)[0]
    left_out: list[str] = []
    if shown is None:
        all_rows = [code_model.check_resolution(r, resolutions) for r in code_model.resolution_ids(resolutions)]
        shown_rows = [r for r in all_rows if vote_model.has_country_votes(r, votes)]
        left_out = [str(r["short_id"]) for r in all_rows if not vote_model.has_country_votes(r, votes)]
        if not shown_rows:
            raise ValueError("No resolution in the data has country votes.")
    else:
        shown_rows = [code_model.check_resolution(r, resolutions) for r in ([shown] if isinstance(shown, str) else shown)]
    res_ids = [str(r["short_id"]) for r in shown_rows]
    recorded = {str(r["short_id"]): vote_model.has_country_votes(r, votes) for r in shown_rows}
    rows_states = list(states)
    if reference is not None and reference not in rows_states:
        rows_states = [reference, *rows_states]
    matrix = vote_model.vote_matrix(votes, rows_states, res_ids)
    names = code_model.name_map(countries, rows_states)
    agree = vote_model.agreement_rates(matrix, reference) if reference is not None else None
    order = list(rows_states)
    if agree is not None:
        others = [s for s in rows_states if s != reference]
        others.sort(key=lambda s: (-(agree.at[s, "share"] if not math.isnan(agree.at[s, "share"]) else -1),
                                   names[s]))
        order = [reference, *others]
    matrix = matrix.reindex(order)

    title, alt = _grid_words(label, matrix, code_model.subject_names(countries, rows_states), res_ids, recorded,
                             reference, agree, states)
    ids = captions.cited_ids(pd.DataFrame(shown_rows))
    src_line = captions.source_line(sources, ids, drawable=style.drawable)
    missing = [r for r in res_ids if not recorded[r]]
    subtitle = t("{n} states x {resolutions}", n=len(states),
                 resolutions=nt("{n} resolution", "{n} resolutions", len(res_ids)))
    if reference is not None:
        subtitle += t("; last column: votes cast as {name} voted (yes/no/abstain on both sides)", name=names[reference],
                      von=code_model.route_names(countries, [reference])[reference][0])
    if missing:
        subtitle += t(". No country list in the data for {ids}", ids=", ".join(missing))
    if left_out:
        subtitle += t(". Not shown (no country list in the data): {ids}", ids=", ".join(left_out))
    fig = _draw_grid(matrix, names, res_ids, recorded, reference, agree, shown_rows, bool(missing))
    style.finish(fig, title, src_line, subtitle)

    data = matrix.copy()
    data.columns.name = None
    data.insert(0, "name", [names[s] for s in data.index])
    if agree is not None:
        data[f"same_as_{reference}"] = agree.reindex(data.index)["same"]
        data["compared"] = agree.reindex(data.index)["compared"]
    return build.chart("vote_grid", fig, title, subtitle, src_line, alt, data.reset_index(), sources, ids)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _grid_words(label, matrix, subjects, res_ids, recorded, reference, agree, states):
    """Title (the finding) and text alternative of the grid. `label` is mid-sentence form
    ('the ASEAN members'); subjects: code -> (name as a sentence's subject, plural verb)."""
    with_votes = [r for r in res_ids if recorded[r]]
    members = [s for s in matrix.index if s in states]
    if len(with_votes) == 1:
        r = with_votes[0]
        named = [(subjects[s][0], matrix.at[s, r] or "", subjects[s][1]) for s in members]
        finding = captions.group_vote_phrase(named)
        title = t("{group} on {sid}: {finding}", group=_cap(label), sid=r, finding=finding)
        alt = t("Grid of how {group} voted on {sid}: {finding}", group=label, sid=r, finding=finding)
        return title, alt
    finding = ""
    if agree is not None and with_votes:
        others = [s for s in members if s != reference and agree.at[s, "compared"] > 0]
        if others:
            best = max(agree.loc[others, "share"])
            top = [s for s in others if agree.at[s, "share"] == best]
            if best == 0:
                finding = t("none voted as {name} did on any of these resolutions", name=subjects[reference][0])
            else:
                k = int(agree.at[top[0], "same"])
                m = int(agree.at[top[0], "compared"])
                who = captions.join_names([subjects[s][0] for s in top[:4]]) + (t(" and others") if len(top) > 4 else "")
                finding = nt("{who} voted as {name} did most often ({k} of {m} votes)",
                             "{who} voted as {name} did most often ({k} of {m} votes)",
                             captions.verb_count([subjects[s] for s in top]), who=who, name=subjects[reference][0],
                             k=k, m=m)
    title = f"{_cap(label)}: {finding}" if finding else t("How {group} voted", group=label)
    alt = t("Grid of how {group} voted on {n} resolutions ({ids})", group=label, n=len(res_ids), ids=", ".join(res_ids))
    if finding:
        alt += f"; {finding}"
    return title, alt


def _draw_grid(matrix, names, res_ids, recorded, reference, agree, shown_rows, any_missing):
    n_rows, n_cols = matrix.shape
    cell_h = 0.3
    label_w = 1.9  # inches for state names
    right_w = 1.0 if agree is not None else 0.2
    avail = style.WIDTH - label_w - right_w - 0.3
    cell_w = min(0.9, avail / max(n_cols, 1))
    header_h = 0.55
    legend_h = 0.45
    height = n_rows * cell_h + header_h + legend_h
    fig = style.new_figure(height)
    ax = fig.add_axes((label_w / style.WIDTH, legend_h / height, (n_cols * cell_w) / style.WIDTH,
                       (n_rows * cell_h) / height))
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_axis_off()
    for i, iso3 in enumerate(matrix.index):
        for j, r in enumerate(res_ids):
            vote = matrix.at[iso3, r]
            if vote in style.VOTE_COLORS:
                color = style.VOTE_COLORS[vote]
                ax.add_patch(Rectangle((j + 0.04, i + 0.06), 0.92, 0.88, facecolor=color, edgecolor="white",
                                       linewidth=0, gid=f"cell-{iso3}-{r}"))
                ax.text(j + 0.5, i + 0.52, style.vote_letter(vote), ha="center", va="center",
                        fontsize=style.FONT["body"], fontweight="bold", color=style.text_color_on(color))
            else:
                ax.add_patch(Rectangle((j + 0.04, i + 0.06), 0.92, 0.88, facecolor="white", edgecolor=style.GREY,
                                       linewidth=0.6, hatch="xxx" if not recorded[r] else "", hatchcolor="#DDDDDD",
                                       gid=f"cell-{iso3}-{r}"))
        weight = "bold" if iso3 == reference else "normal"
        ax.text(-0.15, i + 0.5, names[iso3] + (t(" (reference)") if iso3 == reference else ""), ha="right",
                va="center", fontsize=style.FONT["body"], fontweight=weight, color=style.DARK, gid=f"row-{iso3}")
        if agree is not None and iso3 != reference:
            same, compared = agree.at[iso3, "same"], agree.at[iso3, "compared"]
            text = t("{k} of {m}", k=same, m=compared) if compared else "\u2013"
            ax.text(n_cols + 0.2, i + 0.5, text, ha="left", va="center", fontsize=style.FONT["small"],
                    color=style.DARK, gid=f"agree-{iso3}")
    for j, row in enumerate(shown_rows):
        year = captions.format_date(row.get("date"))[-4:]
        ax.text(j + 0.5, -0.15, f"{row['short_id']}\n{year}", ha="center", va="bottom",
                fontsize=style.FONT["small"], color=style.DARK, gid=f"col-{row['short_id']}")
    if agree is not None:
        ax.text(n_cols + 0.2, -0.15, t("same as\n{name}", name=names[reference]), ha="left", va="bottom",
                fontsize=style.FONT["small"], color=style.MUTED)
    if reference is not None and n_rows > 1:
        ax.axhline(1.0, color=style.MID_GREY, linewidth=0.8, xmin=0, xmax=1)
    handles = [Patch(facecolor=style.VOTE_COLORS[v], edgecolor="none", label=f"{style.vote_letter(v)} = {style.vote_label(v)}")
               for v in style.VOTE_CODES]
    if any_missing:
        handles.append(Patch(facecolor="white", edgecolor=style.GREY, hatch="xxx", label=t("no country list")))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=5, frameon=False,
               fontsize=style.FONT["small"], handlelength=1.2, columnspacing=1.2)
    return fig
