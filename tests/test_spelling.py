"""Spelling: edit distance and the nearest known words to a misspelling."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handbook.search.spelling import SpellingDictionary, edit_distance, edits1, max_distance

WORDS = {"hemophilia": 9, "osteomyelitis": 2, "veins": 12, "pains": 3, "petrissage": 4, "effleurage": 5, "knee": 30}


def dictionary() -> SpellingDictionary:
    return SpellingDictionary(WORDS, WORDS.__getitem__)


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("hemophila", "hemophilia", 2) == 1
    assert edit_distance("vains", "veins", 2) == 1
    assert edit_distance("teh", "the", 2) == 1
    assert edit_distance("kitten", "sitting", 3) == 3
    assert edit_distance("abc", "abcdefg", 2) == 3  # more than the limit: limit + 1


@given(st.text(alphabet="abcde", max_size=8), st.text(alphabet="abcde", max_size=8))
def test_edit_distance_is_symmetric_and_zero_only_for_equal_words(a, b):
    assert edit_distance(a, b, 20) == edit_distance(b, a, 20)
    assert (edit_distance(a, b, 20) == 0) == (a == b)


def test_edits1_are_one_edit_away():
    for candidate in edits1("vein"):
        assert edit_distance("vein", candidate, 2) == 1


def test_two_mistakes_in_a_long_word_are_corrected_short_words_are_not():
    assert [c.word for c in dictionary().corrections("hemofilia")] == ["hemophilia"]  # f for ph: 2 edits
    assert [c.word for c in dictionary().corrections("petrisag")] == ["petrissage"]
    assert dictionary().corrections("kne") == []  # too short to guess
    assert max_distance("vains") == 1 and max_distance("osteomylitis") == 2


def test_nearest_and_most_used_first():
    found = dictionary().corrections("vains")
    assert [c.word for c in found] == ["veins", "pains"]
    assert found[0].distance == 1 and found[0].frequency == 12
