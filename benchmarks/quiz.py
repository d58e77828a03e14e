"""The quiz engine's speed: reading every question, committing answers, planning and stats.

Targets (on a 2-core machine): reading every question of 1,000 pages (4 questions each) costs
no more than loading those pages (the baseline: both parse the same Markdown once), and
reading them again after the library is reloaded unchanged takes under 0.1 s; one answer is
committed (its own durable transaction) in under 20 ms; a due-for-review session is planned
and `handbook stats` computed over 10,000 answers in under 0.5 s each. Beside each figure,
the baseline it is measured against.

    python benchmarks/quiz.py [--pages 1000] [--answers 10000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.library import load_library  # noqa: E402
from handbook.quiz.bank import load_question_bank  # noqa: E402
from handbook.quiz.progress import ProgressStore  # noqa: E402
from handbook.quiz.question import QuestionType  # noqa: E402
from handbook.quiz.scheduling import Rating, ReviewScheduler  # noqa: E402
from handbook.quiz.scope import Pool, Scope  # noqa: E402
from handbook.quiz.session import QuizSession  # noqa: E402
from handbook.quiz.stats import progress_stats  # noqa: E402
from tests.corpus import generate_content  # noqa: E402


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def verdict(seconds: float, target: float) -> str:
    return f"<= {target:.3g} s ok" if seconds <= target else f"<= {target:.3g} s MISSED by {seconds - target:.3f} s"


def bench_bank(pages: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate_content(root, pages, questions=4)
        load_library(root)  # warm the file cache
        library_seconds, library = timed(load_library, root)
        bank_seconds, bank = timed(load_question_bank, library)
        count = len(bank)
        assert not bank.problems and count == pages * 5
        print(
            f"question bank   {pages} pages, {count} questions: {bank_seconds:.2f} s ({count / bank_seconds:,.0f} questions/s)"
            f" | baseline: loading the pages {library_seconds:.2f} s | {verdict(bank_seconds, library_seconds)}"
        )
        again_seconds, _ = timed(load_question_bank, load_library(root))
        print(
            f"bank, reloaded  the same pages loaded again: {again_seconds:.3f} s"
            f" | baseline: first read {bank_seconds:.2f} s | {verdict(again_seconds, 0.1)}"
        )


def bench_answers(answers: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        scheduler = ReviewScheduler()
        store = ProgressStore(Path(folder) / "progress.sqlite3")
        now = datetime(2025, 1, 1, tzinfo=timezone.utc)
        card = scheduler.review(scheduler.new_card("p#q", now), Rating.Good, now)
        samples = []
        for number in range(200):
            started = time.perf_counter()
            store.record_answer(
                session_id=None,
                question_id=f"p#q{number}",
                answered_at=now,
                response=1,
                answer_text="b",
                score=1.0,
                correct=True,
                rating=Rating.Good,
                prompt="Q?",
                topic="p",
                category="C",
                card_before=None,
                card_after=card,
            )
            samples.append(time.perf_counter() - started)
        samples.sort()
        median, worst = samples[len(samples) // 2], samples[-1]
        raw = sqlite3.connect(Path(folder) / "raw.sqlite3", isolation_level=None)
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = FULL")
        raw.execute("CREATE TABLE t (a TEXT, b TEXT)")
        raw_samples = []
        for number in range(200):
            started = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("INSERT INTO t VALUES (?, ?)", (str(number), card.to_json()))
            raw.execute("COMMIT")
            raw_samples.append(time.perf_counter() - started)
        raw_samples.sort()
        print(
            f"answer commit   median {median * 1000:.2f} ms, slowest {worst * 1000:.2f} ms of 200"
            f" | baseline: one raw durable insert {raw_samples[100] * 1000:.2f} ms | {verdict(median, 0.02)}"
        )
        store.close()
        raw.close()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        generate_content(root, 1000, questions=4)
        bank = load_question_bank(load_library(root))
        store = ProgressStore(Path(folder) / "progress.sqlite3")
        rng = random.Random(1)
        scheduler = ReviewScheduler()
        start = datetime(2025, 1, 1, 9, tzinfo=timezone.utc)
        cards = {}
        for number in range(answers):
            question = rng.choice(bank.questions)
            when = start + timedelta(minutes=number * 7)
            before = cards.get(question.id)
            correct = rng.random() < 0.7
            after = scheduler.review(
                before or scheduler.new_card(question.id, when), Rating.Good if correct else Rating.Again, when
            )
            cards[question.id] = after
            store.record_answer(
                session_id=None,
                question_id=question.id,
                answered_at=when,
                response=0,
                answer_text="a",
                score=float(correct),
                correct=correct,
                rating=Rating.Good if correct else Rating.Again,
                prompt=question.prompt,
                topic=question.topic,
                category=question.category,
                card_before=before,
                card_after=after,
            )
        now = start + timedelta(minutes=answers * 7)
        plan_seconds, session = timed(QuizSession.start, bank, store, scope=Scope(pool=Pool.DUE), count=20, now=now)
        stats_seconds, stats = timed(progress_stats, store, bank, now)
        read_seconds, _ = timed(store.answers)
        print(
            f"due session     {answers} answers, {len(cards)} cards: planned in {plan_seconds:.3f} s"
            f" | baseline: reading every answer {read_seconds:.3f} s | {verdict(plan_seconds, 0.5)}"
        )
        print(
            f"stats           {stats.answered} answers, {stats.due_now} due: {stats_seconds:.3f} s"
            f" | baseline: reading every answer {read_seconds:.3f} s | {verdict(stats_seconds, 0.5)}"
        )
        assert session.total == 20 and all(item.question.type in QuestionType for item in session.items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000])
    parser.add_argument("--answers", type=int, default=10000)
    args = parser.parse_args()
    for pages in args.pages:
        bench_bank(pages)
    bench_answers(args.answers)


if __name__ == "__main__":
    main()
