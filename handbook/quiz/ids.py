"""Stable question ids: a question keeps its id (and so its history) when others change or move.

The rule (documented in README.md and writing-content.md):
- Markdown question: `<page slug>#<key of the prompt>`.
- GIFT question: `<file path>#<key of the ::name::>`, or of the question text when it has no name.
- Generated question: `<page slug>#~risk`.
The key is the text in lower case, apostrophes dropped and every other run of punctuation or
space made one hyphen, so fixing case, spacing or punctuation keeps the id; changing a word gives
a new one. A key longer than 80 characters is cut at a hyphen and ends with a short hash of the
whole text. When two questions of one file have the same key, the second gets `~2`, the third `~3`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

MAX_KEY = 80
GENERATED_RISK_KEY = "~risk"
_APOSTROPHES = re.compile(r"['\u2019`]")
_SEPARATORS = re.compile(r"[\W_]+")


def question_key(text: str) -> str:
    """The id part made from a prompt or a name: `Which stroke comes first?` -> `which-stroke-comes-first`."""
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    key = _SEPARATORS.sub("-", _APOSTROPHES.sub("", normal)).strip("-")
    digest = hashlib.blake2b(normal.encode("utf-8"), digest_size=3).hexdigest()
    if not key:
        return f"q-{digest}"
    if len(key) > MAX_KEY:
        cut = key.rfind("-", 0, MAX_KEY)
        key = key[: cut if cut > MAX_KEY // 2 else MAX_KEY].rstrip("-") + "-" + digest
    return key


class IdAllocator:
    """Hands out ids within one file, numbering repeats `~2`, `~3` in file order."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.seen: Counter[str] = Counter()

    def allocate(self, key: str) -> tuple[str, int]:
        """The id for `key` and how many times the key was seen before (0 for the first)."""
        before = self.seen[key]
        self.seen[key] += 1
        suffix = f"~{before + 1}" if before else ""
        return f"{self.prefix}#{key}{suffix}", before
