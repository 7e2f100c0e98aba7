"""Where the project's folders are.

lessonkit is installed in editable mode from the repository, so the content folders
(data/, seeds/, quizzes/) are found relative to this file. LESSONKIT_ROOT overrides it
(tests point it at a temporary copy).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The repository folder that holds data/, seeds/ and quizzes/."""
    env = os.environ.get("LESSONKIT_ROOT")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    return project_root() / "data"


def seeds_dir() -> Path:
    return project_root() / "seeds"


def quizzes_dir() -> Path:
    return project_root() / "quizzes"
