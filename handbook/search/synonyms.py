"""The synonym file (`_synonyms.yml`): groups of words and phrases that mean the same in a search.

    - [blood thinners, anticoagulants, anticoagulant medication]
    - [DVT, deep vein thrombosis]

A query that contains any term of a group also searches for the others. The file is read
when a search starts (and again when it changes), never indexed, so editing it needs no
rebuild. Its problems are reported by `handbook check`, each with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:  # libyaml is several times faster; the file is read each time a search index opens
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

from handbook.problems import Problem, error, warning
from handbook.sanitize import remove_control_characters
from handbook.search.analysis import is_stop_word, split_words, term_of
from handbook.source import SourceFile, read_source

SYNONYMS_FILE = "_synonyms.yml"
_EXAMPLE = "[blood thinners, anticoagulants]"


@dataclass(frozen=True)
class SynonymGroup:
    """Terms (words or phrases) that mean the same; `line` is the group's line in the file."""

    terms: tuple[str, ...]
    line: int


@dataclass
class SynonymFile:
    """What could be read from the synonym file, and what was wrong with it."""

    groups: list[SynonymGroup] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_synonyms(source: SourceFile | None) -> SynonymFile:
    """Read and check `_synonyms.yml`; a bad group is reported and skipped, the rest still apply."""
    result = SynonymFile()
    if source is None:
        return result
    read = read_source(source)
    result.problems += read.problems
    if read.text is None:
        return result
    return _parse(read.text, source.rel, result)


def _parse(text: str, rel: str, result: SynonymFile) -> SynonymFile:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1) if mark else 1
        result.problems.append(error(rel, line, f"invalid YAML: {exc.problem or exc.context}"))
        return result
    except (yaml.YAMLError, RecursionError, ValueError):
        result.problems.append(error(rel, 1, "invalid YAML"))
        return result
    if node is None:
        return result
    if not isinstance(node, yaml.SequenceNode):
        result.problems.append(
            error(rel, node.start_mark.line + 1, f"must be a list of synonym groups, one per line, e.g. - {_EXAMPLE}")
        )
        return result

    first_line: dict[tuple[str, ...], int] = {}
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.SequenceNode):
            result.problems.append(
                error(rel, line, f"a synonym group must be a list of words or phrases, e.g. - {_EXAMPLE}; skipped")
            )
            continue
        terms: list[tuple[str, tuple[str, ...], int]] = []
        seen: set[tuple[str, ...]] = set()
        for term_node in item.value:
            term_line = term_node.start_mark.line + 1
            if not isinstance(term_node, yaml.ScalarNode):
                result.problems.append(error(rel, term_line, "a synonym must be a word or phrase, not a list or mapping; skipped"))
                continue
            term = " ".join(remove_control_characters(term_node.value).split())  # "\e" in quotes is ESC again
            key = _key(term)
            if not key:
                result.problems.append(warning(rel, term_line, f"'{term}' has no words to search for; skipped"))
                continue
            if all(is_stop_word(word) for word in key):
                result.problems.append(
                    warning(rel, term_line, f"'{term}' is made only of words that searches ignore (like 'the', 'on'); it will rarely match")
                )
            if key in seen:
                result.problems.append(warning(rel, term_line, f"'{term}' is listed twice in this group"))
                continue
            seen.add(key)
            terms.append((term, key, term_line))
        if len(terms) < 2:
            message = "empty synonym group; skipped" if not item.value else "a synonym group needs at least two terms; skipped"
            result.problems.append(warning(rel, line, message))
            continue
        for term, key, term_line in terms:
            if key in first_line:
                result.problems.append(
                    warning(rel, term_line, f"'{term}' is also in the group on line {first_line[key]}; both groups apply")
                )
            else:
                first_line[key] = line
        result.groups.append(SynonymGroup(tuple(term for term, _, _ in terms), line))
    return result


def _key(term: str) -> tuple[str, ...]:
    return tuple(word.surface for word in split_words(term) if not word.joined)


# Words a phrase can gain or lose without changing its meaning: "on their stomach" is "on stomach".
FILLER_WORDS = frozenset("a an the their his her my your its our this that some".split())


def phrase_terms(text: str) -> tuple[str, ...]:
    """The terms of a phrase as synonyms compare them: stemmed, filler words left out."""
    return tuple(
        term_of(word.surface) for word in split_words(text) if not word.joined and word.surface not in FILLER_WORDS
    )


@dataclass(frozen=True)
class SynonymMatch:
    """A run of query terms `[start, end)` that a synonym group names, and what else to search."""

    start: int
    end: int
    alternatives: tuple[tuple[str, ...], ...]


class SynonymTable:
    """The synonym groups, ready to find in a query's terms."""

    def __init__(self, groups: list[SynonymGroup]) -> None:
        self._groups: list[tuple[tuple[str, ...], ...]] = []
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for group in groups:
            phrases = tuple(dict.fromkeys(t for t in (phrase_terms(term) for term in group.terms) if t))
            if len(phrases) < 2:
                continue
            index = len(self._groups)
            self._groups.append(phrases)
            for phrase in phrases:
                self._by_first.setdefault(phrase[0], []).append((phrase, index))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: -len(item[0]))

    def __len__(self) -> int:
        return len(self._groups)

    def find(self, terms: list[str]) -> list[SynonymMatch]:
        """Every longest run of `terms` that is a synonym, with the group's other phrases."""
        matches = []
        for start, first in enumerate(terms):
            best: tuple[str, ...] | None = None
            alternatives: dict[tuple[str, ...], None] = {}
            for phrase, group in self._by_first.get(first, ()):
                if best is not None and len(phrase) < len(best):
                    break
                if tuple(terms[start : start + len(phrase)]) == phrase:
                    best = phrase
                    alternatives.update(dict.fromkeys(p for p in self._groups[group] if p != phrase))
            if best is not None and alternatives:
                matches.append(SynonymMatch(start, start + len(best), tuple(alternatives)))
        return matches


def synonym_problems(settings: dict[str, SourceFile]) -> list[Problem]:
    """The problems of the content folder's synonym file, for `handbook check`."""
    return read_synonyms(settings.get(SYNONYMS_FILE)).problems
