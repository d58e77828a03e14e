"""The `QuestionBank`: every question of a library (Markdown, GIFT, generated) and its problems."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from handbook.library import Library, link_problems
from handbook.page_parser import DEFAULT_CATEGORY, readable
from handbook.problems import Problem, warning
from handbook.quiz.generated import risk_question
from handbook.quiz.gift import GiftContext, parse_gift
from handbook.quiz.markdown_questions import page_question_links, parse_page_questions
from handbook.quiz.question import Question
from handbook.source import GIFT_SUFFIX, SourceFile, read_source


@dataclass
class QuestionBank:
    """All questions in a stable order (by category and page, then GIFT files), by id."""

    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    by_id: dict[str, Question] = field(default_factory=dict)

    def get(self, question_id: str) -> Question | None:
        return self.by_id.get(question_id)

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return iter(self.questions)

    @property
    def categories(self) -> list[str]:
        """The categories that have questions, in bank order."""
        return list(dict.fromkeys(question.category for question in self.questions))

    def counts(self) -> dict[str, Counter]:
        """How many questions there are by type and by origin."""
        return {
            "type": Counter(q.type.value for q in self.questions),
            "origin": Counter(q.origin.value for q in self.questions),
        }


# A slug with a folder or a hyphen, as an unlabelled `[[folder/page]]` leaves it in a question's
# plain text; a one-word slug is left alone, since it could as well be an ordinary word.
_LINKED_SLUG = re.compile(r"(?<![\w/-])[a-z0-9]+(?:[/-][a-z0-9]+)+(?![\w/-])")


def load_question_bank(library: Library, generated: bool = True) -> QuestionBank:
    """Read every question of `library`; `generated=False` leaves out the generated risk questions."""
    bank = QuestionBank()
    problems: list[Problem] = []
    for category in library.categories:
        for page in category.pages:
            questions, page_problems = parse_page_questions(page)
            problems += page_problems
            problems += link_problems(page, page_question_links(page), library.pages)
            _add(bank, [_with_link_titles(question, library) for question in questions], problems)
            if generated:
                question = risk_question(page)
                if question is not None:
                    _add(bank, [question], problems)
    for source in sorted(library.gift_files, key=lambda s: s.rel):
        questions, gift_problems = _read_gift(source, library)
        problems += gift_problems
        _add(bank, questions, problems)
    bank.problems = sorted(problems)
    return bank


def _with_link_titles(question: Question, library: Library) -> Question:
    # `See [[after-massage/red-flags]].` reads "See Red flags…" in the reader; say the same in the explanation.
    def title(match: re.Match) -> str:
        page = library.pages.get(match[0])
        return page.title if page is not None else match[0]

    explanation = _LINKED_SLUG.sub(title, question.explanation)
    return question if explanation == question.explanation else replace(question, explanation=explanation)


def _read_gift(source: SourceFile, library: Library) -> tuple[list[Question], list[Problem]]:
    read = read_source(source)
    problems = list(read.problems)
    if read.text is None:
        return [], problems
    slug = source.rel[: -len(GIFT_SUFFIX)] if source.rel.lower().endswith(GIFT_SUFFIX) else source.rel
    page = library.pages.get(slug)
    if page is not None:
        default_category = page.category
    elif "/" in slug:
        default_category = readable(slug.split("/")[0])
    else:
        default_category = readable(posixpath.basename(slug)) or DEFAULT_CATEGORY
    context = GiftContext(
        rel=source.rel,
        topic=page.slug if page else None,
        default_category=default_category,
        categories={category.name.casefold(): category.name for category in library.categories},
    )
    questions, gift_problems = parse_gift(read.text, context)
    return questions, problems + gift_problems


def _add(bank: QuestionBank, questions: list[Question], problems: list[Problem]) -> None:
    for question in questions:
        if question.id in bank.by_id:  # only an odd file name can do this; keep both, distinctly
            other = bank.by_id[question.id]
            problems.append(
                warning(question.path, question.line, f"question id '{question.id}' is also used at {other.source}")
            )
            number = 2
            while f"{question.id}~{number}" in bank.by_id:
                number += 1
            question = replace(question, id=f"{question.id}~{number}")
        bank.questions.append(question)
        bank.by_id[question.id] = question
