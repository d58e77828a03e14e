"""Open the handbook app (in a terminal), at a page if one is given.

Keys: / search, alt+left back, b bookmark, ctrl+p command palette, ? all keys, ctrl+q quit.
"""

from __future__ import annotations

import argparse

from handbook.commands.context import CommandContext
from handbook.library import ContentFolderError

NAME = "open"
HELP = "open the app (also what bare 'handbook' does in a terminal)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", metavar="SLUG", nargs="?", help="the page to open first, e.g. contraindications/hemophilia")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    return run_app(context, start=args.slug)


def run_app(context: CommandContext, *, start: str | None = None, quiz: dict | None = None) -> int:
    """Run the app on the context's folders until the reader quits; 2 when there is no content folder."""
    if not context.content_dir.is_dir():
        raise ContentFolderError(f"content folder not found: {context.content_dir}")
    # Imported here so the other commands never pay for importing Textual.
    from handbook.ui.app import HandbookApp

    HandbookApp(context.content_dir, context.data_dir, start=start, quiz=quiz).run()
    return 0
