"""Turn whatever a trainee typed into a Whoosh query. Every input is valid.

`parse_query` reads the text: free words, "quoted phrases", `category:NAME` and
`risk:total|local|caution` filters, and `-word` or `NOT word` exclusions; anything else
(stray quotes, `AND`/`OR`, `*`, `?`, `~`, brackets, emoji) is simply not a word.
`QueryPlanner.plan` then decides what each word may match: itself, its completions when
it is the word being typed, close known words when it is misspelt, and the synonyms of
any run of words. Stop words are dropped; the rest are OR-ed, so pages that match more
of them rank higher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from handbook.search import ranking
from handbook.search.analysis import MAX_WORD_LENGTH, STOP_WORDS, americanize, fold, is_stop_word, split_words, term_of
from handbook.search.schema import CATEGORY, NAMES, RISK, SUMMARY, TEXT_FIELDS, TOPICS, category_key
from handbook.search.spelling import Vocabulary
from handbook.search.synonyms import FILLER_WORDS, SynonymMatch, SynonymTable

MAX_WORDS = 24  # words of a query that are searched; the rest of a pasted paragraph is ignored
MAX_PHRASES = 8
COMPLETIONS = 10
# Completions of the word being typed are looked for where a page is named or tagged: typing
# "hemo" should bring up "Hemophilia", not every page that mentions a "hemorrhage".
COMPLETED_FIELDS = (NAMES, TOPICS)
# Phrases (a synonym's words, neighbouring query words) are matched in the short fields only:
# checking word positions through long page bodies costs more than it adds to the ranking.
PHRASE_FIELDS = (NAMES, TOPICS, SUMMARY)
RISKS = ("total", "local", "caution")
STOP_TERMS = frozenset(term_of(word) for word in STOP_WORDS)  # never highlighted unless quoted

_FILTER = re.compile(r'(?<!\S)(category|risk):(?:"([^"]*)"?|(\S*))', re.IGNORECASE)
_QUOTED = re.compile(r'"([^"]*)"')
_EXCLUDED = re.compile(r"(?:(?<![^\s(])-|\bNOT\s+)([^\W_][\w'\u2019-]*)")
_OPERATOR = re.compile(r"\b(?:AND|OR|NOT)\b")


@dataclass(frozen=True, slots=True)
class QueryWord:
    """A free word of the query: folded form, where it was typed, and how to treat it."""

    surface: str
    start: int
    end: int
    stop: bool
    prefix: bool  # the last word with nothing typed after it yet, or a word followed by `*`


@dataclass
class ParsedQuery:
    text: str
    words: list[QueryWord] = field(default_factory=list)
    phrases: list[list[QueryWord]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    category: str | None = None
    risk: str | None = None


def parse_query(text: str) -> ParsedQuery:
    """Read a query; never raises. Offsets in the result refer to `text`."""
    parsed = ParsedQuery(text)
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = " " * (end - start)

    for match in _FILTER.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        value = " ".join(value.split())
        if value:
            setattr(parsed, match.group(1).lower(), value)
        blank(*match.span())
    remaining = "".join(chars)
    for match in _QUOTED.finditer(remaining):
        offset = match.start(1)
        words = [
            QueryWord(w.surface, offset + w.start, offset + w.end, stop=is_stop_word(w.surface), prefix=False)
            for w in split_words(match.group(1))
            if not w.joined
        ]
        if words and len(parsed.phrases) < MAX_PHRASES:
            parsed.phrases.append(words[:MAX_WORDS])
        blank(*match.span())
    remaining = "".join(chars)
    for match in _EXCLUDED.finditer(remaining):
        parsed.excluded += [w.surface for w in split_words(match.group(1)) if not w.joined]
        blank(*match.span())
    remaining = _OPERATOR.sub(lambda m: " " * len(m.group()), "".join(chars))

    words = [w for w in split_words(remaining) if not w.joined]
    shouting = text.isupper() and len(words) > 1
    for index, word in enumerate(words):
        typed = text[word.start : word.end]
        # "AS" or "IT" in capitals is an abbreviation, not a stop word (unless caps lock is on).
        abbreviation = typed.isupper() and len(typed) >= 2 and not shouting
        parsed.words.append(
            QueryWord(
                surface=word.surface,
                start=word.start,
                end=word.end,
                stop=is_stop_word(word.surface) and not abbreviation,
                # The word being typed, or one ending in `*` as in other search boxes ("hemo*").
                prefix=(index == len(words) - 1 and not text[word.end :].strip("*")) or text.startswith("*", word.end),
            )
        )
    return parsed


@dataclass(frozen=True, slots=True)
class WordCorrection:
    """A misspelt query word and the known words it may have meant, best first."""

    word: QueryWord
    candidates: tuple[str, ...]


@dataclass
class SearchPlan:
    """A Whoosh query ready to run, and what is needed to present its results."""

    query: wq.Query | None
    filter: wq.Query | None = None
    highlight: frozenset[str] = frozenset()
    corrections: list[WordCorrection] = field(default_factory=list)
    names: set[tuple[str, ...]] = field(default_factory=set)  # term tuples a page name could equal
    word_terms: list[frozenset[str]] = field(default_factory=list)  # per query word, the terms it may match
    without_phrases: SearchPlan | None = None  # to run when the quoted phrases match nothing
    unknown_filter: str | None = None  # what is wrong with a category or risk filter that names nothing


class QueryPlanner:
    """Plans queries against one index generation: its vocabulary, the synonyms, the categories."""

    def __init__(self, vocabulary: Vocabulary, synonyms: SynonymTable, categories: list[str]) -> None:
        self.vocabulary = vocabulary
        self.synonyms = synonyms
        self.categories = {category_key(name): name for name in categories}

    def plan(self, parsed: ParsedQuery, category: str | None = None, risk: str | None = None) -> SearchPlan:
        """The plan for `parsed`; `category` and `risk` add to the filters typed in the query."""
        filters: list[wq.Query] = []
        unknown: list[str] = []
        for wanted in (category, parsed.category):
            if wanted:
                keys = self.matching_categories(wanted)
                if not keys:
                    unknown.append(f"no category '{wanted}' (categories: {', '.join(self.categories.values())})")
                filters.append(_any_of([wq.Term(CATEGORY, key) for key in keys]))
        for wanted in (risk, parsed.risk):
            if wanted:
                levels = [level for level in RISKS if level.startswith(fold(wanted).strip())]
                if not levels:
                    unknown.append(f"no risk '{wanted}' (risks: {', '.join(RISKS)})")
                filters.append(_any_of([wq.Term(RISK, level) for level in levels]))
        if unknown:
            return SearchPlan(None, unknown_filter="; ".join(dict.fromkeys(unknown)))
        filter_query = None if not filters else filters[0] if len(filters) == 1 else wq.And(filters)

        plan = self._plan_words(parsed, use_phrases=True)
        plan.filter = filter_query
        if parsed.phrases and plan.query is not None:
            plan.without_phrases = self._plan_words(parsed, use_phrases=False)
            plan.without_phrases.filter = filter_query
        if plan.query is None and filter_query is not None and not parsed.words and not parsed.phrases:
            plan.query = wq.Every()  # "category:positioning" alone lists the category
        return plan

    def matching_categories(self, wanted: str) -> list[str]:
        """Category keys equal to `wanted`, else starting with it (`contra` -> contraindications)."""
        key = category_key(wanted)
        if key in self.categories:
            return [key]
        return [name for name in self.categories if key and name.startswith(key)]

    def _plan_words(self, parsed: ParsedQuery, use_phrases: bool) -> SearchPlan:
        words = list(parsed.words)
        if not use_phrases:
            words = sorted(words + [word for phrase in parsed.phrases for word in phrase], key=lambda w: w.start)
        content = [w for w in words if not w.stop][:MAX_WORDS]
        highlight: set[str] = set()
        corrections: list[WordCorrection] = []
        clauses: list[Clause] = []
        names: set[tuple[str, ...]] = set()
        exact_terms: list[str | None] = []
        word_terms: list[frozenset[str]] = []
        kept = [w for w in words if w.surface not in FILLER_WORDS]
        synonyms = self.synonyms.find([term_of(w.surface) for w in kept]) if len(self.synonyms) else []
        # A word of a phrase in the synonym file ("pregnant lady") is no typo, even if no page uses it.
        in_synonym = {id(w) for match in synonyms for w in kept[match.start : match.end]}

        if not content and words and words[-1].prefix and len(words[-1].surface) >= 2 and not parsed.phrases:
            # Only a stop word so far, still being typed: "on" may be the start of "oncology".
            alternatives = _best_per_term(self._completions(words[-1]))
            clauses += self._term_clauses(alternatives, group=0, fields=COMPLETED_FIELDS)
            highlight.update(term for term, _ in alternatives)
            names.update((term,) for term, _ in alternatives)

        for group, word in enumerate(content):
            term = term_of(word.surface)
            alternatives: list[tuple[str, float]] = []
            known = self.vocabulary.knows(word.surface, term)
            if known:
                alternatives.append((term, 1.0))
            if word.prefix:
                alternatives += self._completions(word)
            if not alternatives and id(word) not in in_synonym:
                found = self.vocabulary.corrections(word.surface)
                if found:
                    corrections.append(WordCorrection(word, tuple(c.word for c in found)))
                    for correction in found:
                        weight = ranking.CORRECTION_WEIGHT / correction.distance
                        alternatives.append((term_of(correction.word), weight))
            completing = word.prefix
            if not alternatives and len(word.surface) >= 3:
                # A word no page uses, and no typo of one, may still be the start of one: "hemo bleeding".
                # Only names are looked at: it is cheaper, and a word left unfinished is mostly a name.
                alternatives += self._completions(word, names_only=True)
                completing = True
            alternatives = _best_per_term(alternatives)
            exact_terms.append(term if known else (alternatives[0][0] if alternatives else None))
            if alternatives:
                word_terms.append(frozenset(t for t, _ in alternatives))
            if completing:
                # The word as typed is searched everywhere, its completions only where names are.
                typed = [(t, w) for t, w in alternatives if known and t == term]
                clauses += self._term_clauses(typed, group)
                clauses += self._term_clauses([a for a in alternatives if a not in typed], group, fields=COMPLETED_FIELDS)
            else:
                clauses += self._term_clauses(alternatives, group)
            highlight.update(t for t, _ in alternatives)
            if word.prefix and len(content) == 1:
                names.update((t,) for t, _ in alternatives)

        known_terms = [t for t in exact_terms if t]
        if known_terms:
            names.add(tuple(known_terms))
        for a, b in list(zip(exact_terms, exact_terms[1:]))[: MAX_WORDS // 2]:
            if a and b and a != b:  # neighbouring query words that stand together in a page
                clauses += self._phrase_clauses([a, b], ranking.PROXIMITY_WEIGHT, slop=2)
        clauses += self._synonym_clauses(kept, synonyms, content, names, highlight)
        clauses += self._compound_clauses(parsed.text, content, names, highlight)

        required: list[wq.Query] = []
        if use_phrases:
            for phrase in parsed.phrases:
                phrase_terms = [term_of(word.surface) for word in phrase]
                required.append(_any_of([c.query for c in self._phrase_clauses(phrase_terms, 1.0)]))
                highlight.update(phrase_terms)
                if not content:
                    names.add(tuple(term_of(word.surface) for word in phrase if not word.stop))

        optional = [c.query for c in _within_budget(clauses)]
        query: wq.Query | None
        if required:
            must = required[0] if len(required) == 1 else wq.And(required)
            query = wq.AndMaybe(must, wq.Or(optional)) if optional else must
        elif optional:
            query = optional[0] if len(optional) == 1 else wq.Or(optional)
        else:
            query = None
        if query is not None and parsed.excluded:
            banned = [wq.Term(f, term_of(s)) for s in parsed.excluded for f in TEXT_FIELDS]
            query = wq.AndNot(query, wq.Or(banned))
        return SearchPlan(
            query, highlight=frozenset(highlight), corrections=corrections, names=names, word_terms=word_terms
        )

    def _completions(self, word: QueryWord, names_only: bool = False) -> list[tuple[str, float]]:
        prefixes = dict.fromkeys((word.surface, americanize(word.surface)))
        found: list[tuple[str, float]] = []
        for prefix in prefixes:
            for completion in self.vocabulary.completions(prefix, COMPLETIONS, names_only):
                found.append((term_of(completion), ranking.completion_weight(prefix, completion)))
        return found

    def _term_clauses(
        self,
        alternatives: list[tuple[str, float]],
        group: int | None,
        weight: float = 1.0,
        fields: tuple[str, ...] = TEXT_FIELDS,
    ) -> list[Clause]:
        """One clause per field and alternative term that occurs in that field."""
        clauses = []
        for name in fields:
            field_weight = ranking.FIELD_WEIGHTS[name] * weight
            for term, term_weight in alternatives:
                count = self.vocabulary.doc_frequency(name, term)
                if count:
                    clauses.append(Clause(wq.Term(name, term, boost=field_weight * term_weight), count, group))
        return clauses

    def _phrase_clauses(self, terms: list[str], weight: float, slop: int = 1) -> list[Clause]:
        """Words in this order (at most `slop` apart) in each field where they all occur."""
        if len(terms) == 1:
            return self._term_clauses([(terms[0], 1.0)], None, weight)
        clauses = []
        for name in PHRASE_FIELDS:
            counts = [self.vocabulary.doc_frequency(name, term) for term in terms]
            if min(counts):
                count = sum(counts)  # a phrase reads the postings of all its words
                boost = ranking.FIELD_WEIGHTS[name] * weight
                clauses.append(Clause(wq.Phrase(name, terms, slop=slop, boost=boost), count, None))
        return clauses

    def _compound_clauses(
        self, text: str, content: list[QueryWord], names: set[tuple[str, ...]], highlight: set[str]
    ) -> list[Clause]:
        """Two typed words the handbook writes as one: "collar bone" also finds "collarbone"."""
        clauses = []
        for first, second in zip(content, content[1:]):
            if text[first.end : second.start].strip(" -"):
                continue  # not neighbours as typed
            joined = first.surface + second.surface
            term = term_of(joined)
            if len(joined) > MAX_WORD_LENGTH or not self.vocabulary.knows(joined, term):
                continue
            clauses += self._term_clauses([(term, 1.0)], None, ranking.SYNONYM_WEIGHT * 2)
            highlight.add(term)
            if len(content) == 2:
                names.add((term,))
        return clauses

    def _synonym_clauses(
        self,
        kept: list[QueryWord],
        matches: list[SynonymMatch],
        content: list[QueryWord],
        names: set[tuple[str, ...]],
        highlight: set[str],
    ) -> list[Clause]:
        """Clauses for the other terms of every synonym group a run of query words belongs to.

        `matches` are the synonym runs found in `kept`, the query words without filler words.
        """
        content_ids = {id(w) for w in content}
        clauses = []
        for match in matches:
            span = kept[match.start : match.end]
            meaning = max(sum(1 for w in span if id(w) in content_ids), 1)
            for alternative in match.alternatives:
                clauses += self._phrase_clauses(list(alternative), ranking.SYNONYM_WEIGHT * meaning)
                highlight.update(term for term in alternative if term not in STOP_TERMS)
            if content and content_ids <= {id(w) for w in span}:
                names.update(match.alternatives)
        return clauses


@dataclass(frozen=True, slots=True)
class Clause:
    """One scored part of a query; `cost` is how many postings scoring it reads."""

    query: wq.Query
    cost: int
    group: int | None  # the query word it stands for; each word keeps at least one clause


def _within_budget(clauses: list[Clause]) -> list[Clause]:
    """Drop the costliest clauses until scoring fits the budget.

    The costliest clauses are the words on most pages (like "massage" in a page body): their
    BM25 weight is near zero, so dropping them barely moves the ranking, and they are what
    makes a query slow on a large handbook. Each query word keeps its cheapest clause while
    that fits; the cheapest clause of all is always kept.
    """
    total = sum(clause.cost for clause in clauses)
    budget = ranking.SCORED_POSTINGS_BUDGET
    if total <= budget:
        return clauses
    order = sorted(range(len(clauses)), key=lambda i: -clauses[i].cost)
    left: dict[int | None, int] = {}
    for clause in clauses:
        left[clause.group] = left.get(clause.group, 0) + 1
    dropped: set[int] = set()
    for last_of_word_too in (False, True):
        for index in order:
            clause = clauses[index]
            if total <= budget or len(dropped) == len(clauses) - 1:
                break
            if index in dropped:
                continue
            if clause.group is not None and left[clause.group] <= 1 and not (last_of_word_too and clause.cost > budget):
                continue
            left[clause.group] -= 1
            dropped.add(index)
            total -= clause.cost
    return [clause for index, clause in enumerate(clauses) if index not in dropped]


def _best_per_term(alternatives: list[tuple[str, float]]) -> list[tuple[str, float]]:
    best: dict[str, float] = {}
    for term, weight in alternatives:
        if term and weight > best.get(term, 0.0):
            best[term] = weight
    return sorted(best.items(), key=lambda item: -item[1])


def _any_of(queries: list[wq.Query]) -> wq.Query:
    if not queries:
        return wq.NullQuery
    return queries[0] if len(queries) == 1 else wq.Or(queries)
