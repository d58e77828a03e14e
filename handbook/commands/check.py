"""Check every page of the content folder and print each problem as path:line: level: message.

Exits 0 when there are no errors, 1 when there are (with --strict, warnings count too).
"""

from __future__ import annotations

import argparse

from handbook.commands.context import CommandContext
from handbook.content_check import check_content
from handbook.problems import warning

NAME = "check"
HELP = "check the content folder and report every problem with its file and line"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="count warnings as errors")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    library = context.library
    problems = check_content(library)
    if not library.pages:
        # Most likely the wrong folder: say so rather than pass an instructor's CI on nothing.
        problems.insert(0, warning(".", 1, f"no pages: no .md files in {library.root}"))
    for problem in problems:
        print(problem, file=context.out)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    summary = f"{_count(len(library.pages), 'page')}, {_count(errors, 'error')}, {_count(warnings, 'warning')}"
    if args.strict and warnings:
        summary += " (--strict: warnings count as errors)"
    print(summary, file=context.out)
    failed = errors > 0 or (args.strict and warnings > 0)
    return 1 if failed else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
