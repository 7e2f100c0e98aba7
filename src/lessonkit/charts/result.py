"""What every chart function returns: the figure, its text alternative and its data.

In a notebook a Chart shows as the picture followed by a line "Text alternative: …", so the
alternative is visible to every reader (and to screen readers) and is stored in the notebook.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from lessonkit.charts import style
from lessonkit.i18n import t


@dataclass(eq=False)
class Chart:
    fig: Figure
    alt_text: str
    data: pd.DataFrame
    title: str = ""
    source_line: str = ""
    subtitle: str = ""
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)
    kind: str = ""
    _png: bytes | None = field(default=None, repr=False)
    _lessonkit_no_history = True  # not a field: IPython's Out[] drops it (lessonkit.history)

    def table(self) -> pd.DataFrame:
        """The data the chart shows, as a DataFrame (a copy)."""
        return self.data.copy()

    def png(self, compress_level: int = 6) -> bytes:
        """The chart as PNG bytes (rendered once, then cached). compress_level: 0-9, lower is
        faster and bigger (the interactive charts use 1)."""
        if self._png is None:
            self._png = self._render(compress_level)
        return self._png

    def _render(self, compress_level: int) -> bytes:
        buf = io.BytesIO()
        with matplotlib.rc_context(style.HOUSE_RC):
            self.fig.savefig(buf, format="png", dpi=style.DPI, facecolor="white",
                             pil_kwargs={"compress_level": compress_level})
        return buf.getvalue()

    def _palette_png(self) -> bytes:
        """smaller(self.png()) without a PNG in between: the palette PNG is made from the drawn
        pixels (savefig's "raw" RGBA: the same pixels as its PNG), not from an encoded and
        decoded PNG."""
        from PIL import Image

        from lessonkit.png import palette_png, smaller

        buf = io.BytesIO()
        with matplotlib.rc_context(style.HOUSE_RC):
            self.fig.savefig(buf, format="raw", dpi=style.DPI, facecolor="white")
        raw = buf.getvalue()
        width, height = (int(x * style.DPI) for x in self.fig.get_size_inches())
        if len(raw) != 4 * width * height:  # not the size expected: take the way through a PNG
            return smaller(self._render(compress_level=0))
        out = palette_png(Image.frombuffer("RGBA", (width, height), raw, "raw", "RGBA", 0, 1).convert("RGB"))
        # smaller() keeps its input PNG when that is smaller; an uncompressed one has at least
        # height * (4 * width + 1) bytes, so below that the answer is the same without making it
        return out if len(out) < height * (4 * width + 1) else smaller(self._render(compress_level=0))

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".png":
            path.write_bytes(self.png())
        else:
            with matplotlib.rc_context(style.HOUSE_RC):
                self.fig.savefig(path, dpi=style.DPI, facecolor="white")
        return path

    def caption_markdown(self) -> str:
        return f"*{t('Text alternative:')}* {self.alt_text}"

    # --- display -------------------------------------------------------------------------
    def _repr_png_(self) -> bytes:
        return self.png()

    def _ipython_display_(self) -> None:
        from IPython.display import Markdown, display

        from lessonkit import history
        from lessonkit.png import smaller

        png = smaller(self._png) if self._png is not None else self._palette_png()
        width = int(self.fig.get_figwidth() * style.DPI)
        # The <img> carries the text alternative as its alt attribute (for screen readers and
        # the HTML export). The picture is stored once, in the HTML (a second copy as image/png
        # doubled every notebook's size), as a palette PNG (lessonkit.png).
        img = (f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" '
               f'alt="{html.escape(self.alt_text, quote=True)}" width="{width}"/>')
        display({"text/html": img, "text/plain": self.alt_text}, raw=True)
        display(Markdown(self.caption_markdown()))
        history.keep_out_of_history()

    def __repr__(self) -> str:
        return f"Chart(kind={self.kind!r}, title={self.title!r})"
