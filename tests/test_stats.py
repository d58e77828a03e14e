"""Progress figures over simulated days: accuracy by category, due counts, new questions left, streak."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from handbook.library import load_library
from handbook.quiz.bank import load_question_bank
from handbook.quiz.progress import ProgressStore
from handbook.quiz.scheduling import ReviewScheduler
from handbook.quiz.scope import Scope
from handbook.quiz.session import QuizSession
from handbook.quiz.stats import progress_stats
from tests.quizdata import FILES, RIGHT, WRONG

DAY0 = datetime(2025, 3, 3, 20, 0, tzinfo=timezone.utc)


def practise_on(bank, store, when, pages, wrong=()):
    session = QuizSession.start(
        bank,
        store,
        scope=Scope(pages=pages),
        count=None,
        shuffle=False,
        now=when,
        scheduler=ReviewScheduler(fuzz=False),
    )
    while session.current is not None:
        qid = session.current.question.id
        session.answer((WRONG if qid in wrong else RIGHT)[qid], now=when)


def test_figures_over_several_days(tree, tmp_path):
    bank = load_question_bank(load_library(tree(FILES)))
    store = ProgressStore(tmp_path / "p.sqlite3")
    utc = timezone.utc
    empty = progress_stats(store, bank, now=DAY0, tz=utc, new_per_day=5)
    assert (empty.answered, empty.streak, empty.due_now, empty.new_left_today) == (0, 0, 0, 5)

    practise_on(bank, store, DAY0, ("positioning/prone",), wrong={"positioning/prone#where-does-the-face-go-in-prone"})
    practise_on(bank, store, DAY0 + timedelta(days=1), ("anatomy",))
    day2 = DAY0 + timedelta(days=2)
    practise_on(bank, store, day2, ("contraindications/gout",))
    stats = progress_stats(store, bank, now=day2 + timedelta(minutes=1), tz=utc, new_per_day=7)
    assert (stats.answered, stats.correct, stats.streak, stats.answered_today) == (9, 8, 3, 5)
    assert [(c.category, c.answered, c.correct) for c in stats.by_category] == [
        ("Contraindications", 5, 5),
        ("Positioning", 2, 1),
        ("Anatomy", 2, 2),
    ]
    assert stats.new_left_today == 0  # all nine questions have been seen
    assert stats.due_now == 4 and stats.due_week == 9  # 10-minute learning steps from day 0 and 1 are due
    assert stats.to_json()["by_category"]["Positioning"] == {"answered": 2, "correct": 1, "accuracy": 0.5}

    # No answer yet today: the streak still counts up to yesterday; after a missed day it is over.
    assert progress_stats(store, bank, now=day2 + timedelta(days=1), tz=utc).streak == 3
    assert progress_stats(store, bank, now=day2 + timedelta(days=2), tz=utc).streak == 0
    # A day is the trainee's day: at 20:00 UTC it is already tomorrow at UTC+5.
    plus5 = timezone(timedelta(hours=5))
    assert progress_stats(store, bank, now=day2, tz=plus5).answered_today == 5


def test_questions_gone_from_the_handbook_are_not_due(tree, tmp_path):
    root = tree(FILES)
    bank = load_question_bank(load_library(root))
    store = ProgressStore(tmp_path / "p.sqlite3")
    practise_on(bank, store, DAY0, ("anatomy",))
    (root / "anatomy.gift").unlink()
    smaller = load_question_bank(load_library(root))
    later = DAY0 + timedelta(days=60)
    assert progress_stats(store, bank, now=later).due_now == 2
    assert progress_stats(store, smaller, now=later).due_now == 0
    assert progress_stats(store, smaller, now=later).answered == 2  # the answers themselves stay
