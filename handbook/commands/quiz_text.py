"""The quiz as terminal text: questions with lettered choices, typed answers read back, results."""

from __future__ import annotations

import re
import string
import textwrap
from datetime import datetime, timedelta

from handbook.quiz.question import QuestionType
from handbook.quiz.scoring import InvalidResponse, Outcome, parse_number
from handbook.quiz.session import SessionItem, SessionSummary

LETTERS = string.ascii_lowercase
_SEPARATORS = re.compile(r"[\s,;]+")


def wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """Wrap each paragraph of `text`; the first line gets `first` (default `indent`)."""
    lines: list[str] = []
    lead = indent if first is None else first
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(
            paragraph, width=max(width, 20), initial_indent=lead, subsequent_indent=indent, break_on_hyphens=False
        ) or [lead.rstrip()]
        lines += wrapped
        lead = indent
    return lines


def letter(position: int) -> str:
    return LETTERS[position] if position < len(LETTERS) else str(position + 1)


def question_lines(item: SessionItem, width: int) -> list[str]:
    """The prompt and its lettered choices (or match options)."""
    question = item.question
    lines = wrap(question.prompt, width)
    kind = question.type
    if kind is QuestionType.MULTI and "select all" not in question.prompt.casefold():
        lines.append("(select all that apply)")
    if kind in (QuestionType.SINGLE, QuestionType.MULTI, QuestionType.TRUEFALSE):
        for position, (_, choice) in enumerate(item.choices):
            lines += wrap(choice.text, width, indent="     ", first=f"  {letter(position)}) ")
    elif kind is QuestionType.MATCHING:
        lines.append("Options:")
        for position, option in enumerate(item.match_options):
            lines += wrap(option, width, indent="     ", first=f"  {letter(position)}) ")
    return lines


def answer_hint(item: SessionItem) -> str:
    kind = item.question.type
    if kind is QuestionType.SINGLE:
        return "letter"
    if kind is QuestionType.MULTI:
        return "every right letter, e.g. a c"
    if kind is QuestionType.TRUEFALSE:
        return "t or f"
    if kind is QuestionType.NUMERICAL:
        return "a number"
    if kind is QuestionType.SHORT:
        return "a word or two"
    return "a letter for each item"


def _position(token: str, count: int) -> int:
    token = token.strip().lower().rstrip(")")
    if len(token) == 1 and token in LETTERS[:count]:
        return LETTERS.index(token)
    if token.isdigit() and 1 <= int(token) <= count:
        return int(token) - 1
    raise InvalidResponse(f"'{token}' is not one of the letters a to {letter(count - 1)}")


def read_choice_answer(item: SessionItem, typed: str):
    """A typed line as a response to a single, select-all or true/false question."""
    kind = item.question.type
    shown = item.choices
    typed = typed.strip()
    if kind is QuestionType.TRUEFALSE:
        word = typed.lower().rstrip(".")
        if word in ("t", "true", "y", "yes"):
            return True
        if word in ("f", "false", "n", "no"):
            return False
        index = shown[_position(word, len(shown))][0]
        return item.question.choices[index].text.casefold().rstrip(".") == "true"
    if kind is QuestionType.SINGLE:
        return shown[_position(typed, len(shown))][0]
    tokens = [t for t in _SEPARATORS.split(typed) if t]
    if len(tokens) == 1 and tokens[0].isalpha() and len(tokens[0]) > 1:
        tokens = list(tokens[0])  # "ac" means a and c
    return frozenset(shown[_position(token, len(shown))][0] for token in tokens)


def read_match_answer(item: SessionItem, typed: str) -> str:
    options = item.match_options
    return options[_position(typed, len(options))]


def read_number(typed: str) -> str:
    parse_number(typed)  # InvalidResponse with a message when it is not a number
    return typed.strip()


def when_due(due: datetime, now: datetime) -> str:
    """'in 10 minutes', 'in 3 days'."""
    seconds = max(0, (due - now).total_seconds())
    if seconds < 90:
        return "in a minute"
    if seconds < 3600 * 1.5:
        return f"in {round(seconds / 60)} minutes"
    if seconds < 86400 * 1.5:
        return f"in {round(seconds / 3600)} hours"
    return f"in {round(seconds / 86400)} days"


def clock(left: timedelta) -> str:
    seconds = int(left.total_seconds())
    return f"{seconds // 60}:{seconds % 60:02d}"


def right_choices(item: SessionItem) -> str | None:
    """The right choice(s) with the letters they were shown with: `b) Side-lying`."""
    question = item.question
    if question.type not in (QuestionType.SINGLE, QuestionType.MULTI):
        return None
    best = max(choice.weight for choice in question.choices)
    right = [
        f"{letter(position)}) {choice.text}"
        for position, (_, choice) in enumerate(item.choices)
        if (choice.weight > 0 if question.type is QuestionType.MULTI else choice.weight == best)
    ]
    return "; ".join(right)


def outcome_lines(outcome: Outcome, width: int, item: SessionItem | None = None) -> list[str]:
    """What practice mode shows after an answer."""
    if outcome.correct:
        lines = ["Right."]
    elif outcome.partly:
        lines = [f"Partly right ({outcome.score:.0%})."]
    else:
        lines = ["Not right."]
    if not outcome.correct:
        shown = (right_choices(item) if item is not None else None) or outcome.right_answer
        lines += wrap(shown, width, indent="  ", first="The answer: ")
    for feedback in outcome.feedback:
        lines += wrap(feedback, width, indent="  ", first="  ")
    if outcome.explanation:
        lines += wrap(outcome.explanation, width, indent="  ", first="Why: ")
    if outcome.topic:
        lines.append(f"Read more: handbook show {outcome.topic}")
    return lines


def summary_lines(summary: SessionSummary, width: int) -> list[str]:
    partly = sum(1 for r in summary.results if not r.correct and r.score > 0)
    wrong = sum(1 for r in summary.results if r.answered and not r.correct and r.score == 0)
    unanswered = summary.total - summary.answered
    parts = [f"{summary.correct} right"] + ([f"{partly} partly right"] if partly else []) + [f"{wrong} wrong"]
    if unanswered:
        parts.append(f"{unanswered} not answered")
    lines = ["", "Time is up." if summary.time_up else "Session complete." if not unanswered else "Session ended."]
    lines.append(f"Score: {summary.score:g} of {summary.total} ({summary.percent:.0f}%) · " + ", ".join(parts))
    if len(summary.by_category) > 1:
        lines.append("By category:")
        name_width = max(len(c.category) for c in summary.by_category)
        for category in summary.by_category:
            lines.append(
                f"  {category.category:<{name_width}}  {category.correct}/{category.questions} right  {category.percent:.0f}%"
            )
    if summary.missed:
        lines += ["", "To review:"]
        for number, result in enumerate(summary.missed, 1):
            lines += wrap(result.prompt, width, indent="    ", first=f"{number:>2}. ")
            given = result.answer_text if result.answered else "(not answered)"
            lines += wrap(given, width, indent="      ", first="    Your answer: ")
            lines += wrap(result.right_answer, width, indent="      ", first="    The answer: ")
            for feedback in result.feedback:
                lines += wrap(feedback, width, indent="      ", first="    ")
            if result.explanation:
                lines += wrap(result.explanation, width, indent="      ", first="    Why: ")
            if result.topic:
                lines.append(f"    Read more: handbook show {result.topic}")
    return lines
