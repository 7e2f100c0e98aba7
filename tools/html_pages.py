"""Static, offline web pages of the student edition: one page per lesson and an index.

Usage: python tools/html_pages.py STUDENT_DIR OUT_DIR

STUDENT_DIR is what `make student` wrote (its notebooks/ are read; the German edition in
notebooks/de/ becomes OUT_DIR/de/, with its own index, in German, <html lang="de">). The pages use the
template in tools/html_template/lesson_offline: JupyterLab's look without any script, style
or font from the network (no require.js, MathJax, mermaid or widget manager), no prompts,
underlined links, and print styles for worksheets. Widgets show as their static preview: a
widget view in an output is dropped and its text/html (or text/plain) preview is kept.
Charts keep their alt text. OUT_DIR is written in a temporary folder and renamed into place.

Also: `page_for_markdown(md, title)` turns a Markdown text (the answer key) into a page with
the same template.
"""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
from student_edition import lesson_title, replace_dir  # noqa: E402

TEMPLATE_DIR = TOOLS / "html_template"
TEMPLATE = "lesson_offline"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def static_outputs(nb):
    """Drop widget views (keeping their previews) and the widget state; tag quiz cells `quiz`."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for live_only in (WIDGET_VIEW, "application/javascript"):  # static pages run no code
                data.pop(live_only, None)
        cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") not in ("display_data", "execute_result") or o.get("data")]
        if "quiz.show(" in cell.source:
            tags = cell.metadata.setdefault("tags", [])
            if "quiz" not in tags:
                tags.append("quiz")
    return nb


# Words of the page frame, per language (the lessons themselves carry their own language).
FRAME = {
    "en": {"all": "All lessons", "nav": "Lessons", "title": "Putin in Pyongyang and Hanoi — the lessons",
           "intro": "Read the lessons here without running them. To run the code, answer the quizzes and\n"
                    "do the tasks, open them in JupyterLab.",
           "other": "Auf Deutsch: [die Einheiten auf Deutsch](de/index.html)"},
    "de": {"all": "Alle Einheiten", "nav": "Einheiten", "title": "Putin in Pjöngjang und Hanoi – die Einheiten",
           "intro": "Hier kannst du die Einheiten lesen, ohne sie auszuführen. Um den Code auszuführen, die\n"
                    "Quizfragen zu beantworten und die Aufgaben zu lösen, öffne sie in JupyterLab.",
           "other": "In English: [the lessons in English](../index.html)"},
}


def exporter(lang: str = "en"):
    from nbconvert import HTMLExporter

    return HTMLExporter(
        language_code=lang,
        template_name=TEMPLATE,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )


def nav(links: list[tuple[str, str]], lang: str = "en") -> str:
    items = " · ".join(f'<a href="{html.escape(href)}">{html.escape(text)}</a>' for href, text in links)
    return f'<nav class="lk-page-nav" aria-label="{FRAME[lang]["nav"]}">{items}</nav>'


def lesson_page(nb, title: str, links: list[tuple[str, str]], lang: str = "en") -> str:
    nb = static_outputs(nb)
    nb.metadata["title"] = title
    body, _ = exporter(lang).from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body.replace("<main>", "<main>\n" + nav(links, lang), 1) if "<main>" in body else body


def page_for_markdown(markdown: str, title: str, lang: str = "en") -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(markdown)]
    nb.metadata["title"] = title
    body, _ = exporter(lang).from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def index_page(entries: list[tuple[str, str]], lang: str = "en", other: bool = False) -> str:
    """The index: a list of the lesson pages (a notebook of one Markdown cell, same template);
    other: link to the index of the other edition."""
    frame = FRAME[lang]
    lines = [f"# {frame['title']}", "", frame["intro"], ""]
    lines += [f"{i}. [{title}]({href})" for i, (href, title) in enumerate(entries, start=1)]
    if other:
        lines += ["", frame["other"]]
    return page_for_markdown("\n".join(lines) + "\n", frame["title"], lang)


def write_edition(notebooks: list[Path], folder: Path, lang: str, other: bool) -> list[Path]:
    """The pages of one edition and its index, in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    read = [(p, nbformat.read(p, as_version=4)) for p in notebooks]
    entries = [(f"{p.stem}.html", lesson_title(nb) or p.stem) for p, nb in read]
    links = [("index.html", FRAME[lang]["all"]), *entries]
    for (_path, nb), (href, title) in zip(read, entries):
        (folder / href).write_text(lesson_page(nb, title, links, lang), encoding="utf-8")
    (folder / "index.html").write_text(index_page(entries, lang, other), encoding="utf-8")
    return [folder / "index.html", *(folder / href for href, _ in entries)]


def build(student_dir: Path, out_dir: Path) -> list[Path]:
    notebooks = sorted((student_dir / "notebooks").glob("*.ipynb"))
    german = sorted((student_dir / "notebooks" / "de").glob("*.ipynb"))
    if not notebooks:
        raise SystemExit(f"no lessons in {student_dir / 'notebooks'}: run make student first")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        pages = write_edition(notebooks, tmp, "en", other=bool(german))
        if german:
            pages += write_edition(german, tmp / "de", "de", other=True)
        replace_dir(tmp, out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return [out_dir / p.relative_to(tmp) for p in pages]


def main(args: list[str]) -> int:
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for page in build(Path(args[0]), Path(args[1])):
        print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
