"""`handbook [--content DIR] [--data-dir DIR] [COMMAND]`: parse the command line and run it.

Without a command, in a terminal, handbook opens the app; otherwise it prints the help.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from handbook import __version__, locations
from handbook.commands import COMMANDS
from handbook.commands import open_app
from handbook.commands.context import CommandContext
from handbook.library import ContentFolderError


def build_parser() -> argparse.ArgumentParser:
    """The parser; `--content` and `--data-dir` work before or after the command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--content",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"content folder (default: ${locations.CONTENT_ENV}, else the shipped handbook)",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder for the search index and progress (default: ${locations.DATA_ENV}, else your user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="handbook",
        parents=[common],
        description="A reference handbook and practice trainer for massage-therapy trainees.",
        epilog="Run 'handbook COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.NAME, parents=[common], help=command.HELP, description=command.__doc__
        )
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run handbook with `argv` (default: the process arguments); returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets a '?', not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            # Pipes, scripts and CI get the help, as before the app existed.
            parser.print_help()
            return 0
        run = open_app.run
        args.slug = None
    context = CommandContext(
        content_dir=locations.content_dir(getattr(args, "content", None)),
        data_dir=locations.data_dir(getattr(args, "data_dir", None)),
    )
    try:
        return run(args, context)
    except ContentFolderError as exc:
        print(f"handbook: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: point stdout at devnull so the exit flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
