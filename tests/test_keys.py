"""Keys in quiz controls (issue 14): the script of lessonkit.keys, run by Node on a tiny fake
page, and the lessons' text that names the keys. The real thing in Chromium:
tests/browser/test_inputs_in_browser.py."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from lessonkit import keys

ROOT = Path(__file__).resolve().parents[1]

# A page: document > cell (.jp-Cell) > quiz box (.lk-quiz) > radio; and a radio outside any box.
# dispatch() runs the document's capture listeners, then bubbles from the target up and says
# whether the key press still reached the document (where JupyterLab's shortcuts listen).
FAKE_PAGE = r"""
const docListeners = [];
global.window = {};
global.document = { addEventListener: (type, fn, capture) => docListeners.push({ type, fn, capture }),
                    activeElement: null };
function el(cls, parent) {
  return { cls, parent, listeners: [], attributes: {},
    hasAttribute(name) { return name in this.attributes; }, setAttribute(name, v) { this.attributes[name] = v; },
    closest(selector) {
      const names = selector.split(",").map((s) => s.trim().slice(1));
      for (let e = this; e; e = e.parent) { if (names.some((n) => e.cls.split(" ").includes(n))) return e; }
      return null; },
    addEventListener(type, fn) { this.listeners.push(fn); },
    focus() { document.activeElement = this; } };
}
const cell = el("jp-Cell"), box = el("lk-quiz", cell), radio = el("radio", box), outside = el("radio", cell);
function dispatch(target, key, mods) {
  let stopped = false;
  const event = Object.assign({ type: "keydown", key, target, stopPropagation() { stopped = true; } }, mods || {});
  docListeners.filter((l) => l.capture).forEach((l) => l.fn(event));
  for (let e = target; e && !stopped; e = e.parent) { e.listeners.forEach((fn) => fn(event)); }
  return { reachesNotebook: !stopped, focused: document.activeElement === cell ? "cell" : null };
}
"""
RUN = r"""
eval(SCRIPT); eval(SCRIPT);  // shown twice (two lessons in one page): one listener
const out = { listeners: docListeners.length,
  arrow: dispatch(radio, "ArrowDown"), space: dispatch(radio, " "), tab: dispatch(radio, "Tab"),
  enter: dispatch(radio, "Enter"), letterD: dispatch(radio, "d"), shiftTab: dispatch(radio, "Tab", { shiftKey: true }),
  ctrlS: dispatch(radio, "s", { ctrlKey: true }), shiftEnter: dispatch(radio, "Enter", { shiftKey: true }),
  outside: dispatch(outside, "ArrowDown"), boxListeners: box.listeners.length,
  escape: dispatch(radio, "Escape") };
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def page():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js not found (apt-get install nodejs): the script is tested in Chromium too")
    source = FAKE_PAGE + f"const SCRIPT = {json.dumps(keys.SCRIPT)};\n" + RUN
    done = subprocess.run([node, "-e", source], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_script_listens_once_in_the_capture_phase(page):
    assert page["listeners"] == 1
    assert page["boxListeners"] == 1  # one listener on the quiz box, however many key presses


@pytest.mark.parametrize("key", ["arrow", "space", "tab", "enter", "letterD", "shiftTab"])
def test_the_controls_keys_stay_in_the_quiz(page, key):
    assert not page[key]["reachesNotebook"]


@pytest.mark.parametrize("key", ["ctrlS", "shiftEnter", "outside"])
def test_jupyterlabs_own_keys_and_keys_outside_a_quiz_reach_the_notebook(page, key):
    assert page[key]["reachesNotebook"]


def test_escape_gives_the_keys_back_to_the_cell(page):
    assert page["escape"] == {"reachesNotebook": True, "focused": "cell"}


def test_the_script_is_a_display_bundle_that_shows_nothing():
    bundle = keys.bundle()
    assert bundle == {"application/javascript": keys.SCRIPT, "text/plain": ""}
    assert keys.SELECTOR in keys.SCRIPT


@pytest.mark.parametrize("stem", ["01_context", "02_arms_flows", "03_vietnam_balancing"])
def test_each_lesson_names_the_keys_that_work(stem):
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    line = next((p for p in text.split("\n") if "Keys:" in p), "")
    for key in ("Tab", "arrows", "Space", "Enter", "Esc"):
        assert re.search(rf"\*\*{key}\*\*", line), f"{stem}: the keys line does not name {key}: {line!r}"
