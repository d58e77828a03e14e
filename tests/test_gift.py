"""Moodle GIFT banks read with Moodle's semantics: every feature, every fault, exact lines."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.quiz.gift import GiftContext, parse_gift
from handbook.quiz.question import Origin, QuestionType

CONTEXT = GiftContext(
    rel="banks/pathology.gift",
    topic=None,
    default_category="Banks",
    categories={"contraindications": "Contraindications"},
)

BANK = r"""// An instructor's bank, exported from Moodle and edited by hand.
// question: 1  name: DVT

::DVT risk::A client has a suspected deep vein thrombosis. Which risk category applies? {
    =Total contraindication#Right: no massage until a doctor has ruled it out.
    ~Local contraindication#No: a clot can travel.
    ~Caution: adapt
####A suspected DVT means no massage until it is ruled out.
}

$CATEGORY: $course$/top/Contraindications

::Soreness::Next-day soreness is caused by lactic acid.{FALSE#Lactate clears within about an hour.#Right, it is not lactic acid.}

::Sun::Effleurage is a gliding stroke.{T}

::Long true::Friction works across the fibres.{TRUE}

::Short false::Tapotement is a gliding stroke.{F}

::Endangerment sites::Which are endangerment sites? {
    ~%50%Popliteal fossa#Yes: vessels and nerves.
    ~%50%Femoral triangle
    ~%-100%Gluteus maximus belly#No: a thick muscle.
}

::Partial::Which position suits the third trimester? {
    =Side-lying on the left
    ~%50%Side-lying on the right#Acceptable, the left is better.
    ~Flat on the back
}

::Stroke::Which stroke usually comes first? {=effleurage =%50%gliding* #Close enough. =%0%*#No.}

::Warm-up::The warm-up starts with {=effleurage} strokes.

::Minutes::How many minutes should a first seated session last? {#15:5}

::Range::Name a session length in minutes between 30 and 60. {#30..60}

::Weighted number::How many bones are in the adult human body? {#
    =206:0#Exactly.
    =%50%206:10#Close.
    ~#Look it up in your anatomy text.
####The adult skeleton has 206 bones.
}

::Match::Match each site with what lies there. {
    =Popliteal fossa -> popliteal artery
    =Femoral triangle -> femoral nerve
    =Axilla -> brachial plexus
    = -> the sciatic nerve
}

::Escapes\: all of them::Which sign means "equals" in 2 \= 1 + 1, and what is \{ \}? {
    =the \= sign\: "equals"#Right \# one
    ~a tilde \~#No
    ~a backslash \\#No\nreally
}

::HTML::[html]<p>Which organ lies <b>under</b> the &lt;floating ribs&gt;?</p>{
    =[html]the <i>kidneys</i>#[html]<b>Yes</b>
    ~the liver
}

::Markdown::[markdown]Which **plane** divides left from right?{=sagittal ~frontal}

::Plain::[plain]Is <b> shown as written?{=yes ~no}

::Essay::Describe your intake routine. {}

A description only: this text introduces the next questions.

::Lower::Ice is always applied after massage.{true}

::Weight after equals::Pick one. {=%50%half ~wrong}

::Braces::This has an { opening brace only

::Bad number::How many? {#many}

::Empty::{=x}
"""


def questions_by_name():
    questions, problems = parse_gift(BANK, CONTEXT)
    return {q.name: q for q in questions}, problems


def test_multiple_choice_with_feedback_general_feedback_and_name():
    questions, _ = questions_by_name()
    dvt = questions["DVT risk"]
    assert dvt.type is QuestionType.SINGLE and dvt.origin is Origin.GIFT
    assert dvt.prompt == "A client has a suspected deep vein thrombosis. Which risk category applies?"
    assert [(c.text, c.weight, c.feedback) for c in dvt.choices] == [
        ("Total contraindication", 1.0, "Right: no massage until a doctor has ruled it out."),
        ("Local contraindication", 0.0, "No: a clot can travel."),
        ("Caution: adapt", 0.0, ""),
    ]
    assert dvt.explanation == "A suspected DVT means no massage until it is ruled out."
    assert (dvt.id, dvt.source, dvt.category, dvt.topic) == (
        "banks/pathology.gift#dvt-risk",
        "banks/pathology.gift:4",
        "Banks",
        None,
    )


def test_category_applies_to_the_questions_after_it_in_the_handbook_spelling():
    questions, _ = questions_by_name()
    assert questions["DVT risk"].category == "Banks"
    assert questions["Soreness"].category == "Contraindications"


def test_true_false_in_all_four_spellings_with_wrong_then_right_feedback():
    questions, _ = questions_by_name()
    soreness = questions["Soreness"]
    assert soreness.type is QuestionType.TRUEFALSE and soreness.answer is False
    # Moodle: the first feedback shows after a wrong answer, the second after a right one
    assert [(c.text, c.weight, c.feedback) for c in soreness.choices] == [
        ("True", 0.0, "Lactate clears within about an hour."),
        ("False", 1.0, "Right, it is not lactic acid."),
    ]
    assert [questions[n].answer for n in ("Sun", "Long true", "Short false")] == [True, True, False]


def test_weights_partial_and_negative_make_select_all_or_weighted_single():
    questions, _ = questions_by_name()
    sites = questions["Endangerment sites"]
    assert sites.type is QuestionType.MULTI  # no '=': several answers may be chosen
    assert [(c.weight, c.feedback) for c in sites.choices] == [
        (0.5, "Yes: vessels and nerves."),
        (0.5, ""),
        (-1.0, "No: a thick muscle."),
    ]
    partial = questions["Partial"]
    assert partial.type is QuestionType.SINGLE and [c.weight for c in partial.choices] == [1.0, 0.5, 0.0]


def test_short_answers_with_weights_wildcards_and_missing_word():
    questions, _ = questions_by_name()
    stroke = questions["Stroke"]
    assert stroke.type is QuestionType.SHORT
    assert [(c.text, c.weight, c.feedback) for c in stroke.choices] == [
        ("effleurage", 1.0, ""),
        ("gliding*", 0.5, "Close enough."),
        ("*", 0.0, "No."),
    ]
    assert stroke.answers == ("effleurage", "gliding*")
    warm = questions["Warm-up"]
    assert warm.type is QuestionType.SHORT and warm.prompt == "The warm-up starts with _____ strokes."


def test_numerical_tolerance_range_weights_and_wrong_answer_feedback():
    questions, _ = questions_by_name()
    minutes = questions["Minutes"]
    assert (minutes.type, minutes.best_range.value, minutes.best_range.tolerance) == (QuestionType.NUMERICAL, 15.0, 5.0)
    span = questions["Range"].best_range
    assert (span.value, span.tolerance, span.text) == (45.0, 15.0, "30..60")
    bones = questions["Weighted number"]
    assert [(r.text, r.value, r.tolerance, r.weight, r.feedback) for r in bones.ranges] == [
        ("206:0", 206.0, 0.0, 1.0, "Exactly."),
        ("206:10", 206.0, 10.0, 0.5, "Close."),
        ("*", 0.0, 0.0, 0.0, "Look it up in your anatomy text."),
    ]
    assert bones.explanation == "The adult skeleton has 206 bones."


def test_matching_pairs_and_a_distractor():
    questions, _ = questions_by_name()
    match = questions["Match"]
    assert match.type is QuestionType.MATCHING
    assert match.pairs == (
        ("Popliteal fossa", "popliteal artery"),
        ("Femoral triangle", "femoral nerve"),
        ("Axilla", "brachial plexus"),
        ("", "the sciatic nerve"),
    )
    assert len(match.real_pairs) == 3 and "the sciatic nerve" in match.match_options


def test_every_escape_is_a_literal_character():
    questions, _ = questions_by_name()
    escaped = questions["Escapes: all of them"]
    assert escaped.prompt == 'Which sign means "equals" in 2 = 1 + 1, and what is { }?'
    assert [(c.text, c.feedback) for c in escaped.choices] == [
        ('the = sign: "equals"', "Right # one"),
        ("a tilde ~", "No"),
        ("a backslash \\", "No\nreally"),
    ]
    assert escaped.id == "banks/pathology.gift#escapes-all-of-them"


def test_text_formats_become_plain_text():
    questions, _ = questions_by_name()
    html = questions["HTML"]
    assert html.prompt == "Which organ lies under the <floating ribs>?"
    assert [(c.text, c.feedback) for c in html.choices] == [("the kidneys", "Yes"), ("the liver", "")]
    assert questions["Markdown"].prompt == "Which plane divides left from right?"
    assert questions["Plain"].prompt == "Is <b> shown as written?"


def test_essays_descriptions_and_faults_are_reported_with_their_lines():
    questions, problems = questions_by_name()
    assert "Essay" not in questions and "Braces" not in questions and "Bad number" not in questions
    assert questions["Lower"].type is QuestionType.SHORT  # Moodle: lower case is a short answer
    assert [c.text for c in questions["Weight after equals"].choices] == ["%50%half", "wrong"]
    assert [(p.line, p.level.value, p.message) for p in problems] == [
        (70, "warning", "an essay question (empty '{}') cannot be marked; skipped"),
        (72, "warning", "a description (text without '{...}' answers) cannot be marked; skipped"),
        (
            74,
            "warning",
            "'{true}' is read as a short answer, as Moodle does; a true/false question needs capitals: {TRUE} or {T}",
        ),
        (
            76,
            "warning",
            "Moodle reads '=' as 100% and keeps the weight after it as answer text; write '~%50%answer' for part marks",
        ),
        (78, "error", "'{' without its partner; write \\{ for a literal brace; question skipped"),
        (80, "error", "'many' is not a number; question skipped"),
        (82, "error", "question has no text; question skipped"),
    ]


def test_answer_problems_point_at_the_answer_line():
    text = "::A::Which one? {\n  =right\n  ~%150%too much\n}\n\n::B::Pairs? {\n =a -> b\n =c d\n}\n"
    questions, problems = parse_gift(text, CONTEXT)
    assert questions == []
    assert [(p.line, p.message) for p in problems] == [
        (3, "weight '%150%' is outside -100%..100%; question skipped"),
        (8, "a matching answer needs 'left -> right'; question skipped"),
    ]


def test_ids_come_from_names_and_survive_reordering():
    first = "::One::Q one? {=a ~b}\n\n::Two::Q two? {=a ~b}\n"
    second = "// new comment\n\n::Two::Q two, edited? {=a ~b ~c}\n\n::New::Q new? {T}\n\n::One::Q one? {=a ~b}\n"
    before = {q.name: q.id for q in parse_gift(first, CONTEXT)[0]}
    after = {q.name: q.id for q in parse_gift(second, CONTEXT)[0]}
    assert before["One"] == after["One"] and before["Two"] == after["Two"]
    unnamed = parse_gift("Which stroke comes first? {=effleurage}\n", CONTEXT)[0][0]
    assert unnamed.name is None and unnamed.id == "banks/pathology.gift#which-stroke-comes-first"


def test_questions_without_a_blank_line_between_them_read_as_one_and_the_warning_says_why():
    text = "::One::First? {T}\n::Two::Second? {F}\n\n::Three::Third? {=a ~b} and {braces}\n"
    questions, problems = parse_gift(text, CONTEXT)
    # As in Moodle: the first '{...}' holds the answers and the rest, second question too, is text.
    assert [(q.name, q.prompt) for q in questions] == [
        ("One", "First?\n::Two::Second? {F}"),
        ("Three", "Third? and {braces}"),  # it ends with a "}", so Moodle puts no blank in
    ]
    assert [(p.line, p.message) for p in problems] == [
        (
            2,
            "this line looks like the start of another question, but without a blank line before it it is part"
            " of the question at line 1, as in Moodle: only the first '{...}' holds answers;"
            " leave a blank line between questions",
        ),
        (4, "only the first '{...}' holds answers; a second one is shown as text"),
    ]


def test_category_block_swallowing_a_question_is_an_error_as_in_moodle():
    questions, problems = parse_gift("$CATEGORY: Vascular\n::Q::x? {T}\n\n::R::y? {F}\n", CONTEXT)
    assert [(q.name, q.category) for q in questions] == [("R", "Vascular")]
    assert [p.line for p in problems] == [2]


GIFTISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "{",
                "}",
                "~",
                "=",
                "#",
                "####",
                "::",
                "->",
                "%50%",
                "%-",
                "\\",
                "\\n",
                "..",
                ":",
                "\n",
                "\n\n",
                "$CATEGORY:",
                "//",
                "[html]",
                "[markdown]",
                "<b>",
                "<!",
                "<![CDATA[",
                "&#27;",
                "T",
                "FALSE",
                "#1..",
                "\ufdd0",
            ]
        ),
        st.text(max_size=8),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GIFTISH)
def test_any_text_parses_without_crashing(text):
    line_count = text.count("\n") + 1
    questions, problems = parse_gift(text, CONTEXT)
    for problem in problems:
        assert 1 <= problem.line <= line_count
    for question in questions:
        assert 1 <= question.line <= line_count and question.prompt
        for part in (question.prompt, question.explanation, *(c.text for c in question.choices)):
            assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in part)
            assert not any(0xFDD0 <= ord(ch) <= 0xFDEF for ch in part)
