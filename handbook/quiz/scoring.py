"""Mark an answer: the score (0 to 1, with partial credit), whether it is right, and why.

A response is, by question type: single, the index of the chosen choice; multi, a set of
indices; true/false, a bool; short, the typed text; numerical, the typed number (text or
float); matching, the right-hand item chosen for each real pair, in pair order. Indices refer
to `question.choices` as written, whatever order a session shows them in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from handbook.quiz.question import Question, QuestionType

Response = int | frozenset[int] | bool | str | float | tuple[str, ...]
_EPSILON = 1e-9
_UNESCAPED_STAR = re.compile(r"(?<!\\)\*+")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


class InvalidResponse(ValueError):
    """The response does not fit the question (a choice that does not exist, text that is not a number)."""


@dataclass(frozen=True)
class Outcome:
    """The marking of one answer, with everything practice mode shows after it."""

    question: Question
    response: Response
    score: float  # 0..1
    correct: bool  # the best possible answer
    right_answer: str
    feedback: tuple[str, ...]  # the feedback of what was chosen or typed
    explanation: str
    topic: str | None

    @property
    def partly(self) -> bool:
        return not self.correct and self.score > 0


def score_answer(question: Question, response: Response) -> Outcome:
    """Mark `response` to `question`; InvalidResponse if it does not fit the question's type."""
    response = normalise_response(question, response)
    kind = question.type
    feedback: list[str] = []
    if kind in (QuestionType.SINGLE, QuestionType.TRUEFALSE):
        index = response if kind is QuestionType.SINGLE else _true_false_index(question, response)
        chosen = question.choices[index]
        score = chosen.weight
        feedback.append(chosen.feedback)
    elif kind is QuestionType.MULTI:
        score = sum(question.choices[index].weight for index in response)
        feedback += [question.choices[index].feedback for index in sorted(response)]
    elif kind is QuestionType.SHORT:
        matched = next((c for c in question.choices if short_answer_matches(response, c.text)), None)
        score = matched.weight if matched else 0.0
        if matched:
            feedback.append(matched.feedback)
    elif kind is QuestionType.NUMERICAL:
        number = parse_number(response)
        matched = next((r for r in question.ranges if r.contains(number)), None)
        score = matched.weight if matched else 0.0
        if matched:
            feedback.append(matched.feedback)
    else:
        pairs = question.real_pairs
        score = sum(1 for (_, right), given in zip(pairs, response) if given == right) / len(pairs)
    score = min(1.0, max(0.0, score))
    return Outcome(
        question=question,
        response=response,
        score=score,
        correct=score >= best_score(question) - _EPSILON,
        right_answer=right_answer(question),
        feedback=tuple(text for text in feedback if text),
        explanation=question.explanation,
        topic=question.topic,
    )


def best_score(question: Question) -> float:
    """The highest score any answer can earn (1 unless a GIFT bank gives no full-mark answer)."""
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.TRUEFALSE, QuestionType.SHORT):
        best = max((c.weight for c in question.choices), default=1.0)
    elif kind is QuestionType.MULTI:
        best = sum(c.weight for c in question.choices if c.weight > 0)
    elif kind is QuestionType.NUMERICAL:
        best = max((r.weight for r in question.ranges), default=1.0)
    else:
        best = 1.0
    return min(1.0, max(best, _EPSILON))


def normalise_response(question: Question, response: Response) -> Response:
    """Check that `response` fits the question and give it its canonical form."""
    kind = question.type
    count = len(question.choices)
    if kind is QuestionType.SINGLE:
        if isinstance(response, bool) or not isinstance(response, int) or not 0 <= response < count:
            raise InvalidResponse(f"choose one of the {count} choices")
        return response
    if kind is QuestionType.MULTI:
        if isinstance(response, (str, bytes)) or not isinstance(response, Collection):
            raise InvalidResponse("choose a set of choices")
        indices = frozenset(response)
        if any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < count for i in indices):
            raise InvalidResponse(f"choices are numbered 0 to {count - 1}")
        return indices
    if kind is QuestionType.TRUEFALSE:
        if not isinstance(response, bool):
            raise InvalidResponse("answer true or false")
        return response
    if kind is QuestionType.SHORT:
        if not isinstance(response, str):
            raise InvalidResponse("type an answer")
        return response
    if kind is QuestionType.NUMERICAL:
        if isinstance(response, bool) or not isinstance(response, (int, float, str)):
            raise InvalidResponse("type a number")
        parse_number(response)
        return response if isinstance(response, str) else float(response)
    pairs = question.real_pairs
    if isinstance(response, (str, bytes)) or not isinstance(response, Sequence) or len(response) != len(pairs):
        raise InvalidResponse(f"match each of the {len(pairs)} items")
    options = set(question.match_options)
    if any(given not in options for given in response):
        raise InvalidResponse("match each item with one of the options")
    return tuple(response)


def _true_false_index(question: Question, response: bool) -> int:
    wanted = "true" if response else "false"
    return next(i for i, c in enumerate(question.choices) if c.text.casefold().rstrip(".") == wanted)


def normalise_text(text: str) -> str:
    """For comparing typed answers: case, extra spaces and a final full stop do not count."""
    text = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return text[:-1].rstrip() if text.endswith(".") else text


def short_answer_matches(given: str, accepted: str) -> bool:
    """True when `given` matches `accepted`; `*` in `accepted` matches any text (`\\*` a star), as in Moodle."""
    given = normalise_text(given)
    pattern = normalise_text(accepted)
    if "*" not in pattern:
        return given == pattern
    parts = [re.escape(part.replace("\\*", "*")) for part in _UNESCAPED_STAR.split(pattern)]
    return re.fullmatch(".*".join(parts), given, re.DOTALL) is not None


def parse_number(response: str | float) -> float:
    """A typed number: `1822`, `-0.5`, `3,5` (a decimal comma), `1e3`."""
    if isinstance(response, (int, float)):
        return float(response)
    text = response.strip().replace(" ", "")
    if not _NUMBER.match(text) or ("," in text and "." in text):
        raise InvalidResponse(f"'{response.strip()}' is not a number")
    return float(text.replace(",", "."))


def right_answer(question: Question) -> str:
    """The right answer in words, as shown after a wrong one."""
    kind = question.type
    if kind is QuestionType.SINGLE:
        best = max(c.weight for c in question.choices)
        return " / ".join(c.text for c in question.choices if c.weight == best)
    if kind is QuestionType.MULTI:
        return "; ".join(c.text for c in question.choices if c.weight > 0)
    if kind is QuestionType.TRUEFALSE:
        return "True" if question.answer else "False"
    if kind is QuestionType.SHORT:
        answers = sorted((c for c in question.choices if c.weight > 0), key=lambda c: -c.weight)
        shown = [c.text for c in answers if "*" not in c.text] or [c.text for c in answers]
        return shown[0] + (f" (also: {', '.join(shown[1:])})" if len(shown) > 1 else "")
    if kind is QuestionType.NUMERICAL:
        best = question.best_range
        if best is None:
            return ""
        if ".." in best.text:
            return f"between {best.value - best.tolerance:g} and {best.value + best.tolerance:g}"
        return f"{best.value:g}" + (f" ± {best.tolerance:g}" if best.tolerance else "")
    return "; ".join(f"{left} → {right}" for left, right in question.real_pairs)


def right_choices(question: Question) -> frozenset[int]:
    """The indices of the choices a right answer picks (the best of a single or true/false question,
    every choice with credit of a select-all); empty for the other types."""
    kind = question.type
    if kind is QuestionType.MULTI:
        return frozenset(i for i, c in enumerate(question.choices) if c.weight > 0)
    if kind is QuestionType.SINGLE:
        best = max((c.weight for c in question.choices), default=0.0)
        return frozenset(i for i, c in enumerate(question.choices) if c.weight == best)
    if kind is QuestionType.TRUEFALSE and question.answer is not None:
        return frozenset({_true_false_index(question, question.answer)})
    return frozenset()


def describe_response(question: Question, response: Response) -> str:
    """The answer given, in words (for summaries and the results file)."""
    kind = question.type
    try:
        response = normalise_response(question, response)
    except InvalidResponse:
        return str(response)
    if kind is QuestionType.SINGLE:
        return question.choices[response].text
    if kind is QuestionType.MULTI:
        return "; ".join(question.choices[i].text for i in sorted(response)) or "(nothing chosen)"
    if kind is QuestionType.TRUEFALSE:
        return "True" if response else "False"
    if kind in (QuestionType.SHORT, QuestionType.NUMERICAL):
        return str(response).strip() if not isinstance(response, float) else f"{response:g}"
    return "; ".join(f"{left} → {given}" for (left, _), given in zip(question.real_pairs, response))


def response_to_json(response: Response) -> object:
    """A response as JSON (sets become sorted lists)."""
    if isinstance(response, frozenset):
        return sorted(response)
    if isinstance(response, tuple):
        return list(response)
    return response


def response_from_json(question: Question, data: object) -> Response:
    """The response stored by `response_to_json`, in the form `score_answer` takes."""
    if question.type is QuestionType.MULTI and isinstance(data, list):
        return frozenset(data)
    if question.type is QuestionType.MATCHING and isinstance(data, list):
        return tuple(data)
    return data  # type: ignore[return-value]
