"""A short plain-text excerpt of a page around the words that matched, with their spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from handbook.page import Page
from handbook.search.analysis import WORD_PATTERN, term_of, tokenize

SNIPPET_WIDTH = 180
ELLIPSIS = "\u2026"
MAX_SCANNED = 50_000  # characters of a page looked at for a snippet; pages are far shorter
_SENTENCE_END = re.compile(r"[.!?:;]\s")


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text, and the (start, end) character offsets in it of the words that matched."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The text with every matched word between `before` and `after`."""
        pieces = []
        last = 0
        for start, end in self.spans:
            pieces += [self.text[last:start], before, self.text[start:end], after]
            last = end
        pieces.append(self.text[last:])
        return "".join(pieces)


# British spellings of the starts of American terms: "hemo" is also looked for as "haemo".
_BRITISH_STARTS = (("hem", "haem"), ("e", "oe"), ("ped", "paed"), ("anes", "anaes"), ("es", "aes"))


@lru_cache(maxsize=256)
def _word_starts(terms: frozenset[str]) -> re.Pattern[str]:
    """A pattern for the words that begin like one of `terms` (or its British spelling)."""
    starts = set()
    for term in terms:
        start = term[:4]
        starts.add(start)
        for american, british in _BRITISH_STARTS:
            if start.startswith(american):
                starts.add(british + start[len(american) :])
    alternatives = sorted((re.escape(start) for start in starts if start), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")" if alternatives else r"(?!)", re.IGNORECASE)


def _hits(text: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of the words of `text` whose term is one of `terms`.

    A regular expression finds the words that begin like a term; only those are folded and
    stemmed. A passage is mostly other words, and analysing all of them would cost most of
    a search.
    """
    found = []
    done = 0
    for candidate in _word_starts(terms).finditer(text):
        if candidate.start() < done:
            continue
        word = WORD_PATTERN.match(text, candidate.start())
        if word is None:
            continue
        done = word.end()
        for start, end, term in _word_terms(word.group()):
            if term in terms:
                found.append((word.start() + start, word.start() + end, term))
    return found


_terms_of_words: dict[str, tuple[tuple[int, int, str], ...]] = {}


def _word_terms(word: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, term) within one word (several for a hyphenated word); cached."""
    found = _terms_of_words.get(word)
    if found is None:
        found = tuple((start, end, term_of(surface)) for surface, start, end, _, _ in tokenize(word))
        if len(_terms_of_words) > 100_000:
            _terms_of_words.clear()
        _terms_of_words[word] = found
    return found


def make_snippet(page: Page, terms: frozenset[str], width: int = SNIPPET_WIDTH) -> Snippet:
    """The passage of `page` that holds most of `terms`: its summary, a paragraph, or its other names."""
    passages = [(0, page.summary)]
    passages += [(1, paragraph) for paragraph in page.text[:MAX_SCANNED].split("\n")]
    if page.aliases:
        passages.append((2, "Also called: " + ", ".join(page.aliases) + "."))
    best: tuple[tuple[int, int, int], str, list[tuple[int, int, str]]] | None = None
    for preference, passage in passages:
        text = " ".join(passage.split())
        hits = _hits(text, terms) if terms else []
        if not hits:
            continue
        if preference == 2 and best is not None:
            break  # the other names explain a match only when no summary or paragraph does
        if best is not None and (len({term for _, _, term in hits}), -preference, len(hits)) <= best[0]:
            continue  # even all of its hits in one window would not beat the best passage so far
        distinct, count, window = _best_window(_merge_overlaps(hits), width)
        key = (distinct, -preference, count)
        if best is None or key > best[0]:
            best = (key, text, window)
    if best is None:
        text = " ".join((page.summary or page.text[:MAX_SCANNED]).split())
        return _cut(text, [], width)
    return _cut(best[1], best[2], width)


def _merge_overlaps(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the widest of overlapping hits: "side-lying" as a whole rather than "side" and "lying"."""
    merged: list[tuple[int, int, str]] = []
    for hit in sorted(hits, key=lambda h: (h[0], -h[1])):
        if merged and hit[0] < merged[-1][1]:
            continue
        merged.append(hit)
    return merged


def _best_window(hits: list[tuple[int, int, str]], width: int) -> tuple[int, int, list[tuple[int, int, str]]]:
    """The run of hits within `width` characters with the most distinct terms, then the most hits."""
    best = (0, 0, hits[:1])
    left = 0
    for right in range(len(hits)):
        while hits[right][1] - hits[left][0] > width:
            left += 1
        window = hits[left : right + 1]
        score = (len({term for _, _, term in window}), len(window))
        if score > best[:2]:
            best = (*score, window)
    return best


def _cut(text: str, hits: list[tuple[int, int, str]], width: int) -> Snippet:
    """At most about `width` characters of `text` (whitespace already collapsed) around `hits`."""
    if len(text) <= width:
        return Snippet(text, tuple((s, e) for s, e, _ in hits))
    if hits:
        first, last = hits[0][0], hits[-1][1]
        room = max(width - (last - first), 0)
        start = max(first - room // 3, 0)
        # Begin at the sentence the first match is in, when that start is close enough.
        for match in _SENTENCE_END.finditer(text, max(first - room, 0), first):
            start = match.end()
        end = min(max(start + width, last), len(text))
    else:
        first, last = len(text), 0
        start, end = 0, width
    # Never cut a word in two: move inwards to the nearest space, but not past a match.
    if start > 0 and text[start - 1] != " ":
        space = text.find(" ", start, first)
        if space != -1:
            start = space + 1
    if end < len(text) and text[end] != " ":
        space = text.rfind(" ", max(last, start), end)
        if space != -1:
            end = space
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    spans = tuple((s + shift, e + shift) for s, e, _ in hits if s >= start and e <= end)
    return Snippet(prefix + text[start:end] + suffix, spans)
