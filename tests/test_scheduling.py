"""FSRS scheduling over simulated days: ratings, intervals, due queues and the new-per-day limit."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from handbook.quiz.scheduling import Rating, ReviewScheduler, due_queue, due_within, rating_for, start_of_day

DAY0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


def test_ratings_follow_the_answer_unless_the_trainee_rates_a_right_one():
    assert rating_for(False) is Rating.Again
    assert rating_for(False, Rating.Easy) is Rating.Again
    assert rating_for(True) is Rating.Good
    assert rating_for(True, Rating.Hard) is Rating.Hard and rating_for(True, Rating.Easy) is Rating.Easy


def test_right_answers_space_a_card_out_and_a_wrong_one_brings_it_back_soon():
    scheduler = ReviewScheduler(fuzz=False)
    card = scheduler.new_card("p#q", DAY0)
    assert card.due == DAY0 and card.card_id == scheduler.new_card("p#q", DAY0).card_id
    when, intervals = DAY0, []
    card = scheduler.review(card, Rating.Good, when)  # learning step: back in 10 minutes
    assert card.due - when == timedelta(minutes=10)
    for _ in range(4):
        when = card.due
        card = scheduler.review(card, Rating.Good, when)
        intervals.append(card.due - when)
    assert intervals[0] >= timedelta(days=1)
    assert all(later > earlier for earlier, later in zip(intervals, intervals[1:]))  # growing intervals
    when = card.due + timedelta(days=1)
    lapsed = scheduler.review(card, Rating.Again, when)
    assert lapsed.due - when == timedelta(minutes=10)  # relearning
    easy = scheduler.review(
        scheduler.review(scheduler.new_card("p#r", DAY0), Rating.Easy, DAY0), Rating.Easy, DAY0 + timedelta(days=3)
    )
    good = scheduler.review(
        scheduler.review(scheduler.new_card("p#s", DAY0), Rating.Good, DAY0), Rating.Good, DAY0 + timedelta(days=3)
    )
    assert easy.due > good.due


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        ReviewScheduler().new_card("p#q", datetime(2025, 1, 1))


def test_due_queue_puts_overdue_first_then_new_up_to_the_daily_limit():
    scheduler = ReviewScheduler(fuzz=False)
    ids = [f"p#q{n}" for n in range(10)]
    cards = {
        "p#q3": scheduler.review(scheduler.new_card("p#q3", DAY0), Rating.Again, DAY0),  # due in 1 minute
        "p#q1": scheduler.review(scheduler.new_card("p#q1", DAY0), Rating.Good, DAY0),  # due in 10 minutes
        "p#q5": scheduler.review(
            scheduler.review(scheduler.new_card("p#q5", DAY0), Rating.Easy, DAY0), Rating.Easy, DAY0
        ),
    }
    now = DAY0 + timedelta(hours=1)
    assert due_queue(ids, cards, now, new_today=3, new_per_day=5) == ["p#q3", "p#q1", "p#q0", "p#q2"]
    assert due_queue(ids, cards, now, new_today=5, new_per_day=5) == ["p#q3", "p#q1"]
    assert due_queue(ids, cards, DAY0, new_today=0, new_per_day=0) == []
    assert due_within(cards, now, 0) == 2 and due_within(cards, now, 365) == 3


def test_days_start_at_local_midnight():
    eastern = timezone(timedelta(hours=-5))
    assert start_of_day(datetime(2025, 3, 3, 2, 0, tzinfo=timezone.utc), eastern) == datetime(
        2025, 3, 2, 5, 0, tzinfo=timezone.utc
    )
    assert start_of_day(datetime(2025, 3, 3, 2, 0, tzinfo=timezone.utc), timezone.utc) == datetime(
        2025, 3, 3, tzinfo=timezone.utc
    )
