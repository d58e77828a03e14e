"""Marking answers: right, wrong, partial credit, lenient short answers, numbers, matching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook.quiz.gift import GiftContext, parse_gift
from handbook.quiz.question import Choice, Origin, Question, QuestionType
from handbook.quiz.scoring import (
    InvalidResponse,
    describe_response,
    normalise_text,
    parse_number,
    response_from_json,
    response_to_json,
    score_answer,
    short_answer_matches,
)

CONTEXT = GiftContext("bank.gift", None, "Bank", {})


def gift(text: str) -> Question:
    questions, problems = parse_gift(text, CONTEXT)
    assert len(questions) == 1, problems
    return questions[0]


def markdown(kind: QuestionType, *choices: tuple[str, float], **extra) -> Question:
    return Question(
        id="p#q",
        type=kind,
        prompt="Q?",
        category="C",
        topic="p",
        path="p.md",
        line=1,
        origin=Origin.MARKDOWN,
        choices=tuple(Choice(text, weight) for text, weight in choices),
        explanation="Because.",
        **extra,
    )


def test_single_answer_right_and_wrong_with_explanation_and_topic():
    question = markdown(QuestionType.SINGLE, ("Prone", 0), ("Side-lying", 1), ("Supine", 0))
    right = score_answer(question, 1)
    assert (right.score, right.correct, right.right_answer, right.explanation, right.topic) == (
        1.0,
        True,
        "Side-lying",
        "Because.",
        "p",
    )
    wrong = score_answer(question, 0)
    assert (wrong.score, wrong.correct, wrong.partly, wrong.right_answer) == (0.0, False, False, "Side-lying")


def test_select_all_gives_partial_credit_and_never_below_zero():
    question = markdown(QuestionType.MULTI, ("a", 0.5), ("b", 0.5), ("c", -0.5), ("d", -0.5))
    assert score_answer(question, {0, 1}).correct
    half = score_answer(question, {0})
    assert (half.score, half.correct, half.partly) == (0.5, False, True)
    assert score_answer(question, {0, 1, 2}).score == 0.5
    assert score_answer(question, {0, 1, 2, 3}).score == 0.0  # choosing everything earns nothing
    assert score_answer(question, {2, 3}).score == 0.0
    assert score_answer(question, set()).score == 0.0
    assert score_answer(question, [1, 0]).correct  # any collection of indices


def test_gift_weights_negative_weights_and_a_bank_without_full_marks():
    sites = gift("Which? {~%50%a ~%50%b ~%-100%c}")
    assert score_answer(sites, frozenset({0, 1})).correct
    assert score_answer(sites, frozenset({0, 2})).score == 0.0
    partial = gift("Which? {=left ~%50%right ~back}")
    result = score_answer(partial, 1)
    assert (result.score, result.correct, result.right_answer) == (0.5, False, "left")
    stingy = gift("Which? {~%50%a ~%50%b ~c}")  # several may be chosen, weights add to 100%
    assert score_answer(stingy, frozenset({0, 1})).correct
    odd = gift("Which? {~%40%a ~%40%b ~c}")  # weights add to 80%: the best answer is still right
    assert score_answer(odd, frozenset({0, 1})).correct and score_answer(odd, frozenset({0, 1})).score == pytest.approx(
        0.8
    )


def test_true_false_with_per_answer_feedback():
    question = gift("Lactic acid causes next-day soreness.{F#It clears in an hour.#Right.}")
    assert score_answer(question, False).feedback == ("Right.",)
    wrong = score_answer(question, True)
    assert (wrong.correct, wrong.feedback, wrong.right_answer) == (False, ("It clears in an hour.",), "False")
    with pytest.raises(InvalidResponse):
        score_answer(question, "false")


@pytest.mark.parametrize(
    "typed", ["effleurage", "Effleurage.", "  EFFLEURAGE  ", "gliding   strokes", "Gliding strokes ."]
)
def test_short_answers_ignore_case_extra_spaces_and_a_final_full_stop(typed):
    question = markdown(QuestionType.SHORT, ("effleurage", 1), ("gliding strokes", 1))
    assert score_answer(question, typed).correct


@pytest.mark.parametrize("typed", ["effleur", "effleurage strokes", "gliding-strokes", "", "effleurage.."])
def test_short_answers_do_not_match_other_words(typed):
    question = markdown(QuestionType.SHORT, ("effleurage", 1), ("gliding strokes", 1))
    assert not score_answer(question, typed).correct


def test_short_answer_wildcards_weights_and_feedback_take_the_first_match_as_moodle():
    question = gift("Which stroke? {=effleurage =%50%glid*#Close. =%0%*#No.}")
    assert score_answer(question, "Effleurage").score == 1.0
    close = score_answer(question, "gliding")
    assert (close.score, close.feedback, close.right_answer) == (0.5, ("Close.",), "effleurage")
    assert score_answer(question, "tapotement").feedback == ("No.",)
    assert short_answer_matches("3*4", r"3\*4") and not short_answer_matches("314", r"3\*4")


@given(
    st.text(alphabet="abcdefghij ", min_size=1, max_size=20).filter(lambda s: s.strip()),
    st.booleans(),
    st.integers(0, 3),
)
def test_any_casing_and_spacing_of_an_answer_matches(word, stop, spaces):
    typed = (" " * spaces) + word.upper().replace(" ", "  ") + ("." if stop else "") + (" " * spaces)
    assert short_answer_matches(typed, word)
    assert normalise_text(typed) == normalise_text(word)


def test_numerical_tolerance_ranges_weights_and_wrong_feedback():
    question = gift("How many bones? {#=206:0#Exactly. =%50%206:10#Close. ~#Look it up.}")
    assert score_answer(question, "206").correct
    close = score_answer(question, "200")
    assert (close.score, close.feedback, close.right_answer) == (0.5, ("Close.",), "206")
    far = score_answer(question, 150.0)
    assert (far.score, far.feedback) == (0.0, ("Look it up.",))
    span = gift("Minutes? {#30..60}")
    assert (
        score_answer(span, "30").correct and score_answer(span, "60").correct and not score_answer(span, "61").correct
    )
    assert score_answer(span, "45").right_answer == "between 30 and 60"
    assert score_answer(gift("Pi? {#3.1415:0.0005}"), "3,1419").correct  # a decimal comma
    assert score_answer(gift("Sum? {#0.3}"), 0.1 + 0.2).correct  # float error does not count
    with pytest.raises(InvalidResponse, match="'many' is not a number"):
        score_answer(span, "many")
    assert parse_number(" -1e3 ") == -1000.0


def test_matching_scores_each_pair():
    question = gift(
        "Match. {=Popliteal fossa -> popliteal artery =Axilla -> brachial plexus =Femoral triangle -> femoral nerve = -> sciatic nerve}"
    )
    right = ("popliteal artery", "brachial plexus", "femoral nerve")
    assert score_answer(question, right).correct
    two = score_answer(question, ("popliteal artery", "brachial plexus", "sciatic nerve"))
    assert two.score == pytest.approx(2 / 3) and not two.correct
    assert (
        two.right_answer
        == "Popliteal fossa → popliteal artery; Axilla → brachial plexus; Femoral triangle → femoral nerve"
    )
    with pytest.raises(InvalidResponse):
        score_answer(question, ("popliteal artery",))
    with pytest.raises(InvalidResponse):
        score_answer(question, ("x", "y", "z"))


def test_invalid_responses_are_refused_not_scored():
    question = markdown(QuestionType.SINGLE, ("a", 1), ("b", 0))
    for bad in (2, -1, True, "a", None):
        with pytest.raises(InvalidResponse):
            score_answer(question, bad)
    multi = markdown(QuestionType.MULTI, ("a", 0.5), ("b", 0.5))
    with pytest.raises(InvalidResponse):
        score_answer(multi, {0, 5})


def test_responses_round_trip_through_json_and_read_as_words():
    multi = markdown(QuestionType.MULTI, ("a", 0.5), ("b", 0.5), ("c", -1))
    stored = response_to_json(frozenset({2, 0}))
    assert stored == [0, 2] and response_from_json(multi, stored) == frozenset({0, 2})
    assert describe_response(multi, frozenset({2, 0})) == "a; c"
    assert describe_response(multi, frozenset()) == "(nothing chosen)"
    match = gift("Match. {=a -> x =b -> y}")
    assert response_from_json(match, response_to_json(("y", "x"))) == ("y", "x")
    assert describe_response(match, ("y", "x")) == "a → y; b → x"
