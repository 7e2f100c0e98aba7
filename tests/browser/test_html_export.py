"""`make html`: a lesson exported to static HTML shows its charts, each with a text alternative,
in a browser with no kernel and no network."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTATIONS = tomllib.loads((Path(__file__).with_name("expectations.toml")).read_text(encoding="utf-8"))
NO_DESCRIPTION = "No description has been provided for this image"  # nbconvert's stand-in


@pytest.fixture(scope="module")
def html_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    subprocess.run(
        ["make", "-s", "html", "NO_INSTALL=1", f"HTML_DIR={out}"], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return out


@pytest.mark.parametrize("stem", sorted(EXPECTATIONS["lessons"]))
def test_exported_lesson_shows_its_charts_offline(stem, html_dir, browser):
    exp = EXPECTATIONS["lessons"][stem]
    static_charts = exp["min_charts"] - len(exp.get("interactive", []))
    page = browser.new_page()
    # Nothing but the file itself: the page must show its charts without any network.
    page.route("http*://**", lambda route: route.abort())
    page.goto((html_dir / f"{stem}.html").as_uri(), wait_until="load")
    images = page.locator(".jp-OutputArea-output img")
    shown = [
        (img.get_attribute("alt") or "", img.evaluate("i => i.complete && i.naturalWidth > 0"))
        for img in images.all()
    ]
    page.close()
    decoded = [alt for alt, ok in shown if ok]
    assert len(decoded) >= static_charts, f"{stem}.html: {len(decoded)} charts drawn, expected {static_charts}"
    for alt in decoded:
        assert alt and alt != NO_DESCRIPTION, f"{stem}.html: a chart has no text alternative"
