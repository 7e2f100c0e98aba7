"""`make html` (the fixture html_dir in conftest.py builds it): the student edition as offline pages. Each page loads with the network
refused and requests nothing from it, references no external script, style or font, shows
its charts with their text alternatives and its quizzes as static text, holds no solution
and no check result, and has no serious or critical axe-core violation."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

import axe

ROOT = Path(__file__).resolve().parents[2]
EXPECTATIONS = tomllib.loads((Path(__file__).with_name("expectations.toml")).read_text(encoding="utf-8"))
LESSONS = sorted(EXPECTATIONS["lessons"])
NO_DESCRIPTION = "No description has been provided for this image"  # nbconvert's stand-in
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class Resources(HTMLParser):
    """Every address the page would load by itself (not the links a reader may follow)."""

    LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
               "video": "src", "embed": "src", "object": "data", "link": "href"}

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LOADING and attrs.get(self.LOADING[tag]):
            self.loaded.append(attrs[self.LOADING[tag]])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def external(address: str) -> bool:
    return bool(re.match(r"\s*(https?:)?//", address, re.IGNORECASE))


def test_one_page_per_lesson_and_an_index(html_dir):
    assert sorted(p.stem for p in html_dir.glob("*.html")) == sorted([*LESSONS, "index"])
    index = (html_dir / "index.html").read_text(encoding="utf-8")
    for stem in LESSONS:
        assert f'href="{stem}.html"' in index
    assert '<html lang="en">' in index


def test_the_german_edition_has_its_own_pages_in_german(html_dir):
    from lessonkit import manifest

    german = [x.id for x in manifest.lessons() if x.language == "de"]
    if not german:
        pytest.skip("lessons.toml lists no German lessons")
    assert sorted(p.stem for p in (html_dir / "de").glob("*.html")) == sorted([*german, "index"])
    index = (html_dir / "de" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in index and "Alle Einheiten" not in index  # the nav is on lesson pages
    assert all(f'href="{stem}.html"' in index for stem in german) and 'href="../index.html"' in index
    page = (html_dir / "de" / f"{german[0]}.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "Alle Einheiten" in page and "<script" not in page.lower()
    assert 'href="de/index.html"' in (html_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", [*LESSONS, "index"])
def test_page_references_nothing_on_the_network(stem, html_dir):
    text = (html_dir / f"{stem}.html").read_text(encoding="utf-8")
    parser = Resources()
    parser.feed(text)
    assert [a for a in parser.loaded if external(a)] == [], f"{stem}.html loads from the network"
    css = "\n".join(parser.styles)
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)
    assert [u for u in urls if external(u)] == [], f"{stem}.html: a style loads from the network"
    assert "<script" not in text.lower(), f"{stem}.html has a script"
    assert WIDGET_VIEW not in text and "Loading widget" not in text


@pytest.mark.parametrize("stem", LESSONS)
def test_page_holds_no_solution_and_no_check_result(stem, html_dir):
    text = (html_dir / f"{stem}.html").read_text(encoding="utf-8")
    assert "✔ Right" not in text and "lk-check" not in text
    teacher = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    for cell in teacher.cells:
        if "solution" in cell.metadata.get("tags", []):
            assert f'id="cell-id={cell.id}"' not in text, f"{stem}.html shows solution cell {cell.id}"


@pytest.mark.parametrize("stem", LESSONS)
def test_page_loads_offline_with_charts_alt_text_and_quiz_previews(stem, html_dir, browser, axe_ready):
    exp = EXPECTATIONS["lessons"][stem]
    static_charts = exp["min_charts"] - len(exp.get("interactive", []))
    page = browser.new_page()
    refused: list[str] = []

    def refuse(route):
        refused.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^(?!file:|data:|about:).*"), refuse)
    page.goto((html_dir / f"{stem}.html").as_uri(), wait_until="load")
    images = page.locator(".jp-OutputArea-output img")
    shown = [(img.get_attribute("alt") or "", img.evaluate("i => i.complete && i.naturalWidth > 0"))
             for img in images.all()]
    quizzes = [q.inner_text().strip() for q in page.locator(".celltag_quiz .jp-OutputArea").all()]
    violations = axe.serious_violations(page, include=["main"])
    page.close()
    assert refused == [], f"{stem}.html asked the network for {refused[:5]}"
    decoded = [alt for alt, ok in shown if ok]
    assert len(decoded) >= static_charts, f"{stem}.html: {len(decoded)} charts drawn, expected {static_charts}"
    for alt in decoded:
        assert alt and alt != NO_DESCRIPTION, f"{stem}.html: a chart has no text alternative"
    assert quizzes and all(quizzes), f"{stem}.html: a quiz shows nothing"
    assert violations == [], f"{stem}.html:\n{axe.describe(violations)}"
