"""The words the index knows: completing a word being typed and correcting a misspelt one.

Most typos are one edit away and are found by looking up the few hundred strings one edit
from the typed word among the known words with the same first letters. For two edits, every
known word is filed under each form it takes with one letter deleted (the symmetric-delete
idea behind SymSpell), so a lookup costs a few hundred dictionary probes instead of a walk
over the whole vocabulary (Whoosh's fuzzy queries cost 20-50 times a plain term); that
table is built for the first word that needs it, once per index generation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

MIN_CORRECTED_LENGTH = 4  # "sre" could be a typo of too many words to guess
# From this length, a word with no known word one edit away may be two letters wrong in a
# word of a title, alias or tag ("excema" for "eczema"): those are the words trainees aim at.
MIN_TWO_EDITS_TO_A_NAME = 6
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


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> set[str]:
    """Every string one edit from `word`: a letter deleted, swapped with its neighbour, changed or added."""
    letters = set(_LETTERS) | set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | swaps | changes | inserts) - {word}


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True, slots=True)
class Correction:
    word: str
    distance: int
    frequency: int


class SpellingDictionary:
    """Known words, and how to find the nearest of them to a misspelling."""

    def __init__(self, words: Iterable[str], frequency: Callable[[str], int]) -> None:
        self.words = frozenset(word for word in words if word.isalpha() and len(word) >= 3)
        self.frequency = frequency  # how many pages use a word
        self._by_delete: dict[str, list[str]] | None = None

    def _table(self) -> dict[str, list[str]]:
        if self._by_delete is None:
            table: dict[str, list[str]] = {}
            for word in self.words:
                for deleted in _deletes(word):
                    table.setdefault(deleted, []).append(word)
            self._by_delete = table
        return self._by_delete

    def corrections(self, word: str, limit: int = 3, allowed: int | None = None) -> list[Correction]:
        """Known words within `allowed` (default `max_distance(word)`) edits of `word`, nearest and most used first."""
        allowed = max_distance(word) if allowed is None else allowed
        if allowed == 0 or not word.isalpha():
            return []
        table = self._table()
        words = self.words
        # A known word one letter longer than `word` is filed under `word` itself; one at two
        # edits is filed under a string one edit from `word`, or two deletions from it.
        candidates: set[str] = set(table.get(word, ()))
        probes = edits1(word)
        for deleted in _deletes(word):
            probes |= _deletes(deleted)
        for probe in probes:
            if probe in words:
                candidates.add(probe)
            candidates.update(table.get(probe, ()))
        found = []
        for candidate in candidates:
            if candidate == word:
                continue
            distance = edit_distance(word, candidate, allowed)
            if distance <= allowed:
                found.append(Correction(candidate, distance, self.frequency(candidate)))
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
        self._name_dictionary: SpellingDictionary | None = None
        self._by_letter: dict[str, frozenset[str]] = {}

    def knows(self, surface: str, term: str) -> bool:
        """True when the index holds this word as typed, or another word with the same term."""
        reader = self._reader
        if (self._all_words, surface) in reader:
            return True
        return any((field, term) in reader for field in self._text_fields)

    def _words_starting(self, letter: str) -> frozenset[str]:
        """The known words that begin with `letter`, read once per index generation."""
        words = self._by_letter.get(letter)
        if words is None:
            words = frozenset(
                raw.decode("utf-8") if isinstance(raw, bytes) else raw
                for raw in self._reader.expand_prefix(self._all_words, letter)
            )
            self._by_letter[letter] = words
        return words

    def doc_frequency(self, field: str, term: str) -> int:
        """How many pages hold `term` in `field`."""
        return self._reader.doc_frequency(field, term)

    def completions(self, prefix: str, limit: int, names_only: bool = False) -> list[str]:
        """Up to `limit` known words that start with `prefix` (not `prefix` itself), most used first.

        Words of titles, aliases and tags come first; one or two letters (or `names_only`)
        complete only those, since every other word would be a guess among hundreds.
        """
        found: dict[str, tuple[int, int]] = {}
        sources = [(self._name_words, 1)]
        if len(prefix) >= 3 and not names_only:
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
        """Known words close to a misspelt `word`, nearest and most used first.

        One typing mistake is found by looking up every string one edit away (a few hundred
        lookups, no table to build); only a word with no such neighbour pays, once per index
        generation, for the table that finds two mistakes.
        """
        if max_distance(word) == 0 or not word.isalpha():
            return []
        reader = self._reader
        # Typos in the first letter are rare; leaving them out keeps the lookups to the
        # words beginning with the typed word's first two letters.
        near = [c for c in edits1(word) if c[:1] in word[:2] and c in self._words_starting(c[:1])]
        if near:
            found = [Correction(c, 1, reader.doc_frequency(self._all_words, c)) for c in near]
            found.sort(key=lambda c: (-c.frequency, c.word))
            return found[:limit]
        if max_distance(word) < 2:
            if len(word) < MIN_TWO_EDITS_TO_A_NAME:
                return []
            if self._name_dictionary is None:
                self._name_dictionary = self._dictionary_of(self._name_words)
            # Two edits in a short word allow many guesses ("garden" for "grade"): only letters
            # changed inside the word, the first and last as typed, are taken for a typo.
            found = self._name_dictionary.corrections(word, limit, allowed=2)
            return [c for c in found if len(c.word) == len(word) and c.word[0] == word[0] and c.word[-1] == word[-1]]
        if self._dictionary is None:
            self._dictionary = self._dictionary_of(self._all_words)
        return self._dictionary.corrections(word, limit)

    def _dictionary_of(self, field: str) -> SpellingDictionary:
        reader = self._reader
        words = (raw.decode("utf-8") if isinstance(raw, bytes) else raw for raw in reader.lexicon(field))
        return SpellingDictionary(words, lambda w: reader.doc_frequency(self._all_words, w))


COMPLETION_SCAN = 400  # words looked at for one prefix; the most used among them are kept
