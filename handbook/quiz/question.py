"""A quiz question of one of six types, wherever it was written, and its choices."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class QuestionType(str, Enum):
    SINGLE = "single"  # one right choice
    MULTI = "multi"  # select all that apply
    TRUEFALSE = "truefalse"
    SHORT = "short"  # typed answer, compared leniently
    NUMERICAL = "numerical"  # a number within a tolerance
    MATCHING = "matching"  # pair each left item with a right item

    def __str__(self) -> str:
        return self.value


class Origin(str, Enum):
    MARKDOWN = "markdown"
    GIFT = "gift"
    GENERATED = "generated"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer a question knows: its text, the fraction of the mark it earns (-1..1), feedback."""

    text: str
    weight: float
    feedback: str = ""

    @property
    def correct(self) -> bool:
        """True when choosing (or typing) it earns credit."""
        return self.weight > 0


@dataclass(frozen=True, slots=True)
class NumericalAnswer:
    """An accepted range of a numerical question: `value` plus or minus `tolerance`."""

    value: float
    tolerance: float
    weight: float
    feedback: str = ""
    text: str = ""  # as written: "1822:5", "1..5", "*" (any other number)

    @property
    def matches_anything(self) -> bool:
        return self.text == "*"

    def contains(self, number: float) -> bool:
        if self.matches_anything:
            return True
        # A tiny relative slack so 0.1 + 0.2 counts as 0.3, as Moodle allows for float error.
        slack = abs(self.tolerance) + 1e-9 * max(1.0, abs(self.value))
        return abs(number - self.value) <= slack


@dataclass(frozen=True, slots=True)
class Question:
    """One question. `topic` is the slug of the page it belongs to (None for a GIFT bank without one)."""

    id: str
    type: QuestionType
    prompt: str
    category: str
    topic: str | None
    path: str  # the file it was read from, relative to the content folder
    line: int
    origin: Origin
    name: str | None = None  # the GIFT ::name::
    choices: tuple[Choice, ...] = ()  # every answer but matching pairs and numerical ranges
    answer: bool | None = None  # true/false questions
    ranges: tuple[NumericalAnswer, ...] = ()  # numerical questions
    pairs: tuple[tuple[str, str], ...] = ()  # matching: (left, right); an empty left is a distractor
    explanation: str = ""

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def answers(self) -> tuple[str, ...]:
        """The accepted answers of a short-answer question, best first as written."""
        if self.type is not QuestionType.SHORT:
            return ()
        return tuple(choice.text for choice in self.choices if choice.weight > 0)

    @property
    def best_range(self) -> NumericalAnswer | None:
        """The numerical answer worth the most (the first of equals)."""
        real = [r for r in self.ranges if not r.matches_anything]
        return max(real, key=lambda r: r.weight, default=None)

    @property
    def real_pairs(self) -> tuple[tuple[str, str], ...]:
        """The matching pairs to answer (distractors, with an empty left side, left out)."""
        return tuple(pair for pair in self.pairs if pair[0])

    @property
    def match_options(self) -> tuple[str, ...]:
        """Every right-hand item of a matching question, distractors included, without repeats."""
        return tuple(dict.fromkeys(right for _, right in self.pairs))

    def to_json(self) -> dict:
        """The question as `handbook questions --json` prints it."""
        best = self.best_range
        if self.type is QuestionType.NUMERICAL:
            choices = [
                {"text": r.text, "correct": r.weight > 0, "weight": r.weight, "feedback": r.feedback}
                for r in self.ranges
            ]
        else:
            choices = [
                {"text": c.text, "correct": c.correct, "weight": c.weight, "feedback": c.feedback} for c in self.choices
            ]
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type.value,
            "prompt": self.prompt,
            "choices": choices,
            "answer": self.answer,
            "answers": list(self.answers),
            "value": best.value if best else None,
            "tolerance": best.tolerance if best else None,
            "pairs": [[left, right] for left, right in self.pairs],
            "explanation": self.explanation,
            "topic": self.topic,
            "category": self.category,
            "source": self.source,
            "origin": self.origin.value,
        }
