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


def completion_weight(typed: str, completed: str) -> float:
    """A completion counts more the more of it has been typed: `hemoph` -> `hemophilia` nearly fully."""
    return COMPLETION_WEIGHT * (len(typed) / max(len(completed), 1)) ** 0.5


@dataclass
class Candidate:
    slug: str
    score: float


def rerank(candidates: list[Candidate], query_names: set[tuple[str, ...]], page_names) -> list[Candidate]:
    """Lift the pages named exactly as asked; `page_names(slug)` gives a page's name term tuples."""
    if query_names:
        for candidate in candidates:
            if query_names & page_names(candidate.slug):
                candidate.score *= NAME_MATCH_BONUS
    candidates.sort(key=lambda c: (-c.score, c.slug))
    return candidates
