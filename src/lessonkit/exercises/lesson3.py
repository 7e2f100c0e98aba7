"""'Your turn' tasks of lesson 3; each answer is computed from data/."""

from lessonkit import data  # noqa: F401
from lessonkit.exercises import task  # noqa: F401
