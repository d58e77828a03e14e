"""Print a page as plain text: its risk, summary, body, related pages and sources."""

from __future__ import annotations

import argparse
import difflib
import shutil

from handbook.commands.context import CommandContext
from handbook.text_render import render_page

NAME = "show"
HELP = "print a page as text"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", metavar="SLUG", help="the page, e.g. contraindications/hemophilia")
    parser.add_argument("--width", type=int, metavar="N", help="wrap at N columns (default: the terminal's width)")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    library = context.library
    slug = args.slug.strip().removesuffix(".md").strip("/")
    page = library.get(slug)
    if page is None:
        # A bare name ("hemophilia") is enough when only one page has it.
        matches = [p for s, p in library.pages.items() if s.rsplit("/", 1)[-1].casefold() == slug.casefold()]
        page = matches[0] if len(matches) == 1 else None
    if page is None:
        close = difflib.get_close_matches(slug, list(library.pages), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else "; 'handbook list' shows every page"
        print(f"handbook: error: no page '{args.slug}'{hint}", file=context.err)
        return 1
    width = args.width or min(shutil.get_terminal_size((80, 24)).columns, 100)
    context.out.write(render_page(page, library, width))
    return 0
