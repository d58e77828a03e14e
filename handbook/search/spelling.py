"""The words the index knows: completing a word being typed and correcting a misspelt one.

Corrections use symmetric deletes (the idea behind SymSpell): every known word is filed
under each form it takes with one letter deleted; a typed word meets its candidates
through its own deletions, so a lookup costs a few dozen dictionary probes instead of a
walk over the whole vocabulary (Whoosh's fuzzy queries cost 20-50 times a plain term).
The table is built on the first misspelling and kept until the index changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MIN_CORRECTED_LENGTH = 4  # "sre" could be a typo of too many words to guess
ALL_WORDS = "words"  # index field: every word of every page, as typed (folded, unstemmed)
NAME_WORDS = "namewords"  # index field: the words of titles, aliases and tags


def max_distance(word: str) -> int:
    """How many typing mistakes a word of this length may hold and still be corrected."""
    if len(word) < MIN_CORRECTED_LENGTH:
        return 0
    return 1 if len(word) < 7 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours is one edit), or `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_best = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_best = min(row_best, value)
        if row_best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True, slots=True)
class Correction:
    word: str
    distance: int
    frequency: int


class SpellingDictionary:
    """Known words with the number of pages that use them; finds the nearest to a misspelling."""

    def __init__(self, frequencies: dict[str, int]) -> None:
        self.frequencies = {word: count for word, count in frequencies.items() if word.isalpha() and len(word) >= 3}
        self._by_delete: dict[str, list[str]] | None = None

    @classmethod
    def from_terms(cls, terms: Iterable[tuple[str, int]]) -> SpellingDictionary:
        return cls(dict(terms))

    def _table(self) -> dict[str, list[str]]:
        if self._by_delete is None:
            table: dict[str, list[str]] = {}
            for word in self.frequencies:
                for deleted in _deletes(word):
                    table.setdefault(deleted, []).append(word)
            self._by_delete = table
        return self._by_delete

    def corrections(self, word: str, limit: int = 3) -> list[Correction]:
        """Known words within `max_distance(word)` edits of `word`, nearest and most used first."""
        allowed = max_distance(word)
        if allowed == 0 or not word.isalpha():
            return []
        table = self._table()
        frequencies = self.frequencies
        candidates: set[str] = set(table.get(word, ()))  # one letter missing from `word`
        first = _deletes(word)
        probes = set(first)
        if allowed > 1:
            for deleted in first:
                probes |= _deletes(deleted)
        for probe in probes:
            if probe in frequencies:
                candidates.add(probe)
            candidates.update(table.get(probe, ()))
        found = []
        for candidate in candidates:
            if candidate == word:
                continue
            distance = edit_distance(word, candidate, allowed)
            if distance <= allowed:
                found.append(Correction(candidate, distance, frequencies[candidate]))
        found.sort(key=lambda c: (c.distance, -c.frequency, c.word))
        return found[:limit]


class Vocabulary:
    """The words an open index knows, for completing and correcting query words.

    Holds a Whoosh reader; one instance per index generation, used by one thread at a time.
    """

    def __init__(self, reader, all_words: str, name_words: str, text_fields: tuple[str, ...]) -> None:
        self._reader = reader
        self._all_words = all_words
        self._name_words = name_words
        self._text_fields = text_fields
        self._dictionary: SpellingDictionary | None = None

    def knows(self, surface: str, term: str) -> bool:
        """True when the index holds this word as typed, or another word with the same term."""
        reader = self._reader
        if (self._all_words, surface) in reader:
            return True
        return any((field, term) in reader for field in self._text_fields)

    def doc_frequency(self, field: str, term: str) -> int:
        """How many pages hold `term` in `field`."""
        return self._reader.doc_frequency(field, term)

    def completions(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` known words that start with `prefix` (not `prefix` itself), most used first.

        Words of titles, aliases and tags come first; one or two letters complete only those,
        since every other word would be a guess among hundreds.
        """
        found: dict[str, tuple[int, int]] = {}
        sources = [(self._name_words, 1)]
        if len(prefix) >= 3:
            sources.append((self._all_words, 0))
        scan = COMPLETION_SCAN if len(prefix) > 2 else COMPLETION_SCAN // 4
        for field, rank in sources:
            for count, (raw, info) in enumerate(self._reader.iter_prefix(field, prefix)):
                if count >= scan:
                    break
                word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                if word != prefix and word not in found:
                    found[word] = (rank, info.doc_frequency())
        ordered = sorted(found, key=lambda word: (-found[word][0], -found[word][1], word))
        return ordered[:limit]

    def corrections(self, word: str, limit: int = 3) -> list[Correction]:
        """Known words close to a misspelt `word`."""
        if self._dictionary is None:
            words = {}
            for raw, info in self._reader.iter_field(self._all_words):
                text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                words[text] = info.doc_frequency()
            self._dictionary = SpellingDictionary(words)
        return self._dictionary.corrections(word, limit)


COMPLETION_SCAN = 400  # words looked at for one prefix; the most used among them are kept
