"""The quiz fixture bank and what a kernel restart forgets, shared by the quiz tests
(the fixture quiz_root in conftest.py uses them)."""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "quiz_all_types.toml"
BANK = "all_types"


def forget_kernel_state() -> None:
    """What a kernel restart forgets (the progress file stays)."""
    from lessonkit import live
    from lessonkit.quiz import scorecard
    from lessonkit.quiz import widget as qw

    for state in (qw._scoreboards, qw._score_lines, qw._answers, qw._notices, qw._live_questions,
                  scorecard._cards):
        state.clear()
    live.forget_all()
