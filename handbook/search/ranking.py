"""Where ranking lives: field weights, how much a guessed word counts, and the final re-ranking.

Scores come from BM25F over four fields, weighted as trainees expect: a page *named* for
what they typed (title or alias) first, then one *about* it (tags and headings), then one
that *sums it up* (summary), then one that merely mentions it (body). Words that were
guessed (a completion of a word being typed, a spelling correction, a synonym) count a
little less than words typed in full. Then `rerank` lifts pages whose title or an alias
is exactly what was asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import scoring

FIELD_WEIGHTS = {"names": 5.0, "topics": 2.5, "summary": 2.0, "body": 1.0}
TEXT_FIELDS = tuple(FIELD_WEIGHTS)

# Short fields should not lose much to their length: a page with eight aliases is no less
# about each of them than a page with one.
WEIGHTING = scoring.BM25F(B=0.75, K1=1.2, names_B=0.2, topics_B=0.3, summary_B=0.5)

COMPLETION_WEIGHT = 0.8  # a word completed from what has been typed so far
CORRECTION_WEIGHT = 0.7  # a word the trainee probably meant
SYNONYM_WEIGHT = 0.9  # per query word the synonym stands for
PROXIMITY_WEIGHT = 0.5  # two query words next to each other in the page
EXCLUDED_WEIGHT = 1.0

# Whoosh scores about 100,000 postings a second here. Beyond this many, a query drops its
# least telling parts (see query._within_budget) so typing stays fast on a large handbook.
SCORED_POSTINGS_BUDGET = 700

RERANK_DEPTH = 30  # how many of Whoosh's best hits are re-ranked
NAME_MATCH_BONUS = 1.6  # the whole query is the page's title or one of its aliases
TITLE_BONUS = 0.2  # all query words are in the title (a share of it for some of them)


def completion_weight(typed: str, completed: str) -> float:
    """A completion counts more the more of it has been typed: `hemoph` -> `hemophilia` nearly fully."""
    return COMPLETION_WEIGHT * (len(typed) / max(len(completed), 1)) ** 0.5


@dataclass
class Candidate:
    slug: str
    score: float


def rerank(candidates: list[Candidate], plan, page_names) -> list[Candidate]:
    """Lift pages named as asked. `page_names(slug)` gives (title terms, name term tuples).

    A page whose title or an alias is exactly the query gets `NAME_MATCH_BONUS`; otherwise
    each query word found in the title adds a share of `TITLE_BONUS`, so that of two pages
    that both carry a word in their names, the one whose *title* says it comes first.
    """
    words = plan.word_terms
    for candidate in candidates:
        title_terms, names = page_names(candidate.slug)
        if plan.names & names:
            candidate.score *= NAME_MATCH_BONUS
        elif words:
            in_title = sum(1 for terms in words if terms & title_terms)
            candidate.score *= 1 + TITLE_BONUS * in_title / len(words)
    candidates.sort(key=lambda c: (-c.score, c.slug))
    return candidates
