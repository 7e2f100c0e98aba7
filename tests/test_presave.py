"""lessonkit.jupyter_presave: saved and stored notebooks keep previews, never widgets; the
Jupyter Server extension registers the hook; `make execute` stores no widget state."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lessonkit import jupyter_presave as jp

ROOT = Path(__file__).resolve().parents[1]
VIEW = jp.WIDGET_VIEW


def notebook_with_widgets() -> dict:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("quiz.show('x')", outputs=[
        nbformat.v4.new_output("display_data", data={
            VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
            "text/html": "<p>Question 1. ...</p>", "text/plain": "[Quiz: run this cell]"}),
        nbformat.v4.new_output("display_data", data={VIEW: {"model_id": "def"}}),
        nbformat.v4.new_output("display_data", data={"text/html": "<table></table>", "text/plain": "t"}),
    ]))
    nb.cells.append(nbformat.v4.new_markdown_cell("# Title"))
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"abc": {}}}}
    return json.loads(json.dumps(nb))  # a plain dict, as the contents manager passes it


def test_strip_widgets_keeps_previews_and_drops_views_and_state():
    nb = notebook_with_widgets()
    before = copy.deepcopy(nb)
    assert jp.strip_widgets(nb) == 3
    first, bare, table = nb["cells"][0]["outputs"]
    assert first["data"] == {"text/html": "<p>Question 1. ...</p>", "text/plain": "[Quiz: run this cell]"}
    assert bare["data"] == {"text/plain": jp.FALLBACK_TEXT}  # a widget without preview still says what to do
    assert table == before["cells"][0]["outputs"][2]
    assert "widgets" not in nb["metadata"]
    nbformat.validate(nbformat.from_dict(nb))
    assert jp.strip_widgets(nb) == 0  # nothing left to do


def test_pre_save_hook_changes_notebooks_only():
    model = {"type": "notebook", "content": notebook_with_widgets()}
    jp.pre_save_hook(model=model, path="x.ipynb", contents_manager=None)
    assert VIEW not in json.dumps(model["content"])
    text = {"type": "file", "content": VIEW}
    jp.pre_save_hook(model=text, path="x.txt", contents_manager=None)
    assert text["content"] == VIEW


def test_the_hook_runs_when_jupyter_server_saves(tmp_path):
    """A real FileContentsManager with the extension's hook: the file on disk has no widgets."""
    from jupyter_server.services.contents.filemanager import FileContentsManager

    manager = FileContentsManager(root_dir=str(tmp_path))

    class App:  # what _load_jupyter_server_extension uses of the ServerApp
        contents_manager = manager

        class log:
            @staticmethod
            def info(*args):
                pass

    assert jp._jupyter_server_extension_points() == [{"module": "lessonkit.jupyter_presave"}]
    jp._load_jupyter_server_extension(App)
    manager.save({"type": "notebook", "format": "json", "content": notebook_with_widgets()}, "lesson.ipynb")
    saved = (tmp_path / "lesson.ipynb").read_text(encoding="utf-8")
    assert VIEW not in saved and "widget-state" not in saved and "Question 1." in saved


def test_install_writes_the_server_config(tmp_path):
    path = jp.install(str(tmp_path))
    assert path == tmp_path / "etc" / "jupyter" / "jupyter_server_config.d" / "lessonkit.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "ServerApp": {"jpserver_extensions": {"lessonkit.jupyter_presave": True}}}
    run = subprocess.run([sys.executable, "-m", "lessonkit.jupyter_presave"], capture_output=True, text=True)
    assert run.returncode == 2 and "usage" in run.stderr


def test_make_lab_and_binder_enable_the_hook_and_trust_nothing():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--ServerApp.jpserver_extensions=lessonkit.jupyter_presave=True" in makefile
    assert "$(PRESAVE)" in makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    post_build = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "python -m lessonkit.jupyter_presave install" in post_build
    assert "jupyter trust" not in makefile + post_build


def test_execute_stores_no_widget_state_and_is_stable(project_copy):
    """tools/execute_notebooks.py on a small notebook with a quiz and a "Your turn" check:
    previews only, no run numbers, no verdict, and a second run writes the same bytes."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    root = project_copy(fixture_bank=True)
    (root / "data").symlink_to(ROOT / "data")  # only read: the task's check loads its table
    nb.cells = [nbformat.v4.new_code_cell("from lessonkit import quiz\nquiz.show('all_types', ids=['first-stop'])"),
                nbformat.v4.new_code_cell("quiz.score('all_types')"),
                nbformat.v4.new_code_cell("from lessonkit.exercises import check\nanswer = 6\nanswer"),
                nbformat.v4.new_code_cell('check("l2_estimates_before_article", answer)', metadata={"tags": ["check"]})]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    path = root / "n.ipynb"
    nbformat.write(nb, path)
    env = {**__import__("os").environ, "LESSONKIT_ROOT": str(root)}
    for _ in range(2):
        subprocess.run([sys.executable, str(ROOT / "tools/execute_notebooks.py"), str(path)], check=True, env=env,
                       capture_output=True)
        if _ == 0:
            first = path.read_bytes()
    assert path.read_bytes() == first
    stored = nbformat.read(path, as_version=4)
    assert "widgets" not in stored.metadata
    outputs = [o for c in stored.cells for o in c.outputs]
    assert all(VIEW not in o.get("data", {}) for o in outputs)
    assert "Run this cell (Shift+Enter) to answer." in outputs[0]["data"]["text/html"]
    assert "your score" in outputs[1]["data"]["text/html"]
    assert all(c.execution_count is None for c in stored.cells)
    (result,) = [o for o in stored.cells[2].outputs if o["output_type"] == "execute_result"]
    assert result["data"]["text/plain"] == "6" and result["execution_count"] is None
    (preview,) = stored.cells[3].outputs
    assert preview["metadata"] == {"lessonkit": {"kind": "check-preview", "task": "l2_estimates_before_article"}}
    assert "Right" not in str(preview) and "nbval-ignore-output" in stored.cells[3].metadata["tags"]


@pytest.mark.slow
def test_execute_refuses_a_solution_that_fails_its_check(tmp_path):
    """make execute reads the verdicts from its run: a wrong solution stores nothing."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.cells = [nbformat.v4.new_code_cell("from lessonkit.exercises import check\nanswer = 5"),
                nbformat.v4.new_code_cell('check("l2_estimates_before_article", answer)', metadata={"tags": ["check"]})]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    done = subprocess.run([sys.executable, str(ROOT / "tools/execute_notebooks.py"), str(path)], env=__import__("os").environ,
                          capture_output=True, text=True)
    assert done.returncode == 1 and path.read_bytes() == before
    assert "cell 2 (id cell-1): the solution does not pass its check 'l2_estimates_before_article'" in done.stderr
