"""Whatever bytes or text an instructor's folder holds, loading returns a Library and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.library import load_library
from handbook.problems import Problem

FRAGMENTS = st.sampled_from(
    ["---\n", "title: ", "tags: [", "]", "{", "}", ":", "- ", "[[", "]]", "|", "#", "## Questions\n", "### ", "- [x] ",
     "[a](", ".md)", "\r\n", "\n", "\x1b[31m", "\ufeff", "`", "> ", "&", "*", "risk: ", "clearance: ", "order: ", "\t"]
)
MARKDOWNISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=40).map("".join)


def load_one(content: bytes | str):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
        (root / "page.md").write_bytes(data)
        (root / "other.md").write_text("# Other\n")
        library = load_library(root)
    assert "other" in library.pages
    assert all(isinstance(problem, Problem) and problem.line >= 1 for problem in library.problems)
    for page in library.pages.values():
        assert page.title
        for text in (page.title, page.text, page.body, *page.aliases, *page.tags):
            assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in text)
    return library


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(data):
    load_one(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text(text):
    library = load_one(text.replace("\x00", ""))
    assert "page" in library.pages


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_markdown_and_yaml_shaped_text(text):
    library = load_one(text.replace("\x00", ""))  # a NUL makes it a binary file, skipped by design
    assert "page" in library.pages
