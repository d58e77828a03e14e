"""The question bank of a content folder, `handbook questions --json`, and problems in `handbook check`."""

from __future__ import annotations

import json

from handbook.library import load_library
from handbook.quiz.bank import load_question_bank

PAGE = """---
title: Gout
category: Contraindications
summary: Inflammatory arthritis; avoid a flaring joint.
risk: local
---
## What it is

Text.

## Questions

### Which joint is most often affected first?
- [x] The big toe
- [ ] The knee
- [ ] The wrist

> The first attack is usually in the big toe. See [[contraindications/gout]].

### Which of these are signs of a flare? (select all)
- [x] Redness
- [x] Heat
- [ ] Numbness

> Inflammation. See [[contraindications/gout]].

### True or false: you can massage a flaring joint firmly.
- [ ] True
- [x] False

> Avoid it. See [[contraindications/gout]].

### What crystals build up in gout?
Answer: uric acid | urate | urate crystals

> Uric acid. See [[contraindications/gout]].
"""

GIFT = """$CATEGORY: Contraindications

::Bones::How many bones does an adult have? {#206:2####206.}

::Sites::Match each site with what lies there. {
=Popliteal fossa -> popliteal artery
=Axilla -> brachial plexus
}

::Broken::Oops { ~a
"""

FILES = {
    "contraindications/gout.md": PAGE,
    "contraindications/gout.gift": GIFT,
    "positioning/prone.md": "---\ntitle: Prone\n---\nText.\n",
    "_drafts/x.gift": "::Hidden::never read {T}\n",
}

KEY_TYPES = {
    "id": str,
    "name": (str, type(None)),
    "type": str,
    "prompt": str,
    "choices": list,
    "answer": (bool, type(None)),
    "answers": list,
    "value": (float, type(None)),
    "tolerance": (float, type(None)),
    "pairs": list,
    "explanation": str,
    "topic": (str, type(None)),
    "category": str,
    "source": str,
    "origin": str,
}


def test_bank_orders_questions_by_page_then_gift_with_generated_and_problems(tree):
    library = load_library(tree(FILES))
    bank = load_question_bank(library)
    assert [(q.type.value, q.origin.value) for q in bank] == [
        ("single", "markdown"),
        ("multi", "markdown"),
        ("truefalse", "markdown"),
        ("short", "markdown"),
        ("single", "generated"),
        ("numerical", "gift"),
        ("matching", "gift"),
    ]
    generated = bank.get("contraindications/gout#~risk")
    assert generated.prompt == "What is the massage risk for a client with Gout?"
    assert [(c.text, c.correct) for c in generated.choices] == [
        ("Total contraindication", False),
        ("Local contraindication", True),
        ("Caution: adapt", False),
    ]
    assert generated.explanation.startswith(
        "Inflammatory arthritis; avoid a flaring joint.\n\nLocal contraindication: work elsewhere"
    )
    assert generated.topic == "contraindications/gout" and generated.category == "Contraindications"
    # a GIFT file named like a page belongs to that page
    assert {q.topic for q in bank if q.origin.value == "gift"} == {"contraindications/gout"}
    assert [str(p) for p in bank.problems] == [
        "contraindications/gout.gift:10: error: '{' without its partner; write \\{ for a literal brace; question skipped"
    ]
    assert len(load_question_bank(library, generated=False)) == 6


def test_a_generated_question_mentions_clearance_and_needs_no_summary(tree):
    library = load_library(
        tree({"c/dvt.md": "---\ntitle: Deep vein thrombosis\nrisk: total\nclearance: true\n---\nText.\n"})
    )
    (question,) = load_question_bank(library).questions
    assert question.explanation == (
        "Total contraindication: postpone the session, or massage only with clearance from the client's health care"
        " provider. Clearance: the client's health care provider should confirm massage is appropriate first."
    )
    assert question.source == "c/dvt.md:1" and [c.correct for c in question.choices] == [True, False, False]


def test_questions_json_has_exactly_the_documented_keys_and_types_for_every_type(tree, run_cli):
    root = tree(FILES)
    result = run_cli("questions", "--json", "--content", str(root))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"questions", "problems"}
    assert document["problems"] == [
        {
            "source": "contraindications/gout.gift:10",
            "level": "error",
            "message": "'{' without its partner; write \\{ for a literal brace; question skipped",
        }
    ]
    by_type = {}
    for question in document["questions"]:
        by_type.setdefault(question["type"], question)
    assert set(by_type) == {"single", "multi", "truefalse", "short", "numerical", "matching"}
    for question in document["questions"]:
        assert list(question) == list(KEY_TYPES)
        for key, kind in KEY_TYPES.items():
            assert isinstance(question[key], kind), (question["type"], key, question[key])
        for choice in question["choices"]:
            assert list(choice) == ["text", "correct", "weight", "feedback"]
            assert isinstance(choice["text"], str) and isinstance(choice["correct"], bool)
            assert isinstance(choice["weight"], float) and isinstance(choice["feedback"], str)
        for pair in question["pairs"]:
            assert isinstance(pair, list) and len(pair) == 2 and all(isinstance(side, str) for side in pair)
        assert question["origin"] in ("markdown", "gift", "generated")
    assert by_type["truefalse"]["answer"] is False
    assert by_type["short"]["answers"] == ["uric acid", "urate", "urate crystals"]
    assert (by_type["numerical"]["value"], by_type["numerical"]["tolerance"]) == (206.0, 2.0)
    assert by_type["numerical"]["explanation"] == "206." and by_type["numerical"]["name"] == "Bones"
    assert by_type["matching"]["pairs"] == [["Popliteal fossa", "popliteal artery"], ["Axilla", "brachial plexus"]]
    assert by_type["single"]["source"] == "contraindications/gout.md:13"
    assert by_type["multi"]["choices"][2] == {"text": "Numbness", "correct": False, "weight": -0.5, "feedback": ""}
    for kind in ("single", "multi", "short"):
        assert by_type[kind]["answer"] is None and by_type[kind]["value"] is None and by_type[kind]["pairs"] == []
    assert by_type["single"]["name"] is None and by_type["single"]["topic"] == "contraindications/gout"


def test_questions_text_listing_filters_and_errors(tree, run_cli):
    root = tree(FILES)
    listing = run_cli("questions", "--content", str(root))
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert lines[0] == "Contraindications" and lines.count("Contraindications") == 1  # GIFT questions join it
    assert lines[-1] == "7 questions (2 single, 1 multi, 1 truefalse, 1 short, 1 numerical, 1 matching)"
    assert listing.stderr == "1 problem with questions; 'handbook check' lists them\n"
    only = run_cli("questions", "--no-generated", "--type", "single", "--page", "gout", "--content", str(root))
    assert only.stdout.splitlines()[-1] == "1 question (1 single)"
    unknown = run_cli("questions", "--category", "vascular", "--content", str(root))
    assert unknown.returncode == 1
    assert (
        unknown.stderr.strip()
        == "handbook: error: no questions in a category 'vascular'; categories: Contraindications"
    )


def test_an_unreadable_or_odd_gift_file_never_stops_the_rest(tree):
    files = dict(FILES)
    files["banks/latin1.gift"] = b"::Cafe::Caf\xe9 or tea? {T}\n"
    files["banks/binary.gift"] = b"\x00\x01\x02{=a}"
    files["banks/controls.gift"] = "::Esc::Is \x1b[31m red? {=[html]<b>&\\#27;[0m</b>yes ~no}\n"  # GIFT escapes the #
    bank = load_question_bank(load_library(tree(files)))
    assert len(bank) == 9
    assert bank.get("banks/latin1.gift#cafe").prompt == "Caf\ufffd or tea?"
    assert bank.get("banks/controls.gift#esc").prompt == "Is [31m red?"
    assert bank.get("banks/controls.gift#esc").choices[0].text == "[0myes"  # an entity cannot smuggle ESC in
    assert [(p.path, p.level.value) for p in bank.problems if p.path.startswith("banks/")] == [
        ("banks/binary.gift", "error"),
        ("banks/controls.gift", "warning"),
        ("banks/latin1.gift", "error"),
    ]
    assert bank.get("banks/latin1.gift#cafe").category == "Banks"  # the top folder, made readable


def test_check_reports_question_problems_with_file_and_line(tree, run_cli):
    files = dict(FILES)
    files["positioning/prone.md"] = "---\ntitle: Prone\n---\nText.\n\n## Questions\n\n### Which?\n- [ ] a\n- [ ] b\n"
    result = run_cli("check", "--content", str(tree(files)))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "contraindications/gout.gift:10: error: '{' without its partner; write \\{ for a literal brace; question skipped",
        "positioning/prone.md:8: error: no correct choice: mark the right one with '[x]'",
        "2 pages, 2 errors, 0 warnings",
    ]


def test_questions_per_page_counts_what_practising_the_page_takes(tree):
    from handbook.quiz.scope import Scope, questions_in_scope, questions_per_page

    files = dict(FILES, **{"extra/bank.gift": "::Loose::A question of no page. {T}\n"})
    bank = load_question_bank(load_library(tree(files)))
    counts = questions_per_page(bank)
    # gout: four Markdown questions, the generated risk question and two from gout.gift
    assert counts["contraindications/gout"] == 7
    assert counts["positioning/prone"] == 0 and counts["extra/bank"] == 1
    for slug in ("contraindications/gout", "extra/bank"):
        assert counts[slug] == len(questions_in_scope(bank, Scope(pages=(slug,))))


def test_an_explanations_unlabelled_links_read_as_page_titles(tree):
    files = dict(FILES, **{
        "positioning/prone.md": "---\ntitle: Prone\n---\nText.\n\n## Questions\n\n### Face down?\n- [x] Yes\n- [ ] No\n\n"
        "> See [[contraindications/gout]], [[contraindications/gout|the gout page]], [[nowhere/else]] and side-lying.\n",
    })
    bank = load_question_bank(load_library(tree(files)))
    assert bank.get("contraindications/gout#which-joint-is-most-often-affected-first").explanation.endswith("See Gout.")
    # a label stays, a broken link keeps its slug (and is reported), ordinary hyphenated words are left alone
    assert bank.get("positioning/prone#face-down").explanation == (
        "See Gout, the gout page, nowhere/else and side-lying."
    )
