"""Questions made from the pages themselves: for each page with a `risk`, which risk it is."""

from __future__ import annotations

from handbook.page import Page
from handbook.quiz.ids import GENERATED_RISK_KEY
from handbook.quiz.question import Choice, Origin, Question, QuestionType
from handbook.risk import CLEARANCE_MEANING, RISK_MEANINGS, RISK_NAMES

RISK_PROMPT = "What is the massage risk for a client with {title}?"


def risk_question(page: Page) -> Question | None:
    """'What is the massage risk for a client with TITLE?' for a page with a risk, else None."""
    if page.risk not in RISK_NAMES:
        return None
    choices = tuple(Choice(name, 1.0 if risk == page.risk else 0.0) for risk, name in RISK_NAMES.items())
    meaning = f"{RISK_NAMES[page.risk]}: {RISK_MEANINGS[page.risk]}."
    if page.clearance:
        meaning += f" Clearance: {CLEARANCE_MEANING}."
    explanation = f"{page.summary}\n\n{meaning}" if page.summary else meaning
    return Question(
        id=f"{page.slug}#{GENERATED_RISK_KEY}",
        type=QuestionType.SINGLE,
        prompt=RISK_PROMPT.format(title=page.title),
        category=page.category,
        topic=page.slug,
        path=page.rel,
        line=1,
        origin=Origin.GENERATED,
        choices=choices,
        explanation=explanation,
    )
