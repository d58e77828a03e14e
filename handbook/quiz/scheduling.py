"""Spaced repetition with FSRS (the `fsrs` package): one card per question, due queues, new-per-day.

A wrong answer rates Again and a right one Good, unless the trainee rates their own recall
(Hard, Good or Easy) after a right answer. Times are timezone-aware; days are the trainee's
local calendar days (or those of `tz`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol

from fsrs import Card, Rating, Scheduler

DEFAULT_NEW_PER_DAY = 20

__all__ = ["Card", "Rating", "ReviewScheduler", "rating_for", "start_of_day", "due_queue", "DEFAULT_NEW_PER_DAY"]


def rating_for(correct: bool, self_rating: Rating | None = None) -> Rating:
    """Again for a wrong (or partly right) answer; Good for a right one unless the trainee chose."""
    if not correct:
        return Rating.Again
    return Rating(self_rating) if self_rating is not None else Rating.Good


def utc(when: datetime) -> datetime:
    """`when` in UTC; a naive time is refused, since a day boundary depends on it."""
    if when.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return when.astimezone(timezone.utc)


def start_of_day(when: datetime, tz: tzinfo | None = None) -> datetime:
    """Midnight at the start of `when`'s day in `tz` (default: the local time zone), in UTC."""
    local = when.astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.astimezone(timezone.utc)


class ReviewScheduler:
    """FSRS with the package's default parameters; `fuzz=False` makes intervals exact (tests)."""

    def __init__(self, fuzz: bool = True, desired_retention: float = 0.9) -> None:
        self.scheduler = Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)

    @staticmethod
    def new_card(question_id: str, when: datetime) -> Card:
        # A stable id from the question id: Card() would otherwise sleep 1 ms to make one from the clock.
        card_id = int.from_bytes(hashlib.blake2b(question_id.encode("utf-8"), digest_size=6).digest(), "big")
        return Card(card_id=card_id, due=utc(when))

    def review(self, card: Card, rating: Rating, when: datetime) -> Card:
        """The card after a review with `rating` at `when`."""
        reviewed, _ = self.scheduler.review_card(card, Rating(rating), review_datetime=utc(when))
        return reviewed


class CardState(Protocol):
    due: datetime


def due_queue(
    question_ids: Iterable[str],
    cards: Mapping[str, CardState],
    now: datetime,
    new_today: int,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
) -> list[str]:
    """Questions due for review (most overdue first), then new ones up to what is left of today's limit."""
    ids = list(question_ids)
    now = utc(now)
    due = sorted((qid for qid in ids if qid in cards and cards[qid].due <= now), key=lambda qid: cards[qid].due)
    allowed = max(0, new_per_day - new_today)
    new = [qid for qid in ids if qid not in cards][:allowed]
    return due + new


def due_within(cards: Mapping[str, CardState], now: datetime, days: float) -> int:
    """How many cards fall due by `days` from `now` (overdue ones included)."""
    limit = utc(now) + timedelta(days=days)
    return sum(1 for card in cards.values() if card.due <= limit)
