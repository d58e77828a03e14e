"""A `QuizSession`: a planned run of questions, answered one at a time, saved as it goes.

Practice mode marks each answer at once; exam mode keeps the marks for the summary and may
have a time limit (which keeps running while the program is closed). Every answer is
committed with its review card before it is marked, and an unfinished session can be
resumed exactly where it stopped, with the same questions in the same order.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from enum import Enum

from handbook.quiz.bank import QuestionBank
from handbook.quiz.progress import AnswerRecord, ProgressStore, SessionRecord
from handbook.quiz.question import Choice, Question, QuestionType
from handbook.quiz.scheduling import (
    DEFAULT_NEW_PER_DAY,
    Rating,
    ReviewScheduler,
    due_queue,
    rating_for,
    start_of_day,
    utc,
)
from handbook.quiz.scope import Pool, Scope, questions_in_scope
from handbook.quiz.scoring import (
    InvalidResponse,
    Outcome,
    describe_response,
    response_from_json,
    response_to_json,
    right_answer,
    score_answer,
)


class Mode(str, Enum):
    PRACTICE = "practice"  # feedback after each answer
    EXAM = "exam"  # feedback at the end, optional time limit

    def __str__(self) -> str:
        return self.value


class SessionError(Exception):
    """The session cannot do that (it is over, or nothing matched)."""


class NothingToAsk(SessionError):
    """No question matches the scope (or nothing is due)."""


class TimeUp(SessionError):
    """The exam's time limit has passed; the answer was not counted and the session is over."""


@dataclass(frozen=True)
class SessionItem:
    """A question as this session shows it: `order` is the display order of its choices (or match options)."""

    question: Question
    order: tuple[int, ...]

    @property
    def choices(self) -> list[tuple[int, Choice]]:
        """(index in the question, choice) in display order; answer with the index."""
        if self.question.type not in (QuestionType.SINGLE, QuestionType.MULTI, QuestionType.TRUEFALSE):
            return []
        return [(index, self.question.choices[index]) for index in self.order]

    @property
    def match_options(self) -> list[str]:
        options = self.question.match_options
        return [options[index] for index in self.order] if self.question.type is QuestionType.MATCHING else []


@dataclass(frozen=True)
class AnswerResult:
    """What practice mode shows after an answer: the marking and when the question comes back."""

    outcome: Outcome
    answer_id: int
    rating: Rating
    next_due: datetime


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    prompt: str
    category: str
    topic: str | None
    answered: bool
    score: float
    correct: bool
    answer_text: str
    right_answer: str
    explanation: str
    feedback: tuple[str, ...] = ()  # the feedback of the answer given


@dataclass(frozen=True)
class CategoryResult:
    category: str
    questions: int
    correct: int
    score: float

    @property
    def percent(self) -> float:
        return 100 * self.score / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class SessionSummary:
    total: int
    answered: int
    correct: int
    score: float  # sum of the question scores (partial credit counts)
    by_category: list[CategoryResult]
    results: list[QuestionResult]
    time_up: bool = False

    @property
    def percent(self) -> float:
        return 100 * self.score / self.total if self.total else 0.0

    @property
    def missed(self) -> list[QuestionResult]:
        """Questions answered wrongly, partly right, or not answered."""
        return [result for result in self.results if not result.correct]


@dataclass
class QuizSession:
    bank: QuestionBank
    store: ProgressStore
    record: SessionRecord
    items: list[SessionItem]
    answered: dict[str, AnswerRecord]
    scheduler: ReviewScheduler
    notices: list[str] = field(default_factory=list)

    # -- starting and resuming -----------------------------------------------------------
    @classmethod
    def start(
        cls,
        bank: QuestionBank,
        store: ProgressStore,
        scope: Scope | None = None,
        count: int | None = 10,
        mode: Mode = Mode.PRACTICE,
        seed: int | None = None,
        shuffle: bool = True,
        time_limit: float | None = None,
        now: datetime | None = None,
        scheduler: ReviewScheduler | None = None,
        new_per_day: int = DEFAULT_NEW_PER_DAY,
        tz: tzinfo | None = None,
    ) -> QuizSession:
        """Plan and save a new session; NothingToAsk when no question fits."""
        now = utc(now or datetime.now(timezone.utc))
        scope = scope or Scope()
        seed = secrets.randbelow(2**31) if seed is None else seed
        rng = random.Random(seed)
        candidates = questions_in_scope(bank, scope)
        if scope.pool is Pool.DUE:
            new_today = store.new_cards_since(start_of_day(now, tz))
            ids = due_queue([q.id for q in candidates], store.cards(), now, new_today, new_per_day)
            chosen = [bank.by_id[qid] for qid in ids][:count]
        elif scope.pool is Pool.MISSED:
            misses = store.miss_counts()
            missed = [q for q in candidates if q.id in misses]
            missed.sort(
                key=lambda q: (-misses[q.id][0], -misses[q.id][0] / misses[q.id][1], -misses[q.id][2].timestamp())
            )
            chosen = missed[:count]
        else:
            chosen = list(candidates)
            if shuffle:
                rng.shuffle(chosen)
            chosen = chosen[:count]
        if not chosen:
            raise NothingToAsk(_nothing_message(scope))
        if shuffle:
            rng.shuffle(chosen)
        items = [SessionItem(q, _choice_order(q, seed, shuffle)) for q in chosen]
        plan = [{"id": item.question.id, "order": list(item.order)} for item in items]
        record = store.create_session(
            mode=Mode(mode).value, scope=scope.to_json(), seed=seed, time_limit=time_limit, plan=plan, started_at=now
        )
        return cls(bank, store, record, items, {}, scheduler or ReviewScheduler())

    @classmethod
    def resume(
        cls,
        bank: QuestionBank,
        store: ProgressStore,
        session_id: int | None = None,
        scheduler: ReviewScheduler | None = None,
    ) -> QuizSession | None:
        """The unfinished session `session_id` (default: the latest one), or None when there is none."""
        if session_id is None:
            open_sessions = store.open_sessions()
            record = open_sessions[0] if open_sessions else None
        else:
            record = store.session(session_id)
        if record is None:
            return None
        items, notices = [], []
        for entry in record.plan:
            question = bank.get(entry["id"])
            if question is None:
                notices.append(f"question {entry['id']} is no longer in the handbook; it is left out")
                continue
            order = tuple(entry.get("order", ()))
            if sorted(order) != list(range(_order_length(question))):  # its choices changed since
                order = _choice_order(question, record.seed, True)
            items.append(SessionItem(question, order))
        answered = {a.question_id: a for a in store.session_answers(record.id)}
        session = cls(bank, store, record, items, answered, scheduler or ReviewScheduler(), notices)
        if record.status == "open" and all(item.question.id in answered for item in items):
            session.finish()  # what was left of it is gone from the handbook
        return session

    # -- state ----------------------------------------------------------------------------
    @property
    def id(self) -> int:
        return self.record.id

    @property
    def mode(self) -> Mode:
        return Mode(self.record.mode)

    @property
    def scope(self) -> Scope:
        return Scope.from_json(self.record.scope)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def position(self) -> int:
        """How many questions of the plan are answered."""
        return sum(1 for item in self.items if item.question.id in self.answered)

    @property
    def current(self) -> SessionItem | None:
        """The next question to answer, or None when the session is over."""
        if self.record.status != "open":
            return None
        return next((item for item in self.items if item.question.id not in self.answered), None)

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def deadline(self) -> datetime | None:
        if self.record.time_limit is None:
            return None
        return self.record.started_at + timedelta(seconds=self.record.time_limit)

    def time_left(self, now: datetime | None = None) -> timedelta | None:
        """Time until the deadline (never below zero), or None without a time limit."""
        if self.deadline is None:
            return None
        return max(timedelta(0), self.deadline - utc(now or datetime.now(timezone.utc)))

    def check_time(self, now: datetime | None = None) -> bool:
        """True while there is time left; when the limit has passed, closes the session."""
        deadline = self.deadline
        if deadline is None or utc(now or datetime.now(timezone.utc)) <= deadline:
            return True
        if self.record.status == "open":
            self._close("finished", deadline)
        return False

    # -- answering -------------------------------------------------------------------------
    def answer(
        self, response, *, now: datetime | None = None, self_rating: Rating | None = None
    ) -> AnswerResult | None:
        """Mark and commit the answer to the current question; practice mode returns the result, exam None.

        InvalidResponse (nothing saved) if the response does not fit; TimeUp after an exam's deadline.
        """
        now = utc(now or datetime.now(timezone.utc))
        item = self.current
        if item is None:
            raise SessionError("the session is over")
        if not self.check_time(now):
            raise TimeUp("time is up: this answer came after the time limit and does not count")
        question = item.question
        outcome = score_answer(question, response)
        rating = rating_for(outcome.correct, self_rating)
        existing = self.store.card(question.id)
        before = existing.card if existing else None
        after = self.scheduler.review(before or self.scheduler.new_card(question.id, now), rating, now)
        last = sum(1 for i in self.items if i.question.id not in self.answered) == 1
        record = self.store.record_answer(
            session_id=self.id,
            question_id=question.id,
            answered_at=now,
            response=response_to_json(outcome.response),
            answer_text=describe_response(question, outcome.response),
            score=outcome.score,
            correct=outcome.correct,
            rating=rating,
            prompt=question.prompt,
            topic=question.topic,
            category=question.category,
            card_before=before,
            card_after=after,
            close_session="finished" if last else None,
        )
        self.answered[question.id] = record
        if last:
            self.record = self.store.session(self.id)
        result = AnswerResult(outcome, record.id, rating, after.due)
        return result if self.mode is Mode.PRACTICE else None

    def rate(self, result: AnswerResult, rating: Rating) -> AnswerResult:
        """Replace the automatic rating of a right answer with the trainee's own (Hard, Good or Easy)."""
        if not result.outcome.correct:
            raise SessionError("a wrong answer is always rated Again")
        answer = self.store.answer(result.answer_id)
        before = self.store.card_before(result.answer_id)
        question_id = result.outcome.question.id
        start = before or self.scheduler.new_card(question_id, answer.answered_at)
        after = self.scheduler.review(start, rating, answer.answered_at)
        self.store.change_rating(result.answer_id, rating, after)
        return AnswerResult(result.outcome, result.answer_id, Rating(rating), after.due)

    def skip(self) -> None:
        """Put the current question at the end of the session."""
        item = self.current
        if item is None or len(self.items) - self.position < 2:
            return
        self.items.remove(item)
        self.items.append(item)
        self.store.set_plan(self.id, [{"id": i.question.id, "order": list(i.order)} for i in self.items])

    def finish(self, now: datetime | None = None) -> None:
        """End the session now; questions not answered count as missed in the summary."""
        if self.record.status == "open":
            self._close("finished", utc(now or datetime.now(timezone.utc)))

    def abandon(self, now: datetime | None = None) -> None:
        """Set the session aside without finishing it (its answers stay)."""
        if self.record.status == "open":
            self._close("abandoned", utc(now or datetime.now(timezone.utc)))

    def _close(self, status: str, when: datetime) -> None:
        self.store.close_session(self.id, status, when)
        self.record = self.store.session(self.id)

    # -- the summary -----------------------------------------------------------------------
    def summary(self) -> SessionSummary:
        """Score, score by category, and every question's result (missed ones with their explanation)."""
        results = []
        for item in self.items:
            question = item.question
            record = self.answered.get(question.id)
            results.append(
                QuestionResult(
                    question_id=question.id,
                    prompt=question.prompt,
                    category=question.category,
                    topic=question.topic,
                    answered=record is not None,
                    score=record.score if record else 0.0,
                    correct=record.correct if record else False,
                    answer_text=record.answer_text if record else "",
                    right_answer=right_answer(question),
                    explanation=question.explanation,
                    feedback=_feedback(question, record),
                )
            )
        categories: dict[str, list[QuestionResult]] = {}
        for result in results:
            categories.setdefault(result.category, []).append(result)
        by_category = [
            CategoryResult(name, len(group), sum(r.correct for r in group), sum(r.score for r in group))
            for name, group in categories.items()
        ]
        deadline = self.deadline
        time_up = (
            deadline is not None
            and self.record.finished_at is not None
            and self.record.finished_at >= deadline
            and any(not r.answered for r in results)
        )
        return SessionSummary(
            total=len(results),
            answered=sum(r.answered for r in results),
            correct=sum(r.correct for r in results),
            score=sum(r.score for r in results),
            by_category=by_category,
            results=results,
            time_up=time_up,
        )


def _feedback(question: Question, record: AnswerRecord | None) -> tuple[str, ...]:
    """The feedback for a saved answer, marked again against the question as it is now."""
    if record is None:
        return ()
    try:
        return score_answer(question, response_from_json(question, record.response)).feedback
    except InvalidResponse:  # the question changed since; its choices no longer fit the answer
        return ()


def _order_length(question: Question) -> int:
    if question.type is QuestionType.MATCHING:
        return len(question.match_options)
    if question.type in (QuestionType.SINGLE, QuestionType.MULTI, QuestionType.TRUEFALSE):
        return len(question.choices)
    return 0


def _choice_order(question: Question, seed: int, shuffle: bool) -> tuple[int, ...]:
    """Choices shuffled per question from the session seed; True/False keep their order."""
    order = list(range(_order_length(question)))
    if shuffle and question.type is not QuestionType.TRUEFALSE:
        random.Random(f"{seed}:{question.id}").shuffle(order)
    return tuple(order)


def _nothing_message(scope: Scope) -> str:
    if scope.pool is Pool.DUE:
        return "nothing is due for review and today's new questions are done"
    if scope.pool is Pool.MISSED:
        return "no question in this scope has been answered wrongly yet"
    return "no questions match"
