"""The one builder every chart ends with: draw on a canvas (a new one, framed with title,
subtitle and source line, or the interactive explorer's own, redrawn in place), then wrap the
figure, its words, its data and its sources in a Chart."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from lessonkit.charts import style
from lessonkit.charts.result import Chart
from lessonkit.model import captions


def draw_on(canvas: Any | None, new_canvas: Callable[[], Any], frame: bool, title: str, source_line: str,
            subtitle: str, *update_args) -> Any:
    """The canvas with the chart drawn: `canvas.update(*update_args)` on the canvas given
    (redrawn in place; it is never framed, so frame must be False) or on `new_canvas()`,
    framed with the house title, subtitle and source line if frame is True."""
    if canvas is not None and frame:
        raise ValueError("A canvas is redrawn in place: pass frame=False with it.")
    fresh = canvas is None
    canvas = new_canvas() if fresh else canvas
    canvas.update(*update_args)
    if fresh and frame:
        style.finish(canvas.fig, title, source_line, subtitle)
    return canvas


def chart(kind: str, fig, title: str, subtitle: str, source_line: str, alt: str, data: pd.DataFrame,
          sources: pd.DataFrame, ids: Sequence[str]) -> Chart:
    """The Chart a chart function returns: its figure, the text alternative as a sentence, the
    data shown and the rows of the sources table it cites."""
    return Chart(fig=fig, alt_text=captions.sentence(alt), data=data, title=title, source_line=source_line,
                 subtitle=subtitle, sources=captions.cited_sources(sources, ids), kind=kind)
