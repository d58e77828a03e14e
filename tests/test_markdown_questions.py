"""Questions written in a page's `## Questions` section: types, explanations, faults and their lines."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.library import load_library
from handbook.quiz.markdown_questions import parse_page_questions
from handbook.quiz.question import Origin, QuestionType
from tests.conftest import write_tree

PAGE = """---
title: Pregnancy
category: Contraindications
risk: caution
---
## What it is

Body text.

## Questions

A short introduction is not a question.

### Which position suits a client in the third trimester?
- [ ] Prone with a face cradle
- [x] Side-lying, usually on the left, with a pillow
  between the knees
- [ ] Flat on the back

> Lying flat late in pregnancy can press on the inferior vena cava.
> See [[positioning/pregnancy|pregnancy positioning]].

### Which of these are endangerment sites? (select all)
* [x] Popliteal fossa
* [X] Femoral triangle
* [ ] Gluteus **maximus** belly

### True or false: next-day soreness after a deep massage is caused by lactic acid.
- [ ] True
- [x] False

> Blood lactate is back to resting levels within about an hour.

### Which stroke usually comes first, to warm the tissue?
Answer: effleurage | gliding strokes |  `glide`

> Broad gliding strokes warm the tissue.

### A client at 36 weeks asks for a deep abdominal massage. What do you do?

She has no complications and her midwife is happy.

1. [ ] Work deeply, it is safe
2. [x] Decline deep abdominal work and offer gentle strokes
"""


def load(tree, files):
    library = load_library(tree(files))
    return library


def parse(tree, text, slug="contraindications/pregnancy"):
    library = load(tree, {f"{slug}.md": text, "positioning/pregnancy.md": "# Positioning in pregnancy\n"})
    return parse_page_questions(library.pages[slug])


def test_every_markdown_type_with_explanations_and_lines(tree):
    questions, problems = parse(tree, PAGE)
    assert [(q.type, q.line) for q in questions] == [
        (QuestionType.SINGLE, 14),
        (QuestionType.MULTI, 23),
        (QuestionType.TRUEFALSE, 28),
        (QuestionType.SHORT, 34),
        (QuestionType.SINGLE, 39),
    ]
    single, multi, truefalse, short, case = questions
    assert single.prompt == "Which position suits a client in the third trimester?"
    assert [c.text for c in single.choices] == [
        "Prone with a face cradle",
        "Side-lying, usually on the left, with a pillow between the knees",
        "Flat on the back",
    ]
    assert [c.weight for c in single.choices] == [0.0, 1.0, 0.0]
    assert single.explanation == (
        "Lying flat late in pregnancy can press on the inferior vena cava. See pregnancy positioning."
    )
    assert (single.topic, single.category, single.origin, single.source) == (
        "contraindications/pregnancy",
        "Contraindications",
        Origin.MARKDOWN,
        "contraindications/pregnancy.md:14",
    )
    assert single.id == "contraindications/pregnancy#which-position-suits-a-client-in-the-third-trimester"
    # select all: each right pick earns 1/k, each wrong pick costs 1/k
    assert [(c.text, c.weight) for c in multi.choices] == [
        ("Popliteal fossa", 0.5),
        ("Femoral triangle", 0.5),
        ("Gluteus maximus belly", -0.5),
    ]
    assert multi.explanation == ""
    assert truefalse.answer is False and [c.correct for c in truefalse.choices] == [False, True]
    assert short.answers == ("effleurage", "gliding strokes", "glide")
    assert case.prompt == (
        "A client at 36 weeks asks for a deep abdominal massage. What do you do?\n\n"
        "She has no complications and her midwife is happy."
    )
    # Only the missing explanations are reported, as warnings on the heading lines.
    assert [(p.line, p.level.value, p.message) for p in problems] == [
        (23, "warning", "question has no explanation: add a '>' blockquote after its choices or answer"),
        (39, "warning", "question has no explanation: add a '>' blockquote after its choices or answer"),
    ]


def test_faulty_questions_are_reported_with_their_line_and_left_out(tree):
    text = """# Page

## Questions

### No correct choice?
- [ ] a
- [ ] b

> x

### Nothing at all?

> x

### Plain bullet?
- [x] a
- b

> x

###

### Both?
- [x] a
- [ ] b

Answer: a

### Lazy answer?
- [x] a
- [ ] b
Answer: a

### One choice only?
- [x] a

### True or false: both true?
- [x] True
- [x] False

### Two answers?
Answer: a

Answer: b

### Empty answer?
Answer:  |

### Good one?
- [x] yes
- [ ] no

> Fine.
"""
    questions, problems = parse(tree, text, slug="page")
    assert [q.prompt for q in questions] == ["Good one?"]
    assert [(p.line, p.level.value, p.message) for p in problems] == [
        (5, "error", "no correct choice: mark the right one with '[x]'"),
        (11, "error", "question has no choices ('- [x] ...') and no 'Answer:' line; it is left out"),
        (17, "error", "choice without '[ ]' or '[x]': write '- [ ] wrong' or '- [x] right'"),
        (21, "error", "question without a prompt: the '###' heading is empty"),
        (23, "error", "question has both choices and an 'Answer:' line; use one of them"),
        (
            32,
            "error",
            "an 'Answer:' line right under a choice belongs to that choice; a question has choices or an answer",
        ),
        (34, "error", "question needs at least two choices"),
        (37, "error", "a true/false question needs exactly one '[x]'"),
        (44, "error", "a second 'Answer:' line; put every alternative on one line, split by '|'"),
        (47, "error", "'Answer:' gives no answer"),
    ]


def test_code_fences_are_not_questions_and_warnings_for_stray_text(tree):
    text = """# Page

## Questions

### Which is right?
```
### not a question
- [x] not a choice
```
- [x] right
- [ ] wrong
- [ ] right

> Because.

This paragraph is not part of anything.

#### A deeper heading
"""
    questions, problems = parse(tree, text, slug="page")
    assert len(questions) == 1 and [c.text for c in questions[0].choices] == ["right", "wrong", "right"]
    assert [(p.line, p.message) for p in problems] == [
        (12, "the same choice as line 10"),
        (16, "text after the choices is not part of the question; write the explanation as a '>' blockquote"),
        (18, "only '###' headings start a question; this heading is ignored"),
    ]


def test_duplicate_prompts_get_numbered_ids_and_a_warning(tree):
    block = "### Is it safe?\n- [x] yes\n- [ ] no\n\n> x\n\n"
    questions, problems = parse(
        tree, "# P\n\n## Questions\n\n" + block + block + "### Is it SAFE ?!\n- [x] yes\n- [ ] no\n\n> x\n", slug="p"
    )
    assert [q.id for q in questions] == ["p#is-it-safe", "p#is-it-safe~2", "p#is-it-safe~3"]
    assert [p.message for p in problems] == [
        "the same prompt as the question at line 5; give each question its own prompt",
        "the same prompt as the question at line 5; give each question its own prompt",
    ]


def test_ids_survive_edits_and_moves_of_other_questions(tree):
    first = "### Which stroke comes first?\nAnswer: effleurage\n\n> x\n\n"
    second = "### Where is the popliteal fossa?\n- [x] Behind the knee\n- [ ] In the armpit\n\n> x\n\n"
    edited = "### Where, exactly, is the POPLITEAL fossa?\n- [ ] In the armpit\n- [x] Behind the knee\n- [ ] Elbow\n\n> y\n\n"
    before, _ = parse(tree, "# P\n\n## Questions\n\n" + first + second, slug="p")
    after, _ = parse(
        tree,
        "# P\n\nNew intro.\n\n## Questions\n\n" + edited + "### A new one?\nAnswer: x\n\n> z\n\n" + first,
        slug="p",
    )
    assert before[0].id == after[2].id == "p#which-stroke-comes-first"
    # punctuation, case and spacing do not count; reordered choices keep the id
    assert before[1].id == "p#where-is-the-popliteal-fossa"
    assert after[0].id == "p#where-exactly-is-the-popliteal-fossa"  # a new word is a new question


def test_a_long_prompt_keeps_its_id_when_its_punctuation_or_case_is_fixed(tree):
    # Over 80 characters the key is cut and ends with a hash; the hash must be blind to what the key is.
    long = "Which findings with a hot, swollen joint mean the client should see a doctor the same day? (select all)"
    fixed = "which findings with a hot swollen joint mean the client should  see a doctor the same day (select all)!"
    block = "### {}\n- [x] Fever\n- [ ] Stiffness\n\n> x\n\n"
    before, _ = parse(tree, "# P\n\n## Questions\n\n" + block.format(long), slug="p")
    after, _ = parse(tree, "# P\n\n## Questions\n\n" + block.format("A new one?") + block.format(fixed), slug="p")
    assert len(before[0].id) < 100 and before[0].id.startswith("p#which-findings-with-a-hot-swollen-joint")
    assert after[1].id == before[0].id
    reworded, _ = parse(tree, "# P\n\n## Questions\n\n" + block.format(long.replace("same day", "next day")), slug="p")
    assert reworded[0].id != before[0].id  # a changed word past the cut is still a new question


def test_true_false_is_recognised_in_any_case_and_order(tree):
    questions, problems = parse(
        tree, "# P\n\n## Questions\n\n### True or false: x?\n- [x] true.\n- [ ] FALSE\n\n> x\n", slug="p"
    )
    assert questions[0].type is QuestionType.TRUEFALSE and questions[0].answer is True
    assert problems == []


def test_an_empty_questions_section_is_fine(tree):
    # `handbook new` templates end with an empty '## Questions'; a fresh page must check clean.
    assert parse(tree, "# P\n\n## Questions\n\nNothing yet.\n", slug="p") == ([], [])


QUESTIONISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "### ",
                "#### ",
                "- [x] ",
                "- [ ] ",
                "- ",
                "1. [x] ",
                "Answer: ",
                " | ",
                "> ",
                "\n",
                "\n\n",
                "```\n",
                "True",
                "False",
                "[[",
                "]]",
                "`",
                "  ",
                "\\|",
                "* [X] ",
                "---\n",
                "## Other\n",
            ]
        ),
        st.text(max_size=10),
    ),
    max_size=50,
).map("".join)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(QUESTIONISH)
def test_any_questions_section_parses_without_crashing(tree, text):
    body = "# P\n\n## Questions\n\n" + text.replace("\x00", "")
    library = load_library(write_tree(tree({}), {"p.md": body}))
    questions, problems = parse_page_questions(library.pages["p"])
    line_count = body.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1  # as the loader reads it
    assert all(1 <= p.line <= line_count for p in problems)
    for question in questions:
        assert question.prompt and 1 <= question.line <= line_count
        assert question.type is not QuestionType.SHORT or question.answers
        assert question.type is QuestionType.SHORT or any(choice.correct for choice in question.choices)
