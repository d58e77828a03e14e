"""Every answer given, for an instructor: time, question, topic, category, right or wrong.

--csv FILE writes them as CSV (UTF-8 with a byte-order mark so spreadsheets read accents, times
in local time as a spreadsheet reads them; '-' for standard output). Without --csv, the answers are listed as text.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import tempfile
from pathlib import Path

from handbook.commands.context import CommandContext, open_progress
from handbook.quiz.progress import AnswerRecord

NAME = "results"
HELP = "every answer given (--csv FILE for a spreadsheet)"
COLUMNS = ("time", "question", "prompt", "topic", "category", "result", "score", "answer", "session")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)\Z")  # a typed -1.5 is a number, not a formula
# Local time without 'T' or offset: the form Excel and LibreOffice read as a date and time.
_SPREADSHEET_TIME = "%Y-%m-%d %H:%M:%S"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--csv", metavar="FILE", help="write the answers as CSV to FILE ('-' for standard output)")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    store = open_progress(context)
    if store is None:
        return 2
    with store:
        answers = store.answers()
    if args.csv is None:
        for answer in answers:
            when = answer.answered_at.astimezone().strftime("%Y-%m-%d %H:%M")
            prompt = " ".join(answer.prompt.split())
            print(f"{when}  {_result(answer):<12} {answer.category:<20} {prompt}", file=context.out)
        print(f"{len(answers)} answer{'' if len(answers) == 1 else 's'}", file=context.out)
        return 0
    if args.csv == "-":
        _write_csv(context.out, answers)
        return 0
    target = Path(args.csv).expanduser()
    try:
        # Written beside the target and renamed, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as file:
            _write_csv(file, answers)
        os.replace(temporary, target)
    except OSError as exc:
        print(f"handbook: error: cannot write {target}: {exc.strerror or exc}", file=context.err)
        return 1
    print(f"wrote {len(answers)} answer{'' if len(answers) == 1 else 's'} to {target}", file=context.err)
    return 0


def _result(answer: AnswerRecord) -> str:
    if answer.correct:
        return "right"
    return "partly right" if answer.score > 0 else "wrong"


def _cell(text: str | None) -> str:
    """Text as data: a spreadsheet must not run a cell that starts like a formula (a plain number is safe)."""
    text = text or ""
    return "'" + text if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text) else text


def _write_csv(stream: io.TextIOBase, answers: list[AnswerRecord]) -> None:
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for answer in answers:
        writer.writerow(
            (
                answer.answered_at.astimezone().strftime(_SPREADSHEET_TIME),
                _cell(answer.question_id),
                _cell(" ".join(answer.prompt.split())),
                _cell(answer.topic),
                _cell(answer.category),
                _result(answer),
                f"{answer.score:.4g}",
                _cell(answer.answer_text),
                answer.session_id if answer.session_id is not None else "",
            )
        )
