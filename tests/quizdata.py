"""A small content folder with questions of every type, shared by the quiz tests."""

from __future__ import annotations

GOUT = """---
title: Gout
category: Contraindications
summary: Inflammatory arthritis; avoid a flaring joint.
risk: local
---
Text.

## Questions

### Which joint is most often affected first?
- [x] The big toe
- [ ] The knee
- [ ] The wrist

> The big toe. See [[contraindications/gout]].

### Which of these are signs of a flare? (select all)
- [x] Redness
- [x] Heat
- [ ] Numbness

> Inflammation.

### True or false: you can massage a flaring joint firmly.
- [ ] True
- [x] False

> Avoid it.

### What crystals build up in gout?
Answer: uric acid | urate

> Uric acid.
"""

PRONE = """---
title: Prone
category: Positioning
---
Text.

## Questions

### Where does the face go in prone?
- [x] In the face cradle
- [ ] On the table
- [ ] Turned to one side all session

> The face cradle keeps the neck neutral.

### Which bolster goes under the ankles in prone?
Answer: ankle bolster | bolster

> It rests the knees.
"""

GIFT = """::Bones::How many bones does an adult have? {#206:2 ~#Count them again.}

::Sites::Match each site with what lies there. {
=Popliteal fossa -> popliteal artery
=Axilla -> brachial plexus
}
"""

FILES = {
    "contraindications/gout.md": GOUT,
    "positioning/prone.md": PRONE,
    "anatomy.gift": GIFT,
    "_categories.yml": "- Contraindications\n- Positioning\n",
}

# The right answer for each question, as `score_answer` takes it (by question id).
RIGHT = {
    "contraindications/gout#which-joint-is-most-often-affected-first": 0,
    "contraindications/gout#which-of-these-are-signs-of-a-flare-select-all": frozenset({0, 1}),
    "contraindications/gout#true-or-false-you-can-massage-a-flaring-joint-firmly": False,
    "contraindications/gout#what-crystals-build-up-in-gout": "Uric acid.",
    "contraindications/gout#~risk": 1,
    "positioning/prone#where-does-the-face-go-in-prone": 0,
    "positioning/prone#which-bolster-goes-under-the-ankles-in-prone": "ankle bolster",
    "anatomy.gift#bones": "206",
    "anatomy.gift#sites": ("popliteal artery", "brachial plexus"),
}

WRONG = {
    "contraindications/gout#which-joint-is-most-often-affected-first": 1,
    "contraindications/gout#which-of-these-are-signs-of-a-flare-select-all": frozenset({0}),
    "contraindications/gout#true-or-false-you-can-massage-a-flaring-joint-firmly": True,
    "contraindications/gout#what-crystals-build-up-in-gout": "calcium",
    "contraindications/gout#~risk": 0,
    "positioning/prone#where-does-the-face-go-in-prone": 1,
    "positioning/prone#which-bolster-goes-under-the-ankles-in-prone": "pillow",
    "anatomy.gift#bones": "150",
    "anatomy.gift#sites": ("brachial plexus", "popliteal artery"),
}
