"""The shipped handbook keeps the floors its content issue set: coverage, structure and questions."""

from __future__ import annotations

from collections import Counter

import pytest

from handbook.library import load_library
from handbook.locations import shipped_content_dir
from handbook.quiz.bank import load_question_bank
from handbook.quiz.question import Origin

AREAS = {"contraindications": 55, "pressure-zones": 16, "positioning": 7, "warm-up": 5, "after-massage": 5}
CONDITION_SECTIONS = ("What it is", "Why it matters", "What to do", "Red flags", "Related")
SITE_SECTIONS = ("Where it is", "What lies there", "What to do instead")


@pytest.fixture(scope="module")
def library():
    return load_library(shipped_content_dir())


@pytest.fixture(scope="module")
def bank(library):
    return load_question_bank(library)


def area(slug: str) -> str:
    return slug.split("/", 1)[0] if "/" in slug else ""


def test_every_area_has_its_pages_and_a_start_page(library):
    by_area = Counter(area(slug) for slug in library.pages)
    assert len(library.pages) >= 95
    for name, floor in AREAS.items():
        assert by_area[name] >= floor, (name, by_area[name])
    assert "start" in library.pages and "writing-content" in library.pages


def test_every_page_has_the_front_matter_search_and_trust_depend_on(library):
    for page in library.pages.values():
        assert page.title and page.summary and page.tags and page.aliases and page.sources, page.slug


def test_condition_and_site_pages_follow_their_structure(library):
    for page in library.pages.values():
        headings = [heading.text for heading in page.headings if heading.level == 2]
        if area(page.slug) == "contraindications":
            assert page.risk in ("total", "local", "caution"), page.slug
            wanted = CONDITION_SECTIONS
        elif area(page.slug) == "pressure-zones" and page.slug != "pressure-zones/overview":
            wanted = SITE_SECTIONS
        else:
            continue
        for section in wanted:
            assert any(heading.startswith(section) for heading in headings), (page.slug, section, headings)


def test_every_page_has_authored_questions_with_explanations(library, bank):
    authored = [question for question in bank if question.origin is Origin.MARKDOWN]
    assert len(authored) >= 250
    assert all(question.explanation for question in authored)
    per_page = Counter(question.topic for question in authored)
    for page in library.pages.values():
        floor = 3 if area(page.slug) == "contraindications" else 2
        assert per_page[page.slug] >= floor, (page.slug, per_page[page.slug])
    assert not bank.problems
