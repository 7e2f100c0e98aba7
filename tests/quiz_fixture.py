"""The quiz fixture bank and what a kernel restart forgets, shared by the quiz tests
(the fixture quiz_root in conftest.py uses them)."""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "quiz_all_types.toml"
BANK = "all_types"


def forget_kernel_state() -> None:
    """What a kernel restart forgets (the progress file stays)."""
    from lessonkit import live
    from lessonkit.quiz import kernel_state as ks
    from lessonkit.quiz import scorecard

    for state in (ks._scoreboards, ks._score_lines, ks._answers, ks._notices, ks._live_questions,
                  scorecard._cards):
        state.clear()
    live.forget_all()
