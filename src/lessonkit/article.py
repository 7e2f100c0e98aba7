"""The seed article as numbered paragraphs, each with a role.

The text file in seeds/ is stored exactly as scraped; the JSON file beside it holds the
citation and the role of every paragraph (body, heading, teaser, caption, credit).
Paragraphs are the blank-line-separated blocks of the file, numbered from 1.
Lessons quote the article as „German text“ (¶N); `check_quote` proves a quote is verbatim.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lessonkit.paths import seeds_dir

ROLES = ("body", "heading", "teaser", "caption", "credit")
ROLE_LABELS = {
    "body": "body text",
    "heading": "sub-heading",
    "teaser": "teaser headline (link to another article)",
    "caption": "photo caption",
    "credit": "photo credit",
}
# A quote in a lesson's Markdown: „German text“ (¶7). "…" marks an omission.
QUOTE_PATTERN = re.compile(r"„([^“]+)“\s*\(¶(\d+)\)")


class ArticleError(ValueError):
    """The seed or a quote from it is not what it should be."""


@dataclass(frozen=True)
class Paragraph:
    n: int
    role: str
    text: str
    credit: str = ""
    note: str = ""

    @property
    def caption(self) -> str:
        """For a caption: the caption without its photo credit."""
        if self.credit and self.text.endswith(self.credit):
            return self.text[: -len(self.credit)].rstrip()
        return self.text


@dataclass(frozen=True)
class Article:
    meta: dict
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)

    def paragraph(self, n: int) -> Paragraph:
        if not 1 <= n <= len(self.paragraphs):
            raise ArticleError(f"the article has paragraphs 1 to {len(self.paragraphs)}, not ¶{n}")
        return self.paragraphs[n - 1]

    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role == "body"]

    def citation(self) -> str:
        m = self.meta
        authors = ", ".join(m["authors"])
        return f'{authors}: "{m["headline"]}". {m["outlet"]} ({m["place"]}), {m["published"]}. {m["url"]}'


def _metadata_file(folder: Path) -> Path:
    files = sorted(folder.glob("*.json"))
    if len(files) != 1:
        raise ArticleError(f"{folder}: expected exactly one article metadata file (*.json), found {len(files)}")
    return files[0]


def parse(text: str, meta: dict, source: str = "seed") -> Article:
    """Split the scraped text into paragraphs and attach the roles from the metadata."""
    prefix = meta.get("scrape_prefix", "")
    if prefix:
        if not text.startswith(prefix):
            raise ArticleError(f"{source}: does not start with the scrape marker {prefix!r}")
        text = text[len(prefix):]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    described = meta.get("paragraphs", [])
    if len(blocks) != len(described):
        raise ArticleError(
            f"{source}: the text has {len(blocks)} paragraphs but the metadata describes {len(described)}"
        )
    paragraphs = []
    for i, (block, info) in enumerate(zip(blocks, described), start=1):
        if info.get("n") != i:
            raise ArticleError(f"{source}: metadata entry {i} has n={info.get('n')}, expected {i}")
        role = info.get("role")
        if role not in ROLES:
            raise ArticleError(f"{source}: ¶{i} has unknown role {role!r}; known roles: {', '.join(ROLES)}")
        credit = info.get("credit", "")
        if credit and not block.endswith(credit):
            raise ArticleError(f"{source}: ¶{i} does not end with its credit {credit!r}")
        paragraphs.append(Paragraph(i, role, block, credit, info.get("note", "")))
    return Article(meta, tuple(paragraphs))


@lru_cache(maxsize=4)
def _load(folder: str) -> Article:
    meta_file = _metadata_file(Path(folder))
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    text_file = meta_file.with_name(meta["file"])
    return parse(text_file.read_text(encoding="utf-8"), meta, source=text_file.name)


def load_article() -> Article:
    """The article in seeds/, parsed."""
    return _load(str(seeds_dir()))


def check_quote(n: int, quote: str, article: Article | None = None) -> None:
    """Raise ArticleError unless `quote` stands verbatim in paragraph n.

    An ellipsis "…" (or "...") with spaces around it marks an omission: the pieces must
    appear in order.
    """
    article = article or load_article()
    text = article.paragraph(n).text
    pieces = [p.strip() for p in re.split(r"\s?(?:…|\.\.\.)\s?", quote) if p.strip()]
    if not pieces:
        raise ArticleError(f"empty quote from ¶{n}")
    pos = 0
    for piece in pieces:
        found = text.find(piece, pos)
        if found < 0:
            raise ArticleError(f"¶{n} does not contain {piece!r} (at or after character {pos})")
        pos = found + len(piece)


def find_quotes(markdown: str) -> list[tuple[int, str]]:
    """Every „…“ (¶N) quote in a piece of Markdown, as (N, German text)."""
    return [(int(n), q) for q, n in QUOTE_PATTERN.findall(markdown)]


def quote_html(n: int, german: str, english: str) -> str:
    """A quote block: the German original with its paragraph number, and the translation."""
    check_quote(n, german)
    return (
        '<blockquote class="lk-quote">'
        f"<p lang=\"de\">„{html.escape(german)}“ (¶{n})</p>"
        f"<p><em>{html.escape(english)}</em></p></blockquote>"
    )


def paragraphs_table():
    """The article as a DataFrame: paragraph number, role, and the start of the text."""
    import pandas as pd

    article = load_article()
    return pd.DataFrame(
        {
            "paragraph": [p.n for p in article.paragraphs],
            "role": [ROLE_LABELS[p.role] for p in article.paragraphs],
            "starts with": [p.text[:70] + ("…" if len(p.text) > 70 else "") for p in article.paragraphs],
        }
    ).set_index("paragraph")
