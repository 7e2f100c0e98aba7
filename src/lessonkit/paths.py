"""Where the project's folders are (data/, seeds/, quizzes/, lessons.toml).

The project folder is, in this order:
1. the folder named by the environment variable LESSONKIT_ROOT (tests point it at a copy);
2. the nearest folder at or above the working directory that holds data/datapackage.json
   (a notebook's kernel starts in notebooks/, so the lessons find their repository);
3. the repository lessonkit was installed from with `pip install -e .` (editable install).
Otherwise RootNotFound says what was tried. A wheel (`pip install .`) holds only the code,
so with it the lessons must be run from inside a copy of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "LESSONKIT_ROOT"
MARKER = Path("data") / "datapackage.json"
# In an editable install this is the repository; in a wheel it is a folder of site-packages' parents.
_SOURCE_CHECKOUT = Path(__file__).resolve().parents[2]


class RootNotFound(FileNotFoundError):
    """No project folder (one holding data/datapackage.json) was found."""


def _holds_marker(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def project_root(start: Path | str | None = None) -> Path:
    """The project folder that holds data/, seeds/, quizzes/ and lessons.toml.

    start: where to begin the upward search (default: the working directory).
    """
    env = os.environ.get(ENV_VAR)
    if env:
        root = Path(env).expanduser()
        if not root.is_dir():
            raise RootNotFound(f"{ENV_VAR} is set to {env!r}, which is not a folder")
        return root.resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _holds_marker(folder):
            return folder
    if _holds_marker(_SOURCE_CHECKOUT):
        return _SOURCE_CHECKOUT
    raise RootNotFound(
        f"lessonkit cannot find the lessons' data: no folder at or above {here} holds {MARKER.as_posix()}, "
        f"and {ENV_VAR} is not set. Run the lessons from inside the repository (or a copy of it), "
        f"set {ENV_VAR} to the repository folder, or install lessonkit from the repository with "
        f"`pip install -e .`."
    )


def data_dir() -> Path:
    return project_root() / "data"


def seeds_dir() -> Path:
    return project_root() / "seeds"


def quizzes_dir() -> Path:
    return project_root() / "quizzes"


def manifest_file() -> Path:
    return project_root() / "lessons.toml"
