"""Search the handbook the way trainees type: conditions, lay terms, abbreviations, misspellings.

Stop words are ignored, the last word also matches as a prefix, and misspelt words are
corrected. In QUERY, "quoted words" must appear together, category:NAME and
risk:total|local|caution filter, and -word leaves out pages with that word.
Exits 0 when pages were found, 1 when none were.
"""

from __future__ import annotations

import argparse
import json
import shutil
import textwrap

from handbook.commands.context import CommandContext
from handbook.risk import describe_risk
from handbook.search import SearchIndex
from handbook.search.schema import category_key

NAME = "search"
HELP = "search the handbook (lay terms, abbreviations and typos welcome)"


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", nargs="+", help="what to look for, e.g. blood thinners")
    parser.add_argument("--category", metavar="C", help="only pages of this category (any case, or its start)")
    parser.add_argument("--limit", metavar="N", type=_positive, default=10, help="show at most N pages (default 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    text = " ".join(args.query)
    library = context.library
    if args.category:
        wanted = category_key(args.category)
        known = [c.name for c in library.categories]
        if not any(category_key(name).startswith(wanted) for name in known) or not wanted:
            names = ", ".join(known) or "none"
            print(f"handbook: error: no category '{args.category}'; categories: {names}", file=context.err)
            return 2
    with SearchIndex.open(library, context.data_dir) as index:
        if index.in_memory:
            print(
                f"handbook: note: could not keep the search index in {context.data_dir}; searching in memory",
                file=context.err,
            )
        elif index.stale:
            print("handbook: note: another handbook process is updating the search index; results may lag", file=context.err)
        found = index.search(text, limit=args.limit, category=args.category)

    if args.json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2), file=context.out)
        return 0 if found.results else 1

    out = context.out
    if found.suggestion:
        print(f"Did you mean: {found.suggestion}", file=out)
    if not found.results:
        print(f"No pages match '{text}'" + (f": {found.notice}." if found.notice else "."), file=out)
        return 1
    width = max(min(shutil.get_terminal_size((80, 24)).columns, 100), 40)
    for rank, result in enumerate(found.results, 1):
        page = library.pages.get(result.slug)
        risk = describe_risk(result.risk, page.clearance if page else False)
        about = " \u00b7 ".join(part for part in (result.slug, result.category, risk) if part)
        print(f"{rank:>2}. {result.title}", file=out)
        print(textwrap.fill(about, width, initial_indent="    ", subsequent_indent="    "), file=out)
        snippet = result.snippet.marked("[", "]")
        if snippet:
            print(textwrap.fill(snippet, width, initial_indent="    ", subsequent_indent="    "), file=out)
        if rank < len(found.results):
            print(file=out)
    return 0
