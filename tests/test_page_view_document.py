"""The reader's document model and layout, without an app: pieces parse as the whole does, any
Markdown lays out, every shipped page renders."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.style import Style

from handbook.library import load_library
from handbook.locations import shipped_content_dir
from handbook.page_parser import markdown_parser
from handbook.quiz.markdown_questions import parse_page_questions
from handbook.ui.page_document import body_around_questions, build_document, parse_in_pieces, split_markdown
from handbook.ui.page_layout import PageStyles, lay_out, make_console
from handbook.ui.page_view import contents_of, practice_question_count

LINES = st.sampled_from(
    [
        "# Title", "## Section", "### Sub", "#not a heading", "", "", "text here", "more *em* and **strong**",
        "- item", "  - nested", "1. one", "> quote", "> # quoted heading", "```", "~~~", "    indented code",
        "| a | b |", "| --- | --- |", "| 1 | 2 |", "---", "[ref]: https://example.org", "see [x][ref]",
        "[[some/page]]", "[[page|label]]", "[a](other.md#part)", "<b>html</b>", "  ```", "term\n===",
    ]
)


def block_types(markdown: str) -> list[tuple[str, str]]:
    return [(t.type, t.content) for t in markdown_parser().parse(markdown) if t.type != "front_matter"]


@given(st.lists(LINES, max_size=60), st.integers(min_value=1, max_value=8))
@settings(max_examples=400, deadline=None)
def test_pieces_parse_as_the_whole(lines, chunk_lines):
    markdown = "\n".join(lines)
    if any(line.startswith("[ref]:") for line in lines):
        return  # definitions are repeated in every piece on purpose: see the next test
    assert "\n".join(split_markdown(markdown, chunk_lines)) == markdown
    whole = block_types("\n" + markdown)
    parts = [(t.type, t.content) for tokens in parse_in_pieces(markdown, chunk_lines) for t in tokens]
    assert parts == whole


def test_reference_definitions_reach_every_piece():
    markdown = "## A\n\nsee [x][ref]\n\n## B\n\ntext\n\n[ref]: https://example.org\n"
    pieces = split_markdown(markdown, 1)
    assert len(pieces) == 2
    first = markdown_parser().parse(pieces[0])
    assert any(child.type == "link_open" for token in first if token.children for child in token.children)


def styles() -> PageStyles:
    return PageStyles(lambda name: Style(bold=name.startswith("h")))


@given(st.text(max_size=400), st.integers(min_value=1, max_value=200))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_markdown_lays_out(tree, body, width):
    library = load_library(tree({"page.md": "---\ntitle: T\n---\n" + body}))
    page = library.pages.get("page")
    if page is None:
        return
    document = build_document(page, library, 0)
    document.finish()
    console = make_console(width)
    for block in document.blocks:
        laid = lay_out(block, width, styles(), console)
        assert laid.strips is not None and len(laid.strips) == laid.height == len(laid.links)
        measured = lay_out(block, width, styles(), console, draw=False)
        assert measured.height == laid.height and measured.links == laid.links


def test_every_shipped_page_renders():
    library = load_library(shipped_content_dir())
    assert len(library.pages) > 50
    console = make_console(78)
    for page in library.pages.values():
        document = build_document(page, library, practice_question_count(page))
        document.finish()
        text = []
        for block in document.blocks:
            laid = lay_out(block, 80, styles(), console)
            text += [strip.text for strip in laid.strips or []]
        joined = "\n".join(text)
        assert page.title in joined
        for target in document.links:
            assert target.kind in ("page", "anchor", "quiz", "external"), (page.slug, target)  # shipped links resolve
        for question in parse_page_questions(page)[0]:
            assert question.prompt.splitlines()[0] not in joined, page.slug
        headings = [text for _, text, _ in document.headings]
        assert [text for _, text, _ in contents_of(page)] == headings, page.slug


def test_body_around_questions_keeps_what_follows(tree):
    page_text = "---\ntitle: T\n---\n\nIntro.\n\n## Questions\n\n### Q?\n- [x] yes\n- [ ] no\n\n## After\n\nTail text.\n"
    library = load_library(tree({"t.md": page_text}))
    before, after = body_around_questions(library.pages["t"])
    assert before == "Intro."
    assert after == "## After\n\nTail text."
