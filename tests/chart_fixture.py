"""The fixture tables (tests/fixtures/charts) and the checks on a drawn figure shared by the
chart tests tests/test_charts_{votes,flows,arms,vietnam,display}.py: titles, labels, colours and
highlighted states are checked on the returned figure's artists, not on pixels."""

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from lessonkit import data
from lessonkit.charts import Chart, style

FIXTURES = Path(__file__).parent / "fixtures" / "charts"
TABLES = ("sources", "countries", "un_resolutions", "un_votes", "transfers", "sk_estimates",
          "vietnam_arms_imports", "vietnam_partnerships", "vietnam_trade")


def fixture_tables() -> dict[str, pd.DataFrame]:
    """Every fixture table, loaded and typed like data/ (the chart tests' fixture `t`, tests/conftest.py)."""
    return {n: data.load(n, FIXTURES) for n in TABLES}


def votes_kw(t):
    return dict(resolutions=t["un_resolutions"], votes=t["un_votes"], countries=t["countries"], sources=t["sources"])


def texts(fig) -> list[str]:
    """Every text drawn on the figure (figure texts, axes texts, annotations, legends, ticks)."""
    out = [x.get_text() for x in fig.texts]
    for ax in fig.axes:
        out += [x.get_text() for x in ax.texts]
        out += [lab.get_text() for lab in ax.get_yticklabels() + ax.get_xticklabels()]
        if ax.get_legend():
            out += [x.get_text() for x in ax.get_legend().get_texts()]
    for leg in fig.legends:
        out += [x.get_text() for x in leg.get_texts()] + [leg.get_title().get_text()]
    return out


def by_gid(fig, gid):
    for ax in fig.axes:
        for artist in ax.get_children():
            if artist.get_gid() == gid:
                return artist
    raise AssertionError(f"no artist with gid {gid!r}")


def check_common(chart: Chart, source_publishers: list[str]):
    """What every chart shares: house title, source line from the sources table, one-sentence
    alt text, a data table, a PNG, fixed width, not registered with pyplot."""
    fig = chart.fig
    assert style.text_by_gid(fig, "title") == chart.title and chart.title
    source = style.text_by_gid(fig, "source")
    assert source == chart.source_line and source.startswith("Source")
    for publisher in source_publishers:
        assert publisher in source
    assert chart.alt_text.endswith(".") and "\n" not in chart.alt_text and chart.alt_text.count(". ") == 0
    assert isinstance(chart.table(), pd.DataFrame) and len(chart.table())
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"
    assert fig.get_figwidth() == style.WIDTH and fig.dpi == style.DPI
    assert plt.get_fignums() == []
    assert chart.kind in repr(chart)
