"""What a search returns: the pages found, best first, with a snippet each, and a suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field

from handbook.search.snippets import Snippet


@dataclass(frozen=True, slots=True)
class SearchResult:
    slug: str
    title: str
    category: str
    risk: str | None
    score: float
    snippet: Snippet


@dataclass(frozen=True, slots=True)
class SearchResults:
    """`suggestion` is the query with misspelt words corrected ("did you mean"), or None.

    `notice` says why nothing could match, such as a `category:` filter that names no category.
    """

    query: str
    suggestion: str | None = None
    results: tuple[SearchResult, ...] = field(default_factory=tuple)
    notice: str | None = None

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self):
        return iter(self.results)

    def to_json(self) -> dict:
        """The shape `handbook search --json` prints."""
        return {
            "query": self.query,
            "suggestion": self.suggestion,
            "results": [
                {
                    "slug": r.slug,
                    "title": r.title,
                    "category": r.category,
                    "risk": r.risk,
                    "score": round(r.score, 4),
                    "snippet": r.snippet.text,
                }
                for r in self.results
            ],
        }
