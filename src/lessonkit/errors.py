"""lessonkit's own exceptions: a bad argument gets a message a student can act on.

In a lesson, lessonkit's exception hook (lessonkit.friendly) shows only the message of a
LessonkitError (the full traceback stays one click away). ArgumentError is also a ValueError,
so code that catches ValueError keeps working.
"""

from __future__ import annotations


class LessonkitError(Exception):
    """Base class of the errors lessonkit raises on purpose, with a message for the student."""


class ArgumentError(LessonkitError, ValueError):
    """A bad argument to a lessonkit function: an unknown time zone, country or resolution."""
