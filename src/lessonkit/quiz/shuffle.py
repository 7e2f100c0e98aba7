"""The order in which a question's options or events are shown.

Shuffled with random.Random seeded from the bank name and question id (via hashlib,
not hash(), which changes between runs), so saved notebook outputs stay the same.
"""

from __future__ import annotations

import hashlib
import random

from lessonkit.quiz.bank import Question


def seed(bank_name: str, question_id: str) -> int:
    """A seed that is the same on every machine and every run."""
    digest = hashlib.sha256(f"{bank_name}/{question_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def display_order(bank_name: str, question: Question, shuffle: bool = True) -> list[int]:
    """Indexes into question.options (or question.items for ordering), in display order.

    True/false keeps True, False. Ordering questions are always shuffled and never shown
    in the correct order, else the answer would be on screen.
    """
    if question.type == "ordering":
        n = len(question.items)
    elif question.type == "truefalse":
        return [0, 1]
    else:
        n = len(question.options)
    order = list(range(n))
    if not shuffle and question.type != "ordering":
        return order
    random.Random(seed(bank_name, question.id)).shuffle(order)
    if question.type == "ordering" and order == sorted(order):
        order = order[1:] + order[:1]
    return order
