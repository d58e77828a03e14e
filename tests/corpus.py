"""Generated content folders for tests and benchmarks: many plausible pages, quickly."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

WORDS = (
    "massage client pressure tissue muscle skin blood vessel nerve clot swelling pain heat redness "
    "inflammation bone joint spine neck shoulder knee ankle wrist hip lymph node fever infection "
    "medication doctor clearance position prone supine side lying bolster pillow drape table stroke "
    "effleurage petrissage friction percussion kneading gliding warm session gentle deep light broad "
    "flat avoid adapt postpone refer caution local total risk red flag history intake consent"
).split()
CATEGORIES = ("conditions", "sites", "positions", "techniques", "aftercare")


# Words of the handbook's own subject, so that generated pages answer real queries too.
DOMAIN_WORDS = (
    "hemophilia bleeding anticoagulant thinners warfarin thrombosis vein veins varicose phlebitis "
    "wound fever influenza cold pneumonia sexually transmitted impetigo ringworm tinea scabies lice "
    "herpes shingles cellulitis eczema psoriasis burn sunburn cancer oncology pregnancy kidney "
    "pyelonephritis prostatitis gallbladder hypothermia surgery diabetes hypertension heart attack "
    "epilepsy seizure migraine fibromyalgia corticosteroid steroid relaxant intoxication alcohol "
    "disc herniation flare spasm radiculopathy vertebral scoliosis ankylosing spondylitis "
    "spondylolisthesis dysplasia osteomyelitis tuberculosis fracture bruise contusion rupture tendon "
    "osteoporosis rheumatoid arthritis osteoarthritis gout whiplash sprain strain plantar fasciitis "
    "carpal tunnel thoracic outlet sciatica myositis triangle anterior posterior axilla armpit "
    "elbow cubital ulnar funny femoral popliteal fossa sciatic notch abdomen xiphoid eye orbit ear "
    "temple tarsal saphenous stomach face cradle soreness back toxins lactic acid salt deposits "
    "cracking refer sore tender bleed bruising clots inflamed contagious rash itch blister lump "
    "numbness tingling dizziness nausea headache breathing chest calf thigh groin buttock"
).split()


def zipf_vocabulary(size: int = 20_000, seed: int = 7) -> list[str]:
    """A vocabulary in order of how common each word is.

    `WORDS` come first (on nearly every page, like "massage" and "client"); the subject's
    words are spread between ranks 500 and about 6,000 (each on a few percent of pages, like
    "hemophilia"); made-up words fill the rest.
    """
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"] + ["ar", "en", "is", "or", "um", "ex"]
    words = list(dict.fromkeys(WORDS))
    seen = set(words) | set(DOMAIN_WORDS)
    domain = [w for w in dict.fromkeys(DOMAIN_WORDS) if w not in WORDS]
    while len(words) < size:
        if domain and len(words) >= 500 and len(words) % 25 == 0:
            words.append(domain.pop(0))
            continue
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words[:size]


def questions_text(rng: random.Random, count: int, slug: str) -> str:
    """A '## Questions' section of `count` questions, cycling through the four Markdown types."""
    blocks = []
    for number in range(count):
        prompt = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" {number}?"
        kind = number % 4
        if kind == 0:
            right = rng.randrange(4)
            body = "\n".join(f"- [{'x' if n == right else ' '}] {rng.choice(WORDS)} {rng.choice(WORDS)} {n}" for n in range(4))
        elif kind == 1:
            body = "\n".join(f"- [{'x' if n < 2 else ' '}] {rng.choice(WORDS)} {n}" for n in range(4))
            prompt = prompt[:-1] + " (select all)"
        elif kind == 2:
            prompt = "True or false: " + prompt[:-1] + "."
            body = "- [ ] True\n- [x] False" if rng.random() < 0.5 else "- [x] True\n- [ ] False"
        else:
            body = f"Answer: {rng.choice(WORDS)} | {rng.choice(WORDS)} {rng.choice(WORDS)}"
        blocks.append(f"### {prompt}\n{body}\n\n> {' '.join(rng.choice(WORDS) for _ in range(15))}. See [[{slug}]].\n")
    return "\n## Questions\n\n" + "\n".join(blocks)


def page_text(
    rng: random.Random,
    index: int,
    slugs: list[str],
    words: int = 400,
    questions: int = 0,
    vocabulary: list[str] | None = None,
) -> str:
    """One page of about `words` words with front matter, headings, a few links and `questions` questions.

    Without `vocabulary` every word comes from the 90 `WORDS`, so every page holds nearly every
    word; with one, body words follow Zipf's law over it (the most common words are on every
    page, most words on few), as in real text.
    """
    if vocabulary is None:
        pick = rng.choice
        pool: list[str] = list(WORDS)
    else:
        weights = list(itertools.accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
        pool = vocabulary

        def pick(_pool, _weights=weights):
            return rng.choices(vocabulary, cum_weights=_weights)[0]

    name_pool = pool if vocabulary is None else vocabulary[50:5000]
    title = " ".join(rng.choice(name_pool) for _ in range(3)).capitalize() + f" {index}"
    aliases = ", ".join(f"{rng.choice(name_pool)} {rng.choice(name_pool)}" for _ in range(3))
    links = " ".join(f"[[{rng.choice(slugs)}]]" for _ in range(2)) if slugs else ""
    sections = []
    for heading in ("What it is", "Why it matters", "What to do"):
        body = " ".join(pick(pool) for _ in range(words // 3))
        if heading == "What to do":  # real pages give advice as bullet lists, the costlier Markdown
            items = body.split()
            body = "\n".join("- " + " ".join(items[i : i + 12]) for i in range(0, len(items), 12))
        sections.append(f"## {heading}\n\n{body}\n")
    risk = rng.choice(("total", "local", "caution"))
    return (
        f"---\ntitle: {title}\nsummary: {' '.join(pick(pool) for _ in range(12))}\n"
        f"risk: {risk}\ntags: [{rng.choice(name_pool)}, {rng.choice(name_pool)}]\naliases: [{aliases}]\n"
        f"sources: [Generated]\n---\n\n" + "\n".join(sections) + f"\nSee also {links}.\n"
        + (questions_text(rng, questions, slugs[index]) if questions else "")
    )


def generate_content(
    root: Path, count: int, seed: int = 1, words: int = 400, questions: int = 0, vocabulary: list[str] | None = None
) -> list[str]:
    """Write `count` pages under `root` in five category folders (`questions` each); return their slugs."""
    rng = random.Random(seed)
    slugs = [f"{CATEGORIES[i % len(CATEGORIES)]}/page-{i}" for i in range(count)]
    for index, slug in enumerate(slugs):
        path = root / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(rng, index, slugs, words, questions, vocabulary), encoding="utf-8")
    return slugs
