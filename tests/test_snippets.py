"""Snippets: a short excerpt around the matched words, with spans that point at exactly them."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.library import load_library
from handbook.search.analysis import term_of, terms
from handbook.search.snippets import ELLIPSIS, SNIPPET_WIDTH, make_snippet
from tests.conftest import write_tree

LONG_BODY = (
    "Opening words about the page that say nothing in particular. " * 6
    + "The popliteal artery runs deep in the hollow. Press lightly near the popliteal vein. "
    + "Closing words that go on for a while without the terms. " * 6
)


def a_page(tmp_path, body: str, summary: str = "A summary.", aliases: str = ""):
    front = f"---\ntitle: T\nsummary: {summary}\n" + (f"aliases: [{aliases}]\n" if aliases else "") + "---\n"
    root = write_tree(tmp_path / "c", {"p.md": front + body})
    return load_library(root).pages["p"]


def test_window_holds_the_most_distinct_matched_words(tmp_path):
    page = a_page(tmp_path, LONG_BODY)
    snippet = make_snippet(page, frozenset(terms("popliteal vein")))
    assert len(snippet.text) <= SNIPPET_WIDTH + 2
    assert snippet.text.startswith(ELLIPSIS) and snippet.text.endswith(ELLIPSIS)
    marked = [snippet.text[s:e] for s, e in snippet.spans]
    assert marked == ["popliteal", "popliteal", "vein"]
    assert "[popliteal] artery" in snippet.marked()


def test_summary_is_preferred_when_it_matches_as_well(tmp_path):
    page = a_page(tmp_path, LONG_BODY, summary="Never press the popliteal vein.")
    snippet = make_snippet(page, frozenset(terms("popliteal vein")))
    assert snippet.text == "Never press the popliteal vein."
    assert snippet.marked() == "Never press the [popliteal] [vein]."


def test_alias_only_match_and_no_match(tmp_path):
    page = a_page(tmp_path, "Body text.", aliases="back of the knee")
    assert make_snippet(page, frozenset(terms("knee"))).marked() == "Also called: back of the [knee]."
    assert make_snippet(page, frozenset(terms("elbow"))) .spans == ()
    assert make_snippet(page, frozenset(terms("elbow"))).text == "A summary."


def test_hyphenated_word_is_marked_whole(tmp_path):
    page = a_page(tmp_path, "Use side-lying with a pillow.")
    snippet = make_snippet(replace(page, summary=""), frozenset({term_of("sidelying")}))
    assert snippet.marked() == "Use [side-lying] with a pillow."


WORDS = st.sampled_from("vein artery knee press light the a of popliteal hollow side-lying Ménière’s 🙂 \n . ,".split(" "))


@settings(max_examples=200, deadline=None)
@given(body=st.lists(WORDS, max_size=120).map(" ".join), wanted=st.sets(st.sampled_from(["vein", "knee", "press", "menier", "sidelying"])))
def test_spans_always_point_at_matched_words(tmp_path_factory, body, wanted):
    page = a_page(tmp_path_factory.mktemp("p"), body or "x")
    wanted_terms = frozenset(term_of(word) for word in wanted)
    snippet = make_snippet(page, wanted_terms)
    last = 0
    for start, end in snippet.spans:
        assert last <= start < end <= len(snippet.text)
        assert set(terms(snippet.text[start:end])) & wanted_terms or term_of(snippet.text[start:end].replace("-", "").lower()) in wanted_terms
        last = end
