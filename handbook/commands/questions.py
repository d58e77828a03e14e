"""List every question of the handbook: its type, where it is written and its prompt.

Questions come from the pages' '## Questions' sections, from Moodle GIFT files (.gift) in the
content folder, and, for every page with a risk, a generated "what is the massage risk" question
(leave those out with --no-generated). --json prints every field and the problems found.
"""

from __future__ import annotations

import argparse
import json

from handbook.commands.context import CommandContext
from handbook.quiz.bank import load_question_bank
from handbook.quiz.question import QuestionType
from handbook.quiz.scope import Scope, ScopeError, questions_in_scope, resolve_scope

NAME = "questions"
HELP = "list every question (--json for all their fields)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the questions and problems as JSON")
    parser.add_argument("--category", metavar="C", action="append", default=[], help="only this category (repeatable)")
    parser.add_argument(
        "--page", metavar="SLUG", action="append", default=[], help="only this page's questions (repeatable)"
    )
    parser.add_argument("--type", choices=[t.value for t in QuestionType], help="only questions of this type")
    parser.add_argument("--no-generated", action="store_true", help="leave out the generated risk questions")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    bank = load_question_bank(context.library, generated=not args.no_generated)
    try:
        scope = resolve_scope(bank, Scope(categories=tuple(args.category), pages=tuple(args.page)))
    except ScopeError as exc:
        print(f"handbook: error: {exc}", file=context.err)
        return 1
    questions = [q for q in questions_in_scope(bank, scope) if args.type in (None, q.type.value)]
    if args.json:
        document = {
            "questions": [question.to_json() for question in questions],
            "problems": [
                {"source": f"{p.path}:{p.line}", "level": p.level.value, "message": p.message} for p in bank.problems
            ],
        }
        json.dump(document, context.out, ensure_ascii=False, indent=2)
        context.out.write("\n")
        return 0
    order = {name: index for index, name in enumerate(bank.categories)}
    category = None
    for question in sorted(questions, key=lambda q: order[q.category]):  # stable: bank order within a category
        if question.category != category:
            category = question.category
            print(category, file=context.out)
        prompt = " ".join(question.prompt.split())
        print(f"  {question.type.value:<9}  {question.source:<45}  {prompt}", file=context.out)
    types = {t: sum(1 for q in questions if q.type is t) for t in QuestionType}
    by_type = ", ".join(f"{count} {t.value}" for t, count in types.items() if count)
    print(
        f"{len(questions)} question{'' if len(questions) == 1 else 's'}" + (f" ({by_type})" if by_type else ""),
        file=context.out,
    )
    if bank.problems:
        count = len(bank.problems)
        print(f"{count} problem{'' if count == 1 else 's'} with questions; 'handbook check' lists them", file=context.err)
    return 0
