"""Save lessons with their static previews, never with widgets that cannot come back.

A live lessonkit widget is displayed with its static preview beside it (lessonkit.plaintext).
When JupyterLab saves a notebook (Ctrl+S, autosave), this hook drops from every output the
widget view (`application/vnd.jupyter.widget-view+json`) and from the notebook the widget state,
so the file keeps the preview: reopened later it shows readable questions and charts, never
"Error displaying widget: model not found" or controls that do nothing. The page that is open
keeps its live widgets (the hook changes only what is written to disk).

It is a Jupyter Server extension that registers a ContentsManager pre-save hook (so it adds to
any hook a hub already has, instead of replacing it):

    make lab                                   # passes --ServerApp.jpserver_extensions (Makefile)
    python -m lessonkit.jupyter_presave install   # Binder's postBuild, or a hub's image: enables it
                                               # for that Python environment (etc/jupyter/...)

or, in a jupyter_server_config.py:  c.ServerApp.jpserver_extensions = {"lessonkit.jupyter_presave": True}

tools/execute_notebooks.py uses the same strip_widgets on what `make execute` stores.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "widgets"
FALLBACK_TEXT = "[Interactive element: run this cell (Shift+Enter) to use it.]"
CONFIG_NAME = "lessonkit.json"


def strip_widgets(nb) -> int:
    """Drop widget views from a notebook's outputs and its widget state, in place (a dict or an
    nbformat NotebookNode). An output left with no data keeps a one-line text. Returns the
    number of outputs changed."""
    changed = 0
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data")
            if not isinstance(data, dict) or WIDGET_VIEW not in data:
                continue
            del data[WIDGET_VIEW]
            if not data:
                data["text/plain"] = FALLBACK_TEXT
            metadata = output.get("metadata")
            if isinstance(metadata, dict):
                metadata.pop(WIDGET_VIEW, None)
            changed += 1
    metadata = nb.get("metadata")
    if isinstance(metadata, dict) and WIDGET_STATE in metadata:
        del metadata[WIDGET_STATE]
        changed += 1
    return changed


def pre_save_hook(model=None, **kwargs) -> None:
    """ContentsManager pre-save hook: strip widgets from a notebook about to be saved."""
    if isinstance(model, dict) and model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_widgets(model["content"])


# --- Jupyter Server extension ----------------------------------------------------------------

def _jupyter_server_extension_points():
    return [{"module": "lessonkit.jupyter_presave"}]


def _load_jupyter_server_extension(serverapp) -> None:
    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
    serverapp.log.info("lessonkit: notebooks are saved with static previews instead of widgets")


# --- enabling it for an environment -------------------------------------------------------------

def config_path(prefix: str | None = None) -> Path:
    """Where `install` writes the server config that enables the extension."""
    return Path(prefix or sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / CONFIG_NAME


def install(prefix: str | None = None) -> Path:
    path = config_path(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"ServerApp": {"jpserver_extensions": {__name__: True}}}, indent=2) + "\n",
                    encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if argv[:1] != ["install"] or len(argv) > 2:
        print("usage: python -m lessonkit.jupyter_presave install [PREFIX]", file=sys.stderr)
        return 2
    print(f"lessonkit: enabled the pre-save hook in {install(argv[1] if len(argv) > 1 else None)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
