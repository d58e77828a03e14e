"""Which questions a session or a listing covers: categories, pages, and a pool (all, due, missed)."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from handbook.quiz.bank import QuestionBank
from handbook.quiz.question import Origin, Question


class Pool(str, Enum):
    ALL = "all"
    DUE = "due"  # due for review, then new questions up to the daily limit
    MISSED = "missed"  # most often answered wrongly first

    def __str__(self) -> str:
        return self.value


class ScopeError(ValueError):
    """A category or page that names nothing; the message says what exists."""


@dataclass(frozen=True)
class Scope:
    """Categories and pages narrow the questions (either may match); the pool picks among them.

    `questions` (ids), when given, narrows further to exactly those questions: a retry of the
    ones missed in a session.
    """

    pool: Pool = Pool.ALL
    categories: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    exclude_generated: bool = False
    questions: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = list(self.categories) + list(self.pages)
        where = ", ".join(parts) if parts else "all topics"
        if self.questions:
            count = len(self.questions)
            where = f"{count} chosen question{'s' if count != 1 else ''}" + (f" in {where}" if parts else "")
        pool = {Pool.ALL: "", Pool.DUE: "due for review · ", Pool.MISSED: "most missed · "}[self.pool]
        return pool + where

    def to_json(self) -> dict:
        return {
            "pool": self.pool.value,
            "categories": list(self.categories),
            "pages": list(self.pages),
            "exclude_generated": self.exclude_generated,
            "questions": list(self.questions),
        }

    @classmethod
    def from_json(cls, data: dict) -> Scope:
        return cls(
            pool=Pool(data.get("pool", "all")),
            categories=tuple(data.get("categories", ())),
            pages=tuple(data.get("pages", ())),
            exclude_generated=bool(data.get("exclude_generated", False)),
            questions=tuple(data.get("questions", ())),
        )


def resolve_scope(bank: QuestionBank, scope: Scope) -> Scope:
    """The scope with every category and page spelled as the bank spells it; ScopeError if one is unknown."""
    categories = tuple(_resolve_category(bank, name) for name in scope.categories)
    pages = tuple(_resolve_page(bank, slug) for slug in scope.pages)
    return Scope(scope.pool, categories, pages, scope.exclude_generated, scope.questions)


def questions_in_scope(bank: QuestionBank, scope: Scope) -> list[Question]:
    """The bank's questions in the scope's categories and pages, in bank order (the pool is not applied)."""
    categories = {name.casefold() for name in scope.categories}
    pages = set(scope.pages)
    wanted = set(scope.questions)
    chosen = []
    for question in bank.questions:
        if scope.exclude_generated and question.origin is Origin.GENERATED:
            continue
        if wanted and question.id not in wanted:
            continue
        if (categories or pages) and not (
            question.category.casefold() in categories or (question.topic in pages) or _source_slug(question) in pages
        ):
            continue
        chosen.append(question)
    return chosen


def questions_per_page(bank: QuestionBank) -> Counter[str]:
    """How many questions practising each page asks (what `Scope(pages=(slug,))` would take)."""
    counts: Counter[str] = Counter()
    for question in bank.questions:
        for slug in {question.topic, _source_slug(question)} - {None}:
            counts[slug] += 1
    return counts


def _source_slug(question: Question) -> str:
    return question.path.rsplit(".", 1)[0]


def _resolve_category(bank: QuestionBank, name: str) -> str:
    wanted = name.strip().casefold()
    categories = bank.categories
    exact = [c for c in categories if c.casefold() == wanted]
    if exact:
        return exact[0]
    starting = [c for c in categories if c.casefold().startswith(wanted)] if wanted else []
    if len(starting) == 1:
        return starting[0]
    if len(starting) > 1:
        raise ScopeError(f"'{name}' could be any of: {', '.join(starting)}")
    raise ScopeError(f"no questions in a category '{name}'; categories: {', '.join(categories) or '(none)'}")


def _resolve_page(bank: QuestionBank, slug: str) -> str:
    slug = slug.strip().removesuffix(".md").removesuffix(".gift").strip("/")
    topics = list(dict.fromkeys(q.topic or _source_slug(q) for q in bank.questions))
    if slug in topics:
        return slug
    folded = [t for t in topics if t.casefold() == slug.casefold()]
    if len(folded) == 1:
        return folded[0]
    by_name = [t for t in topics if t.rsplit("/", 1)[-1].casefold() == slug.casefold()]
    if len(by_name) == 1:
        return by_name[0]
    close = difflib.get_close_matches(slug, topics, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ScopeError(f"no questions on a page '{slug}'{hint}")
