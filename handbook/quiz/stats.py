"""A trainee's progress in numbers: answers, accuracy by category, what is due, the streak of days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo

from handbook.quiz.bank import QuestionBank
from handbook.quiz.progress import ProgressStore
from handbook.quiz.scheduling import DEFAULT_NEW_PER_DAY, due_within, start_of_day, utc


class Tally:
    """Answers and right answers; the accuracy follows from them."""

    answered: int
    correct: int

    @property
    def accuracy(self) -> float:
        """Right answers over answers; 0.0 before any answer."""
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class CategoryStats(Tally):
    category: str
    answered: int
    correct: int


@dataclass(frozen=True)
class DayStats(Tally):
    day: date
    answered: int
    correct: int


@dataclass(frozen=True)
class ProgressStats(Tally):
    answered: int
    correct: int
    by_category: list[CategoryStats]
    due_now: int
    due_week: int  # due within seven days, overdue ones included
    new_left_today: int  # new questions still allowed today (and available)
    streak: int  # days in a row with an answer, up to today (or yesterday)
    answered_today: int
    days: list[DayStats] = field(default_factory=list)  # the last `history_days` days, oldest first
    due_today: int = 0  # due before the end of the trainee's day, overdue ones included

    def to_json(self) -> dict:
        return {
            "answered": self.answered,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "due": self.due_now,
            "due_week": self.due_week,
            "new_left_today": self.new_left_today,
            "streak": self.streak,
            "answered_today": self.answered_today,
            "by_category": {
                c.category: {"answered": c.answered, "correct": c.correct, "accuracy": round(c.accuracy, 4)}
                for c in self.by_category
            },
        }


def progress_stats(
    store: ProgressStore,
    bank: QuestionBank | None = None,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    history_days: int = 30,
) -> ProgressStats:
    """The numbers for `handbook stats`; with a bank, cards of questions no longer in it are not counted as due.

    `days` holds answers and right answers for each of the last `history_days` days, today included.
    """
    now = utc(now or datetime.now(timezone.utc))
    answers = store.answers()
    categories: dict[str, list[int]] = {}
    days: set[date] = set()
    today = now.astimezone(tz).date()
    first_day = today - timedelta(days=history_days - 1)
    per_day: dict[date, list[int]] = {}
    answered_today = 0
    for answer in answers:
        counts = categories.setdefault(answer.category, [0, 0])
        counts[0] += 1
        counts[1] += answer.correct
        day = answer.answered_at.astimezone(tz).date()
        days.add(day)
        answered_today += day == today
        if first_day <= day <= today:
            day_counts = per_day.setdefault(day, [0, 0])
            day_counts[0] += 1
            day_counts[1] += answer.correct
    order = {name: index for index, name in enumerate(bank.categories)} if bank else {}
    by_category = sorted(
        (CategoryStats(name, answered, correct) for name, (answered, correct) in categories.items()),
        key=lambda c: (order.get(c.category, len(order)), c.category.casefold()),
    )
    cards = store.cards()
    if bank is not None:
        cards = {qid: card for qid, card in cards.items() if qid in bank.by_id}
        unseen = sum(1 for q in bank if q.id not in cards)
    else:
        unseen = 0
    new_left = max(0, min(unseen, new_per_day - store.new_cards_since(start_of_day(now, tz))))
    return ProgressStats(
        answered=len(answers),
        correct=sum(a.correct for a in answers),
        by_category=by_category,
        due_now=due_within(cards, now, 0),
        due_today=sum(1 for card in cards.values() if card.due < start_of_day(now, tz) + timedelta(days=1)),
        due_week=due_within(cards, now, 7),
        new_left_today=new_left,
        streak=_streak(days, today),
        answered_today=answered_today,
        days=[
            DayStats(day, *per_day.get(day, (0, 0)))
            for day in (first_day + timedelta(days=offset) for offset in range(history_days))
        ],
    )


def _streak(days: set[date], today: date) -> int:
    """Consecutive days with answers ending today, or yesterday when today has none yet."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
