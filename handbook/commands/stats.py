"""Show your progress: answers given, accuracy by category, what is due now and this week, your streak."""

from __future__ import annotations

import argparse
import json

from handbook.commands.context import CommandContext, open_progress
from handbook.quiz.bank import load_question_bank
from handbook.quiz.stats import progress_stats

NAME = "stats"
HELP = "show your progress: accuracy by category, reviews due, streak"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    store = open_progress(context)
    if store is None:
        return 2
    with store:
        stats = progress_stats(store, load_question_bank(context.library))
    if args.json:
        json.dump(stats.to_json(), context.out, ensure_ascii=False, indent=2)
        context.out.write("\n")
        return 0
    out = context.out
    if not stats.answered:
        print("No answers yet: run 'handbook practice' to start.", file=out)
    else:
        print(f"Answered  {stats.answered} ({stats.correct} right, {stats.accuracy:.0%})", file=out)
    print(
        f"Due       {stats.due_now} now, {stats.due_week} within a week; {stats.new_left_today} new questions left today",
        file=out,
    )
    days = "day" if stats.streak == 1 else "days"
    print(
        f"Streak    {stats.streak} {days}"
        + (f" ({stats.answered_today} answered today)" if stats.answered_today else ""),
        file=out,
    )
    if stats.by_category:
        print("By category", file=out)
        width = max(len(c.category) for c in stats.by_category)
        for category in stats.by_category:
            print(
                f"  {category.category:<{width}}  {category.correct:>4}/{category.answered:<4} {category.accuracy:>4.0%}",
                file=out,
            )
    return 0
