"""Everything `handbook check` reports about a content folder, from every part that reads it."""

from __future__ import annotations

from handbook.library import Library
from handbook.problems import Problem
from handbook.quiz.bank import load_question_bank
from handbook.search.synonyms import synonym_problems


def check_content(library: Library) -> list[Problem]:
    """All problems of the content folder, sorted by path and line."""
    problems = list(library.problems)
    problems += load_question_bank(library, generated=False).problems
    problems += synonym_problems(library.settings)
    return sorted(problems)
