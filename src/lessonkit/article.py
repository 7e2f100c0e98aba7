"""The seed article as numbered paragraphs, each with a role.

The text file in seeds/ is stored exactly as scraped; the JSON file beside it holds the
citation and the role of every paragraph (body, heading, teaser, caption, credit).
Paragraphs are the blank-line-separated blocks of the file, numbered from 1.
Lessons quote the article as „German text“ (¶N); `check_quote` proves a quote is verbatim.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lessonkit.i18n import N_, current, nt, t
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
    note_de: str = ""

    @property
    def shown_note(self) -> str:
        """The note in the language in use (note_de in German, where the seed has one)."""
        return self.note_de if current() == "de" and self.note_de else self.note

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

    def meta_text(self, key: str) -> str:
        """A metadata text in the language in use: `<key>_de` in German where the seed has it."""
        if current() == "de" and self.meta.get(f"{key}_de"):
            return str(self.meta[f"{key}_de"])
        return str(self.meta.get(key, ""))

    def paragraph(self, n: int) -> Paragraph:
        if not 1 <= n <= len(self.paragraphs):
            raise ArticleError(f"the article has paragraphs 1 to {len(self.paragraphs)}, not ¶{n}")
        return self.paragraphs[n - 1]

    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role == "body"]

    def citation(self) -> str:
        m = self.meta
        authors = ", ".join(m["authors"])
        if current() == "de":  # German quotation marks and date ("18. Juni 2024")
            from lessonkit.text import format_date

            return f'{authors}: „{m["headline"]}“. {m["outlet"]} ({self.meta_text("place")}), {format_date(m["published"])}. {m["url"]}'
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
        paragraphs.append(Paragraph(i, role, block, credit, info.get("note", ""), info.get("note_de", "")))
    return Article(meta, tuple(paragraphs))


@lru_cache(maxsize=4)
def _load(folder: str) -> Article:
    meta_file = _metadata_file(Path(folder))
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    text_file = meta_file.with_name(meta["file"])
    raw = text_file.read_bytes()
    expected = meta.get("sha256")
    if expected and hashlib.sha256(raw).hexdigest() != expected:
        raise ArticleError(
            f"{text_file.name}: the text is not the scraped original (its sha256 differs from "
            f"{meta_file.name}); restore it from git, never edit it"
        )
    return parse(raw.decode("utf-8"), meta, source=text_file.name)


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
    """A quote block: the German original with its paragraph number, and the translation (none
    in the German edition: the original stands alone)."""
    check_quote(n, german)
    translation = "" if current() == "de" else f"<p><em>{html.escape(english)}</em></p>"
    return (
        '<blockquote class="lk-quote">'
        f"<p lang=\"de\">„{html.escape(german)}“ (¶{n})</p>"
        f"{translation}</blockquote>"
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


# --- display: the whole article with paragraph numbers and role tags ---------------------------

ROLE_TAGS = {
    "body": N_("body text"),
    "heading": N_("sub-heading"),
    "teaser": N_("teaser headline"),
    "caption": N_("photo caption"),
    "credit": N_("photo credit"),
}
_ROLE_STYLE = {  # the tag text says the role; the style only repeats it (never colour alone)
    "body": "",
    "heading": "font-weight:bold;",
    "teaser": "font-style:italic;border:1px dashed var(--jp-border-color1,#999);padding:2px 6px;",
    "caption": "font-style:italic;border:1px dashed var(--jp-border-color1,#999);padding:2px 6px;",
    "credit": "font-style:italic;border:1px dashed var(--jp-border-color1,#999);padding:2px 6px;",
}


def _highlight_pattern(words) -> re.Pattern | None:
    """Whole words; a trailing * allows any ending ('vermutlich*' also finds 'vermutlichen')."""
    parts = []
    for w in words:
        w = str(w).strip()
        if not w:
            continue
        stem, any_end = (w[:-1], True) if w.endswith("*") else (w, False)
        parts.append(r"\b" + r"\s+".join(re.escape(p) for p in stem.split()) + (r"\w*" if any_end else r"\b"))
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _marked(text: str, pattern: re.Pattern | None) -> tuple[str, int]:
    """The text as escaped HTML with every match of `pattern` in <mark><strong>, and the number of matches."""
    if pattern is None:
        return html.escape(text), 0
    out, pos, n = [], 0, 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f'<mark class="lk-hedge"><strong>{html.escape(m.group(0))}</strong></mark>')
        pos, n = m.end(), n + 1
    out.append(html.escape(text[pos:]))
    return "".join(out), n


def _tag(label: str) -> str:
    return (
        # a filled label, not an outlined box: an empty-looking box reads as a text field
        '<span class="lk-role-tag" style="display:inline-block;font-family:var(--jp-ui-font-family,sans-serif);'
        'font-size:0.8em;font-style:normal;font-weight:bold;text-transform:uppercase;letter-spacing:0.03em;'
        'background:var(--jp-layout-color3,#e0e0e0);color:var(--jp-ui-font-color0,#111);'
        f'border-radius:3px;padding:0 5px;margin-right:6px;">{html.escape(label)}</span>'
    )


def _excerpt(text: str, pattern: re.Pattern | None, words: int | None) -> str:
    """At most about `words` words of a paragraph: its opening, or the words around each marked word."""
    tokens = list(re.finditer(r"\S+", text))
    if words is None or len(tokens) <= words:
        return text
    if pattern is None or not pattern.search(text):
        return text[: tokens[words - 1].end()] + " …"
    half = max(words // 2, 1)
    spans: list[list[int]] = []
    for m in pattern.finditer(text):
        i = next(k for k, t in enumerate(tokens) if t.end() > m.start())
        lo, hi = max(i - half, 0), min(i + half, len(tokens) - 1)
        if spans and lo <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    parts = [text[tokens[lo].start(): tokens[hi].end()] for lo, hi in spans]
    return ("… " if spans[0][0] > 0 else "") + " … ".join(parts) + (" …" if spans[-1][1] < len(tokens) - 1 else "")


def show_article(paragraphs=None, roles=None, highlight=(), only_highlighted: bool = False,
                 article: Article | None = None, words: int | None = None):
    """The article as HTML: who wrote it, where, when, on whose clock; then every paragraph
    with its number ¶N and a role tag (body text, sub-heading, teaser headline, photo caption,
    photo credit), so readers see which text is the article's body.

    paragraphs: numbers to show (default all); roles: only these roles, e.g. ["body"];
    highlight: words to mark, e.g. ["soll", "wohl", "vermutlich*", "gilt", "wird kolportiert"]
    (a trailing * allows any ending); only_highlighted: show only paragraphs with a marked word;
    words: show about this many words of each paragraph (its opening, or the words around each
    marked word) — the lessons quote the article briefly; the full text is in seeds/.

        show_article()
        show_article(roles=["body"], highlight=["soll", "wohl"], only_highlighted=True)
    """
    from IPython.display import HTML

    article = article or load_article()
    if roles is not None:
        roles = [roles] if isinstance(roles, str) else list(roles)
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            raise ArticleError(f"unknown role {unknown[0]!r}; known roles: {', '.join(ROLES)}")
    wanted = None if paragraphs is None else {int(n) for n in ([paragraphs] if isinstance(paragraphs, int) else paragraphs)}
    if wanted:
        for n in sorted(wanted):
            article.paragraph(n)  # a clear error for a number that does not exist
    pattern = _highlight_pattern([highlight] if isinstance(highlight, str) else highlight)

    m = article.meta
    published = str(m.get("published", ""))
    if current() == "de":
        from lessonkit.text import format_date

        published = format_date(published)
    note = article.meta_text("headline_note")
    head = (
        '<div class="lk-article-meta" style="margin-bottom:0.6em;">'
        f"<p style='margin:0 0 0.2em 0;'><strong>{html.escape(m.get('outlet', ''))}</strong> "
        f"({html.escape(article.meta_text('place'))}), {html.escape(article.meta_text('section'))} · {html.escape(t('published'))} "
        f"{html.escape(published)} · {html.escape(t('by'))} "
        f"{html.escape(', '.join(m.get('authors', [])))} · "
        f"{html.escape(t('language:'))} {html.escape(m.get('language', ''))}</p>"
        f"<p style='margin:0 0 0.2em 0;'>{html.escape(t('Headline:'))} "
        f"<em lang='de'>{html.escape(m.get('headline', ''))}</em>"
        + (f" <small>({html.escape(note)})</small>" if note else "")
        + "</p>"
        f"<p style='margin:0;'>{html.escape(t('Clock of the article:'))} {html.escape(article.meta_text('clock'))}</p></div>"
    )
    items, shown, marks = [], 0, 0
    for p in article.paragraphs:
        if wanted is not None and p.n not in wanted:
            continue
        if roles is not None and p.role not in roles:
            continue
        if p.role == "caption" and p.credit:
            text, k1 = _marked(_excerpt(p.caption, pattern, words), pattern)
            credit, k2 = _marked(p.credit, pattern)
            body = f"{text}<br>{_tag(t(ROLE_TAGS['credit']))}{credit}"
            k = k1 + k2
        else:
            body, k = _marked(_excerpt(p.text, pattern, words), pattern)
        if only_highlighted and k == 0:
            continue
        note = (f"<br><small style='font-style:normal;color:var(--jp-ui-font-color2,#555);'>{html.escape(t('Note:'))} "
                f"{html.escape(p.shown_note)}</small>") if p.shown_note else ""
        items.append(
            f'<li class="lk-para lk-role-{p.role}" value="{p.n}" style="margin:0 0 0.6em 0;list-style:none;">'
            f"<strong>¶{p.n}</strong> {_tag(t(ROLE_TAGS[p.role]))}"
            f'<span lang="de" style="{_ROLE_STYLE[p.role]}">{body}</span>{note}</li>'
        )
        shown, marks = shown + 1, marks + k
    summary = t("{shown} of {total} paragraphs shown", shown=shown, total=len(article.paragraphs))
    if pattern is not None:
        summary += "; " + nt("{n} marked word", "{n} marked words", marks)
    return HTML(
        '<div class="lk-article" style="line-height:1.5;">'
        f"{head}<ol style='padding-left:0;margin:0;'>{''.join(items)}</ol>"
        f"<p style='margin:0.4em 0 0 0;color:var(--jp-ui-font-color2,#555);'><small>{summary}. "
        f"{html.escape(t('Source: {citation}', citation=article.citation()))}</small></p></div>"
    )
