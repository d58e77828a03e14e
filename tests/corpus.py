"""Generated content folders for tests and benchmarks: many plausible pages, quickly."""

from __future__ import annotations

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


def page_text(rng: random.Random, index: int, slugs: list[str], words: int = 400, questions: int = 0) -> str:
    """One page of about `words` words with front matter, headings, a few links and `questions` questions."""
    title = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize() + f" {index}"
    aliases = ", ".join(f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(3))
    links = " ".join(f"[[{rng.choice(slugs)}]]" for _ in range(2)) if slugs else ""
    sections = []
    for heading in ("What it is", "Why it matters", "What to do"):
        body = " ".join(rng.choice(WORDS) for _ in range(words // 3))
        if heading == "What to do":  # real pages give advice as bullet lists, the costlier Markdown
            items = body.split()
            body = "\n".join("- " + " ".join(items[i : i + 12]) for i in range(0, len(items), 12))
        sections.append(f"## {heading}\n\n{body}\n")
    risk = rng.choice(("total", "local", "caution"))
    return (
        f"---\ntitle: {title}\nsummary: {' '.join(rng.choice(WORDS) for _ in range(12))}\n"
        f"risk: {risk}\ntags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\naliases: [{aliases}]\n"
        f"sources: [Generated]\n---\n\n" + "\n".join(sections) + f"\nSee also {links}.\n"
        + (questions_text(rng, questions, slugs[index]) if questions else "")
    )


def generate_content(root: Path, count: int, seed: int = 1, words: int = 400, questions: int = 0) -> list[str]:
    """Write `count` pages under `root` in five category folders (`questions` each); return their slugs."""
    rng = random.Random(seed)
    slugs = [f"{CATEGORIES[i % len(CATEGORIES)]}/page-{i}" for i in range(count)]
    for index, slug in enumerate(slugs):
        path = root / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(rng, index, slugs, words, questions), encoding="utf-8")
    return slugs
