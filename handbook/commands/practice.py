"""Practise in the terminal: answer questions, see why, and let spaced repetition bring back the weak ones.

Without options, practice resumes your unfinished session, or else asks what is due for review
plus new questions (up to --new-per-day a day). --category and --page choose topics; --missed
asks the questions you most often got wrong; --all every question in the chosen topics. In
practice mode each answer is marked at once; in exam mode (--mode exam) at the end, with an
optional --time-limit. Every answer is saved the moment you give it: type q (or close the
terminal) at any time and run 'handbook practice' again to carry on.
"""

from __future__ import annotations

import argparse
import shutil
from datetime import datetime, timedelta, timezone

from handbook.commands import arguments
from handbook.commands.context import CommandContext, open_progress
from handbook.commands.quiz_text import (
    answer_hint,
    clock,
    letter,
    outcome_lines,
    question_lines,
    read_choice_answer,
    read_match_answer,
    read_number,
    summary_lines,
    when_due,
)
from handbook.quiz.bank import load_question_bank
from handbook.quiz.question import QuestionType
from handbook.quiz.scheduling import DEFAULT_NEW_PER_DAY, Rating
from handbook.quiz.scope import Pool, Scope, ScopeError, resolve_scope
from handbook.quiz.scoring import InvalidResponse
from handbook.quiz.session import Mode, NothingToAsk, QuizSession, TimeUp

NAME = "practice"
HELP = "practise questions in the terminal (spaced repetition; progress is saved as you go)"
DEFAULT_COUNT = 10


class _Stop(Exception):
    """The trainee typed q, or the input ended."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category", metavar="C", action="append", help="questions of this category (repeatable)")
    parser.add_argument("--page", metavar="SLUG", action="append", help="questions of this page (repeatable)")
    pool = parser.add_mutually_exclusive_group()
    pool.add_argument(
        "--due",
        dest="pool",
        action="store_const",
        const=Pool.DUE,
        help="due for review, then new ones (the default when no topic is chosen)",
    )
    pool.add_argument(
        "--missed", dest="pool", action="store_const", const=Pool.MISSED, help="the questions you most often missed"
    )
    pool.add_argument(
        "--all",
        dest="pool",
        action="store_const",
        const=Pool.ALL,
        help="every question in the chosen topics (the default when one is chosen)",
    )
    parser.add_argument(
        "--count", type=arguments.count, metavar="N", help=f"how many questions (default {DEFAULT_COUNT}; 0 for all)"
    )
    parser.add_argument(
        "--mode", choices=[m.value for m in Mode], help="practice: marked as you go (default); exam: marked at the end"
    )
    parser.add_argument(
        "--time-limit", type=arguments.minutes, metavar="MIN", help="time limit in minutes (it keeps running if you stop)"
    )
    parser.add_argument(
        "--seed", type=int, metavar="N", help="the same seed gives the same questions in the same order"
    )
    parser.add_argument("--no-shuffle", action="store_true", help="questions and choices in the order they are written")
    parser.add_argument("--no-generated", action="store_true", help="leave out the generated risk questions")
    parser.add_argument(
        "--new-per-day",
        type=arguments.count,
        default=DEFAULT_NEW_PER_DAY,
        metavar="N",
        help=f"new questions a day in due-for-review sessions (default {DEFAULT_NEW_PER_DAY})",
    )
    parser.add_argument(
        "--rate", action="store_true", help="after a right answer, rate how well you knew it (hard/good/easy)"
    )
    parser.add_argument("--new", action="store_true", help="start a new session even if one is unfinished")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    store = open_progress(context)
    if store is None:
        return 2
    with store:
        # Always the whole bank: a resumed session may hold generated questions even with --no-generated.
        bank = load_question_bank(context.library)
        practice = _Practice(args, context, store, bank)
        return practice.run()


class _Practice:
    def __init__(self, args, context: CommandContext, store, bank) -> None:
        self.args, self.context, self.store, self.bank = args, context, store, bank
        self.width = min(shutil.get_terminal_size((80, 24)).columns, 100)

    def say(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.context.out)
        self.context.out.flush()

    def ask(self, prompt: str) -> str:
        self.context.out.write(prompt)
        self.context.out.flush()
        line = self.context.inp.readline()
        if not line:
            self.say("")
            raise _Stop
        if not _is_terminal(self.context.inp):
            self.say(line.rstrip("\n"))  # echo piped answers so the transcript reads like a session
        return line.rstrip("\n")

    def run(self) -> int:
        session = self.choose_session()
        if session is None:
            return 1
        try:
            self.loop(session)
        except (_Stop, KeyboardInterrupt) as stop:
            self.say(
                "",
                f"Stopped after {session.position} of {session.total}. Your answers are saved;"
                " run 'handbook practice' to carry on.",
            )
            return 130 if isinstance(stop, KeyboardInterrupt) else 0
        self.say(*summary_lines(session.summary(), self.width))
        return 0

    def requested_scope(self) -> Scope:
        """The options as a scope: topics chosen means all their questions, none means due for review."""
        args = self.args
        pool = args.pool or (Pool.ALL if args.category or args.page else Pool.DUE)
        scope = Scope(pool, tuple(args.category or ()), tuple(args.page or ()), exclude_generated=args.no_generated)
        return resolve_scope(self.bank, scope)

    def choose_session(self) -> QuizSession | None:
        args = self.args
        try:
            scope = self.requested_scope()
        except ScopeError as exc:
            print(f"handbook: error: {exc}", file=self.context.err)
            return None
        options_given = any(
            (
                args.category,
                args.page,
                args.pool,
                args.count is not None,
                args.mode,
                args.time_limit is not None,
                args.seed is not None,
            )
        )
        unfinished = QuizSession.resume(self.bank, self.store)
        if unfinished is not None:
            same = unfinished.scope == scope and (args.mode is None or args.mode == unfinished.mode.value)
            if not args.new and (not options_given or (same and args.count is None and args.seed is None)):
                return self.resumed(unfinished)
            unfinished.abandon()
            self.say(
                f"Your unfinished session of {unfinished.record.started_at.astimezone():%d %b %H:%M}"
                f" ({unfinished.position} of {unfinished.total} answered) is set aside; its answers are kept."
            )
        count = DEFAULT_COUNT if args.count is None else (args.count or None)
        try:
            session = QuizSession.start(
                self.bank,
                self.store,
                scope=scope,
                count=count,
                mode=Mode(args.mode or Mode.PRACTICE),
                seed=args.seed,
                shuffle=not args.no_shuffle,
                time_limit=args.time_limit * 60 if args.time_limit else None,
                new_per_day=args.new_per_day,
            )
        except NothingToAsk as exc:
            message = str(exc)
            if scope.pool is Pool.DUE:
                upcoming = [c.due for qid, c in self.store.cards().items() if qid in self.bank.by_id]
                if upcoming:
                    message += f"; the next review is {when_due(min(upcoming), datetime.now(timezone.utc))}"
                message += ". Try --all, --missed or --category to practise anyway"
            self.say(message[:1].upper() + message[1:] + ".")
            return None
        limit = f" · {clock(timedelta(seconds=session.record.time_limit))} time limit" if session.deadline else ""
        self.say(
            f"{session.total} question{'s' if session.total != 1 else ''} · {scope.describe()} · {session.mode} mode{limit}",
            "Type the letter of your answer (for select-all, every right letter: a c). q stops, s skips; answers are saved as you go.",
        )
        return session

    def resumed(self, session: QuizSession) -> QuizSession:
        for notice in session.notices:
            print(f"handbook: warning: {notice}", file=self.context.err)
        self.say(
            f"Carrying on with your session of {session.record.started_at.astimezone():%d %b %H:%M}:"
            f" {session.position} of {session.total} answered · {session.scope.describe()} · {session.mode} mode"
            " (--new starts another)."
        )
        if not session.check_time():
            self.say("Its time limit has passed.")
        return session

    def loop(self, session: QuizSession) -> None:
        while (item := session.current) is not None:
            number = session.position + 1
            question = item.question
            where = " · ".join(part for part in (question.category, question.topic) if part)
            left = session.time_left()
            timer = f" · {clock(left)} left" if left is not None else ""
            self.say("", f"Question {number} of {session.total} · {where}{timer}")
            self.say(*question_lines(item, self.width))
            response = self.read_response(session, item)
            if response is _SKIP:
                if session.total - session.position < 2:
                    self.say("  This is the last question: answer it, or type q to stop.")
                session.skip()
                continue
            try:
                result = session.answer(response, self_rating=None)
            except TimeUp as exc:
                self.say(str(exc)[:1].upper() + str(exc)[1:] + ".")
                return
            if result is None:
                continue  # exam mode: marked at the end
            self.say(*outcome_lines(result.outcome, self.width, item))
            if self.args.rate and result.outcome.correct:
                result = self.self_rating(session, result)
            self.say(f"Next time: {when_due(result.next_due, datetime.now(timezone.utc))}.")

    def read_response(self, session: QuizSession, item):
        question = item.question
        hint = answer_hint(item)
        if question.type is QuestionType.MATCHING:
            chosen = []
            for left, _ in question.real_pairs:
                while True:
                    typed = self.ask(f"{left} → ")
                    if typed.strip().lower() in ("q", "s"):
                        return self.command(typed)
                    try:
                        chosen.append(read_match_answer(item, typed))
                        break
                    except InvalidResponse as exc:
                        self.say(f"  {exc}; choose a to {letter(len(item.match_options) - 1)}.")
            return tuple(chosen)
        while True:
            typed = self.ask(f"Your answer ({hint}): ")
            if typed.strip().lower() in ("q", "s"):
                return self.command(typed)
            if not typed.strip():
                self.say("  Type an answer, or q to stop, s to skip.")
                continue
            try:
                if question.type is QuestionType.SHORT:
                    return typed
                if question.type is QuestionType.NUMERICAL:
                    return read_number(typed)
                return read_choice_answer(item, typed)
            except InvalidResponse as exc:
                self.say(f"  {exc}.")

    def command(self, typed: str):
        if typed.strip().lower() == "q":
            raise _Stop
        return _SKIP

    def self_rating(self, session: QuizSession, result):
        while True:
            typed = self.ask("How well did you know it? h hard, g good (Enter), e easy: ").strip().lower()
            ratings = {"": Rating.Good, "g": Rating.Good, "h": Rating.Hard, "e": Rating.Easy}
            if typed in ratings:
                return session.rate(result, ratings[typed]) if ratings[typed] is not Rating.Good else result
            if typed == "q":
                raise _Stop
            self.say("  Type h, g or e.")


_SKIP = object()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
