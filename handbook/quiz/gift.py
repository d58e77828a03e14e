"""Read Moodle GIFT question banks (`.gift` files) with Moodle's own semantics.

Moodle's importer (question/format/gift/format.php) is the reference: questions are separated
by blank lines; lines starting with `//` are comments; `::name::` names a question; the first
`{` and `}` hold the answers, and when text follows the `}` the answers stand for a blank
(`_____`, missing word); `####` starts the general feedback; `#` an answer's feedback; `%50%`
weights an answer; `\\~ \\= \\# \\{ \\} \\:` are literal characters, `\\n` a new line and `\\\\` a
backslash; `[html]`, `[markdown]`, `[plain]` and `[moodle]` say how a text is written.
Where Moodle silently accepts something that is almost surely a slip (a lower-case `{true}`,
a weight after `=`), the question reads as Moodle reads it and a warning says so. Essays and
descriptions cannot be marked: they are skipped with a warning.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from handbook.problems import Problem, error, warning
from handbook.quiz.ids import IdAllocator, question_key
from handbook.quiz.plain_text import html_text, markdown_text, tidy
from handbook.quiz.question import Choice, NumericalAnswer, Origin, Question, QuestionType

# Escaped characters become Unicode noncharacters (reserved for exactly this kind of internal
# use) followed by a filler, so every position in the text still matches its place in the file.
_SPECIAL = ":#={}~"
_PROTECTED = {char: chr(0xFDD0 + index) for index, char in enumerate(_SPECIAL)}
_NEWLINE = chr(0xFDD6)
_FILLER = chr(0xFDEF)
_RESTORE = {ord(mark): char for char, mark in _PROTECTED.items()} | {ord(_NEWLINE): "\n", ord(_FILLER): None}
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
_ESCAPE = re.compile(r"\\(\\|[:#={}~n])")
_PHP_SPACE = " \t\n\r\0\x0b"  # what PHP's trim() removes, and nothing more
# Moodle: '/^%\-*([0-9]{1,2})\.?([0-9]*)%/'
_WEIGHT = re.compile(r"^%(-*)([0-9]{1,2}\.?[0-9]*)%")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_FORMATS = ("moodle", "html", "plain", "markdown")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CATEGORY = "$CATEGORY:"
BLANK = "_____"


@dataclass(frozen=True)
class GiftContext:
    """Where a GIFT file sits in the handbook: its page (if any) and its default category."""

    rel: str
    topic: str | None
    default_category: str
    categories: dict[str, str]  # casefolded name -> the handbook's spelling


def parse_gift(text: str, context: GiftContext) -> tuple[list[Question], list[Problem]]:
    """Every markable question of a GIFT file's text, and the problems found on the way."""
    reader = _GiftReader(context)
    text = _NONCHARACTERS.sub("", text)
    block: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip(_PHP_SPACE)
        if stripped:
            block.append((number, stripped))
        elif block:
            reader.read_block(block)
            block = []
    if block:
        reader.read_block(block)
    return reader.questions, reader.problems


def _protect(text: str) -> str:
    def replace(match: re.Match) -> str:
        char = match.group(1)
        if char == "\\":
            return "\\" + _FILLER
        if char == "n":
            return _NEWLINE + _FILLER
        return _PROTECTED[char] + _FILLER

    return _ESCAPE.sub(replace, text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


@dataclass(frozen=True)
class _Span:
    """A piece of a question's text and where it starts in that text."""

    text: str
    start: int

    def strip(self) -> _Span:
        stripped = self.text.lstrip(_PHP_SPACE)
        return _Span(stripped.rstrip(_PHP_SPACE), self.start + len(self.text) - len(stripped))

    def sub(self, begin: int, end: int | None = None) -> _Span:
        return _Span(self.text[begin:end], self.start + begin)


class _GiftReader:
    def __init__(self, context: GiftContext) -> None:
        self.context = context
        self.category: str | None = None
        self.questions: list[Question] = []
        self.problems: list[Problem] = []
        self.ids = IdAllocator(context.rel)
        self.first_line: dict[str, int] = {}

    # -- one block of lines: a question, a category, or comments -------------------------
    def read_block(self, block: list[tuple[int, str]]) -> None:
        lines = [" " if line.startswith("//") else line for _, line in block]
        self.numbers = [number for number, _ in block]
        self.starts = []
        position = 0
        for line in lines:
            self.starts.append(position)
            position += len(line) + 1
        whole = _Span(_protect("\n".join(lines)), 0).strip()
        if not whole.text:
            return  # only comments
        # A '::name' line inside a block is almost surely a question missing its blank line.
        self.glued_at = next(
            (self.starts[index] for index, line in enumerate(lines) if index and line.startswith("::")), None
        )
        self.question_line = self.line_at(whole.start)
        if whole.text.startswith(_CATEGORY):
            self.read_category(whole.sub(len(_CATEGORY)))
            return
        try:
            self.read_question(whole)
        except _Skip:
            pass

    def line_at(self, position: int) -> int:
        return self.numbers[max(0, bisect.bisect_right(self.starts, position) - 1)]

    def problem(self, level, position: int | None, message: str) -> None:
        line = self.question_line if position is None else self.line_at(position)
        self.problems.append(level(self.context.rel, line, message))

    def fail(self, position: int | None, message: str) -> None:
        self.problem(error, position, message + "; question skipped")
        raise _Skip

    def read_category(self, rest: _Span) -> None:
        value = _restore(rest.text)
        first, _, more = value.partition("\n")
        if more.strip():
            self.problem(
                error,
                rest.start + len(first) + 1,
                "the lines after $CATEGORY: belong to it (Moodle reads them as part of the category name);"
                " leave a blank line after it",
            )
        self.category = self.category_name(first.strip())

    def category_name(self, path: str) -> str | None:
        """`$course$/top/Pathology/Vascular` -> `Pathology/Vascular` (in the handbook's spelling if known)."""
        parts = [part.replace("//", "/").strip() for part in re.split(r"(?<!/)/(?!/)", path)]
        if parts and re.fullmatch(r"\$\w*\$", parts[0]):
            parts = parts[1:]
        if parts and parts[0] == "top":
            parts = parts[1:]
        name = "/".join(part for part in parts if part)
        if not name:
            return None
        return self.context.categories.get(name.casefold(), name)

    # -- a question --------------------------------------------------------------------
    def read_question(self, text: _Span) -> None:
        name: str | None = None
        if text.text.startswith("::"):
            rest = text.sub(2)
            end = rest.text.find("::")
            if end < 0:
                self.problem(
                    warning,
                    text.start,
                    "'::' opens a name that is never closed; read as question text (as Moodle does)",
                )
                text = rest
            else:
                name = tidy(_restore(rest.text[:end])) or None
                text = rest.sub(end + 2).strip()

        start, finish = text.text.find("{"), text.text.find("}")
        if start < 0 and finish < 0:
            self.problem(warning, None, "a description (text without '{...}' answers) cannot be marked; skipped")
            raise _Skip
        if start < 0 or finish < 0:
            where = text.start + max(start, finish)
            brace = "{" if start >= 0 else "}"
            self.fail(where, f"'{brace}' without its partner; write \\{brace} for a literal brace")
        if finish < start:
            self.fail(text.start + finish, "'}' comes before '{'; write \\} for a literal brace")
        if "{" in text.text[finish + 1 :]:
            if self.glued_at is not None and self.glued_at > text.start + finish:
                self.problem(
                    warning,
                    self.glued_at,
                    f"this line looks like the start of another question, but without a blank line before it"
                    f" it is part of the question at line {self.question_line}, as in Moodle:"
                    " only the first '{...}' holds answers; leave a blank line between questions",
                )
            else:
                self.problem(
                    warning,
                    text.start + text.text.index("{", finish + 1),
                    "only the first '{...}' holds answers; a second one is shown as text",
                )
        answers = text.sub(start + 1, finish).strip()
        if text.text.endswith("}"):
            question_text = text.text[:start] + text.text[finish + 1 :]
        else:
            question_text = text.text[:start] + BLANK + text.text[finish + 1 :]

        general = ""
        split = answers.text.rfind("####")
        if split >= 0:
            general = answers.text[split + 4 :]
            answers = answers.sub(0, split).strip()

        text_format, prompt = self.formatted(question_text, "moodle")
        if not prompt:
            self.fail(None, "question has no text")
        explanation = self.formatted(general, text_format)[1]
        self.text_format = text_format

        body = answers.text
        if not body:
            self.problem(warning, None, "an essay question (empty '{}') cannot be marked; skipped")
            raise _Skip
        if body[0] == "#":
            kind, fields = QuestionType.NUMERICAL, self.numerical(answers.sub(1))
        elif "~" in body:
            kind, fields = self.multiple_choice(answers)
        elif "=" in body and "->" in body:
            kind, fields = QuestionType.MATCHING, self.matching(answers)
        else:
            check = body
            if body.find("#") > 0:
                check = body[: body.find("#")].strip(_PHP_SPACE)
            if check in _TRUE_FALSE:
                kind, fields = QuestionType.TRUEFALSE, self.true_false(answers, _TRUE_FALSE[check])
            else:
                if _restore(check).upper() in _TRUE_FALSE and not check.startswith("="):
                    self.problem(
                        warning,
                        answers.start,
                        f"'{{{_restore(check)}}}' is read as a short answer, as Moodle does; a true/false question needs capitals: {{TRUE}} or {{T}}",
                    )
                kind, fields = QuestionType.SHORT, self.short_answer(answers)

        key = question_key(name or prompt)
        question_id, repeats = self.ids.allocate(key)
        what = "name" if name else "text"
        if repeats:
            self.problem(
                warning,
                None,
                f"the same {what} as the question at line {self.first_line[key]}; its id gets '~{repeats + 1}'",
            )
        else:
            self.first_line[key] = self.question_line
        self.questions.append(
            Question(
                id=question_id,
                type=kind,
                prompt=prompt,
                category=self.category or self.context.default_category,
                topic=self.context.topic,
                path=self.context.rel,
                line=self.question_line,
                origin=Origin.GIFT,
                name=name,
                explanation=explanation,
                **fields,
            )
        )

    def formatted(self, raw: str, default: str) -> tuple[str, str]:
        """Moodle's parse_text_with_format: a leading `[html]` etc. sets the format; then plain text."""
        text_format = default
        if raw.startswith("["):
            end = raw.find("]")
            if end > 0 and raw[1:end] in _FORMATS:
                text_format, raw = raw[1:end], raw[end + 1 :]
        text = _restore(raw).strip(_PHP_SPACE)
        if text_format == "html":
            return text_format, html_text(text)
        if text_format == "moodle":  # Moodle's own format: HTML where a new line is a line break
            return text_format, html_text(text.replace("\n", "<br>")) if ("<" in text or "&" in text) else tidy(text)
        if text_format == "markdown":
            return text_format, markdown_text(text)
        return text_format, tidy(text)

    def weight(self, piece: _Span, default: float) -> tuple[float, _Span]:
        match = _WEIGHT.match(piece.text)
        if not match:
            if piece.text.startswith("%"):
                self.problem(
                    warning,
                    piece.start,
                    f"'{_restore(piece.text.split()[0])}' is not a weight like %50%; read as answer text",
                )
            return default, piece
        minus, digits = match.groups()
        if len(minus) > 1:
            self.fail(piece.start, f"weight '{match.group(0)}' has more than one minus sign")
        value = float(digits) / 100 * (-1 if minus else 1)
        if abs(value) > 1:
            self.fail(piece.start, f"weight '{match.group(0)}' is outside -100%..100%")
        return value, piece.sub(match.end())

    def answer_and_feedback(self, piece: _Span) -> tuple[str, str]:
        """Moodle's commentparser: the first `#` starts the answer's feedback."""
        answer, hash_mark, feedback = piece.text.partition("#")
        answer_text = self.formatted(answer.strip(_PHP_SPACE), self.text_format)[1]
        feedback_text = self.formatted(feedback.strip(_PHP_SPACE), self.text_format)[1] if hash_mark else ""
        return answer_text, feedback_text

    def pieces(self, answers: _Span, separator: str, keep: str = "") -> list[_Span]:
        """Split at every `separator` (dropped) and before every `keep` (kept), like Moodle's explode."""
        found: list[_Span] = []
        begin = 0
        for position, char in enumerate(answers.text):
            if char == separator:
                found.append(answers.sub(begin, position))
                begin = position + 1
            elif char == keep:
                found.append(answers.sub(begin, position))
                begin = position
        found.append(answers.sub(begin))
        found = [piece.strip() for piece in found]
        if found and not found[0].text:
            found = found[1:]
        kept = []
        for piece in found:
            if piece.text:
                kept.append(piece)
            else:
                self.problem(warning, piece.start, "an empty answer is ignored")
        return kept

    # -- the types ---------------------------------------------------------------------
    def multiple_choice(self, answers: _Span) -> tuple[QuestionType, dict]:
        pieces = self.pieces(answers, "~", keep="=")
        if len(pieces) < 2:
            self.fail(answers.start, "a multiple-choice question needs at least two answers")
        choices = []
        for piece in pieces:
            if piece.text.startswith("="):
                weight, rest = 1.0, piece.sub(1)
                if _WEIGHT.match(rest.text):
                    self.problem(
                        warning,
                        piece.start,
                        "Moodle reads '=' as 100% and keeps the weight after it as answer text; write '~%50%answer' for part marks",
                    )
            else:
                weight, rest = self.weight(piece, 0.0)
            text, feedback = self.answer_and_feedback(rest)
            if not text:
                self.fail(piece.start, "an answer has no text")
            choices.append(Choice(text, weight, feedback))
        # Moodle allows several answers exactly when no '=' marks a single right one.
        single = "=" in answers.text
        if not any(choice.weight > 0 for choice in choices):
            self.fail(answers.start, "no answer earns credit: mark the right one with '=' or a weight such as '~%50%'")
        if single and max(choice.weight for choice in choices) < 1:
            self.problem(warning, answers.start, "no answer gives full marks")
        if not single:
            total = sum(choice.weight for choice in choices if choice.weight > 0)
            if abs(total - 1) > 0.01:
                self.problem(
                    warning, answers.start, f"the weights of the right answers add up to {total * 100:g}%, not 100%"
                )
        return (QuestionType.SINGLE if single else QuestionType.MULTI), {"choices": tuple(choices)}

    def true_false(self, answers: _Span, truth: bool) -> dict:
        parts = answers.text.split("#", 2)
        wrong = self.formatted(parts[1].strip(_PHP_SPACE), self.text_format)[1] if len(parts) > 1 else ""
        right = self.formatted(parts[2].strip(_PHP_SPACE), self.text_format)[1] if len(parts) > 2 else ""
        # Moodle: the first feedback shows after a wrong answer, the second after a right one.
        choices = (
            Choice("True", 1.0 if truth else 0.0, right if truth else wrong),
            Choice("False", 0.0 if truth else 1.0, wrong if truth else right),
        )
        return {"choices": choices, "answer": truth}

    def short_answer(self, answers: _Span) -> dict:
        choices = []
        for piece in self.pieces(answers, "="):
            weight, rest = self.weight(piece, 1.0)
            answer, hash_mark, feedback = rest.text.partition("#")
            text = self.formatted(answer.strip(_PHP_SPACE), "plain")[1]
            if not text:
                self.problem(warning, piece.start, "an answer with no text is ignored")
                continue
            feedback_text = self.formatted(feedback.strip(_PHP_SPACE), self.text_format)[1] if hash_mark else ""
            choices.append(Choice(text, weight, feedback_text))
        if not choices:
            self.fail(answers.start, "a short-answer question needs at least one answer")
        if not any(choice.weight > 0 for choice in choices):
            self.fail(answers.start, "no answer earns credit")
        return {"choices": tuple(choices)}

    def numerical(self, answers: _Span) -> dict:
        wrong_feedback: _Span | None = None
        tilde = answers.text.find("~")
        if tilde >= 0:
            wrong_feedback = answers.sub(tilde)
            answers = answers.sub(0, tilde)
        ranges = []
        for piece in self.pieces(answers.strip(), "="):
            weight, rest = self.weight(piece, 1.0)
            written, feedback = self.answer_and_feedback(rest)
            ranges.append(self.numerical_range(written, weight, feedback, piece.start))
        if not ranges:
            self.fail(answers.start, "a numerical question needs at least one answer")
        if wrong_feedback is not None:
            feedback = self.answer_and_feedback(wrong_feedback)[1]
            ranges.append(NumericalAnswer(0.0, 0.0, 0.0, feedback, "*"))
        if not any(r.weight > 0 for r in ranges):
            self.fail(answers.start, "no answer earns credit")
        return {"ranges": tuple(ranges)}

    def numerical_range(self, written: str, weight: float, feedback: str, position: int) -> NumericalAnswer:
        if written.find("..") > 0:
            low_text, high_text = (part.strip() for part in written.split("..", 1))
            low, high = self.number(low_text, position), self.number(high_text, position)
            # Rounded to 12 digits so 3.141..3.142 is 3.1415 +- 0.0005, not 3.1414999999999997.
            value = _round((low + high) / 2)
            return NumericalAnswer(value, _round(abs(high - value)), weight, feedback, written)
        if written.find(":") > 0:
            value_text, tolerance_text = (part.strip() for part in written.split(":", 1))
            return NumericalAnswer(
                self.number(value_text, position), abs(self.number(tolerance_text, position)), weight, feedback, written
            )
        return NumericalAnswer(self.number(written, position), 0.0, weight, feedback, written)

    def number(self, text: str, position: int) -> float:
        if not _NUMBER.match(text):
            self.fail(position, f"'{text}' is not a number")
        return float(text)

    def matching(self, answers: _Span) -> dict:
        pairs = []
        for piece in self.pieces(answers, "="):
            arrow = piece.text.find("->")
            if arrow < 0:
                self.fail(piece.start, "a matching answer needs 'left -> right'")
            left = self.formatted(piece.text[:arrow].strip(_PHP_SPACE), self.text_format)[1]
            right = tidy(_restore(piece.text[arrow + 2 :]))
            if not right:
                self.fail(piece.start, "a matching pair has nothing after '->'")
            pairs.append((left, right))
        if sum(1 for left, _ in pairs if left) < 2:
            self.fail(answers.start, "a matching question needs at least two pairs")
        return {"pairs": tuple(pairs)}


def _round(number: float) -> float:
    return float(f"{number:.12g}")


class _Skip(Exception):
    """This block is not a markable question; its problem is already recorded."""
