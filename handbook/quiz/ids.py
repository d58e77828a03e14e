"""Stable question ids: a question keeps its id (and so its history) when others change or move.

The rule (documented in README.md and writing-content.md):
- Markdown question: `<page slug>#<key of the prompt>`.
- GIFT question: `<file path>#<key of the ::name::>`, or of the question text when it has no name.
- Generated question: `<page slug>#~risk`.
The key is the text in lower case, apostrophes dropped and every other run of punctuation or
space made one hyphen, so fixing case, spacing or punctuation keeps the id; changing a word gives
a new one. A key longer than 80 characters is cut at a hyphen and ends with a short hash of the
whole key. When two questions of one file have the same key, the second gets `~2`, the third `~3`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

MAX_KEY = 80
GENERATED_RISK_KEY = "~risk"
_APOSTROPHES = re.compile(r"['\u2019`]")
_SEPARATORS = re.compile(r"[\W_]+")
_KEY_AND_REPEAT = re.compile(r"(?P<key>[^~]+)(?P<repeat>~\d+)?")


def question_key(text: str) -> str:
    """The id part made from a prompt or a name: `Which stroke comes first?` -> `which-stroke-comes-first`."""
    normal, key = _normal_and_key(text)
    if not key:
        return f"q-{_digest(normal)}"
    # The hash is of the whole key, not of the text, so that punctuation does not count in a long one either.
    return _shorten(key, _digest(key))


def legacy_question_key(text: str) -> str:
    """The key as handbook 0.1.0 made it: a long key's hash was of the text, punctuation included.

    Kept only so the progress store can carry the history of such questions over to their ids now.
    """
    normal, key = _normal_and_key(text)
    if not key:
        return f"q-{_digest(normal)}"
    return _shorten(key, _digest(normal))


def _normal_and_key(text: str) -> tuple[str, str]:
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return normal, _SEPARATORS.sub("-", _APOSTROPHES.sub("", normal)).strip("-")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=3).hexdigest()


def _shorten(key: str, digest: str) -> str:
    if len(key) <= MAX_KEY:
        return key
    cut = key.rfind("-", 0, MAX_KEY)
    return key[: cut if cut > MAX_KEY // 2 else MAX_KEY].rstrip("-") + "-" + digest


def rekeyed_id(question_id: str, texts: Iterable[str]) -> str | None:
    """The id now of a question whose id `legacy_question_key` made from one of `texts` (None if from none)."""
    prefix, hash_mark, rest = question_id.rpartition("#")
    match = _KEY_AND_REPEAT.fullmatch(rest)
    if not hash_mark or match is None:
        return None  # `~risk` is made from no text
    for text in texts:
        if legacy_question_key(text) == match["key"]:
            return f"{prefix}#{question_key(text)}{match['repeat'] or ''}"
    return None


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
