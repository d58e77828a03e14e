"""The small core functions the quiz screens need: a scope of chosen questions, right choices, days."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from handbook.library import load_library
from handbook.quiz.bank import load_question_bank
from handbook.quiz.progress import ProgressStore
from handbook.quiz.scheduling import ReviewScheduler
from handbook.quiz.scope import Scope, questions_in_scope, resolve_scope
from handbook.quiz.scoring import right_choices
from handbook.quiz.session import QuizSession
from handbook.quiz.stats import progress_stats
from tests.quizdata import FILES, RIGHT, WRONG

DAY0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
GOUT_SIGNS = "contraindications/gout#which-of-these-are-signs-of-a-flare-select-all"
BONES = "anatomy.gift#bones"
FACE = "positioning/prone#where-does-the-face-go-in-prone"


def test_a_scope_of_chosen_questions_keeps_only_those_and_survives_json(tree, tmp_path):
    bank = load_question_bank(load_library(tree(FILES)))
    scope = Scope(questions=(BONES, GOUT_SIGNS))
    assert [q.id for q in questions_in_scope(bank, scope)] == [GOUT_SIGNS, BONES]  # bank order
    assert Scope.from_json(scope.to_json()) == scope
    assert Scope.from_json({"pool": "all"}).questions == ()  # scopes saved before the field existed
    assert scope.describe() == "2 chosen questions"
    narrowed = resolve_scope(bank, Scope(categories=("anatomy",), questions=(BONES, GOUT_SIGNS)))
    assert [q.id for q in questions_in_scope(bank, narrowed)] == [BONES]
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = QuizSession.start(bank, store, scope=scope, count=None, now=DAY0)
        assert {item.question.id for item in session.items} == {BONES, GOUT_SIGNS}
        assert QuizSession.resume(bank, store).scope == scope


def test_right_choices_by_type(tree):
    bank = load_question_bank(load_library(tree(FILES)))
    by_id = bank.by_id
    assert right_choices(by_id["contraindications/gout#which-joint-is-most-often-affected-first"]) == {0}
    assert right_choices(by_id[GOUT_SIGNS]) == {0, 1}
    truefalse = by_id["contraindications/gout#true-or-false-you-can-massage-a-flaring-joint-firmly"]
    assert [truefalse.choices[i].text for i in right_choices(truefalse)] == ["False"]
    assert right_choices(by_id[BONES]) == frozenset()


def test_answers_by_day_over_the_last_thirty_days(tree, tmp_path):
    bank = load_question_bank(load_library(tree(FILES)))
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for days_ago, wrong in ((40, ()), (2, (FACE,)), (0, ())):
            when = DAY0 - timedelta(days=days_ago)
            session = QuizSession.start(
                bank, store, scope=Scope(pages=("positioning/prone",)), count=None, now=when,
                scheduler=ReviewScheduler(fuzz=False),
            )
            while session.current is not None:
                qid = session.current.question.id
                session.answer((WRONG if qid in wrong else RIGHT)[qid], now=when)
        stats = progress_stats(store, bank, now=DAY0, tz=timezone.utc)
    assert len(stats.days) == 30
    assert stats.days[0].day == DAY0.date() - timedelta(days=29) and stats.days[-1].day == DAY0.date()
    active = [(d.day, d.answered, d.correct) for d in stats.days if d.answered]
    assert active == [(DAY0.date() - timedelta(days=2), 2, 1), (DAY0.date(), 2, 2)]  # 40 days ago is outside
    assert stats.days[-3].accuracy == 0.5 and stats.days[-2].accuracy == 0.0
    assert stats.answered == 6  # the totals still count every answer


def test_due_today_ends_at_the_trainees_midnight(tree, tmp_path):
    bank = load_question_bank(load_library(tree(FILES)))
    late = datetime(2025, 3, 3, 23, 55, tzinfo=timezone.utc)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = QuizSession.start(
            bank, store, scope=Scope(pages=("positioning/prone",)), count=None, shuffle=False, now=late,
            scheduler=ReviewScheduler(fuzz=False),
        )
        again = session.answer(WRONG[FACE], now=late)
        good = session.answer(RIGHT["positioning/prone#which-bolster-goes-under-the-ankles-in-prone"], now=late)
        assert again.next_due.day == 3 and good.next_due.day == 4  # 23:56 today, 00:05 tomorrow
        stats = progress_stats(store, bank, now=late, tz=timezone.utc)
        assert (stats.due_now, stats.due_today, stats.due_week) == (0, 1, 2)
        # Five hours behind UTC it is 18:55 on 3 March: both come back before that day ends.
        behind = progress_stats(store, bank, now=late, tz=timezone(timedelta(hours=-5)))
        assert behind.due_today == 2
