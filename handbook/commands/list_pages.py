"""List the pages of the handbook by category, with each page's slug and risk."""

from __future__ import annotations

import argparse

from handbook.commands.context import CommandContext
from handbook.risk import describe_risk

NAME = "list"
HELP = "list the pages by category"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category", metavar="C", help="only this category (any case, or its start)")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    wanted = (args.category or "").casefold().strip()
    shown = 0
    for category in context.library.categories:
        if wanted and not category.name.casefold().startswith(wanted):
            continue
        print(f"{category.name} ({len(category.pages)})", file=context.out)
        for page in category.pages:
            risk = describe_risk(page.risk, page.clearance)
            print(f"  {page.slug:<45} {page.title}" + (f"  [{risk}]" if risk else ""), file=context.out)
        shown += 1
    if wanted and not shown:
        names = ", ".join(c.name for c in context.library.categories)
        print(f"handbook: error: no category '{args.category}'; categories: {names}", file=context.err)
        return 1
    return 0
