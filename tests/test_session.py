"""Quiz sessions: scope, count, seeded order, shuffled choices, modes, time limits, resume, summary."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from handbook.library import load_library
from handbook.quiz.bank import load_question_bank
from handbook.quiz.progress import ProgressStore
from handbook.quiz.question import QuestionType
from handbook.quiz.scheduling import Rating, ReviewScheduler
from handbook.quiz.scope import Pool, Scope, ScopeError, resolve_scope
from handbook.quiz.scoring import InvalidResponse
from handbook.quiz.session import Mode, NothingToAsk, QuizSession, SessionError, TimeUp
from tests.quizdata import FILES, RIGHT, WRONG

DAY0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def bank(tree):
    return load_question_bank(load_library(tree(FILES)))


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "data" / "progress.sqlite3")


def start(bank, store, **options):
    options.setdefault("now", DAY0)
    options.setdefault("scheduler", ReviewScheduler(fuzz=False))
    return QuizSession.start(bank, store, **options)


def answer_all(session, answers, now=DAY0):
    results = []
    while session.current is not None:
        question = session.current.question
        results.append(session.answer(answers[question.id], now=now))
    return results


def test_scope_by_category_page_and_list_of_pages(bank, store):
    assert len(bank) == 9
    scope = resolve_scope(bank, Scope(categories=("position",)))
    assert scope.categories == ("Positioning",)
    session = start(bank, store, scope=scope, count=None)
    assert {item.question.topic for item in session.items} == {"positioning/prone"}
    both = resolve_scope(bank, Scope(pages=("gout", "anatomy")))
    assert both.pages == ("contraindications/gout", "anatomy")
    assert start(bank, store, scope=both, count=None).total == 7
    with pytest.raises(
        ScopeError, match="no questions on a page 'positioning/prone-x'; did you mean positioning/prone\\?"
    ):
        resolve_scope(bank, Scope(pages=("positioning/prone-x",)))
    no_generated = start(bank, store, scope=Scope(exclude_generated=True), count=None)
    assert all(not item.question.id.endswith("~risk") for item in no_generated.items) and no_generated.total == 8


def test_count_seeded_order_and_shuffled_choices_are_reproducible(bank, store):
    first = start(bank, store, count=5, seed=7)
    again = start(bank, store, count=5, seed=7)
    other = start(bank, store, count=9, seed=8)
    assert first.total == 5
    assert [(i.question.id, i.order) for i in first.items] == [(i.question.id, i.order) for i in again.items]
    assert [i.question.id for i in other.items] != [i.question.id for i in first.items]
    orders = {i.question.id: i.order for i in other.items}
    assert any(order != tuple(sorted(order)) for order in orders.values())  # some choices are shuffled
    assert orders["contraindications/gout#true-or-false-you-can-massage-a-flaring-joint-firmly"] == (0, 1)
    plain = start(bank, store, count=None, shuffle=False)
    assert [i.question.id for i in plain.items] == [q.id for q in bank]
    assert all(i.order == tuple(sorted(i.order)) for i in plain.items)


def test_answers_refer_to_choices_as_written_whatever_the_display_order(bank, store):
    session = start(bank, store, scope=Scope(pages=("contraindications/gout",)), count=None, seed=3)
    while session.current.question.type is not QuestionType.SINGLE:
        session.skip()
    item = session.current
    shown = [choice.text for _, choice in item.choices]
    assert sorted(shown) == sorted(c.text for c in item.question.choices)
    index_of_right = next(index for index, choice in item.choices if choice.correct)
    result = session.answer(index_of_right, now=DAY0)
    assert result.outcome.correct and result.outcome.explanation


def test_practice_mode_gives_feedback_after_each_answer_and_a_summary(bank, store):
    session = start(bank, store, count=None, seed=1)
    ids = [item.question.id for item in session.items]
    answers = {qid: (WRONG if n % 3 == 0 else RIGHT)[qid] for n, qid in enumerate(ids)}
    results = answer_all(session, answers)
    assert all(result is not None for result in results)
    wrong = [r for r in results if not r.outcome.correct]
    assert {r.rating for r in wrong} == {Rating.Again} and {r.rating for r in results if r.outcome.correct} == {
        Rating.Good
    }
    assert wrong[0].next_due == DAY0 + timedelta(minutes=1)
    assert session.finished and store.session(session.id).status == "finished"
    summary = session.summary()
    assert (summary.total, summary.answered) == (9, 9)
    assert summary.correct == 6 and {r.question_id for r in summary.missed} == {ids[0], ids[3], ids[6]}
    assert summary.percent == pytest.approx(100 * summary.score / 9)
    categories = {c.category: c for c in summary.by_category}
    assert set(categories) == {"Contraindications", "Positioning", "Anatomy"}
    assert sum(c.questions for c in categories.values()) == 9
    missed = summary.missed[0]
    assert missed.right_answer and missed.answer_text and missed.answered
    with pytest.raises(SessionError):
        session.answer(0, now=DAY0)


def test_exam_mode_keeps_marks_for_the_end_and_enforces_the_time_limit(bank, store):
    session = start(bank, store, count=4, seed=2, mode=Mode.EXAM, time_limit=600)
    assert session.time_left(DAY0 + timedelta(seconds=100)) == timedelta(seconds=500)
    first = session.current.question
    assert session.answer(RIGHT[first.id], now=DAY0 + timedelta(seconds=30)) is None
    second = session.current.question
    with pytest.raises(TimeUp):
        session.answer(RIGHT[second.id], now=DAY0 + timedelta(seconds=601))
    assert session.current is None and store.session(session.id).status == "finished"
    assert [a.question_id for a in store.answers()] == [first.id]  # the late answer was not saved
    summary = session.summary()
    assert summary.time_up and (summary.total, summary.answered, summary.correct) == (4, 1, 1)
    assert len(summary.missed) == 3 and not any(r.answered for r in summary.missed)


def test_an_invalid_response_saves_nothing(bank, store):
    session = start(bank, store, count=None, shuffle=False)
    with pytest.raises(InvalidResponse):
        session.answer(99, now=DAY0)
    assert store.answers() == [] and session.position == 0


def test_resume_continues_with_the_same_questions_and_order(bank, tmp_path):
    path = tmp_path / "progress.sqlite3"
    session = start(bank, ProgressStore(path), count=6, seed=11)
    planned = [(i.question.id, i.order) for i in session.items]
    for _ in range(2):
        session.answer(RIGHT[session.current.question.id], now=DAY0)
    session.skip()
    planned = planned[:2] + planned[3:] + [planned[2]]
    # A new process: a fresh store and bank find the unfinished session.
    resumed = QuizSession.resume(bank, ProgressStore(path))
    assert resumed.id == session.id and resumed.position == 2
    assert [(i.question.id, i.order) for i in resumed.items] == planned
    assert resumed.current.question.id == planned[2][0]
    answer_all(resumed, RIGHT)
    assert QuizSession.resume(bank, ProgressStore(path)) is None


def test_resume_leaves_out_questions_removed_from_the_handbook(bank, tree, tmp_path):
    path = tmp_path / "progress.sqlite3"
    session = start(bank, ProgressStore(path), count=None, shuffle=False)
    session.answer(RIGHT[session.current.question.id], now=DAY0)
    (tree({}) / "anatomy.gift").unlink()  # the same content folder, without the GIFT bank
    smaller = load_question_bank(load_library(tree({})))
    resumed = QuizSession.resume(smaller, ProgressStore(path))
    assert resumed.total == 7 and resumed.position == 1
    assert resumed.notices == [
        "question anatomy.gift#bones is no longer in the handbook; it is left out",
        "question anatomy.gift#sites is no longer in the handbook; it is left out",
    ]
    answer_all(resumed, RIGHT)
    # A session whose remaining questions all left the handbook is finished, not resumed forever.
    gift_only = start(bank, ProgressStore(path), scope=Scope(pages=("anatomy",)), count=None)
    leftover = QuizSession.resume(smaller, ProgressStore(path), gift_only.id)
    assert leftover.current is None and ProgressStore(path).session(gift_only.id).status == "finished"
    assert QuizSession.resume(smaller, ProgressStore(path)) is None


def test_self_rating_a_right_answer_changes_when_it_comes_back(bank, store):
    session = start(bank, store, count=None, shuffle=False)
    first = session.answer(RIGHT[session.current.question.id], now=DAY0)
    easy = session.rate(first, Rating.Easy)
    assert easy.rating is Rating.Easy and easy.next_due > first.next_due
    assert store.card(first.outcome.question.id).due == easy.next_due
    assert store.answer(first.answer_id).rating == Rating.Easy
    wrong = session.answer(WRONG[session.current.question.id], now=DAY0)
    with pytest.raises(SessionError):
        session.rate(wrong, Rating.Easy)


def test_due_pool_over_simulated_days_with_a_new_question_limit(bank, store):
    day = DAY0
    first = start(bank, store, scope=Scope(pool=Pool.DUE), count=None, new_per_day=4, now=day)
    assert first.total == 4  # nothing reviewed yet: four new questions
    answer_all(first, RIGHT, now=day)
    later = day + timedelta(hours=1)  # the learning step (10 minutes) has passed; no new ones left today
    second = start(bank, store, scope=Scope(pool=Pool.DUE), count=None, new_per_day=4, now=later)
    assert {i.question.id for i in second.items} == {i.question.id for i in first.items}
    answer_all(second, RIGHT, now=later)
    with pytest.raises(NothingToAsk, match="nothing is due"):
        start(bank, store, scope=Scope(pool=Pool.DUE), count=None, new_per_day=4, now=later + timedelta(minutes=5))
    next_day = day + timedelta(days=1)
    third = start(bank, store, scope=Scope(pool=Pool.DUE), count=None, new_per_day=4, now=next_day)
    learned = {i.question.id for i in first.items}
    assert len(third.items) == 4 and not learned & {i.question.id for i in third.items}  # graduated cards wait
    answer_all(third, WRONG, now=next_day)
    much_later = day + timedelta(days=30)
    fourth = start(bank, store, scope=Scope(pool=Pool.DUE), count=None, new_per_day=4, now=much_later)
    ids = [i.question.id for i in fourth.items]
    assert learned <= set(ids) and len(ids) == 9  # all 8 reviewed are due, and the last new one


def test_missed_pool_asks_the_most_missed_first(bank, store):
    session = start(bank, store, count=None, shuffle=False)
    ids = [i.question.id for i in session.items]
    answer_all(session, {qid: (WRONG if qid in ids[:3] else RIGHT)[qid] for qid in ids})
    again = start(bank, store, scope=Scope(pages=(ids[0].split("#")[0],)), count=None, shuffle=False)
    answer_all(again, {qid: (WRONG if qid == ids[1] else RIGHT)[qid] for qid in ids})
    missed = start(bank, store, scope=Scope(pool=Pool.MISSED), count=None, shuffle=False)
    assert [i.question.id for i in missed.items] == [ids[1], ids[0], ids[2]]  # 2 misses, then 1 (ties in bank order)
    with pytest.raises(NothingToAsk):
        start(bank, store, scope=Scope(pool=Pool.MISSED, categories=("Positioning",)), count=None)
