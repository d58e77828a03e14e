"""Open the app straight into a quiz: numbered choices, feedback that teaches, a summary at the end.

Without options it asks 10 questions from the whole handbook in practice mode (each answer
marked at once). --category and --topic choose topics; --due asks what spaced repetition says
is due (then new questions); --missed the ones you most often got wrong; --exam marks at the
end, with an optional --time-limit. Every answer is saved as you give it: if the app is closed
mid-session, the next start offers to resume it. For a plain-text quiz use 'handbook practice'.
"""

from __future__ import annotations

import argparse

from handbook.commands import arguments
from handbook.commands.context import CommandContext
from handbook.quiz.scope import Pool, Scope
from handbook.quiz.session import Mode

NAME = "quiz"
HELP = "open the app straight into a quiz (practice or exam)"
DEFAULT_COUNT = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category", metavar="C", action="append", help="questions of this category (repeatable)")
    parser.add_argument("--topic", metavar="SLUG", action="append", help="questions of this page (repeatable)")
    pool = parser.add_mutually_exclusive_group()
    pool.add_argument("--due", dest="pool", action="store_const", const=Pool.DUE, help="due for review, then new ones")
    pool.add_argument(
        "--missed", dest="pool", action="store_const", const=Pool.MISSED, help="the questions you most often missed"
    )
    parser.add_argument("--exam", action="store_true", help="exam mode: no feedback until the end")
    parser.add_argument(
        "--count", type=arguments.count, metavar="N", default=DEFAULT_COUNT, help=f"how many questions (default {DEFAULT_COUNT}; 0 for all)"
    )
    parser.add_argument(
        "--time-limit", type=arguments.minutes, metavar="MIN", help="exam time limit in minutes (it keeps running if you stop)"
    )
    parser.add_argument("--seed", type=int, metavar="N", help="the same seed gives the same questions in the same order")


def quiz_options(args: argparse.Namespace) -> dict:
    """The command line as the keyword arguments of `handbook.ui.quiz.start_quiz`."""
    scope = Scope(args.pool or Pool.ALL, tuple(args.category or ()), tuple(args.topic or ()))
    return {
        "scope": scope,
        "count": args.count or None,
        "mode": Mode.EXAM if args.exam or args.time_limit else Mode.PRACTICE,
        "time_limit": args.time_limit,
        "seed": args.seed,
    }


def run(args: argparse.Namespace, context: CommandContext) -> int:
    if not _is_terminal(context.out) or not _is_terminal(context.inp):
        print(
            "handbook: error: 'handbook quiz' opens the app and needs a terminal;"
            " for a quiz in plain text (pipes, scripts) use 'handbook practice'",
            file=context.err,
        )
        return 2
    from handbook.ui.app import HandbookApp  # Textual only when the app really starts

    HandbookApp(context.content_dir, context.data_dir, quiz=quiz_options(args)).run()
    return 0


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
