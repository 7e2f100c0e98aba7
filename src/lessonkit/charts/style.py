"""The house style shared by every chart: palette, vote colours, fonts, and `finish`.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common kinds of
colour blindness. Colour is never the only cue: votes also differ by hatching (tiles, bars),
marker shape (seats) or a letter (grid cells), and confidence levels by line style.

Figures are made with `matplotlib.figure.Figure` directly, not with pyplot, so they are never
registered with a pyplot figure manager: nothing piles up, and nothing needs closing.
"""

from __future__ import annotations

import functools

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lessonkit import i18n
from lessonkit.charts.canvas import TextCanvas
from lessonkit.text import line_height, wrap

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#BBBBBB"
MID_GREY = "#888888"
DARK = "#222222"
MUTED = "#555555"  # secondary text (subtitles, source lines)

# --- votes: the same colours and cues in every chart -------------------------------------
VOTE_CODES = ("Y", "N", "A", "NV")
VOTE_LABELS = {"Y": i18n.N_("Yes"), "N": i18n.N_("No"), "A": i18n.N_("Abstain"), "NV": i18n.N_("Not voting")}  # English; vote_label(v) shows them
VOTE_COLORS = {
    "Y": OKABE_ITO["blue"],
    "N": OKABE_ITO["vermillion"],
    "A": OKABE_ITO["yellow"],
    "NV": GREY,
}
# tiles and bars: "no" is hatched; the other three differ clearly in lightness (dark blue,
# light yellow, mid grey), so they stay apart in greyscale and for colour-blind readers
VOTE_HATCHES = {"Y": "", "N": "///", "A": "", "NV": ""}
VOTE_MARKERS = {"Y": "o", "N": "s", "A": "^", "NV": "o"}  # seats
VOTE_LETTERS = {"Y": i18n.N_("Y"), "N": i18n.N_("N"), "A": i18n.N_("A"), "NV": "–"}  # grid cells; vote_letter(v)

# --- arms flows ----------------------------------------------------------------------------
ITEM_COLORS = {
    "ammunition": OKABE_ITO["vermillion"],
    "missiles": OKABE_ITO["reddish_purple"],
    "weapons": OKABE_ITO["orange"],
    "troops": OKABE_ITO["blue"],
    "technology": OKABE_ITO["sky_blue"],
    "goods": OKABE_ITO["bluish_green"],
    "other": MID_GREY,
}
ITEM_LABELS = {  # English (also accepted as a category name); item_label(c) shows them
    "ammunition": i18n.N_("Ammunition, shells"),
    "missiles": i18n.N_("Missiles"),
    "weapons": i18n.N_("Weapons systems"),
    "troops": i18n.N_("Troops, personnel"),
    "technology": i18n.N_("Technology, know-how"),
    "goods": i18n.N_("Oil, food, money, goods"),
    "other": i18n.N_("Other"),
}


def vote_label(vote: str) -> str:
    """'Yes', 'No', … in the language in use."""
    return i18n.t(VOTE_LABELS[vote])


def vote_letter(vote: str) -> str:
    """The letter of a vote in the grid: Y, N, A (German J, N, E)."""
    letter = VOTE_LETTERS[vote]
    return i18n.t(letter) if vote != "NV" else letter


def vote_word(vote: str) -> str:
    """The vote inside a label ('Russia: no'); German keeps the noun's capital ('Russland: Nein')."""
    label = vote_label(vote)
    return label if i18n.current() == "de" else label.lower()


def item_label(category: str) -> str:
    """The legend label of a flow category in the language in use."""
    return i18n.t(ITEM_LABELS[category])
# line style per level of data/certainty.csv (its words and order come from that table)
CONFIDENCE_STYLES = {
    "confirmed": "-",
    "official_estimate": (0, (6, 3)),  # dashed
    "reported": (0, (6, 2.5, 1.5, 2.5)),  # dash-dot
    "alleged": (0, (1, 2)),  # dotted
}

# --- series that are not votes -------------------------------------------------------------
SERIES_COLORS = [
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["yellow"],
    MID_GREY,
]
HIGHLIGHT = DARK  # outline of highlighted states

# --- arms suppliers: one colour per supplier in every chart, "other" grey ---------------------
# The seven Okabe-Ito colours other than black, for at most seven named suppliers in a chart.
# Vietnam's seven largest suppliers in data/vietnam_arms_imports.csv keep the same colour in
# every chart (whatever subset a lesson passes); any other supplier gets a colour no supplier
# in the same chart has.
SUPPLIER_PALETTE = (
    OKABE_ITO["vermillion"],
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["yellow"],
)
SUPPLIER_COLORS = {
    "RUS": OKABE_ITO["vermillion"],
    "ISR": OKABE_ITO["blue"],
    "BLR": OKABE_ITO["orange"],
    "NLD": OKABE_ITO["bluish_green"],
    "USA": OKABE_ITO["reddish_purple"],
    "KOR": OKABE_ITO["sky_blue"],
    "IND": OKABE_ITO["yellow"],
}
OTHER_COLOR = GREY


def supplier_colors(suppliers, other: str = "OTHER") -> dict[str, str]:
    """A distinct colour for each of at most len(SUPPLIER_PALETTE) suppliers (SUPPLIER_COLORS
    first, then the palette's unused colours in order), grey for `other`."""
    named = [s for s in suppliers if s != other]
    if len(named) > len(SUPPLIER_PALETTE):
        raise ValueError(f"At most {len(SUPPLIER_PALETTE)} suppliers can have distinct colours; got {len(named)}.")
    colors = {s: SUPPLIER_COLORS[s] for s in named if s in SUPPLIER_COLORS}
    free = [c for c in SUPPLIER_PALETTE if c not in colors.values()]
    for s in named:
        if s not in colors:
            colors[s] = free.pop(0)
    if other in suppliers:
        colors[other] = OTHER_COLOR
    return colors

# --- sizes ---------------------------------------------------------------------------------
WIDTH = 8.0  # inches: the width of a notebook cell
DPI = 100
FONT = {"title": 13, "subtitle": 9.5, "body": 9, "small": 8, "tiny": 6.5, "source": 7.5}
PAD = 0.15  # inches between the figure's edge and its texts


# rc settings in force while a chart is built (never changed globally). Data can contain "$"
# ("US$ 3.6 bn"), which must not be read as mathtext.
HOUSE_RC = {
    "text.parse_math": False,
    "font.size": FONT["body"],
    "legend.fontsize": FONT["small"],
    "hatch.linewidth": 0.8,
    "axes.titlesize": FONT["body"],
    "axes.labelsize": FONT["small"],
    "axes.labelcolor": DARK,
    "xtick.labelsize": FONT["small"],
    "ytick.labelsize": FONT["small"],
}


@functools.lru_cache(maxsize=1)
def _drawable_chars() -> frozenset[int]:
    """The code points the chart fonts have a glyph for: the fonts of rcParams font.sans-serif
    found on this machine (matplotlib falls back along that list; the bundled one is DejaVu Sans)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    chars: set[int] = set()
    for family in matplotlib.rcParams["font.sans-serif"]:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=[family]), fallback_to_default=False)
        except ValueError:  # not installed here
            continue
        chars |= set(FT2Font(path).get_charmap())
    return frozenset(chars)


def drawable(text: str) -> bool:
    """True if the chart fonts can draw every character of text (Hangul, kana and Chinese
    characters they cannot: those would show as empty boxes)."""
    chars = _drawable_chars()
    return all(ord(c) in chars or c.isspace() for c in str(text))


def house_style(func):
    """Build the chart with HOUSE_RC in force."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(HOUSE_RC):
            return func(*args, **kwargs)

    return wrapper


def text_color_on(hex_color: str) -> str:
    """Black or white, whichever reads better on the given fill (WCAG relative luminance)."""
    h = hex_color.lstrip("#")
    if len(h) != 6:
        return DARK
    channels = []
    for i in (0, 2, 4):
        c = int(h[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    lum = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    on_white = (lum + 0.05) / 0.05  # contrast of black text
    on_black = 1.05 / (lum + 0.05)  # contrast of white text
    return "#000000" if on_white >= on_black else "#FFFFFF"


def new_figure(height: float, width: float = WIDTH) -> Figure:
    """A figure of the house size that belongs to no pyplot manager (so it never piles up),
    on a TextCanvas (lessonkit.charts.canvas: the same pixels, text drawn faster)."""
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    TextCanvas(fig)
    return fig


def style_axes(ax: Axes, grid: str | None = None) -> None:
    """Quiet axes: no top/right spines, small ticks, optional light grid on one axis."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MID_GREY)
    ax.tick_params(labelsize=FONT["small"], colors=DARK, length=3, color=MID_GREY)
    if grid in ("x", "y", "both"):
        ax.grid(axis=grid, color="#DDDDDD", linewidth=0.6)
        ax.set_axisbelow(True)


# the one estimate of text width lives in lessonkit.text (wrap, line_height)
_line_h = line_height


def finish(fig: Figure, title: str, source_line: str, subtitle: str | None = None) -> Figure:
    """Add the house title (the finding), an optional subtitle and the source line.

    The chart is drawn first on a figure whose height is the chart's own; `finish` then makes
    the figure taller by the room the texts need and moves every axes and figure text so the
    chart keeps its size in inches. Returns the figure.
    """
    w = fig.get_figwidth()
    old_h = fig.get_figheight()
    text_w = w - 2 * PAD
    t_lines = wrap(title, FONT["title"], text_w, bold=True)
    s_lines = wrap(subtitle or "", FONT["subtitle"], text_w)
    src_lines = wrap(source_line, FONT["source"], text_w)
    top = PAD + len(t_lines) * _line_h(FONT["title"]) + (len(s_lines) * _line_h(FONT["subtitle"]) + 0.05 if s_lines else 0) + 0.1
    bottom = PAD + len(src_lines) * _line_h(FONT["source"]) + 0.05
    new_h = old_h + top + bottom
    to_fig = fig.transFigure.inverted()
    legend_anchors = [(leg, leg.get_bbox_to_anchor().transformed(to_fig)) for leg in fig.legends]
    fig.set_figheight(new_h)

    def y_new(y: float) -> float:
        return (y * old_h + bottom) / new_h

    for ax in fig.axes:
        pos = ax.get_position(original=True)
        ax.set_position([pos.x0, y_new(pos.y0), pos.width, pos.height * old_h / new_h], which="both")
    for t in fig.texts:
        x, y = t.get_position()
        t.set_position((x, y_new(y)))
    for leg, bb in legend_anchors:
        leg.set_bbox_to_anchor((bb.x0, y_new(bb.y0), bb.width, bb.height * old_h / new_h), transform=fig.transFigure)

    x0 = PAD / w
    y = 1 - PAD / new_h
    fig.text(x0, y, "\n".join(t_lines), ha="left", va="top", fontsize=FONT["title"], fontweight="bold",
             color=DARK, gid="title", linespacing=1.15)
    if s_lines:
        y -= (len(t_lines) * _line_h(FONT["title"]) + 0.05) / new_h
        fig.text(x0, y, "\n".join(s_lines), ha="left", va="top", fontsize=FONT["subtitle"], color=MUTED,
                 gid="subtitle", linespacing=1.15)
    fig.text(x0, PAD / new_h, "\n".join(src_lines), ha="left", va="bottom", fontsize=FONT["source"], color=MUTED,
             gid="source", linespacing=1.15)
    return fig


def text_by_gid(fig: Figure, gid: str) -> str:
    """The text of the figure text with this gid (title, subtitle, source), unwrapped, or ''."""
    for t in fig.texts:
        if t.get_gid() == gid:
            return " ".join(t.get_text().split("\n"))
    return ""
