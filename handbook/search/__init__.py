"""Full-text search over the handbook: `SearchIndex.open(library, data_dir).search("blood thinners")`.

Modules, one job each: `analysis` (words, folding, stemming), `schema` (what is indexed),
`index` (the index on disk: freshness, locking, recovery), `query` (what a typed query
means), `spelling` (completions and corrections), `synonyms` (the synonym file),
`ranking` (weights and re-ranking), `snippets` (excerpts with highlights), `results`.
"""

from handbook.search.index import SearchIndex, index_folder
from handbook.search.results import SearchResult, SearchResults
from handbook.search.snippets import Snippet

__all__ = ["SearchIndex", "SearchResult", "SearchResults", "Snippet", "index_folder"]
